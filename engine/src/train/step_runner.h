// One training step of the trainer (loss, backward pass, optimizer step) and its logged
// statistics, run eagerly or, on a GPU, replayed from a CUDA graph: the NeMo step issues about a
// thousand small kernels (`nemo bench --count-ops`), and launching them one by one from the host
// is what bounds an eager GPU step (bench/README.md, "GPU").
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <torch/torch.h>

#include "models/network.h"
#include "train/train_step.h"

namespace nemo {

// The columns of StepOutcome::stats: one stacked tensor, so a step's statistics cost one
// device-to-host copy when they are read.
enum StepStat : int64_t {
    kStatLoss,
    kStatCrossEntropy,
    kStatContrastive,
    kStatRetention,
    kStatCorrect,  // correct predictions (a count, not a mean)
    kStatDistillation,
    kStatCount
};

// What the trainer keeps of a step. Tensors are detached; from a graph they are overwritten by
// the next step, so read them before calling run() again.
struct StepOutcome {
    // One value per StepStat (absent terms are 0); indexed by StepStat, summed over steps.
    torch::Tensor stats;
    std::vector<torch::Tensor> masks;  // the masks the mask loss saw, in mask order
    torch::Tensor labels;              // their labels (data-parallel global: every rank's rows)
    bool hasContrastive = false;
    bool hasDistillation = false;
};

// Sets every parameter's gradient to none (not to zero: the next backward pass then writes the
// gradient instead of adding it to zeros, the same values with no zeroing kernels).
void clearGradients(torch::optim::Optimizer& optimizer);

class StepRunner {
  public:
    // cudaGraph: on a CUDA device, capture the step once its shapes are known and replay it.
    // Ignored elsewhere. The learning rates are baked into a capture: call invalidate() when
    // they change.
    StepRunner(NetworkImpl& model, torch::optim::SGD& optimizer, const LossSettings& settings,
               bool cudaGraph);
    ~StepRunner();
    StepRunner(const StepRunner&) = delete;
    StepRunner& operator=(const StepRunner&) = delete;

    // checkLoss, when given, sees the loss before the backward pass of an eager step (the CPU
    // trainer's divergence check; a graphed step has no such point). Data-parallel (after
    // setDataParallel): `images` are this rank's rows of a global batch of globalRows; the
    // gradients and the statistics are summed over the ranks before the optimizer step.
    StepOutcome run(const torch::Tensor& images, const torch::Tensor& labels,
                    const torch::Tensor& teacherLogits = {},
                    const std::function<void(const torch::Tensor& loss)>& checkLoss = {},
                    int64_t globalRows = 0);
    // Makes every step a data-parallel one (CUDA graphs are then not used).
    void setDataParallel(const DataParallel* group, bool globalMaskLoss) {
        shard_.group = group;
        shard_.globalMaskLoss = globalMaskLoss;
    }
    void invalidate();
    // New loss weights (a live change): taken by the next step; a captured graph is redone.
    void setSettings(const LossSettings& settings) {
        settings_ = settings;
        invalidate();
    }
    // Steps replayed from a graph so far, and why graphs were given up (empty while they work).
    int64_t replays() const { return replays_; }
    const std::string& graphFailure() const { return graphFailure_; }

  private:
    StepOutcome eager(const torch::Tensor& images, const torch::Tensor& labels,
                      const torch::Tensor& teacherLogits,
                      const std::function<void(const torch::Tensor&)>& checkLoss,
                      const BatchShard* shard = nullptr);
    void sumGradients() const;
    StepOutcome graphed(const torch::Tensor& images, const torch::Tensor& labels,
                        const torch::Tensor& teacherLogits);

    NetworkImpl& model_;
    torch::optim::SGD& optimizer_;
    LossSettings settings_;
    bool cudaGraph_;
    BatchShard shard_;  // group null: one process
    int64_t replays_ = 0;
    std::string graphFailure_;
    struct Graph;  // CUDA-only state, defined where CUDA is built in
    std::unique_ptr<Graph> graph_;
    int warmupLeft_ = 3;  // eager steps on a side stream before the first capture
};

}  // namespace nemo
