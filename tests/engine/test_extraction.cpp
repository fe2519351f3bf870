// Modules: the pruned network reproduces the full model with non-retained units zeroed (every
// CNN), its TorchScript export gives the same outputs in C++ and in Python, its files are checked,
// and a real run modularizes and extracts a module that keeps the full model's accuracy.
#include <QtTest>

#include <zlib.h>

#include <fstream>
#include <random>

#include <torch/script.h>
#include <nlohmann/json.hpp>

#include "extract/module_files.h"
#include "extract/program_builder.h"
#include "models/cnn_models.h"
#include "models/masked_conv.h"
#include "models/masked_linear.h"
#include "models/resnet.h"
#include "models/vision_transformer.h"
#include "module_fixtures.h"
#include "nemo/dataset.h"
#include "nemo/model_catalog.h"
#include "nemo/modules.h"
#include "nemo/trainer.h"
#include "run/atomic_file.h"

using namespace nemo;

namespace {

ModelSpec specFor(const std::string& name) {
    ModelSpec s;
    const bool small = name == "tinycnn" || name == "vit_tiny" || name == "deit_tiny";
    s.inChannels = small ? 1 : 3;
    s.inputSize = small ? 28 : 32;
    s.numClasses = 10;
    return s;
}

// Trained-looking BN statistics and classifier weights large enough that the logits are O(1)
// (VGG's N(0, 0.01) init gives logits of 1e-5, which would hide any slicing error).
void randomizeBatchNorm(NetworkImpl& model) {
    torch::NoGradGuard noGrad;
    for (auto& m : model.modules(false)) {
        if (auto* fc = dynamic_cast<torch::nn::LinearImpl*>(m.get())) {
            if (!fc->weight.requires_grad()) continue;
            fc->weight.normal_(0.0, 1.0 / std::sqrt(double(fc->weight.size(1))) * 3.0);
        }
        // Transformers: Linears on tokens, LayerNorms, class token and positions, all O(1) so
        // that a wrong index set or a reset LayerNorm shows.
        if (auto* fc = dynamic_cast<MaskedLinearImpl*>(m.get()))
            fc->weight.normal_(0.0, 1.0 / std::sqrt(double(fc->weight.size(1))));
        if (auto* ln = dynamic_cast<torch::nn::LayerNormImpl*>(m.get())) {
            ln->weight.uniform_(0.5, 1.5);
            ln->bias.uniform_(-0.2, 0.2);
        }
        if (auto* vit = dynamic_cast<VisionTransformerImpl*>(m.get())) {
            vit->cls_token.normal_();
            vit->position.normal_(0.0, 0.5);
            if (vit->dist_token.defined()) vit->dist_token.normal_();
        }
        if (auto* bn = dynamic_cast<torch::nn::BatchNorm2dImpl*>(m.get())) {
            bn->running_mean.uniform_(-0.2, 0.2);
            bn->running_var.uniform_(0.5, 1.5);
            bn->weight.uniform_(0.5, 1.5);
            bn->bias.uniform_(-0.2, 0.2);
        }
    }
}

void writeTensor(const QString& path, const torch::Tensor& t) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    const int64_t rank = t.dim();
    out.write(reinterpret_cast<const char*>(&rank), 8);
    for (int64_t d : t.sizes()) out.write(reinterpret_cast<const char*>(&d), 8);
    torch::Tensor c = t.contiguous().to(torch::kFloat);
    out.write(static_cast<const char*>(c.data_ptr()), std::streamsize(c.numel() * 4));
}

bool haveFashionMnist() {
    const QString dir = QString::fromStdString(defaultDataDir("fashion-mnist"));
    return !dir.isEmpty() && QFile::exists(dir + "/train-images-idx3-ubyte.gz");
}

}  // namespace

