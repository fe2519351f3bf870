#include "models/winograd_conv.h"

#include "models/winograd_tiles.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace nemo {
namespace {

using torch::Tensor;

// Output tile side for a map: F(4x4, 3x3) needs 2.25 input values per output and 4x fewer
// multiplications than direct convolution; F(2x2, 3x3) (4 values, 2.25x fewer) is kept for maps
// of side 2, where 4x4 tiles would mostly compute padding (measured: 2.7x slower there). Other
// sides that are not multiples of 4 get cropped partial tiles.
int tileSideFor(int64_t h, int64_t w) {
    return (h <= 2 || w <= 2) ? 2 : 4;
}

winograd::TileGrid gridFor(const Tensor& x, int m) {
    winograd::TileGrid g;
    g.images = x.size(0);
    g.height = x.size(2);
    g.width = x.size(3);
    g.m = m;
    return g;
}

// Filters [K, C, 3, 3] -> the transformed filters [alpha^2, K, C] (turned by 180 degrees when
// `flipped`), written by hand from the filters' channels-last memory: as matrix products with
// kron(G, G) they needed strided copies of the filters and their gradient (40 ms on a 512-channel
// layer; with the products, about 15% of a SimCNN step in the profiler).
Tensor filterTiles(const Tensor& w, int m, bool flipped) {
    const Tensor wc = w.contiguous(torch::MemoryFormat::ChannelsLast);  // memory [K, 3, 3, C]
    const int64_t k = w.size(0), c = w.size(1), a2 = (m + 2) * (m + 2);
    Tensor u = torch::empty({a2, k, c}, w.options());
    AT_DISPATCH_FLOATING_TYPES(w.scalar_type(), "winogradFilters", [&] {
        winograd::filterTiles<scalar_t>(wc.data_ptr<scalar_t>(), k, c, m, flipped,
                                        u.data_ptr<scalar_t>());
    });
    return u;
}

// The forward pass's U [alpha^2, C, K]: a transposed view, which the BLAS reads as it is.
Tensor transformFilters(const Tensor& w, int m) {
    return filterTiles(w, m, false).transpose(1, 2);
}

// The input gradient's convolution is one of dy with the turned filters, K and C swapped:
// U' [alpha^2, K, C] is the turned filters' tiles as they are laid out.
Tensor transformFiltersFlipped(const Tensor& w, int m) {
    return filterTiles(w, m, true);
}

// dL/dU [alpha^2, K, C] -> dL/dw [K, C, 3, 3] in channels-last memory, the weights' own layout
// (so autograd adopts the gradient without another copy).
Tensor transformFiltersAdjoint(const Tensor& du, int m) {
    const int64_t k = du.size(1), c = du.size(2);
    Tensor dw =
        torch::empty({k, c, 3, 3}, du.options().memory_format(torch::MemoryFormat::ChannelsLast));
    AT_DISPATCH_FLOATING_TYPES(du.scalar_type(), "winogradFiltersAdjoint", [&] {
        winograd::filterTilesAdjoint<scalar_t>(du.data_ptr<scalar_t>(), k, c, m,
                                               dw.data_ptr<scalar_t>());
    });
    return dw;
}

// Tiles per block: the block's tile values ([alpha^2, tiles, channels], for input and output
// channels) should stay in the caches between the transform that writes them and the matrix
// products that read them. Measured on 16x16 and 32x32 maps, where a layer's tile values are
// 40-150 MB: all tiles at once (kept for the backward pass) ran a 128-channel 16x16 layer at 98
// GFLOP/s-equivalent, blocks at 136; budgets from 1 to 32 MB measured alike. At least 256 tiles,
// so that the products stay long enough for the BLAS.
int64_t tilesPerBlock(const winograd::TileGrid& g, int64_t c, int64_t k) {
    static const int64_t budgetFloats = [] {
        const char* env = std::getenv("NEMO_WINOGRAD_BLOCK_KB");
        return (env ? std::atoll(env) : 8192) * 1024 / 4;
    }();
    const int64_t perTile = int64_t(g.alpha()) * g.alpha() * std::max(c, k);
    return std::min(g.tiles(), std::max<int64_t>(256, budgetFloats / perTile));
}

// The first `count` tiles' worth of a [alpha^2, capacity, channels] buffer, as a contiguous
// [alpha^2, count, channels] tensor (so the last, shorter block needs no copy).
Tensor blockView(const Tensor& buffer, int64_t count) {
    const int64_t a2 = buffer.size(0), c = buffer.size(2);
    return buffer.view({-1}).narrow(0, 0, a2 * count * c).view({a2, count, c});
}

template <typename Fn>
void forEachBlock(const winograd::TileGrid& g, int64_t block, Fn&& fn) {
    for (int64_t first = 0; first < g.tiles(); first += block)
        fn(first, std::min(block, g.tiles() - first));
}

// y = conv3x3(x, w) + bias with u the transformed filters [alpha^2, C, K], block by block:
// input tiles, one matrix product per tile position, output tiles. x channels-last contiguous;
// y channels-last.
Tensor winogradForward(const Tensor& x, const Tensor& u, const Tensor& bias, int m) {
    const winograd::TileGrid g = gridFor(x, m);
    const int64_t c = x.size(1), k = u.size(2), a2 = int64_t(g.alpha()) * g.alpha();
    Tensor y = torch::empty({g.images, k, g.height, g.width},
                            x.options().memory_format(torch::MemoryFormat::ChannelsLast));
    const int64_t block = tilesPerBlock(g, c, k);
    Tensor v = torch::empty({a2, block, c}, x.options());
    Tensor mm = torch::empty({a2, block, k}, x.options());
    const Tensor b = bias.defined() ? bias.contiguous() : bias;
    AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "winogradForward", [&] {
        forEachBlock(g, block, [&](int64_t first, int64_t count) {
            Tensor vb = blockView(v, count), mb = blockView(mm, count);
            winograd::inputTiles<scalar_t>(x.data_ptr<scalar_t>(), c, g, first, count,
                                           vb.data_ptr<scalar_t>());
            torch::bmm_out(mb, vb, u);
            winograd::outputTiles<scalar_t>(mb.data_ptr<scalar_t>(), k, g, first, count,
                                            b.defined() ? b.data_ptr<scalar_t>() : nullptr,
                                            y.data_ptr<scalar_t>());
        });
    });
    return y;
}

