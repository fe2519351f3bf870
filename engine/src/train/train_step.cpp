#include "train/train_step.h"

#include <cmath>

#include <ATen/autocast_mode.h>

#include "dist/data_parallel.h"
#include "train/losses.h"

namespace nemo {

LossSettings LossSettings::from(const TrainConfig& config) {
    LossSettings s;
    s.mode = config.mode;
    s.alpha = config.alpha;
    s.beta = config.beta;
    s.temperature = config.temperature;
    if (config.precision != "fp32" && config.precision != "bf16")
        throw std::invalid_argument("precision must be fp32 or bf16, not '" + config.precision +
                                    "'");
    s.bf16 = config.precision == "bf16";
    s.distillAlpha = config.distillAlpha;
    s.distillTau = config.distillTau;
    return s;
}

BFloat16Autocast::BFloat16Autocast(bool enabled, const torch::Device& device)
    : enabled_(enabled), type_(device.type()) {
    if (!enabled_) return;
#if TORCH_VERSION_MAJOR >= 2
    at::autocast::set_autocast_dtype(type_, at::kBFloat16);
    at::autocast::set_autocast_enabled(type_, true);
#else
    if (type_ == torch::kCUDA) {
        at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
        at::autocast::set_enabled(true);
    } else {
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        at::autocast::set_cpu_enabled(true);
    }
#endif
}

BFloat16Autocast::~BFloat16Autocast() {
    if (!enabled_) return;
#if TORCH_VERSION_MAJOR >= 2
    at::autocast::set_autocast_enabled(type_, false);
#else
    if (type_ == torch::kCUDA)
        at::autocast::set_enabled(false);
    else
        at::autocast::set_cpu_enabled(false);
#endif
    at::autocast::clear_cache();  // drops the bf16 weight copies of this forward pass
}

LossParts computeLoss(NetworkImpl& model, const torch::Tensor& images, const torch::Tensor& labels,
                      const LossSettings& settings, const torch::Tensor& teacherLogits,
                      const BatchShard* shard) {
    LossParts parts;
    const bool distill = teacherLogits.defined();
    if (distill && !model.hasDistillationHead())
        throw std::invalid_argument(model.modelName() + " has no distillation head for a teacher");
    torch::Tensor classLogits, distillationLogits;
    {
        BFloat16Autocast autocast(settings.bf16, images.device());
        parts.logits = model.forward(images);
        parts.masks = model.masks();
        if (distill) {
            classLogits = model.lastClassLogits();
            distillationLogits = model.lastDistillationLogits();
        }
    }
    if (settings.bf16) {
        // Losses and logged statistics in fp32 (the contrastive loss divides by a temperature
        // and exponentiates: bf16's 8-bit mantissa would round it coarsely).
        parts.logits = parts.logits.to(torch::kFloat);
        for (auto& m : parts.masks) m = m.to(torch::kFloat);
        if (distill) {
            classLogits = classLogits.to(torch::kFloat);
            distillationLogits = distillationLogits.to(torch::kFloat);
        }
    }
    parts.crossEntropy = torch::nn::functional::cross_entropy(parts.logits, labels);
    parts.perSample = parts.crossEntropy;
    if (distill) {
        // §3.4: for DeiT the distillation loss takes the place of the CE in every mode.
        parts.distillation =
            distillationLoss(classLogits, distillationLogits, teacherLogits.to(torch::kFloat),
                             labels, settings.distillAlpha, settings.distillTau);
        parts.perSample = parts.distillation;
    }
    double maskWeight = 1;
    if (shard) {
        parts.sampleWeight = double(labels.size(0)) / double(shard->globalRows);
        parts.maskStatWeight = 1.0 / shard->group->worldSize();
        maskWeight = shard->globalMaskLoss ? 1.0 : parts.maskStatWeight;
    }
    parts.loss = shard ? parts.sampleWeight * parts.perSample : parts.perSample;
    if (settings.mode == TrainMode::Standard || parts.masks.empty()) return parts;

    parts.lossMasks = parts.masks;
    parts.lossLabels = labels;
    if (shard && shard->globalMaskLoss) {
        std::vector<torch::Tensor> local = parts.masks;
        local.push_back(labels);
        std::vector<torch::Tensor> global = shard->group->gatherRows(local, shard->globalRows);
        parts.lossLabels = global.back();
        global.pop_back();
        parts.lossMasks = std::move(global);
    }
    if (settings.mode == TrainMode::Nemo) {
        std::vector<torch::Tensor> lossMasks = parts.lossMasks;
        if (settings.firstMaskOnes && model.firstMaskOnesInLoss())
            lossMasks[0] = torch::ones_like(lossMasks[0]);
        parts.contrastive = contrastiveLoss(lossMasks, parts.lossLabels, settings.temperature);
        parts.maskTerm = settings.alpha * parts.contrastive;
    } else {
        CosineStats cos = cosineLosses(parts.lossMasks, parts.lossLabels, /*emptyAsZero=*/true);
        parts.cohesionLoss = cos.cohesionLoss;
        parts.couplingLoss = cos.couplingLoss;
        parts.maskTerm = settings.alpha * cos.cohesionLoss + settings.beta * cos.couplingLoss;
    }
    parts.loss = parts.loss + (maskWeight == 1 ? parts.maskTerm : maskWeight * parts.maskTerm);
    return parts;
}

std::unique_ptr<torch::optim::SGD> makeOptimizer(NetworkImpl& model, double lr, double lrMask) {
    std::vector<torch::Tensor> own, generators;
    for (const auto& item : model.named_parameters()) {
        if (!item.value().requires_grad()) continue;
        (item.key().find("mask_generator") != std::string::npos ? generators : own)
            .push_back(item.value());
    }
    auto options = [](double rate) {
        return torch::optim::SGDOptions(rate)
            .momentum(0.9)
            .nesterov(true)
            .dampening(0)
            .weight_decay(0);
    };
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(own, std::make_unique<torch::optim::SGDOptions>(options(lr)));
    // The generator group always exists (empty for standard models) so checkpoints of every mode
    // have the same optimizer layout.
    groups.emplace_back(generators, std::make_unique<torch::optim::SGDOptions>(options(lrMask)));
    return std::make_unique<torch::optim::SGD>(groups, options(lr));
}

void setLearningRates(torch::optim::SGD& optimizer, double lr, double lrMask) {
    auto& groups = optimizer.param_groups();
    static_cast<torch::optim::SGDOptions&>(groups[0].options()).lr(lr);
    if (groups.size() > 1) static_cast<torch::optim::SGDOptions&>(groups[1].options()).lr(lrMask);
}

namespace {

// The key under which LibTorch's SGD keeps a parameter's state (its type changed in 2.0).
auto sgdStateKey(const torch::Tensor& p) {
#if TORCH_VERSION_MAJOR >= 2
    return static_cast<void*>(p.unsafeGetTensorImpl());
#else
    return c10::guts::to_string(p.unsafeGetTensorImpl());
#endif
}

}  // namespace

void sgdStep(torch::optim::SGD& optimizer) {
    torch::NoGradGuard noGrad;
    auto& state = optimizer.state();
    struct Lists {
        std::vector<torch::Tensor> params, grads, buffers;
        double momentum = 0, dampening = 0, lr = 0;
    };
    std::vector<Lists> groups;
    for (auto& group : optimizer.param_groups()) {
        const auto& o = static_cast<const torch::optim::SGDOptions&>(group.options());
        if (o.weight_decay() != 0 || o.momentum() == 0 || !o.nesterov()) {
            optimizer.step();
            return;
        }
        Lists lists;
        lists.momentum = o.momentum();
        lists.dampening = o.dampening();
        lists.lr = o.lr();
        for (const auto& p : group.params()) {
            if (!p.grad().defined()) continue;
            const auto found = state.find(sgdStateKey(p));
            if (found == state.end()) {  // no momentum buffer yet
                optimizer.step();
                return;
            }
            lists.params.push_back(p);
            lists.grads.push_back(p.grad());
            lists.buffers.push_back(
                static_cast<torch::optim::SGDParamState&>(*found->second).momentum_buffer());
        }
        groups.push_back(std::move(lists));
    }
    for (auto& g : groups) {
        if (g.params.empty()) continue;
        // LibTorch's SGD::step, per parameter: buf.mul_(momentum).add_(grad, 1 - dampening);
        // update = grad.add(buf, momentum) (Nesterov); p.add_(update, -lr).
        at::_foreach_mul_(g.buffers, g.momentum);
        at::_foreach_add_(g.buffers, g.grads, 1.0 - g.dampening);
        const std::vector<torch::Tensor> update = at::_foreach_add(g.grads, g.buffers, g.momentum);
        at::_foreach_add_(g.params, update, -1.0 * g.lr);
    }
}

double cosineLearningRate(double base, int epoch, int totalEpochs) {
    if (totalEpochs <= 0) return base;
    return base * (1.0 + std::cos(M_PI * double(epoch) / double(totalEpochs))) / 2.0;
}

}  // namespace nemo
