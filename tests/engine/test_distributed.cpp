// Data-parallel training over Gloo on the loopback address (docs/distributed.md): the ranks'
// summed gradients are the global batch's, two ranks train what one process trains, a resumed run
// continues on every rank, and a lost rank ends the others with an error instead of a hang.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "dist/data_parallel.h"
#include "io/safetensors.h"
#include "models/network.h"
#include "nemo/dataset.h"
#include "train/train_step.h"

using namespace nemo;

namespace {

const QString kNemo = QStringLiteral(NEMO_BINARY_DIR) + "/bin/nemo";

int freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

bool haveFashionMnist() {
    const std::string dir = defaultDataDir("fashion-mnist");
    return !dir.empty() &&
           QFile::exists(QString::fromStdString(dir) + "/train-images-idx3-ubyte.gz");
}

// One rank's view: the loss and the gradients of its rows of a global batch.
struct RankResult {
    double loss = 0;
    std::vector<torch::Tensor> gradients;
};

Network maskedVit() {
    torch::manual_seed(3);
    ModelSpec spec;
    spec.inChannels = 1;
    spec.inputSize = 28;
    return buildModel("vit_tiny", spec);
}

std::vector<torch::Tensor> gradientsOf(NetworkImpl& model) {
    std::vector<torch::Tensor> out;
    for (const auto& p : model.parameters())
        out.push_back(p.grad().defined() ? p.grad().clone() : torch::zeros_like(p));
    return out;
}

// Both ranks of a 2-rank group as threads of this process, each with its own copy of the model.
std::vector<RankResult> runTwoRanks(const torch::Tensor& images, const torch::Tensor& labels,
                                    const LossSettings& settings, bool globalMaskLoss) {
    std::vector<RankResult> results(2);
    std::vector<std::string> errors(2);
    const int port = freePort();
    // Built here, one after the other: the seeded initialization draws from the global generator.
    std::vector<Network> models{maskedVit(), maskedVit()};
    auto rank = [&](int r) {
        try {
            DistributedEnvironment env;
            env.rank = r;
            env.worldSize = 2;
            env.masterPort = port;
            env.timeoutSeconds = 60;
            DataParallel group(env);
            Network& model = models[size_t(r)];
            const RowRange rows = group.shard(images.size(0));
            BatchShard shard{&group, images.size(0), globalMaskLoss};
            LossParts parts =
                computeLoss(*model, images.narrow(0, rows.begin, rows.size()),
                            labels.narrow(0, rows.begin, rows.size()), settings, {}, &shard);
            parts.loss.backward();
            results[size_t(r)].loss = parts.loss.item<double>();
            results[size_t(r)].gradients = gradientsOf(*model);
        } catch (const std::exception& e) {
            errors[size_t(r)] = e.what();
        }
    };
    std::thread second(rank, 1);
    rank(0);
    second.join();
    for (const auto& e : errors)
        if (!e.empty()) throw std::runtime_error(e);
    return results;
}

double maxDifference(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, (a[i] - b[i]).abs().max().item<double>());
    return worst;
}

std::vector<torch::Tensor> summed(const std::vector<RankResult>& ranks) {
    std::vector<torch::Tensor> out;
    for (size_t i = 0; i < ranks[0].gradients.size(); ++i)
        out.push_back(ranks[0].gradients[i] + ranks[1].gradients[i]);
    return out;
}

struct Run {
    int exitCode = -1;
    QString err;
};

