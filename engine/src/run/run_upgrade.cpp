// `nemo upgrade RUN --trust`: rewrites a 0.1 run's TorchScript checkpoints as safetensors.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/safetensors.h"
#include "nemo/tools.h"
#include "run/atomic_file.h"
#include "run/run_directory.h"
#include "train/checkpoint.h"
#include "train/legacy_checkpoint.h"
#include "train/train_step.h"

namespace nemo {

namespace fs = std::filesystem;

UpgradeResult upgradeRun(const std::string& runDir, bool trusted) {
    RunDirectory run(runDir);
    if (!run.exists()) throw std::runtime_error(runDir + ": not a run folder (no config.json)");
    UpgradeResult result;
    std::vector<std::string> legacy;
    for (const std::string& path : {run.lastCheckpoint(), run.finalCheckpoint()}) {
        if (!fs::exists(path)) continue;
        (looksLikeZipArchive(path) ? legacy : result.alreadyCurrent).push_back(path);
    }
    if (legacy.empty()) return result;
    if (!trusted)
        throw std::runtime_error(
            runDir +
            ": its checkpoints are in the 0.1 TorchScript format, whose loader runs code stored "
            "in the file. Convert them only if the run is your own: add --trust");

    // The model's shape comes from config.json as training wrote it; no dataset is needed.
    const std::string text = readTextFile(run.configPath());
    const TrainConfig config = configFromJson(text);
    const nlohmann::json info = nlohmann::json::parse(text, nullptr, false);
    ModelSpec spec;
    try {
        spec.inChannels = info.at("input").at("channels").get<int>();
        spec.inputSize = info.at("input").at("height").get<int>();
        spec.numClasses = int(info.at("class_names").size());
    } catch (const nlohmann::json::exception&) {
        throw std::runtime_error(run.configPath() + ": lacks input or class_names; retrain");
    }
    spec.masked = config.mode != TrainMode::Standard;
    spec.maskAttention = config.maskAttention;
    for (const std::string& path : legacy) {
        Network model = buildModel(config.model, spec);
        auto optimizer = makeOptimizer(*model, config.lr, config.lrMask);
        const bool withOptimizer = path == run.lastCheckpoint();
        const int epochs =
            loadLegacyCheckpoint(path, *model, withOptimizer ? optimizer.get() : nullptr);
        // The old file stays beside the new one until the new one is complete.
        const std::string kept = path + ".v0.1";
        fs::copy_file(path, kept, fs::copy_options::overwrite_existing);
        saveCheckpoint(path, *model, withOptimizer ? optimizer.get() : nullptr, epochs);
        result.converted.push_back(path);
        result.keptOriginals.push_back(kept);
    }
    return result;
}

}  // namespace nemo
