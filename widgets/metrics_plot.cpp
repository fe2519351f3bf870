#include "metrics_plot.h"

#include <QVBoxLayout>
#include <cmath>

#include <qcustomplot.h>

namespace {

QCustomPlot* makePlot(const QString& yLabel, QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->xAxis->setLabel(MetricsPlot::tr("epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setMinimumHeight(160);
    return plot;
}

}  // namespace

MetricsPlot::MetricsPlot(QWidget* parent) : QWidget(parent) {
    loss_ = makePlot(tr("loss"), this);
    rate_ = makePlot(tr("accuracy / retention"), this);
    rate_->yAxis->setRange(0, 1.02);
    // Accuracy climbs and retention falls towards the middle: the bottom right stays free.
    rate_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(loss_, 1);
    layout->addWidget(rate_, 1);
    // Coalesce repaints: events may arrive every few milliseconds during training.
    replotTimer_.setInterval(50);
    replotTimer_.setSingleShot(true);
    connect(&replotTimer_, &QTimer::timeout, this, [this] {
        for (QCustomPlot* plot : {loss_, rate_}) {
            plot->xAxis->rescale();
            if (plot == loss_) plot->yAxis->rescale();
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

void MetricsPlot::clear() {
    for (QCustomPlot* plot : {loss_, rate_}) {
        plot->clearGraphs();
        plot->replot();
    }
    graphs_.clear();
}

QCPGraph* MetricsPlot::graph(QCustomPlot* plot, const QString& key, const QString& label,
                             const QColor& color, bool dashed) {
    if (QCPGraph* g = graphs_.value(key)) return g;
    QCPGraph* g = plot->addGraph();
    g->setName(label);
    QPen pen(color, 1.8);
    if (dashed) {
        // Test-set values come once per epoch: show each as a marker joined by a dashed line.
        pen.setStyle(Qt::DashLine);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 7));
    }
    g->setPen(pen);
    graphs_.insert(key, g);
    return g;
}

void MetricsPlot::add(QCustomPlot* plot, const QString& key, const QString& label,
                      const QColor& color, double x, double y, bool dashed) {
    if (!std::isfinite(y)) return;
    graph(plot, key, label, color, dashed)->addData(x, y);
}

void MetricsPlot::addEvent(const nemo::MetricsEvent& e) {
    const double x = e.stepsPerEpoch > 0 ? e.epoch + double(e.step) / e.stepsPerEpoch : e.epoch + 1;
    if (e.kind == nemo::MetricsEvent::Kind::Step) {
        add(loss_, "loss", tr("total loss"), QColor(31, 119, 180), x, e.loss);
        add(loss_, "ce", tr("cross-entropy"), QColor(255, 127, 14), x, e.crossEntropy);
        add(loss_, "contrastive", tr("contrastive"), QColor(44, 160, 44), x, e.contrastive);
        add(loss_, "cohesion", tr("cohesion loss"), QColor(148, 103, 189), x, e.cohesionLoss);
        add(loss_, "coupling", tr("coupling loss"), QColor(140, 86, 75), x, e.couplingLoss);
        add(rate_, "train_acc", tr("train accuracy"), QColor(31, 119, 180), x, e.accuracy);
        add(rate_, "retention", tr("neuron retention"), QColor(214, 39, 40), x, e.retention);
    } else if (e.phase == "test") {
        add(rate_, "test_acc", tr("test accuracy"), QColor(23, 190, 207), x, e.accuracy, true);
        add(loss_, "test_loss", tr("test loss"), QColor(127, 127, 127), x, e.loss, true);
    }
    scheduleReplot();
}

int MetricsPlot::pointCount(const QString& series) const {
    QCPGraph* g = graphs_.value(series);
    return g ? g->dataCount() : 0;
}

void MetricsPlot::scheduleReplot() {
    if (!replotTimer_.isActive()) replotTimer_.start();
}
