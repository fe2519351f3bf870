#include "train/evaluator.h"

#include "train/losses.h"

namespace nemo {
namespace {

// Running mean of a scalar that is NaN for batches without it (e.g. no same-class pair).
struct Mean {
    double sum = 0;
    int64_t n = 0;
    void add(const torch::Tensor& t) {
        if (!t.defined()) return;
        const double v = t.item<double>();
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    }
    double value() const { return n ? sum / double(n) : NAN; }
};

}  // namespace

EvalStats evaluate(NetworkImpl& model, BatchLoader& loader, const LossSettings& settings,
                   FrozenRunModel* teacher) {
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    loader.startEpoch(0);
    Mean loss, ce, distill, contra, coh, coup, retention, jc, jp;
    int64_t correct = 0, seen = 0;
    for (int64_t b = 0; b < loader.batches(); ++b) {
        auto [batchImages, labels] = loader.batch(b);
        const auto device = model.parameters().front().device();
        torch::Tensor images = batchImages.to(device).contiguous(torch::MemoryFormat::ChannelsLast);
        labels = labels.to(device);
        LossParts parts = computeLoss(model, images, labels, settings,
                                      teacher ? teacher->logits(images) : torch::Tensor());
        loss.add(parts.loss);
        ce.add(parts.crossEntropy);
        distill.add(parts.distillation);
        contra.add(parts.contrastive);
        correct += parts.logits.argmax(1).eq(labels).sum().item<int64_t>();
        seen += labels.size(0);
        if (!parts.masks.empty()) {
            CosineStats cos = cosineLosses(parts.masks, labels);
            coh.add(cos.cohesionLoss);
            coup.add(cos.couplingLoss);
            retention.add(cos.kernelRate);
            JaccardStats jac = batchJaccard(parts.masks, labels);
            jc.add(jac.cohesion);
            jp.add(jac.coupling);
        }
    }
    model.train(wasTraining);
    EvalStats s;
    s.loss = loss.value();
    s.crossEntropy = ce.value();
    s.contrastive = contra.value();
    s.distillation = distill.value();
    s.cohesionLoss = coh.value();
    s.couplingLoss = coup.value();
    s.retention = retention.value();
    s.jaccardCohesion = jc.value();
    s.jaccardCoupling = jp.value();
    s.accuracy = seen ? double(correct) / double(seen) : NAN;
    s.samples = seen;
    return s;
}

}  // namespace nemo
