#include "train/legacy_checkpoint.h"

namespace nemo {

int loadLegacyCheckpoint(const std::string& path, NetworkImpl& model,
                         torch::optim::Optimizer* optimizer) {
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path);
        torch::serialize::InputArchive modelArchive;
        archive.read("model", modelArchive);
        model.load(modelArchive);
        if (optimizer) {
            torch::serialize::InputArchive optimizerArchive;
            if (archive.try_read("optimizer", optimizerArchive)) optimizer->load(optimizerArchive);
        }
        torch::Tensor epochs;
        archive.read("epochs_done", epochs);
        return int(epochs.item<int64_t>());
    } catch (const c10::Error& e) {
        throw std::runtime_error(path + ": not a usable 0.1 checkpoint for " + model.modelName() +
                                 ": " + e.what_without_backtrace());
    } catch (const std::exception& e) {  // the TorchScript interpreter's own errors
        throw std::runtime_error(path + ": not a usable 0.1 checkpoint for " + model.modelName() +
                                 ": " + e.what());
    }
}

}  // namespace nemo
