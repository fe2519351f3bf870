// Batches from an in-memory uint8 dataset: shuffling, batched augmentation (zero-pad + random
// crop, random horizontal flip) and normalization, all on whole batches. With a GPU device the
// uint8 images live on the GPU and batches are gathered, augmented and normalized there; the
// random draws still come from the CPU generator, so both devices see the same batches.
#pragma once

#include <utility>

#include <torch/torch.h>

#include "nemo/dataset.h"

namespace nemo {

struct TensorImages {
    torch::Tensor images;  // uint8 (N, C, H, W)
    torch::Tensor labels;  // int64 (N)
};
TensorImages toTensors(const ImageSet& set);

class BatchLoader {
  public:
    BatchLoader(TensorImages data, const DatasetInfo& info, int batchSize, bool shuffle,
                bool augment, torch::Device device = torch::kCPU);

    int64_t size() const { return data_.labels.size(0); }
    int64_t batches() const { return (size() + batchSize_ - 1) / batchSize_; }  // drop_last = false

    // Fixes the order and the augmentation draws of one epoch from `seed`, so a resumed run sees
    // the same batches as an uninterrupted one.
    void startEpoch(uint64_t seed);
    // Batch i of the current epoch: normalized float images and labels, on the loader's device.
    // With a shard set, only the shard's rows of it (the random draws are those of the whole
    // batch, so the ranks' shards together are exactly the batch one process would train on).
    std::pair<torch::Tensor, torch::Tensor> batch(int64_t i);
    // Makes batch i's random draws without building it: a data-parallel rank that starts at a
    // later batch draws what the batches before it would have, so its batches are the same.
    void skipBatch(int64_t i);
    // Rows [r * n / W, (r + 1) * n / W) of every batch of n (data-parallel rank r of W).
    void setShard(int rank, int worldSize) {
        shardRank_ = rank;
        shardCount_ = worldSize;
    }
    // Rows of batch i before sharding (the global batch).
    int64_t batchRows(int64_t i) const {
        return std::min<int64_t>(batchSize_, size() - i * batchSize_);
    }

    // Normalizes uint8 images (N, C, H, W) with the dataset's mean and std, on the loader's
    // device.
    torch::Tensor normalize(const torch::Tensor& images) const;

  private:
    // The random draws of a whole batch of n, made here only, so that skipBatch draws exactly
    // what batch() would: crop offsets (n, 2) and flip coins (n), each undefined when off.
    struct AugmentDraws {
        torch::Tensor offsets, flips;
    };
    AugmentDraws drawAugmentation(int64_t n);
    // Augments `images`, rows [begin, begin + images.size(0)) of the batch `draws` were made for.
    torch::Tensor augment(const torch::Tensor& images, const AugmentDraws& draws, int64_t begin);

    torch::Device device_;
    TensorImages data_;
    int batchSize_;
    bool shuffle_, augment_, flip_;
    int padding_;
    int shardRank_ = 0, shardCount_ = 1;
    torch::Tensor mean_, std_;
    torch::Tensor order_;
    at::Generator generator_;
};

}  // namespace nemo
