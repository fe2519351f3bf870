// The Modules and Data tabs end to end (offscreen) on a tiny real run: the Data tab shows the
// run's dataset; the Modules tab modularizes in its worker thread, previews thresholds exactly as
// `nemo modularize` computes them, extracts a module with fine-tuning, stops an extraction, and
// saves a module that nemo::evaluateModule loads.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include <qcustomplot.h>

#include "class_picker.h"
#include "data_tab.h"
#include "heatmap_view.h"
#include "main_window.h"
#include "module_export.h"
#include "module_results.h"
#include "module_worker.h"
#include "modules_tab.h"
#include "nemo/dataset.h"
#include "nemo/modules.h"
#include "nemo/trainer.h"
#include "network_view.h"
#include "overlap_view.h"
#include "sample_gallery.h"

namespace {

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString maskString(const nemo::BitMatrix& m, int row) {
    QString s;
    for (int64_t j = 0; j < m.cols(); ++j) s += m.get(row, j) ? '1' : '0';
    return s;
}

// The preview's masks are the ones modularize wrote for the same threshold.
void expectPreviewMatchesFile(const ModulesTab& tab, const QString& metricsFile) {
    const QJsonObject metrics = readJson(metricsFile);
    const QJsonArray masks = metrics["module_masks"].toArray();
    QVERIFY2(!masks.isEmpty(), qPrintable(metricsFile));
    QCOMPARE(tab.threshold(), metrics["threshold"].toDouble());
    QCOMPARE(int(tab.preview().masks.rows()), int(masks.size()));
    for (int c = 0; c < masks.size(); ++c) {
        QCOMPARE(maskString(tab.preview().masks, c), masks[c].toString());
        QCOMPARE(tab.preview().classRetention[c], metrics["per_class"][c]["retention"].toDouble());
    }
}

}  // namespace

