#include "train/step_runner.h"

#if NEMO_WITH_CUDA
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include "dist/data_parallel.h"
#include "train/losses.h"

namespace nemo {
namespace {

#if NEMO_WITH_CUDA
std::string firstLine(std::string text) {
    if (auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
    return text;
}
#endif

// The statistics row of StepOutcome::stats for one computed loss. Data-parallel, each value is
// weighted (LossParts::sampleWeight, maskStatWeight) so that the ranks' rows sum to the global
// batch's statistics.
torch::Tensor stepStatistics(const LossParts& parts, const torch::Tensor& labels) {
    torch::NoGradGuard noGrad;
    const torch::Tensor zero = torch::zeros({}, parts.loss.options());
    std::vector<torch::Tensor> row(kStatCount, zero);
    // Weights of 1 add no kernels (a graphed GPU step is kept as short as it was).
    const auto weighted = [](double w, const torch::Tensor& t) { return w == 1 ? t : w * t; };
    const double ws = parts.sampleWeight, wm = parts.maskStatWeight;
    row[kStatLoss] = parts.loss.detach();
    if (ws != 1 || wm != 1) {
        row[kStatLoss] = ws * parts.perSample.detach();
        if (parts.maskTerm.defined()) row[kStatLoss] += wm * parts.maskTerm.detach();
    }
    row[kStatCrossEntropy] = weighted(ws, parts.crossEntropy.detach());
    if (parts.contrastive.defined())
        row[kStatContrastive] = weighted(wm, parts.contrastive.detach());
    if (!parts.masks.empty())
        row[kStatRetention] = weighted(ws, kernelRate(parts.masks).to(zero.options()));
    row[kStatCorrect] = parts.logits.argmax(1).eq(labels).sum().to(zero.options());
    if (parts.distillation.defined())
        row[kStatDistillation] = weighted(ws, parts.distillation.detach());
    return torch::stack(row);
}

StepOutcome outcomeOf(const LossParts& parts, const torch::Tensor& labels) {
    StepOutcome out;
    out.stats = stepStatistics(parts, labels);
    out.masks.reserve(parts.lossMasks.size());
    for (const auto& m : parts.lossMasks) out.masks.push_back(m.detach());
    out.labels = parts.lossLabels.defined() ? parts.lossLabels : labels;
    out.hasContrastive = parts.contrastive.defined();
    out.hasDistillation = parts.distillation.defined();
    return out;
}

}  // namespace

void clearGradients(torch::optim::Optimizer& optimizer) {
    for (auto& group : optimizer.param_groups())
        for (auto& p : group.params()) p.mutable_grad() = torch::Tensor();
}

// The captured step: static inputs the loader's batches are copied into, and the outputs every
// replay refills. Everything lives in the graph's private memory pool or is owned here.
struct StepRunner::Graph {
#if NEMO_WITH_CUDA
    std::unique_ptr<at::cuda::CUDAGraph> graph;
#endif
    torch::Tensor images, labels, teacherLogits;
    StepOutcome outcome;

