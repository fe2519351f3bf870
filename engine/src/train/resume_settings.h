// What `train --resume` may change: the learning rates and loss weights (they enter each epoch
// and step afresh); settings that define the run (model, data, batch size, ...) must keep the
// run's values.
#pragma once

#include <string>
#include <vector>
#include "nemo/train_config.h"

#include "nemo/trainer.h"

namespace nemo {

// Applies requested.changeOnResume to `saved` (the run's config.json) and returns each change
// ("lr 0.05 -> 0.01"), for the trainer to record once it knows the epoch it resumes after.
// Throws TrainingError naming the option when a setting that defines the run is given with
// another value.
std::vector<std::string> applyResumeChanges(const TrainConfig& requested, TrainConfig& saved);

}  // namespace nemo
