#include "run_summary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace {
struct RunSummaryText {
    Q_DECLARE_TR_FUNCTIONS(RunSummary)
};
}  // namespace

bool RunSummary::load(const QString& runDir, RunSummary* out, QString* error) {
    QFile file(runDir + "/config.json");
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = RunSummaryText::tr(
                         "%1 holds no run (config.json is missing). Open a folder "
                         "written by a training run.")
                         .arg(runDir);
        return false;
    }
    const QJsonObject c = QJsonDocument::fromJson(file.readAll()).object();
    RunSummary s;
    s.runDir = runDir;
    s.dataset = c["dataset"].toString();
    s.dataDir = c["data_dir"].toString();
    s.model = c["model"].toString();
    s.mode = c["mode"].toString();
    for (const QJsonValue& n : c["class_names"].toArray()) s.classNames << n.toString();
    s.hasCheckpoint = QFile::exists(runDir + "/checkpoints/final.pt") ||
                      QFile::exists(runDir + "/checkpoints/last.pt");
    if (s.dataset.isEmpty()) {
        if (error)
            *error = RunSummaryText::tr("%1/config.json names no dataset; it may be damaged.")
                         .arg(runDir);
        return false;
    }
    *out = s;
    return true;
}

QStringList standardRunsFor(const RunSummary& run) {
    QStringList candidates;
    const QDir parent = QFileInfo(run.runDir).absoluteDir();
    for (const QFileInfo& dir : parent.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        candidates << dir.absoluteFilePath();
    for (const QString& recent : QSettings().value("recentRuns").toStringList())
        candidates << QFileInfo(recent).absoluteFilePath();
    QStringList found;
    for (const QString& dir : candidates) {
        RunSummary s;
        if (found.contains(dir) || !RunSummary::load(dir, &s, nullptr)) continue;
        if (s.mode == "standard" && s.dataset == run.dataset && s.hasCheckpoint) found << dir;
    }
    return found;
}
