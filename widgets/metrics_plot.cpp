#include "metrics_plot.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "plot_export.h"

namespace {

QCustomPlot* makePlot(const QString& yLabel, QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->xAxis->setLabel(MetricsPlot::tr("epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setMouseTracking(true);
    plot->setMinimumHeight(120);
    // The same left margin on every plot keeps their epoch axes aligned under each other.
    plot->axisRect()->setAutoMargins(QCP::msRight | QCP::msTop | QCP::msBottom);
    plot->axisRect()->setMargins(QMargins(72, 0, 0, 0));
    return plot;
}

// Runs differ by line style (step curves) and marker shape (per-epoch points); the colour
// stays the metric's, so "which metric" and "which run" can both be read at a glance.
Qt::PenStyle runLine(int run) {
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine,
                                          Qt::DashDotDotLine};
    return styles[run % 5];
}

QCPScatterStyle::ScatterShape runMarker(int run) {
    static const QCPScatterStyle::ScatterShape shapes[] = {
        QCPScatterStyle::ssDisc, QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
        QCPScatterStyle::ssDiamond, QCPScatterStyle::ssCross};
    return shapes[run % 5];
}

// Index of the point nearest to x in sorted keys, or -1 when none lies within tolerance.
int nearest(const QVector<double>& keys, double x, double tolerance) {
    if (keys.isEmpty()) return -1;
    const auto it = std::lower_bound(keys.begin(), keys.end(), x);
    int best = -1;
    double bestDistance = tolerance;
    for (auto c : {it - 1, it}) {
        if (c < keys.begin() || c >= keys.end()) continue;
        const double d = std::abs(*c - x);
        if (d <= bestDistance) {
            bestDistance = d;
            best = int(c - keys.begin());
        }
    }
    return best;
}

}  // namespace

MetricsPlot::MetricsPlot(QWidget* parent) : QWidget(parent) {
    plots_[kLossPlot] = makePlot(tr("loss"), this);
    plots_[kAccuracyPlot] = makePlot(tr("accuracy / retention"), this);
    plots_[kLearningRatePlot] = makePlot(tr("learning rate"), this);
    plots_[kAccuracyPlot]->yAxis->setRange(0, 1.02);
    // Accuracy climbs and retention falls towards the middle: the bottom right stays free.
    plots_[kAccuracyPlot]->axisRect()->insetLayout()->setInsetAlignment(
        0, Qt::AlignBottom | Qt::AlignRight);
    plots_[kLearningRatePlot]->yAxis->setNumberFormat("gb");

    for (int i = 0; i < kMetricPlotCount; ++i) {
        QCustomPlot* plot = plots_[i];
        cursor_[i] = new QCPItemStraightLine(plot);
        cursor_[i]->setPen(QPen(QColor(0, 0, 0, 90), 1, Qt::DotLine));
        cursor_[i]->setVisible(false);
        // One epoch axis for all plots: zooming or panning one moves the others.
        connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this, i](const QCPRange& range) {
                    for (int j = 0; j < 3; ++j)
                        if (j != i && plots_[j]->xAxis->range() != range) {
                            plots_[j]->xAxis->setRange(range);
                            plots_[j]->replot(QCustomPlot::rpQueuedReplot);
                        }
                });
        connect(plot, &QCustomPlot::mousePress, this, [this] { userView_ = true; });
        connect(plot, &QCustomPlot::mouseWheel, this, [this] { userView_ = true; });
        connect(plot, &QCustomPlot::mouseDoubleClick, this, [this] {
            userView_ = false;
            rescale();
            for (QCustomPlot* p : plots_) p->replot();
        });
        connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent* e) {
            showReadoutAt(plot->xAxis->pixelToCoord(e->position().x()));
        });
        plot->setToolTip(
            tr("Wheel: zoom. Drag: pan. Double-click: show everything and follow new points."));
    }

    smoothSlider_ = new QSlider(Qt::Horizontal);
    smoothSlider_->setRange(0, 99);
    smoothSlider_->setValue(int(std::lround(smoothing_ * 100)));
    smoothSlider_->setMinimumWidth(100);
    smoothSlider_->setMaximumWidth(180);
    smoothSlider_->setToolTip(
        tr("Exponential moving average of the training curves, as in TensorBoard; the raw "
           "curve stays faint behind it. 0: no smoothing."));
    smoothLabel_ = new QLabel;
    smoothLabel_->setMinimumWidth(32);
    connect(smoothSlider_, &QSlider::valueChanged, this,
            [this](int v) { setSmoothing(v / 100.0); });
    logBox_ = new QCheckBox(tr("Log scale"));
    logBox_->setToolTip(tr("Logarithmic y axis for the losses"));
    connect(logBox_, &QCheckBox::toggled, this, &MetricsPlot::setLogScale);
    auto* compare = new QPushButton(tr("Compare run..."));
    compare->setToolTip(tr("Add another run folder's curves to these plots"));
    connect(compare, &QPushButton::clicked, this, &MetricsPlot::compareRequested);
    removeCompared_ = new QPushButton(tr("Remove compared"));
    removeCompared_->setToolTip(tr("Remove the runs added for comparison"));
    removeCompared_->setEnabled(false);
    connect(removeCompared_, &QPushButton::clicked, this, &MetricsPlot::removeComparedRuns);
    auto* exportButton = new QPushButton(tr("Export..."));
    exportButton->setToolTip(tr("Save the plots as PNG, PDF or SVG, or every point as CSV"));
    connect(exportButton, &QPushButton::clicked, this, &MetricsPlot::exportWithDialog);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Smoothing")));
    controls->addWidget(smoothSlider_);
    controls->addWidget(smoothLabel_);
    controls->addWidget(logBox_);
    controls->addStretch();
    controls->addWidget(compare);
    controls->addWidget(removeCompared_);
    controls->addWidget(exportButton);

    readout_ = new QLabel(tr("Hover over a plot to read the values at that point."));
    readout_->setWordWrap(true);
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    readout_->setMinimumHeight(2 * readout_->fontMetrics().height());
    readout_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(plots_[kLossPlot], 5);
    layout->addWidget(plots_[kAccuracyPlot], 5);
    layout->addWidget(plots_[kLearningRatePlot], 3);
    layout->addWidget(readout_);

    runs_.emplace_back();
    setSmoothing(smoothing_);
    // Coalesce repaints: events may arrive every few milliseconds during training.
    replotTimer_.setInterval(50);
    replotTimer_.setSingleShot(true);
    connect(&replotTimer_, &QTimer::timeout, this, &MetricsPlot::replotNow);
}

