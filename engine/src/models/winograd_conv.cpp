#include "models/winograd_conv.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace nemo {
namespace {

using torch::Tensor;
using torch::indexing::Slice;

// Element-wise results written straight into a slice of a preallocated tensor (no stack/copy).
void subInto(Tensor dst, const Tensor& a, const Tensor& b) {
    torch::sub_out(dst, a, b);
}
void addInto(Tensor dst, const Tensor& a, const Tensor& b) {
    torch::add_out(dst, a, b);
}
void negInto(Tensor dst, const Tensor& a) {
    torch::neg_out(dst, a);
}

// kron(G, G) with G the 4x3 filter transform of F(2x2, 3x3): one matrix product transforms all
// K*C filters at once (a batch of tiny 4x3 products would be far slower).
Tensor filterTransformMatrix(const torch::TensorOptions& options) {
    const Tensor g =
        torch::tensor({1.0, 0.0, 0.0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.0, 0.0, 1.0}, torch::kDouble)
            .view({4, 3});
    return torch::kron(g, g).to(options);  // [16, 9]
}

// Filters [K, C, 3, 3] -> U [16, C, K] (a transposed view: the BLAS reads it as it is).
Tensor transformFilters(const Tensor& w) {
    const int64_t k = w.size(0), c = w.size(1);
    const Tensor gg = filterTransformMatrix(w.options());
    return torch::mm(gg, w.reshape({k * c, 9}).t()).view({16, k, c}).transpose(1, 2);
}

// dL/dU [16, C, K] -> dL/dw [K, C, 3, 3]: the adjoint of transformFilters.
Tensor transformFiltersAdjoint(const Tensor& du) {
    const int64_t c = du.size(1), k = du.size(2);
    const Tensor gg = filterTransformMatrix(du.options());
    return torch::mm(du.transpose(1, 2).reshape({16, k * c}).t(), gg).view({k, c, 3, 3});
}

// Input [N, C, H, W] -> V [16, T, C], T = N * H/2 * W/2 overlapping 4x4 tiles (stride 2) of the
// zero-padded input, each transformed as B^T d B. Works on an NHWC view so that every tile
// element is a contiguous run of C channels (the engine keeps activations channels-last).
Tensor transformInput(const Tensor& x) {
    const int64_t n = x.size(0), c = x.size(1), th = x.size(2) / 2, tw = x.size(3) / 2;
    const Tensor xp = torch::constant_pad_nd(x.permute({0, 2, 3, 1}), {0, 0, 1, 1, 1, 1});
    auto row = [&](int64_t i) { return xp.slice(1, i, i + 2 * th, 2); };  // [N, th, W+2, C]
    const Tensor r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3);
    const Tensor rows[4] = {r0 - r2, r1 + r2, r2 - r1, r1 - r3};  // B^T d
    Tensor v = torch::empty({4, 4, n, th, tw, c}, x.options());
    for (int a = 0; a < 4; ++a) {
        auto col = [&](int64_t j) { return rows[a].slice(2, j, j + 2 * tw, 2); };  // (B^T d) B
        const Tensor c0 = col(0), c1 = col(1), c2 = col(2), c3 = col(3);
        subInto(v[a][0], c0, c2);
        addInto(v[a][1], c1, c2);
        subInto(v[a][2], c2, c1);
        subInto(v[a][3], c1, c3);
    }
    return v.view({16, n * th * tw, c});
}

// M [16, T, K] -> y [N, K, H, W] (channels-last memory) by A^T m A per tile.
Tensor transformOutput(const Tensor& m16, int64_t n, int64_t th, int64_t tw) {
    const int64_t k = m16.size(2);
    const Tensor m = m16.view({4, 4, n, th, tw, k});
    const Tensor r[2] = {m[0] + m[1] + m[2], m[1] - m[2] - m[3]};  // A^T m, [4, N, th, tw, K]
    Tensor y = torch::empty({n, th, 2, tw, 2, k}, m16.options());
    for (int a = 0; a < 2; ++a) {
        Tensor ya = y.select(2, a);  // [N, th, tw, 2, K]
        addInto(ya.select(3, 0), r[a][0] + r[a][1], r[a][2]);
        subInto(ya.select(3, 1), r[a][1] - r[a][2], r[a][3]);
    }
    return y.view({n, 2 * th, 2 * tw, k}).permute({0, 3, 1, 2});
}

