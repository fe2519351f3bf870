// BatchLoader and toTensors (engine/src/data/batch_loader.h) on a tiny hand-made image set:
// exact normalization, order, shuffling per seed, and the augmentation of docs/method.md §5.1
// (zero-pad in raw pixel space + random crop, random horizontal flip).
#include <QtTest>

#include <algorithm>
#include <numeric>
#include <set>
#include <vector>

#include "data/batch_loader.h"

using namespace nemo;

namespace {

constexpr int kImages = 10, kSide = 8;

// Pixel (y, x) of image k: all values of one image differ (so every shift and the mirror are
// distinguishable), every value is non-zero (so zero padding is recognisable), and no two images
// are equal. Image k has label k.
uint8_t pixelOf(int k, int y, int x) {
    return uint8_t(1 + (k * 7 + y * kSide + x) % 254);
}

ImageSet makeSet(int channels = 1) {
    ImageSet set;
    set.channels = channels;
    set.height = kSide;
    set.width = kSide;
    for (int k = 0; k < kImages; ++k) {
        for (int c = 0; c < channels; ++c)
            for (int y = 0; y < kSide; ++y)
                for (int x = 0; x < kSide; ++x) set.pixels.push_back(uint8_t(pixelOf(k, y, x) + c));
        set.labels.push_back(k);
    }
    return set;
}

DatasetInfo makeInfo(int padding, bool flip) {
    DatasetInfo info;
    info.name = "hand-made";
    for (int k = 0; k < kImages; ++k) info.classNames.push_back("class " + std::to_string(k));
    info.mean = {0.5f};
    info.std = {0.25f};
    info.cropPadding = padding;
    info.horizontalFlip = flip;
    return info;
}

// The formula, in float as the loader computes it.
float normalized(int pixel, float mean = 0.5f, float std = 0.25f) {
    return (float(pixel) / 255.0f - mean) / std;
}

// Image k (1 x 8 x 8) normalized by hand, shifted so that out(y, x) = in(y + dy, x + dx) (zero,
// i.e. raw black, outside), optionally mirrored afterwards.
torch::Tensor expectedImage(int k, int dy = 0, int dx = 0, bool mirror = false) {
    torch::Tensor t = torch::empty({1, kSide, kSide});
    auto a = t.accessor<float, 3>();
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            const int sy = y + dy, sx = x + dx;
            const bool inside = sy >= 0 && sy < kSide && sx >= 0 && sx < kSide;
            a[0][y][mirror ? kSide - 1 - x : x] = normalized(inside ? pixelOf(k, sy, sx) : 0);
        }
    }
    return t;
}

// All (image, label) pairs of the current epoch, in batch order.
std::vector<std::pair<torch::Tensor, int64_t>> epochSamples(BatchLoader& loader) {
    std::vector<std::pair<torch::Tensor, int64_t>> out;
    for (int64_t b = 0; b < loader.batches(); ++b) {
        auto [images, labels] = loader.batch(b);
        for (int64_t i = 0; i < labels.size(0); ++i)
            out.emplace_back(images[i], labels[i].item<int64_t>());
    }
    return out;
}

std::vector<int64_t> epochLabels(BatchLoader& loader) {
    std::vector<int64_t> out;
    for (const auto& sample : epochSamples(loader)) out.push_back(sample.second);
    return out;
}

}  // namespace

class TestBatchLoader : public QObject {
    Q_OBJECT
  private slots:
    void toTensorsCopiesShapesTypesAndValues() {
        ImageSet set = makeSet();
        TensorImages t = toTensors(set);
        QCOMPARE(t.images.sizes().vec(), (std::vector<int64_t>{kImages, 1, kSide, kSide}));
        QCOMPARE(t.images.scalar_type(), torch::kUInt8);
        QCOMPARE(t.labels.sizes().vec(), (std::vector<int64_t>{kImages}));
        QCOMPARE(t.labels.scalar_type(), torch::kLong);
        QVERIFY(t.images.is_contiguous());
        for (int k = 0; k < kImages; ++k) {
            QCOMPARE(t.labels[k].item<int64_t>(), int64_t(k));
            for (int y = 0; y < kSide; ++y)
                for (int x = 0; x < kSide; ++x)
                    QCOMPARE(int(t.images[k][0][y][x].item<uint8_t>()), int(pixelOf(k, y, x)));
        }
        // The tensors own their data: changing the set afterwards changes nothing.
        set.pixels[0] = 0;
        set.labels[0] = 99;
        QCOMPARE(int(t.images[0][0][0][0].item<uint8_t>()), int(pixelOf(0, 0, 0)));
        QCOMPARE(t.labels[0].item<int64_t>(), int64_t(0));

        // Multi-channel layout: CHW per image.
        TensorImages rgb = toTensors(makeSet(3));
        QCOMPARE(rgb.images.sizes().vec(), (std::vector<int64_t>{kImages, 3, kSide, kSide}));
        QCOMPARE(int(rgb.images[4][2][3][5].item<uint8_t>()), int(pixelOf(4, 3, 5)) + 2);
    }

