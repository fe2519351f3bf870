// The Compare tab: a study folder written by `nemo study` opens there (File > Open Study, or as a
// run folder), with its conclusion, the methods' table, its plots, one class set's modules and the
// same layer of the NeMo and MwT runs side by side, all named by method and model.
#include <QComboBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include <fstream>

#include "compare_tab.h"
#include "heatmap_view.h"
#include "main_window.h"
#include "nemo/dataset.h"
#include "nemo/study.h"
#include "study/study_plot.h"

class TestCompareTab : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("NeMo Workbench Tests");
        const QString data = QString::fromStdString(nemo::defaultDataDir("fashion-mnist"));
        if (data.isEmpty() || !QFile::exists(data + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        study_ = dir_.path() + "/study";
        nemo::StudyOptions o;
        o.outDir = study_.toStdString();
        o.seeds = {1};
        o.classSets = {{0, 1}, {5, 7, 9}};
        o.epochs = 1;
        o.finetuneEpochs = 0;
        o.limitTrain = 1500;
        o.limitTest = 500;
        o.threads = 1;
        result_ = nemo::runStudy(o, "nemo study (compare tab test)");
        QCOMPARE(int(result_.modules.size()), 6);
    }

    void studyFolderOpensInTheCompareTab() {
        MainWindow w;
        w.resize(1280, 900);
        w.show();
        QVERIFY(w.openRun(study_));  // a study folder given as a run opens as a study
        CompareTab* tab = w.compareTab();
        QVERIFY(w.findChild<QTabWidget*>()->currentWidget()->isAncestorOf(tab));
        QCOMPARE(tab->studyDir(), study_);
        QCOMPARE(tab->conclusionText(), QString::fromStdString(result_.conclusion));
        QVERIFY(tab->conclusionText().contains("NeMo modules differ from MwT's"));

        // One row per method, named by method and model.
        QTableWidget* summary = tab->summaryTable();
        QCOMPARE(summary->rowCount(), 3);
        QStringList names;
        for (int r = 0; r < 3; ++r) names << summary->item(r, 0)->text();
        QVERIFY2(names.contains("NeMo · minivgg") && names.contains("MwT · minivgg") &&
                     names.contains("Standard · minivgg"),
                 qPrintable(names.join(", ")));
        for (int r = 0; r < 3; ++r) QCOMPARE(summary->item(r, 1)->text(), QString("2"));
        QCOMPARE(tab->plotsShown(), nemo::plotsAvailable() ? 2 : 0);

        // The class sets by name; each shows the three methods' results for those classes.
        QComboBox* sets = tab->classSetSelector();
        QCOMPARE(sets->count(), 2);
        QCOMPARE(sets->itemText(0), QString("T-shirt/top, Trouser"));
        sets->setCurrentIndex(1);
        QCOMPARE(sets->itemText(1), QString("Sandal, Sneaker, Ankle boot"));
        QTableWidget* modules = tab->classSetTable();
        QCOMPARE(modules->rowCount(), 3);
        for (int r = 0; r < 3; ++r) {
            QVERIFY(modules->item(r, 0)->text().endsWith(" · seed 1"));
            // Every row has the same standard model's accuracy on these classes.
            QCOMPARE(modules->item(r, 2)->text(), modules->item(0, 2)->text());
        }

        // NeMo and MwT of seed 1, side by side, on the same layer.
        QVERIFY(tab->heatmapTitle(0).contains("NeMo · minivgg · seed 1"));
        QVERIFY(tab->heatmapTitle(1).contains("MwT · minivgg · seed 1"));
        QTRY_COMPARE_WITH_TIMEOUT(tab->heatmap(0)->layerCount(), 4, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(tab->heatmap(1)->layerCount(), 4, 30000);
        tab->heatmap(0)->layerSelector()->setCurrentIndex(2);
        QCOMPARE(tab->heatmap(1)->currentLayer(), 2);
        tab->heatmap(1)->layerSelector()->setCurrentIndex(3);
        QCOMPARE(tab->heatmap(0)->currentLayer(), 3);
        // The two runs learned different masks.
        QVERIFY(tab->heatmap(0)->cell(0, 0) != tab->heatmap(1)->cell(0, 0) ||
                tab->heatmap(0)->cell(1, 1) != tab->heatmap(1)->cell(1, 1));
        if (!qEnvironmentVariableIsEmpty("NEMO_SCREENSHOT_DIR"))
            w.grab().save(qEnvironmentVariable("NEMO_SCREENSHOT_DIR") + "/compare.png");
    }

    void brokenStudyIsRefusedWithTheReason() {
        QTemporaryDir dir;
        std::ofstream((dir.path() + "/study.json").toStdString())
            << "{\"format\": \"nemo-study-1\"";
        CompareTab tab;
        QString error;
        QVERIFY(!tab.openStudy(dir.path(), &error));
        QVERIFY2(error.contains("study.json"), qPrintable(error));
        QVERIFY(tab.studyDir().isEmpty());
    }

  private:
    QTemporaryDir dir_;
    QString study_;
    nemo::StudyResult result_;
};

QTEST_MAIN(TestCompareTab)
#include "test_compare_tab.moc"