Run runNemo(const QStringList& args, const QProcessEnvironment& env = {}, int timeoutMs = 300000) {
    QProcess p;
    if (!env.isEmpty()) p.setProcessEnvironment(env);
    p.start(kNemo, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out: " + args.join(' ');
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList trainArgs(const QString& out, const QString& mode, int epochs) {
    return {"train",
            "--model",
            "vit_tiny",
            "--mode",
            mode,
            "--epochs",
            QString::number(epochs),
            "--batch-size",
            "64",
            "--limit-train",
            "200",
            "--limit-test",
            "128",
            "--threads",
            "1",
            "--log-every",
            "1",
            "--out",
            out};
}

// Largest difference between two runs' final weights.
double weightDifference(const QString& runA, const QString& runB) {
    const auto a = readSafetensorsFile((runA + "/checkpoints/final.pt").toStdString());
    const auto b = readSafetensorsFile((runB + "/checkpoints/final.pt").toStdString());
    if (a.tensors.size() != b.tensors.size()) return INFINITY;
    double worst = 0;
    for (const auto& [name, tensor] : a.tensors) {
        const auto other = b.tensors.find(name);
        if (other == b.tensors.end()) return INFINITY;
        worst = std::max(worst, (tensor.to(torch::kDouble) - other->second.to(torch::kDouble))
                                    .abs()
                                    .max()
                                    .item<double>());
    }
    return worst;
}

}  // namespace

class TestDistributed : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        if (!distributedAvailable()) QSKIP("this build has no Gloo (install libgloo-dev)");
        torch::set_num_threads(1);
    }

    // A global mask loss: every rank computes the same loss of the whole batch, and the ranks'
    // gradients add up to one process's gradient of it (NeMo and MwT).
    void globalMaskLossGradientIsExact_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("nemo") << int(TrainMode::Nemo);
        QTest::newRow("mwt") << int(TrainMode::Mwt);
    }
    void globalMaskLossGradientIsExact() {
        QFETCH(int, mode);
        torch::manual_seed(11);
        // 13 rows: the shards are 6 and 7, so the unequal split is covered too.
        const torch::Tensor images = torch::randn({13, 1, 28, 28});
        const torch::Tensor labels = torch::tensor({0, 1, 2, 0, 1, 2, 3, 3, 0, 1, 4, 4, 2});
        LossSettings settings;
        settings.mode = TrainMode(mode);
        settings.alpha = 0.7;
        Network single = maskedVit();
        LossParts whole = computeLoss(*single, images, labels, settings);
        whole.loss.backward();
        const auto ranks = runTwoRanks(images, labels, settings, true);
        const double gradientError = maxDifference(summed(ranks), gradientsOf(*single));
        qInfo("largest gradient difference: %g", gradientError);
        QVERIFY2(gradientError < 1e-5, qPrintable(QString::number(gradientError)));
    }

    // A local mask loss: each rank's loss is the mask loss of its own rows; the summed gradient
    // is that of the per-sample term of the whole batch plus the mean of the two rows' mask
    // losses.
    void localMaskLossIsTheRanksMean() {
        torch::manual_seed(12);
        const torch::Tensor images = torch::randn({12, 1, 28, 28});
        const torch::Tensor labels = torch::tensor({0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2});
        LossSettings settings;
        settings.mode = TrainMode::Nemo;
        settings.alpha = 0.7;
        Network single = maskedVit();
        const LossParts first =
            computeLoss(*single, images.narrow(0, 0, 6), labels.narrow(0, 0, 6), settings);
        const LossParts second =
            computeLoss(*single, images.narrow(0, 6, 6), labels.narrow(0, 6, 6), settings);
        const torch::Tensor reference =
            (first.perSample + second.perSample) / 2 + (first.maskTerm + second.maskTerm) / 2;
        reference.backward();
        const auto ranks = runTwoRanks(images, labels, settings, false);
        const double gradientError = maxDifference(summed(ranks), gradientsOf(*single));
        QVERIFY2(gradientError < 1e-5, qPrintable(QString::number(gradientError)));
        // And it is not the global loss: the pairs across the two halves are missing.
        const auto global = runTwoRanks(images, labels, settings, true);
        QVERIFY(maxDifference(summed(global), summed(ranks)) > 1e-4);
    }

    // `nemo train --nproc 2` trains what one process trains with the same global batch: standard
    // training to rounding, NeMo (whose global contrastive loss is exact too) within 1e-4. Then
    // two ranks resume the run for a second epoch and match a 2-epoch run of one process.
    void twoRanksTrainWhatOneProcessTrains_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("standard") << "standard" << 1e-5;
        QTest::newRow("nemo") << "nemo" << 1e-4;
    }
    void twoRanksTrainWhatOneProcessTrains() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QFETCH(QString, mode);
        QFETCH(double, tolerance);
        QTemporaryDir dir;
        const QString one = dir.path() + "/one", two = dir.path() + "/two";
        Run r = runNemo(trainArgs(one, mode, 2));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runNemo(trainArgs(two, mode, 1) << "--nproc"
                                            << "2");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("2 ranks over Gloo"), qPrintable(r.err));
        r = runNemo(trainArgs(two, mode, 2) << "--nproc"
                                            << "2"
                                            << "--resume");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("resuming after epoch 1"), qPrintable(r.err));
        const double difference = weightDifference(one, two);
        qInfo("largest weight difference after 2 epochs: %g", difference);
        QVERIFY2(difference < tolerance,
                 qPrintable(QString("weights differ by %1").arg(difference)));
        // 200 images at 64: the last batch (8 images) is split 4 + 4, and every step is logged.
        QFile metrics(two + "/metrics.jsonl");
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(metrics.readAll()).count("\"type\":\"step\""), 8);
    }

    // A rank killed mid-training: the other one ends with an error naming the failed exchange
    // well before its timeout, never hangs.
    void lostRankEndsTheOthers() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("WORLD_SIZE", "2");
        env.insert("MASTER_ADDR", "127.0.0.1");
        env.insert("MASTER_PORT", QString::number(freePort()));
        env.insert("NEMO_DIST_TIMEOUT", "120");
        QProcess ranks[2];
        for (int r = 0; r < 2; ++r) {
            QProcessEnvironment own = env;
            own.insert("RANK", QString::number(r));
            ranks[r].setProcessEnvironment(own);
            ranks[r].start(kNemo, trainArgs(dir.path() + "/run", "standard", 1000));
        }
        // Wait until training runs (rank 0 has logged a step), then kill rank 1.
        QTRY_VERIFY_WITH_TIMEOUT(QFile(dir.path() + "/run/metrics.jsonl").size() > 0, 120000);
        ranks[1].kill();
        ranks[1].waitForFinished();
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(ranks[0].waitForFinished(60000), "rank 0 hung after rank 1 was killed");
        QVERIFY(timer.elapsed() < 60000);
        QCOMPARE(ranks[0].exitCode(), 1);
        const QString err = QString::fromUtf8(ranks[0].readAllStandardError());
        QVERIFY2(err.contains("rank 0 of 2") && err.contains("--resume"), qPrintable(err));
        // The run folder keeps what was written: its config and log.
        QVERIFY(QFile::exists(dir.path() + "/run/config.json"));
    }

    // `nemo modularize --nproc 2` splits the sample-mask pass (600 images: batches of 256, 256
    // and 88; rank 0 takes the first, rank 1 the other two) and writes byte for byte what one
    // process writes, with augmented images too (rank 1 replays rank 0's random draws first).
    void shardedModularizeWritesWhatOneProcessWrites_data() {
        QTest::addColumn<bool>("augmented");
        QTest::newRow("plain") << false;
        QTest::newRow("augmented") << true;
    }
    void shardedModularizeWritesWhatOneProcessWrites() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QFETCH(bool, augmented);
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        Run r = runNemo({"train", "--model", "tinycnn", "--epochs", "1", "--limit-train", "600",
                         "--limit-test", "100", "--threads", "1", "--out", run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList modularize{"modularize", run, "--threads", "1"};
        if (augmented) modularize << "--augmented";
        const QStringList files{"sample_masks.bin", "frequencies.json", "metrics_thr_0.90.json"};
        auto contents = [&] {
            QStringList out;
            for (const QString& name : files) {
                QFile f(run + "/modular/" + name);
                out << (f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().toHex())
                                                    : "missing " + name);
            }
            return out;
        };
        r = runNemo(QStringList(modularize) << "--nproc"
                                            << "2");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList sharded = contents();
        QVERIFY(QDir(run + "/modular").removeRecursively());
        r = runNemo(modularize);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList single = contents();
        for (int i = 0; i < files.size(); ++i) {
            QVERIFY2(!single[i].startsWith("missing"), qPrintable(single[i]));
            QVERIFY2(sharded[i] == single[i], qPrintable(files[i] + " differs"));
        }
    }

    void malformedVariablesAreNamed() {
        qputenv("WORLD_SIZE", "two");
        bool refused = false;
        try {
            DistributedEnvironment::fromEnvironment();
        } catch (const std::invalid_argument& e) {
            refused = QString(e.what()).contains("WORLD_SIZE=two");
        }
        qunsetenv("WORLD_SIZE");
        QVERIFY(refused);
        qputenv("WORLD_SIZE", "2");
        qputenv("RANK", "2");
        refused = false;
        try {
            DistributedEnvironment::fromEnvironment();
        } catch (const std::invalid_argument& e) {
            refused = QString(e.what()).contains("RANK=2");
        }
        qunsetenv("WORLD_SIZE");
        qunsetenv("RANK");
        QVERIFY(refused);
    }
};

QTEST_GUILESS_MAIN(TestDistributed)
#include "test_distributed.moc"