    void withoutAugmentationBatchesAreNormalizedInOrder() {
        BatchLoader loader(toTensors(makeSet()), makeInfo(2, true), 3, false, false);
        QCOMPARE(loader.size(), int64_t(kImages));
        QCOMPARE(loader.batches(), int64_t(4));  // 3 + 3 + 3 + 1: drop_last = false
        for (uint64_t seed : {0ull, 7ull}) {
            loader.startEpoch(seed);  // shuffle = false: the seed changes nothing
            int next = 0;
            for (int64_t b = 0; b < loader.batches(); ++b) {
                auto [images, labels] = loader.batch(b);
                const int64_t n = b + 1 < loader.batches() ? 3 : 1;
                QCOMPARE(images.sizes().vec(), (std::vector<int64_t>{n, 1, kSide, kSide}));
                QCOMPARE(images.scalar_type(), torch::kFloat);
                QCOMPARE(labels.scalar_type(), torch::kLong);
                QCOMPARE(labels.size(0), n);
                for (int64_t i = 0; i < n; ++i, ++next) {
                    QCOMPARE(labels[i].item<int64_t>(), int64_t(next));
                    QVERIFY2(torch::equal(images[i], expectedImage(next)),
                             qPrintable(QString("image %1 is not (p/255 - 0.5)/0.25").arg(next)));
                }
            }
            QCOMPARE(next, kImages);
        }
        // A spot value: pixel 255 -> (1 - 0.5) / 0.25 = 2, pixel 0 -> -2.
        torch::Tensor raw = torch::tensor({0, 255, 51}, torch::kUInt8).view({3, 1, 1, 1});
        torch::Tensor n = loader.normalize(raw);
        QCOMPARE(n[0].item<float>(), -2.0f);
        QCOMPARE(n[1].item<float>(), 2.0f);
        QVERIFY(std::abs(n[2].item<float>() - (0.2f - 0.5f) / 0.25f) < 1e-6f);
    }

    void batchCountsFollowTheBatchSize() {
        TensorImages data = toTensors(makeSet());
        const std::pair<int, int64_t> cases[] = {{1, 10}, {4, 3}, {5, 2}, {10, 1}, {16, 1}};
        for (const auto& [batchSize, batches] : cases) {
            BatchLoader loader(data, makeInfo(0, false), batchSize, false, false);
            QCOMPARE(loader.batches(), batches);
            loader.startEpoch(1);
            int64_t total = 0;
            for (int64_t b = 0; b < loader.batches(); ++b) total += loader.batch(b).second.size(0);
            QCOMPARE(total, int64_t(kImages));
            QCOMPARE(loader.batch(loader.batches() - 1).second.size(0),
                     int64_t(kImages - (batches - 1) * batchSize));
        }
    }

    void perChannelMeanAndStd() {
        DatasetInfo info = makeInfo(0, false);
        info.mean = {0.1f, 0.2f, 0.3f};
        info.std = {0.5f, 0.25f, 0.125f};
        BatchLoader loader(toTensors(makeSet(3)), info, 4, false, false);
        loader.startEpoch(0);
        torch::Tensor images = loader.batch(0).first;
        for (int c = 0; c < 3; ++c) {
            const float want = normalized(pixelOf(2, 5, 6) + c, info.mean[c], info.std[c]);
            QVERIFY(std::abs(images[2][c][5][6].item<float>() - want) < 1e-6f);
        }
    }

    void shuffledEpochsArePermutationsFixedByTheSeed() {
        BatchLoader loader(toTensors(makeSet()), makeInfo(0, false), 3, true, false);
        std::vector<std::vector<int64_t>> orders;
        for (uint64_t seed : {1ull, 2ull, 3ull, 1ull}) {
            loader.startEpoch(seed);
            std::vector<int64_t> order = epochLabels(loader);
            QCOMPARE(int(order.size()), kImages);
            std::vector<int64_t> sorted = order;
            std::sort(sorted.begin(), sorted.end());
            for (int k = 0; k < kImages; ++k) QCOMPARE(sorted[k], int64_t(k));  // each index once
            // The images travel with their labels.
            for (const auto& [image, label] : epochSamples(loader))
                QVERIFY(torch::equal(image, expectedImage(int(label))));
            orders.push_back(order);
        }
        QCOMPARE(orders[3], orders[0]);   // same seed, same order (also after other epochs)
        QVERIFY(orders[0] != orders[1]);  // 10! orders: equal only by a 1 in 3.6 M chance
        QVERIFY(orders[1] != orders[2]);
        std::vector<int64_t> identity(kImages);
        std::iota(identity.begin(), identity.end(), 0);
        QVERIFY(orders[0] != identity || orders[1] != identity);

        // A second loader with the same seed sees the same order.
        BatchLoader other(toTensors(makeSet()), makeInfo(0, false), 4, true, false);
        other.startEpoch(2);
        QCOMPARE(epochLabels(other), orders[1]);
    }

