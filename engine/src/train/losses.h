// The losses and batch statistics of docs/method.md §3, on per-layer masks (B, N_l) and labels (B).
#pragma once

#include <vector>

#include <torch/torch.h>

namespace nemo {

// NeMo's contrastive loss (§3.1), exactly as published: the self pair counts as positive and
// every pair excluded from a sum still adds exp(0) = 1 to it. Mean over samples, then the
// unweighted mean over layers.
torch::Tensor contrastiveLoss(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels,
                              double temperature);

// Cosine cohesion and coupling losses over the strict upper triangle of the similarity matrix,
// plus the kernel (neuron retention) rate and the mean mask value (§3.2). Each averaged over
// layers. A batch without same-class (different-class) pairs gives NaN cohesion (coupling), as the
// published code does; with emptyAsZero such a term is 0 with a zero gradient instead, which is
// what training needs (a NaN would poison every parameter through the backward pass).
struct CosineStats {
    torch::Tensor cohesionLoss;  // 1 - mean same-class similarity
    torch::Tensor couplingLoss;  // mean different-class similarity
    torch::Tensor kernelRate;    // fraction of mask values > 0
    torch::Tensor l1;            // mean mask value
};
CosineStats cosineLosses(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels,
                         bool emptyAsZero = false);

// Batch-level Jaccard metrics on the binarized, layer-concatenated masks (§3.6,
// cal_modular_metrics). Pairs whose union is empty give NaN, as in the published code.
struct JaccardStats {
    torch::Tensor cohesion;   // mean Jaccard index over same-class pairs i < j
    torch::Tensor coupling;   // mean Jaccard index over different-class pairs i < j
    torch::Tensor retention;  // fraction of mask values > 0
};
JaccardStats batchJaccard(const std::vector<torch::Tensor>& masks, const torch::Tensor& labels);

// DeiT's hard-label distillation objective (docs/method.md §3.5), which replaces the cross-entropy
// of the DeiT NeMo loss: alpha * CE(cls, y) + (1 - alpha) * (KL_cls + KL_dist) / 2, where KL_x =
// KL(softmax(teacher / tau) || softmax(x / tau)) * tau^2 summed over classes and divided by the
// batch size ("batchmean"). Published values: alpha 0.5, tau 1.
torch::Tensor distillationLoss(const torch::Tensor& classLogits,
                               const torch::Tensor& distillationLogits,
                               const torch::Tensor& teacherLogits, const torch::Tensor& labels,
                               double alpha = 0.5, double tau = 1.0);

// Fraction of mask values > 0, per layer then averaged over layers.
torch::Tensor kernelRate(const std::vector<torch::Tensor>& masks);

}  // namespace nemo
