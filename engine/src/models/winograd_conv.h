// 3x3, stride 1, padding 1 convolution by Winograd's minimal filtering F(2x2, 3x3) (Lavin & Gray,
// 2016), forward and backward, built from batched matrix products on the BLAS.
//
// Why: on one CPU core oneDNN's direct convolution reaches only 35-55 GFLOP/s on the deep layers
// of VGG16/ResNet18 (256-512 channels on 4x4 or 2x2 maps), while F(2x2, 3x3) needs 2.25x fewer
// multiplications and turns them into 16 large matrix products. On large maps with few channels
// the tile transforms cost more than they save, so the engine uses this only where
// winogradSuits() says so (measured in bench/README.md).
#pragma once

#include <torch/torch.h>

namespace nemo {

// x: [N, C, H, W] float (H and W even), weight: [K, C, 3, 3]; bias optional. Same result as
// torch::conv2d(x, weight, bias, 1, 1) up to float rounding; differentiable in x and weight.
torch::Tensor winogradConv3x3(const torch::Tensor& x, const torch::Tensor& weight,
                              const torch::Tensor& bias = {});

// True for the convolutions where the Winograd path is faster on this engine's CPU build: 3x3,
// stride 1, padding 1, at least 256 input channels, even maps of at most 4x4, float32 on the CPU.
bool winogradSuits(const torch::Tensor& x, int64_t kernel, int64_t stride, int64_t padding,
                   int64_t dilation, int64_t groups);

// Process-wide switch (default on; NEMO_CONV=direct turns it off) for comparisons.
bool winogradEnabled();
void setWinogradEnabled(bool enabled);

}  // namespace nemo
