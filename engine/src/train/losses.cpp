#include "train/losses.h"

namespace nemo {
namespace {

namespace F = torch::nn::functional;

torch::Tensor cosineSimilarity(const torch::Tensor& masks) {
    // F.normalize(p=2, dim=1, eps=1e-12): a zero row stays zero.
    torch::Tensor n = F::normalize(masks, F::NormalizeFuncOptions().p(2).dim(1).eps(1e-12));
    return n.matmul(n.t());
}

torch::Tensor sameClass(const torch::Tensor& labels) {
    return labels.unsqueeze(1).eq(labels.unsqueeze(0));
}

torch::Tensor meanOver(const torch::Tensor& values, const torch::Tensor& select, bool emptyAsZero) {
    // mean of values[select]: 0/0 = NaN when nothing is selected, as torch.mean of an empty
    // tensor; or 0 (and a zero gradient) with emptyAsZero.
    torch::Tensor w = select.to(values.scalar_type());
    torch::Tensor count = w.sum();
    return (values * w).sum() / (emptyAsZero ? count.clamp_min(1.0) : count);
}

torch::Tensor meanOfList(const std::vector<torch::Tensor>& values) {
    return torch::stack(values).mean();
}

}  // namespace

torch::Tensor contrastiveLoss(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels,
                              double temperature) {
    constexpr double eps = 1e-8;
    const torch::Tensor positive = sameClass(labels).to(masks.front().scalar_type());
    const torch::Tensor negative = 1.0 - positive;
    std::vector<torch::Tensor> perLayer;
    perLayer.reserve(masks.size());
    for (const auto& m : masks) {
        torch::Tensor s = cosineSimilarity(m);
        torch::Tensor posSum = torch::exp(s * positive / temperature).sum(1);
        torch::Tensor negSum = torch::exp(s * negative / temperature).sum(1);
        perLayer.push_back((-torch::log((posSum + eps) / (posSum + negSum + eps))).mean());
    }
    return meanOfList(perLayer);
}

CosineStats cosineLosses(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels,
                         bool emptyAsZero) {
    const int64_t b = labels.size(0);
    const torch::Tensor upper =
        torch::ones({b, b}, torch::TensorOptions().dtype(torch::kBool).device(labels.device()))
            .triu(1);
    const torch::Tensor same = sameClass(labels);
    const torch::Tensor samePairs = same.logical_and(upper);
    const torch::Tensor diffPairs = same.logical_not().logical_and(upper);
    std::vector<torch::Tensor> coh, coup, rate, l1;
    for (const auto& m : masks) {
        torch::Tensor s = cosineSimilarity(m);
        torch::Tensor sameMean = meanOver(s, samePairs, emptyAsZero);
        // With no same-class pair there is nothing to pull together: no cohesion loss either.
        coh.push_back(emptyAsZero ? (1.0 - sameMean) * samePairs.any() : 1.0 - sameMean);
        coup.push_back(meanOver(s, diffPairs, emptyAsZero));
        rate.push_back(m.gt(0).to(m.scalar_type()).mean());
        l1.push_back(m.mean());
    }
    return {meanOfList(coh), meanOfList(coup), meanOfList(rate), meanOfList(l1)};
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

torch::Tensor kernelRate(const std::vector<torch::Tensor>& masks) {
    std::vector<torch::Tensor> rate;
    for (const auto& m : masks) rate.push_back(m.gt(0).to(torch::kFloat).mean());
    return meanOfList(rate);
}

}  // namespace nemo
