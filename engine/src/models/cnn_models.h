// Plain-stack CNNs: tinycnn and minivgg (ours, for 28x28 teaching runs), SimCNN, ResCNN and
// VGG16-BN (docs/method.md §1.2-1.4).
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

// Ours, for 28x28 teaching runs (other sizes work too): 3x3 convs with BN and ReLU, three 2x2
// max-pools, then fc (-> 128), dropout 0.25 and fc (-> classes). conv_0 is never masked.
// tinycnn: conv_0 (1->16) pool, conv_1 (->32) pool, conv_2 (->32), conv_3 (->64) pool; three
//   masked layers, 128 units, about 2.4 M multiply-adds per image.
// minivgg: conv_0 (1->16) pool, conv_1 (->16) pool, conv_2 (->64), conv_3 (->64) pool,
//   conv_4 (->64); four masked layers, 208 units, about 3.2 M multiply-adds per image. Its first
//   masked layer is a small share of the masked units, as in the paper's CNNs.
class SmallCnnImpl : public ConvStackNetwork {
  public:
    SmallCnnImpl(const std::string& name, const ModelSpec& spec);
    torch::Tensor forward(const torch::Tensor& x) override;
    // fc_<convs> and fc_<convs + 1>: tinycnn's fc_4 and fc_5, minivgg's fc_5 and fc_6.
    torch::nn::Linear fc_a{nullptr}, fc_b{nullptr};
    torch::nn::Dropout dropout{nullptr};
    std::vector<bool> poolAfter;  // per conv: a 2x2 max-pool follows
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
