#include <stdexcept>

#include "models/cnn_models.h"
#include "models/network.h"
#include "models/resnet.h"
#include "models/vision_transformer.h"
#include "nemo/model_catalog.h"

namespace nemo {

std::vector<torch::Tensor> NetworkImpl::masks() const {
    std::vector<torch::Tensor> out;
    out.reserve(maskedUnits_.size());
    for (const MaskedUnit* unit : maskedUnits_) out.push_back(unit->lastMask());
    return out;
}

std::vector<int64_t> NetworkImpl::maskedWidths() const {
    std::vector<int64_t> out;
    for (const MaskedUnit* unit : maskedUnits_) out.push_back(unit->units());
    return out;
}

int64_t NetworkImpl::totalMaskedUnits() const {
    int64_t total = 0;
    for (const MaskedUnit* unit : maskedUnits_) total += unit->units();
    return total;
}

void NetworkImpl::trackMasked(const std::string& name, MaskedUnit* unit) {
    maskedUnits_.push_back(unit);
    maskedNames_.push_back(name);
}

void useChannelsLast(NetworkImpl& model) {
    torch::NoGradGuard noGrad;
    for (auto& p : model.parameters()) {
        if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
    }
}

ModelSpec syntheticSpec(const std::string& model, bool masked) {
    const ModelInfo& info = modelInfo(model);
    ModelSpec spec;
    spec.inChannels = info.inChannels;
    spec.inputSize = info.inputSize;
    spec.numClasses = 10;
    spec.masked = masked;
    return spec;
}

bool augmentationSuits(const std::string& model) {
    const ModelInfo* info = findModel(model);
    return info == nullptr || info->augmentation;
}

int requiredInputSize(const std::string& model) {
    const ModelInfo* info = findModel(model);
    return info != nullptr && info->fixedInputSize ? info->inputSize : 0;
}

Network buildModel(const std::string& name, const ModelSpec& spec) {
    const ModelInfo& info = modelInfo(name);
    switch (info.architecture) {
        case Architecture::SmallCnn:
            return std::make_shared<SmallCnnImpl>(name, spec);
        case Architecture::SimCnn:
            return std::make_shared<SimCnnImpl>(spec);
        case Architecture::ResCnn:
            return std::make_shared<ResCnnImpl>(spec);
        case Architecture::Vgg16:
            return std::make_shared<Vgg16Impl>(spec);
        case Architecture::ResNet18:
            return std::make_shared<ResNet18Impl>(spec);
        case Architecture::VisionTransformer:
            return std::make_shared<VisionTransformerImpl>(name, spec, vitOptionsFor(name));
    }
    throw std::logic_error("model '" + name + "' has no builder");
}

}  // namespace nemo
