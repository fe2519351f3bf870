// The small MLP that turns a layer's pooled input into one mask value per output unit
// (docs/method.md §2.1 for conv channels, §2.2 for linear neurons).
#pragma once

#include <torch/torch.h>

namespace nemo {

// pooled (B, in) -> Linear(in, hidden) -> ReLU -> Linear(hidden, out, bias 1) -> relu(tanh(.)).
class MaskGeneratorImpl : public torch::nn::Module {
  public:
    MaskGeneratorImpl(int64_t in, int64_t out, int64_t hidden, bool firstBias);
    torch::Tensor forward(const torch::Tensor& pooled);

    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(MaskGenerator);

// Hidden width of the CNN generator: out if out < 128, else out / 2 (docs/method.md §2.1).
int64_t convGeneratorHidden(int64_t out);
// Hidden width of the neuron generator: out if out < 3073, else out / 2 (docs/method.md §2.2).
int64_t linearGeneratorHidden(int64_t out);

}  // namespace nemo
