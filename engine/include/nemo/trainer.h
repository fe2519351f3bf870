// Modular training (NeMo, MwT) or standard training of a model on a dataset. Plain interface.
#pragma once

#include <stdexcept>
#include <string>

#include "nemo/train_config.h"
#include "nemo/training_observer.h"

namespace nemo {

// Training could not go on (NaN loss, unwritable run directory, incompatible checkpoint). The
// message says what happened and what to do; the last checkpoint is kept.
class TrainingError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct TrainResult {
    double testAccuracy = 0;
    double trainAccuracy = 0;
    double retention = 1;  // neuron retention rate on the test set, last epoch
    double testLoss = 0;
    int epochs = 0;              // epochs completed in total (a resumed run counts earlier ones)
    double seconds = 0;          // wall time of this call
    bool stopped = false;        // ended by ControlToken::requestStop
    long long graphReplays = 0;  // TrainConfig::cudaGraph: steps replayed from a CUDA graph
    std::string runDir;
};

struct DistributedEnvironment;

// Trains; with config.outDir set, writes config.json, metrics.jsonl and checkpoints there.
// resume = true continues the run in config.outDir from checkpoints/last.pt (its config.json wins
// over `config` except for threads and epochs; epochs only grow: 0 keeps the run's).
// distributed (active, see nemo/distributed.h): this process is one rank of a data-parallel
// training (docs/distributed.md); rank 0 writes the run folder and reports to `observer`, the
// others train silently. Every rank must be called with the same config.
TrainResult train(const TrainConfig& config, TrainingObserver* observer = nullptr,
                  ControlToken* control = nullptr, bool resume = false,
                  const DistributedEnvironment* distributed = nullptr);

// Sets LibTorch's (and OpenBLAS's) thread count; 0 means every core. Returns the count in use.
int setThreadCount(int threads);

// Makes the C library keep freed memory for reuse instead of returning large blocks to the
// kernel (so a training step does not page-fault its activations in again every step). Call once
// at the start of a process that trains; a no-op outside glibc.
void keepFreedMemoryForReuse();

// The Neurons tab's frame for a run on disk (finished, stopped, or still training): the class x
// neuron mean masks of its newest checkpoint on the probe set training uses (the first
// `perClass` test images of every class). A standard run gives a frame without layers. Throws
// std::runtime_error naming what is missing.
HeatmapFrame heatmapFromRun(const std::string& runDir, int perClass = 16);

}  // namespace nemo