// dL/dw of y = conv3x3(x, w): per tile position the product V^T dM of the input tiles and the
// adjoint-transformed output gradient, summed over blocks, then the filter transform's adjoint.
Tensor winogradWeightGradient(const Tensor& x, const Tensor& dy, int m) {
    const winograd::TileGrid g = gridFor(x, m);
    const int64_t c = x.size(1), k = dy.size(1), a2 = int64_t(g.alpha()) * g.alpha();
    const int64_t block = tilesPerBlock(g, c, k);
    Tensor v = torch::empty({a2, block, c}, x.options());
    Tensor dm = torch::empty({a2, block, k}, x.options());
    Tensor du = torch::empty({a2, k, c}, x.options());
    AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "winogradWeightGradient", [&] {
        forEachBlock(g, block, [&](int64_t first, int64_t count) {
            Tensor vb = blockView(v, count), db = blockView(dm, count);
            winograd::inputTiles<scalar_t>(x.data_ptr<scalar_t>(), c, g, first, count,
                                           vb.data_ptr<scalar_t>());
            winograd::outputTilesAdjoint<scalar_t>(dy.data_ptr<scalar_t>(), k, g, first, count,
                                                   db.data_ptr<scalar_t>());
            // dU [alpha^2, K, C] += dM^T V; the first block sets it (no zero fill; baddbmm with
            // beta 0 still reads the old values on its small-matrix path, 0 * garbage = NaN).
            if (first == 0)
                torch::bmm_out(du, db.transpose(1, 2), vb);
            else
                du.baddbmm_(db.transpose(1, 2), vb);
        });
    });
    return transformFiltersAdjoint(du, m);
}

