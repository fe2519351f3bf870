// The losses and modularity metrics against the published implementation's values (golden file)
// and against the formulas of docs/method.md computed here by hand on tiny masks.
#include <QtTest>

#include <random>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "modular/sample_mask_file.h"
#include "modular/sample_masks.h"
#include "nemo/module_masks.h"
#include "nemo/tools.h"
#include "train/losses.h"

using namespace nemo;

namespace {

// docs/method.md §3.1 written out with plain loops in double precision.
double contrastiveByHand(const std::vector<std::vector<double>>& m, const std::vector<int>& y,
                         double tau) {
    const size_t b = m.size();
    std::vector<std::vector<double>> n = m;
    for (auto& row : n) {
        double norm = 0;
        for (double v : row) norm += v * v;
        norm = std::max(std::sqrt(norm), 1e-12);
        for (double& v : row) v /= norm;
    }
    double total = 0;
    for (size_t i = 0; i < b; ++i) {
        double pos = 0, neg = 0;
        for (size_t j = 0; j < b; ++j) {
            double s = 0;
            for (size_t k = 0; k < n[i].size(); ++k) s += n[i][k] * n[j][k];
            const double p = y[i] == y[j] ? 1.0 : 0.0;
            pos += std::exp(p * s / tau);
            neg += std::exp((1 - p) * s / tau);
        }
        total += -std::log((pos + 1e-8) / (pos + neg + 1e-8));
    }
    return total / double(b);
}

// The published op sequence, one layer at a time (what the engine ran before it grouped layers of
// the same width into one batched product).
torch::Tensor contrastivePerLayer(const std::vector<torch::Tensor>& masks,
                                  const torch::Tensor& labels, double tau) {
    namespace F = torch::nn::functional;
    const torch::Tensor positive = labels.unsqueeze(1).eq(labels.unsqueeze(0)).to(torch::kFloat);
    const torch::Tensor negative = 1.0 - positive;
    std::vector<torch::Tensor> perLayer;
    for (const auto& m : masks) {
        torch::Tensor n = F::normalize(m, F::NormalizeFuncOptions().p(2).dim(1).eps(1e-12));
        torch::Tensor s = n.matmul(n.t());
        torch::Tensor pos = torch::exp(s * positive / tau).sum(1);
        torch::Tensor neg = torch::exp(s * negative / tau).sum(1);
        perLayer.push_back((-torch::log((pos + 1e-8) / (pos + neg + 1e-8))).mean());
    }
    return torch::stack(perLayer).mean();
}

torch::Tensor tensorOf(const std::vector<std::vector<double>>& m) {
    torch::Tensor t = torch::empty({int64_t(m.size()), int64_t(m[0].size())});
    for (size_t i = 0; i < m.size(); ++i)
        for (size_t j = 0; j < m[0].size(); ++j) t[i][j] = m[i][j];
    return t;
}

BitMatrix bitsOf(const std::vector<std::vector<int>>& rows) {
    BitMatrix bits(int64_t(rows.size()), int64_t(rows[0].size()));
    for (size_t i = 0; i < rows.size(); ++i)
        for (size_t j = 0; j < rows[i].size(); ++j) bits.set(i, j, rows[i][j] != 0);
    return bits;
}

}  // namespace

class TestLosses : public QObject {
    Q_OBJECT
  private slots:
    void goldenFileMatchesThePublishedCode() {
        // The repository's own copy: a fresh clone checks it without ../shared.
        const QString path = QStringLiteral(NEMO_SOURCE_DIR) + "/tests/golden/nemo_losses.json";
        QVERIFY2(QFile::exists(path), qPrintable(path));
        GoldenReport report = checkGolden(path.toStdString());
        QVERIFY2(report.passed,
                 report.failures.empty() ? "no cases" : report.failures.front().c_str());
        QVERIFY(report.cases >= 3);
        QVERIFY(report.checks > 1000);
        QVERIFY(report.maxAbsError <= 1e-5);
    }

