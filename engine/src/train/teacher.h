// The teacher of a DeiT student (method.md §3.5): a model trained by the engine on the same
// dataset (the paper: a standard ResNet18), loaded from its run folder, frozen and in eval mode.
#pragma once

#include <string>

#include <torch/torch.h>

#include "models/network.h"
#include "nemo/dataset.h"
#include "nemo/train_config.h"

namespace nemo {

class Teacher {
  public:
    // Loads the run's final (or last) checkpoint onto `device`. Throws TrainingError saying what
    // does not fit the student's data: no run or checkpoint, another dataset, number of classes,
    // image shape or normalization.
    Teacher(const std::string& runDir, const TrainConfig& studentConfig, const Dataset& studentData,
            const torch::Device& device);

    // Logits for a batch of the student's (normalized) images; no autograd graph.
    torch::Tensor logits(const torch::Tensor& images);
    // "resnet18 (standard, 200 epochs) from RUN", for the log.
    const std::string& description() const { return description_; }

  private:
    Network model_;
    std::string description_;
};

}  // namespace nemo
