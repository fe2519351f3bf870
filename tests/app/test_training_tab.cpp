// The Training tab with real run folders: curves read from metrics.jsonl, TensorBoard smoothing
// checked against a hand-computed EMA, a second run overlaid, log scale, hover read-out, and
// exports that other programs can read (PNG, PDF, SVG, CSV).
#include <QImage>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

#include <qcustomplot.h>

#include "eta_estimator.h"
#include "main_window.h"
#include "metric_series.h"
#include "metrics_plot.h"
#include "run_metrics.h"

namespace {

// A run folder with `steps` logged steps in one epoch and a test line at the end.
QString writeRun(const QString& dir, const QString& name, const QVector<double>& losses) {
    const QString run = dir + "/" + name;
    QDir().mkpath(run);
    QFile config(run + "/config.json");
    config.open(QIODevice::WriteOnly);
    config.write(R"({"dataset": "fashion-mnist", "model": "tinycnn", "mode": "nemo"})");
    config.close();
    QFile f(run + "/metrics.jsonl");
    f.open(QIODevice::WriteOnly);
    for (int i = 0; i < losses.size(); ++i) {
        nemo::MetricsEvent e;
        e.epoch = 0;
        e.epochs = 1;
        e.step = (i + 1) * 10;
        e.stepsPerEpoch = losses.size() * 10;
        e.globalStep = e.step;
        e.loss = losses[i];
        e.crossEntropy = losses[i] / 2;
        e.accuracy = 0.1 * i;
        e.retention = 1.0 - 0.05 * i;
        e.lr = 0.05 * (1.0 - double(i) / losses.size());
        e.lrMask = 0.05;
        f.write(QByteArray::fromStdString(nemo::toJsonLine(e)) + "\n");
    }
    nemo::MetricsEvent t;
    t.kind = nemo::MetricsEvent::Kind::Epoch;
    t.phase = "test";
    t.epoch = 0;
    t.epochs = 1;
    t.accuracy = 0.8;
    t.loss = 0.7;
    f.write(QByteArray::fromStdString(nemo::toJsonLine(t)) + "\n");
    return run;
}

}  // namespace

