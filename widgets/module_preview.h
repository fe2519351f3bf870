// What a threshold does to a modularized run, from per-class frequencies alone: the engine's own
// threshold rule (nemo::moduleMasks, fallback included), so the Modules tab's slider shows while
// dragging exactly what `nemo modularize --threshold t` would write, without running the model.
#pragma once

#include <vector>

#include "modular_data.h"
#include "nemo/bit_matrix.h"

struct ModulePreview {
    double threshold = 0;
    nemo::BitMatrix masks;                     // class x unit: unit in the class's module
    std::vector<double> classRetention;        // |module_c| / K
    double retention = 0;                      // mean over classes
    double coupling = 0;                       // mean Jaccard over pairs of distinct classes
    std::vector<std::vector<double>> overlap;  // Jaccard of class modules (NaN: both empty)
    std::vector<int64_t> layerWidths;

    // Units kept per layer by a module for `classes` (the union of their module masks, as
    // `nemo extract` keeps them).
    std::vector<int64_t> keptPerLayer(const std::vector<int>& classes) const;
    // Which units that module keeps: kept[layer][unit] (the Network tab frames them).
    std::vector<std::vector<bool>> keptUnits(const std::vector<int>& classes) const;
};

ModulePreview previewModules(const ModularFrequencies& frequencies, double threshold);
