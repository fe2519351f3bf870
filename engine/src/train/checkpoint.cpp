#include "train/checkpoint.h"

#include <cstring>
#include <filesystem>

namespace nemo {
namespace {

constexpr const char* kFormat = "nemo-checkpoint";
constexpr const char* kModelPrefix = "model/";

std::string sizesText(const torch::Tensor& t) {
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "] " + c10::toString(t.scalar_type());
}

std::string optimizerKey(size_t group, size_t index) {
    return "optimizer/" + std::to_string(group) + "/" + std::to_string(index) + "/momentum_buffer";
}

// SGD keeps its per-parameter state in a map keyed by the parameter's TensorImpl address.
std::string stateKey(const torch::Tensor& parameter) {
    return c10::guts::to_string(parameter.unsafeGetTensorImpl());
}

void addOptimizerState(torch::optim::Optimizer& optimizer, NamedTensors& out) {
    auto& state = optimizer.state();
    for (size_t g = 0; g < optimizer.param_groups().size(); ++g) {
        const auto& params = optimizer.param_groups()[g].params();
        for (size_t i = 0; i < params.size(); ++i) {
            auto found = state.find(stateKey(params[i]));
            if (found == state.end()) continue;  // no step taken yet
            auto* sgd = dynamic_cast<torch::optim::SGDParamState*>(found->second.get());
            if (!sgd) throw std::logic_error("checkpoints store SGD state only");
            out.emplace_back(optimizerKey(g, i), sgd->momentum_buffer().detach().cpu());
        }
    }
}

void restoreOptimizerState(torch::optim::Optimizer& optimizer,
                           const std::map<std::string, torch::Tensor>& tensors,
                           const std::string& path) {
    auto& state = optimizer.state();
    state.clear();
    size_t restored = 0;
    for (size_t g = 0; g < optimizer.param_groups().size(); ++g) {
        const auto& params = optimizer.param_groups()[g].params();
        for (size_t i = 0; i < params.size(); ++i) {
            auto found = tensors.find(optimizerKey(g, i));
            if (found == tensors.end()) continue;
            const torch::Tensor& p = params[i];
            if (found->second.sizes() != p.sizes() ||
                found->second.scalar_type() != p.scalar_type())
                throw std::runtime_error(path + ": optimizer state " + found->first + " is " +
                                         sizesText(found->second) + " where the model needs " +
                                         sizesText(p));
            auto s = std::make_unique<torch::optim::SGDParamState>();
            // Same memory format as the parameter, so resumed steps are bit-identical.
            torch::Tensor buffer = torch::empty_like(p.detach());
            buffer.copy_(found->second);
            s->momentum_buffer(buffer);
            state[stateKey(p)] = std::move(s);
            ++restored;
        }
    }
    size_t stored = 0;
    for (const auto& [name, t] : tensors) stored += name.rfind("optimizer/", 0) == 0;
    if (stored != restored)
        throw std::runtime_error(path + ": holds optimizer state for " + std::to_string(stored) +
                                 " parameters of which " + std::to_string(restored) +
                                 " exist in this model (from another model?)");
}

int parseEpochs(const std::string& text, const std::string& path) {
    int epochs = -1;
    try {
        size_t used = 0;
        epochs = std::stoi(text, &used);
        if (used != text.size()) epochs = -1;
    } catch (const std::exception&) {
    }
    if (epochs < 0)
        throw std::runtime_error(path + ": epochs_done \"" + text +
                                 "\" is not a number of epochs (damaged checkpoint)");
    return epochs;
}

}  // namespace

NamedTensors snapshotState(const torch::nn::Module& module) {
    NamedTensors out;
    for (const auto& item : module.named_parameters(true))
        out.emplace_back(item.key(), item.value().detach().cpu().clone());
    for (const auto& item : module.named_buffers(true))
        out.emplace_back(item.key(), item.value().detach().cpu().clone());
    return out;
}

void restoreState(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& state,
                  const std::string& source) {
    torch::NoGradGuard noGrad;
    size_t used = 0;
    auto restoreOne = [&](const std::string& name, torch::Tensor target) {
        auto found = state.find(name);
        if (found == state.end())
            throw std::runtime_error(source + ": has no " + name +
                                     " (from another model or damaged)");
        if (found->second.sizes() != target.sizes() ||
            found->second.scalar_type() != target.scalar_type())
            throw std::runtime_error(source + ": " + name + " is " + sizesText(found->second) +
                                     " where this model has " + sizesText(target) +
                                     " (from another model or a changed architecture)");
        if (found->second.is_floating_point() && !torch::isfinite(found->second).all().item<bool>())
            throw std::runtime_error(source + ": " + name +
                                     " holds NaN or infinite values (the run diverged before "
                                     "this was written); retrain, or resume from a copy made "
                                     "before the divergence");
        target.copy_(found->second);
        ++used;
    };
    for (const auto& item : module.named_parameters(true)) restoreOne(item.key(), item.value());
    for (const auto& item : module.named_buffers(true)) restoreOne(item.key(), item.value());
    if (used != state.size())
        throw std::runtime_error(source + ": holds " + std::to_string(state.size()) +
                                 " tensors where this model has " + std::to_string(used) +
                                 " (from another model?)");
}

void saveCheckpoint(const std::string& path, NetworkImpl& model, torch::optim::Optimizer* optimizer,
                    int epochsDone) {
    NamedTensors tensors;
    for (auto& [name, t] : snapshotState(model)) tensors.emplace_back(kModelPrefix + name, t);
    if (optimizer) addOptimizerState(*optimizer, tensors);
    try {
        writeSafetensors(path, tensors,
                         {{"format", kFormat},
                          {"format_version", "1"},
                          {"model", model.modelName()},
                          {"epochs_done", std::to_string(epochsDone)}});
    } catch (const SafetensorsError& e) {
        throw std::runtime_error(std::string(e.what()) +
                                 " (the checkpoint of the previous epoch is kept)");
    }
}

int loadCheckpoint(const std::string& path, NetworkImpl& model,
                   torch::optim::Optimizer* optimizer) {
    if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no checkpoint there");
    if (looksLikeZipArchive(path))
        throw LegacyCheckpointError(
            path +
            ": a checkpoint in the TorchScript format of NeMo Workbench 0.1. Such files can run "
            "code stored in them, so it is not opened. If you made this run yourself, convert "
            "its checkpoints once with `nemo upgrade RUN --trust`");
    SafetensorsContents contents;
    try {
        contents = readSafetensorsFile(path);
    } catch (const SafetensorsError& e) {
        throw std::runtime_error(std::string(e.what()) + " (not a usable checkpoint)");
    }
    const auto& meta = contents.metadata;
    auto value = [&](const char* key) {
        auto it = meta.find(key);
        return it == meta.end() ? std::string() : it->second;
    };
    if (value("format") != kFormat)
        throw std::runtime_error(path + ": not a NeMo checkpoint (no \"" + std::string(kFormat) +
                                 "\" format in its metadata)");
    if (value("model") != model.modelName())
        throw std::runtime_error(path + ": a checkpoint of " + value("model") + ", not of " +
                                 model.modelName());
    const int epochs = parseEpochs(value("epochs_done"), path);

    std::map<std::string, torch::Tensor> modelState, optimizerState;
    for (auto& [name, t] : contents.tensors) {
        if (name.rfind(kModelPrefix, 0) == 0)
            modelState[name.substr(std::strlen(kModelPrefix))] = t;
        else if (name.rfind("optimizer/", 0) == 0)
            optimizerState[name] = t;
        else
            throw std::runtime_error(path + ": unexpected tensor \"" + name + "\" (damaged?)");
    }
    restoreState(model, modelState, path);
    if (optimizer) restoreOptimizerState(*optimizer, optimizerState, path);
    return epochs;
}

}  // namespace nemo
