#include "run_metrics.h"

#include <QCoreApplication>

#include "nemo/run_folder.h"

namespace {
struct RunMetricsText {
    Q_DECLARE_TR_FUNCTIONS(RunMetrics)
};
}  // namespace

bool readRunMetrics(const QString& runDir, std::vector<nemo::MetricsEvent>* events,
                    QString* error) {
    const nemo::RunFolder run(runDir.toStdString());
    try {
        if (!run.hasConfig()) throw nemo::RunFileError("no config.json");
        *events = nemo::readMetricsFile(run.metricsPath());
    } catch (const nemo::RunFileError&) {
        if (error)
            *error = RunMetricsText::tr(
                         "%1 holds no training metrics (metrics.jsonl is "
                         "missing). Choose a folder written by a training run.")
                         .arg(runDir);
        return false;
    }
    if (events->empty()) {
        if (error)
            *error = RunMetricsText::tr(
                         "%1 has no metrics yet. Compare it once it has trained "
                         "for a few steps.")
                         .arg(runDir);
        return false;
    }
    return true;
}
