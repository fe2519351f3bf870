#include "models/masked_conv.h"

#include "models/winograd_conv.h"

namespace nemo {

MaskedConv2dImpl::MaskedConv2dImpl(const ConvUnitOptions& options) : options_(options) {
    conv = register_module(
        "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(options.in, options.out, options.kernel)
                                      .stride(options.stride)
                                      .padding(options.padding)
                                      .bias(options.bias)));
    if (options.batchNorm) bn = register_module("bn", torch::nn::BatchNorm2d(options.out));
    if (options.masked) {
        mask_generator = register_module(
            "mask_generator",
            MaskGenerator(options.in, options.out, convGeneratorHidden(options.out), false));
    }
}

torch::Tensor MaskedConv2dImpl::forward(const torch::Tensor& x) {
    const auto& o = conv->options;
    torch::Tensor out = winogradSuits(x, options_.kernel, options_.stride, options_.padding,
                                      (*o.dilation())[0], o.groups())
                            ? winogradConv3x3(x, conv->weight, conv->bias)
                            : conv(x);
    if (bn) out = bn(out);
    if (fixedMask_.defined()) return out * fixedMask_.to(out.options()).view({1, -1, 1, 1});
    if (!mask_generator) return out;
    lastMask_ = mask_generator(x.mean({2, 3}));
    return out * lastMask_.unsqueeze(-1).unsqueeze(-1);
}

void initConvFanOut(torch::nn::Conv2d& conv) {
    torch::NoGradGuard noGrad;
    torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
    if (conv->options.bias()) conv->bias.zero_();
}

}  // namespace nemo