void MetricsPlot::clear() {
    RunGraphs& run = runs_[0];
    for (auto* list : {&run.raw, &run.smooth})
        for (QCPGraph* g : *list)
            if (g) g->parentPlot()->removeGraph(g);
    const QString name = run.data.name;
    run = RunGraphs();
    run.data.name = name;
    userView_ = false;
    // The hover read-out and cursor spoke of the previous curves.
    readout_->setText(tr("Hover over a plot to read the values at that point."));
    for (QCPItemStraightLine* c : cursor_) c->setVisible(false);
    replotNow();
}

void MetricsPlot::setRunName(const QString& name) {
    runs_[0].data.name = name;
    updateNames();
}

void MetricsPlot::addEvent(const nemo::MetricsEvent& e) {
    runs_[0].data.add(e);
    runs_[0].dirty = true;
    scheduleReplot();
}

bool MetricsPlot::addComparedRun(const QString& name,
                                 const std::vector<nemo::MetricsEvent>& events) {
    RunGraphs run;
    run.data.name = name;
    for (const auto& e : events) run.data.add(e);
    if (run.data.empty()) return false;
    runs_.push_back(std::move(run));
    removeCompared_->setEnabled(true);
    userView_ = false;
    updateNames();
    replotNow();
    return true;
}

void MetricsPlot::removeComparedRuns() {
    for (size_t r = 1; r < runs_.size(); ++r)
        for (auto* list : {&runs_[r].raw, &runs_[r].smooth})
            for (QCPGraph* g : *list)
                if (g) g->parentPlot()->removeGraph(g);
    runs_.resize(1);
    removeCompared_->setEnabled(false);
    updateNames();
    replotNow();
}

void MetricsPlot::setSmoothing(double weight) {
    smoothing_ = std::clamp(weight, 0.0, 0.99);
    smoothLabel_->setText(QString::number(smoothing_, 'f', 2));
    {
        const QSignalBlocker blocker(smoothSlider_);
        smoothSlider_->setValue(int(std::lround(smoothing_ * 100)));
    }
    for (RunGraphs& run : runs_) run.dirty = true;
    scheduleReplot();
}

void MetricsPlot::setLogScale(bool on) {
    {
        const QSignalBlocker blocker(logBox_);
        logBox_->setChecked(on);
    }
    QCPAxis* y = plots_[kLossPlot]->yAxis;
    y->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        y->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        y->setTicker(QSharedPointer<QCPAxisTicker>::create());
    rescale();
    plots_[kLossPlot]->replot();
}

