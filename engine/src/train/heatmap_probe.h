// A fixed probe set (the first few test images of every class) and the class x neuron mean masks
// of a model on it.
#pragma once

#include <torch/torch.h>

#include "data/batch_loader.h"
#include "models/network.h"
#include "nemo/heatmap_frame.h"

namespace nemo {

class HeatmapProbe {
  public:
    HeatmapProbe(const ImageSet& test, const DatasetInfo& info, int perClass,
                 const BatchLoader& normalizer, torch::Device device);
    bool empty() const { return labels_.numel() == 0; }
    // Eval mode, no grad; the model's training mode is restored.
    HeatmapFrame frame(NetworkImpl& model, int epoch, long long globalStep) const;

  private:
    torch::Tensor images_, labels_;
    std::shared_ptr<const ImageSet> probeImages_;
    std::vector<std::string> classNames_;
    int numClasses_ = 0;
};

}  // namespace nemo