class TestModulesTab : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    QString run_;
    QString standard_;  // a standard run of the same data beside run_: the modules' baseline

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("NeMo Workbench Tests");
        const QString data = QString::fromStdString(nemo::defaultDataDir("fashion-mnist"));
        if (data.isEmpty() || !QFile::exists(data + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        // A tiny run, trained by the engine as a headless `nemo train` would.
        run_ = dir_.path() + "/run";
        nemo::TrainConfig c;
        c.outDir = run_.toStdString();
        c.limitTrain = 3000;
        c.limitTest = 1000;
        c.epochs = 2;
        c.threads = 1;
        const nemo::TrainResult trained = nemo::train(c);
        QVERIFY(trained.testAccuracy > 0.5);
        standard_ = dir_.path() + "/standard";
        c.mode = nemo::TrainMode::Standard;
        c.outDir = standard_.toStdString();
        QVERIFY(nemo::train(c).testAccuracy > 0.3);
    }

    void dataTabShowsTheRunsDataset() {
        MainWindow w;
        QVERIFY(w.openRun(run_));
        DataTab* data = w.dataTab();
        QCOMPARE(data->datasetName(), QString("fashion-mnist"));
        QTRY_COMPARE_WITH_TIMEOUT(data->gallery()->rowCount(), 10, 30000);
        QCOMPARE(data->gallery()->imageCount(9), 8);
        QVERIFY(data->gallery()->message().isEmpty());
        QTableWidget* counts = data->countsTable();
        QCOMPARE(counts->rowCount(), 11);  // ten classes and the total
        QCOMPARE(counts->item(1, 0)->text(), QString("Trouser"));
        QCOMPARE(counts->item(1, 1)->text(), QLocale().toString(6000));
        QCOMPARE(counts->item(1, 2)->text(), QLocale().toString(1000));
        QCOMPARE(counts->item(10, 1)->text(), QLocale().toString(60000));
        QVERIFY(data->headerText().contains("28 x 28 pixels"));

        // A dataset whose files are missing says so instead of showing nothing.
        data->showDataset("cifar10", dir_.path() + "/no-cifar-here");
        QTRY_VERIFY_WITH_TIMEOUT(data->gallery()->message().contains("no-cifar-here"), 10000);
        QVERIFY(data->gallery()->message().contains("NEMO_DATA_DIR"));  // and what to do
        QCOMPARE(counts->rowCount(), 0);
    }

    // An opened run (trained headless) fills the Neurons tab from its newest checkpoint, in the
    // background, with the engine's own frame.
    void openedRunShowsItsCheckpointMasks() {
        MainWindow w;
        QVERIFY(w.openRun(run_));
        QTRY_COMPARE_WITH_TIMEOUT(w.heatmapView()->layerCount(), 4, 30000);  // minivgg
        QVERIFY2(w.heatmapView()->caption().startsWith("After epoch 2"),
                 qPrintable(w.heatmapView()->caption()));
        const nemo::HeatmapFrame want = nemo::heatmapFromRun(run_.toStdString());
        const nemo::HeatmapFrame& got = w.heatmapView()->frame();
        QCOMPARE(got.layers.size(), want.layers.size());
        QCOMPARE(got.probeImages->size(), int64_t(160));
        for (size_t l = 0; l < want.layers.size(); ++l) {
            QCOMPARE(got.layers[l].name, want.layers[l].name);
            QCOMPARE(got.layers[l].values.size(), want.layers[l].values.size());
            for (size_t i = 0; i < want.layers[l].values.size(); ++i)
                QVERIFY(std::abs(got.layers[l].values[i] - want.layers[l].values[i]) < 1e-5);
        }
        // Not a constant picture: some neuron is used by some class and not by another.
        const auto& last = got.layers.back();
        float lo = 1, hi = 0;
        for (float v : last.values) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        QVERIFY(lo >= 0.0f && hi <= 1.0f && hi - lo > 0.3f);

        // A standard run opened next has no masks: the view empties and says so.
        QTemporaryDir other;
        nemo::TrainConfig c;
        c.mode = nemo::TrainMode::Standard;
        c.outDir = (other.path() + "/standard").toStdString();
        c.limitTrain = 500;
        c.limitTest = 200;
        c.epochs = 1;
        c.threads = 1;
        nemo::train(c);
        QVERIFY(w.openRun(other.path() + "/standard"));
        QCOMPARE(w.heatmapView()->layerCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.heatmapView()->caption().contains("standard mode"), 30000);
        QCOMPARE(w.heatmapView()->layerCount(), 0);
    }

    // Stop during modularization (runs before any module work on this run): the job ends,
    // the tab says so, and no sample masks or metrics are left behind.
    void modularizationStopsAndWritesNothing() {
        MainWindow w;
        QVERIFY(w.openRun(run_));
        ModulesTab* tab = w.modulesTab();
        QVERIFY(!tab->hasModularization());
        QSignalSpy stopped(tab->worker(), &ModuleWorker::stopped);
        QSignalSpy done(tab->worker(), &ModuleWorker::modularized);
        tab->modularize();
        QVERIFY(tab->isBusy());
        tab->stopJob();  // while the run and its data load: before the first batch
        QTRY_VERIFY_WITH_TIMEOUT(stopped.count() == 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 5000);
        QCOMPARE(done.count(), 0);
        QVERIFY2(tab->statusText().contains("Modularization stopped"),
                 qPrintable(tab->statusText()));
        QVERIFY(!QFile::exists(run_ + "/modular/sample_masks.bin"));
        QVERIFY(!QFile::exists(run_ + "/modular/metrics.json"));
        QVERIFY(!tab->hasModularization());
    }

    void modularizeExtractAndSaveFromTheModulesTab() {
        MainWindow w;
        w.show();
        QVERIFY(w.openRun(run_));
        ModulesTab* tab = w.modulesTab();
        QCOMPARE(tab->runDir(), run_);
        QVERIFY(!tab->hasModularization());
        // The standard run beside this one is offered, and chosen, as the module's baseline.
        QCOMPARE(tab->baselineRun(), standard_);
        QCOMPARE(tab->classPicker()->classCount(), 10);
        QTRY_VERIFY_WITH_TIMEOUT(tab->classPicker()->hasThumbnail(9), 30000);

        // Modularize in the worker thread; the GUI thread keeps running meanwhile.
        QSignalSpy failed(tab->worker(), &ModuleWorker::failed);
        tab->setThreshold(0.9);
        tab->modularize();
        QVERIFY(tab->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 120000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(tab->hasModularization());
        expectPreviewMatchesFile(*tab, run_ + "/modular/metrics_thr_0.90.json");
        QVERIFY(tab->classTableText(1, 0).contains("Trouser"));
        QVERIFY(tab->classTableText(1, 1).toInt() > 200);  // samples among 3000
        QVERIFY(tab->classTableText(1, 3) != "-");         // cohesion measured at 0.90
        QCOMPARE(tab->overlapView()->classCount(), 10);
        QCOMPARE(tab->overlapView()->value(3, 3), 1.0);

        // Dragging to 0.6 previews without the engine; modularize at 0.6 agrees exactly.
        tab->setThreshold(0.6);
        QCOMPARE(tab->classTableText(1, 3), QString("-"));  // cohesion not measured here
        nemo::ModularizeOptions mo;
        mo.runDir = run_.toStdString();
        mo.threshold = 0.6;
        mo.threads = 1;
        nemo::modularize(mo);
        expectPreviewMatchesFile(*tab, run_ + "/modular/metrics_thr_0.60.json");
        tab->setThreshold(0.9);

        // Extract a module for T-shirt/top and Trouser with one fine-tuning epoch.
        tab->classPicker()->setChecked({0, 1});
        QVERIFY(tab->selectionSummary().contains("keeps"));
        tab->setFineTuneEpochs(1);
        QSignalSpy epochs(tab->worker(), &ModuleWorker::fineTuneEpoch);
        QSignalSpy extracted(tab->worker(), &ModuleWorker::extracted);
        tab->extract();
        QVERIFY(tab->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 120000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(extracted.count(), 1);
        QCOMPARE(epochs.count(), 1);
        const ModuleResults* results = tab->results();
        QVERIFY(results->hasResult());
        const nemo::ExtractResult& r = results->result();
        QCOMPARE(r.classes, (std::vector<int>{0, 1}));
        QVERIFY2(r.moduleAccuracy > 0.75,
                 qPrintable(QString::number(r.moduleAccuracy)));  // chance: 0.5
        QVERIFY(r.fullAccuracy > 0.5);
        QVERIFY(r.params < r.paramsFull && r.flops < r.flopsFull);
        QVERIFY(r.latencyMs > 0 && r.latencyMsFull128 > 0);
        QCOMPARE(int(r.layers.size()), 4);
        QVERIFY(results->text(0, 1).endsWith("%"));
        // Compared with the standard run beside it, as the paper compares modules.
        QVERIFY2(r.standardAccuracy > 0.5 && r.standardAccuracy <= 1.0,
                 qPrintable(QString::number(r.standardAccuracy)));
        QCOMPARE(QString::fromStdString(r.baselineRun), standard_);
        QCOMPARE(results->text(1, 2), QString::number(100 * r.standardAccuracy, 'f', 1) + " %");
        QCOMPARE(tab->moduleDir(), run_ + "/modules/classes_0_1");

        // Save as: all three files in a new folder, loadable and as accurate as reported.
        const QString saved = dir_.path() + "/exported/tshirt-trouser";
        QString error;
        QVERIFY2(tab->saveModuleTo(saved, &error), qPrintable(error));
        for (const QString& name : moduleFileNames()) QVERIFY(QFile::exists(saved + "/" + name));
        const nemo::EvalResult eval = nemo::evaluateModule(saved.toStdString());
        QCOMPARE(eval.classes, (std::vector<int>{0, 1}));
        QVERIFY(std::abs(eval.accuracy - r.moduleAccuracy) < 1e-9);
        // Saving over a folder that holds files fails with a reason and leaves nothing behind.
        QVERIFY(!tab->saveModuleTo(saved, &error));
        QVERIFY(error.contains("already exists"));
        QCOMPARE(QDir(dir_.path() + "/exported")
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList({"tshirt-trouser"}));

        // Reopening the run shows the saved module again.
        QVERIFY(w.openRun(run_));
        QVERIFY(tab->hasModularization());
        QCOMPARE(tab->classPicker()->checkedClasses(), (std::vector<int>{0, 1}));
        QVERIFY(tab->results()->hasResult());
        QCOMPARE(tab->results()->result().moduleAccuracy, r.moduleAccuracy);
    }

    void quickCutNeedsNoFineTuningAndNothingStaleStays() {
        // Runs after the test above: run_ is modularized.
        MainWindow w;
        w.show();
        QVERIFY(w.openRun(run_));
        ModulesTab* tab = w.modulesTab();
        QVERIFY(tab->hasModularization());
        // The class list stays where it is while classes are ticked (the summaries below it
        // change length with every tick).
        auto* table = tab->classPicker()->findChild<QTableWidget*>();
        QTest::qWait(50);
        const QRect before(table->mapTo(&w, QPoint(0, 0)), table->size());
        for (int c = 0; c < 10; ++c) {
            std::vector<int> some;
            for (int k = 0; k <= c; ++k) some.push_back(k);
            tab->classPicker()->setChecked(some);
            QCoreApplication::processEvents();
            QCOMPARE(QRect(table->mapTo(&w, QPoint(0, 0)), table->size()), before);
        }

        // Quick cut: the module without fine-tuning, measured like a full extraction.
        tab->classPicker()->setChecked({4, 5});
        // The Network tab frames what this module keeps, once it has the run's masks.
        QTRY_VERIFY_WITH_TIMEOUT(!w.networkView()->frame().layers.empty(), 30000);
        tab->classPicker()->setChecked({4, 5});
        QVERIFY(w.networkView()->hasHighlight());
        int kept = 0, units = 0;
        for (int l = 0; l < 4; ++l)
            for (int j = 0; j < w.networkView()->frame().layers[size_t(l)].units; ++j, ++units)
                kept += w.networkView()->isKept(l, j);
        QVERIFY(kept > 0 && kept < units);
        QVERIFY2(tab->selectionSummary().contains(QString("keeps %1 of %2").arg(kept).arg(units)),
                 qPrintable(tab->selectionSummary()));
        QSignalSpy epochs(tab->worker(), &ModuleWorker::fineTuneEpoch);
        QSignalSpy failed(tab->worker(), &ModuleWorker::failed);
        auto* quick = tab->findChild<QPushButton*>("quickCut");
        QVERIFY(quick && quick->isEnabled());
        tab->quickExtract();
        QVERIFY(tab->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 120000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(epochs.count(), 0);
        QVERIFY(tab->results()->hasResult());
        const nemo::ExtractResult& r = tab->results()->result();
        QCOMPARE(r.classes, (std::vector<int>{4, 5}));
        QVERIFY2(r.moduleAccuracy > 0.6, qPrintable(QString::number(r.moduleAccuracy)));
        QVERIFY(r.params < r.paramsFull);
        QVERIFY(!tab->statusText().isEmpty());  // "Done: module accuracy ..."

        // Reopening the run clears the overlap read-out of the modules it showed.
        w.findChild<QTabWidget*>()->setCurrentIndex(3);  // Modules
        QTest::qWait(50);
        tab->overlapView()->plot()->replot();
        tab->overlapView()->showValueAt(
            QPointF(tab->overlapView()->plot()->xAxis->coordToPixel(1),
                    tab->overlapView()->plot()->yAxis->coordToPixel(0)));
        QVERIFY(!tab->overlapView()->readout().isEmpty());
        QVERIFY(w.openRun(run_));
        QVERIFY(tab->overlapView()->readout().isEmpty());
        // Another run: nothing of this one stays, and a standard run offers no modularizing.
        QVERIFY(w.openRun(standard_));
        QVERIFY(tab->statusText().isEmpty());
        QVERIFY(!tab->results()->hasResult());
        QPushButton* modularize = nullptr;
        for (QPushButton* b : tab->findChildren<QPushButton*>())
            if (b->text().startsWith("Modularize")) modularize = b;
        QVERIFY(modularize && !modularize->isEnabled());
        QVERIFY(!quick->isEnabled());
        // A new training: the tab stops showing the opened run.
        tab->setTrainingRun(dir_.path() + "/new");
        QVERIFY(tab->runDir().isEmpty());
        QCOMPARE(tab->classPicker()->classCount(), 0);
    }

    void extractionStopsWithinAStep() {
        MainWindow w;
        QVERIFY(w.openRun(run_));
        ModulesTab* tab = w.modulesTab();
        QVERIFY(tab->hasModularization());
        tab->classPicker()->setChecked({2, 3});
        tab->setFineTuneEpochs(200);
        QSignalSpy epochs(tab->worker(), &ModuleWorker::fineTuneEpoch);
        QSignalSpy stopped(tab->worker(), &ModuleWorker::stopped);
        tab->extract();
        QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 1, 60000);
        QElapsedTimer clock;
        clock.start();
        tab->stopJob();
        QTRY_VERIFY_WITH_TIMEOUT(stopped.count() == 1, 10000);
        // The spy hears the worker thread's signal at once; the tab hears it through the GUI
        // thread's event queue, so wait for that too (under load it comes a little later).
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 5000);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!QFile::exists(run_ + "/modules/classes_2_3/module.json"));
        QVERIFY(!tab->results()->hasResult());
    }
};

QTEST_MAIN(TestModulesTab)
#include "test_modules_tab.moc"