void MetricsPlot::ensureGraphs(int r, size_t m) {
    RunGraphs& run = runs_[size_t(r)];
    if (run.smooth.size() != metricSpecs().size()) {
        run.smooth.assign(metricSpecs().size(), nullptr);
        run.raw.assign(metricSpecs().size(), nullptr);
    }
    if (run.smooth[m]) return;
    const MetricSpec& spec = metricSpecs()[m];
    QCustomPlot* plot = plots_[spec.plot];
    if (spec.smoothable()) {
        // The raw curve stays faint behind the smoothed one and out of the legend.
        QCPGraph* raw = plot->addGraph();
        QColor faint = spec.color;
        faint.setAlpha(60);
        raw->setPen(QPen(faint, 1.0, runLine(r)));
        raw->removeFromLegend();
        run.raw[m] = raw;
    }
    QCPGraph* g = plot->addGraph();
    QPen pen(spec.color, 1.8, runLine(r));
    if (spec.perEpoch()) {
        // Test values come once per epoch: each a marker joined by a dashed line.
        pen.setStyle(r == 0 ? Qt::DashLine : runLine(r));
        g->setScatterStyle(QCPScatterStyle(runMarker(r), spec.color, spec.color, 7));
    }
    g->setPen(pen);
    run.smooth[m] = g;
    updateNames();
}

void MetricsPlot::updateNames() {
    const bool several = runs_.size() > 1;
    for (const RunGraphs& run : runs_) {
        for (size_t m = 0; m < run.smooth.size(); ++m) {
            if (!run.smooth[m]) continue;
            QString name = tr(metricSpecs()[m].label);
            if (several && !run.data.name.isEmpty()) name += QString(" · ") + run.data.name;
            run.smooth[m]->setName(name);
        }
    }
}

void MetricsPlot::refreshGraphs() {
    const auto& specs = metricSpecs();
    for (int r = 0; r < int(runs_.size()); ++r) {
        if (!runs_[size_t(r)].dirty) continue;
        for (size_t m = 0; m < specs.size(); ++m) {
            const MetricSeries& s = runs_[size_t(r)].data.series[m];
            if (s.keys.isEmpty()) continue;
            ensureGraphs(r, m);
            RunGraphs& run = runs_[size_t(r)];
            const bool smooth = specs[m].smoothable() && smoothing_ > 0.0;
            run.smooth[m]->setData(s.keys, smooth ? emaSmooth(s.values, smoothing_) : s.values,
                                   true);
            if (run.raw[m]) {
                run.raw[m]->setData(s.keys, s.values, true);
                run.raw[m]->setVisible(smooth);
            }
        }
        runs_[size_t(r)].dirty = false;
    }
}

void MetricsPlot::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) fitToFonts();
}

void MetricsPlot::fitToFonts() {
    // Larger text (presenter mode) needs a wider left margin for the tick labels, the same on
    // every plot so their epoch axes stay aligned, and taller plots, so ticks and legends keep
    // their room; the page scrolls instead.
    const QFontMetrics ticks(plots_[kLossPlot]->yAxis->tickLabelFont());
    const QFontMetrics label(plots_[kLossPlot]->yAxis->labelFont());
    const int margin = std::max(72, ticks.horizontalAdvance("0.000") + label.height() + 28);
    for (int i = 0; i < kMetricPlotCount; ++i) {
        plots_[i]->axisRect()->setMargins(QMargins(margin, 0, 0, 0));
        plots_[i]->setMinimumHeight(
            std::max(120, (i == kLearningRatePlot ? 6 : 9) * ticks.height()));
        plots_[i]->replot(QCustomPlot::rpQueuedReplot);
    }
}

bool MetricsPlot::legendsBeside() const {
    QCPLayoutGrid* grid = plots_[kLossPlot]->plotLayout();
    return grid->columnCount() > 1 && grid->element(0, 1) == plots_[kLossPlot]->legend;
}

