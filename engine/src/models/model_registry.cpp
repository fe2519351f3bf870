#include <sstream>
#include <stdexcept>

#include "models/cnn_models.h"
#include "models/network.h"
#include "models/resnet.h"

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
    return {"tinycnn", "simcnn", "rescnn", "vgg16", "resnet18"};
}

ModelSpec syntheticSpec(const std::string& model, bool masked) {
    ModelSpec spec;
    spec.inChannels = model == "tinycnn" ? 1 : 3;
    spec.inputSize = model == "tinycnn" ? 28 : 32;
    spec.numClasses = 10;
    spec.masked = masked;
    return spec;
}

int requiredInputSize(const std::string& model) {
    return model == "tinycnn" ? 0 : 32;
}

Network buildModel(const std::string& name, const ModelSpec& spec) {
    if (name == "tinycnn") return std::make_shared<TinyCnnImpl>(spec);
    if (name == "simcnn") return std::make_shared<SimCnnImpl>(spec);
    if (name == "rescnn") return std::make_shared<ResCnnImpl>(spec);
    if (name == "vgg16") return std::make_shared<Vgg16Impl>(spec);
    if (name == "resnet18") return std::make_shared<ResNet18Impl>(spec);
    std::ostringstream message;
    message << "unknown model '" << name << "'; choose one of:";
    for (const auto& known : modelNames()) message << ' ' << known;
    throw std::invalid_argument(message.str());
}

}  // namespace nemo