class TestExtraction : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        torch::manual_seed(3);
        setThreadCount(1);
    }

    void prunedModuleEqualsZeroedFullModel_data() {
        QTest::addColumn<QString>("model");
        for (const auto& name : modelNames())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }

    void prunedModuleEqualsZeroedFullModel() {
        QFETCH(QString, model);
        const std::string name = model.toStdString();
        Network full = buildModel(name, specFor(name));
        randomizeBatchNorm(*full);
        full->eval();

        // A random index set per masked layer (never empty), and the same as 0/1 masks.
        std::mt19937 rng(7);
        std::vector<std::vector<int64_t>> keep;
        for (MaskedUnit* unit : full->maskedUnits()) {
            std::vector<int64_t> set;
            torch::Tensor mask = torch::zeros({unit->units()});
            for (int64_t j = 0; j < unit->units(); ++j) {
                if (rng() % 100 < 45 || (set.empty() && j + 1 == unit->units())) {
                    set.push_back(j);
                    mask[j] = 1.0f;
                }
            }
            unit->setFixedMask(mask);
            keep.push_back(set);
        }
        ProgramModule pruned(buildPrunedProgram(*full, keep));
        pruned->eval();
        const ModelSpec spec = specFor(name);
        torch::Tensor x = torch::randn({3, spec.inChannels, spec.inputSize, spec.inputSize});
        torch::NoGradGuard noGrad;
        torch::Tensor want = full->forward(x);
        torch::Tensor got = pruned->forward(x);
        QCOMPARE(got.sizes(), want.sizes());
        const double err = (got - want).abs().max().item<double>();
        const double scale = want.abs().max().item<double>();
        QVERIFY2(scale > 0.1, qPrintable(QString("logits too small to compare: %1").arg(scale)));
        QVERIFY2(err <= 1e-4 * std::max(1.0, scale),
                 qPrintable(QString("max |diff| %1 (logits up to %2)").arg(err).arg(scale)));
        // And it really is smaller.
        int64_t fullParams = 0;
        for (const auto& p : full->parameters()) fullParams += p.numel();
        QVERIFY(pruned->parameterCount() < fullParams);
    }

    void torchScriptExportMatchesInCppAndPython_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("resnet18") << "resnet18";
        QTest::newRow("vit_tiny") << "vit_tiny";
    }
    void torchScriptExportMatchesInCppAndPython() {
        QFETCH(QString, model);
        const std::string name = model.toStdString();
        const ModelSpec spec = specFor(name);
        Network full = buildModel(name, spec);
        randomizeBatchNorm(*full);
        full->eval();
        ProgramModule module(buildModuleProgram(*full, everyNthUnit(*full, 3), 10, 3));
        module->eval();
        QTemporaryDir dir;
        const std::string moduleDir = (dir.path() + "/module").toStdString();
        saveModuleFolder(moduleDir, *module, {{"dataset", "cifar10"}, {"classes", {0, 1, 2}}});

        const nlohmann::json manifest = verifyModuleFolder(moduleDir);
        // The export runs in LibTorch's own loader; this test made the file, so it may run it.
        torch::jit::Module script = torch::jit::load(moduleDir + "/module.pt");
        script.eval();
        torch::Tensor x = torch::randn({4, spec.inChannels, spec.inputSize, spec.inputSize});
        torch::NoGradGuard noGrad;
        torch::Tensor want = module->forward(x);
        torch::Tensor got = script.forward({x}).toTensor();
        QCOMPARE(got.sizes(), (std::vector<int64_t>{4, 3}));
        QVERIFY((got - want).abs().max().item<double>() < 1e-5);

        // The module rebuilt from module.json and module.safetensors alone gives the same logits.
        ProgramModule rebuilt = loadModuleProgram(moduleDir, manifest);
        QVERIFY((rebuilt->forward(x) - want).abs().max().item<double>() < 1e-6);

        // safetensors holds the same tensors.
        auto tensors = readSafetensorsFile(moduleDir + "/module.safetensors").tensors;
        QCOMPARE(tensors.size(), module->namedTensors().size());
        for (const auto& [key, tensor] : module->namedTensors())
            QVERIFY2(torch::equal(tensors.at(key), tensor.cpu()), key.c_str());

        // Python's torch.jit.load gives the same outputs.
        if (!QFile::exists("/usr/bin/python3") ||
            QProcess::execute("/usr/bin/python3", {"-c", "import torch"}) != 0)
            QSKIP("python3-torch missing: install python3-torch to check the export from Python");
        writeTensor(dir.path() + "/in.bin", x);
        writeTensor(dir.path() + "/out.bin", want);
        QProcess python;
        python.start(
            "/usr/bin/python3",
            {QStringLiteral(NEMO_SOURCE_DIR) + "/tests/python/check_module.py",
             QString::fromStdString(moduleDir), dir.path() + "/in.bin", dir.path() + "/out.bin"});
        QVERIFY(python.waitForFinished(120000));
        const QString output = python.readAllStandardOutput() + python.readAllStandardError();
        QVERIFY2(python.exitCode() == 0, qPrintable(output));
    }

    void damagedModuleFilesFailClearly() {
        Network full = buildModel("tinycnn", specFor("tinycnn"));
        ProgramModule module(buildPrunedProgram(*full, {}));
        QTemporaryDir dir;
        const QString good = dir.path() + "/good";
        saveModuleFolder(good.toStdString(), *module,
                         {{"dataset", "fashion-mnist"}, {"classes", {0}}});

        auto copyModule = [&](const QString& name) {
            return copyModuleFolder(good, dir.path() + "/" + name);
        };
        auto expectError = [&](const QString& folder, const QString& words) {
            try {
                const auto manifest = verifyModuleFolder(folder.toStdString());
                loadModuleProgram(folder.toStdString(), manifest);
                QFAIL(qPrintable("accepted a damaged module: " + folder));
            } catch (const ModuleFileError& e) {
                QVERIFY2(QString(e.what()).contains(words), e.what());
            }
        };

        // Truncated TorchScript file.
        const QString truncated = copyModule("truncated");
        QFile::resize(truncated + "/module.pt", 1000);
        expectError(truncated, "truncated");

        // One flipped byte in the weights.
        const QString tampered = copyModule("tampered");
        {
            QFile f(tampered + "/module.safetensors");
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() - 10);
            char c;
            f.getChar(&c);
            f.seek(f.size() - 10);
            f.putChar(char(c ^ 0x5a));
        }
        expectError(tampered, "checksum");

        // Garbage manifest, missing manifest.
        const QString badJson = copyModule("badjson");
        writeFileAtomically((badJson + "/module.json").toStdString(), "{ not json");
        expectError(badJson, "not a NeMo module manifest");
        expectError(dir.path() + "/nothing", "no module.json");

        // Edited classes: the manifest's own checksum no longer matches.
        const QString edited = copyModule("edited");
        auto manifest =
            nlohmann::json::parse(readTextFile((edited + "/module.json").toStdString()));
        manifest["classes"] = {3};
        writeFileAtomically((edited + "/module.json").toStdString(), manifest.dump(2));
        expectError(edited, "manifest was edited");
    }

    void realRunModularizesAndExtractsAUsefulModule() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        const std::string run = (dir.path() + "/run").toStdString();
        TrainConfig c;
        c.outDir = run;
        c.limitTrain = 6000;
        c.limitTest = 1500;
        c.epochs = 2;
        c.threads = 1;
        TrainResult trained = train(c);
        QVERIFY(trained.testAccuracy > 0.7);

        ModularizeOptions mo;
        mo.runDir = run;
        // A stop (Ctrl-C, the Modules tab's Stop) ends the sample-mask pass and writes nothing.
        ControlToken stop;
        stop.requestStop();
        QVERIFY_THROWS_EXCEPTION(TrainingError, modularize(mo, nullptr, &stop));
        QVERIFY(!QFile::exists(QString::fromStdString(run) + "/modular/sample_masks.bin"));
        QVERIFY(!QFile::exists(QString::fromStdString(run) + "/modular/metrics.json"));
        ModularizeResult m = modularize(mo);
        QCOMPARE(m.samples, int64_t(6000));
        QCOMPARE(m.units, int64_t(208));  // minivgg: 16 + 64 + 64 + 64
        QVERIFY(m.retention > 0.05 && m.retention < 0.95);
        QVERIFY(m.cohesion > 0.5 && m.cohesion <= 1.0);
        QVERIFY(m.coupling >= 0.0 && m.coupling < 1.0);
        QCOMPARE(int(m.perClass.size()), 10);
        QVERIFY(QFile::exists(QString::fromStdString(run) + "/modular/metrics_thr_0.90.json"));
        QVERIFY(QFile::exists(QString::fromStdString(run) + "/modular/frequencies.json"));
        // A lower threshold reuses the stored sample masks and keeps more units.
        mo.threshold = 0.5;
        ModularizeResult lower = modularize(mo);
        QVERIFY(lower.reusedSampleMasks);
        QVERIFY(lower.retention >= m.retention);

        ExtractOptions eo;
        eo.runDir = run;
        eo.classes = {0, 1, 2};
        eo.finetuneEpochs = 2;
        ExtractResult e = extractModule(eo);
        QVERIFY2(e.moduleAccuracy > 0.85, qPrintable(QString::number(e.moduleAccuracy)));
        QVERIFY2(e.moduleAccuracy > e.fullAccuracy - 0.03,
                 qPrintable(QString("%1 vs %2").arg(e.moduleAccuracy).arg(e.fullAccuracy)));
        QVERIFY(e.params < e.paramsFull);
        QVERIFY(e.flops < e.flopsFull);
        QVERIFY(e.retention < 1.0);
        QVERIFY(e.latencyMs > 0 && e.latencyMsFull > 0);
        QCOMPARE(e.classNames.front(), std::string("T-shirt/top"));

        EvalResult again = evaluateModule(e.outDir);
        QVERIFY(again.samples > 300);  // classes 0-2 among the first 1500 test images
        QVERIFY2(std::abs(again.accuracy - e.moduleAccuracy) < 1e-9,
                 qPrintable(QString("%1 vs %2").arg(again.accuracy).arg(e.moduleAccuracy)));

        eo.classes = {3, 12};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, extractModule(eo));
    }
};

QTEST_GUILESS_MAIN(TestExtraction)
#include "test_extraction.moc"