void MetricsPlot::placeLegends() {
    // One run: a small legend in a corner. Compared runs: an entry per metric and run, which
    // would cover the curves, so the legends move to a column beside the plots, all as wide as
    // the widest so the three epoch axes stay aligned.
    const bool beside = runs_.size() > 1;
    for (int i = 0; i < kMetricPlotCount; ++i) {
        QCustomPlot* plot = plots_[i];
        QCPLayoutGrid* grid = plot->plotLayout();
        QCPLayoutInset* inset = plot->axisRect()->insetLayout();
        const bool isBeside = grid->columnCount() > 1 && grid->element(0, 1) == plot->legend;
        if (beside && !isBeside) {
            inset->take(plot->legend);
            inset->simplify();
            grid->addElement(0, 1, plot->legend);
            grid->setColumnStretchFactor(1, 0.001);
        } else if (!beside && isBeside) {
            grid->take(plot->legend);
            grid->simplify();
            plot->legend->setMinimumSize(0, 0);
            inset->addElement(plot->legend, i == 1 ? Qt::AlignBottom | Qt::AlignRight
                                                   : Qt::AlignTop | Qt::AlignRight);
        }
    }
    if (!beside) return;
    int widest = 0;
    for (QCustomPlot* plot : plots_) {
        plot->legend->setMinimumSize(0, 0);
        widest = std::max(widest, plot->legend->minimumOuterSizeHint().width());
    }
    for (QCustomPlot* plot : plots_) plot->legend->setMinimumSize(widest, 0);
}

void MetricsPlot::refreshChangeMarks() {
    for (QCPAbstractItem* item : changeItems_) item->parentPlot()->removeItem(item);
    changeItems_.clear();
    // A dashed line through all three plots where run 0's settings changed, named on the loss
    // plot: a curve that bends there has a reason.
    const QColor colour(230, 120, 0);
    for (const MetricsRun::Change& c : runs_[0].data.changes) {
        for (QCustomPlot* plot : plots_) {
            auto* line = new QCPItemStraightLine(plot);
            line->setPen(QPen(colour, 1.2, Qt::DashLine));
            line->point1->setCoords(c.x, 0);
            line->point2->setCoords(c.x, 1);
            line->setSelectable(false);
            changeItems_.push_back(line);
        }
        auto* label = new QCPItemText(plots_[kLossPlot]);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(c.x, 0.02);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setText(c.text);
        label->setColor(colour.darker(130));
        label->setFont(QFont(font().family(), 8));
        label->setPadding(QMargins(3, 0, 0, 0));
        label->setSelectable(false);
        changeItems_.push_back(label);
    }
}

QStringList MetricsPlot::changeMarks() const {
    QStringList texts;
    for (QCPAbstractItem* item : changeItems_)
        if (auto* label = qobject_cast<QCPItemText*>(item)) texts << label->text();
    return texts;
}

void MetricsPlot::rescale() {
    if (userView_) return;
    bool any = false;
    QCPRange x;
    for (QCustomPlot* plot : plots_) {
        bool found = false;
        for (int g = 0; g < plot->graphCount(); ++g) {
            const QCPRange r = plot->graph(g)->getKeyRange(found, QCP::sdBoth);
            if (!found) continue;
            x = any ? QCPRange(qMin(x.lower, r.lower), qMax(x.upper, r.upper)) : r;
            any = true;
        }
    }
    if (!any) return;
    if (x.size() <= 0) x = QCPRange(x.lower - 0.5, x.upper + 0.5);
    for (QCustomPlot* plot : plots_) plot->xAxis->setRange(x);
    plots_[kLossPlot]->yAxis->rescale(true);
    // Learning rates are best read from zero up (a cosine schedule ends near zero). The top comes
    // from the data: an axis rescaled to a constant rate (a one-epoch run) would pad it to +-1.
    double top = 0;
    for (int g = 0; g < plots_[kLearningRatePlot]->graphCount(); ++g) {
        bool found = false;
        const QCPRange r = plots_[kLearningRatePlot]->graph(g)->getValueRange(found, QCP::sdBoth);
        if (found) top = qMax(top, r.upper);
    }
    plots_[kLearningRatePlot]->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
}

