#include "run/run_loader.h"

#include <filesystem>

#include "run/atomic_file.h"
#include "run/run_directory.h"
#include "train/checkpoint.h"

namespace nemo {

Dataset prepareDataset(const TrainConfig& config) {
    // Image folders are brought to the input size a model requires (the paper's: 32), else to
    // 32, the size the workbench's Data tab shows them at (our models take any size).
    const int needed = requiredInputSize(config.model);
    Dataset data = loadDataset(config.dataset, config.dataDir, needed > 0 ? needed : 32);
    data.train = takeFirst(data.train, config.limitTrain);
    data.test = takeFirst(data.test, config.limitTest);
    if (needed > 0) {
        data.train = padTo(data.train, needed);
        data.test = padTo(data.test, needed);
    }
    return data;
}

LoadedRun loadRun(const std::string& runDir, const std::string& dataDirOverride) {
    RunDirectory run(runDir);
    if (!run.exists()) {
        throw std::runtime_error(runDir +
                                 ": not a run folder (no config.json); train one with "
                                 "`nemo train --out " +
                                 runDir + "`");
    }
    removeStaleTempFiles(runDir);  // left by a killed train, modularize or extract
    LoadedRun loaded;
    const std::string text = readTextFile(run.configPath());
    loaded.config = configFromJson(text);
    loaded.info = nlohmann::json::parse(text);
    if (!dataDirOverride.empty()) loaded.config.dataDir = dataDirOverride;
    loaded.checkpoint = run.newestCheckpoint();
    if (!std::filesystem::exists(loaded.checkpoint)) {
        throw std::runtime_error(runDir + ": no checkpoint yet; let the training finish an epoch");
    }
    loaded.data = prepareDataset(loaded.config);
    ModelSpec spec;
    spec.inChannels = loaded.data.train.channels;
    spec.numClasses = loaded.data.info.numClasses();
    spec.inputSize = loaded.data.train.height;
    spec.masked = loaded.config.mode != TrainMode::Standard;
    spec.maskAttention = loaded.config.maskAttention;
    loaded.model = buildModel(loaded.config.model, spec);
    loaded.epochs = loadCheckpoint(loaded.checkpoint, *loaded.model, nullptr);
    loaded.model->eval();
    return loaded;
}

}  // namespace nemo