    void cropPadsWithRawZerosAndShiftsByAtMostThePadding() {
        TensorImages data = toTensors(makeSet());
        const torch::Tensor original = data.images.clone();
        BatchLoader loader(data, makeInfo(2, false), 4, true, true);
        std::set<std::pair<int, int>> shiftsSeen;
        for (uint64_t epoch = 0; epoch < 6; ++epoch) {
            loader.startEpoch(100 + epoch);
            for (const auto& [image, label] : epochSamples(loader)) {
                int matches = 0;
                for (int dy = -2; dy <= 2; ++dy) {
                    for (int dx = -2; dx <= 2; ++dx) {
                        if (!torch::equal(image, expectedImage(int(label), dy, dx))) continue;
                        ++matches;
                        shiftsSeen.insert({dy, dx});
                    }
                }
                QVERIFY2(matches == 1, qPrintable(QString("image %1 is no shift of its source "
                                                          "within +-2 (%2 matches)")
                                                      .arg(label)
                                                      .arg(matches)));
                // Border pixels that came from padding hold the normalized raw zero, -2.
                QVERIFY(image.min().item<float>() >= -2.0f);
            }
        }
        // 60 draws from 25 shifts: a working crop shows many of them, corners included.
        QVERIFY2(shiftsSeen.size() >= 10, qPrintable(QString("%1 shifts").arg(shiftsSeen.size())));
        QVERIFY(shiftsSeen.count({-2, -2}) + shiftsSeen.count({2, 2}) + shiftsSeen.count({-2, 2}) +
                    shiftsSeen.count({2, -2}) >
                0);
        // Augmentation works on copies: the loader's source tensor is untouched.
        QVERIFY(torch::equal(data.images, original));
    }

    void flipMirrorsAboutHalfTheImages() {
        TensorImages data = toTensors(makeSet());
        const torch::Tensor original = data.images.clone();
        BatchLoader loader(data, makeInfo(0, true), 3, false, true);
        int mirrored = 0, kept = 0;
        for (uint64_t epoch = 0; epoch < 8; ++epoch) {
            loader.startEpoch(epoch);
            int index = 0;
            for (const auto& [image, label] : epochSamples(loader)) {
                QCOMPARE(label, int64_t(index++));  // shuffle = false
                const bool same = torch::equal(image, expectedImage(int(label)));
                const bool mirror = torch::equal(image, expectedImage(int(label), 0, 0, true));
                QVERIFY2(same != mirror, qPrintable(QString("image %1: neither the original nor "
                                                            "its mirror")
                                                        .arg(label)));
                (mirror ? mirrored : kept) += 1;
            }
        }
        QVERIFY2(mirrored >= 20 && kept >= 20,
                 qPrintable(QString("%1 mirrored, %2 kept of 80").arg(mirrored).arg(kept)));
        QVERIFY(torch::equal(data.images, original));
    }

    void augmentationIsFixedByTheEpochSeed() {
        BatchLoader loader(toTensors(makeSet()), makeInfo(2, true), 4, true, true);
        auto stack = [&](uint64_t seed) {
            loader.startEpoch(seed);
            std::vector<torch::Tensor> images;
            for (int64_t b = 0; b < loader.batches(); ++b) images.push_back(loader.batch(b).first);
            return torch::cat(images);
        };
        const torch::Tensor a = stack(5), b = stack(6), c = stack(5);
        QVERIFY(torch::equal(a, c));  // a resumed run sees the same batches
        QVERIFY(!torch::equal(a, b));

        // Without augmentation flags set in the info, augment = true changes nothing.
        BatchLoader plain(toTensors(makeSet()), makeInfo(0, false), 4, false, true);
        plain.startEpoch(3);
        for (const auto& [image, label] : epochSamples(plain))
            QVERIFY(torch::equal(image, expectedImage(int(label))));
    }
};

QTEST_APPLESS_MAIN(TestBatchLoader)
#include "test_batch_loader.moc"
