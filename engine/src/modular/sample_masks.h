// Binary per-sample masks of a run's training set, computed once and kept in
// RUN/modular/sample_masks.bin, so every threshold and every extraction reuses them.
#pragma once

#include <string>
#include <vector>

#include "nemo/bit_matrix.h"
#include "nemo/training_observer.h"
#include "run/run_loader.h"

namespace nemo {

class DataParallel;

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
// group: data-parallel ranks share the pass (each a contiguous block of batches; the rows are
// gathered, every rank returns all of them).
SampleMasks collectSampleMasks(NetworkImpl& model, const Dataset& data, bool augmented,
                               TrainingObserver* observer = nullptr,
                               ControlToken* control = nullptr,
                               const DataParallel* group = nullptr);

// The bits (value > 0) of one batch's masks of all layers, packed where the masks are into the
// row layout of a BitMatrix with wordsPerRow words: (B, 8 * wordsPerRow) bytes, column c in byte
// c / 8, bit c % 8 (a little-endian word's byte order). On a GPU only these bytes travel to the
// host: 1/32 of the float masks.
torch::Tensor packMaskBits(const std::vector<torch::Tensor>& masks, int64_t wordsPerRow);

// Copies packed rows (packMaskBits, on the CPU) into bits, the first to row `first`.
void storePackedRows(BitMatrix& bits, int64_t first, const torch::Tensor& packed);

// The run's sample masks: from RUN/modular/sample_masks.bin when it matches the checkpoint and
// the options, else collected (shared by `group`'s ranks) and saved there (by rank 0).
SampleMasks sampleMasksForRun(LoadedRun& run, const std::string& runDir, bool augmented,
                              TrainingObserver* observer = nullptr, ControlToken* control = nullptr,
                              const DataParallel* group = nullptr);

}  // namespace nemo
