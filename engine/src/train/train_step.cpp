#include "train/train_step.h"

#include <cmath>

#include "train/losses.h"

namespace nemo {

LossSettings LossSettings::from(const TrainConfig& config) {
    LossSettings s;
    s.mode = config.mode;
    s.alpha = config.alpha;
    s.beta = config.beta;
    s.temperature = config.temperature;
    return s;
}

LossParts computeLoss(NetworkImpl& model, const torch::Tensor& images, const torch::Tensor& labels,
                      const LossSettings& settings) {
    LossParts parts;
    parts.logits = model.forward(images);
    parts.crossEntropy = torch::nn::functional::cross_entropy(parts.logits, labels);
    parts.loss = parts.crossEntropy;
    parts.masks = model.masks();
    if (settings.mode == TrainMode::Standard || parts.masks.empty()) return parts;

    if (settings.mode == TrainMode::Nemo) {
        std::vector<torch::Tensor> lossMasks = parts.masks;
        if (settings.firstMaskOnes && model.firstMaskOnesInLoss())
            lossMasks[0] = torch::ones_like(lossMasks[0]);
        parts.contrastive = contrastiveLoss(lossMasks, labels, settings.temperature);
        parts.loss = parts.loss + settings.alpha * parts.contrastive;
    } else {
        CosineStats cos = cosineLosses(parts.masks, labels, /*emptyAsZero=*/true);
        parts.cohesionLoss = cos.cohesionLoss;
        parts.couplingLoss = cos.couplingLoss;
        parts.loss =
            parts.loss + settings.alpha * cos.cohesionLoss + settings.beta * cos.couplingLoss;
    }
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

double cosineLearningRate(double base, int epoch, int totalEpochs) {
    if (totalEpochs <= 0) return base;
    return base * (1.0 + std::cos(M_PI * double(epoch) / double(totalEpochs))) / 2.0;
}

}  // namespace nemo
