// Checkpoints: model parameters and buffers, optimizer state and the number of finished epochs,
// written atomically.
#pragma once

#include <string>

#include <torch/torch.h>

#include "models/network.h"

namespace nemo {

void saveCheckpoint(const std::string& path, NetworkImpl& model, torch::optim::Optimizer* optimizer,
                    int epochsDone);
// Loads into a model of the same architecture. Throws std::runtime_error naming the file when it
// is missing, truncated or belongs to another model. Returns the finished epochs.
int loadCheckpoint(const std::string& path, NetworkImpl& model, torch::optim::Optimizer* optimizer);

}  // namespace nemo
