// The workbench window end to end (offscreen): a tiny run started from the GUI sends metrics to
// the plot, pauses and resumes, stops within a step, and the GUI thread stays responsive.
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

#include <algorithm>

#include "class_picker.h"
#include "data_tab.h"
#include "heatmap_view.h"
#include "main_window.h"
#include "metrics_plot.h"
#include "modules_tab.h"
#include "nemo/dataset.h"
#include "run_follower.h"
#include "sample_mask_view.h"
#include "training_worker.h"
#include "window_fixtures.h"

namespace {

void appendLines(const QString& path, int from, int count, bool endLine = true) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    for (int i = from; i < from + count; ++i) {
        nemo::MetricsEvent e;
        e.epoch = 0;
        e.epochs = 1;
        e.step = i + 1;
        e.stepsPerEpoch = 100;
        e.loss = 2.0 - 0.01 * i;
        e.crossEntropy = 1.5;
        e.accuracy = 0.1 + 0.005 * i;
        e.retention = 0.9;
        f.write(QByteArray::fromStdString(nemo::toJsonLine(e)));
        if (endLine || i + 1 < from + count) f.write("\n");
    }
}

// The Experiment panel's run folder field (other tabs hold line edits too, inside spin boxes).
QLineEdit* runFolderEdit(const MainWindow& w) {
    return findByToolTip<QLineEdit>(w, "Run folder");
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QCoreApplication::setOrganizationName("NeMo Workbench Tests"); }

    void openedRunIsShownAndFollowedLive() {
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        QDir().mkpath(run);
        QFile config(run + "/config.json");
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{}");
        config.close();
        appendLines(run + "/metrics.jsonl", 0, 3);

        MainWindow w;
        QVERIFY(w.openRun(run));
        QCOMPARE(w.metricsPlot()->pointCount("loss"), 3);
        QVERIFY(w.follower()->following());

        // A headless run appends two lines and starts a third.
        appendLines(run + "/metrics.jsonl", 3, 3, false);
        w.follower()->poll();
        QCOMPARE(w.metricsPlot()->pointCount("loss"), 5);  // the unfinished line waits
        QFile f(run + "/metrics.jsonl");
        QVERIFY(f.open(QIODevice::Append));
        f.write("\n");
        f.close();
        QTRY_COMPARE_WITH_TIMEOUT(w.metricsPlot()->pointCount("loss"), 6, 3000);  // the timer

        RunFollower follower;
        QString error;
        QVERIFY(!follower.open(dir.path() + "/nothing", &error));
        QVERIFY(error.contains("config.json"));
    }

    void init() {
        if (QString(QTest::currentTestFunction()) == "openedRunIsShownAndFollowedLive") return;
        const QString dir = QString::fromStdString(nemo::defaultDataDir("fashion-mnist"));
        if (dir.isEmpty() || !QFile::exists(dir + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
    }

    // "folder" with a Data folder of the user's own PNG and JPEG files: the Data tab shows their
    // classes and the config trains on them; the Quick demo goes back to the packaged data.
    void dataFolderShowsYourOwnImages() {
        QTemporaryDir images, cache;
        qputenv("NEMO_CACHE_DIR", cache.path().toUtf8());
        for (const QString& c : {QString("cats"), QString("dogs")}) {
            QVERIFY(QDir().mkpath(images.path() + "/" + c));
            for (int i = 0; i < 5; ++i) {
                QImage image(40, 30, QImage::Format_RGB32);
                image.fill(c == "cats" ? QColor(200, 80, 20) : QColor(20, 60, 220));
                const QString file =
                    QString("%1/%2/%3.%4").arg(images.path(), c).arg(i).arg(i % 2 ? "jpg" : "png");
                QVERIFY(image.save(file));
            }
        }
        MainWindow w;
        auto* dataset = w.findChild<QComboBox*>("dataset");
        auto* dataDir = w.findChild<QLineEdit*>("dataDir");
        QVERIFY(dataset && dataDir);
        dataset->setCurrentText("folder");
        dataDir->setText(images.path());
        emit dataDir->editingFinished();
        QTRY_VERIFY_WITH_TIMEOUT(w.dataTab()->headerText().contains("in 2 classes"), 10000);
        QVERIFY2(w.dataTab()->headerText().contains("8 training and 2 test images"),
                 qPrintable(w.dataTab()->headerText()));
        const nemo::TrainConfig c = w.configFromForm();
        QCOMPARE(QString::fromStdString(c.dataset), QString("folder"));
        QCOMPARE(QString::fromStdString(c.dataDir), images.path());
        // The Quick demo reads the packaged data again; the window closes while that read
        // still runs (it waits for it).
        w.applyQuickDemo();
        QVERIFY(w.configFromForm().dataDir.empty());
    }

    void quickDemoPresetFillsTheForm() {
        MainWindow w;
        w.applyQuickDemo();
        nemo::TrainConfig c = w.configFromForm();
        QCOMPARE(QString::fromStdString(c.model), QString("minivgg"));
        // The published CNN runs' loss settings (docs/method.md §4.3), not the argparse defaults.
        QCOMPARE(c.alpha, 1.3);
        QCOMPARE(c.temperature, 0.2);
        QCOMPARE(QString::fromStdString(c.dataset), QString("fashion-mnist"));
        QVERIFY(c.mode == nemo::TrainMode::Nemo);
        QVERIFY(c.limitTrain > 0);
    }

    void trainingFromTheGuiPlotsLiveAndStaysResponsive() {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        w.applyQuickDemo();
        runFolderEdit(w)->setText(dir.path() + "/run");
        // Small and single-threaded so the test is quick and the GUI thread has a core.
        const auto limit = w.findChildren<QSpinBox*>();
        for (QSpinBox* box : limit) {
            if (box->toolTip().contains("first N training images")) box->setValue(3000);
            if (box->toolTip().contains("Passes over")) box->setValue(2);
            if (box->toolTip().contains("CPU threads")) box->setValue(1);
        }
        QSignalSpy finished(w.worker(), &TrainingWorker::finished);
        QSignalSpy failed(w.worker(), &TrainingWorker::failed);

        // Measure how late a 10 ms timer fires on the GUI thread while training runs.
        std::vector<double> lateness;
        QElapsedTimer clock;
        clock.start();
        qint64 last = clock.elapsed();
        QTimer probe;
        probe.setInterval(10);
        connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            lateness.push_back(double(now - last - 10));
            last = now;
        });
        probe.start();

        w.startTraining();
        QVERIFY(w.worker()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(w.metricsPlot()->pointCount("loss") >= 2, 60000);

        w.togglePause();
        QVERIFY(w.worker()->isPaused());
        QTest::qWait(300);
        const int pausedPoints = w.metricsPlot()->pointCount("loss");
        QTest::qWait(500);
        QCOMPARE(w.metricsPlot()->pointCount("loss"), pausedPoints);  // nothing moves while paused
        w.togglePause();
        QVERIFY(!w.worker()->isPaused());

        QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, 120000);
        probe.stop();
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.first().at(0).toBool(), false);  // not stopped
        QVERIFY(finished.first().at(1).toDouble() > 0.5);  // test accuracy
        // The spy hears the worker thread at once; the window gets the last epoch's metrics,
        // frames and `finished` through the GUI thread's event queue: wait until it has them.
        QTRY_COMPARE_WITH_TIMEOUT(w.metricsPlot()->pointCount("test_acc"), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.modulesTab()->runDir().isEmpty(), 10000);
        QVERIFY(w.metricsPlot()->pointCount("retention") > 2);
        // The Neurons tab received class x neuron frames for every masked layer.
        QCOMPARE(w.heatmapView()->layerCount(), 4);  // minivgg's masked layers
        const double v = w.heatmapView()->cell(0, 0);
        QVERIFY(v >= 0.0 && v <= 1.0);
        // Per-image masks of the probe set: class 0's mean is the mean of its images' masks.
        const nemo::HeatmapFrame& frame = w.heatmapView()->frame();
        QVERIFY(frame.probeImages);
        const int probes = int(frame.probeImages->size());
        QCOMPARE(probes, 160);  // 16 test images per class
        for (const auto& layer : frame.layers) {
            QCOMPARE(int(layer.samples.size()), probes * layer.units);
            for (int j = 0; j < layer.units; ++j) {
                double sum = 0;
                int n = 0;
                for (int i = 0; i < probes; ++i)
                    if (frame.probeImages->labels[size_t(i)] == 0) {
                        sum += layer.sampleAt(i, j);
                        ++n;
                    }
                QVERIFY(std::abs(sum / n - layer.at(0, j)) < 1e-4);
            }
        }
        QVERIFY(w.heatmapView()->sampleView()->sample() >= 0);
        QVERIFY(QFile::exists(dir.path() + "/run/checkpoints/final.pt"));
        // The Modules tab now shows the finished run, ready to modularize it. The spy hears the
        // worker thread's `finished` at once, the window through its event queue: wait for it.
        QTRY_COMPARE_WITH_TIMEOUT(w.modulesTab()->runDir(), dir.path() + "/run", 10000);
        QVERIFY(!w.modulesTab()->hasModularization());
        QCOMPARE(w.modulesTab()->classPicker()->classCount(), 10);

        std::sort(lateness.begin(), lateness.end());
        const double p99 = lateness[size_t(0.99 * double(lateness.size() - 1))];
        qInfo("GUI timer lateness while training: p99 %.1f ms over %zu ticks", p99,
              lateness.size());
        QVERIFY2(p99 < 50.0, qPrintable(QString("p99 lateness %1 ms").arg(p99)));
    }

    void stopRespondsWithinAStepAndKeepsTheCheckpoint() {
        QTemporaryDir dir;
        MainWindow w;
        w.applyQuickDemo();
        runFolderEdit(w)->setText(dir.path() + "/run");
        for (QSpinBox* box : w.findChildren<QSpinBox*>()) {
            if (box->toolTip().contains("first N training images")) box->setValue(2000);
            if (box->toolTip().contains("Passes over")) box->setValue(50);
            if (box->toolTip().contains("CPU threads")) box->setValue(1);
        }
        QSignalSpy finished(w.worker(), &TrainingWorker::finished);
        w.startTraining();
        // Wait for the first epoch's checkpoint, then stop.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dir.path() + "/run/checkpoints/last.pt"), 60000);
        QElapsedTimer clock;
        clock.start();
        w.stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 10000);
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(finished.first().at(0).toBool(), true);  // stopped
        QVERIFY(QFile::exists(dir.path() + "/run/checkpoints/last.pt"));
        QVERIFY(!QFile::exists(dir.path() + "/run/checkpoints/final.pt"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
