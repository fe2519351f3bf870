#include "data/batch_loader.h"

#include <ATen/CPUGeneratorImpl.h>

namespace nemo {

TensorImages toTensors(const ImageSet& set) {
    TensorImages out;
    out.images = torch::from_blob(const_cast<uint8_t*>(set.pixels.data()),
                                  {set.size(), set.channels, set.height, set.width}, torch::kUInt8)
                     .clone();
    out.labels =
        torch::from_blob(const_cast<int64_t*>(set.labels.data()), {set.size()}, torch::kLong)
            .clone();
    return out;
}

BatchLoader::BatchLoader(TensorImages data, const DatasetInfo& info, int batchSize, bool shuffle,
                         bool augment, torch::Device device)
    : device_(device),
      data_(std::move(data)),
      batchSize_(batchSize),
      shuffle_(shuffle),
      augment_(augment),
      flip_(info.horizontalFlip),
      padding_(info.cropPadding),
      generator_(at::make_generator<at::CPUGeneratorImpl>(0)) {
    const int64_t channels = data_.images.size(1);
    std::vector<float> mean(info.mean), std(info.std);
    mean.resize(channels, mean.empty() ? 0.5f : mean.back());
    std.resize(channels, std.empty() ? 0.5f : std.back());
    mean_ = torch::tensor(mean).view({1, channels, 1, 1}).to(device_);
    std_ = torch::tensor(std).view({1, channels, 1, 1}).to(device_);
    data_.images = data_.images.to(device_);
    data_.labels = data_.labels.to(device_);
    order_ = torch::arange(size(), torch::kLong);
}

void BatchLoader::startEpoch(uint64_t seed) {
    generator_.set_current_seed(seed);
    order_ = shuffle_ ? torch::randperm(size(), generator_, torch::kLong)
                      : torch::arange(size(), torch::kLong);
}

std::pair<torch::Tensor, torch::Tensor> BatchLoader::batch(int64_t i) {
    const int64_t begin = i * batchSize_;
    const int64_t n = batchRows(i);
    const int64_t first = n * shardRank_ / shardCount_;
    const int64_t rows = n * (shardRank_ + 1) / shardCount_ - first;
    torch::Tensor index = order_.narrow(0, begin + first, rows).to(device_);
    torch::Tensor images = data_.images.index_select(0, index);
    if (augment_) images = augment(images, drawAugmentation(n), first);
    return {normalize(images), data_.labels.index_select(0, index)};
}

void BatchLoader::skipBatch(int64_t i) {
    if (augment_) drawAugmentation(batchRows(i));
}

BatchLoader::AugmentDraws BatchLoader::drawAugmentation(int64_t n) {
    AugmentDraws draws;
    if (padding_ > 0)
        draws.offsets = torch::randint(0, 2 * padding_ + 1, {n, 2}, generator_, torch::kLong);
    if (flip_) draws.flips = torch::rand({n}, generator_);
    return draws;
}

torch::Tensor BatchLoader::normalize(const torch::Tensor& images) const {
    return images.to(device_).to(torch::kFloat).div_(255.0f).sub_(mean_).div_(std_);
}

torch::Tensor BatchLoader::augment(const torch::Tensor& images, const AugmentDraws& draws,
                                   int64_t begin) {
    const int64_t n = images.size(0), h = images.size(2), w = images.size(3);
    torch::Tensor out = images;
    if (padding_ > 0) {
        // RandomCrop(padding=p) pads with raw-pixel zeros before normalization
        // (docs/method.md §5.1).
        const int64_t p = padding_;
        torch::Tensor padded = torch::constant_pad_nd(images, {p, p, p, p}, 0);
        // One gather per axis instead of a copy per image: row r of image k comes from padded
        // row r + dy_k, column c from c + dx_k.
        torch::Tensor offsets = draws.offsets.narrow(0, begin, n).to(device_);
        const int64_t c = images.size(1);
        const auto along = torch::TensorOptions(torch::kLong).device(device_);
        torch::Tensor rows =
            (offsets.select(1, 0).unsqueeze(1) + torch::arange(h, along).unsqueeze(0))
                .view({n, 1, h, 1})
                .expand({n, c, h, w + 2 * p});
        torch::Tensor cols =
            (offsets.select(1, 1).unsqueeze(1) + torch::arange(w, along).unsqueeze(0))
                .view({n, 1, 1, w})
                .expand({n, c, h, w});
        out = padded.gather(2, rows).gather(3, cols);
    }
    if (flip_) {
        // Drawn and selected on the CPU: nonzero() on a GPU tensor would wait for the GPU.
        torch::Tensor flip =
            draws.flips.narrow(0, begin, n).lt(0.5).nonzero().squeeze(1).to(device_);
        if (flip.numel() > 0) out.index_copy_(0, flip, out.index_select(0, flip).flip({3}));
    }
    return out;
}

}  // namespace nemo
