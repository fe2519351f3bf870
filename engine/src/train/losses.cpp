#include "train/losses.h"

#include <algorithm>

namespace nemo {
namespace {

namespace F = torch::nn::functional;

torch::Tensor sameClass(const torch::Tensor& labels) {
    return labels.unsqueeze(1).eq(labels.unsqueeze(0));
}

torch::Tensor meanOfList(const std::vector<torch::Tensor>& values) {
    return torch::stack(values).mean();
}

// Every layer's masks zero-padded to the widest layer, stacked to (L, B, N). Padding changes
// neither row norms nor dot products, so one batched product gives every layer's similarity
// matrix: a dozen kernels instead of a dozen per layer (it matters on a GPU). Used for the
// cosine statistics, whose golden values carry no gradients.
torch::Tensor stackPadded(const std::vector<torch::Tensor>& masks) {
    int64_t widest = 0;
    for (const auto& m : masks) widest = std::max(widest, m.size(1));
    std::vector<torch::Tensor> padded;
    padded.reserve(masks.size());
    for (const auto& m : masks) {
        padded.push_back(
            m.size(1) == widest ? m : torch::constant_pad_nd(m, {0, widest - m.size(1)}, 0.0));
    }
    return torch::stack(padded);
}

// F.normalize(p=2, dim=-1, eps=1e-12) per sample (a zero row stays zero), then all dot products.
torch::Tensor layerSimilarities(const torch::Tensor& stacked) {
    torch::Tensor n = F::normalize(stacked, F::NormalizeFuncOptions().p(2).dim(2).eps(1e-12));
    return torch::bmm(n, n.transpose(1, 2));  // (L, B, B)
}

// n n^T for a stack of matrices (G, B, N), with the backward pass of the published n.mm(n.t())
// per layer: mm's backward takes the second operand's gradient as g^T n, where bmm's would take
// (n^T g)^T; the two round differently, which the ~1e9 gradients of zero mask rows show.
struct SelfSimilarity : torch::autograd::Function<SelfSimilarity> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& n) {
        ctx->save_for_backward({n});
        return torch::bmm(n, n.transpose(1, 2));
    }
    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list grads) {
        const torch::Tensor n = ctx->get_saved_variables()[0];
        const torch::Tensor& g = grads[0];
        return {torch::bmm(g, n) + torch::bmm(g.transpose(1, 2), n)};
    }
};

}  // namespace

torch::Tensor contrastiveLoss(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels,
                              double temperature) {
    // The reference's op sequence (normalize, mm, exp, sum), run once per group of layers of the
    // same width stacked to (G, B, N) instead of once per layer: VGG16's 13 masked layers are 4
    // groups, ResNet18's 17 too, so the loss issues a quarter of the kernels (what limits a GPU
    // step, see bench/README.md). Exactly the per-layer values: every row is normalized, every
    // similarity is one dot product of length N, every sum runs along the same row as before, and
    // SelfSimilarity's backward is mm's. The golden gradients include rows of zero masks, where
    // the gradient is ~1e9 and only that summation order reproduces it within 1e-5; padding
    // narrower layers to one width (as cosineLosses does) changes it by a float32 ulp, so layers
    // of different widths stay apart.
    constexpr double eps = 1e-8;
    const torch::Tensor positive = sameClass(labels).to(masks.front().scalar_type());
    const torch::Tensor negative = 1.0 - positive;
    std::vector<int64_t> widths;
    std::vector<std::vector<torch::Tensor>> groups;
    for (const auto& m : masks) {
        auto at = std::find(widths.begin(), widths.end(), m.size(1));
        if (at == widths.end()) {
            widths.push_back(m.size(1));
            groups.emplace_back();
            at = widths.end() - 1;
        }
        groups[size_t(at - widths.begin())].push_back(m);
    }
    std::vector<torch::Tensor> layerMeans;  // (G) per group
    layerMeans.reserve(groups.size());
    for (const auto& group : groups) {
        torch::Tensor m = group.size() == 1 ? group.front().unsqueeze(0) : torch::stack(group);
        torch::Tensor n = F::normalize(m, F::NormalizeFuncOptions().p(2).dim(2).eps(1e-12));
        torch::Tensor s = SelfSimilarity::apply(n);
        torch::Tensor posSum = torch::exp(s * positive / temperature).sum(2);
        torch::Tensor negSum = torch::exp(s * negative / temperature).sum(2);
        layerMeans.push_back((-torch::log((posSum + eps) / (posSum + negSum + eps))).mean(1));
    }
    // The unweighted mean over layers (their order only moves the last float32 bit of the value;
    // each layer's gradient is 1/L either way).
    return torch::cat(layerMeans).mean();
}

