// The model zoo (engine/src/models) and one training step (engine/src/train/train_step.h) against
// docs/method.md §1 (architectures, masked layers, unit counts), §2.1 (mask generator), §4.1
// (optimizer groups, cosine schedule) and §3.4 (total losses).
#include <QtTest>

#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <vector>

#include "models/cnn_models.h"
#include "models/mask_generator.h"
#include "models/masked_conv.h"
#include "models/network.h"
#include "models/resnet.h"
#include "models/winograd_conv.h"
#include "nemo/model_catalog.h"
#include "nemo/train_config.h"
#include "train/losses.h"
#include "train/train_step.h"

using namespace nemo;

namespace {

constexpr int kClasses = 7;

ModelSpec specFor(const std::string& name, bool masked = true) {
    ModelSpec spec;
    const bool small = name == "tinycnn" || name == "vit_tiny" || name == "deit_tiny";
    spec.inChannels = small ? 1 : 3;
    spec.inputSize = small ? 28 : 32;
    spec.numClasses = kClasses;
    spec.masked = masked;
    return spec;
}

torch::Tensor inputFor(const ModelSpec& spec, int64_t batch) {
    return torch::randn({batch, spec.inChannels, spec.inputSize, spec.inputSize});
}

// Widths of the masked layers in mask order (docs/method.md §1.2-1.5; tinycnn is ours).
std::vector<int64_t> documentedWidths(const std::string& name) {
    if (name == "tinycnn") return {32, 32, 64};
    if (name == "simcnn" || name == "vgg16")
        return {64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
    if (name == "rescnn") return {128, 128, 128, 256, 512, 512, 512, 512, 512, 512, 512};
    std::vector<int64_t> w;  // resnet18: per block conv1, conv2, then the downsample if any
    const int64_t planes[4] = {64, 128, 256, 512};
    for (int layer = 0; layer < 4; ++layer) {
        w.insert(w.end(), {planes[layer], planes[layer]});
        if (layer > 0) w.push_back(planes[layer]);
        w.insert(w.end(), {planes[layer], planes[layer]});
    }
    return w;
}

std::map<std::string, torch::Tensor> parameterMap(NetworkImpl& model) {
    std::map<std::string, torch::Tensor> out;
    for (const auto& item : model.named_parameters()) out[item.key()] = item.value();
    return out;
}

bool anyNameContains(NetworkImpl& model, const std::string& part) {
    for (const auto& item : model.named_parameters())
        if (item.key().find(part) != std::string::npos) return true;
    return false;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
    return (a - b).abs().max().item<double>();
}

}  // namespace

class TestModels : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        torch::manual_seed(20240611);
        torch::set_num_threads(1);
    }

    void registryListsTheModels() {
        QCOMPARE(modelNames(), (std::vector<std::string>{"minivgg", "tinycnn", "simcnn", "rescnn",
                                                         "vgg16", "resnet18", "vit_tiny",
                                                         "deit_tiny", "vit_s", "deit_s"}));
        QCOMPARE(requiredInputSize("tinycnn"), 0);
        QCOMPARE(requiredInputSize("vit_tiny"), 0);
        QCOMPARE(requiredInputSize("deit_tiny"), 0);
        for (const char* name : {"simcnn", "rescnn", "vgg16", "resnet18", "vit_s", "deit_s"})
            QCOMPARE(requiredInputSize(name), 32);
    }

    // The catalogue is the one list: every entry builds, as the family and heads it claims, at
    // the input it names; unknown names are refused with the list.
    void catalogueEntriesBuildAsDescribed() {
        for (const ModelInfo& info : modelCatalog()) {
            const ModelSpec spec = syntheticSpec(info.name, true);
            QCOMPARE(spec.inChannels, info.inChannels);
            QCOMPARE(spec.inputSize, info.inputSize);
            Network model = buildModel(info.name, spec);
            QCOMPARE(model->hasDistillationHead(), info.distillationHead);
            QVERIFY2(std::string(info.description).size() > 10, info.name.c_str());
            QCOMPARE(lossDefaults(TrainMode::Nemo, info.name).family,
                     std::string(familyName(info.family)));
            if (info.inputSize > 32) continue;  // no catalogue model yet; keep the test quick
            torch::NoGradGuard noGrad;
            model->eval();
            const torch::Tensor out =
                model->forward(torch::zeros({2, info.inChannels, info.inputSize, info.inputSize}));
            QCOMPARE(out.size(1), int64_t(10));
        }
        QCOMPARE(lossDefaults(TrainMode::Nemo, "resnet18").alpha, 1.1);
        QCOMPARE(lossDefaults(TrainMode::Nemo, "deit_s").alpha, 0.1);
        QVERIFY(findModel("lenet") == nullptr);
        try {
            buildModel("lenet", syntheticSpec("minivgg", true));
            QFAIL("an unknown model was built");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("minivgg, tinycnn") != std::string::npos, e.what());
        }
    }

    void maskedModelsHaveTheDocumentedMaskedLayers_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("layers");
        QTest::addColumn<qint64>("units");
        QTest::newRow("tinycnn") << "tinycnn" << 3 << qint64(128);
        QTest::newRow("simcnn") << "simcnn" << 12 << qint64(4160);
        QTest::newRow("rescnn") << "rescnn" << 11 << qint64(4224);
        QTest::newRow("vgg16") << "vgg16" << 12 << qint64(4160);
        QTest::newRow("resnet18") << "resnet18" << 19 << qint64(4736);
    }
    void maskedModelsHaveTheDocumentedMaskedLayers() {
        QFETCH(QString, name);
        QFETCH(int, layers);
        QFETCH(qint64, units);
        const std::string model = name.toStdString();
        const ModelSpec spec = specFor(model);
        Network net = buildModel(model, spec);
        QCOMPARE(net->modelName(), model);

        const std::vector<int64_t> widths = net->maskedWidths();
        QCOMPARE(int(widths.size()), layers);
        QCOMPARE(net->totalMaskedUnits(), int64_t(units));
        QCOMPARE(std::accumulate(widths.begin(), widths.end(), int64_t(0)), int64_t(units));
        QCOMPARE(widths, documentedWidths(model));
        QCOMPARE(int(net->maskedNames().size()), layers);

        // Every masked name is a module with a generator whose output width is the mask width.
        auto params = parameterMap(*net);
        for (int i = 0; i < layers; ++i) {
            const std::string key = net->maskedNames()[i] + ".mask_generator.fc2.bias";
            QVERIFY2(params.count(key), key.c_str());
            QCOMPARE(params[key].size(0), widths[i]);
        }
        // ... and nothing else has one: the number of generators equals the masked layers.
        int generators = 0;
        for (const auto& [key, value] : params)
            if (key.find("mask_generator.fc2.bias") != std::string::npos) ++generators;
        QCOMPARE(generators, layers);

        // Masks are undefined before the first pass.
        for (const auto& m : net->masks()) QVERIFY(!m.defined());

        torch::NoGradGuard noGrad;
        for (bool training : {true, false}) {
            net->train(training);
            const torch::Tensor logits = net->forward(inputFor(spec, 2));
            QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{2, kClasses}));
            QVERIFY(torch::isfinite(logits).all().item<bool>());
            const std::vector<torch::Tensor> masks = net->masks();
            QCOMPARE(int(masks.size()), layers);
            for (int i = 0; i < layers; ++i) {
                QCOMPARE(masks[i].sizes().vec(), (std::vector<int64_t>{2, widths[i]}));
                QVERIFY(masks[i].min().item<float>() >= 0.0f);
                QVERIFY(masks[i].max().item<float>() < 1.0f);
            }
        }
    }

    void resnetMaskOrderIsRegistrationOrder() {
        Network net = buildModel("resnet18", specFor("resnet18"));
        const std::vector<int64_t> widths = net->maskedWidths();
        const std::vector<int64_t> first(widths.begin(), widths.begin() + 7);
        QCOMPARE(first, (std::vector<int64_t>{64, 64, 64, 64, 128, 128, 128}));
        const std::vector<std::string>& names = net->maskedNames();
        const std::vector<std::string> firstNames(names.begin(), names.begin() + 7);
        QCOMPARE(firstNames,
                 (std::vector<std::string>{"layer1_0.conv1", "layer1_0.conv2", "layer1_1.conv1",
                                           "layer1_1.conv2", "layer2_0.conv1", "layer2_0.conv2",
                                           "layer2_0.downsample"}));
        QCOMPARE(names.back(), std::string("layer4_1.conv2"));
        // Only the first block of layers 2-4 downsamples; the stem is not masked.
        int downsamples = 0;
        for (const auto& n : names) downsamples += n.find("downsample") != std::string::npos;
        QCOMPARE(downsamples, 3);
        QVERIFY(!anyNameContains(*net, "stem.mask_generator"));
        // Downsample is a 1x1 stride-2 conv; block convs have no bias (§1.5).
        auto params = parameterMap(*net);
        QCOMPARE(params["layer2_0.downsample.conv.weight"].sizes().vec(),
                 (std::vector<int64_t>{128, 64, 1, 1}));
        QVERIFY(!params.count("layer1_0.conv1.conv.bias"));
        QVERIFY(params.count("layer2_0.downsample.bn.weight"));

        // The masks of one pass come in the same order: widths match per position.
        torch::NoGradGuard noGrad;
        net->eval();
        net->forward(inputFor(specFor("resnet18"), 2));
        const auto masks = net->masks();
        for (size_t i = 0; i < masks.size(); ++i) QCOMPARE(masks[i].size(1), widths[i]);
    }

    void stackModelsMaskAllButTheFirstConv() {
        for (const std::string model : {"simcnn", "rescnn", "vgg16", "tinycnn"}) {
            Network net = buildModel(model, specFor(model));
            auto* stack = dynamic_cast<ConvStackNetwork*>(net.get());
            QVERIFY(stack);
            QVERIFY(!stack->convs().front()->masked());
            QVERIFY(!anyNameContains(*net, "conv_0.mask_generator"));
            for (size_t i = 1; i < stack->convs().size(); ++i) {
                QVERIFY(stack->convs()[i]->masked());
                QCOMPARE(net->maskedNames()[i - 1], "conv_" + std::to_string(i));
            }
        }
        // SimCNN's and ResCNN's conv_0 is a bare conv; VGG's first conv keeps BN (§1.2-1.4).
        QVERIFY(!anyNameContains(*buildModel("simcnn", specFor("simcnn")), "conv_0.bn."));
        QVERIFY(!anyNameContains(*buildModel("rescnn", specFor("rescnn")), "conv_0.bn."));
        QVERIFY(anyNameContains(*buildModel("vgg16", specFor("vgg16")), "conv_0.bn."));
    }

    void standardModelsHaveNoGenerators() {
        for (const std::string& model : modelNames()) {
            const ModelSpec spec = specFor(model, false);
            Network net = buildModel(model, spec);
            QVERIFY2(net->maskedWidths().empty(), model.c_str());
            QVERIFY(net->maskedNames().empty());
            QCOMPARE(net->totalMaskedUnits(), int64_t(0));
            QVERIFY2(!anyNameContains(*net, "mask_generator"), model.c_str());
            torch::NoGradGuard noGrad;
            net->eval();
            const torch::Tensor logits = net->forward(inputFor(spec, 2));
            QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{2, kClasses}));
            QVERIFY(net->masks().empty());
        }
        // Standard SimCNN and ResCNN have no BatchNorm anywhere; VGG16-BN and ResNet keep theirs.
        QVERIFY(!anyNameContains(*buildModel("simcnn", specFor("simcnn", false)), ".bn."));
        QVERIFY(!anyNameContains(*buildModel("rescnn", specFor("rescnn", false)), ".bn."));
        QVERIFY(anyNameContains(*buildModel("vgg16", specFor("vgg16", false)), ".bn."));
        QVERIFY(anyNameContains(*buildModel("resnet18", specFor("resnet18", false)), ".bn."));
        // The masked SimCNN has BN in its masked convs.
        QVERIFY(anyNameContains(*buildModel("simcnn", specFor("simcnn")), "conv_1.bn."));
    }

    void standardAndMaskedShareTheirOwnParameterShapes() {
        // Dropping the generators leaves the rest of the VGG16-BN and ResNet18 unchanged.
        for (const std::string model : {"vgg16", "resnet18"}) {
            auto masked = parameterMap(*buildModel(model, specFor(model)));
            auto standard = parameterMap(*buildModel(model, specFor(model, false)));
            int own = 0;
            for (const auto& [key, value] : masked) {
                if (key.find("mask_generator") != std::string::npos) continue;
                ++own;
                QVERIFY2(standard.count(key), key.c_str());
                QCOMPARE(standard[key].sizes().vec(), value.sizes().vec());
            }
            QCOMPARE(int(standard.size()), own);
        }
    }

    void generatorHiddenWidthRule() {
        const std::pair<int64_t, int64_t> cases[] = {{16, 16},   {32, 32},    {64, 64},
                                                     {127, 127}, {128, 64},   {256, 128},
                                                     {512, 256}, {1024, 512}, {2048, 1024}};
        for (const auto& [out, hidden] : cases) QCOMPARE(convGeneratorHidden(out), hidden);
        QCOMPARE(linearGeneratorHidden(384), int64_t(384));
        QCOMPARE(linearGeneratorHidden(1536), int64_t(1536));
        QCOMPARE(linearGeneratorHidden(3072), int64_t(3072));
        QCOMPARE(linearGeneratorHidden(4096), int64_t(2048));

        // On real models: fc1 is (hidden(Cout), Cin) without bias, fc2 is (Cout, hidden) + bias.
        for (const std::string model : {"vgg16", "resnet18", "tinycnn"}) {
            Network net = buildModel(model, specFor(model));
            auto params = parameterMap(*net);
            int checked = 0;
            for (const std::string& layer : net->maskedNames()) {
                const torch::Tensor conv = params.at(layer + ".conv.weight");
                const int64_t out = conv.size(0), in = conv.size(1);
                const int64_t hidden = convGeneratorHidden(out);
                QCOMPARE(params.at(layer + ".mask_generator.fc1.weight").sizes().vec(),
                         (std::vector<int64_t>{hidden, in}));
                QVERIFY2(!params.count(layer + ".mask_generator.fc1.bias"), layer.c_str());
                QCOMPARE(params.at(layer + ".mask_generator.fc2.weight").sizes().vec(),
                         (std::vector<int64_t>{out, hidden}));
                QVERIFY(torch::equal(params.at(layer + ".mask_generator.fc2.bias"),
                                     torch::ones({out})));
                ++checked;
            }
            QCOMPARE(checked, int(net->maskedNames().size()));
        }
        auto vgg = parameterMap(*buildModel("vgg16", specFor("vgg16")));
        QCOMPARE(vgg.at("conv_1.mask_generator.fc1.weight").size(0), int64_t(64));   // 64 -> 64
        QCOMPARE(vgg.at("conv_2.mask_generator.fc1.weight").size(0), int64_t(64));   // 128 -> 64
        QCOMPARE(vgg.at("conv_4.mask_generator.fc1.weight").size(0), int64_t(128));  // 256 -> 128
        QCOMPARE(vgg.at("conv_7.mask_generator.fc1.weight").size(0), int64_t(256));  // 512 -> 256
    }

    void generatorInitAndForward() {
        MaskGenerator g(512, 512, convGeneratorHidden(512), false);
        QVERIFY(!g->fc1->bias.defined());
        QVERIFY(torch::equal(g->fc2->bias, torch::full({512}, 1.0f)));
        // kaiming_normal_ defaults: std sqrt(2 / fan_in).
        const double std1 = g->fc1->weight.std().item<double>();
        const double std2 = g->fc2->weight.std().item<double>();
        QVERIFY2(std::abs(std1 / std::sqrt(2.0 / 512) - 1) < 0.05,
                 qPrintable(QString::number(std1)));
        QVERIFY2(std::abs(std2 / std::sqrt(2.0 / 256) - 1) < 0.05,
                 qPrintable(QString::number(std2)));
        QVERIFY(std::abs(g->fc1->weight.mean().item<double>()) < 0.01);

        // m = relu(tanh(W2 relu(W1 p) + b2)).
        torch::NoGradGuard noGrad;
        const torch::Tensor p = torch::randn({3, 512});
        const torch::Tensor want = torch::relu(torch::tanh(
            torch::matmul(torch::relu(torch::matmul(p, g->fc1->weight.t())), g->fc2->weight.t()) +
            g->fc2->bias));
        const torch::Tensor m = g->forward(p);
        QCOMPARE(m.sizes().vec(), (std::vector<int64_t>{3, 512}));
        QVERIFY(maxAbsDiff(m, want) < 1e-5);
        // With zero input the pre-activation is the bias: tanh(1) everywhere.
        const torch::Tensor atZero = g->forward(torch::zeros({1, 512}));
        QVERIFY(maxAbsDiff(atZero, torch::full({1, 512}, std::tanh(1.0))) < 1e-6);

        // The masked conv scales BN(conv(x)) per sample and channel by G(mean_{H,W} x).
        MaskedConv2d unit(ConvUnitOptions(4, 8));
        unit->eval();
        const torch::Tensor x = torch::randn({2, 4, 6, 6});
        const torch::Tensor y = unit->forward(x);
        const torch::Tensor mask = unit->lastMask();
        QCOMPARE(mask.sizes().vec(), (std::vector<int64_t>{2, 8}));
        QVERIFY(maxAbsDiff(mask, unit->mask_generator->forward(x.mean({2, 3}))) < 1e-6);
        const torch::Tensor plain = unit->bn->forward(unit->conv->forward(x));
        QVERIFY(maxAbsDiff(y, plain * mask.view({2, 8, 1, 1})) < 1e-5);
    }

    void masksStartMostlyOpen() {
        Network net = buildModel("vgg16", specFor("vgg16"));
        net->train();
        torch::NoGradGuard noGrad;
        net->forward(inputFor(specFor("vgg16"), 4));
        const std::vector<torch::Tensor> masks = net->masks();
        const torch::Tensor all = torch::cat(masks, 1);
        const double mean = all.mean().item<double>();
        const double retention = all.gt(0).to(torch::kFloat).mean().item<double>();
        QVERIFY2(mean > 0.3, qPrintable(QString("mean mask %1").arg(mean)));
        QVERIFY2(retention > 0.7, qPrintable(QString("retention %1").arg(retention)));
        QVERIFY(std::abs(kernelRate(masks).item<double>() - retention) < 0.1);
    }

    void optimizerHasAModelAndAGeneratorGroup() {
        for (const std::string model : {"tinycnn", "resnet18"}) {
            Network net = buildModel(model, specFor(model));
            std::set<const void*> generators, own;
            for (const auto& item : net->named_parameters()) {
                const bool gen = item.key().find("mask_generator") != std::string::npos;
                (gen ? generators : own).insert(item.value().unsafeGetTensorImpl());
            }
            // Three tensors per generator: fc1.weight, fc2.weight, fc2.bias.
            QCOMPARE(generators.size(), 3 * net->maskedNames().size());

            auto optimizer = makeOptimizer(*net, 0.05, 0.01);
            auto& groups = optimizer->param_groups();
            QCOMPARE(int(groups.size()), 2);
            std::set<const void*> group0, group1;
            for (const auto& p : groups[0].params()) group0.insert(p.unsafeGetTensorImpl());
            for (const auto& p : groups[1].params()) group1.insert(p.unsafeGetTensorImpl());
            QCOMPARE(groups[0].params().size(), own.size());
            QCOMPARE(groups[1].params().size(), generators.size());
            QVERIFY(group0 == own);
            QVERIFY(group1 == generators);

            auto& o0 = static_cast<torch::optim::SGDOptions&>(groups[0].options());
            auto& o1 = static_cast<torch::optim::SGDOptions&>(groups[1].options());
            QCOMPARE(o0.lr(), 0.05);
            QCOMPARE(o1.lr(), 0.01);
            for (auto* o : {&o0, &o1}) {
                QCOMPARE(o->momentum(), 0.9);
                QVERIFY(o->nesterov());
                QCOMPARE(o->dampening(), 0.0);
                QCOMPARE(o->weight_decay(), 0.0);
            }
            setLearningRates(*optimizer, 0.02, 0.003);
            QCOMPARE(static_cast<torch::optim::SGDOptions&>(groups[0].options()).lr(), 0.02);
            QCOMPARE(static_cast<torch::optim::SGDOptions&>(groups[1].options()).lr(), 0.003);
        }
        // A standard model still has the (empty) generator group.
        Network standard = buildModel("tinycnn", specFor("tinycnn", false));
        auto optimizer = makeOptimizer(*standard, 0.05, 0.05);
        QCOMPARE(int(optimizer->param_groups().size()), 2);
        QVERIFY(optimizer->param_groups()[1].params().empty());
        QCOMPARE(optimizer->param_groups()[0].params().size(), standard->parameters().size());
    }

    void cosineSchedule() {
        QCOMPARE(cosineLearningRate(0.05, 0, 10), 0.05);
        QVERIFY(std::abs(cosineLearningRate(0.05, 5, 10) - 0.025) < 1e-12);
        QVERIFY(std::abs(cosineLearningRate(0.05, 10, 10)) < 1e-12);
        QVERIFY(std::abs(cosineLearningRate(0.1, 1, 4) - 0.1 * (1 + std::sqrt(0.5)) / 2) < 1e-12);
        double previous = cosineLearningRate(0.05, 0, 10);
        for (int e = 1; e < 10; ++e) {
            const double lr = cosineLearningRate(0.05, e, 10);
            QVERIFY2(lr < previous && lr > 0, qPrintable(QString("epoch %1: %2").arg(e).arg(lr)));
            previous = lr;
        }
        // Symmetric around the middle: lr(e) + lr(T - e) = base.
        for (int e = 0; e <= 10; ++e)
            QVERIFY(std::abs(cosineLearningRate(0.05, e, 10) +
                             cosineLearningRate(0.05, 10 - e, 10) - 0.05) < 1e-12);
    }

    void lossesCombineAsDocumented() {
        const ModelSpec spec = specFor("tinycnn");
        Network net = buildModel("tinycnn", spec);
        net->eval();  // same forward every call, so the parts can be compared across modes
        const torch::Tensor images = inputFor(spec, 6);
        const torch::Tensor labels = torch::tensor({0, 0, 1, 1, 2, 2}, torch::kLong);

        LossSettings nemo;
        nemo.mode = TrainMode::Nemo;
        nemo.alpha = 0.7;
        nemo.temperature = 0.25;
        LossParts n = computeLoss(*net, images, labels, nemo);
        QCOMPARE(n.logits.sizes().vec(), (std::vector<int64_t>{6, kClasses}));
        QCOMPARE(int(n.masks.size()), 3);
        QVERIFY(n.contrastive.defined());
        QVERIFY(std::isfinite(n.contrastive.item<double>()));
        const double ce = torch::nn::functional::cross_entropy(n.logits, labels).item<double>();
        QVERIFY(std::abs(n.crossEntropy.item<double>() - ce) < 1e-6);
        QVERIFY(std::abs(n.loss.item<double>() - (n.crossEntropy.item<double>() +
                                                  0.7 * n.contrastive.item<double>())) < 1e-6);
        // firstMaskOnes: the loss sees ones for the first layer; the returned masks are the real
        // ones.
        std::vector<torch::Tensor> lossMasks = n.masks;
        QVERIFY(!torch::equal(lossMasks[0], torch::ones_like(lossMasks[0])));
        lossMasks[0] = torch::ones_like(lossMasks[0]);
        QVERIFY(std::abs(n.contrastive.item<double>() -
                         contrastiveLoss(lossMasks, labels, 0.25).item<double>()) < 1e-6);
        nemo.firstMaskOnes = false;
        LossParts real = computeLoss(*net, images, labels, nemo);
        QVERIFY(std::abs(real.contrastive.item<double>() -
                         contrastiveLoss(real.masks, labels, 0.25).item<double>()) < 1e-6);

        LossSettings mwt;
        mwt.mode = TrainMode::Mwt;
        mwt.alpha = 0.5;
        mwt.beta = 1.5;
        LossParts m = computeLoss(*net, images, labels, mwt);
        QVERIFY(m.cohesionLoss.defined() && m.couplingLoss.defined());
        QVERIFY(!m.contrastive.defined());
        const CosineStats cos = cosineLosses(m.masks, labels);
        QVERIFY(std::abs(m.cohesionLoss.item<double>() - cos.cohesionLoss.item<double>()) < 1e-6);
        QVERIFY(std::abs(m.couplingLoss.item<double>() - cos.couplingLoss.item<double>()) < 1e-6);
        QVERIFY(std::abs(m.loss.item<double>() -
                         (m.crossEntropy.item<double>() + 0.5 * m.cohesionLoss.item<double>() +
                          1.5 * m.couplingLoss.item<double>())) < 1e-6);
        QVERIFY(std::abs(m.crossEntropy.item<double>() - ce) < 1e-6);

        LossSettings standard;
        standard.mode = TrainMode::Standard;
        LossParts s = computeLoss(*net, images, labels, standard);
        QCOMPARE(s.loss.item<double>(), s.crossEntropy.item<double>());
        QVERIFY(std::abs(s.loss.item<double>() - ce) < 1e-6);
        QVERIFY(!s.contrastive.defined() && !s.cohesionLoss.defined());
        QCOMPARE(int(s.masks.size()), 3);  // still returned, for the logs

        // A standard model in NeMo mode has nothing to contrast: the loss is CE.
        Network plain = buildModel("tinycnn", specFor("tinycnn", false));
        LossParts p = computeLoss(*plain, images, labels, LossSettings{});
        QVERIFY(p.masks.empty());
        QVERIFY(!p.contrastive.defined());
        QCOMPARE(p.loss.item<double>(), p.crossEntropy.item<double>());
    }

    void nemoLossReachesEveryGenerator() {
        const ModelSpec spec = specFor("tinycnn");
        Network net = buildModel("tinycnn", spec);
        net->train();
        const torch::Tensor images = inputFor(spec, 6);
        const torch::Tensor labels = torch::tensor({0, 0, 1, 1, 2, 2}, torch::kLong);
        LossParts parts = computeLoss(*net, images, labels, LossSettings{});
        parts.loss.backward();
        auto params = parameterMap(*net);
        for (const std::string& layer : net->maskedNames()) {
            for (const char* part : {".mask_generator.fc1.weight", ".mask_generator.fc2.weight",
                                     ".mask_generator.fc2.bias"}) {
                const torch::Tensor& grad = params.at(layer + part).grad();
                QVERIFY2(grad.defined(), (layer + part).c_str());
                QVERIFY2(grad.abs().sum().item<double>() > 0, (layer + part).c_str());
            }
        }
        QVERIFY(params.at("fc_5.weight").grad().abs().sum().item<double>() > 0);
        QVERIFY(params.at("conv_0.conv.weight").grad().abs().sum().item<double>() > 0);

        // The contrastive term alone also moves the generators of the later layers.
        net->zero_grad();
        LossParts again = computeLoss(*net, images, labels, LossSettings{});
        again.contrastive.backward();
        const std::string last = net->maskedNames().back();
        QVERIFY(params.at(last + ".mask_generator.fc2.bias").grad().abs().sum().item<double>() > 0);
    }

    void channelsLastKeepsTheOutputs() {
        for (const std::string model : {"resnet18", "vgg16", "tinycnn"}) {
            const ModelSpec spec = specFor(model);
            Network net = buildModel(model, spec);
            net->eval();
            torch::NoGradGuard noGrad;
            const torch::Tensor x = inputFor(spec, 2);
            const torch::Tensor before = net->forward(x);
            const std::vector<torch::Tensor> masksBefore = net->masks();
            useChannelsLast(*net);
            int converted = 0;
            for (const auto& p : net->parameters()) {
                if (p.dim() != 4) continue;
                QVERIFY(p.is_contiguous(torch::MemoryFormat::ChannelsLast));
                ++converted;
            }
            QVERIFY(converted > 0);
            const torch::Tensor after =
                net->forward(x.contiguous(torch::MemoryFormat::ChannelsLast));
            // VGG's eval logits are tiny at init (classifier N(0, 0.01)), so also compare
            // relative to the largest logit.
            const double diff = maxAbsDiff(before, after);
            const double scale = before.abs().max().item<double>();
            QVERIFY2(torch::allclose(before, after, 1e-4, 1e-4) && diff <= 1e-4 * scale,
                     qPrintable(QString("%1: max diff %2 at scale %3")
                                    .arg(model.c_str())
                                    .arg(diff)
                                    .arg(scale)));
            const std::vector<torch::Tensor> masksAfter = net->masks();
            for (size_t i = 0; i < masksAfter.size(); ++i)
                QVERIFY(torch::allclose(masksBefore[i], masksAfter[i], 1e-4, 1e-4));
        }
    }

    // The Winograd path must be the same convolution: outputs and both gradients against
    // LibTorch's conv2d in double (exact up to rounding) and float (as trained), on square and
    // non-square even maps, both memory layouts, with and without bias.
    void winogradConvolutionMatchesConv2d_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("c");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("h");
        QTest::addColumn<int>("w");
        QTest::addColumn<bool>("channelsLast");
        QTest::newRow("2x2 deep") << 3 << 64 << 48 << 2 << 2 << true;
        QTest::newRow("4x4 nchw") << 2 << 16 << 8 << 4 << 4 << false;
        QTest::newRow("8x6 wide") << 2 << 5 << 7 << 8 << 6 << true;
        QTest::newRow("32x32") << 1 << 3 << 4 << 32 << 32 << false;
        // 4x4 output tiles (F(4x4, 3x3)) where both sides are multiples of 4, partial tiles
        // cropped at the border otherwise (F(2x2, 3x3) keeps the even sides that are not).
        QTest::newRow("8x8 4x4-tiles") << 3 << 64 << 32 << 8 << 8 << true;
        QTest::newRow("12x8 4x4-tiles") << 2 << 9 << 11 << 12 << 8 << true;
        QTest::newRow("16x16 wide") << 2 << 128 << 96 << 16 << 16 << true;
        QTest::newRow("6x10 2x2-tiles") << 2 << 7 << 5 << 6 << 10 << false;
        // 1,024 tiles of 64 channels: more than one cache-sized block, the last one shorter.
        QTest::newRow("64x64 blocks") << 4 << 64 << 16 << 64 << 64 << true;
    }
    void winogradConvolutionMatchesConv2d() {
        QFETCH(int, n);
        QFETCH(int, c);
        QFETCH(int, k);
        QFETCH(int, h);
        QFETCH(int, w);
        QFETCH(bool, channelsLast);
        torch::manual_seed(3);
        for (const auto dtype : {torch::kDouble, torch::kFloat}) {
            const auto format =
                channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
            torch::Tensor x = torch::randn({n, c, h, w}, dtype).contiguous(format).requires_grad_();
            torch::Tensor weight = (torch::randn({k, c, 3, 3}, dtype) / 3).requires_grad_();
            torch::Tensor bias = torch::randn({k}, dtype).requires_grad_();
            const torch::Tensor gy = torch::randn({n, k, h, w}, dtype);

            const torch::Tensor ours = winogradConv3x3(x, weight, bias);
            const auto g1 = torch::autograd::grad({ours}, {x, weight, bias}, {gy});
            const torch::Tensor ref = torch::conv2d(x, weight, bias, 1, 1);
            const auto g2 = torch::autograd::grad({ref}, {x, weight, bias}, {gy});

            const double tol = dtype == torch::kDouble ? 1e-10 : 1e-4;
            auto check = [&](const torch::Tensor& a, const torch::Tensor& b, const char* what) {
                const double scale = std::max(1.0, b.abs().max().item<double>());
                const double diff = maxAbsDiff(a, b);
                QVERIFY2(
                    diff <= tol * scale,
                    qPrintable(
                        QString("%1: max diff %2 at scale %3").arg(what).arg(diff).arg(scale)));
            };
            QCOMPARE(ours.sizes(), ref.sizes());
            check(ours, ref, "output");
            check(g1[0], g2[0], "input gradient");
            check(g1[1], g2[1], "weight gradient");
            check(g1[2], g2[2], "bias gradient");
        }
    }

    void winogradIsUsedOnlyWhereItPays() {
        const auto x = [](int64_t c, int64_t hw) { return torch::zeros({2, c, hw, hw}); };
        QVERIFY(winogradSuits(x(512, 4), 3, 1, 1, 1, 1));
        QVERIFY(winogradSuits(x(256, 2), 3, 1, 1, 1, 1));
        QVERIFY(winogradSuits(x(64, 32), 3, 1, 1, 1, 1));
        QVERIFY(winogradSuits(x(128, 7), 3, 1, 1, 1, 1));
        QVERIFY(!winogradSuits(x(32, 16), 3, 1, 1, 1, 1));  // few channels: direct wins
        QVERIFY(!winogradSuits(x(512, 1), 3, 1, 1, 1, 1));  // 1x1 map: only the centre tap
        QVERIFY(!winogradSuits(x(512, 4), 3, 2, 1, 1, 1));  // strided
        QVERIFY(!winogradSuits(x(512, 4), 1, 1, 0, 1, 1));  // 1x1
        QVERIFY(!winogradSuits(x(512, 4).to(torch::kDouble), 3, 1, 1, 1, 1));
        setWinogradEnabled(false);
        QVERIFY(!winogradSuits(x(512, 4), 3, 1, 1, 1, 1));
        setWinogradEnabled(true);
    }

    // VGG16's last six convolutions go through the Winograd path; the whole network's logits
    // and gradients must not change beyond float rounding.
    void vggTrainsTheSameWithWinograd() {
        // Float rounding differs between the two paths (F(4x4, 3x3) adds a few ulps per layer,
        // and batch norm over 4 images amplifies them on the way back), so both float runs are
        // held against the same network in double: the Winograd run must stay as close to it as
        // a small multiple of the direct float run's own rounding error.
        const ModelSpec spec = specFor("vgg16");
        Network net = buildModel("vgg16", spec);
        net->train();
        useChannelsLast(*net);
        const torch::Tensor x = inputFor(spec, 4).contiguous(torch::MemoryFormat::ChannelsLast);
        const torch::Tensor labels = torch::tensor({0, 1, 2, 3}, torch::kLong);
        auto run = [&](bool winograd, torch::Dtype dtype) {
            setWinogradEnabled(winograd);
            net->to(dtype);
            net->zero_grad();
            torch::manual_seed(5);  // same dropout mask in every run
            const torch::Tensor logits = net->forward(x.to(dtype));
            torch::nn::functional::cross_entropy(logits, labels).backward();
            std::vector<torch::Tensor> grads;
            for (const auto& p : net->parameters())
                if (p.grad().defined()) grads.push_back(p.grad().to(torch::kDouble));
            return std::make_pair(logits.detach().to(torch::kDouble), grads);
        };
        const auto exact = run(false, torch::kDouble);
        const auto direct = run(false, torch::kFloat);
        const auto winograd = run(true, torch::kFloat);
        setWinogradEnabled(true);
        net->to(torch::kFloat);
        QCOMPARE(direct.second.size(), winograd.second.size());
        QCOMPARE(exact.second.size(), winograd.second.size());
        auto within = [&](const torch::Tensor& ours, const torch::Tensor& directFloat,
                          const torch::Tensor& reference, double floor) {
            const double errDirect = maxAbsDiff(directFloat, reference);
            const double errWinograd = maxAbsDiff(ours, reference);
            return std::make_pair(errWinograd <= 20 * errDirect + floor,
                                  QString("error %1 vs direct float %2 (floor %3)")
                                      .arg(errWinograd)
                                      .arg(errDirect)
                                      .arg(floor));
        };
        const double scale = exact.first.abs().max().item<double>();
        const auto logits = within(winograd.first, direct.first, exact.first, 1e-5 * scale);
        QVERIFY2(logits.first, qPrintable("logits: " + logits.second));
        double globalScale = 0;
        for (const auto& g : exact.second)
            globalScale = std::max(globalScale, g.abs().max().item<double>());
        for (size_t i = 0; i < exact.second.size(); ++i) {
            const double gscale = exact.second[i].abs().max().item<double>();
            const auto ok = within(winograd.second[i], direct.second[i], exact.second[i],
                                   1e-4 * gscale + 1e-6 * globalScale);
            QVERIFY2(ok.first, qPrintable(QString("parameter %1: ").arg(i) + ok.second));
        }
    }

    void sgdOverfitsAFixedBatchThroughMaskedLayers() {
        const ModelSpec spec = specFor("tinycnn");
        Network net = buildModel("tinycnn", spec);
        net->train();
        const torch::Tensor images = inputFor(spec, 8);
        const torch::Tensor labels = torch::tensor({0, 1, 2, 3, 4, 5, 6, 0}, torch::kLong);
        auto params = parameterMap(*net);
        const torch::Tensor generatorBefore = params.at("conv_2.mask_generator.fc2.weight").clone();

        LossSettings ce;
        ce.mode = TrainMode::Standard;
        auto optimizer = makeOptimizer(*net, 0.05, 0.05);
        double first = 0, last = 0;
        for (int step = 0; step < 20; ++step) {
            optimizer->zero_grad();
            LossParts parts = computeLoss(*net, images, labels, ce);
            parts.loss.backward();
            optimizer->step();
            (step == 0 ? first : last) = parts.loss.item<double>();
        }
        QVERIFY2(last < 0.5 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
        // The generators took part: their weights moved.
        QVERIFY(maxAbsDiff(params.at("conv_2.mask_generator.fc2.weight"), generatorBefore) > 0);
        // Masks still lie in [0, 1).
        for (const auto& mask : net->masks())
            QVERIFY(mask.min().item<float>() >= 0 && mask.max().item<float>() < 1);
    }

    void badNamesAndSizesThrow() {
        try {
            buildModel("nope", specFor("vgg16"));
            QFAIL("buildModel(\"nope\") did not throw");
        } catch (const std::invalid_argument& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("nope") != std::string::npos, e.what());
            for (const std::string& name : modelNames())
                QVERIFY2(message.find(name) != std::string::npos, e.what());
        }
        for (const std::string model : {"vgg16", "simcnn", "rescnn", "resnet18"}) {
            ModelSpec spec = specFor(model);
            spec.inputSize = 28;
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, buildModel(model, spec));
        }
        ModelSpec tiny = specFor("tinycnn");
        tiny.inputSize = 4;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, buildModel("tinycnn", tiny));
        // tinycnn takes any side >= 8, e.g. 32x32x3.
        tiny.inputSize = 32;
        tiny.inChannels = 3;
        Network net = buildModel("tinycnn", tiny);
        torch::NoGradGuard noGrad;
        net->eval();
        QCOMPARE(net->forward(inputFor(tiny, 2)).sizes().vec(),
                 (std::vector<int64_t>{2, kClasses}));
    }
};

QTEST_APPLESS_MAIN(TestModels)
#include "test_models.moc"
