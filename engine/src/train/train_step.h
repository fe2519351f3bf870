// One forward pass and its loss in any of the three modes; shared by the trainer, the evaluator
// and `nemo bench` so that all of them time and report the same work.
#pragma once

#include <memory>
#include <vector>

#include <torch/torch.h>

#include "models/network.h"
#include "nemo/train_config.h"

namespace nemo {

struct LossSettings {
    TrainMode mode = TrainMode::Nemo;
    double alpha = 0.5, beta = 1.5, temperature = 0.3;
    // CNN NeMo trainer detail (docs/method.md §4.2): the first masked layer's masks are replaced by
    // ones in the contrastive loss (the forward pass still uses the real masks). Only where the
    // model says the CNN trainer applies (NetworkImpl::firstMaskOnesInLoss).
    bool firstMaskOnes = true;
    // Forward pass under bfloat16 autocast (TrainConfig::precision == "bf16").
    bool bf16 = false;
    // DeiT with a teacher (docs/method.md §3.5): weight of the hard CE and temperature of the KL
    // terms.
    double distillAlpha = 0.5, distillTau = 1.0;

    static LossSettings from(const TrainConfig& config);
};

class DataParallel;

// One rank's rows of a data-parallel step (docs/distributed.md). Its backward loss is
// share * (per-sample term) + maskWeight * (mask loss), so that summing the ranks' gradients gives
// the gradient of the global batch's loss: the per-sample mean splits by rows; a global mask loss
// is the same value on every rank, each rank's backward reaching only its own rows' masks.
struct BatchShard {
    const DataParallel* group = nullptr;
    int64_t globalRows = 0;
    bool globalMaskLoss = true;  // TrainConfig::maskLossScope == "global"
};

struct LossParts {
    torch::Tensor logits;
    torch::Tensor loss;          // what is minimized
    torch::Tensor crossEntropy;  // of the model's output logits (DeiT: the averaged heads)
    torch::Tensor distillation;  // with a teacher: L_distill, which replaces the CE in the loss
    torch::Tensor contrastive;   // NeMo only
    torch::Tensor cohesionLoss;  // MwT only (NeMo computes it for logging, see cosineLosses)
    torch::Tensor couplingLoss;
    std::vector<torch::Tensor> masks;  // real masks of this pass, in mask order
    // The masks and labels the mask loss saw: `masks` and the labels, or with a global
    // BatchShard every rank's rows (this rank's live).
    std::vector<torch::Tensor> lossMasks;
    torch::Tensor lossLabels;
    // The loss's two terms: the per-sample mean (CE or distillation) and the weighted mask loss
    // (alpha * contrastive, or alpha * cohesion + beta * coupling; undefined when standard).
    torch::Tensor perSample, maskTerm;
    // Weights that make a statistic of this rank summed over the ranks the global one: rows'
    // share for per-sample means, 1 / ranks for mask-loss values. 1 in one process.
    double sampleWeight = 1, maskStatWeight = 1;
};

// Turns bfloat16 autocast on for one device type while it lives (no-op when disabled).
class BFloat16Autocast {
  public:
    BFloat16Autocast(bool enabled, const torch::Device& device);
    ~BFloat16Autocast();
    BFloat16Autocast(const BFloat16Autocast&) = delete;
    BFloat16Autocast& operator=(const BFloat16Autocast&) = delete;

  private:
    bool enabled_;
    torch::DeviceType type_;
};

// teacherLogits (defined only for a model with a distillation head and a teacher): the teacher's
// logits on the same images; the loss then starts from the distillation loss instead of the CE.
// shard: this rank's part of a data-parallel step (null: one process).
LossParts computeLoss(NetworkImpl& model, const torch::Tensor& images, const torch::Tensor& labels,
                      const LossSettings& settings, const torch::Tensor& teacherLogits = {},
                      const BatchShard* shard = nullptr);

// SGD with Nesterov momentum 0.9, no weight decay, two parameter groups: the model's own
// parameters (lr) and every parameter under a `mask_generator` (lrMask) (docs/method.md §4.1).
std::unique_ptr<torch::optim::SGD> makeOptimizer(NetworkImpl& model, double lr, double lrMask);
void setLearningRates(torch::optim::SGD& optimizer, double lr, double lrMask);

// optimizer.step() with the same arithmetic in a handful of foreach operations per parameter
// group instead of four operations per parameter: on a GPU each is one multi-tensor kernel, so
// the update of VGG16 NeMo's ~100 parameters is 8 kernels instead of ~400. The state stays the
// optimizer's own (checkpoints are unchanged). The first step, which creates the momentum
// buffers, and settings other than makeOptimizer's (weight decay, plain momentum) run
// optimizer.step() itself.
void sgdStep(torch::optim::SGD& optimizer);

// CosineAnnealingLR stepped per epoch: lr during epoch e of T is base (1 + cos(pi e / T)) / 2.
double cosineLearningRate(double base, int epoch, int totalEpochs);

}  // namespace nemo
