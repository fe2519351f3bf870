#include "train/checkpoint.h"

#include <filesystem>

#include "run/atomic_file.h"

namespace nemo {

void saveCheckpoint(const std::string& path, NetworkImpl& model, torch::optim::Optimizer* optimizer,
                    int epochsDone) {
    torch::serialize::OutputArchive archive;
    torch::serialize::OutputArchive modelArchive;
    model.save(modelArchive);
    archive.write("model", modelArchive);
    if (optimizer) {
        torch::serialize::OutputArchive optimizerArchive;
        optimizer->save(optimizerArchive);
        archive.write("optimizer", optimizerArchive);
    }
    archive.write("epochs_done", torch::tensor(int64_t(epochsDone)));
    replaceFileAtomically(path, [&](const std::string& temp) {
        try {
            archive.save_to(temp);
        } catch (const c10::Error& e) {
            throw std::runtime_error(path + ": cannot write the checkpoint (" +
                                     e.what_without_backtrace() + "); is the disk full?");
        }
    });
}

int loadCheckpoint(const std::string& path, NetworkImpl& model,
                   torch::optim::Optimizer* optimizer) {
    if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no checkpoint there");
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
        throw std::runtime_error(
            path + ": not a usable checkpoint for " + model.modelName() +
            " (truncated, corrupt or from another model): " + e.what_without_backtrace());
    }
}

}  // namespace nemo
