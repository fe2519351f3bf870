// Binary per-sample masks of a run's training set, computed once and kept in
// RUN/modular/sample_masks.bin, so every threshold and every extraction reuses them.
#pragma once

#include <string>
#include <vector>

#include "nemo/bit_matrix.h"
#include "nemo/training_observer.h"
#include "run/run_loader.h"

namespace nemo {

struct SampleMasks {
    BitMatrix bits;               // samples x K
    std::vector<int64_t> labels;  // per sample
    std::vector<int64_t> widths;  // per masked layer
    std::vector<std::string> names;
    bool reused = false;
};

// Runs the model (eval, no grad) over the training images (plain or augmented) and packs mask
// values > 0 into bits. Reports progress about once a second; a stop requested through `control`
// throws TrainingError after the current batch.
SampleMasks collectSampleMasks(NetworkImpl& model, const Dataset& data, bool augmented,
                               TrainingObserver* observer = nullptr,
                               ControlToken* control = nullptr);

// The run's sample masks: from RUN/modular/sample_masks.bin when it matches the checkpoint and
// the options, else collected and saved there.
SampleMasks sampleMasksForRun(LoadedRun& run, const std::string& runDir, bool augmented,
                              TrainingObserver* observer = nullptr,
                              ControlToken* control = nullptr);

}  // namespace nemo
