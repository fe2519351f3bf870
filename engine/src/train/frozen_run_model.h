// A model trained by the engine, loaded from its run folder, frozen and in eval mode, for use
// beside another model of the same dataset: the teacher of a DeiT student (docs/method.md §3.5, the
// paper: a standard ResNet18) or the standard model a module is compared with (§7.8).
#pragma once

#include <string>

#include <torch/torch.h>

#include "models/network.h"
#include "nemo/dataset.h"
#include "nemo/train_config.h"

namespace nemo {

class FrozenRunModel {
  public:
    // Loads the run's final (or last) checkpoint onto `device`. Throws TrainingError, starting
    // with "<role> RUN: ", saying what does not fit the other model's data: no run or checkpoint,
    // another dataset, number of classes, image shape or normalization.
    FrozenRunModel(const std::string& runDir, const std::string& role,
                   const TrainConfig& otherConfig, const Dataset& otherData,
                   const torch::Device& device);

    // Logits for a batch of the other model's (normalized) images; no autograd graph.
    torch::Tensor logits(const torch::Tensor& images);
    // "resnet18 (standard, 200 epochs) from RUN", for the log.
    const std::string& description() const { return description_; }
    TrainMode mode() const { return mode_; }

  private:
    TrainMode mode_ = TrainMode::Standard;
    Network model_;
    std::string description_;
};

}  // namespace nemo
