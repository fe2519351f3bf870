// Opens a finished (or stopped) run: its config, its dataset prepared as during training, and the
// trained model from checkpoints/final.pt (or last.pt).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/network.h"
#include "nemo/dataset.h"
#include "nemo/train_config.h"

namespace nemo {

struct LoadedRun {
    TrainConfig config;
    nlohmann::json info;  // config.json as written (class names, layers, normalization)
    Dataset data;         // limited and padded as in training
    Network model;        // eval mode
    std::string checkpoint;
    int epochs = 0;  // finished epochs in that checkpoint
};

// Throws std::runtime_error naming what is missing ("run a training first", ...).
LoadedRun loadRun(const std::string& runDir, const std::string& dataDirOverride = {});

// The dataset of a config, limited and padded to what the model expects.
Dataset prepareDataset(const TrainConfig& config);

}  // namespace nemo
