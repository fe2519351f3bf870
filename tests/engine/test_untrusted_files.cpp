// Files from elsewhere are data, never code, and damaged ones give clear errors: the safetensors
// reader behind checkpoints and modules, checkpoints (bit-exact round trip, truncation, NaN,
// another model, the 0.1 TorchScript format and `nemo upgrade`), and modules rebuilt from
// module.json + module.safetensors without running module.pt.
#include <QtTest>

#include <zlib.h>

#include <cstring>
#include <fstream>

#include <torch/script.h>
#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "extract/module_files.h"
#include "extract/program_builder.h"
#include "io/safetensors.h"
#include "models/network.h"
#include "module_fixtures.h"
#include "nemo/modules.h"
#include "run/atomic_file.h"
#include "train/checkpoint.h"
#include "train/legacy_checkpoint.h"
#include "train/train_step.h"

using namespace nemo;
using nlohmann::json;

namespace {

const QString kNemo = QStringLiteral(NEMO_BINARY_DIR) + "/bin/nemo";

ModelSpec smallSpec() {
    ModelSpec spec;
    spec.inChannels = 1;
    spec.numClasses = 10;
    spec.inputSize = 28;
    spec.masked = true;
    return spec;
}

// A safetensors file from a header written by hand and `data` bytes.
std::string safetensorsBytes(const std::string& header, size_t dataBytes) {
    std::string out(8, '\0');
    const uint64_t n = header.size();
    std::memcpy(out.data(), &n, 8);
    return out + header + std::string(dataBytes, '\x01');
}

void writeBytes(const QString& path, const std::string& bytes) {
    std::ofstream(path.toStdString(), std::ios::binary) << bytes;
}

// A TorchScript archive whose __setstate__ raises: if any of our loaders ran it, the error would
// say "hostile code ran". The real attack (overwriting a user file) works the same way.
void writeHostileTorchScript(const QString& path) {
    torch::jit::Module m("Hostile");
    m.register_attribute("x", c10::IntType::get(), int64_t(1));
    m.define(R"(
def __getstate__(self):
    return self.x

def __setstate__(self, state: int):
    self.x = state
    assert False, "hostile code ran"
)");
    m.save(path.toStdString());
}

struct Run {
    int exitCode = -1;
    QString err;
};

Run runNemo(const QStringList& args) {
    QProcess p;
    p.start(kNemo, args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

uint32_t crcOf(const std::string& bytes) {
    return uint32_t(
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

// Rewrites module.json as a tool that knows the format would: files and checksum updated.
void rewriteManifest(const QString& dir, const std::function<void(json&)>& edit) {
    json m = json::parse(readTextFile((dir + "/module.json").toStdString()));
    edit(m);
    for (const char* name : {"module.pt", "module.safetensors"}) {
        QFile f(dir + "/" + name);
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QByteArray bytes = f.readAll();
        m["files"][name] = {{"bytes", bytes.size()}, {"crc32", crcOf(bytes.toStdString())}};
    }
    m.erase("checksum");
    m["checksum"] = crcOf(m.dump());
    writeFileAtomically((dir + "/module.json").toStdString(), m.dump(2));
}

}  // namespace

class TestUntrustedFiles : public QObject {
    Q_OBJECT

  private slots:
    void safetensorsRoundTrip() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/t.safetensors").toStdString();
        NamedTensors in = {{"a", torch::randn({3, 4})},
                           {"b", torch::arange(5, torch::kLong)},
                           {"empty", torch::zeros({0, 7})}};
        writeSafetensors(path, in, {{"k", "v"}});
        SafetensorsContents out = readSafetensorsFile(path);
        QCOMPARE(out.metadata.at("k"), std::string("v"));
        QCOMPARE(out.tensors.size(), size_t(3));
        for (const auto& [name, t] : in) QVERIFY(torch::equal(out.tensors.at(name), t));
    }

    void damagedSafetensorsFailBeforeAllocating_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("words");
        auto row = [](const char* name, const std::string& bytes, const char* words) {
            QTest::newRow(name) << QByteArray(bytes.data(), int(bytes.size())) << words;
        };
        row("too short", "abc", "too short");
        row("header longer than the file", safetensorsBytes("{}", 0).replace(0, 1, "\xff"),
            "header length");
        row("header not JSON", safetensorsBytes("{not json", 0), "not a JSON object");
        row("huge shape",
            safetensorsBytes(
                R"({"a":{"dtype":"F32","shape":[1000000000,1000000000],"data_offsets":[0,16]}})",
                16),
            "more elements");
        row("negative dim",
            safetensorsBytes(R"({"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", 16),
            "negative");
        row("offsets outside",
            safetensorsBytes(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})", 16),
            "outside");
        row("offsets reversed",
            safetensorsBytes(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[16,0]}})", 16),
            "outside");
        row("size mismatch",
            safetensorsBytes(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}})", 16),
            "needing 12");
        // Two tensors on the same bytes: a small file could otherwise ask for any amount.
        row("overlap",
            safetensorsBytes(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                             R"("b":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})",
                             16),
            "overlapping");
        row("gap",
            safetensorsBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})", 16),
            "starts at byte 8");
        row("bad dtype",
            safetensorsBytes(R"({"a":{"dtype":"X9","shape":[4],"data_offsets":[0,16]}})", 16),
            "unsupported dtype");
        row("metadata not strings", safetensorsBytes(R"({"__metadata__":{"a":1}})", 0),
            "not a string");
        row("negative offset",
            safetensorsBytes(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[-8,8]}})", 16),
            "data_offsets");
    }
    void damagedSafetensorsFailBeforeAllocating() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, words);
        try {
            parseSafetensors(bytes.toStdString(), "f.safetensors");
            QFAIL("accepted a damaged file");
        } catch (const SafetensorsError& e) {
            QVERIFY2(QString(e.what()).contains(words), e.what());
            QVERIFY2(QString(e.what()).startsWith("f.safetensors"), e.what());
        }
    }

    void checkpointRoundTripIsBitExactWithOptimizerState() {
        torch::manual_seed(3);
        Network a = buildModel("tinycnn", smallSpec());
        auto optA = makeOptimizer(*a, 0.05, 0.05);
        auto step = [](NetworkImpl& model, torch::optim::Optimizer& opt) {
            torch::manual_seed(11);
            torch::Tensor x = torch::randn({8, 1, 28, 28});
            torch::Tensor y = torch::randint(0, 10, {8});
            opt.zero_grad();
            torch::nn::functional::cross_entropy(model.forward(x), y).backward();
            opt.step();
        };
        step(*a, *optA);
        step(*a, *optA);
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/last.pt").toStdString();
        saveCheckpoint(path, *a, optA.get(), 2);

        torch::manual_seed(99);  // other initial weights: everything must come from the file
        Network b = buildModel("tinycnn", smallSpec());
        auto optB = makeOptimizer(*b, 0.05, 0.05);
        QCOMPARE(loadCheckpoint(path, *b, optB.get()), 2);
        step(*a, *optA);  // momentum restored: the next step is identical too
        step(*b, *optB);
        auto pa = a->parameters(), pb = b->parameters();
        QCOMPARE(pa.size(), pb.size());
        for (size_t i = 0; i < pa.size(); ++i) QVERIFY(torch::equal(pa[i], pb[i]));
    }

    void damagedCheckpointsFailClearly() {
        Network model = buildModel("tinycnn", smallSpec());
        QTemporaryDir dir;
        const QString good = dir.path() + "/good.pt";
        saveCheckpoint(good.toStdString(), *model, nullptr, 1);
        auto expectError = [&](const QString& path, const QString& words, const char* model) {
            Network fresh = buildModel(model, smallSpec());
            try {
                loadCheckpoint(path.toStdString(), *fresh, nullptr);
                QFAIL(qPrintable("accepted " + path));
            } catch (const std::runtime_error& e) {
                QVERIFY2(QString(e.what()).contains(words), e.what());
            }
        };
        // One tensor cut short (used to corrupt the heap on resume).
        const QString cut = dir.path() + "/cut.pt";
        QFile::copy(good, cut);
        QFile::resize(cut, QFileInfo(good).size() - 100);
        expectError(cut, "truncated", "tinycnn");
        // One flipped bit in the weights, or in the header's epochs_done, is caught by the
        // checkpoint's own checksum instead of silently training on from wrong values.
        auto flipped = [&](const QString& name, qint64 offset) {
            const QString path = dir.path() + "/" + name;
            QFile::copy(good, path);
            QFile f(path);
            f.open(QIODevice::ReadWrite);
            f.seek(offset < 0 ? f.size() + offset : offset);
            char c = 0;
            f.getChar(&c);
            f.seek(offset < 0 ? f.size() + offset : offset);
            f.putChar(char(c ^ 0x04));
            return path;
        };
        expectError(flipped("bit.pt", -20), "checksum differs", "tinycnn");
        {
            QFile f(good);
            f.open(QIODevice::ReadOnly);
            const qint64 at = f.readAll().indexOf("\"epochs_done\":\"1\"");
            QVERIFY(at > 0);
            expectError(flipped("epochs.pt", at + 15), "checksum differs", "tinycnn");
        }
        // Another architecture.
        expectError(good, "a checkpoint of tinycnn, not of minivgg", "minivgg");
        // NaN weights are refused by name instead of being used.
        Network diverged = buildModel("tinycnn", smallSpec());
        {
            torch::NoGradGuard noGrad;
            diverged->parameters()[0].fill_(std::nanf(""));
        }
        const QString nan = dir.path() + "/nan.pt";
        saveCheckpoint(nan.toStdString(), *diverged, nullptr, 1);
        expectError(nan, "NaN or infinite", "tinycnn");
        // Not a checkpoint at all.
        const QString junk = dir.path() + "/junk.pt";
        writeBytes(junk, std::string(100, 'x'));
        expectError(junk, "header length", "tinycnn");
    }

    void torchScriptCheckpointIsNeverExecuted() {
        QTemporaryDir dir;
        const QString path = dir.path() + "/last.pt";
        writeHostileTorchScript(path);
        // Proof that the file does run code when given to torch::jit::load.
        try {
            torch::jit::load(path.toStdString());
            QFAIL("the hostile archive loaded without running its code");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("hostile code ran"), e.what());
        }
        Network model = buildModel("tinycnn", smallSpec());
        try {
            loadCheckpoint(path.toStdString(), *model, nullptr);
            QFAIL("loaded a TorchScript checkpoint");
        } catch (const LegacyCheckpointError& e) {
            QVERIFY2(!QString(e.what()).contains("hostile"), e.what());
            QVERIFY2(QString(e.what()).contains("nemo upgrade RUN --trust"), e.what());
        }
    }

    void commandsRefuseAHostileRunAndUpgradeConvertsAnOwnOldOne() {
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        Run t = runNemo({"train", "--model", "tinycnn", "--epochs", "1", "--limit-train", "256",
                         "--limit-test", "64", "--threads", "1", "--out", run});
        if (t.exitCode != 0 && t.err.contains("dataset-fashion-mnist"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));

        // The weights, to compare after the round trip through the old format.
        Network trained = buildModel("tinycnn", smallSpec());
        loadCheckpoint((run + "/checkpoints/final.pt").toStdString(), *trained, nullptr);

        // A run whose checkpoints were replaced by hostile archives: every command refuses it,
        // and `upgrade` without --trust converts nothing.
        const QString hostile = dir.path() + "/hostile";
        QDir().mkpath(hostile + "/checkpoints");
        QFile::copy(run + "/config.json", hostile + "/config.json");
        writeHostileTorchScript(hostile + "/checkpoints/last.pt");
        writeHostileTorchScript(hostile + "/checkpoints/final.pt");
        const QList<QStringList> commands = {
            {"train", "--out", hostile, "--resume", "--epochs", "2"},
            {"modularize", hostile},
            {"extract", hostile, "--classes", "0,1"},
            {"upgrade", hostile},
        };
        for (const QStringList& args : commands) {
            Run r = runNemo(args);
            QVERIFY2(r.exitCode == 1, qPrintable(args.join(' ') + ": " + r.err));
            QVERIFY2(!r.err.contains("hostile code ran"), qPrintable(r.err));
            QVERIFY2(r.err.contains("TorchScript format"), qPrintable(r.err));
        }

        // The user's own run from 0.1: written in the old format, converted with --trust.
        for (const char* name : {"last.pt", "final.pt"}) {
            torch::serialize::OutputArchive archive, modelArchive;
            trained->save(modelArchive);
            archive.write("model", modelArchive);
            archive.write("epochs_done", torch::tensor(int64_t(1)));
            archive.save_to((run + "/checkpoints/" + name).toStdString());
        }
        Run refused = runNemo({"modularize", run});
        QVERIFY(refused.err.contains("nemo upgrade RUN --trust"));
        Run upgraded = runNemo({"upgrade", run, "--trust"});
        QVERIFY2(upgraded.exitCode == 0, qPrintable(upgraded.err));
        QVERIFY(QFile::exists(run + "/checkpoints/final.pt.v0.1"));
        Network converted = buildModel("tinycnn", smallSpec());
        QCOMPARE(loadCheckpoint((run + "/checkpoints/final.pt").toStdString(), *converted, nullptr),
                 1);
        auto pa = trained->parameters(), pb = converted->parameters();
        for (size_t i = 0; i < pa.size(); ++i) QVERIFY(torch::equal(pa[i], pb[i]));
        Run resumed =
            runNemo({"train", "--out", run, "--resume", "--epochs", "2", "--threads", "1"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    }

    void modulesAreRebuiltFromDataNotFromModulePt() {
        torch::manual_seed(5);
        Network full = buildModel("tinycnn", smallSpec());
        full->eval();
        ProgramModule module(buildModuleProgram(*full, everyNthUnit(*full, 2), 10, 2));
        module->eval();
        QTemporaryDir dir;
        const QString good = dir.path() + "/good";
        saveModuleFolder(good.toStdString(), *module,
                         {{"dataset", "fashion-mnist"}, {"classes", {0, 1}}});
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({2, 1, 28, 28});
        const torch::Tensor want = module->forward(x);

        auto copyModule = [&](const QString& name) {
            return copyModuleFolder(good, dir.path() + "/" + name);
        };
        auto load = [](const QString& folder) {
            const auto manifest = verifyModuleFolder(folder.toStdString());
            return loadModuleProgram(folder.toStdString(), manifest);
        };

        // module.pt replaced by a hostile archive (manifest updated to match): the module is
        // still rebuilt, and the archive never runs.
        const QString hostile = copyModule("hostile");
        writeHostileTorchScript(hostile + "/module.pt");
        rewriteManifest(hostile, [](json&) {});
        QVERIFY(torch::allclose(load(hostile)->forward(x), want));

        // A manipulated program (with a consistent checksum) fails by name, never crashes.
        auto expectProgramError = [&](const char* name, const std::function<void(json&)>& edit,
                                      const QString& words) {
            const QString folder = copyModule(name);
            rewriteManifest(folder, edit);
            try {
                load(folder);
                QFAIL(qPrintable(QString("accepted program edit ") + name));
            } catch (const ModuleFileError& e) {
                QVERIFY2(QString(e.what()).contains(words), e.what());
            }
        };
        expectProgramError(
            "unknown-op", [](json& m) { m["program"][0]["op"] = "system"; }, "unknown operation");
        expectProgramError(
            "slot",
            [](json& m) {
                m["program"].insert(m["program"].begin(),
                                    json::object({{"op", "load"}, {"slot", 3}}));
            },
            "before it is saved");
        expectProgramError(
            "slot-range", [](json& m) { m["program"][0]["slot"] = 99; }, "slot outside");
        expectProgramError(
            "missing-tensor", [](json& m) { m["program"][0]["name"] = "nothing"; },
            "missing in module.safetensors");
        expectProgramError(
            "dropped-op", [](json& m) { m["program"].erase(0); }, "does not use");
        expectProgramError(
            "no-program", [](json& m) { m["program"] = json::array(); }, "no usable");
        expectProgramError(
            "attention",
            [](json& m) {
                m["program"].insert(m["program"].begin(), json::object({{"op", "save"}}));
                m["program"].insert(m["program"].begin() + 1,
                                    json::object({{"op", "attention"}, {"heads", 0}}));
            },
            "head");
    }
};

QTEST_GUILESS_MAIN(TestUntrustedFiles)
#include "test_untrusted_files.moc"
