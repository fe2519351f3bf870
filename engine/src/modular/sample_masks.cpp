#include "modular/sample_masks.h"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "data/batch_loader.h"
#include "dist/data_parallel.h"
#include "modular/sample_mask_file.h"
#include "nemo/run_folder.h"
#include "nemo/trainer.h"
#include "run/atomic_file.h"

namespace nemo {
namespace {

constexpr int64_t kPassBatch = 256;  // images per forward pass of the sample-mask pass

int64_t checkpointStamp(const std::string& path) {
    std::error_code error;
    auto time = std::filesystem::last_write_time(path, error);
    const auto size = std::filesystem::file_size(path, error);
    return int64_t(time.time_since_epoch().count()) ^ int64_t(size);
}

void save(const SampleMasks& m, const std::string& path, bool augmented, int64_t stamp) {
    replaceFileAtomically(path, [&](const std::string& temp) {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        writeSampleMaskFile(out, m.bits, m.widths, m.labels, augmented, stamp);
        out.flush();
        if (!out)
            throw std::runtime_error(path + ": cannot write the sample masks; is the disk full?");
    });
}

// Takes the masks from the file when it was computed from this checkpoint with these options;
// returns false when they must be computed (again). A damaged file throws SampleMaskFileError.
bool load(SampleMasks& m, const std::string& path, bool augmented, int64_t stamp) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return false;
    SampleMaskFile f = readSampleMaskFile(path);
    if (f.augmented != augmented || f.checkpointStamp != stamp || f.widths != m.widths ||
        f.labels != m.labels)
        return false;
    m.bits = std::move(f.bits);
    return true;
}

// The file is only a cache of what the checkpoint determines, so a damaged one is replaced
// rather than left for the user to clean up; the observer hears why the masks are recomputed.
bool loadOrDiscard(SampleMasks& m, const std::string& path, bool augmented, int64_t stamp,
                   TrainingObserver* observer) {
    try {
        return load(m, path, augmented, stamp);
    } catch (const SampleMaskFileError& e) {
        std::error_code error;
        std::filesystem::remove(path, error);
        if (observer)
            observer->onMessage(std::string(e.what()) + " (deleted it; computing them again)");
        return false;
    }
}

}  // namespace

torch::Tensor packMaskBits(const std::vector<torch::Tensor>& masks, int64_t wordsPerRow) {
    const torch::Tensor bits = torch::cat(masks, 1).gt(0).to(torch::kUInt8);
    const int64_t rows = bits.size(0), bytes = wordsPerRow * 8;
    if (bits.size(1) > bytes * 8) throw std::invalid_argument("packMaskBits: rows too short");
    const auto options = bits.options();
    const torch::Tensor weights =
        torch::bitwise_left_shift(torch::ones({8}, options), torch::arange(8, options));
    return (torch::constant_pad_nd(bits, {0, bytes * 8 - bits.size(1)}).view({rows, bytes, 8}) *
            weights)
        .sum(2, false, torch::kUInt8);
}

void storePackedRows(BitMatrix& bits, int64_t first, const torch::Tensor& packed) {
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
                  "packed bytes are copied into 64-bit words as they lie in memory");
    const torch::Tensor host = packed.to(torch::kCPU).contiguous();
    const int64_t bytes = bits.wordsPerRow() * 8;
    if (host.dim() != 2 || host.size(1) != bytes || first + host.size(0) > bits.rows())
        throw std::invalid_argument("storePackedRows: packed rows do not fit the matrix");
    const uint8_t* from = host.data_ptr<uint8_t>();
    for (int64_t i = 0; i < host.size(0); ++i)
        std::memcpy(bits.row(first + i), from + i * bytes, size_t(bytes));
}

