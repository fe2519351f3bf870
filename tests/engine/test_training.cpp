// Modular training end to end on real Fashion-MNIST subsets: it learns (accuracy far above
// chance), masks close (retention < 1), the run directory is complete, a stopped run resumes to the
// same result as an uninterrupted one, and bad input fails clearly.
#include <QtTest>

#include <fstream>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "models/network.h"
#include "nemo/dataset.h"
#include "nemo/trainer.h"
#include "run/atomic_file.h"
#include "tools/op_counter.h"
#include "train/step_runner.h"
#include "train/train_step.h"

using namespace nemo;

namespace {

bool haveFashionMnist() {
    return !defaultDataDir("fashion-mnist").empty() &&
           QFile::exists(QString::fromStdString(defaultDataDir("fashion-mnist")) +
                         "/train-images-idx3-ubyte.gz");
}

TrainConfig smallConfig(const QString& out, int64_t train, int64_t test, int epochs) {
    TrainConfig c = TrainConfig::defaultsFor(TrainMode::Nemo);
    c.dataset = "fashion-mnist";
    c.model = "tinycnn";
    c.outDir = out.toStdString();
    c.limitTrain = train;
    c.limitTest = test;
    c.epochs = epochs;
    c.threads = 1;
    c.logEvery = 5;
    return c;
}

std::vector<nlohmann::json> metricLines(const QString& run) {
    std::vector<nlohmann::json> lines;
    std::ifstream in((run + "/metrics.jsonl").toStdString());
    std::string line;
    while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

int countEpochEvents(const std::vector<nlohmann::json>& lines, const char* phase) {
    int n = 0;
    for (const auto& j : lines) n += j["type"] == "epoch" && j["phase"] == phase;
    return n;
}

// Requests a stop at the first step event of a given epoch.
class StopAtEpoch : public TrainingObserver {
  public:
    StopAtEpoch(ControlToken& control, int epoch) : control_(control), epoch_(epoch) {}
    void onMetrics(const MetricsEvent& e) override {
        if (e.kind == MetricsEvent::Kind::Step && e.epoch == epoch_) control_.requestStop();
    }

  private:
    ControlToken& control_;
    int epoch_;
};

}  // namespace

class TestTraining : public QObject {
    Q_OBJECT
  private slots:
    void init() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
    }

    void foreachSgdStepIsLibTorchsStep() {
        // sgdStep does LibTorch's SGD update with foreach operations (one kernel per group on a
        // GPU): on the CPU the weights and momentum buffers must come out bit for bit the same,
        // the first step (which creates the buffers) included.
        ModelSpec spec;
        spec.inChannels = 1;
        spec.inputSize = 28;
        spec.numClasses = 10;
        auto build = [&] {
            torch::manual_seed(5);
            Network m = buildModel("tinycnn", spec);
            m->train();
            return m;
        };
        Network a = build(), b = build();
        auto optA = makeOptimizer(*a, 0.05, 0.08);
        auto optB = makeOptimizer(*b, 0.05, 0.08);
        LossSettings settings;
        for (int step = 0; step < 4; ++step) {
            torch::manual_seed(100 + step);
            const torch::Tensor x = torch::randn({16, 1, 28, 28});
            const torch::Tensor y = torch::randint(0, 10, {16}, torch::kLong);
            torch::manual_seed(7);  // the same dropout draws for both
            optA->zero_grad();
            computeLoss(*a, x, y, settings).loss.backward();
            optA->step();
            torch::manual_seed(7);
            clearGradients(*optB);
            computeLoss(*b, x, y, settings).loss.backward();
            OpCounter ops;
            sgdStep(*optB);
            // After the first step the foreach path runs: one multiply per parameter group
            // (the model's own parameters and the mask generators').
            QCOMPARE(ops.byName()["aten::_foreach_mul_"], int64_t(step == 0 ? 0 : 2));
        }
        const auto pa = a->parameters(), pb = b->parameters();
        QCOMPARE(pa.size(), pb.size());
        for (size_t i = 0; i < pa.size(); ++i) QVERIFY(torch::equal(pa[i], pb[i]));
        QCOMPARE(optB->state().size(), optA->state().size());
        QVERIFY(!torch::equal(pa[0], build()->parameters()[0]));  // the weights did move
    }

