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

namespace {
thread_local ConvShapeRecorder* activeRecorder = nullptr;
}

ConvShapeRecorder::ConvShapeRecorder() : previous_(activeRecorder) {
    activeRecorder = this;
}
ConvShapeRecorder::~ConvShapeRecorder() {
    activeRecorder = previous_;
}
void ConvShapeRecorder::record(const torch::Tensor& input, const ConvUnitOptions& options) {
    if (activeRecorder) activeRecorder->entries_.push_back({input.sizes().vec(), options});
}

torch::Tensor MaskedConv2dImpl::forward(const torch::Tensor& x) {
    ConvShapeRecorder::record(x, options_);
    const auto& o = conv->options;
    torch::Tensor out = winogradSuits(x, options_.kernel, options_.stride, options_.padding,
                                      (*o.dilation())[0], o.groups())
                            ? winogradConv3x3(x, conv->weight, conv->bias)
                            : conv(x);
    if (bn) out = bn(out);
    if (fixedMask_.defined()) return out * fixedMask_.to(out.options()).view({1, -1, 1, 1});
    if (!mask_generator) return out;
    // The mean over H, W as sum / (H * W): the same value as x.mean({2, 3}) (which is computed
    // that way), but its backward hands autograd an expanded gradient instead of a materialized
    // NCHW one, so the sum with the convolution's channels-last gradient stays channels-last
    // (a mixed-layout sum and the ReLU backward after it ran 5-10x slower, measured on ResNet18).
    lastMask_ = mask_generator(x.sum({2, 3}) / double(x.size(2) * x.size(3)));
    return out * lastMask_.unsqueeze(-1).unsqueeze(-1);
}

void initConvFanOut(torch::nn::Conv2d& conv) {
    torch::NoGradGuard noGrad;
    torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
    if (conv->options.bias()) conv->bias.zero_();
}

}  // namespace nemo
