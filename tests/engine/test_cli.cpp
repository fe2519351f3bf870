// The `nemo` command as a user runs it: exit codes, --json objects, clear one-line errors, and
// training VGG16 on a directory in the real CIFAR-10 binary format.
#include <QtTest>

#include <map>

#include <nlohmann/json.hpp>

#include "run/run_lock.h"

using nlohmann::json;

namespace {

const QString kNemo = QStringLiteral(NEMO_BINARY_DIR) + "/bin/nemo";

struct Result {
    int exitCode = -1;
    QString out, err;
    json last;  // the last stdout line parsed as JSON (null when it is not JSON)
};

Result runNemo(const QStringList& args, int timeoutMs = 300000) {
    QProcess p;
    p.start(kNemo, args);
    Result r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    const QStringList lines = r.out.trimmed().split('\n');
    if (!lines.isEmpty()) r.last = json::parse(lines.last().toStdString(), nullptr, false);
    if (r.last.is_discarded()) r.last = nullptr;
    return r;
}

// CIFAR-10 binary batches: per record one label byte and 3072 pixel bytes (R, G, B planes).
void writeCifar10(const QString& dir, int perBatch) {
    QDir().mkpath(dir);
    auto write = [&](const QString& name, int n, int seed) {
        QFile f(dir + "/" + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray record(3073, 0);
        for (int i = 0; i < n; ++i) {
            const int label = (i + seed) % 10;
            record[0] = char(label);
            // Class-dependent brightness in one colour plane, so the task is learnable.
            for (int p = 0; p < 3072; ++p)
                record[1 + p] =
                    char(((p / 1024) == label % 3 ? 25 * label : 10) + (p * 7 + i) % 13);
            f.write(record);
        }
    };
    for (int b = 1; b <= 5; ++b) write(QString("data_batch_%1.bin").arg(b), perBatch, b);
    write("test_batch.bin", perBatch, 0);
}

// The steps of TestCli::modularizeExtractEvalPipeline, in order: each works on the run (and
// folder) the steps before it left. A failed check returns from its step only, so the test
// checks QTest::currentTestFailed() after each one.

// `nemo modularize` and `nemo extract` of the trained run; `e` is the extraction's result.
void modularizeAndExtract(const QString& run, const QString& moduleDir, Result& e) {
    Result m = runNemo({"modularize", run, "--threshold", "0.9", "--threads", "1", "--json"});
    QVERIFY2(m.exitCode == 0, qPrintable(m.err));
    for (const char* key : {"threshold", "retention", "cohesion", "coupling", "per_class"})
        QVERIFY2(m.last.contains(key), key);
    QCOMPARE(m.last["per_class"].size(), size_t(10));
    QVERIFY(m.last["retention"].get<double>() < 1.0);

    e = runNemo({"extract", run, "--classes", "0,1", "--finetune-epochs", "1", "--threads", "1",
                 "--out", moduleDir, "--json"});
    QVERIFY2(e.exitCode == 0, qPrintable(e.err));
    for (const char* key :
         {"classes", "module_accuracy", "full_accuracy", "params", "params_full", "flops",
          "flops_full", "retention", "latency_ms", "latency_ms_full", "out_dir"})
        QVERIFY2(e.last.contains(key), key);
    QVERIFY(e.last["params"].get<int64_t>() < e.last["params_full"].get<int64_t>());
    QVERIFY(QFile::exists(moduleDir + "/module.pt"));
    QVERIFY(QFile::exists(moduleDir + "/module.safetensors"));
    QVERIFY(QFile::exists(moduleDir + "/module.json"));

    QVERIFY(e.last["standard_accuracy"].is_null());  // no --baseline given

    // One schema: every result the command printed is in module.json with the same value
    // (latency nested as batch1 / batch128 in both).
    QFile manifestFile(moduleDir + "/module.json");
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const nlohmann::json manifest = nlohmann::json::parse(manifestFile.readAll().toStdString());
    QVERIFY(e.last["latency_ms"].contains("batch1") && e.last["latency_ms"].contains("batch128"));
    for (const auto& [key, value] : e.last.items()) {
        if (key == "seconds" || key == "out_dir") continue;
        QVERIFY2(manifest.contains(key), key.c_str());
        QVERIFY2(manifest[key] == value, key.c_str());
    }
}

// The disk fills while the module is saved (a file-size limit below module.pt's size
// fails writes as ENOSPC does): a clean error, no partial module, no temporary file. It
// used to end in std::terminate (LibTorch's zip writer throws from its destructor).
void moduleSaveFailsCleanlyOnAFullDisk(const QString& dirPath, const QString& run,
                                       const QString& moduleDir) {
    const qint64 ptBytes = QFileInfo(moduleDir + "/module.pt").size();
    const QString full = dirPath + "/module-full-disk";
    QProcess p;
    p.start("/bin/bash",
            {"-c",
             QString("trap '' XFSZ; ulimit -f %1; exec \"$0\" extract \"$1\" --classes "
                     "0,1 --finetune-epochs 0 --threads 1 --out \"$2\"")
                 .arg(ptBytes / 1024 / 2),
             kNemo, run, full});
    QVERIFY(p.waitForFinished(300000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 1, qPrintable(err));
    QVERIFY2(err.contains("is the disk full?"), qPrintable(err));
    QVERIFY(!QFile::exists(full + "/module.json"));
    QCOMPARE(QDir(full).entryList({"*.tmp.*"}, QDir::Files).size(), 0);
}

// --baseline: a standard run of the same dataset on the same classes (docs/method.md §7.8).
void baselineIsAStandardRunOfTheSameClasses(const QString& dirPath, const QString& run) {
    const QString standard = dirPath + "/standard";
    Result s = runNemo({"train", "--model", "tinycnn", "--mode", "standard", "--epochs", "1",
                        "--limit-train", "3000", "--limit-test", "600", "--threads", "1", "--out",
                        standard, "--json"});
    QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    const QString compared = dirPath + "/compared";
    Result b = runNemo({"extract", run, "--classes", "0,1", "--finetune-epochs", "0", "--threads",
                        "1", "--baseline", standard, "--out", compared, "--json"});
    QVERIFY2(b.exitCode == 0, qPrintable(b.err));
    const double standardAccuracy = b.last["standard_accuracy"].get<double>();
    QVERIFY2(standardAccuracy > 0.5 && standardAccuracy <= 1.0,
             qPrintable(QString::number(standardAccuracy)));
    QVERIFY(b.err.contains("standard model on the same classes"));
    QFile manifestFile(compared + "/module.json");
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const json manifest = json::parse(manifestFile.readAll().toStdString());
    QCOMPARE(manifest["standard_accuracy"].get<double>(), standardAccuracy);
    QVERIFY(
        QString::fromStdString(manifest["baseline_run"].get<std::string>()).endsWith("/standard"));
    // A modular run is no baseline, and a standard run has no module to cut.
    Result notStandard = runNemo({"extract", run, "--classes", "0,1", "--baseline", run,
                                  "--finetune-epochs", "0", "--json"});
    QCOMPARE(notStandard.exitCode, 1);
    QVERIFY2(notStandard.err.contains("needs a standard one"), qPrintable(notStandard.err));
    Result fromStandard =
        runNemo({"extract", standard, "--classes", "0,1", "--finetune-epochs", "0", "--json"});
    QCOMPARE(fromStandard.exitCode, 1);
    QVERIFY2(fromStandard.err.contains("standard mode"), qPrintable(fromStandard.err));
}

// Extraction arguments that name no class, and a folder without a module, are refused.
void badExtractArgumentsAreRefused(const QString& dirPath, const QString& run) {
    Result bad = runNemo({"extract", run, "--classes", "0,42", "--json"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("out of range"), qPrintable(bad.err));
    Result junk = runNemo({"extract", run, "--classes", "0,x", "--json"});
    QCOMPARE(junk.exitCode, 1);
    QVERIFY(junk.err.contains("not a class id"));
    Result missing = runNemo({"eval", dirPath + "/nothing", "--json"});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("no module.json"));
}

// --out on a folder of other files is refused; they stay as they were.
void outOnAFolderOfOtherFilesIsRefused(const QString& dirPath) {
    const QString notes = dirPath + "/notes";
    QDir().mkpath(notes);
    QFile mine(notes + "/metrics.jsonl");
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write("my own file\n");
    mine.close();
    Result taken = runNemo({"train", "--epochs", "1", "--limit-train", "256", "--limit-test", "64",
                            "--threads", "1", "--out", notes, "--json"});
    QCOMPARE(taken.exitCode, 1);
    QVERIFY2(taken.err.contains("is not empty and holds no run"), qPrintable(taken.err));
    QVERIFY(mine.open(QIODevice::ReadOnly));
    QCOMPARE(mine.readAll(), QByteArray("my own file\n"));
    mine.close();
    QVERIFY(!QFile::exists(notes + "/config.json"));
}

// Temporary files of a process killed while writing are removed on resume; one of a
// process that still runs (this test) is left to its writer.
void resumeRemovesStaleTemporaryFiles(const QString& run) {
    const QString stale = run + "/checkpoints/last.pt.tmp.999999999";
    const QString live =
        run + "/checkpoints/last.pt.tmp." + QString::number(QCoreApplication::applicationPid());
    for (const QString& path : {stale, live}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("half a checkpoint");
    }

    // Resuming without --epochs keeps the run's own (it used to become the default, 20).
    Result keep = runNemo({"train", "--out", run, "--resume", "--threads", "1", "--json"});
    QVERIFY2(keep.exitCode == 0, qPrintable(keep.err));
    QCOMPARE(keep.last["epochs"].get<int>(), 1);
    QVERIFY2(keep.err.contains("removed 1 temporary file"), qPrintable(keep.err));
    QVERIFY(!QFile::exists(stale));
    QVERIFY(QFile::exists(live));
    QFile::remove(live);
    {
        QFile saved(run + "/config.json");
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(json::parse(saved.readAll().toStdString())["epochs"].get<int>(), 1);
    }
}

// One training per run folder: while this test holds the run's lock, another train into
// it is refused, naming the holder (two used to run and interleave their files).
void aLockedRunRefusesASecondTraining(const QString& run) {
    nemo::RunLock held(run.toStdString());
    Result busy = runNemo({"train", "--out", run, "--resume", "--epochs", "2", "--json"});
    QCOMPARE(busy.exitCode, 1);
    QVERIFY2(busy.err.contains("in use by another training (process " +
                               QString::number(QCoreApplication::applicationPid())),
             qPrintable(busy.err));
}

// Resume may change the learning rate (as the divergence message advises); the change
// is applied and kept in config.json. Settings that define the run are refused by name.
void resumeMayChangeTheLearningRate(const QString& run) {
    Result model = runNemo({"train", "--out", run, "--resume", "--model", "minivgg", "--json"});
    QCOMPARE(model.exitCode, 1);
    QVERIFY2(model.err.contains("--model minivgg differs from the run's tinycnn: settings "
                                "that define a run cannot change"),
             qPrintable(model.err));
    Result lower = runNemo({"train", "--out", run, "--resume", "--model", "tinycnn", "--epochs",
                            "2", "--lr", "0.01", "--threads", "1", "--json"});
    QVERIFY2(lower.exitCode == 0, qPrintable(lower.err));
    QVERIFY2(lower.err.contains("changed on resume: after epoch 1: lr 0.05 -> 0.01"),
             qPrintable(lower.err));
    {
        QFile saved(run + "/config.json");
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const json c = json::parse(saved.readAll().toStdString());
        QCOMPARE(c["lr"].get<double>(), 0.01);
        QCOMPARE(c["changes"], json::array({"after epoch 1: lr 0.05 -> 0.01"}));
    }
}

// A full disk while a checkpoint is written (simulated with a file-size limit, which fails
// writes as ENOSPC does): a clear message, the previous checkpoint intact, no temp file.
void checkpointFailsCleanlyOnAFullDisk(const QString& run) {
    auto bytesOf = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray before = bytesOf(run + "/checkpoints/last.pt");
    QVERIFY(before.size() > 64 * 1024);
    QProcess full;
    full.start("/bin/bash", {"-c",
                             "trap '' XFSZ; ulimit -f 64; exec \"$0\" train --out \"$1\" --resume "
                             "--epochs 3 --threads 1",
                             kNemo, run});
    QVERIFY(full.waitForFinished(300000));
    QCOMPARE(full.exitStatus(), QProcess::NormalExit);
    QCOMPARE(full.exitCode(), 1);
    const QString err = QString::fromUtf8(full.readAllStandardError());
    QVERIFY2(err.contains("is the disk full?") &&
                 err.contains("the checkpoint of the previous epoch is kept"),
             qPrintable(err));
    QVERIFY(bytesOf(run + "/checkpoints/last.pt") == before);
    QCOMPARE(QDir(run + "/checkpoints").entryList({"*.tmp.*"}, QDir::Files).size(), 0);
}

// A path that is not UTF-8 cannot go into config.json or --json output: a clear error
// and a JSON error line (it used to end in std::terminate).
void nonUtf8OutPathIsAClearError(const QString& dirPath) {
    QProcess p;
    p.start("/bin/sh",
            {"-c", "exec \"$0\" train --out \"$1/$(printf 'x\\377')\" --json", kNemo, dirPath});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains("--out is not valid UTF-8"), qPrintable(err));
    const json line = json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
    QVERIFY(line.is_object() && line.contains("error"));
}

// A config.json edited to a batch of 0 images is refused on resume, naming the file.
void editedConfigIsRefusedOnResume(const QString& run) {
    QFile config(run + "/config.json");
    QVERIFY(config.open(QIODevice::ReadOnly));
    json edited = json::parse(config.readAll().toStdString());
    config.close();
    edited["batch_size"] = 0;
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(QByteArray::fromStdString(edited.dump()));
    config.close();
    Result zero = runNemo({"train", "--out", run, "--resume", "--epochs", "2", "--json"});
    QCOMPARE(zero.exitCode, 1);
    QVERIFY2(
        zero.err.contains("--batch-size must be at least 1") && zero.err.contains("config.json"),
        qPrintable(zero.err));
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QVERIFY2(QFile::exists(kNemo), qPrintable(kNemo)); }

    void infoReportsBlasAndThreads() {
        Result r = runNemo({"info", "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.last.is_object());
        QVERIFY(r.last["threads"].get<int>() >= 1);
        QVERIFY2(QString::fromStdString(r.last["blas"].get<std::string>()).contains("openblas"),
                 "LibTorch should run on OpenBLAS");
        QVERIFY(r.last["models"].size() >= 5);
    }

    // `nemo models` prints the catalogue the factory builds from: every name `info` lists, with
    // its input and loss defaults; `train --help` names the same models.
    void modelsListsTheCatalogue() {
        Result r = runNemo({"models", "--json"});
        QCOMPARE(r.exitCode, 0);
        const json& models = r.last["models"];
        QCOMPARE(models.size(), runNemo({"info", "--json"}).last["models"].size());
        std::map<std::string, json> byName;
        for (const json& m : models) byName[m["name"].get<std::string>()] = m;
        QCOMPARE(byName["minivgg"]["input_size"].get<int>(), 28);
        QCOMPARE(byName["vgg16"]["fixed_input_size"].get<bool>(), true);
        QCOMPARE(byName["resnet18"]["nemo_alpha"].get<double>(), 1.1);
        QCOMPARE(byName["deit_s"]["distillation_head"].get<bool>(), true);
        QCOMPARE(byName["vit_tiny"]["augmentation"].get<bool>(), false);
        QCOMPARE(byName["vit_s"]["family"].get<std::string>(), std::string("transformer"));
        Result text = runNemo({"models"});
        QVERIFY2(text.out.contains("deit_tiny") && text.out.contains("1x28+"),
                 qPrintable(text.out));
        Result help = runNemo({"train", "--help"});
        for (const auto& [name, m] : byName)
            QVERIFY2(help.out.contains(QString::fromStdString(name)), name.c_str());
    }

    void checkGoldenPassesAndCatchesTampering() {
        const QString golden = QStringLiteral(NEMO_SOURCE_DIR) + "/tests/golden/nemo_losses.json";
        QVERIFY2(QFile::exists(golden), qPrintable(golden));
        Result ok = runNemo({"check-golden", golden, "--json"});
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(ok.last["passed"].get<bool>(), true);
        QVERIFY(ok.last["max_abs_error"].get<double>() <= 1e-5);
        QVERIFY(ok.last["cases"].get<int>() >= 3);

        // The same file with one loss changed by 1e-3 must fail.
        QFile in(golden);
        QVERIFY(in.open(QIODevice::ReadOnly));
        json doc = json::parse(in.readAll().toStdString());
        doc["cases"][0]["contrastive"][0]["loss"] =
            doc["cases"][0]["contrastive"][0]["loss"].get<double>() + 1e-3;
        QTemporaryDir dir;
        QFile out(dir.path() + "/tampered.json");
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromStdString(doc.dump()));
        out.close();
        Result bad = runNemo({"check-golden", out.fileName(), "--json"});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.last["passed"].get<bool>(), false);
        QVERIFY(bad.err.contains("MISMATCH"));
    }

    void trainsVgg16OnACifar10FormatDirectory() {
        QTemporaryDir dir;
        writeCifar10(dir.path() + "/cifar-10-batches-bin", 8);
        const QString run = dir.path() + "/run";
        Result r = runNemo({"train", "--dataset", "cifar10", "--data-dir", dir.path(), "--model",
                            "vgg16", "--mode", "nemo", "--epochs", "1", "--batch-size", "20",
                            "--threads", "1", "--out", run, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* key :
             {"test_accuracy", "train_accuracy", "retention", "epochs", "seconds", "run_dir"})
            QVERIFY2(r.last.contains(key), key);
        QCOMPARE(r.last["epochs"].get<int>(), 1);
        const double acc = r.last["test_accuracy"].get<double>();
        QVERIFY(acc >= 0.0 && acc <= 1.0);
        QVERIFY(r.last["retention"].get<double>() < 1.0);
        QVERIFY(QFile::exists(run + "/checkpoints/final.pt"));
        QVERIFY(QFile::exists(run + "/metrics.jsonl"));
        QVERIFY(r.err.contains("40 train, 8 test images of 3x32x32"));
    }

    void badInputGivesOneLineErrorAndNonZeroExit() {
        QTemporaryDir dir;
        Result r = runNemo({"train", "--dataset", "cifar10", "--data-dir", dir.path() + "/missing",
                            "--epochs", "1", "--out", dir.path() + "/run", "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("nemo: error:") && r.err.contains("missing"), qPrintable(r.err));
        QVERIFY(r.last.contains("error"));

        Result unknown = runNemo({"train", "--model", "nope", "--epochs", "1", "--limit-train",
                                  "64", "--limit-test", "64", "--json"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("vgg16"), qPrintable(unknown.err));  // lists valid names

        Result mode = runNemo({"train", "--mode", "fancy", "--json"});
        QCOMPARE(mode.exitCode, 1);
        QVERIFY(mode.err.contains("nemo, mwt or standard"));

        Result resume = runNemo({"train", "--resume", "--out", dir.path() + "/none", "--json"});
        QVERIFY(resume.exitCode != 0);
        QVERIFY(resume.err.contains("nothing to resume"));

        // Values out of range are refused by name before any data is read (a batch of 0 images
        // used to end in SIGFPE, 0 epochs in an empty run).
        const QList<QStringList> refused = {{"--batch-size", "0", "at least 1"},
                                            {"--epochs", "0", "at least 1"},
                                            {"--lr", "-0.1", "above 0"},
                                            {"--temperature", "0", "above 0"},
                                            {"--alpha", "-1", "0 or more"}};
        for (const QStringList& bad : refused) {
            Result r = runNemo({"train", bad[0], bad[1], "--out", dir.path() + "/bad", "--json"});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(bad[0] + " must be") && r.err.contains(bad[2]),
                     qPrintable(r.err));
            QVERIFY(!QFile::exists(dir.path() + "/bad"));
        }
        for (const QStringList& bad : QList<QStringList>{{"--threshold", "1.5", "(0, 1]"},
                                                         {"--finetune-epochs", "-3", "or more"}}) {
            Result r = runNemo(
                {"extract", dir.path() + "/none", "--classes", "0,1", bad[0], bad[1], "--json"});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(bad[0] + " must be") && r.err.contains(bad[2]),
                     qPrintable(r.err));
        }
    }

    void modularizeExtractEvalPipeline() {
        const QString fm =
            QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
        if (!QFile::exists(fm) && qEnvironmentVariableIsEmpty("NEMO_DATA_DIR"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        Result t = runNemo({"train", "--model", "tinycnn", "--epochs", "1", "--limit-train", "3000",
                            "--limit-test", "600", "--threads", "1", "--out", run, "--json"});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));

        const QString moduleDir = dir.path() + "/module";
        Result e;
        modularizeAndExtract(run, moduleDir, e);
        if (QTest::currentTestFailed()) return;
        moduleSaveFailsCleanlyOnAFullDisk(dir.path(), run, moduleDir);
        if (QTest::currentTestFailed()) return;

        Result v = runNemo({"eval", moduleDir, "--json"});
        QVERIFY2(v.exitCode == 0, qPrintable(v.err));
        QCOMPARE(v.last["accuracy"].get<double>(), e.last["module_accuracy"].get<double>());

        baselineIsAStandardRunOfTheSameClasses(dir.path(), run);
        if (QTest::currentTestFailed()) return;
        badExtractArgumentsAreRefused(dir.path(), run);
        if (QTest::currentTestFailed()) return;
        outOnAFolderOfOtherFilesIsRefused(dir.path());
        if (QTest::currentTestFailed()) return;
        resumeRemovesStaleTemporaryFiles(run);
        if (QTest::currentTestFailed()) return;
        aLockedRunRefusesASecondTraining(run);
        if (QTest::currentTestFailed()) return;
        resumeMayChangeTheLearningRate(run);
        if (QTest::currentTestFailed()) return;
        checkpointFailsCleanlyOnAFullDisk(run);
        if (QTest::currentTestFailed()) return;
        nonUtf8OutPathIsAClearError(dir.path());
        if (QTest::currentTestFailed()) return;
        editedConfigIsRefusedOnResume(run);
    }

    void benchPrintsThroughput() {
        Result r = runNemo({"bench", "--model", "tinycnn", "--mode", "nemo", "--batch-size", "32",
                            "--steps", "2", "--warmup", "1", "--threads", "1", "--json"});
        QCOMPARE(r.exitCode, 0);
        for (const char* key :
             {"model", "mode", "batch_size", "threads", "device", "step_ms", "img_per_s"})
            QVERIFY2(r.last.contains(key), key);
        QVERIFY(r.last["img_per_s"].get<double>() > 0);
        QCOMPARE(r.last["threads"].get<int>(), 1);
    }

    // --conv-layers lists the model's distinct 3x3 convolutions with both timings and the path
    // the engine takes: tinycnn's four (16-32 channels, 28 -> 14 -> 7 maps) all stay direct.
    void benchTimesEachConvolutionShape() {
        Result r =
            runNemo({"bench", "--model", "tinycnn", "--mode", "nemo", "--batch-size", "8",
                     "--steps", "1", "--warmup", "0", "--threads", "1", "--conv-layers", "--json"});
        QCOMPARE(r.exitCode, 0);
        const auto& layers = r.last["conv_layers"];
        QCOMPARE(int(layers.size()), 4);
        const int64_t expected[4][3] = {{1, 16, 28}, {16, 32, 14}, {32, 32, 7}, {32, 64, 7}};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(layers[i]["in"].get<int64_t>(), expected[i][0]);
            QCOMPARE(layers[i]["out"].get<int64_t>(), expected[i][1]);
            QCOMPARE(layers[i]["height"].get<int64_t>(), expected[i][2]);
            QCOMPARE(layers[i]["count"].get<int>(), 1);
            QVERIFY(layers[i]["direct_ms"].get<double>() > 0);
            QVERIFY(layers[i]["winograd_ms"].get<double>() > 0);
            QCOMPARE(layers[i]["engine_uses"].get<std::string>(), std::string("direct"));
        }
    }

    void benchCountsTheOperationsOfAStep() {
        auto count = [&](const char* mode) {
            Result r = runNemo({"bench", "--model", "tinycnn", "--mode", mode, "--batch-size", "8",
                                "--steps", "1", "--warmup", "0", "--threads", "1", "--count-ops",
                                "--json"});
            if (r.exitCode != 0) qWarning("%s", qPrintable(r.err));
            return r.last;
        };
        const json nemo = count("nemo"), standard = count("standard");
        const int64_t ops = nemo["ops_per_step"].get<int64_t>();
        QVERIFY2(ops > standard["ops_per_step"].get<int64_t>() + 100,
                 "the masks and their loss add operations");
        QCOMPARE(count("nemo")["ops_per_step"].get<int64_t>(), ops);  // deterministic
        std::map<std::string, int64_t> byName;
        int64_t previous = INT64_MAX;
        for (const auto& item : nemo["top_ops"]) {
            byName[item[0].get<std::string>()] = item[1].get<int64_t>();
            QVERIFY(item[1].get<int64_t>() <= previous);  // most frequent first
            previous = item[1].get<int64_t>();
        }
        QVERIFY(!byName.count("aten::view") && !byName.count("aten::resolve_conj"));
        // tinycnn masks three layers of 32, 32 and 64 channels: the contrastive loss runs once per
        // width (two exp per group; one bmm forward, two backward), not once per layer.
        QCOMPARE(byName["aten::exp"], int64_t(4));
        QCOMPARE(byName["aten::bmm"], int64_t(6));
        QVERIFY(!standard["top_ops"].dump().empty() && standard["ops_per_step"].get<int64_t>() > 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
