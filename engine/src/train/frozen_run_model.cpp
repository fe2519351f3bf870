#include "train/frozen_run_model.h"

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "nemo/trainer.h"
#include "run/atomic_file.h"
#include "run/run_directory.h"
#include "train/checkpoint.h"

namespace nemo {
namespace {

[[noreturn]] void refuse(const std::string& role, const std::string& runDir,
                         const std::string& why) {
    throw TrainingError(role + " " + runDir + ": " + why);
}

bool sameNumbers(const nlohmann::json& saved, const std::vector<float>& current) {
    if (!saved.is_array() || saved.size() != current.size()) return false;
    for (size_t i = 0; i < current.size(); ++i) {
        if (!saved[i].is_number() || std::abs(saved[i].get<double>() - current[i]) > 1e-6)
            return false;
    }
    return true;
}

}  // namespace

FrozenRunModel::FrozenRunModel(const std::string& runDir, const std::string& role,
                               const TrainConfig& otherConfig, const Dataset& otherData,
                               const torch::Device& device) {
    auto refuse = [&](const std::string& dir, const std::string& why) {
        ::nemo::refuse(role, dir, why);
    };
    // Who the model is compared with, in the messages.
    const std::string other = role == "teacher" ? "the student" : "the modular run";
    RunDirectory run(runDir);
    if (!run.exists())
        refuse(runDir,
               "not a run folder (no config.json); train one first, e.g. `nemo train "
               "--model resnet18 --mode standard --out " +
                   runDir + "`");
    const std::string text = readTextFile(run.configPath());
    TrainConfig config;
    nlohmann::json info;
    try {
        config = configFromJson(text);
        info = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        refuse(runDir, std::string("config.json is unreadable: ") + e.what());
    }
    const DatasetInfo& otherInfo = otherData.info;
    if (config.dataset != otherConfig.dataset)
        refuse(runDir, "it was trained on " + config.dataset + ", " + other + " on " +
                           otherConfig.dataset + "; both must know the same classes");
    const int classes = int(info.value("class_names", nlohmann::json::array()).size());
    if (classes != otherInfo.numClasses())
        refuse(runDir, "it has " + std::to_string(classes) + " classes, " + other + " " +
                           std::to_string(otherInfo.numClasses()));
    const auto input = info.value("input", nlohmann::json::object());
    const int channels = input.value("channels", 0), height = input.value("height", 0),
              width = input.value("width", 0);
    const ImageSet& images = otherData.train;
    if (channels != images.channels || height != images.height || width != images.width) {
        refuse(runDir, config.model + " takes " + std::to_string(channels) + "x" +
                           std::to_string(height) + "x" + std::to_string(width) + " images, " +
                           other + " " + std::to_string(images.channels) + "x" +
                           std::to_string(images.height) + "x" + std::to_string(images.width) +
                           "; pick a model with the same input size");
    }
    const auto norm = info.value("normalization", nlohmann::json::object());
    if (!sameNumbers(norm.value("mean", nlohmann::json()), otherInfo.mean) ||
        !sameNumbers(norm.value("std", nlohmann::json()), otherInfo.std))
        refuse(runDir, "its images were normalized differently from " + other + "'s");

    const std::string checkpoint = run.newestCheckpoint();
    if (!std::filesystem::exists(checkpoint))
        refuse(runDir, "no checkpoint yet; let its training finish an epoch");
    ModelSpec spec;
    spec.inChannels = channels;
    spec.numClasses = classes;
    spec.inputSize = height;
    spec.masked = config.mode != TrainMode::Standard;
    spec.maskAttention = config.maskAttention;
    int epochs = 0;
    try {
        model_ = buildModel(config.model, spec);
        epochs = loadCheckpoint(checkpoint, *model_, nullptr);
    } catch (const std::exception& e) {
        refuse(runDir, std::string("cannot load its model: ") + e.what());
    }
    mode_ = config.mode;
    model_->to(device);
    useChannelsLast(*model_);
    model_->eval();
    for (auto& p : model_->parameters()) p.set_requires_grad(false);
    description_ = config.model + " (" + toString(config.mode) + ", " + std::to_string(epochs) +
                   (epochs == 1 ? " epoch" : " epochs") + ") from " + runDir;
}

torch::Tensor FrozenRunModel::logits(const torch::Tensor& images) {
    torch::NoGradGuard noGrad;
    return model_->forward(images);
}

}  // namespace nemo
