#include "metric_series.h"

#include <QFile>
#include <QTextStream>
#include <cmath>

const std::vector<MetricSpec>& metricSpecs() {
    // Colours: matplotlib's tab10, so the curves look like the ones users know from notebooks.
    static const std::vector<MetricSpec> specs = {
        {"loss", QT_TRANSLATE_NOOP("MetricsPlot", "total loss"), kLossPlot, QColor(31, 119, 180),
         Sampling::SmoothedSteps},
        {"ce", QT_TRANSLATE_NOOP("MetricsPlot", "cross-entropy"), kLossPlot, QColor(255, 127, 14),
         Sampling::SmoothedSteps},
        // DeiT with a teacher: the distillation loss, which takes the cross-entropy's place in
        // the total.
        {"distillation", QT_TRANSLATE_NOOP("MetricsPlot", "distillation"), kLossPlot,
         QColor(227, 119, 194), Sampling::SmoothedSteps},
        {"contrastive", QT_TRANSLATE_NOOP("MetricsPlot", "contrastive"), kLossPlot,
         QColor(44, 160, 44), Sampling::SmoothedSteps},
        {"cohesion", QT_TRANSLATE_NOOP("MetricsPlot", "cohesion loss"), kLossPlot,
         QColor(148, 103, 189), Sampling::SmoothedSteps},
        {"coupling", QT_TRANSLATE_NOOP("MetricsPlot", "coupling loss"), kLossPlot,
         QColor(140, 86, 75), Sampling::SmoothedSteps},
        {"test_loss", QT_TRANSLATE_NOOP("MetricsPlot", "test loss"), kLossPlot,
         QColor(127, 127, 127), Sampling::PerEpoch},
        {"train_acc", QT_TRANSLATE_NOOP("MetricsPlot", "train accuracy"), kAccuracyPlot,
         QColor(31, 119, 180), Sampling::SmoothedSteps},
        {"retention", QT_TRANSLATE_NOOP("MetricsPlot", "neuron retention"), kAccuracyPlot,
         QColor(214, 39, 40), Sampling::SmoothedSteps},
        {"test_acc", QT_TRANSLATE_NOOP("MetricsPlot", "test accuracy"), kAccuracyPlot,
         QColor(23, 190, 207), Sampling::PerEpoch},
        {"lr", QT_TRANSLATE_NOOP("MetricsPlot", "learning rate"), kLearningRatePlot,
         QColor(31, 119, 180), Sampling::RawSteps},
        {"lr_mask", QT_TRANSLATE_NOOP("MetricsPlot", "mask learning rate"), kLearningRatePlot,
         QColor(255, 127, 14), Sampling::RawSteps},
    };
    return specs;
}

void MetricsRun::add(const nemo::MetricsEvent& e) {
    const double x = e.stepsPerEpoch > 0 ? e.epoch + double(e.step) / e.stepsPerEpoch : e.epoch + 1;
    auto put = [&](const char* key, double y) {
        if (!std::isfinite(y)) return;
        const auto& specs = metricSpecs();
        for (size_t i = 0; i < specs.size(); ++i) {
            if (qstrcmp(specs[i].key, key) != 0) continue;
            MetricSeries& s = series[i];
            // A resumed run repeats the steps after its last checkpoint: keep keys increasing.
            while (!s.keys.isEmpty() && s.keys.last() >= x) {
                s.keys.removeLast();
                s.values.removeLast();
                s.steps.removeLast();
            }
            s.keys << x;
            s.values << y;
            s.steps << e.globalStep;
            return;
        }
    };
    if (e.kind == nemo::MetricsEvent::Kind::Change) {
        // A resumed run repeats the steps after its checkpoint, and their changes with them.
        while (!changes.empty() && changes.back().x >= x) changes.pop_back();
        changes.push_back({x, QString::fromStdString(e.change)});
        return;
    }
    if (e.kind == nemo::MetricsEvent::Kind::Step) {
        put("loss", e.loss);
        put("ce", e.crossEntropy);
        put("distillation", e.distillation);
        put("contrastive", e.contrastive);
        // The engine logs the cosine cohesion and coupling of every masked run, but only MwT
        // trains on them: in a NeMo run (it has a contrastive loss) they would read as parts of
        // its loss.
        if (!std::isfinite(e.contrastive)) {
            put("cohesion", e.cohesionLoss);
            put("coupling", e.couplingLoss);
        }
        put("train_acc", e.accuracy);
        put("retention", e.retention);
        put("lr", e.lr);
        // The generators' rate usually equals the model's (same value, same schedule): a second,
        // identical line would only crowd the small plot, so it is kept only where it differs.
        if (e.lrMask != e.lr) put("lr_mask", e.lrMask);
    } else if (e.phase == "test") {
        put("test_acc", e.accuracy);
        put("test_loss", e.loss);
    }
}

bool MetricsRun::empty() const {
    for (const MetricSeries& s : series)
        if (!s.keys.isEmpty()) return false;
    return true;
}

QVector<double> emaSmooth(const QVector<double>& values, double weight) {
    QVector<double> out(values.size());
    double last = 0.0;
    int n = 0;
    for (int i = 0; i < values.size(); ++i) {
        const double y = values[i];
        if (!std::isfinite(y)) {
            out[i] = y;
            continue;
        }
        last = last * weight + (1.0 - weight) * y;
        ++n;
        const double debias = weight >= 1.0 ? 1.0 : 1.0 - std::pow(weight, n);
        out[i] = debias > 0.0 ? last / debias : y;
    }
    return out;
}

bool writeMetricsCsv(const QString& path, const std::vector<const MetricsRun*>& runs, double weight,
                     QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        if (error) *error = file.errorString();
        return false;
    }
    QTextStream out(&file);
    out << "run,metric,epoch,step,value,smoothed\n";
    auto quoted = [](QString s) {
        s.replace('"', "\"\"");
        return '"' + s + '"';
    };
    const auto& specs = metricSpecs();
    for (const MetricsRun* run : runs) {
        for (size_t i = 0; i < specs.size(); ++i) {
            const MetricSeries& s = run->series[i];
            const QVector<double> smooth =
                specs[i].smoothable() ? emaSmooth(s.values, weight) : s.values;
            for (int p = 0; p < s.keys.size(); ++p) {
                out << quoted(run->name) << ',' << specs[i].key << ','
                    << QString::number(s.keys[p], 'g', 10) << ',' << s.steps[p] << ','
                    << QString::number(s.values[p], 'g', 10) << ','
                    << QString::number(smooth[p], 'g', 10) << '\n';
            }
        }
    }
    out.flush();
    if (file.error() != QFile::NoError) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}