    void goldenCopyIsTheSharedFile() {
        // Where the shared folder is there too, the copy must not have drifted from it.
        const QString shared = QStringLiteral(NEMO_SHARED_DIR) + "/golden/nemo_losses.json";
        if (!QFile::exists(shared)) QSKIP("no shared folder beside this checkout");
        QFile a(shared), b(QStringLiteral(NEMO_SOURCE_DIR) + "/tests/golden/nemo_losses.json");
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() == b.readAll());
    }

    void contrastiveLossMatchesTheFormulaWithSelfPairAndPadding() {
        const std::vector<std::vector<double>> a = {
            {0.9, 0.0, 0.3, 0.5}, {0.8, 0.1, 0.0, 0.4}, {0.0, 0.7, 0.6, 0.0}};
        const std::vector<std::vector<double>> b = {{0.2, 0.0}, {0.0, 0.0}, {0.5, 0.5}};
        const std::vector<int> y = {0, 0, 1};
        const torch::Tensor labels = torch::tensor({0, 0, 1}, torch::kLong);
        for (double tau : {0.2, 0.5}) {
            const double want = (contrastiveByHand(a, y, tau) + contrastiveByHand(b, y, tau)) / 2;
            const double got =
                contrastiveLoss({tensorOf(a), tensorOf(b)}, labels, tau).item<double>();
            QVERIFY2(std::abs(got - want) < 1e-6,
                     qPrintable(QString("%1 vs %2").arg(got).arg(want)));
        }
        // A zero mask row (sample 1 of layer b) must not produce NaN.
        QVERIFY(std::isfinite(contrastiveLoss({tensorOf(b)}, labels, 0.2).item<double>()));
    }

    void contrastiveLossOfGroupedLayersEqualsTheLayerByLayerLoss() {
        // Layers of the same width go through one batched product; loss and gradients must be
        // those of the published per-layer sequence to the last bit that matters, including
        // the ~1e9 gradients of all-zero mask rows (as in the golden file).
        torch::manual_seed(3);
        const int64_t b = 24;
        const torch::Tensor labels = torch::randint(0, 5, {b}, torch::kLong);
        const std::vector<int64_t> widths = {64, 64, 128, 32, 128, 64, 512, 512};
        std::vector<torch::Tensor> base;
        for (size_t l = 0; l < widths.size(); ++l) {
            torch::Tensor m = torch::relu(torch::randn({b, widths[l]}));
            m.index_put_({int64_t(l % b)}, 0.0);  // one sample with every unit of the layer off
            m.index_put_({torch::indexing::Slice(), torch::indexing::Slice(0, 3)}, 0.0);
            base.push_back(m);
        }
        for (double tau : {0.2, 0.5}) {
            std::vector<torch::Tensor> a, r;
            for (const auto& m : base) {
                a.push_back(m.clone().requires_grad_(true));
                r.push_back(m.clone().requires_grad_(true));
            }
            torch::Tensor got = contrastiveLoss(a, labels, tau);
            torch::Tensor want = contrastivePerLayer(r, labels, tau);
            got.backward();
            want.backward();
            QVERIFY2(
                std::abs(got.item<double>() - want.item<double>()) <= 1e-6,
                qPrintable(QString("%1 vs %2").arg(got.item<double>()).arg(want.item<double>())));
            double largest = 0;
            for (size_t l = 0; l < a.size(); ++l) {
                largest = std::max(largest, r[l].grad().abs().max().item<double>());
                const double diff = (a[l].grad() - r[l].grad()).abs().max().item<double>();
                QVERIFY2(diff <= 1e-5,
                         qPrintable(QString("layer %1: gradient differs by %2").arg(l).arg(diff)));
            }
            QVERIFY2(largest > 1e6, "the zero rows' large gradients were not exercised");
        }
    }

    void contrastiveLossPullsSameClassMasksTogether() {
        // Same-class masks alike and different-class masks apart give a lower loss.
        const torch::Tensor labels = torch::tensor({0, 0, 1, 1}, torch::kLong);
        torch::Tensor modular = torch::tensor({{1.f, 1.f, 0.f, 0.f},
                                               {1.f, 1.f, 0.f, 0.f},
                                               {0.f, 0.f, 1.f, 1.f},
                                               {0.f, 0.f, 1.f, 1.f}});
        torch::Tensor mixed = torch::ones({4, 4});
        QVERIFY(contrastiveLoss({modular}, labels, 0.2).item<double>() <
                contrastiveLoss({mixed}, labels, 0.2).item<double>());
    }

    void cosineLossesAndKernelRateByHand() {
        // Two samples of class 0 with identical masks, one of class 1 orthogonal to them.
        torch::Tensor m = torch::tensor({{1.f, 0.f, 0.f}, {2.f, 0.f, 0.f}, {0.f, 3.f, 0.f}});
        const torch::Tensor labels = torch::tensor({0, 0, 1}, torch::kLong);
        CosineStats s = cosineLosses({m}, labels);
        QCOMPARE(s.cohesionLoss.item<double>(), 0.0);
        QCOMPARE(s.couplingLoss.item<double>(), 0.0);
        QVERIFY(std::abs(s.kernelRate.item<double>() - 3.0 / 9.0) < 1e-7);
        QVERIFY(std::abs(s.l1.item<double>() - 6.0 / 9.0) < 1e-7);
    }

    void cosineLossesWithoutPairsStayTrainable() {
        // Every sample of its own class: no same-class pair. Logged value NaN (as published), the
        // training variant 0 with a finite gradient.
        torch::Tensor m = torch::rand({3, 4}).requires_grad_(true);
        const torch::Tensor labels = torch::tensor({0, 1, 2}, torch::kLong);
        QVERIFY(std::isnan(cosineLosses({m}, labels).cohesionLoss.item<double>()));
        CosineStats s = cosineLosses({m}, labels, true);
        QCOMPARE(s.cohesionLoss.item<double>(), 0.0);
        (s.cohesionLoss + s.couplingLoss).backward();
        QVERIFY(torch::isfinite(m.grad()).all().item<bool>());
    }

    void batchJaccardByHand() {
        torch::Tensor m =
            torch::tensor({{1.f, 1.f, 0.f, 0.f}, {1.f, 0.f, 0.f, 0.f}, {0.f, 0.f, 1.f, 1.f}});
        const torch::Tensor labels = torch::tensor({0, 0, 1}, torch::kLong);
        JaccardStats s = batchJaccard({m}, labels);
        QVERIFY(std::abs(s.cohesion.item<double>() - 0.5) < 1e-7);  // |{0}| / |{0,1}|
        QVERIFY(std::abs(s.coupling.item<double>() - 0.0) < 1e-7);
        QVERIFY(std::abs(s.retention.item<double>() - 5.0 / 12.0) < 1e-7);
    }

    void thresholdRuleLowersThresholdLayerByLayer() {
        // Class 0: layer 1 (2 units) has frequencies 1.0 and 0.5, layer 2 (2 units) only 0.5.
        BitMatrix samples = bitsOf({{1, 1, 1, 0}, {1, 0, 0, 1}});
        auto freq = classFrequencies(samples, {0, 0}, 1);
        QCOMPARE(freq[0][0], 1.0f);
        QCOMPARE(freq[0][1], 0.5f);
        BitMatrix modules = moduleMasks(freq, {2, 2}, 0.9);
        QVERIFY(modules.get(0, 0));
        QVERIFY(!modules.get(0, 1));
        // Layer 2 keeps nothing at 0.9, so the threshold drops until 0.5 passes: both units.
        QVERIFY(modules.get(0, 2));
        QVERIFY(modules.get(0, 3));
        QCOMPARE(moduleRetention(modules), 0.75);
    }

    void fallbackIsDeterministicAndNeverEmpty() {
        // A class whose units are never active keeps its most frequent unit (lowest index on ties).
        std::vector<std::vector<float>> freq = {{0.0f, 0.0f, 0.0f, 0.0f},
                                                {0.01f, 0.04f, 0.0f, 0.0f}};
        BitMatrix a = moduleMasks(freq, {4}, 0.9);
        BitMatrix b = moduleMasks(freq, {4}, 0.9);
        QCOMPARE(a.rowCount(0), int64_t(1));
        QVERIFY(a.get(0, 0));
        QCOMPARE(a.rowCount(1), int64_t(1));
        QVERIFY(a.get(1, 1));
        for (int64_t j = 0; j < 4; ++j) QCOMPARE(a.get(1, j), b.get(1, j));
    }

    void cohesionAndCouplingByHand() {
        BitMatrix samples = bitsOf({{1, 1, 0, 0}, {1, 0, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 1}});
        const std::vector<int64_t> labels = {0, 0, 0, 1};
        BitMatrix modules = bitsOf({{1, 1, 0, 0}, {0, 1, 1, 1}});
        auto cohesion = classCohesion(samples, labels, modules);
        // Pairs of class 0: (0,1) 1/2, (0,2) 1, (1,2) 1/2 -> 2/3. Class 1 has one sample: NaN.
        QVERIFY(std::abs(cohesion[0] - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::isnan(cohesion[1]));
        QVERIFY(std::abs(moduleCoupling(modules) - 1.0 / 4.0) < 1e-12);
        QVERIFY(std::abs(finiteMean(cohesion) - 2.0 / 3.0) < 1e-12);
    }

    // The grouped, multi-threaded cohesion must equal the plain all-pairs mean, with repeated
    // masks (the common case after training), all-zero masks (skipped pairs) and 130 units
    // (three words per row).
    void cohesionEqualsAllPairsBruteForce() {
        std::mt19937 rng(7);
        const int64_t n = 700, k = 130;
        BitMatrix samples(n, k);
        std::vector<int64_t> labels(n);
        std::vector<std::vector<float>> prototypes(12, std::vector<float>(k));
        for (auto& p : prototypes)
            for (auto& v : p) v = float(rng() % 2);
        std::fill(prototypes[0].begin(), prototypes[0].end(), 0.0f);  // an empty mask
        for (int64_t r = 0; r < n; ++r) {
            labels[r] = int64_t(rng() % 3);
            std::vector<float> v = prototypes[rng() % prototypes.size()];
            if (rng() % 3 == 0) v[rng() % k] = 1.0f - v[rng() % k];  // some unique masks
            samples.setFromFloats(r, 0, v.data(), k);
        }
        BitMatrix modules(3, k);
        for (int c = 0; c < 3; ++c) {
            std::vector<float> m(k);
            for (auto& v : m) v = float(rng() % 4 != 0);
            modules.setFromFloats(c, 0, m.data(), k);
        }
        const auto fast = classCohesion(samples, labels, modules);
        for (int c = 0; c < 3; ++c) {
            std::vector<std::vector<int>> rows;
            for (int64_t r = 0; r < n; ++r) {
                if (labels[r] != c) continue;
                std::vector<int> row(k);
                for (int64_t j = 0; j < k; ++j) row[j] = samples.get(r, j) && modules.get(c, j);
                rows.push_back(row);
            }
            double sum = 0;
            int64_t pairs = 0;
            for (size_t i = 0; i < rows.size(); ++i) {
                for (size_t j = i + 1; j < rows.size(); ++j) {
                    int inter = 0, uni = 0;
                    for (int64_t u = 0; u < k; ++u) {
                        inter += rows[i][u] & rows[j][u];
                        uni += rows[i][u] | rows[j][u];
                    }
                    if (uni == 0) continue;
                    sum += double(inter) / uni;
                    ++pairs;
                }
            }
            QVERIFY(pairs > 0);
            QVERIFY2(
                std::abs(fast[c] - sum / double(pairs)) < 1e-12,
                qPrintable(QString("class %1: %2 vs %3").arg(c).arg(fast[c]).arg(sum / pairs)));
        }
    }

    void bitMatrixPacksAcrossWordBoundaries() {
        BitMatrix bits(2, 130);
        std::vector<float> values(130, 0.0f);
        values[0] = values[63] = values[64] = values[129] = 0.5f;
        bits.setFromFloats(1, 0, values.data(), 130);
        QCOMPARE(bits.rowCount(0), int64_t(0));
        QCOMPARE(bits.rowCount(1), int64_t(4));
        QVERIFY(bits.get(1, 129) && bits.get(1, 64) && !bits.get(1, 65));
        QCOMPARE(bits.wordsPerRow(), int64_t(3));
    }

    void maskBitsPackedByTensorOpsEqualTheFloatLoop() {
        // The sample-mask pass packs bits with tensor operations (on the GPU, where the masks
        // are); the rows must be exactly those of setFromFloats, across byte and word borders.
        torch::manual_seed(9);
        const std::vector<int64_t> widths = {5, 64, 3, 70};  // 142 units: 3 words per row
        std::vector<torch::Tensor> masks;
        for (int64_t w : widths) masks.push_back(torch::relu(torch::randn({7, w})));
        masks[1].index_put_({2}, 0.0);  // a sample with a whole layer off
        const torch::Tensor all = torch::cat(masks, 1).contiguous();
        BitMatrix byLoop(7, 142), byTensors(7, 142);
        for (int64_t r = 0; r < 7; ++r)
            byLoop.setFromFloats(r, 0, all.data_ptr<float>() + r * 142, 142);
        const torch::Tensor packed = packMaskBits(masks, byTensors.wordsPerRow());
        QCOMPARE(packed.size(1), int64_t(24));
        storePackedRows(byTensors, 0, packed);
        for (int64_t r = 0; r < 7; ++r) {
            QCOMPARE(byTensors.rowCount(r), byLoop.rowCount(r));
            for (int64_t w = 0; w < 3; ++w) QCOMPARE(byTensors.row(r)[w], byLoop.row(r)[w]);
        }
        QVERIFY(byLoop.rowCount(0) > 20);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storePackedRows(byTensors, 3, packed));
    }

    void sampleMaskFileRejectsDamage() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("sample_masks.bin").toStdString();
        BitMatrix bits(3, 75);  // 2 words a row, 53 padding bits in the second
        bits.set(0, 0, true);
        bits.set(1, 74, true);
        bits.set(2, 64, true);
        const std::vector<int64_t> widths = {70, 5}, labels = {2, 0, 1};
        std::ostringstream out;
        writeSampleMaskFile(out, bits, widths, labels, true, 1234);
        const std::string good = out.str();
        QCOMPARE(good.size(), size_t(48 + 2 * 8 + 3 * 8 + 3 * 2 * 8 + 8));

        auto put = [&](const std::string& bytes) {
            std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
        };
        put(good);
        const SampleMaskFile f = readSampleMaskFile(path);
        QVERIFY(f.augmented);
        QCOMPARE(f.checkpointStamp, int64_t(1234));
        QCOMPARE(f.widths, widths);
        QCOMPARE(f.labels, labels);
        QCOMPARE(f.bits.cols(), int64_t(75));
        for (int64_t r = 0; r < 3; ++r)
            for (int64_t w = 0; w < 2; ++w) QCOMPARE(f.bits.row(r)[w], bits.row(r)[w]);

        // Offsets: magic 0, rows 8, cols 16, layers 24, augmented 32, stamp 40, widths 48,
        // labels 64, rows of bits 88.
        auto with = [&](size_t offset, int64_t value) {
            std::string bytes = good;
            std::memcpy(&bytes[offset], &value, 8);
            return bytes;
        };
        const std::vector<std::pair<std::string, std::string>> cases = {
            // cols lowered: the old reader built a 2-unit matrix that the 75 units overran.
            {with(16, 2),
             "the header says 3 samples x 2 units in 2 layers (120 bytes) but the "
             "file has 144 bytes"},
            {with(16, 1), "impossible header (3 samples, 1 units in 2 layers)"},
            {with(16, 128), "the layer widths add up to 75 units, the header says 128"},
            {with(8, int64_t(1) << 61), "more bytes than any file holds"},
            {with(8, -1), "impossible header"},
            {with(24, 0), "impossible header"},
            {with(16, int64_t(1) << 50), "impossible header"},
            {with(32, 7), "augmented flag is 7"},
            {with(48, 0), "a masked layer of width 0"},
            {with(64, -3), "sample 0 has a negative label"},
            {with(96, int64_t(1) << 62), "sample 0 has bits set past the last unit"},
            {"NEMOSMK1" + good.substr(8), "wrong magic number"},  // version 1: no checksum
            {with(88, 5), "checksum differs"},                    // one bit of sample 0 changed
            {good.substr(0, good.size() - 1), "but the file has 143 bytes"},
            {good + "x", "but the file has 145 bytes"},
            {good.substr(0, 10), "only 10 bytes, shorter than the 48-byte header"},
        };
        for (const auto& [bytes, needle] : cases) {
            put(bytes);
            std::string message = "<no error>";
            try {
                readSampleMaskFile(path);
            } catch (const SampleMaskFileError& e) {
                message = e.what();
            }
            QVERIFY2(message.rfind(path + ": ", 0) == 0 &&
                         message.find(needle) != std::string::npos &&
                         message.find("delete it") != std::string::npos,
                     (needle + " -> " + message).c_str());
        }
    }

    void damagedSampleMaskCacheIsRecomputed() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string runDir = dir.path().toStdString();
        LoadedRun run;
        run.model = buildModel("tinycnn", syntheticSpec("tinycnn", true));
        run.model->eval();
        run.data.info.classNames = std::vector<std::string>(10, "c");
        run.data.info.mean = {0.5f};
        run.data.info.std = {0.25f};
        run.data.train.channels = 1;
        run.data.train.height = 28;
        run.data.train.width = 28;
        run.data.train.labels = {3, 1, 4, 1, 5};
        run.data.train.pixels.resize(5 * 28 * 28);
        for (size_t i = 0; i < run.data.train.pixels.size(); ++i)
            run.data.train.pixels[i] = uint8_t(i * 37 % 256);
        run.checkpoint = runDir + "/final.pt";
        std::ofstream(run.checkpoint) << "a checkpoint";

        const SampleMasks first = sampleMasksForRun(run, runDir, false);
        QVERIFY(!first.reused);
        QVERIFY(sampleMasksForRun(run, runDir, false).reused);

        // Fewer units (cols) in the header: the masks used to come back as that narrower matrix
        // (reused), which every consumer indexes with the layers' real widths: a heap overrun.
        const std::string path = runDir + "/modular/sample_masks.bin";
        {
            std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
            const int64_t cols = int64_t(first.widths.size());  // one unit a layer
            file.seekp(16);
            file.write(reinterpret_cast<const char*>(&cols), 8);
        }
        struct Messages : TrainingObserver {
            std::string all;
            void onMessage(const std::string& text) override { all += text + "\n"; }
        } observer;
        const SampleMasks again = sampleMasksForRun(run, runDir, false, &observer);
        QVERIFY(!again.reused);
        QCOMPARE(again.bits.cols(), first.bits.cols());
        QCOMPARE(again.bits.rows(), int64_t(5));
        for (int64_t r = 0; r < 5; ++r)
            for (int64_t w = 0; w < first.bits.wordsPerRow(); ++w)
                QCOMPARE(again.bits.row(r)[w], first.bits.row(r)[w]);
        QVERIFY2(observer.all.find(path + ": the header says 5 samples") != std::string::npos &&
                     observer.all.find("computing them again") != std::string::npos,
                 observer.all.c_str());
        // Written again, whole.
        QVERIFY(sampleMasksForRun(run, runDir, false).reused);
    }

    void distillationLossByHand() {
        // docs/method.md §3.5 on 2 samples x 3 classes, tau = 2 and alpha = 0.3 so that every
        // factor shows: alpha * CE(cls) + (1 - alpha) * 0.5 * (KL_cls + KL_dist), KL = sum over
        // classes of p_t (log p_t - log q) / B * tau^2 with p_t = softmax(t / tau),
        // q = softmax(s / tau).
        const std::vector<std::vector<double>> cls = {{1.0, -0.5, 0.2}, {0.3, 0.8, -1.2}};
        const std::vector<std::vector<double>> dist = {{-0.4, 0.6, 0.1}, {1.5, 0.0, 0.4}};
        const std::vector<std::vector<double>> teacher = {{2.0, 0.1, -1.0}, {-0.3, 1.7, 0.2}};
        const std::vector<int> y = {0, 2};
        const double tau = 2.0, alpha = 0.3;
        auto softmax = [](const std::vector<double>& z, double t) {
            std::vector<double> p;
            double sum = 0;
            for (double v : z) sum += std::exp(v / t);
            for (double v : z) p.push_back(std::exp(v / t) / sum);
            return p;
        };
        auto byHand = [&](double a, double t) {
            auto kl = [&](const std::vector<std::vector<double>>& student) {
                double total = 0;
                for (size_t i = 0; i < student.size(); ++i) {
                    const auto pt = softmax(teacher[i], t), q = softmax(student[i], t);
                    for (size_t c = 0; c < pt.size(); ++c)
                        total += pt[c] * (std::log(pt[c]) - std::log(q[c]));
                }
                return total / double(student.size()) * t * t;
            };
            double ce = 0;
            for (size_t i = 0; i < cls.size(); ++i) ce += -std::log(softmax(cls[i], 1.0)[y[i]]);
            ce /= double(cls.size());
            return a * ce + (1 - a) * 0.5 * (kl(cls) + kl(dist));
        };
        auto tensor = [](const std::vector<std::vector<double>>& rows) {
            std::vector<float> flat;
            for (const auto& r : rows) flat.insert(flat.end(), r.begin(), r.end());
            return torch::tensor(flat).view({int64_t(rows.size()), -1});
        };
        const torch::Tensor labels = torch::tensor({0, 2}, torch::kLong);
        const torch::Tensor s = tensor(cls).requires_grad_();
        const double want = byHand(alpha, tau);
        const torch::Tensor got =
            distillationLoss(s, tensor(dist), tensor(teacher), labels, alpha, tau);
        QVERIFY2(std::abs(got.item<double>() - want) < 1e-6,
                 qPrintable(QString("%1 vs %2").arg(got.item<double>()).arg(want)));
        // The published settings (alpha 0.5, tau 1) are the defaults.
        const double published = byHand(0.5, 1.0);
        const torch::Tensor t = tensor(teacher).requires_grad_();
        const torch::Tensor loss = distillationLoss(s, tensor(dist), t, labels);
        QVERIFY(std::abs(loss.item<double>() - published) < 1e-6);
        // The teacher gets no gradient, the student does.
        loss.backward();
        QVERIFY(!t.grad().defined() || t.grad().abs().sum().item<double>() == 0.0);
        QVERIFY(s.grad().abs().sum().item<double>() > 0);
        // A student equal to the teacher has no KL part: only alpha * CE remains.
        const torch::Tensor same =
            distillationLoss(tensor(teacher), tensor(teacher), tensor(teacher), labels, alpha, tau);
        double ceTeacher = 0;
        for (size_t i = 0; i < teacher.size(); ++i)
            ceTeacher += -std::log(softmax(teacher[i], 1.0)[y[i]]);
        QVERIFY(std::abs(same.item<double>() - alpha * ceTeacher / 2.0) < 1e-6);
    }

    void brokenGoldenFilesFailClearly() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/bad.json").toStdString();
        std::ofstream(path) << "{\"cases\": [ {\"labels\": [0, 1]";
        try {
            checkGolden(path);
            QFAIL("a truncated golden file was accepted");
        } catch (const std::runtime_error& e) {
            QVERIFY(QString(e.what()).contains("bad.json"));
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, checkGolden(path + ".missing"));
    }
};

QTEST_APPLESS_MAIN(TestLosses)
#include "test_losses.moc"