class TestTrainingTab : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QCoreApplication::setOrganizationName("NeMo Workbench Tests"); }

    void emaMatchesHandComputedValues() {
        // w = 0.5: last = 0.5, 1.25, 2.125; de-biased by 0.5, 0.75, 0.875.
        const QVector<double> s = emaSmooth({1.0, 2.0, 3.0}, 0.5);
        QCOMPARE(s.size(), 3);
        QVERIFY(std::abs(s[0] - 1.0) < 1e-12);
        QVERIFY(std::abs(s[1] - 1.25 / 0.75) < 1e-12);
        QVERIFY(std::abs(s[2] - 2.125 / 0.875) < 1e-12);
        // A constant series stays constant (TensorBoard issue #786), NaN passes through.
        for (double v : emaSmooth({0.3, 0.3, NAN, 0.3}, 0.9))
            QVERIFY(std::isnan(v) || std::abs(v - 0.3) < 1e-12);
        QCOMPARE(emaSmooth({4.0, 8.0}, 0.0), (QVector<double>{4.0, 8.0}));
    }

    void curvesShowOnlyWhatTheMethodTrains() {
        // The engine logs cosine cohesion and coupling for every masked run; a NeMo run (it has
        // a contrastive loss) must not show them as parts of its loss, an MwT run must.
        auto event = [](int step, bool nemo) {
            nemo::MetricsEvent e;
            e.step = step;
            e.stepsPerEpoch = 10;
            e.epochs = 1;
            e.loss = 1.0;
            e.crossEntropy = 0.8;
            if (nemo) e.contrastive = 0.2;
            e.cohesionLoss = 0.3;
            e.couplingLoss = 0.1;
            return e;
        };
        MetricsPlot plot;
        plot.resize(600, 500);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.replotNow();
        // Nothing drawn yet: no legend box on any plot.
        for (QCustomPlot* p : {plot.lossPlot(), plot.ratePlot(), plot.lrPlot()})
            QVERIFY(!p->legend->visible());
        plot.addEvent(event(1, true));
        plot.addEvent(event(2, true));
        plot.replotNow();
        QCOMPARE(plot.pointCount("contrastive"), 2);
        QCOMPARE(plot.pointCount("cohesion"), 0);
        QCOMPARE(plot.pointCount("coupling"), 0);
        QVERIFY(plot.lossPlot()->legend->visible());
        QVERIFY(!plot.lrPlot()->legend->visible());  // no learning rate in these events
        plot.clear();
        plot.addEvent(event(1, false));
        plot.replotNow();
        QCOMPARE(plot.pointCount("cohesion"), 1);
        QCOMPARE(plot.pointCount("coupling"), 1);
    }

    void settingChangesAreMarkedAndClearResetsTheReadout() {
        MetricsPlot plot;
        nemo::MetricsEvent e;
        e.epochs = 2;
        e.stepsPerEpoch = 10;
        for (int step = 1; step <= 4; ++step) {
            e.step = step;
            e.loss = 1.0 / step;
            plot.addEvent(e);
        }
        nemo::MetricsEvent change;
        change.kind = nemo::MetricsEvent::Kind::Change;
        change.epochs = 2;
        change.step = 4;
        change.stepsPerEpoch = 10;
        change.change = "alpha 1.3 -> 0.5";
        plot.addEvent(change);
        plot.replotNow();
        QCOMPARE(plot.changeMarks(), QStringList{"alpha 1.3 -> 0.5"});
        // Read from metrics.jsonl the same way (the line the engine writes).
        nemo::MetricsEvent read;
        QVERIFY(nemo::fromJsonLine(nemo::toJsonLine(change), &read));
        QVERIFY(read.kind == nemo::MetricsEvent::Kind::Change);
        QCOMPARE(read.change, change.change);
        plot.showReadoutAt(0.2);
        QVERIFY(plot.readout().contains("total loss"));
        plot.clear();  // a new run: no marks and no read-out of the old curves
        QVERIFY(plot.changeMarks().isEmpty());
        QVERIFY(!plot.readout().contains("total loss"));
    }

    void comparedRunsMoveTheLegendsBesideThePlots() {
        QTemporaryDir dir;
        MetricsPlot plot;
        plot.resize(900, 600);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        std::vector<nemo::MetricsEvent> a, b;
        QString error;
        QVERIFY(readRunMetrics(writeRun(dir.path(), "a", {2.0, 1.5, 1.2}), &a, &error));
        QVERIFY(readRunMetrics(writeRun(dir.path(), "b", {2.2, 1.7, 1.1}), &b, &error));
        for (const auto& e : a) plot.addEvent(e);
        plot.replotNow();
        QVERIFY(!plot.legendsBeside());  // one run: a small legend in a corner
        QVERIFY(plot.addComparedRun("b", b));
        plot.replotNow();
        QVERIFY(plot.legendsBeside());
        // Beside the plots, not over them: the legend starts right of the axis rect, and the
        // three epoch axes stay aligned.
        for (QCustomPlot* p : {plot.lossPlot(), plot.ratePlot(), plot.lrPlot()}) {
            p->replot();
            QVERIFY(p->legend->outerRect().left() >= p->axisRect()->outerRect().right());
            QCOMPARE(p->axisRect()->rect().right(), plot.lossPlot()->axisRect()->rect().right());
        }
        plot.removeComparedRuns();
        QVERIFY(!plot.legendsBeside());
    }

    void etaLeavesStartUpAndPausesOut() {
        // 10 s of start-up, then 1 step per second: after 50 of 100 steps, 50 s are left (the
        // naive elapsed x left / done would say 60), and a 30 s pause changes nothing.
        EtaEstimator eta;
        QCOMPARE(eta.update(10.0, 0, 100), -1.0);  // the first report only starts the clock
        QVERIFY(std::abs(eta.update(60.0, 50, 100) - 50.0) < 1e-9);
        eta.pause(60.0);
        eta.resume(90.0);
        QVERIFY(std::abs(eta.update(100.0, 60, 100) - 40.0) < 1e-9);
        // A restarted count (a resumed run reports fewer steps) starts a new measurement.
        QCOMPARE(eta.update(101.0, 5, 100), -1.0);
        QCOMPARE(eta.update(101.5, 6, 100), -1.0);  // under a second: too little to go on
    }

    void openedRunIsSmoothedComparedAndExported() {
        QTemporaryDir dir;
        const QVector<double> losses = {2.0, 1.0, 1.5, 0.5, 0.8};
        const QString a = writeRun(dir.path(), "alpha", losses);
        const QString b = writeRun(dir.path(), "beta", {3.0, 2.5, 2.0});

        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openRun(a));
        MetricsPlot* plot = w.metricsPlot();
        QCOMPARE(plot->pointCount("loss"), 5);
        QCOMPARE(plot->pointCount("lr"), 5);
        QCOMPARE(plot->pointCount("lr_mask"), 4);  // drawn only where it differs from lr
        QCOMPARE(plot->pointCount("test_acc"), 1);

        plot->setSmoothing(0.6);
        plot->replotNow();
        const QVector<double> drawn = plot->drawnValues("loss");
        QCOMPARE(drawn.size(), 5);
        double last = 0;
        for (int i = 0; i < 5; ++i) {
            last = 0.6 * last + 0.4 * losses[i];
            QVERIFY2(std::abs(drawn[i] - last / (1 - std::pow(0.6, i + 1))) < 1e-9,
                     qPrintable(QString::number(drawn[i])));
        }
        // Learning rates and per-epoch test points are drawn as logged.
        QCOMPARE(plot->drawnValues("lr").first(), 0.05);
        QCOMPARE(plot->drawnValues("test_acc"), QVector<double>{0.8});
        // The learning-rate axis runs from zero to just above the highest rate...
        QCOMPARE(plot->lrPlot()->yAxis->range().lower, 0.0);
        QVERIFY(std::abs(plot->lrPlot()->yAxis->range().upper - 0.055) < 1e-9);
        // ... also when the rate is constant (a one-step run), not padded out to +-1.
        {
            MainWindow single;
            QVERIFY(single.openRun(writeRun(dir.path(), "single", {1.0})));
            single.metricsPlot()->replotNow();
            QVERIFY2(
                std::abs(single.metricsPlot()->lrPlot()->yAxis->range().upper - 0.055) < 1e-9,
                qPrintable(QString::number(single.metricsPlot()->lrPlot()->yAxis->range().upper)));
        }
        plot->setSmoothing(0.0);
        plot->replotNow();
        QCOMPARE(plot->drawnValues("loss"), losses);

        // A second run overlaid; the legend names both runs.
        QVERIFY(w.compareRun(b));
        QCOMPARE(plot->runCount(), 2);
        QCOMPARE(plot->drawnValues("loss", 1), (QVector<double>{3.0, 2.5, 2.0}));
        QStringList names;
        for (int g = 0; g < plot->lossPlot()->graphCount(); ++g)
            names << plot->lossPlot()->graph(g)->name();
        QVERIFY2(names.contains("total loss · NeMo · tinycnn") &&
                     names.contains("total loss · NeMo · tinycnn · beta"),
                 qPrintable(names.join(", ")));

        plot->showReadoutAt(0.6);  // step 30 of alpha
        const QString text = plot->readout();
        QVERIFY2(
            text.contains("step 30") && text.contains("total loss 1.5") && text.contains("beta:"),
            qPrintable(text));

        plot->setLogScale(true);
        QCOMPARE(plot->lossPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        plot->setLogScale(false);

        // Exports: PNG decodes, PDF has its magic, SVG is XML with <svg>, CSV has every point.
        QString error;
        QVERIFY2(plot->exportTo(dir.path() + "/c.png", &error), qPrintable(error));
        QImage png(dir.path() + "/c.png");
        QVERIFY(!png.isNull() && png.width() > 100 && png.height() > 100);
        QVERIFY2(plot->exportTo(dir.path() + "/c.pdf", &error), qPrintable(error));
        QFile pdf(dir.path() + "/c.pdf");
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.size() > 1000);
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY2(plot->exportTo(dir.path() + "/c.svg", &error), qPrintable(error));
        QFile svgFile(dir.path() + "/c.svg");
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QXmlStreamReader xml(svgText);
        QString root;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && root.isEmpty()) root = xml.name().toString();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, QString("svg"));
        QVERIFY(svgText.count("<path") + svgText.count("<polyline") > 10);
        QVERIFY2(plot->exportTo(dir.path() + "/c.csv", &error), qPrintable(error));
        QFile csv(dir.path() + "/c.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.first(), QString("run,metric,epoch,step,value,smoothed"));
        // alpha: 5 steps x 6 step metrics (loss, ce, train acc, retention, lr, lr_mask) + 2 test
        // values; beta: 3 x 6 + 2; less each run's first step, where the mask rate equals the
        // model's.
        QCOMPARE(rows.size() - 1, 5 * 6 + 2 + 3 * 6 + 2 - 2);
        QVERIFY(rows.contains("\"NeMo · tinycnn · beta\",loss,0.3333333333,10,3,3"));
        QVERIFY(!plot->exportTo(dir.path() + "/c.bmp", &error));
        QVERIFY(error.contains(".svg"));

        plot->removeComparedRuns();
        QCOMPARE(plot->runCount(), 1);
        QCOMPARE(plot->pointCount("loss"), 5);

        std::vector<nemo::MetricsEvent> events;
        QVERIFY(!readRunMetrics(dir.path() + "/missing", &events, &error));
        QVERIFY(error.contains("metrics.jsonl"));
        QVERIFY(!w.metricsPlot()->addComparedRun("empty", {}));
    }
};

QTEST_MAIN(TestTrainingTab)
#include "test_training_tab.moc"
