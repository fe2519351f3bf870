// What `train --resume` may change: the learning rates and loss weights (they enter each epoch
// and step afresh); settings that define the run (model, data, batch size, ...) must keep the
// run's values. Changes are applied to the saved config and kept in its change history.
#pragma once

#include "nemo/train_config.h"
#include "nemo/trainer.h"

namespace nemo {

// Applies requested.changeOnResume to `saved` (the run's config.json). Throws TrainingError
// naming the option when a setting that defines the run is given with another value.
void applyResumeChanges(const TrainConfig& requested, TrainConfig& saved,
                        TrainingObserver* observer);

}  // namespace nemo
