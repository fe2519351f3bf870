// Class x neuron mean masks on a fixed probe set: what the Neurons tab draws while a model
// trains. Plain data, safe to copy across threads.
#pragma once

#include <string>
#include <vector>

namespace nemo {

struct HeatmapFrame {
    int epoch = 0;
    long long globalStep = 0;
    std::vector<std::string> classNames;
    struct Layer {
        std::string name;
        int units = 0;
        std::vector<float> values;  // classes x units, row-major: mean mask of class c, unit j
        float at(int classId, int unit) const { return values[size_t(classId) * units + unit]; }
    };
    std::vector<Layer> layers;
};

}  // namespace nemo
