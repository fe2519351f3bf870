#include "train/heatmap_probe.h"

#include "nemo/trainer.h"
#include "run/run_loader.h"

namespace nemo {

HeatmapProbe::HeatmapProbe(const ImageSet& test, const DatasetInfo& info, int perClass,
                           const BatchLoader& normalizer, torch::Device device)
    : classNames_(info.classNames), numClasses_(info.numClasses()) {
    std::vector<int64_t> picked, labels;
    std::vector<int> taken(numClasses_, 0);
    for (int64_t i = 0; i < test.size(); ++i) {
        const int64_t c = test.labels[i];
        if (c < 0 || c >= numClasses_ || taken[c] >= perClass) continue;
        ++taken[c];
        picked.push_back(i);
        labels.push_back(c);
    }
    if (picked.empty()) return;
    auto raw = std::make_shared<ImageSet>();
    raw->channels = test.channels;
    raw->height = test.height;
    raw->width = test.width;
    for (int64_t i : picked) {
        raw->pixels.insert(raw->pixels.end(), test.image(i), test.image(i) + test.imageBytes());
        raw->labels.push_back(test.labels[i]);
    }
    probeImages_ = std::move(raw);
    TensorImages all = toTensors(test);
    torch::Tensor index = torch::tensor(picked, torch::kLong);
    images_ = normalizer.normalize(all.images.index_select(0, index)).to(device);
    labels_ = torch::tensor(labels, torch::kLong).to(device);
}

HeatmapFrame HeatmapProbe::frame(NetworkImpl& model, int epoch, long long globalStep) const {
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    model.forward(images_);
    HeatmapFrame f;
    f.epoch = epoch;
    f.globalStep = globalStep;
    f.classNames = classNames_;
    f.probeImages = probeImages_;
    torch::Tensor counts =
        torch::zeros({numClasses_}, images_.options())
            .index_add_(0, labels_, torch::ones({labels_.size(0)}, images_.options()))
            .clamp_min(1.0)
            .unsqueeze(1);
    const auto masks = model.masks();
    const auto names = model.maskedNames();
    for (size_t l = 0; l < masks.size(); ++l) {
        const torch::Tensor& m = masks[l];
        torch::Tensor mean =
            (torch::zeros({numClasses_, m.size(1)}, m.options()).index_add_(0, labels_, m) / counts)
                .to(torch::kCPU, torch::kFloat)
                .contiguous();
        HeatmapFrame::Layer layer;
        layer.name = names[l];
        layer.units = int(m.size(1));
        layer.values.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
        const torch::Tensor each = m.to(torch::kCPU, torch::kFloat).contiguous();
        layer.samples.assign(each.data_ptr<float>(), each.data_ptr<float>() + each.numel());
        f.layers.push_back(std::move(layer));
    }
    model.train(wasTraining);
    return f;
}

HeatmapFrame heatmapFromRun(const std::string& runDir, int perClass) {
    LoadedRun run = loadRun(runDir);  // on the CPU: a few hundred probe images
    // The test loader normalizes exactly as the trainer's (same dataset statistics).
    BatchLoader normalizer(toTensors(run.data.test), run.data.info, 256, false, false,
                           torch::Device(torch::kCPU));
    HeatmapProbe probe(run.data.test, run.data.info, perClass, normalizer,
                       torch::Device(torch::kCPU));
    if (probe.empty()) throw std::runtime_error(runDir + ": its test split has no images");
    const int64_t batch = std::max(1, run.config.batchSize);
    const long long stepsPerEpoch = (run.data.train.size() + batch - 1) / batch;
    // Frames are numbered like the trainer's: after epoch e (1-based), epoch field e - 1.
    return probe.frame(*run.model, std::max(0, run.epochs - 1),
                       (long long)run.epochs * stepsPerEpoch);
}

}  // namespace nemo
