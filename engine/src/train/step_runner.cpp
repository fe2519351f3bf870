#include "train/step_runner.h"

#if NEMO_WITH_CUDA
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include "train/losses.h"

namespace nemo {
namespace {

std::string firstLine(std::string text) {
    if (auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
    return text;
}

// The statistics row of StepOutcome::stats for one computed loss.
torch::Tensor stepStatistics(const LossParts& parts, const torch::Tensor& labels) {
    torch::NoGradGuard noGrad;
    const torch::Tensor zero = torch::zeros({}, parts.loss.options());
    return torch::stack({parts.loss.detach(), parts.crossEntropy.detach(),
                         parts.contrastive.defined() ? parts.contrastive.detach() : zero,
                         parts.masks.empty() ? zero : kernelRate(parts.masks).to(zero.options()),
                         parts.logits.argmax(1).eq(labels).sum().to(zero.options()),
                         parts.distillation.defined() ? parts.distillation.detach() : zero});
}

StepOutcome outcomeOf(const LossParts& parts, const torch::Tensor& labels) {
    StepOutcome out;
    out.stats = stepStatistics(parts, labels);
    out.masks.reserve(parts.masks.size());
    for (const auto& m : parts.masks) out.masks.push_back(m.detach());
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
                            const std::function<void(const torch::Tensor&)>& checkLoss) {
    if (cudaGraph_ && images.is_cuda() && graphFailure_.empty())
        return graphed(images, labels, teacherLogits);
    return eager(images, labels, teacherLogits, checkLoss);
}

StepOutcome StepRunner::eager(const torch::Tensor& images, const torch::Tensor& labels,
                              const torch::Tensor& teacherLogits,
                              const std::function<void(const torch::Tensor&)>& checkLoss) {
    clearGradients(optimizer_);
    LossParts parts = computeLoss(model_, images, labels, settings_, teacherLogits);
    if (checkLoss) checkLoss(parts.loss);
    parts.loss.backward();
    sgdStep(optimizer_);
    return outcomeOf(parts, labels);
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
