#include "run_metrics.h"

#include <QCoreApplication>
#include <QFile>

namespace {
struct RunMetricsText {
    Q_DECLARE_TR_FUNCTIONS(RunMetrics)
};
}  // namespace

bool readRunMetrics(const QString& runDir, std::vector<nemo::MetricsEvent>* events,
                    QString* error) {
    QFile file(runDir + "/metrics.jsonl");
    if (!QFile::exists(runDir + "/config.json") || !file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = RunMetricsText::tr(
                         "%1 holds no training metrics (metrics.jsonl is "
                         "missing). Choose a folder written by a training run.")
                         .arg(runDir);
        return false;
    }
    events->clear();
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        nemo::MetricsEvent event;
        if (!line.isEmpty() && nemo::fromJsonLine(line.toStdString(), &event))
            events->push_back(event);
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
