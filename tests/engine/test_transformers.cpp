// The Transformers (engine/src/models/vision_transformer.*, masked_linear.*) against docs/method.md
// §1.6-1.8 (architectures, mask placement, unit counts), §2.2 (neuron generator), §4.1
// (generator parameter group), §4.2 (no masks[0] = ones for Transformers) and §3.4-3.5 (DeiT's
// distillation from a teacher run), plus short Fashion-MNIST runs of vit_tiny and of deit_tiny
// with an engine-trained teacher that must learn.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "models/masked_linear.h"
#include "models/network.h"
#include "models/vision_transformer.h"
#include "nemo/dataset.h"
#include "nemo/trainer.h"
#include "run/atomic_file.h"
#include "train/losses.h"
#include "train/train_step.h"

using namespace nemo;

namespace {

ModelSpec vitSpec(const std::string& name, bool masked = true, bool maskAttention = true) {
    ModelSpec spec;
    const bool small = name == "vit_tiny" || name == "deit_tiny";
    spec.inChannels = small ? 1 : 3;
    spec.inputSize = small ? 28 : 32;
    spec.numClasses = 10;
    spec.masked = masked;
    spec.maskAttention = maskAttention;
    return spec;
}

std::map<std::string, torch::Tensor> parameterMap(torch::nn::Module& model) {
    std::map<std::string, torch::Tensor> out;
    for (const auto& item : model.named_parameters()) out[item.key()] = item.value();
    return out;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
    return (a - b).abs().max().item<double>();
}

// Per encoder, in mask order: q, k, v, attn_out, inter, out (§1.8); without q/k/v when
// maskAttention is off.
std::vector<int64_t> documentedWidths(int64_t layers, int64_t hidden, int64_t mlp, bool qkv) {
    std::vector<int64_t> w;
    for (int64_t e = 1; e < layers; ++e) {
        if (qkv) w.insert(w.end(), {hidden, hidden, hidden});
        w.insert(w.end(), {hidden, mlp, hidden});
    }
    return w;
}

// A one-epoch, one-thread Fashion-MNIST run on the first images; folder "" trains without one.
TrainConfig oneEpochRun(const std::string& model, TrainMode mode, const QTemporaryDir& dir,
                        const QString& folder, int64_t train, int64_t test) {
    TrainConfig c = TrainConfig::defaultsFor(mode);
    c.model = model;
    if (!folder.isEmpty()) c.outDir = (dir.path() + "/" + folder).toStdString();
    c.limitTrain = train;
    c.limitTest = test;
    c.epochs = 1;
    c.threads = 1;
    return c;
}

// Two NeMo epochs on 3,000 images with the Transformer loss settings (alpha 0.1, tau 0.2).
TrainConfig transformerRun(const std::string& model, const QTemporaryDir& dir,
                           const QString& folder) {
    TrainConfig c = oneEpochRun(model, TrainMode::Nemo, dir, folder, 3000, 500);
    c.epochs = 2;
    c.alpha = 0.1;
    c.temperature = 0.2;
    return c;
}

bool haveFashionMnist() {
    return !defaultDataDir("fashion-mnist").empty() &&
           QFile::exists(QString::fromStdString(defaultDataDir("fashion-mnist")) +
                         "/train-images-idx3-ubyte.gz");
}

}  // namespace