class WinogradConvFunction : public torch::autograd::Function<WinogradConvFunction> {
  public:
    static Tensor forward(torch::autograd::AutogradContext* ctx, const Tensor& x, const Tensor& w,
                          const Tensor& bias, int64_t m) {
        const Tensor xc = x.contiguous(torch::MemoryFormat::ChannelsLast);
        ctx->save_for_backward({xc, w});
        ctx->saved_data["m"] = m;
        const bool hasBias = bias.numel() > 0;
        ctx->saved_data["hasBias"] = hasBias;
        return winogradForward(xc, transformFilters(w, int(m)), hasBias ? bias : Tensor(), int(m));
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const Tensor& x = saved[0];
        const Tensor& w = saved[1];
        const Tensor dy = grads[0].contiguous(torch::MemoryFormat::ChannelsLast);
        const int m = int(ctx->saved_data["m"].toInt());
        Tensor dx, dw, db;
        if (ctx->needs_input_grad(1)) dw = winogradWeightGradient(x, dy, m);
        // The input gradient is itself a 3x3 "same" convolution of dy with the flipped,
        // transposed filters, so it takes the same fast path.
        if (ctx->needs_input_grad(0))
            dx = winogradForward(dy, transformFiltersFlipped(w, m), {}, m);
        if (ctx->saved_data["hasBias"].toBool() && ctx->needs_input_grad(2)) db = dy.sum({0, 2, 3});
        return {dx, dw, db, Tensor()};
    }
};

std::atomic<bool>& enabledFlag() {
    static std::atomic<bool> flag{[] {
        const char* env = std::getenv("NEMO_CONV");
        return !(env && std::strcmp(env, "direct") == 0);
    }()};
    return flag;
}

}  // namespace

Tensor winogradConv3x3(const Tensor& x, const Tensor& weight, const Tensor& bias, int tileSide) {
    TORCH_CHECK(x.dim() == 4, "winogradConv3x3 needs an [N, C, H, W] input");
    TORCH_CHECK(x.device().is_cpu() && weight.device().is_cpu(),
                "winogradConv3x3 runs on the CPU (GPU convolutions stay with cuDNN)");
    TORCH_CHECK(weight.dim() == 4 && weight.size(2) == 3 && weight.size(3) == 3 &&
                    weight.size(1) == x.size(1),
                "winogradConv3x3 needs [K, C, 3, 3] filters matching the input");
    TORCH_CHECK(tileSide == 0 || tileSide == 2 || tileSide == 4,
                "Winograd tile side must be 2 or 4");
    const int m = tileSide ? tileSide : tileSideFor(x.size(2), x.size(3));
    // An autograd Function cannot take an undefined tensor: no bias is an empty one.
    return WinogradConvFunction::apply(
        x, weight, bias.defined() ? bias : torch::empty({0}, x.options()), int64_t(m));
}

bool winogradSuits(const Tensor& x, int64_t kernel, int64_t stride, int64_t padding,
                   int64_t dilation, int64_t groups) {
    if (!enabledFlag().load()) return false;
    if (!x.device().is_cpu() || x.scalar_type() != torch::kFloat || x.dim() != 4) return false;
    if (kernel != 3 || stride != 1 || padding != 1 || dilation != 1 || groups != 1) return false;
    // Measured per layer shape (bench/README.md, session 4): with fewer than 64 input channels
    // the tile products are too thin for the BLAS and oneDNN's direct kernels win; from 64 on,
    // F(4x4, 3x3) beats them on every map from 4x4 to 32x32, and F(2x2, 3x3) on 2x2 maps.
    // NEMO_WINOGRAD_MIN_CHANNELS moves the threshold for such comparisons.
    static const int64_t minChannels = [] {
        const char* env = std::getenv("NEMO_WINOGRAD_MIN_CHANNELS");
        return env ? std::atoll(env) : 64;
    }();
    return x.size(1) >= minChannels && x.size(2) >= 2 && x.size(3) >= 2;
}

bool winogradEnabled() {
    return enabledFlag().load();
}
void setWinogradEnabled(bool enabled) {
    enabledFlag().store(enabled);
}

}  // namespace nemo