CosineStats cosineLosses(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels,
                         bool emptyAsZero) {
    const int64_t b = labels.size(0);
    const torch::Tensor upper =
        torch::ones({b, b}, torch::TensorOptions().dtype(torch::kBool).device(labels.device()))
            .triu(1);
    const torch::Tensor same = sameClass(labels);
    torch::Tensor stacked = stackPadded(masks);
    torch::Tensor s = layerSimilarities(stacked);
    auto pairMean = [&](const torch::Tensor& pairs) {
        // Per layer: mean of s over the selected pairs; 0/0 = NaN when there are none, as
        // torch.mean of an empty selection, or 0 with a zero gradient with emptyAsZero.
        torch::Tensor w = pairs.to(s.scalar_type());
        torch::Tensor count = w.sum();
        return (s * w).sum({1, 2}) / (emptyAsZero ? count.clamp_min(1.0) : count);
    };
    const torch::Tensor samePairs = same.logical_and(upper);
    torch::Tensor cohesion = 1.0 - pairMean(samePairs);
    // With no same-class pair there is nothing to pull together: no cohesion loss either.
    if (emptyAsZero) cohesion = cohesion * samePairs.any();
    torch::Tensor coupling = pairMean(same.logical_not().logical_and(upper));
    // Rates over each layer's real width, not the padded one. Divided by host scalars, not by a
    // tensor of widths: creating that tensor would copy from the host, which a CUDA graph
    // capture forbids.
    std::vector<torch::Tensor> rates, means;
    for (const auto& m : masks) {
        const double entries = double(m.numel());
        rates.push_back(m.gt(0).sum().to(m.scalar_type()) / entries);
        means.push_back(m.sum() / entries);
    }
    torch::Tensor rate = torch::stack(rates);
    torch::Tensor l1 = torch::stack(means);
    return {cohesion.mean(), coupling.mean(), rate.mean(), l1.mean()};
}

JaccardStats batchJaccard(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels) {
    torch::Tensor bits = torch::cat(masks, 1).gt(0).to(torch::kFloat);
    torch::Tensor inter = bits.matmul(bits.t());
    torch::Tensor count = bits.sum(1);
    torch::Tensor uni = count.unsqueeze(1) + count.unsqueeze(0) - inter;
    torch::Tensor jaccard = inter / uni;
    const int64_t b = labels.size(0);
    const torch::Tensor upper =
        torch::ones({b, b}, torch::TensorOptions().dtype(torch::kBool).device(labels.device()))
            .triu(1);
    const torch::Tensor same = sameClass(labels);
    // Select with masked_select so a NaN (empty union) outside the selection does not leak in.
    torch::Tensor cohesion = jaccard.masked_select(same.logical_and(upper)).mean();
    torch::Tensor coupling = jaccard.masked_select(same.logical_not().logical_and(upper)).mean();
    return {cohesion, coupling, bits.mean()};
}

torch::Tensor distillationLoss(const torch::Tensor& classLogits,
                               const torch::Tensor& distillationLogits,
                               const torch::Tensor& teacherLogits, const torch::Tensor& labels,
                               double alpha, double tau) {
    const torch::Tensor target = torch::softmax(teacherLogits.detach() / tau, 1);
    auto kl = [&](const torch::Tensor& student) {
        // F.kl_div(log_softmax(student / tau), softmax(teacher / tau), reduction="batchmean").
        return F::kl_div(torch::log_softmax(student / tau, 1), target,
                         F::KLDivFuncOptions().reduction(torch::kBatchMean)) *
               (tau * tau);
    };
    const torch::Tensor hard = F::cross_entropy(classLogits, labels);
    return alpha * hard + (1.0 - alpha) * 0.5 * (kl(classLogits) + kl(distillationLogits));
}

torch::Tensor kernelRate(const std::vector<torch::Tensor>& masks) {
    std::vector<torch::Tensor> rate;
    for (const auto& m : masks) rate.push_back(m.gt(0).to(torch::kFloat).mean());
    return meanOfList(rate);
}

}  // namespace nemo
