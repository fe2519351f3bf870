#include "models/resnet.h"

#include <stdexcept>

namespace nemo {

BasicBlockImpl::BasicBlockImpl(int64_t in, int64_t planes, int64_t stride, bool masked) {
    conv1 = register_module(
        "conv1",
        MaskedConv2d(
            ConvUnitOptions(in, planes).withStride(stride).withBias(false).withMask(masked)));
    conv2 = register_module(
        "conv2", MaskedConv2d(ConvUnitOptions(planes, planes).withBias(false).withMask(masked)));
    if (stride != 1 || in != planes) {
        downsample = register_module("downsample", MaskedConv2d(ConvUnitOptions(in, planes)
                                                                    .withKernel(1, 0)
                                                                    .withStride(stride)
                                                                    .withBias(false)
                                                                    .withMask(masked)));
    }
}

torch::Tensor BasicBlockImpl::forward(const torch::Tensor& x) {
    torch::Tensor out = conv2(torch::relu(conv1(x)));
    return torch::relu(out + (downsample ? downsample(x) : x));
}

ResNet18Impl::ResNet18Impl(const ModelSpec& spec) : NetworkImpl("resnet18", spec) {
    if (spec.inputSize != 32) throw std::invalid_argument("resnet18 needs 32x32 inputs");
    stem = register_module(
        "stem", MaskedConv2d(ConvUnitOptions(spec.inChannels, 64).withBias(false).withMask(false)));
    initConvFanOut(stem->conv);
    int64_t in = 64;
    const int64_t planes[4] = {64, 128, 256, 512};
    for (int layer = 0; layer < 4; ++layer) {
        for (int b = 0; b < 2; ++b) {
            const int64_t stride = (layer > 0 && b == 0) ? 2 : 1;
            const std::string name = "layer" + std::to_string(layer + 1) + "_" + std::to_string(b);
            auto block = register_module(name, BasicBlock(in, planes[layer], stride, spec.masked));
            // Mask order = registration order: conv1, conv2, downsample (§1.5).
            const std::pair<const char*, MaskedConv2d*> parts[] = {
                {"conv1", &block->conv1},
                {"conv2", &block->conv2},
                {"downsample", &block->downsample}};
            for (const auto& [partName, part] : parts) {
                if (!*part) continue;
                initConvFanOut((*part)->conv);
                if (spec.masked) trackMasked(name + "." + partName, part->get());
            }
            blocks.push_back(block);
            in = planes[layer];
        }
    }
    fc = register_module("fc", torch::nn::Linear(512, spec.numClasses));
}

torch::Tensor ResNet18Impl::forward(const torch::Tensor& x) {
    torch::Tensor out = torch::relu(stem(x));
    for (auto& block : blocks) out = block(out);
    out = torch::adaptive_avg_pool2d(out, {1, 1}).flatten(1);
    return fc(out);
}

}  // namespace nemo