    void nemoTrainingLearnsAndModularizes() {
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        TrainResult r = train(smallConfig(run, 8000, 1000, 2));
        QVERIFY2(r.testAccuracy > 0.7, qPrintable(QString::number(r.testAccuracy)));  // chance: 0.1
        QVERIFY2(r.retention < 0.97, qPrintable(QString::number(r.retention)));
        QVERIFY(r.retention > 0.05);
        QCOMPARE(r.epochs, 2);
        QVERIFY(!r.stopped);

        // The run folder of nemo/run_folder.h.
        QVERIFY(QFile::exists(run + "/config.json"));
        QVERIFY(QFile::exists(run + "/checkpoints/last.pt"));
        QVERIFY(QFile::exists(run + "/checkpoints/final.pt"));
        auto config = nlohmann::json::parse(readTextFile((run + "/config.json").toStdString()));
        QCOMPARE(config["model"].get<std::string>(), std::string("tinycnn"));
        QCOMPARE(config["mode"].get<std::string>(), std::string("nemo"));
        QCOMPARE(config["class_names"].size(), size_t(10));
        QCOMPARE(config["masked_layers"].size(), size_t(3));
        auto lines = metricLines(run);
        QCOMPARE(countEpochEvents(lines, "test"), 2);
        QCOMPARE(countEpochEvents(lines, "train"), 2);
        int steps = 0;
        for (const auto& j : lines) {
            if (j["type"] != "step") continue;
            ++steps;
            for (const char* key :
                 {"loss", "ce", "contrastive", "accuracy", "retention", "lr", "images_per_s"})
                QVERIFY2(j.contains(key), key);
        }
        QVERIFY(steps >= 2 * (8000 / 128 / 5));
    }

    // bf16 autocast (the forward pass in bfloat16, losses and weights in fp32) must learn as well
    // as fp32: same data, seed and steps, accuracy within 4 points (chance is 0.1).
    void bf16TrainsAsWellAsFp32() {
        QTemporaryDir dir;
        TrainConfig fp32 = smallConfig(dir.path() + "/fp32", 4000, 500, 2);
        TrainConfig bf16 = smallConfig(dir.path() + "/bf16", 4000, 500, 2);
        bf16.precision = "bf16";
        const TrainResult a = train(fp32);
        const TrainResult b = train(bf16);
        qInfo("test accuracy fp32 %.4f, bf16 %.4f", a.testAccuracy, b.testAccuracy);
        QVERIFY2(a.testAccuracy > 0.5, qPrintable(QString::number(a.testAccuracy)));
        QVERIFY2(std::abs(a.testAccuracy - b.testAccuracy) < 0.04,
                 qPrintable(QString("fp32 %1 vs bf16 %2").arg(a.testAccuracy).arg(b.testAccuracy)));
        QVERIFY(b.retention < 1.0);
        auto config = nlohmann::json::parse(readTextFile((bf16.outDir + "/config.json")));
        QCOMPARE(config["precision"].get<std::string>(), std::string("bf16"));
        bf16.precision = "fp16";
        bf16.outDir = (dir.path() + "/bad").toStdString();
        QVERIFY_THROWS_EXCEPTION(std::exception, train(bf16));
    }

    void stoppedRunResumesToTheSameResult() {
        QTemporaryDir dir;
        const QString straight = dir.path() + "/straight", resumed = dir.path() + "/resumed";
        TrainResult a = train(smallConfig(straight, 1000, 500, 2));

        ControlToken control;
        StopAtEpoch stopper(control, 1);
        TrainResult first = train(smallConfig(resumed, 1000, 500, 2), &stopper, &control);
        QVERIFY(first.stopped);
        QCOMPARE(first.epochs, 1);
        QVERIFY(!QFile::exists(resumed + "/checkpoints/final.pt"));

        TrainResult b = train(smallConfig(resumed, 1000, 500, 2), nullptr, nullptr, true);
        QCOMPARE(b.epochs, 2);
        QVERIFY2(std::abs(a.testLoss - b.testLoss) < 1e-4,
                 qPrintable(QString("%1 vs %2").arg(a.testLoss).arg(b.testLoss)));
        QVERIFY(std::abs(a.testAccuracy - b.testAccuracy) < 0.005);
        // The half epoch before the stop is dropped from the log on resume.
        auto lines = metricLines(resumed);
        QCOMPARE(countEpochEvents(lines, "test"), 2);
        QCOMPARE(metricLines(straight).size(), lines.size());
    }

