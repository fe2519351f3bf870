#include <sstream>
#include <stdexcept>

#include "models/cnn_models.h"
#include "models/network.h"
#include "models/resnet.h"
#include "models/vision_transformer.h"

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

std::vector<std::string> modelNames() {
    return {"minivgg",  "tinycnn",  "simcnn",    "rescnn", "vgg16",
            "resnet18", "vit_tiny", "deit_tiny", "vit_s",  "deit_s"};
}

namespace {
// Models for 28x28 grayscale teaching runs; they take other sizes too.
bool smallInputModel(const std::string& model) {
    return model == "minivgg" || model == "tinycnn" || model == "vit_tiny" || model == "deit_tiny";
}
}  // namespace

ModelSpec syntheticSpec(const std::string& model, bool masked) {
    ModelSpec spec;
    spec.inChannels = smallInputModel(model) ? 1 : 3;
    spec.inputSize = smallInputModel(model) ? 28 : 32;
    spec.numClasses = 10;
    spec.masked = masked;
    return spec;
}

bool augmentationSuits(const std::string& model) {
    return model != "vit_tiny" && model != "deit_tiny";
}

int requiredInputSize(const std::string& model) {
    return smallInputModel(model) ? 0 : 32;
}

Network buildModel(const std::string& name, const ModelSpec& spec) {
    if (name == "minivgg" || name == "tinycnn") return std::make_shared<SmallCnnImpl>(name, spec);
    if (name == "simcnn") return std::make_shared<SimCnnImpl>(spec);
    if (name == "rescnn") return std::make_shared<ResCnnImpl>(spec);
    if (name == "vgg16") return std::make_shared<Vgg16Impl>(spec);
    if (name == "resnet18") return std::make_shared<ResNet18Impl>(spec);
    if (name == "vit_tiny")
        return std::make_shared<VisionTransformerImpl>(name, spec, vitTinyOptions());
    if (name == "deit_tiny")
        return std::make_shared<VisionTransformerImpl>(name, spec, deitTinyOptions());
    if (name == "vit_s")
        return std::make_shared<VisionTransformerImpl>(name, spec, vitSmallOptions());
    if (name == "deit_s")
        return std::make_shared<VisionTransformerImpl>(name, spec, deitSmallOptions());
    std::ostringstream message;
    message << "unknown model '" << name << "'; choose one of:";
    for (const auto& known : modelNames()) message << ' ' << known;
    throw std::invalid_argument(message.str());
}

}  // namespace nemo
