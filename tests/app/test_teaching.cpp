// The workbench as a teaching instrument (offscreen): the window fits a 1280 x 720 projector at
// 150 %, presenter mode, the "What you see" panel, settings that follow the method, and the
// playground on a real tiny run: single steps, live loss settings recorded in the run, locked
// run-defining fields, edited settings applied when a run is continued, restart.
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QtTest>

#include <fstream>

#include <qcustomplot.h>
#include <nlohmann/json.hpp>

#include "heatmap_view.h"
#include "main_window.h"
#include "metrics_plot.h"
#include "modules_tab.h"
#include "nemo/dataset.h"
#include "training_worker.h"
#include "window_fixtures.h"

namespace {

QDoubleSpinBox* alphaBox(const MainWindow& w) {
    return findByToolTip<QDoubleSpinBox>(w, "Weight of the contrastive");
}

QComboBox* modeBox(const MainWindow& w) {
    return findByToolTip<QComboBox>(w, "How the masks are trained");
}

// A tiny real run: minivgg on 640 Fashion-MNIST images, batch 64 (10 steps an epoch).
void tinyRun(MainWindow& w, const QString& out, int epochs) {
    w.applyQuickDemo();
    findByToolTip<QLineEdit>(w, "Run folder")->setText(out);
    findByToolTip<QSpinBox>(w, "Use only the first N")->setValue(640);
    findByToolTip<QSpinBox>(w, "Passes over")->setValue(epochs);
    findByToolTip<QSpinBox>(w, "Images per training step")->setValue(64);
    findByToolTip<QSpinBox>(w, "CPU threads")->setValue(1);
}

// Answers the next question box with Yes (Continue run?).
void answerYesSoon() {
    QTimer::singleShot(200, [] {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible())
                box->button(QMessageBox::Yes)->click();
    });
}

nlohmann::json readJson(const QString& path) {
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

}  // namespace

