// Conv -> (BatchNorm) -> (mask): the building block of every CNN here (docs/method.md §1.1).
#pragma once

#include <torch/torch.h>

#include "models/mask_generator.h"
#include "models/masked_unit.h"

namespace nemo {

// A 3x3 convolution (stride 1, padding 1) with bias, batch norm and a mask generator unless a
// setter says otherwise, e.g. ConvUnitOptions(64, 128).withBias(false).withMask(masked).
struct ConvUnitOptions {
    int64_t in = 0, out = 0, kernel = 3, stride = 1, padding = 1;
    bool bias = true;
    bool batchNorm = true;
    bool masked = true;  // false: no generator, y = BN(conv(x)) (standard models, first layers)

    ConvUnitOptions() = default;
    ConvUnitOptions(int64_t inChannels, int64_t outChannels) : in(inChannels), out(outChannels) {}
    ConvUnitOptions& withKernel(int64_t size, int64_t pad) {
        kernel = size;
        padding = pad;
        return *this;
    }
    ConvUnitOptions& withStride(int64_t step) {
        stride = step;
        return *this;
    }
    ConvUnitOptions& withBias(bool on) {
        bias = on;
        return *this;
    }
    ConvUnitOptions& withBatchNorm(bool on) {
        batchNorm = on;
        return *this;
    }
    ConvUnitOptions& withMask(bool on) {
        masked = on;
        return *this;
    }
};

// y = BN(conv(x)) * m[:, :, None, None] with m = G(mean_{H,W} x). Submodules are named conv, bn
// and mask_generator, as in the published code, so the optimizer can group generator parameters
// by name.
class MaskedConv2dImpl : public torch::nn::Module, public MaskedUnit {
  public:
    explicit MaskedConv2dImpl(const ConvUnitOptions& options);
    torch::Tensor forward(const torch::Tensor& x);

    int64_t units() const override { return options_.out; }
    // Replaces the generated masks by a fixed 0/1 vector (units): "generators off, non-retained
    // units forced to zero", the reference a pruned module must reproduce. Undefined: normal.
    void setFixedMask(const torch::Tensor& mask) override { fixedMask_ = mask; }
    bool masked() const { return options_.masked; }
    const ConvUnitOptions& options() const { return options_; }

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
    MaskGenerator mask_generator{nullptr};

  private:
    ConvUnitOptions options_;
    torch::Tensor fixedMask_;
};
TORCH_MODULE(MaskedConv2d);

// While one of these lives, every MaskedConv2d forward on this thread appends its input's shape
// (N, C, H, W) and its options: how `nemo bench --conv-layers` learns a model's convolutions.
class ConvShapeRecorder {
  public:
    struct Entry {
        std::vector<int64_t> inputSizes;
        ConvUnitOptions options;
    };
    ConvShapeRecorder();
    ~ConvShapeRecorder();
    ConvShapeRecorder(const ConvShapeRecorder&) = delete;
    ConvShapeRecorder& operator=(const ConvShapeRecorder&) = delete;
    const std::vector<Entry>& entries() const { return entries_; }
    static void record(const torch::Tensor& input, const ConvUnitOptions& options);

  private:
    std::vector<Entry> entries_;
    ConvShapeRecorder* previous_;
};

// kaiming_normal_(fan_out, relu) on the conv weight, zero bias: the CNNs' own init (docs/method.md
// §1.9).
void initConvFanOut(torch::nn::Conv2d& conv);

}  // namespace nemo
