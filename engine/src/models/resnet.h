// ResNet18, CIFAR variant (docs/method.md §1.5): 3x3 stem, no max-pool, masked block convs and
// masked downsample convs.
#pragma once

#include <vector>

#include "models/masked_conv.h"
#include "models/network.h"

namespace nemo {

class BasicBlockImpl : public torch::nn::Module {
  public:
    BasicBlockImpl(int64_t in, int64_t planes, int64_t stride, bool masked);
    torch::Tensor forward(const torch::Tensor& x);

    MaskedConv2d conv1{nullptr}, conv2{nullptr}, downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

class ResNet18Impl : public NetworkImpl {
  public:
    explicit ResNet18Impl(const ModelSpec& spec);
    torch::Tensor forward(const torch::Tensor& x) override;

    MaskedConv2d stem{nullptr};
    std::vector<BasicBlock> blocks;
    torch::nn::Linear fc{nullptr};
};

}  // namespace nemo
