// The curves of one run as plain data: which metric goes on which plot, the points of each, and
// TensorBoard's de-biased exponential moving average. No widgets, so it is easy to test.
#pragma once

#include <QColor>
#include <QString>
#include <QVector>
#include <vector>

#include "nemo/metrics_event.h"

// The Training tab's three plots, top to bottom.
enum MetricPlot { kLossPlot, kAccuracyPlot, kLearningRatePlot, kMetricPlotCount };

// How a series is drawn. Per-step values are smoothed (TensorBoard's EMA, the raw curve kept
// faint), except the learning rates, which are set rather than measured. Per-epoch series (test
// values) have one point an epoch and are never smoothed: an EMA over a handful of points would
// only lag them.
enum class Sampling { SmoothedSteps, RawSteps, PerEpoch };

// What the Training tab can draw.
struct MetricSpec {
    const char* key;
    const char* label;  // untranslated; MetricsPlot::tr() translates it
    MetricPlot plot;
    QColor color;
    Sampling sampling;
    bool perEpoch() const { return sampling == Sampling::PerEpoch; }
    bool smoothable() const { return sampling == Sampling::SmoothedSteps; }
};
const std::vector<MetricSpec>& metricSpecs();

struct MetricSeries {
    QVector<double> keys;  // epochs, fractional within an epoch
    QVector<double> values;
    QVector<long long> steps;  // global training step of each point
};

// One run's series, in metricSpecs() order (empty where the run has no such value).
struct MetricsRun {
    QString name;
    std::vector<MetricSeries> series = std::vector<MetricSeries>(metricSpecs().size());
    // Settings changed while the run trained (MetricsEvent::Kind::Change): where, and what.
    struct Change {
        double x;
        QString text;
    };
    std::vector<Change> changes;
    void add(const nemo::MetricsEvent& event);
    bool empty() const;
};

// TensorBoard's smoothing: last = w * last + (1 - w) * y, divided by (1 - w^n) so that the
// start is not pulled towards zero. Non-finite values pass through and do not enter the average.
QVector<double> emaSmooth(const QVector<double>& values, double weight);

// Every point of every run as long-format CSV: run,metric,epoch,step,value,smoothed.
// Returns false and says why when the file cannot be written.
bool writeMetricsCsv(const QString& path, const std::vector<const MetricsRun*>& runs, double weight,
                     QString* error);