    bool fits(const torch::Tensor& x, const torch::Tensor& y, const torch::Tensor& t) const {
        return x.sizes() == images.sizes() && y.sizes() == labels.sizes() &&
               t.defined() == teacherLogits.defined() &&
               (!t.defined() || t.sizes() == teacherLogits.sizes());
    }
};

StepRunner::StepRunner(NetworkImpl& model, torch::optim::SGD& optimizer,
                       const LossSettings& settings, bool cudaGraph)
    : model_(model), optimizer_(optimizer), settings_(settings), cudaGraph_(cudaGraph) {}

StepRunner::~StepRunner() = default;

void StepRunner::invalidate() {
    graph_.reset();
}

StepOutcome StepRunner::run(const torch::Tensor& images, const torch::Tensor& labels,
                            const torch::Tensor& teacherLogits,
                            const std::function<void(const torch::Tensor&)>& checkLoss,
                            int64_t globalRows) {
    if (shard_.group) {
        BatchShard shard = shard_;
        shard.globalRows = globalRows;
        return eager(images, labels, teacherLogits, checkLoss, &shard);
    }
    if (cudaGraph_ && images.is_cuda() && graphFailure_.empty())
        return graphed(images, labels, teacherLogits);
    return eager(images, labels, teacherLogits, checkLoss);
}

StepOutcome StepRunner::eager(const torch::Tensor& images, const torch::Tensor& labels,
                              const torch::Tensor& teacherLogits,
                              const std::function<void(const torch::Tensor&)>& checkLoss,
                              const BatchShard* shard) {
    clearGradients(optimizer_);
    LossParts parts = computeLoss(model_, images, labels, settings_, teacherLogits, shard);
    if (checkLoss) checkLoss(parts.loss);
    parts.loss.backward();
    if (shard) sumGradients();
    StepOutcome outcome = outcomeOf(parts, labels);
    if (shard) shard->group->sumInPlace({outcome.stats});
    sgdStep(optimizer_);
    return outcome;
}

// The ranks' gradients summed (each rank's loss is already weighted for a sum: BatchShard). A
// parameter without a gradient takes zeros, so that every rank sends the same tensors.
void StepRunner::sumGradients() const {
    std::vector<torch::Tensor> grads;
    for (auto& group : optimizer_.param_groups())
        for (auto& p : group.params()) {
            if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
            grads.push_back(p.grad());
        }
    shard_.group->sumInPlace(grads);
}

#if NEMO_WITH_CUDA
StepOutcome StepRunner::graphed(const torch::Tensor& images, const torch::Tensor& labels,
                                const torch::Tensor& teacherLogits) {
    if (graph_) {
        // A batch of another size (the last of an epoch) runs eagerly; the graph stays.
        if (!graph_->fits(images, labels, teacherLogits))
            return eager(images, labels, teacherLogits, {});
        graph_->images.copy_(images);
        graph_->labels.copy_(labels);
        if (teacherLogits.defined()) graph_->teacherLogits.copy_(teacherLogits);
        graph_->graph->replay();
        ++replays_;
        return graph_->outcome;
    }
    // Warm-up and capture run on a side stream (PyTorch's recipe: lazily created cuBLAS and
    // cuDNN state and the autograd engine's streams must exist before a capture); the device is
    // synchronized around it, so the default stream's batch is ready and nothing overlaps.
    torch::cuda::synchronize();
    auto stream = c10::cuda::getStreamFromPool();
    if (warmupLeft_ > 0) {
        --warmupLeft_;
        StepOutcome out;
        {
            c10::cuda::CUDAStreamGuard guard(stream);
            out = eager(images, labels, teacherLogits, {});
            stream.synchronize();
        }
        return out;
    }
    auto g = std::make_unique<Graph>();
    {
        c10::cuda::CUDAStreamGuard guard(stream);
        g->images = images.clone();
        g->labels = labels.clone();
        if (teacherLogits.defined()) g->teacherLogits = teacherLogits.clone();
        // Gradients are allocated by the captured backward pass, in the graph's memory, and
        // every replay overwrites them (no zeroing inside the graph).
        clearGradients(optimizer_);
        stream.synchronize();
        g->graph = std::make_unique<at::cuda::CUDAGraph>();
        try {
            g->graph->capture_begin();
            LossParts parts =
                computeLoss(model_, g->images, g->labels, settings_, g->teacherLogits);
            parts.loss.backward();
            sgdStep(optimizer_);
            g->outcome = outcomeOf(parts, g->labels);
            g->graph->capture_end();
        } catch (const std::exception& e) {
            // Nothing captured has run: the weights are as before. Give graphs up for this run
            // and take the step eagerly.
            graphFailure_ = firstLine(e.what());
            try {
                g->graph->capture_end();
            } catch (const std::exception&) {
            }
            g.reset();
            stream.synchronize();
        }
    }
    torch::cuda::synchronize();
    if (!g) return eager(images, labels, teacherLogits, {});
    graph_ = std::move(g);
    // Capturing records the step without running it: replay to take it.
    graph_->graph->replay();
    ++replays_;
    return graph_->outcome;
}
#else
StepOutcome StepRunner::graphed(const torch::Tensor& images, const torch::Tensor& labels,
                                const torch::Tensor& teacherLogits) {
    return eager(images, labels, teacherLogits, {});
}
#endif

}  // namespace nemo
