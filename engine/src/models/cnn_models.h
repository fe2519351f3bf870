// Plain-stack CNNs: tinycnn (ours, for 28x28 teaching runs), SimCNN, ResCNN and VGG16-BN
// (method.md §1.2-1.4).
#pragma once

#include <vector>

#include "models/masked_conv.h"
#include "models/network.h"

namespace nemo {

// A conv stack with max-pools after some layers and a fully connected head.
class ConvStackNetwork : public NetworkImpl {
  public:
    using NetworkImpl::NetworkImpl;
    const std::vector<MaskedConv2d>& convs() const { return convs_; }

  protected:
    // Adds conv_i; masked layers are tracked in the order they are added.
    MaskedConv2d addConv(const ConvUnitOptions& options);
    std::vector<MaskedConv2d> convs_;
};

// tinycnn: conv_0 (1->16, unmasked) pool, conv_1 (16->32) pool, conv_2 (32->32), conv_3 (32->64)
// pool, fc_4 (->128), fc_5. Three masked layers, 128 units; about 2.4 M multiply-adds per 28x28
// image, so an epoch of Fashion-MNIST trains in well under a minute on one core.
class TinyCnnImpl : public ConvStackNetwork {
  public:
    explicit TinyCnnImpl(const ModelSpec& spec);
    torch::Tensor forward(const torch::Tensor& x) override;
    torch::nn::Linear fc_4{nullptr}, fc_5{nullptr};
    torch::nn::Dropout dropout{nullptr};
};

class SimCnnImpl : public ConvStackNetwork {
  public:
    explicit SimCnnImpl(const ModelSpec& spec);
    torch::Tensor forward(const torch::Tensor& x) override;
    torch::nn::Linear fc_13{nullptr}, fc_14{nullptr}, fc_15{nullptr};
    torch::nn::Dropout dropout{nullptr};
};

class ResCnnImpl : public ConvStackNetwork {
  public:
    explicit ResCnnImpl(const ModelSpec& spec);
    torch::Tensor forward(const torch::Tensor& x) override;
    torch::nn::Linear classifier{nullptr};
    torch::nn::Dropout dropout{nullptr};
};

class Vgg16Impl : public ConvStackNetwork {
  public:
    explicit Vgg16Impl(const ModelSpec& spec);
    torch::Tensor forward(const torch::Tensor& x) override;
    torch::nn::Linear fc1{nullptr}, fc2{nullptr}, fc3{nullptr};
    torch::nn::Dropout dropout{nullptr};
    std::vector<bool> poolAfter;  // per conv: a 2x2 max-pool follows
};

}  // namespace nemo