    void pausedRunStepsOnceAndTakesLiveSettings() {
        // The playground: a paused run does exactly one step per request, reports it at once
        // (metrics and heatmap), takes a new alpha at the next step, records the change in
        // metrics.jsonl and, with the epoch's checkpoint, in config.json; a resume keeps it.
        QTemporaryDir dir;
        const QString out = dir.path() + "/run";
        TrainConfig config = smallConfig(out, 640, 200, 1);
        config.batchSize = 64;   // 10 steps
        config.logEvery = 1000;  // only single steps and the epoch's end report mid-epoch
        config.heatmapEvery = 1000;
        config.probePerClass = 2;
        struct Seen : TrainingObserver {
            std::mutex mutex;
            std::vector<MetricsEvent> events;
            std::vector<HeatmapFrame> frames;
            void onMetrics(const MetricsEvent& e) override {
                std::lock_guard<std::mutex> lock(mutex);
                events.push_back(e);
            }
            void onHeatmap(const HeatmapFrame& f) override {
                std::lock_guard<std::mutex> lock(mutex);
                frames.push_back(f);
            }
            int count(MetricsEvent::Kind kind) {
                std::lock_guard<std::mutex> lock(mutex);
                return int(std::count_if(events.begin(), events.end(),
                                         [&](const MetricsEvent& e) { return e.kind == kind; }));
            }
        } seen;
        ControlToken control;
        control.requestPause();  // paused before the first step
        const double alphaBefore = config.alpha;
        std::thread trainer([&] { train(config, &seen, &control); });
        auto waitFor = [&](MetricsEvent::Kind kind, int n) {
            for (int i = 0; i < 6000 && seen.count(kind) < n; ++i) QTest::qSleep(10);
            return seen.count(kind) >= n;
        };
        QTest::qSleep(300);
        QCOMPARE(seen.count(MetricsEvent::Kind::Step), 0);  // paused: nothing ran
        LiveSettings live;
        live.alpha = 0.7;
        control.requestSettings(live);
        control.requestStep();
        QVERIFY(waitFor(MetricsEvent::Kind::Step, 1));
        control.requestStep();
        QVERIFY(waitFor(MetricsEvent::Kind::Step, 2));
        QTest::qSleep(200);
        {
            std::lock_guard<std::mutex> lock(seen.mutex);
            QCOMPARE(int(seen.events.size()), 3);  // change, step 1, step 2: nothing more
            QCOMPARE(seen.events[0].kind, MetricsEvent::Kind::Change);
            QVERIFY(QString::fromStdString(seen.events[0].change).startsWith("alpha "));
            QVERIFY(seen.events[0].change.find("-> 0.7") != std::string::npos);
            QCOMPARE(seen.events[1].step, 1);
            QCOMPARE(seen.events[2].step, 2);
            QCOMPARE(seen.events[2].globalStep, 2LL);
            QCOMPARE(int(seen.frames.size()), 2);  // a heatmap after each single step
            QCOMPARE(seen.frames[1].step, 2);
            QCOMPARE(seen.frames[1].stepsPerEpoch, 10);
        }
        QVERIFY(control.paused());
        control.setStepDelayMs(20);
        QElapsedTimer clock;
        clock.start();
        control.requestResume();
        trainer.join();
        QVERIFY(clock.elapsed() >= 8 * 20);  // the 8 steps left each waited the delay
        const auto lines = metricLines(out);
        QCOMPARE(lines[0]["type"], "change");
        QCOMPARE(lines[0]["global_step"], 0);
        nlohmann::json saved =
            nlohmann::json::parse(readTextFile((out + "/config.json").toStdString()));
        QCOMPARE(saved["alpha"].get<double>(), 0.7);
        QVERIFY(saved["alpha"].get<double>() != alphaBefore);
        QVERIFY(QString::fromStdString(saved["changes"][0].get<std::string>())
                    .startsWith("epoch 1 step 1: alpha"));
        // A resume (one more epoch) trains on with the changed alpha.
        TrainConfig more = smallConfig(out, 640, 200, 2);
        more.batchSize = 64;
        train(more, nullptr, nullptr, true);
        saved = nlohmann::json::parse(readTextFile((out + "/config.json").toStdString()));
        QCOMPARE(saved["alpha"].get<double>(), 0.7);
    }

