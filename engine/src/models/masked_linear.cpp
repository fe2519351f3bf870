#include "models/masked_linear.h"

#include <stdexcept>

namespace nemo {

MaskedLinearImpl::MaskedLinearImpl(int64_t in, int64_t out, bool masked) {
    weight = register_parameter("weight", torch::empty({out, in}));
    bias = register_parameter("bias", torch::zeros({out}));
    {
        // nn.Linear's default init; the Transformers overwrite it with their own (§1.6).
        torch::NoGradGuard noGrad;
        torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
        const double bound = 1.0 / std::sqrt(double(in));
        bias.uniform_(-bound, bound);
    }
    if (masked) {
        // The neuron generator has a bias on both layers and hidden = out (up to 3072, §2.2).
        mask_generator = register_module("mask_generator",
                                         MaskGenerator(in, out, linearGeneratorHidden(out), true));
    }
}

torch::Tensor MaskedLinearImpl::forward(const torch::Tensor& x) {
    if (x.dim() != 3) throw std::invalid_argument("MaskedLinear expects (batch, tokens, features)");
    torch::Tensor out = torch::linear(x, weight, bias);
    if (fixedMask_.defined()) return out * fixedMask_.to(out.options()).view({1, 1, -1});
    if (mask_generator.is_empty()) return out;
    // Token-mean pooling (adaptive_avg_pool1d over T in the reference).
    lastMask_ = mask_generator(x.mean(1));
    return out * lastMask_.unsqueeze(1);
}

}  // namespace nemo
