// 3x3, stride 1, padding 1 convolution by Winograd's minimal filtering (Lavin & Gray, 2016):
// F(4x4, 3x3), or F(2x2, 3x3) on maps of side 2, forward and backward, as hand-written tile
// transforms (winograd_tiles.h) around batched matrix products on the BLAS, block by block so
// that the tile values stay in the caches.
//
// Why: on one CPU core oneDNN's direct convolution reaches 50-77 GFLOP/s, while F(4x4, 3x3) needs
// 4x fewer multiplications; measured per layer shape, the Winograd path runs 1.3x (64 channels on
// 32x32 maps) to 3x (512 channels on 8x8) faster forward + backward. With fewer than 64 input
// channels the products are too thin and oneDNN wins, so the engine uses this only where
// winogradSuits() says so (`nemo bench --conv-layers` shows the measurement for a model).
#pragma once

#include <torch/torch.h>

namespace nemo {

// x: [N, C, H, W] float or double, weight: [K, C, 3, 3]; bias optional. Same result as
// torch::conv2d(x, weight, bias, 1, 1) up to float rounding; differentiable in x and weight.
// tileSide: output tile side, 4 (F(4x4, 3x3)) or 2 (F(2x2, 3x3)); 0 picks 2 on maps with a side
// of 2 or less, else 4. Maps need not be multiples of the tile: partial tiles are cropped.
torch::Tensor winogradConv3x3(const torch::Tensor& x, const torch::Tensor& weight,
                              const torch::Tensor& bias = {}, int tileSide = 0);

// True for the convolutions where the Winograd path is faster on this engine's CPU build: 3x3,
// stride 1, padding 1, at least 64 input channels, maps of at least 2x2, float32 on the CPU.
bool winogradSuits(const torch::Tensor& x, int64_t kernel, int64_t stride, int64_t padding,
                   int64_t dilation, int64_t groups);

// Process-wide switch (default on; NEMO_CONV=direct turns it off) for comparisons.
bool winogradEnabled();
void setWinogradEnabled(bool enabled);

}  // namespace nemo