    void cudaGraphSettingOnTheCpuTrainsEagerly() {
        // --cuda-graph is for GPUs: on the CPU the run says so, replays nothing and trains to
        // exactly the same weights as without it; the setting is kept in config.json.
        struct Messages : TrainingObserver {
            std::vector<std::string> lines;
            void onMessage(const std::string& text) override { lines.push_back(text); }
        } messages;
        QTemporaryDir dir;
        TrainConfig plain = smallConfig(dir.path() + "/plain", 512, 256, 1);
        TrainConfig graph = smallConfig(dir.path() + "/graph", 512, 256, 1);
        graph.cudaGraph = true;
        const TrainResult a = train(plain);
        const TrainResult b = train(graph, &messages);
        QCOMPARE(b.graphReplays, 0LL);
        QCOMPARE(b.testLoss, a.testLoss);
        QCOMPARE(b.testAccuracy, a.testAccuracy);
        QVERIFY(std::any_of(messages.lines.begin(), messages.lines.end(), [](const auto& l) {
            return l.find("--cuda-graph has no effect on cpu") != std::string::npos;
        }));
        const auto config = nlohmann::json::parse(readTextFile((graph.outDir + "/config.json")));
        QCOMPARE(config["cuda_graph"].get<bool>(), true);
    }

    void mwtAndStandardModesTrain() {
        for (TrainMode mode : {TrainMode::Mwt, TrainMode::Standard}) {
            QTemporaryDir dir;
            TrainConfig c = smallConfig(dir.path() + "/run", 6000, 500, 1);
            TrainConfig defaults = TrainConfig::defaultsFor(mode);
            c.mode = mode;
            c.alpha = defaults.alpha;
            c.beta = defaults.beta;
            TrainResult r = train(c);
            const std::string what = toString(mode) + " " + std::to_string(r.testAccuracy);
            QVERIFY2(r.testAccuracy > 0.6, what.c_str());
            if (mode == TrainMode::Standard)
                QCOMPARE(r.retention, 1.0);
            else
                QVERIFY(r.retention < 1.0);
        }
    }

    void divergingLossStopsWithAClearError() {
        QTemporaryDir dir;
        TrainConfig c = smallConfig(dir.path() + "/run", 512, 128, 1);
        c.lr = 1e12;
        try {
            train(c);
            QFAIL("a diverging run was not stopped");
        } catch (const TrainingError& e) {
            QVERIFY2(QString(e.what()).contains("loss became"), e.what());
            QVERIFY(QString(e.what()).contains("--lr"));
        }
    }

    void existingRunIsNotOverwritten() {
        QTemporaryDir dir;
        TrainConfig c = smallConfig(dir.path() + "/run", 256, 128, 1);
        train(c);
        try {
            train(c);
            QFAIL("an existing run was overwritten");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("--resume"), e.what());
        }
    }

    void missingDatasetNamesTheFile() {
        QTemporaryDir dir;
        TrainConfig c = smallConfig(dir.path() + "/run", 256, 128, 1);
        c.dataDir = (dir.path() + "/nowhere").toStdString();
        try {
            train(c);
            QFAIL("training without data succeeded");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("nowhere"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "test_training.moc"
