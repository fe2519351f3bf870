// Class x neuron mean masks on a fixed probe set: what the Neurons tab draws while a model
// trains. Plain data, safe to copy across threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nemo/dataset.h"

namespace nemo {

struct HeatmapFrame {
    int epoch = 0;
    int step = 0;  // training steps of this epoch done, as the status bar counts them
    int stepsPerEpoch = 0;
    long long globalStep = 0;
    std::vector<std::string> classNames;
    struct Layer {
        std::string name;
        int units = 0;
        std::vector<float> values;  // classes x units, row-major: mean mask of class c, unit j
        float at(int classId, int unit) const { return values[size_t(classId) * units + unit]; }
        // Probe images x units, row-major: the mask of each probe image (per-sample view).
        std::vector<float> samples;
        float sampleAt(int sample, int unit) const {
            return samples[size_t(sample) * units + unit];
        }
    };
    std::vector<Layer> layers;
    // The probe images (raw pixels and labels, in probe order). Shared: they never change, so
    // frames sent every few steps do not copy them.
    std::shared_ptr<const ImageSet> probeImages;
};

}  // namespace nemo