// dL/dy [N, K, H, W] -> dL/dM [16, T, K]: the adjoint of transformOutput, A dy A^T per tile.
Tensor transformOutputAdjoint(const Tensor& dy) {
    const int64_t n = dy.size(0), k = dy.size(1), th = dy.size(2) / 2, tw = dy.size(3) / 2;
    const Tensor d = dy.permute({0, 2, 3, 1});
    auto q = [&](int64_t a, int64_t b) { return d.slice(1, a, 2 * th, 2).slice(2, b, 2 * tw, 2); };
    Tensor dm = torch::empty({4, 4, n, th, tw, k}, dy.options());
    for (int64_t b = 0; b < 2; ++b) {
        // e_i[b] = sum_a A^T[a][i] dy_ab, stored in dm[i][b] for now
        const Tensor q0 = q(0, b), q1 = q(1, b);
        dm[0][b].copy_(q0);
        addInto(dm[1][b], q0, q1);
        subInto(dm[2][b], q0, q1);
        negInto(dm[3][b], q1);
    }
    for (int i = 0; i < 4; ++i) {  // dm_ij = sum_b A^T[b][j] e_i[b]
        const Tensor e0 = dm[i][0].clone(), e1 = dm[i][1].clone();
        addInto(dm[i][1], e0, e1);
        subInto(dm[i][2], e0, e1);
        negInto(dm[i][3], e1);
    }
    return dm.view({16, n * th * tw, k});
}

Tensor winogradForward(const Tensor& x, const Tensor& w, Tensor* savedTiles) {
    Tensor v = transformInput(x);
    Tensor y = transformOutput(torch::bmm(v, transformFilters(w)), x.size(0), x.size(2) / 2,
                               x.size(3) / 2);
    if (savedTiles) *savedTiles = std::move(v);
    return y;
}

class WinogradConvFunction : public torch::autograd::Function<WinogradConvFunction> {
  public:
    static Tensor forward(torch::autograd::AutogradContext* ctx, const Tensor& x, const Tensor& w) {
        Tensor tiles;
        const bool needTiles = w.requires_grad();
        Tensor y = winogradForward(x, w, needTiles ? &tiles : nullptr);
        ctx->save_for_backward({tiles, w});
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const Tensor& tiles = saved[0];
        const Tensor& w = saved[1];
        const Tensor dy = grads[0];
        Tensor dx, dw;
        if (ctx->needs_input_grad(1)) {
            dw = transformFiltersAdjoint(
                torch::bmm(tiles.transpose(1, 2), transformOutputAdjoint(dy)));
        }
        // The input gradient is itself a 3x3 "same" convolution of dy with the flipped,
        // transposed filters, so it takes the same fast path.
        if (ctx->needs_input_grad(0))
            dx = winogradForward(dy, w.flip({2, 3}).transpose(0, 1), nullptr);
        return {dx, dw};
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

Tensor winogradConv3x3(const Tensor& x, const Tensor& weight, const Tensor& bias) {
    TORCH_CHECK(x.dim() == 4 && x.size(2) % 2 == 0 && x.size(3) % 2 == 0,
                "winogradConv3x3 needs [N, C, H, W] with even H and W");
    TORCH_CHECK(weight.dim() == 4 && weight.size(2) == 3 && weight.size(3) == 3 &&
                    weight.size(1) == x.size(1),
                "winogradConv3x3 needs [K, C, 3, 3] filters matching the input");
    Tensor y = WinogradConvFunction::apply(x, weight);
    if (bias.defined()) y = y + bias.view({1, -1, 1, 1});
    return y;
}

bool winogradSuits(const Tensor& x, int64_t kernel, int64_t stride, int64_t padding,
                   int64_t dilation, int64_t groups) {
    if (!enabledFlag().load()) return false;
    if (!x.device().is_cpu() || x.scalar_type() != torch::kFloat || x.dim() != 4) return false;
    if (kernel != 3 || stride != 1 || padding != 1 || dilation != 1 || groups != 1) return false;
    const int64_t h = x.size(2), w = x.size(3);
    return x.size(1) >= 256 && h % 2 == 0 && w % 2 == 0 && h <= 4 && w <= 4;
}

bool winogradEnabled() {
    return enabledFlag().load();
}
void setWinogradEnabled(bool enabled) {
    enabledFlag().store(enabled);
}

}  // namespace nemo
