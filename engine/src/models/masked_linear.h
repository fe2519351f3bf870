// A Linear layer on token sequences whose output neurons are scaled by per-sample masks: the
// neuron-level unit of NeMo's Transformers (docs/method.md §2.2, NeuralMaskLinear).
#pragma once

#include <torch/torch.h>

#include "models/mask_generator.h"
#include "models/masked_unit.h"

namespace nemo {

// y = (x W^T + b) * m[:, None, :] for x of shape (B, T, in), with m = G(mean over T of x), one
// mask value per sample and output neuron, broadcast over every token. Parameters are named
// weight and bias (as the nn.Linear the reference subclasses) and the generator mask_generator,
// so the optimizer can group generator parameters by name (§4.1, §10).
class MaskedLinearImpl : public torch::nn::Module, public MaskedUnit {
  public:
    MaskedLinearImpl(int64_t in, int64_t out, bool masked);
    torch::Tensor forward(const torch::Tensor& x);

    int64_t units() const override { return weight.size(0); }
    int64_t inFeatures() const { return weight.size(1); }
    bool masked() const { return !mask_generator.is_empty(); }
    void setFixedMask(const torch::Tensor& mask) override { fixedMask_ = mask; }

    torch::Tensor weight, bias;
    MaskGenerator mask_generator{nullptr};

  private:
    torch::Tensor fixedMask_;
};
TORCH_MODULE(MaskedLinear);

}  // namespace nemo
