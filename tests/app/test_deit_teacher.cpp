// DeiT distillation in the Experiment form (offscreen): the Teacher run row is on for models with
// a distillation head only, the form's config carries the teacher, alpha and tau (and a run's
// config.json fills them back); a real deit_tiny run started from the GUI with an engine-trained
// tinycnn teacher draws and exports the distillation loss; a folder that is no run is refused by
// the engine and the refusal reaches the user as other training errors do.
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "main_window.h"
#include "metrics_plot.h"
#include "nemo/dataset.h"
#include "nemo/trainer.h"
#include "training_worker.h"
#include "window_fixtures.h"

namespace {

QString logText(const MainWindow& w) {
    QString text;
    for (QPlainTextEdit* edit : w.findChildren<QPlainTextEdit*>()) text += edit->toPlainText();
    return text;
}

// The small GUI run both training tests start: deit_tiny, 1000 images, one epoch, one thread.
void setUpRun(MainWindow& w, const QString& runDir, const QString& teacher) {
    w.findChild<QComboBox*>("model")->setCurrentText("deit_tiny");
    w.findChild<QLineEdit*>("teacher")->setText(teacher);
    findByToolTip<QLineEdit>(w, "Run folder")->setText(runDir);
    findByToolTip<QSpinBox>(w, "Use only the first N training images")->setValue(1000);
    findByToolTip<QSpinBox>(w, "Passes over")->setValue(1);
    findByToolTip<QSpinBox>(w, "Images per training step")->setValue(64);  // 16 steps, 3 logged
    findByToolTip<QSpinBox>(w, "CPU threads")->setValue(1);
}

}  // namespace