void MetricsPlot::replotNow() {
    const bool marksDirty = runs_[0].dirty;
    refreshGraphs();
    if (marksDirty) refreshChangeMarks();
    placeLegends();
    rescale();
    for (QCustomPlot* plot : plots_) {
        // An empty legend would draw as an empty white box over the plot.
        plot->legend->setVisible(plot->legend->itemCount() > 0);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void MetricsPlot::scheduleReplot() {
    if (!replotTimer_.isActive()) replotTimer_.start();
}

int MetricsPlot::specIndex(const QString& key) const {
    const auto& specs = metricSpecs();
    for (size_t i = 0; i < specs.size(); ++i)
        if (key == specs[i].key) return int(i);
    return -1;
}

int MetricsPlot::pointCount(const QString& series) const {
    const int m = specIndex(series);
    return m < 0 ? 0 : runs_[0].data.series[size_t(m)].keys.size();
}

QVector<double> MetricsPlot::drawnValues(const QString& series, int run) const {
    const int m = specIndex(series);
    if (m < 0 || run < 0 || run >= int(runs_.size())) return {};
    const RunGraphs& r = runs_[size_t(run)];
    if (size_t(m) >= r.smooth.size() || !r.smooth[size_t(m)]) return {};
    QVector<double> values;
    for (const QCPGraphData& d : *r.smooth[size_t(m)]->data()) values << d.value;
    return values;
}

void MetricsPlot::showReadoutAt(double x) {
    refreshGraphs();
    const QCPRange visible = plots_[kLossPlot]->xAxis->range();
    const double tolerance = std::max(visible.size() * 0.02, 1e-9);
    const auto& specs = metricSpecs();
    long long step = -1;
    QStringList lines;
    for (const RunGraphs& run : runs_) {
        QStringList parts;
        for (size_t m = 0; m < specs.size(); ++m) {
            if (m >= run.smooth.size() || !run.smooth[m]) continue;
            const MetricSeries& s = run.data.series[m];
            // Step curves answer within one logging interval, epoch markers only close by.
            const double spacing =
                s.keys.size() > 1 ? (s.keys.last() - s.keys.first()) / (s.keys.size() - 1) : 0;
            const int i = nearest(s.keys, x, specs[m].perEpoch() ? tolerance : tolerance + spacing);
            if (i < 0) continue;
            if (step < 0 && !specs[m].perEpoch()) step = s.steps[i];
            // The drawn value: smoothed where the curve is smoothed.
            const double v = (run.smooth[m]->data()->constBegin() + i)->value;
            parts << QStringLiteral("%1 %2").arg(tr(specs[m].label)).arg(v, 0, 'g', 4);
        }
        if (parts.isEmpty()) continue;
        const QString prefix = runs_.size() > 1 ? run.data.name + ": " : QString();
        lines << prefix + parts.join(QStringLiteral(" · "));
    }
    QString head = tr("epoch %1").arg(x, 0, 'f', 2);
    if (step >= 0) head += tr(", step %1").arg(step);
    readout_->setText(lines.isEmpty() ? head : head + "\n" + lines.join('\n'));
    // One line per run: grow with them rather than cut the compared runs off.
    readout_->setMinimumHeight(std::max(2 * readout_->fontMetrics().height(),
                                        readout_->heightForWidth(readout_->width())));
    for (int i = 0; i < kMetricPlotCount; ++i) {
        cursor_[i]->point1->setCoords(x, 0);
        cursor_[i]->point2->setCoords(x, 1);
        cursor_[i]->setVisible(true);
        plots_[i]->replot(QCustomPlot::rpQueuedReplot);
    }
}

QString MetricsPlot::readout() const {
    return readout_->text();
}

bool MetricsPlot::exportTo(const QString& path, QString* error) {
    if (QFileInfo(path).suffix().compare("csv", Qt::CaseInsensitive) == 0) {
        std::vector<const MetricsRun*> runs;
        for (const RunGraphs& r : runs_) runs.push_back(&r.data);
        return writeMetricsCsv(path, runs, smoothing_, error);
    }
    replotNow();
    for (QCPItemStraightLine* c : cursor_) c->setVisible(false);  // not part of a figure
    // The title names the runs drawn (method and model), as the legend does.
    QStringList names;
    for (const RunGraphs& r : runs_)
        if (!r.data.name.isEmpty()) names << r.data.name;
    return exportPlots(
        {plots_[kLossPlot], plots_[kAccuracyPlot], plots_[kLearningRatePlot]}, path, error,
        names.isEmpty() ? QString() : tr("Training curves: %1").arg(names.join(tr(" vs "))));
}

void MetricsPlot::exportWithDialog() {
    const QString png = tr("PNG image (*.png)"), pdf = tr("PDF document (*.pdf)"),
                  svg = tr("SVG drawing (*.svg)"), csv = tr("CSV table, every point (*.csv)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export training curves"),
        runs_[0].data.name.isEmpty() ? QStringLiteral("curves") : runs_[0].data.name,
        QStringList{png, pdf, svg, csv}.join(";;"), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) {
        path += filter == pdf ? ".pdf" : filter == svg ? ".svg" : filter == csv ? ".csv" : ".png";
    }
    QString error;
    if (!exportTo(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
}