class TestTransformers : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        torch::manual_seed(7);
        torch::set_num_threads(1);
    }

    void masksSitOnEveryLinearOfEncoders1ToN_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("qkv");
        QTest::addColumn<int>("layers");
        QTest::addColumn<qint64>("units");
        // vit_s/deit_s: 11 encoders x 6 Linears = 66 masks, 11 x (384 * 5 + 1536) = 38016 units.
        QTest::newRow("vit_s") << "vit_s" << true << 66 << qint64(38016);
        QTest::newRow("deit_s") << "deit_s" << true << 66 << qint64(38016);
        QTest::newRow("vit_s unmasked qkv")
            << "vit_s" << false << 33 << qint64(11 * (384 * 2 + 1536));
        QTest::newRow("vit_tiny") << "vit_tiny" << true << 18 << qint64(3 * (64 * 5 + 128));
        QTest::newRow("vit_tiny unmasked qkv")
            << "vit_tiny" << false << 9 << qint64(3 * (64 * 2 + 128));
    }
    void masksSitOnEveryLinearOfEncoders1ToN() {
        QFETCH(QString, name);
        QFETCH(bool, qkv);
        QFETCH(int, layers);
        QFETCH(qint64, units);
        const std::string model = name.toStdString();
        const ModelSpec spec = vitSpec(model, true, qkv);
        Network net = buildModel(model, spec);
        auto* vit = dynamic_cast<VisionTransformerImpl*>(net.get());
        QVERIFY(vit);
        const VitOptions& o = vit->options();
        QCOMPARE(net->totalMaskedUnits(), int64_t(units));
        QCOMPARE(net->maskedWidths(), documentedWidths(o.layers, o.hidden, o.mlp, qkv));
        QCOMPARE(int(net->maskedNames().size()), layers);
        QCOMPARE(net->maskedNames().front(),
                 std::string(qkv ? "encoder_1.query" : "encoder_1.attn_out"));
        QCOMPARE(net->maskedNames().back(), "encoder_" + std::to_string(o.layers - 1) + ".out");
        QVERIFY(!net->firstMaskOnesInLoss());

        // Generators exactly where the masks are: never in encoder 0, the patch embedding, the
        // LayerNorms or the classifiers; q/k/v only with maskAttention.
        int generators = 0;
        for (const auto& [key, value] : parameterMap(*net)) {
            if (key.find("mask_generator.fc2.bias") == std::string::npos) continue;
            ++generators;
            QVERIFY2(key.rfind("encoder_0.", 0) != 0, key.c_str());
            if (!qkv) {
                for (const char* part : {".query.", ".key.", ".value."})
                    QVERIFY2(key.find(part) == std::string::npos, key.c_str());
            }
        }
        QCOMPARE(generators, layers);
        for (size_t i = 0; i < net->maskedNames().size(); ++i) {
            const auto params = parameterMap(*net);
            const std::string prefix = net->maskedNames()[i] + ".mask_generator.";
            // Neuron generator (§2.2): bias on both layers, hidden = out (< 3073).
            const int64_t w = net->maskedWidths()[i];
            QCOMPARE(params.at(prefix + "fc1.weight").size(0), w);
            QVERIFY(params.count(prefix + "fc1.bias"));
            QCOMPARE(params.at(prefix + "fc2.bias").size(0), w);
            if (i > 2) break;  // the rule is the same everywhere; keep the test fast
        }

        torch::NoGradGuard noGrad;
        for (bool training : {true, false}) {
            net->train(training);
            const torch::Tensor x =
                torch::randn({2, spec.inChannels, spec.inputSize, spec.inputSize});
            const torch::Tensor logits = net->forward(x);
            QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{2, 10}));
            QVERIFY(torch::isfinite(logits).all().item<bool>());
            const auto masks = net->masks();
            QCOMPARE(int(masks.size()), layers);
            for (int i = 0; i < layers; ++i) {
                QCOMPARE(masks[i].sizes().vec(), (std::vector<int64_t>{2, net->maskedWidths()[i]}));
                QVERIFY(masks[i].min().item<float>() >= 0.0f);
                QVERIFY(masks[i].max().item<float>() < 1.0f);
            }
        }
    }

    void architecturesFollowTheConfigs() {
        // vit_s: HF ViTConfig defaults (12 layers, 12 heads of 32); deit_s: 6 heads of 64, a
        // distillation token (T = 66) and two heads; vit_tiny is ours.
        struct Case {
            const char* name;
            int64_t hidden, layers, heads, mlp, tokens;
            bool distilled;
        };
        for (const Case& c : {Case{"vit_s", 384, 12, 12, 1536, 65, false},
                              Case{"deit_s", 384, 12, 6, 1536, 66, true},
                              Case{"vit_tiny", 64, 4, 4, 128, 17, false}}) {
            Network net = buildModel(c.name, vitSpec(c.name, false));
            auto* vit = dynamic_cast<VisionTransformerImpl*>(net.get());
            QVERIFY(vit);
            QCOMPARE(vit->options().hidden, c.hidden);
            QCOMPARE(int64_t(vit->encoders.size()), c.layers);
            QCOMPARE(vit->encoders[0]->heads, c.heads);
            QCOMPARE(vit->tokens(), c.tokens);
            QCOMPARE(vit->position.sizes().vec(), (std::vector<int64_t>{1, c.tokens, c.hidden}));
            QCOMPARE(bool(vit->dist_classifier), c.distilled);
            QCOMPARE(vit->encoders[1]->inter->units(), c.mlp);
            QCOMPARE(vit->ln->options.eps(), 1e-12);
            QVERIFY(net->maskedWidths().empty());
        }
        // Standard vit_s has the HF ViT-small's 21,278,986 Linear parameters (§7.7) and no
        // generators.
        Network vit = buildModel("vit_s", vitSpec("vit_s", false));
        int64_t linear = 0;
        for (const auto& [key, value] : parameterMap(*vit)) {
            QVERIFY(key.find("mask_generator") == std::string::npos);
            const bool inLinear =
                key.find("encoder_") != std::string::npos && key.find(".ln_") == std::string::npos;
            if (inLinear || key.rfind("classifier.", 0) == 0) linear += value.numel();
        }
        QCOMPARE(linear, int64_t(21278986));
        // DeiT zero-initialises its tokens and position embeddings; ViT draws them N(0, 0.02).
        Network deit = buildModel("deit_s", vitSpec("deit_s"));
        auto* d = dynamic_cast<VisionTransformerImpl*>(deit.get());
        QCOMPARE(d->cls_token.abs().sum().item<double>(), 0.0);
        QCOMPARE(d->dist_token.abs().sum().item<double>(), 0.0);
        QCOMPARE(d->position.abs().sum().item<double>(), 0.0);
        auto* v = dynamic_cast<VisionTransformerImpl*>(vit.get());
        QVERIFY(std::abs(v->position.std().item<double>() - 0.02) < 0.002);
        QVERIFY(std::abs(v->encoders[3]->inter->weight.std().item<double>() - 0.02) < 0.001);
        QCOMPARE(v->encoders[3]->inter->bias.abs().sum().item<double>(), 0.0);
    }

    void maskedLinearScalesEveryTokenByTheSampleMask() {
        MaskedLinear layer(6, 5, true);
        const torch::Tensor x = torch::randn({3, 4, 6});
        const torch::Tensor y = layer->forward(x);
        // By hand (§2.2): m = relu(tanh(fc2(relu(fc1(mean_T x))))), y = (x W^T + b) * m[:, None].
        auto& g = layer->mask_generator;
        const torch::Tensor pooled = x.mean(1);
        const torch::Tensor hidden = torch::relu(pooled.matmul(g->fc1->weight.t()) + g->fc1->bias);
        const torch::Tensor m =
            torch::relu(torch::tanh(hidden.matmul(g->fc2->weight.t()) + g->fc2->bias));
        const torch::Tensor expected = (x.matmul(layer->weight.t()) + layer->bias) * m.unsqueeze(1);
        QVERIFY(maxAbsDiff(y, expected) < 1e-5);
        QVERIFY(maxAbsDiff(layer->lastMask(), m) < 1e-6);
        // Init: kaiming weights, biases 1 on both generator layers.
        QCOMPARE(g->fc1->bias.min().item<double>(), 1.0);
        QCOMPARE(g->fc2->bias.max().item<double>(), 1.0);
        // A fixed 0/1 mask replaces the generator.
        layer->setFixedMask(torch::tensor({1.f, 0.f, 1.f, 0.f, 0.f}));
        const torch::Tensor fixed = layer->forward(x);
        QCOMPARE(fixed.select(2, 1).abs().sum().item<double>(), 0.0);
        QVERIFY(maxAbsDiff(fixed.select(2, 0), x.matmul(layer->weight[0]) + layer->bias[0]) < 1e-5);
        // Without a generator it is a plain Linear.
        MaskedLinear plain(6, 5, false);
        QVERIFY(maxAbsDiff(plain->forward(x), x.matmul(plain->weight.t()) + plain->bias) < 1e-5);
        QVERIFY(!plain->lastMask().defined());
    }

    void attentionMatchesAPerHeadLoop() {
        // softmax(q_h k_h^T / sqrt(d_h)) v_h for every head h, concatenated (§1.6).
        const int64_t heads = 3, d = 12, t = 5;
        const torch::Tensor q = torch::randn({2, t, d}), k = torch::randn({2, t, d}),
                            v = torch::randn({2, t, d});
        const torch::Tensor got = EncoderLayerImpl::attention(q, k, v, heads);
        const int64_t dh = d / heads;
        for (int64_t b = 0; b < 2; ++b) {
            for (int64_t h = 0; h < heads; ++h) {
                auto cols = torch::indexing::Slice(h * dh, (h + 1) * dh);
                const torch::Tensor qh = q[b].index({torch::indexing::Slice(), cols});
                const torch::Tensor kh = k[b].index({torch::indexing::Slice(), cols});
                const torch::Tensor vh = v[b].index({torch::indexing::Slice(), cols});
                const torch::Tensor ref =
                    torch::softmax(qh.matmul(kh.t()) / std::sqrt(double(dh)), 1).matmul(vh);
                QVERIFY(maxAbsDiff(got[b].index({torch::indexing::Slice(), cols}), ref) < 1e-5);
            }
        }
    }

    void encoderIsPreLayerNorm() {
        VitOptions o = vitTinyOptions();
        EncoderLayer layer(o, false, true);
        const torch::Tensor h = torch::randn({2, 7, o.hidden});
        const torch::Tensor x = layer->ln_before(h);
        const torch::Tensor h1 = h + layer->attn_out(EncoderLayerImpl::attention(
                                         layer->query(x), layer->key(x), layer->value(x), o.heads));
        const torch::Tensor ln2 = torch::layer_norm(h1, {o.hidden}, layer->ln_after->weight,
                                                    layer->ln_after->bias, 1e-12);
        // Exact (erf) GELU: x * Phi(x).
        const torch::Tensor a = layer->inter(ln2);
        const torch::Tensor gelu = a * 0.5 * (1.0 + torch::erf(a / std::sqrt(2.0)));
        QVERIFY(maxAbsDiff(layer->forward(h), h1 + layer->out(gelu)) < 1e-5);
    }

    void deitAveragesItsTwoHeads() {
        Network net = buildModel("deit_s", vitSpec("deit_s"));
        auto* d = dynamic_cast<VisionTransformerImpl*>(net.get());
        torch::NoGradGuard noGrad;
        net->eval();
        const torch::Tensor logits = net->forward(torch::randn({2, 3, 32, 32}));
        QCOMPARE(d->lastClassLogits().sizes().vec(), (std::vector<int64_t>{2, 10}));
        QCOMPARE(d->lastDistillationLogits().sizes().vec(), (std::vector<int64_t>{2, 10}));
        QVERIFY(maxAbsDiff(logits, (d->lastClassLogits() + d->lastDistillationLogits()) / 2) <
                1e-6);
    }

    void nemoLossUsesEveryRealMaskAndGeneratorsHaveTheirGroup() {
        Network net = buildModel("vit_tiny", vitSpec("vit_tiny"));
        net->train();
        const torch::Tensor x = torch::randn({6, 1, 28, 28});
        const torch::Tensor y = torch::tensor({0, 1, 0, 1, 2, 2}, torch::kLong);
        LossSettings s;  // firstMaskOnes on, as for CNNs: a Transformer ignores it (§4.2)
        s.alpha = 0.1;
        s.temperature = 0.2;
        LossParts parts = computeLoss(*net, x, y, s);
        const double expected = contrastiveLoss(parts.masks, y, 0.2).item<double>();
        QVERIFY(std::abs(parts.contrastive.item<double>() - expected) < 1e-6);
        parts.loss.backward();
        // The first masked layer's generator gets a gradient (no masks[0] = ones).
        auto params = parameterMap(*net);
        const std::string first = net->maskedNames().front() + ".mask_generator.fc2.weight";
        QVERIFY(params.at(first).grad().defined());
        QVERIFY(params.at(first).grad().abs().sum().item<double>() > 0);

        // §4.1: every generator tensor (4 per masked Linear) in group 1 at lr_mask.
        auto optimizer = makeOptimizer(*net, 0.05, 0.01);
        auto& groups = optimizer->param_groups();
        QCOMPARE(groups[1].params().size(), 4 * net->maskedNames().size());
        std::set<const void*> group1;
        for (const auto& p : groups[1].params()) group1.insert(p.unsafeGetTensorImpl());
        for (const auto& [key, value] : params) {
            const bool gen = key.find("mask_generator") != std::string::npos;
            QCOMPARE(bool(group1.count(value.unsafeGetTensorImpl())), gen);
        }
        QCOMPARE(static_cast<torch::optim::SGDOptions&>(groups[1].options()).lr(), 0.01);
    }

    void badSizesThrow() {
        ModelSpec spec = vitSpec("vit_s");
        spec.inputSize = 30;  // not a multiple of the patch
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, buildModel("vit_s", spec));
        MaskedLinear layer(4, 3, true);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layer->forward(torch::randn({2, 4})));
    }

    // §3.4/§3.5: with a teacher the DeiT loss is L_distill + alpha * L_contra (the CE of the
    // averaged heads is only logged); a model without a distillation head refuses a teacher.
    void teacherLogitsReplaceTheCrossEntropy() {
        torch::manual_seed(5);
        Network net = buildModel("deit_tiny", vitSpec("deit_tiny"));
        const torch::Tensor images = torch::randn({6, 1, 28, 28});
        const torch::Tensor labels = torch::tensor({0, 1, 2, 0, 1, 2}, torch::kLong);
        const torch::Tensor teacher = torch::randn({6, 10}) * 3;
        LossSettings s;
        s.mode = TrainMode::Nemo;
        s.alpha = 0.3;
        s.temperature = 0.2;
        s.distillAlpha = 0.4;
        s.distillTau = 2.0;
        net->eval();  // same masks in both passes
        LossParts parts = computeLoss(*net, images, labels, s, teacher);
        const torch::Tensor expectedDistill = distillationLoss(
            net->lastClassLogits(), net->lastDistillationLogits(), teacher, labels, 0.4, 2.0);
        QVERIFY(parts.distillation.defined());
        QVERIFY(maxAbsDiff(parts.distillation, expectedDistill) < 1e-6);
        QVERIFY(maxAbsDiff(parts.loss, expectedDistill + 0.3 * parts.contrastive) < 1e-6);
        QVERIFY(maxAbsDiff(parts.crossEntropy,
                           torch::nn::functional::cross_entropy(parts.logits, labels)) < 1e-6);
        // The distillation term really depends on the teacher.
        LossParts other = computeLoss(*net, images, labels, s, teacher.flip(1));
        QVERIFY(std::abs(other.distillation.item<double>() - parts.distillation.item<double>()) >
                1e-3);
        // Standard mode: the distillation loss alone.
        s.mode = TrainMode::Standard;
        LossParts plain = computeLoss(*net, images, labels, s, teacher);
        QVERIFY(maxAbsDiff(plain.loss, expectedDistill) < 1e-6);

        Network vit = buildModel("vit_tiny", vitSpec("vit_tiny"));
        QVERIFY(!vit->hasDistillationHead());
        QVERIFY(net->hasDistillationHead());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 computeLoss(*vit, images, labels, s, teacher));
    }

    // §3.5 end to end: a standard teacher trained by the engine, then deit_tiny learning from it;
    // the teacher's path is stored absolute and a resumed run finds it again.
    void deitTinyLearnsFromAnEngineTeacher() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        const TrainConfig t =
            oneEpochRun("tinycnn", TrainMode::Standard, dir, "teacher", 3000, 500);
        const TrainResult teacherResult = train(t);
        QVERIFY(teacherResult.testAccuracy > 0.5);

        TrainConfig c = transformerRun("deit_tiny", dir, "student");
        c.teacher = t.outDir;
        c.logEvery = 5;
        TrainResult r = train(c);
        QVERIFY2(r.testAccuracy > 0.55, qPrintable(QString::number(r.testAccuracy)));  // chance 0.1
        QVERIFY(r.retention < 1.0);

        const std::string config = readTextFile(c.outDir + "/config.json");
        QVERIFY(configFromJson(config).teacher ==
                std::filesystem::absolute(t.outDir).lexically_normal().string());
        // Every train step and test epoch logs the distillation loss; with the contrastive part
        // it makes up the loss.
        std::ifstream metrics(c.outDir + "/metrics.jsonl");
        std::string line;
        int withDistill = 0, lines = 0;
        while (std::getline(metrics, line)) {
            MetricsEvent e;
            QVERIFY(fromJsonLine(line, &e));
            ++lines;
            if (!std::isfinite(e.distillation)) continue;
            ++withDistill;
            if (e.kind == MetricsEvent::Kind::Step)
                QVERIFY(std::abs(e.loss - (e.distillation + 0.1 * e.contrastive)) < 1e-4);
        }
        QVERIFY(lines > 4);
        QCOMPARE(withDistill, lines);

        // Resume one more epoch from another working directory.
        const auto cwd = std::filesystem::current_path();
        std::filesystem::current_path(QDir::tempPath().toStdString());
        TrainConfig more = c;
        more.epochs = 3;
        more.teacher.clear();  // taken from the run's config.json
        TrainResult resumed = train(more, nullptr, nullptr, /*resume=*/true);
        std::filesystem::current_path(cwd);
        QCOMPARE(resumed.epochs, 3);
        QVERIFY(resumed.testAccuracy > 0.55);
    }

    void teacherMismatchesAreRefused() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        const TrainConfig t = oneEpochRun("tinycnn", TrainMode::Standard, dir, "teacher", 256, 128);
        train(t);
        TrainConfig c = oneEpochRun("deit_tiny", TrainMode::Nemo, dir, "", 256, 128);
        auto refusal = [&](const TrainConfig& config) -> QString {
            try {
                train(config);
            } catch (const TrainingError& e) {
                return QString::fromUtf8(e.what());
            }
            return {};
        };
        c.teacher = (dir.path() + "/nowhere").toStdString();
        QVERIFY2(refusal(c).contains("not a run folder"), qPrintable(refusal(c)));

        TrainConfig noHead = c;
        noHead.model = "vit_tiny";
        noHead.teacher = t.outDir;
        QVERIFY2(refusal(noHead).contains("distillation head"), qPrintable(refusal(noHead)));

        // A teacher of another dataset, or of another image size, is refused by name.
        const std::string original = readTextFile(t.outDir + "/config.json");
        auto withConfig = [&](auto edit) {
            nlohmann::json j = nlohmann::json::parse(original);
            edit(j);
            writeFileAtomically(t.outDir + "/config.json", j.dump(2));
        };
        c.teacher = t.outDir;
        withConfig([](nlohmann::json& j) { j["dataset"] = "mnist"; });
        QVERIFY2(refusal(c).contains("trained on mnist"), qPrintable(refusal(c)));
        withConfig([](nlohmann::json& j) { j["input"]["height"] = 32; });
        QVERIFY2(refusal(c).contains("takes 1x32x28"), qPrintable(refusal(c)));
        withConfig([](nlohmann::json& j) { j["class_names"].erase(0); });
        QVERIFY2(refusal(c).contains("9 classes"), qPrintable(refusal(c)));
        // And a teacher without a checkpoint.
        withConfig([](nlohmann::json&) {});
        std::filesystem::remove_all(t.outDir + "/checkpoints");
        QVERIFY2(refusal(c).contains("no checkpoint"), qPrintable(refusal(c)));
    }

    void vitTinyLearnsFashionMnist() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        TrainResult r = train(transformerRun("vit_tiny", dir, "run"));
        QVERIFY2(r.testAccuracy > 0.6, qPrintable(QString::number(r.testAccuracy)));  // chance 0.1
        QVERIFY2(r.retention < 1.0, qPrintable(QString::number(r.retention)));
        QVERIFY(r.retention > 0.05);
    }
};

QTEST_APPLESS_MAIN(TestTransformers)
#include "test_transformers.moc"
