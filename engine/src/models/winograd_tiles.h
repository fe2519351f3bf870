// The tile transforms of Winograd's minimal filtering F(m x m, 3x3) (Lavin & Gray, 2016) on raw
// channels-last buffers, for m = 2 (4x4 tiles) and m = 4 (6x6 tiles).
//
// Why hand-written: each transform is one pass over memory that reads a tile's pixels once and
// writes its alpha x alpha transformed values, vectorized along the contiguous channels. Built
// from ATen ops the same transforms took a dozen passes over tensors the size of the activations,
// which cost more than Winograd saved on maps larger than 4x4.
//
// Layouts: an image batch is NHWC [n, h, w, channels]; tiles are numbered t = (image * tilesHigh +
// tileRow) * tilesWide + tileCol, and each call handles the block of `count` tiles from `first`,
// whose values are [alpha * alpha, count, channels]: every one of the alpha * alpha positions is
// a [count, channels] matrix for the BLAS. Blocks let the caller keep the tile values in cache.
#pragma once

#include <cstdint>

namespace nemo::winograd {

struct TileGrid {
    int64_t images = 0, height = 0, width = 0;
    int m = 4;  // output tile side: 2 or 4
    int alpha() const { return m + 2; }
    int64_t tilesHigh() const { return (height + m - 1) / m; }
    int64_t tilesWide() const { return (width + m - 1) / m; }
    int64_t tiles() const { return images * tilesHigh() * tilesWide(); }
};

// The alpha x 3 filter transform G, row-major (U = G g G^T per filter).
const double* filterTransform(int m);

// Filters in channels-last memory [k, 3, 3, c] -> u [alpha^2, k, c]: G g G^T for every (k, c);
// flipped: of the filter turned by 180 degrees (the input gradient's convolution).
template <typename T>
void filterTiles(const T* w, int64_t k, int64_t c, int m, bool flipped, T* u);

// du [alpha^2, k, c] -> dw in channels-last memory [k, 3, 3, c]: the adjoint of filterTiles.
template <typename T>
void filterTilesAdjoint(const T* du, int64_t k, int64_t c, int m, T* dw);

// x NHWC [images, height, width, channels] -> v [alpha^2, count, channels]: B^T d B for every
// alpha x alpha input tile (stride m, zero padding of one pixel around the image).
template <typename T>
void inputTiles(const T* x, int64_t channels, const TileGrid& grid, int64_t first, int64_t count,
                T* v);

// mm [alpha^2, count, channels] -> y NHWC: A^T M A per tile, cropped to the image; bias (one
// value per channel) added when not null.
template <typename T>
void outputTiles(const T* mm, int64_t channels, const TileGrid& grid, int64_t first, int64_t count,
                 const T* bias, T* y);

// dy NHWC -> dm [alpha^2, count, channels]: A dY A^T per tile, the adjoint of outputTiles.
template <typename T>
void outputTilesAdjoint(const T* dy, int64_t channels, const TileGrid& grid, int64_t first,
                        int64_t count, T* dm);

}  // namespace nemo::winograd