class TestDeitTeacher : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    QString teacher_;  // a tinycnn standard run, trained headless in initTestCase

  private slots:
    void initTestCase() { QCoreApplication::setOrganizationName("NeMo Workbench Tests"); }

    void teacherRowFollowsTheDistillationHead() {
        MainWindow w;
        auto* model = w.findChild<QComboBox*>("model");
        auto* teacher = w.findChild<QLineEdit*>("teacher");
        auto* browse = w.findChild<QPushButton*>("teacherBrowse");
        auto* alpha = w.findChild<QDoubleSpinBox*>("distillAlpha");
        auto* tau = w.findChild<QDoubleSpinBox*>("distillTau");
        QVERIFY(model && teacher && browse && alpha && tau);
        QVERIFY(teacher->toolTip().contains("resnet18"));
        QVERIFY(teacher->toolTip().contains("method.md §3.5"));
        QCOMPARE(alpha->value(), 0.5);
        QCOMPARE(tau->value(), 1.0);

        const QStringList distilled = {"deit_tiny", "deit_s"};
        for (int i = 0; i < model->count(); ++i) {
            model->setCurrentIndex(i);
            const bool on = distilled.contains(model->currentText());
            QCOMPARE(teacher->isEnabled(), on);
            QCOMPARE(browse->isEnabled(), on);
            QCOMPARE(alpha->isEnabled(), on);
            QCOMPARE(tau->isEnabled(), on);
        }

        model->setCurrentText("deit_tiny");
        teacher->setText("/runs/resnet18-teacher");
        alpha->setValue(0.3);
        tau->setValue(2.0);
        nemo::TrainConfig c = w.configFromForm();
        QCOMPARE(QString::fromStdString(c.teacher), QString("/runs/resnet18-teacher"));
        QCOMPARE(c.distillAlpha, 0.3);
        QCOMPARE(c.distillTau, 2.0);

        // A CNN (or a Transformer without the head) never gets the teacher, whatever the
        // disabled row still shows.
        for (const char* other : {"tinycnn", "vit_tiny"}) {
            model->setCurrentText(other);
            c = w.configFromForm();
            QVERIFY(c.teacher.empty());
            QCOMPARE(c.distillAlpha, nemo::TrainConfig().distillAlpha);
            QCOMPARE(c.distillTau, nemo::TrainConfig().distillTau);
        }

        // A run's config.json fills the row back; one without a teacher clears it.
        nemo::TrainConfig saved;
        saved.model = "deit_tiny";
        saved.teacher = "/somewhere/teacher";
        saved.distillAlpha = 0.7;
        saved.distillTau = 3.0;
        QTemporaryDir run;
        QFile file(run.path() + "/config.json");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(nemo::configToJson(saved)));
        file.close();
        w.applyRunConfig(run.path());
        QCOMPARE(model->currentText(), QString("deit_tiny"));
        QCOMPARE(teacher->text(), QString("/somewhere/teacher"));
        QCOMPARE(alpha->value(), 0.7);
        QCOMPARE(tau->value(), 3.0);
        QVERIFY(teacher->isEnabled());
        saved.teacher.clear();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray::fromStdString(nemo::configToJson(saved)));
        file.close();
        w.applyRunConfig(run.path());
        QVERIFY(teacher->text().isEmpty());
    }

    void badTeacherIsRefusedAsATrainingError() {
        const QString data = QString::fromStdString(nemo::defaultDataDir("fashion-mnist"));
        if (data.isEmpty() || !QFile::exists(data + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        const QString empty = dir_.path() + "/empty-teacher";
        QVERIFY(QDir().mkpath(empty));
        MainWindow w;
        w.show();
        setUpRun(w, dir_.path() + "/refused", empty);
        QSignalSpy finished(w.worker(), &TrainingWorker::finished);
        QSignalSpy failed(w.worker(), &TrainingWorker::failed);
        // The refusal opens a modal message box: read it and close it as a user would.
        QString shown;
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                shown = box->windowTitle() + ": " + box->text();
                box->accept();
            }
        });
        closer.start(50);
        w.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 60000);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 1);
        const QString reason = failed.first().first().toString();
        QVERIFY2(reason.contains("not a run folder") && reason.contains(empty), qPrintable(reason));
        QVERIFY2(shown.startsWith("Training failed: ") && shown.contains(reason),
                 qPrintable(shown));
        QVERIFY(logText(w).contains(reason));
        QVERIFY(!QFile::exists(dir_.path() + "/refused/config.json"));  // refused before writing
    }

    void deitRunFromTheGuiLearnsFromTheTeacher() {
        const QString data = QString::fromStdString(nemo::defaultDataDir("fashion-mnist"));
        if (data.isEmpty() || !QFile::exists(data + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QElapsedTimer clock;  // the phases' times are printed: the test should stay short
        clock.start();
        // The teacher: a standard tinycnn, trained headless as `nemo train` would.
        teacher_ = dir_.path() + "/teacher";
        nemo::TrainConfig t;
        t.model = "tinycnn";
        t.mode = nemo::TrainMode::Standard;
        t.outDir = teacher_.toStdString();
        t.limitTrain = 1000;
        t.limitTest = 1000;
        t.epochs = 1;
        t.threads = 1;
        nemo::train(t);
        const double teacherSeconds = clock.restart() / 1000.0;

        MainWindow w;
        w.show();
        const QString run = dir_.path() + "/student";
        setUpRun(w, run, teacher_);
        QVERIFY(w.configFromForm().mode == nemo::TrainMode::Nemo);
        QSignalSpy finished(w.worker(), &TrainingWorker::finished);
        QSignalSpy failed(w.worker(), &TrainingWorker::failed);
        w.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, 120000);
        const double studentSeconds = clock.restart() / 1000.0;
        QVERIFY2(failed.isEmpty(),
                 qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        qInfo("teacher %.1f s, deit_tiny student from the GUI %.1f s", teacherSeconds,
              studentSeconds);
        QVERIFY(logText(w).contains("teacher: "));  // the engine's description of the teacher

        // The loss plot draws the distillation series, named in the legend...
        MetricsPlot* plot = w.metricsPlot();
        // The last epoch's metrics reach the window through its event queue, after the spy.
        QTRY_VERIFY_WITH_TIMEOUT(plot->pointCount("test_acc") >= 1, 10000);
        plot->replotNow();
        QVERIFY(plot->pointCount("distillation") >= 2);
        QVERIFY(plot->pointCount("contrastive") >= 2);  // NeMo's loss still comes on top
        for (double v : plot->drawnValues("distillation")) QVERIFY(std::isfinite(v) && v > 0);
        QStringList names;
        for (int g = 0; g < plot->lossPlot()->graphCount(); ++g)
            names << plot->lossPlot()->graph(g)->name();
        QVERIFY2(names.contains("distillation"), qPrintable(names.join(", ")));
        // ... and the CSV export has it.
        QString error;
        QVERIFY2(plot->exportTo(dir_.path() + "/curves.csv", &error), qPrintable(error));
        QFile csv(dir_.path() + "/curves.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        const int distillRows = int(std::count_if(rows.begin(), rows.end(), [](const QString& r) {
            return r.split(',').value(1) == "distillation";
        }));
        QCOMPARE(distillRows, plot->pointCount("distillation"));

        // The run's config.json names the teacher (stored absolute), and reopening the run
        // shows it in the form.
        w.findChild<QLineEdit*>("teacher")->clear();
        QVERIFY(w.openRun(run));
        QCOMPARE(QDir(w.findChild<QLineEdit*>("teacher")->text()).canonicalPath(),
                 QDir(teacher_).canonicalPath());
        QVERIFY(w.metricsPlot()->pointCount("distillation") >= 2);
    }
};

QTEST_MAIN(TestDeitTeacher)
#include "test_deit_teacher.moc"
