// Reading the TorchScript-archive checkpoints of NeMo Workbench 0.1, only to convert them. Their
// loader (torch::jit) executes code stored in the file, so this runs solely when the user says the
// run is their own (`nemo upgrade RUN --trust`); nothing else opens such files.
#pragma once

#include <string>

#include <torch/torch.h>

#include "models/network.h"

namespace nemo {

// Returns the finished epochs. Throws std::runtime_error naming the file.
int loadLegacyCheckpoint(const std::string& path, NetworkImpl& model,
                         torch::optim::Optimizer* optimizer);

}  // namespace nemo
