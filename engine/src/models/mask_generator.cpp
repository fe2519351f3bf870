#include "models/mask_generator.h"

namespace nemo {

MaskGeneratorImpl::MaskGeneratorImpl(int64_t in, int64_t out, int64_t hidden, bool firstBias) {
    fc1 = register_module("fc1",
                          torch::nn::Linear(torch::nn::LinearOptions(in, hidden).bias(firstBias)));
    fc2 = register_module("fc2", torch::nn::Linear(torch::nn::LinearOptions(hidden, out)));
    torch::NoGradGuard noGrad;
    // kaiming_normal_ with PyTorch's defaults (fan_in, gain sqrt(2)); biases start at 1 so that
    // most units are open at the start (tanh(1) ~ 0.76).
    torch::nn::init::kaiming_normal_(fc1->weight);
    torch::nn::init::kaiming_normal_(fc2->weight);
    if (firstBias) fc1->bias.fill_(1.0);
    fc2->bias.fill_(1.0);
}

torch::Tensor MaskGeneratorImpl::forward(const torch::Tensor& pooled) {
    return torch::relu(torch::tanh(fc2(torch::relu(fc1(pooled)))));
}

int64_t convGeneratorHidden(int64_t out) {
    return out < 128 ? out : out / 2;
}
int64_t linearGeneratorHidden(int64_t out) {
    return out < 3073 ? out : out / 2;
}

}  // namespace nemo
