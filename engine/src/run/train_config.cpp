#include <cmath>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "nemo/model_catalog.h"
#include "nemo/train_config.h"

namespace nemo {

using nlohmann::json;

std::string toString(TrainMode mode) {
    switch (mode) {
        case TrainMode::Nemo:
            return "nemo";
        case TrainMode::Mwt:
            return "mwt";
        case TrainMode::Standard:
            return "standard";
    }
    return "nemo";
}

TrainMode trainModeFromString(const std::string& text) {
    if (text == "nemo") return TrainMode::Nemo;
    if (text == "mwt") return TrainMode::Mwt;
    if (text == "standard") return TrainMode::Standard;
    throw std::invalid_argument("unknown mode '" + text + "'; choose nemo, mwt or standard");
}

LossDefaults lossDefaults(TrainMode mode, const std::string& model) {
    LossDefaults d;
    // Unknown names get the CNN values; buildModel refuses them later with the list of models.
    const ModelInfo* info = findModel(model);
    d.family = familyName(info != nullptr ? info->family : ModelFamily::Cnn);
    if (mode == TrainMode::Mwt) {
        d.alpha = 0.5;
        d.beta = 1.5;
        d.source = "MwT README (VGG16, CIFAR-10)";
    } else if (d.family == "transformer") {
        d.alpha = 0.1;
        d.source = "NeMo scripts for deit_s (svhn, cifar10)";
    } else if (d.family == "resnet") {
        d.alpha = 1.1;
        d.source = "NeMo script for resnet18 (svhn)";
    } else {
        d.alpha = 1.3;
        d.source = "NeMo script for simcnn (cifar10)";
    }
    return d;
}

TrainConfig TrainConfig::defaultsFor(TrainMode mode, const std::string& model) {
    TrainConfig config;
    config.mode = mode;
    config.model = model;
    const LossDefaults d = lossDefaults(mode, model);
    config.alpha = d.alpha;
    config.beta = d.beta;
    config.temperature = d.temperature;
    return config;
}

namespace {

void require(bool ok, const std::string& option, const std::string& allowed, double value) {
    if (ok) return;
    std::ostringstream text;
    text << option << " must be " << allowed << " (got " << value << ")";
    throw std::invalid_argument(text.str());
}

// JSON (config.json, --json output) holds UTF-8 only; a path in another encoding could not be
// stored faithfully, so it is refused up front instead of failing when the run is written.
bool isValidUtf8(const std::string& s) {
    try {
        (void)json(s).dump();
        return true;
    } catch (const json::type_error&) {
        return false;
    }
}

void requireUtf8(const std::string& value, const std::string& option) {
    if (isValidUtf8(value)) return;
    throw std::invalid_argument(option +
                                " is not valid UTF-8 text; rename the folder or file (NeMo "
                                "stores paths in JSON files, which must be UTF-8)");
}

}  // namespace

void validateConfig(const TrainConfig& c) {
    requireUtf8(c.dataDir, "--data-dir");
    requireUtf8(c.outDir, "--out");
    requireUtf8(c.teacher, "--teacher");
    requireUtf8(c.dataset, "--dataset");
    requireUtf8(c.model, "--model");
    const auto positive = [](double v) { return std::isfinite(v) && v > 0; };
    const auto nonNegative = [](double v) { return std::isfinite(v) && v >= 0; };
    require(c.epochs >= 1, "--epochs", "at least 1", c.epochs);
    require(c.batchSize >= 1, "--batch-size", "at least 1", c.batchSize);
    require(positive(c.lr), "--lr", "a number above 0", c.lr);
    require(positive(c.lrMask), "--lr-mask", "a number above 0", c.lrMask);
    require(nonNegative(c.alpha), "--alpha", "0 or more", c.alpha);
    require(nonNegative(c.beta), "--beta", "0 or more", c.beta);
    require(positive(c.temperature), "--temperature", "a number above 0", c.temperature);
    require(c.threads >= 0, "--threads", "0 (every core) or more", c.threads);
    require(c.limitTrain >= 0, "--limit-train", "0 (all images) or more", double(c.limitTrain));
    require(c.limitTest >= 0, "--limit-test", "0 (all images) or more", double(c.limitTest));
    require(c.logEvery >= 1, "--log-every", "at least 1", c.logEvery);
    require(std::isfinite(c.distillAlpha) && c.distillAlpha >= 0 && c.distillAlpha <= 1,
            "--distill-alpha", "between 0 and 1", c.distillAlpha);
    require(positive(c.distillTau), "--distill-tau", "a number above 0", c.distillTau);
    if (c.maskLossScope != "global" && c.maskLossScope != "local")
        throw std::invalid_argument("--mask-loss-scope must be global or local, not '" +
                                    c.maskLossScope + "'");
    require(c.heatmapEvery >= 0, "heatmap interval", "0 (none) or more", c.heatmapEvery);
    require(c.probePerClass >= 1, "probe images per class", "at least 1", c.probePerClass);
}

std::string configToJson(const TrainConfig& c) {
    json j = {
        {"dataset", c.dataset},
        {"data_dir", c.dataDir},
        {"model", c.model},
        {"mode", toString(c.mode)},
        {"out_dir", c.outDir},
        {"epochs", c.epochs},
        {"batch_size", c.batchSize},
        {"lr", c.lr},
        {"lr_mask", c.lrMask},
        {"alpha", c.alpha},
        {"beta", c.beta},
        {"temperature", c.temperature},
        {"seed", c.seed},
        {"threads", c.threads},
        {"device", c.device},
        {"limit_train", c.limitTrain},
        {"limit_test", c.limitTest},
        {"augment", c.augment},
        {"precision", c.precision},
        {"cuda_graph", c.cudaGraph},
        {"mask_attention", c.maskAttention},
        {"mask_loss_scope", c.maskLossScope},
        {"log_every", c.logEvery},
        {"teacher", c.teacher},
        {"distill_alpha", c.distillAlpha},
        {"distill_tau", c.distillTau},
        {"changes", c.changeHistory},
    };
    return j.dump(2);
}

TrainConfig configFromJson(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw std::runtime_error("config is not a JSON object");
    TrainConfig c;
    auto read = [&](const char* key, auto& field) {
        if (!j.contains(key)) return;
        try {
            j.at(key).get_to(field);
        } catch (const json::exception&) {
            throw std::runtime_error(std::string("config key '") + key + "' has the wrong type");
        }
    };
    std::string mode = toString(c.mode);
    read("dataset", c.dataset);
    read("data_dir", c.dataDir);
    read("model", c.model);
    read("mode", mode);
    read("out_dir", c.outDir);
    read("epochs", c.epochs);
    read("batch_size", c.batchSize);
    read("lr", c.lr);
    read("lr_mask", c.lrMask);
    read("alpha", c.alpha);
    read("beta", c.beta);
    read("temperature", c.temperature);
    read("seed", c.seed);
    read("threads", c.threads);
    read("device", c.device);
    read("limit_train", c.limitTrain);
    read("limit_test", c.limitTest);
    read("augment", c.augment);
    read("precision", c.precision);
    read("cuda_graph", c.cudaGraph);
    read("mask_attention", c.maskAttention);
    read("mask_loss_scope", c.maskLossScope);
    read("log_every", c.logEvery);
    read("teacher", c.teacher);
    read("distill_alpha", c.distillAlpha);
    read("distill_tau", c.distillTau);
    read("changes", c.changeHistory);
    c.mode = trainModeFromString(mode);
    return c;
}

}  // namespace nemo
