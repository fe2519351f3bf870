// Test fixture: the units a hand-made module keeps, the same rule in every suite that builds one.
#pragma once

#include <cstdint>
#include <vector>

#include "models/network.h"

// Units 0, step, 2 * step, ... of every masked layer (never empty).
inline std::vector<std::vector<int64_t>> everyNthUnit(const nemo::NetworkImpl& model,
                                                      int64_t step) {
    std::vector<std::vector<int64_t>> keep;
    for (int64_t width : model.maskedWidths()) {
        std::vector<int64_t> units;
        for (int64_t j = 0; j < width; j += step) units.push_back(j);
        keep.push_back(units);
    }
    return keep;
}