SampleMasks collectSampleMasks(NetworkImpl& model, const Dataset& data, bool augmented,
                               TrainingObserver* observer, ControlToken* control,
                               const DataParallel* group) {
    torch::NoGradGuard noGrad;
    model.eval();
    SampleMasks m;
    m.widths = model.maskedWidths();
    m.names = model.maskedNames();
    if (m.widths.empty()) {
        throw std::runtime_error(
            "this run was trained in standard mode and has no masks; "
            "modularize a nemo or mwt run");
    }
    const int64_t k = model.totalMaskedUnits();
    m.bits = BitMatrix(data.train.size(), k);
    m.labels = data.train.labels;
    const auto device = model.parameters().front().device();
    // On a GPU the images go there once and batches are built there (no per-batch upload).
    BatchLoader loader(toTensors(data.train), data.info, kPassBatch, false, augmented, device);
    loader.startEpoch(12345);
    useChannelsLast(model);  // as in training: the layout the CPU kernels are fastest on
    // This rank's batches: all of them, or with ranks a contiguous block (whose rows follow the
    // blocks of the ranks before it).
    const RowRange mine = group ? group->shard(loader.batches()) : RowRange{0, loader.batches()};
    for (int64_t b = 0; b < mine.begin; ++b) loader.skipBatch(b);
    int64_t row = 0;
    std::vector<torch::Tensor> blockRows;  // with ranks: this rank's packed rows, gathered below
    auto lastReport = std::chrono::steady_clock::now();
    for (int64_t b = mine.begin; b < mine.end; ++b) {
        if (control && !control->waitWhilePaused())
            throw TrainingError("modularization stopped; nothing was written");
        auto [images, labels] = loader.batch(b);
        model.forward(images.contiguous(torch::MemoryFormat::ChannelsLast));
        const torch::Tensor packed = packMaskBits(model.masks(), m.bits.wordsPerRow());
        if (group)
            blockRows.push_back(packed.to(torch::kCPU));
        else
            storePackedRows(m.bits, row, packed);
        row += packed.size(0);
        // By time, not by batch count: vit_s takes ~20 s a batch on one core, tinycnn ~50 ms.
        const auto now = std::chrono::steady_clock::now();
        if (observer &&
            (now - lastReport >= std::chrono::seconds(1) || b == 0 || b + 1 == loader.batches())) {
            lastReport = now;
            observer->onMessage("sample masks: " + std::to_string(row) + "/" +
                                std::to_string(data.train.size()) +
                                (group ? " (rank 0's share)" : ""));
        }
    }
    if (group) {
        std::vector<int64_t> rowsPerRank;
        for (int r = 0; r < group->worldSize(); ++r) {
            const RowRange batches = group->shard(loader.batches(), r);
            int64_t rows = 0;
            for (int64_t b = batches.begin; b < batches.end; ++b) rows += loader.batchRows(b);
            rowsPerRank.push_back(rows);
        }
        torch::Tensor local = blockRows.empty()
                                  ? torch::zeros({0, m.bits.wordsPerRow() * 8}, torch::kUInt8)
                                  : torch::cat(blockRows, 0);
        storePackedRows(m.bits, 0, group->gatherBlocks(local, rowsPerRank));
    }
    return m;
}

SampleMasks sampleMasksForRun(LoadedRun& run, const std::string& runDir, bool augmented,
                              TrainingObserver* observer, ControlToken* control,
                              const DataParallel* group) {
    const RunFolder folder(runDir);
    ensureDirectory(folder.modularDir());
    const std::string path = folder.sampleMasksPath();
    const int64_t stamp = checkpointStamp(run.checkpoint);
    SampleMasks cached;
    cached.widths = run.model->maskedWidths();
    cached.names = run.model->maskedNames();
    cached.labels = run.data.train.labels;
    if (!cached.widths.empty() && loadOrDiscard(cached, path, augmented, stamp, observer)) {
        cached.reused = true;
        return cached;
    }
    SampleMasks fresh =
        collectSampleMasks(*run.model, run.data, augmented, observer, control, group);
    if (!group || group->leader()) save(fresh, path, augmented, stamp);
    return fresh;
}

}  // namespace nemo
