// Checkpoints: model parameters and buffers, optimizer state and the number of finished epochs,
// written atomically as safetensors. They are data only: opening a checkpoint from elsewhere can
// never run code (the TorchScript archives of earlier versions could; see legacy_checkpoint.h).
#pragma once

#include <stdexcept>
#include <string>

#include <torch/torch.h>

#include "io/safetensors.h"
#include "models/network.h"

namespace nemo {

// A checkpoint in the TorchScript archive format of NeMo Workbench 0.1. It is refused because
// loading such a file runs code stored in it; `nemo upgrade RUN --trust` converts a run's own.
class LegacyCheckpointError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

void saveCheckpoint(const std::string& path, NetworkImpl& model, torch::optim::Optimizer* optimizer,
                    int epochsDone);
// Loads into a model of the same architecture. Throws std::runtime_error naming the file when it
// is missing, truncated, holds NaN or infinite weights or belongs to another model, and
// LegacyCheckpointError for the old format. Returns the finished epochs.
int loadCheckpoint(const std::string& path, NetworkImpl& model, torch::optim::Optimizer* optimizer);

// Every parameter and buffer by its full name, detached copies on the CPU: a snapshot to restore
// later (best epoch of a fine-tune) or to write.
NamedTensors snapshotState(const torch::nn::Module& module);
// Copies a snapshot back. Throws std::runtime_error (naming `source`) when a tensor is missing,
// extra, of another shape or type.
void restoreState(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& state,
                  const std::string& source);

}  // namespace nemo