class TestTeaching : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QCoreApplication::setOrganizationName("NeMo Workbench Tests"); }

    void windowFitsAProjectorAt150Percent() {
        // 1280 x 720 at a scale of 1.5 leaves 853 x 480 logical pixels: the window's minimum,
        // menus, toolbar and status bar included, must fit; the pages scroll instead.
        MainWindow w;
        w.show();
        const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
        QVERIFY2(minimum.width() <= 853 && minimum.height() <= 480,
                 qPrintable(QString("%1 x %2").arg(minimum.width()).arg(minimum.height())));
        const QRect screen = w.screen()->availableGeometry();
        QVERIFY(w.width() <= screen.width() && w.height() <= screen.height());
    }

    void presenterModeHidesThePanelAndEnlargesText() {
        MainWindow w;
        w.show();
        QCustomPlot* plot = w.metricsPlot()->lossPlot();
        const double axis = plot->xAxis->labelFont().pointSizeF();
        const double text = w.font().pointSizeF();
        w.setPresenterMode(true);
        QVERIFY(w.presenterMode());
        QVERIFY(!w.experimentPanel()->isVisible());
        QVERIFY(w.fontZoom() >= 1.3);
        QVERIFY(plot->xAxis->labelFont().pointSizeF() > axis * 1.25);  // the plots too
        QVERIFY(w.font().pointSizeF() > text * 1.25);
        // Every page fits the width of a 1280 x 720 projector at 150 % (853 logical pixels,
        // less a scroll bar) at presenter size: no page needs sideways scrolling there.
        auto* tabs = w.findChild<QTabWidget*>();
        for (int i = 0; i < tabs->count(); ++i) {
            auto* area = qobject_cast<QScrollArea*>(tabs->widget(i));
            QWidget* page = area ? area->widget() : tabs->widget(i);
            QVERIFY2(
                page->minimumSizeHint().width() <= 835,
                qPrintable(
                    QString("tab %1 needs %2 px").arg(i).arg(page->minimumSizeHint().width())));
        }
        // The heatmap's class rows stay as tall as their labels at the larger text.
        nemo::HeatmapFrame frame;
        for (int c = 0; c < 10; ++c) frame.classNames.push_back("class " + std::to_string(c));
        nemo::HeatmapFrame::Layer layer;
        layer.name = "conv_1";
        layer.units = 8;
        layer.values.assign(80, 0.5f);
        frame.layers = {layer};
        w.heatmapView()->setFrame(frame);
        QCustomPlot* heatmap = w.heatmapView()->plot();
        QVERIFY(heatmap->minimumHeight() >=
                10 * QFontMetrics(heatmap->yAxis->tickLabelFont()).height());
        w.setFontZoom(w.fontZoom() * 1.1);  // Ctrl+=
        QVERIFY(plot->xAxis->labelFont().pointSizeF() > axis * 1.4);
        w.setPresenterMode(false);
        QVERIFY(w.experimentPanel()->isVisible());
        // Back to exactly the sizes it started with: zooming never drifts.
        QCOMPARE(plot->xAxis->labelFont().pointSizeF(), axis);
        QCOMPARE(w.font().pointSizeF(), text);
    }

    void explanationsFollowTheTabAndTheMethod() {
        MainWindow w;
        w.show();
        auto* tabs = w.findChild<QTabWidget*>();
        tabs->setCurrentIndex(0);
        QVERIFY(w.explanationText().contains("contrastive"));
        modeBox(w)->setCurrentIndex(modeBox(w)->findData("mwt"));
        QVERIFY(w.explanationText().contains("coupling loss"));
        QVERIFY(!w.explanationText().contains("contrastive loss"));
        tabs->setCurrentIndex(1);
        QVERIFY(w.explanationText().contains("row"));
        modeBox(w)->setCurrentIndex(modeBox(w)->findData("standard"));
        QVERIFY(w.explanationText().contains("no masks"));
        QAction* toggle = w.explanationPanel()->toggleViewAction();
        QVERIFY(toggle->shortcut() == QKeySequence(Qt::Key_F1));
        // Hidden by the window (a small screen) is not remembered; hidden by the user is.
        QSettings().setValue("showExplanations", true);
        w.explanationPanel()->hide();
        QCOMPARE(QSettings().value("showExplanations").toBool(), true);
        w.explanationPanel()->show();
        toggle->trigger();
        QCOMPARE(QSettings().value("showExplanations").toBool(), false);
        toggle->trigger();
        QCOMPARE(QSettings().value("showExplanations").toBool(), true);
    }

    void onlyTheMethodsOwnSettingsAreEditable() {
        MainWindow w;
        QDoubleSpinBox* beta = findByToolTip<QDoubleSpinBox>(w, "Weight of the coupling");
        QDoubleSpinBox* temperature = findByToolTip<QDoubleSpinBox>(w, "Temperature of the");
        modeBox(w)->setCurrentIndex(modeBox(w)->findData("nemo"));
        QVERIFY(!beta->isEnabled());
        QVERIFY(temperature->isEnabled() && alphaBox(w)->isEnabled());
        modeBox(w)->setCurrentIndex(modeBox(w)->findData("mwt"));
        QVERIFY(beta->isEnabled() && !temperature->isEnabled());
        modeBox(w)->setCurrentIndex(modeBox(w)->findData("standard"));
        QVERIFY(!alphaBox(w)->isEnabled() && !beta->isEnabled() && !temperature->isEnabled());
    }

    void lessonFileFillsTheFormAndFollowsTheClass() {
        MainWindow w;
        QString error;
        QVERIFY2(w.openLesson(
                     QString(NEMO_SOURCE_DIR) + "/resources/lessons/modules-in-ten-minutes.json",
                     &error),
                 qPrintable(error));
        QCOMPARE(w.lessonStep(), 0);
        QCOMPARE(w.configFromForm().limitTrain, 20000);
        QCOMPARE(w.configFromForm().model, std::string("minivgg"));
        QVERIFY(w.explanationText().contains("Modules in ten minutes"));
        QCOMPARE(w.findChild<QTabWidget*>()->currentIndex(), 1);
        // Steps move on when the class does what they ask, not on other events.
        w.lessonEvent("modularized");
        QCOMPARE(w.lessonStep(), 0);
        w.lessonEvent("training_started");
        QCOMPARE(w.lessonStep(), 1);
        w.lessonEvent("training_finished");
        QCOMPARE(w.lessonStep(), 2);

        // Bad lesson files are refused with the reason and the key, and change nothing.
        QTemporaryDir dir;
        auto write = [&](const QByteArray& text) {
            QFile f(dir.path() + "/lesson.json");
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            f.write(text);
            return f.fileName();
        };
        QVERIFY(!w.openLesson(write(R"({"nemo_lesson": 1, "settings": {"epochs": -3}})"), &error));
        QVERIFY2(error.contains("\"epochs\""), qPrintable(error));
        QVERIFY(!w.openLesson(write(R"({"nemo_lesson": 1, "settings": {"alpah": 1}})"), &error));
        QVERIFY2(error.contains("alpah"), qPrintable(error));
        QVERIFY(!w.openLesson(write(R"({"nemo_lesson": 1, "steps": [{"text": "x",
                                      "done_when": "lunch"}]})"),
                              &error));
        QVERIFY2(error.contains("step 1"), qPrintable(error));
        QVERIFY(
            !w.openLesson(write(R"({"nemo_lesson": 1, "settings": {"model": "gpt5"}})"), &error));
        QVERIFY2(error.contains("gpt5"), qPrintable(error));
        QVERIFY(!w.openLesson(write("{\"nemo_lesson\": 1, "), &error));
        QVERIFY2(error.contains("invalid JSON"), qPrintable(error));
        QCOMPARE(w.lessonStep(), 2);  // the open lesson goes on
        QCOMPARE(w.configFromForm().limitTrain, 20000);

        // The built-in guided lesson of the Quick demo.
        w.startLesson(quickDemoLesson());
        QCOMPARE(w.lessonStep(), 0);
        QVERIFY(w.explanationPanel()->isVisibleTo(&w));
    }

    void init() {
        if (!QString(QTest::currentTestFunction()).startsWith("playground") &&
            !QString(QTest::currentTestFunction()).startsWith("continued"))
            return;
        const QString dir = QString::fromStdString(nemo::defaultDataDir("fashion-mnist"));
        if (dir.isEmpty() || !QFile::exists(dir + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
    }

    void playgroundStepsAndTakesLiveSettings() {
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        MainWindow w;
        w.show();
        tinyRun(w, run, 1);
        QSignalSpy finished(w.worker(), &TrainingWorker::finished);
        w.startTraining();
        w.stepTraining();  // pauses at once, then one step
        QVERIFY(w.worker()->isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(w.metricsPlot()->pointCount("loss") >= 1, 60000);
        QTest::qWait(300);
        const int points = w.metricsPlot()->pointCount("loss");
        QVERIFY(points <= 2);  // a step or two (if one ran before the pause), not more
        QVERIFY(w.heatmapView()->caption().contains(QString("step %1 of 10").arg(points)));
        w.stepTraining();
        QTRY_COMPARE_WITH_TIMEOUT(w.metricsPlot()->pointCount("loss"), points + 1, 20000);
        QTest::qWait(300);
        QCOMPARE(w.metricsPlot()->pointCount("loss"), points + 1);  // still paused
        QVERIFY(w.worker()->isPaused());

        // While it runs, only the learning rates and loss weights can change; the Modules tab
        // no longer shows an older run.
        QVERIFY(!modeBox(w)->isEnabled());
        QVERIFY(!findByToolTip<QSpinBox>(w, "Images per training step")->isEnabled());
        QVERIFY(alphaBox(w)->isEnabled());
        QVERIFY(w.modulesTab()->runDir().isEmpty());
        alphaBox(w)->setValue(0.7);
        QVERIFY2(w.statusText().contains("next training step"), qPrintable(w.statusText()));
        w.stepTraining();
        QTRY_COMPARE_WITH_TIMEOUT(w.metricsPlot()->pointCount("loss"), points + 2, 20000);
        w.togglePause();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(modeBox(w)->isEnabled(), 10000);

        // The change is in the run: a line in metrics.jsonl at the step it took effect, the
        // value and its history in config.json, a mark on the curves.
        std::ifstream in((run + "/metrics.jsonl").toStdString());
        std::string line;
        int changes = 0;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line);
            if (j["type"] != "change") continue;
            ++changes;
            QCOMPARE(j["global_step"].get<int>(), points + 1);
            QVERIFY(j["change"].get<std::string>().find("-> 0.7") != std::string::npos);
        }
        QCOMPARE(changes, 1);
        const auto config = readJson(run + "/config.json");
        QCOMPARE(config["alpha"].get<double>(), 0.7);
        QVERIFY(QString::fromStdString(config["changes"][0].get<std::string>()).contains("alpha"));
        QTRY_COMPARE_WITH_TIMEOUT(w.metricsPlot()->changeMarks().size(), 1, 5000);
    }

    void continuedRunTakesTheEditedLossSettings() {
        // Continuing a run with an edited alpha used to drop the edit silently.
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        MainWindow w;
        tinyRun(w, run, 1);
        QSignalSpy finished(w.worker(), &TrainingWorker::finished);
        QSignalSpy failed(w.worker(), &TrainingWorker::failed);
        w.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(modeBox(w)->isEnabled(), 10000);
        findByToolTip<QSpinBox>(w, "Passes over")->setValue(2);
        alphaBox(w)->setValue(0.9);
        answerYesSoon();
        w.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2 || failed.count() == 1, 60000);
        QCOMPARE(failed.count(), 0);
        const auto config = readJson(run + "/config.json");
        QCOMPARE(config["alpha"].get<double>(), 0.9);
        QVERIFY(QString::fromStdString(config["changes"][0].get<std::string>())
                    .startsWith("after epoch 1: alpha"));

        // A setting that defines the run, edited, is refused by name instead of ignored.
        QTRY_VERIFY_WITH_TIMEOUT(modeBox(w)->isEnabled(), 10000);
        findByToolTip<QSpinBox>(w, "Passes over")->setValue(3);
        findByToolTip<QSpinBox>(w, "Images per training step")->setValue(32);
        answerYesSoon();
        QTimer::singleShot(3000, [] {  // the error box
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible())
                    box->accept();
        });
        w.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 60000);
        QVERIFY2(failed.first().at(0).toString().contains("--batch-size 32"),
                 qPrintable(failed.first().at(0).toString()));
    }

    void playgroundRestartBeginsAfreshInANewFolder() {
        QTemporaryDir dir;
        MainWindow w;
        tinyRun(w, dir.path() + "/first", 50);
        w.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(w.metricsPlot()->pointCount("loss") >= 1, 60000);
        w.restartTraining();
        QTRY_VERIFY_WITH_TIMEOUT(
            findByToolTip<QLineEdit>(w, "Run folder")->text() != dir.path() + "/first", 20000);
        QVERIFY(w.worker()->isRunning());
        const QString second = findByToolTip<QLineEdit>(w, "Run folder")->text();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(second + "/metrics.jsonl"), 60000);
        w.worker()->stopAndWait();
        QDir(second).removeRecursively();
    }
};

QTEST_MAIN(TestTeaching)
#include "test_teaching.moc"
