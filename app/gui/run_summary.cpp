#include "run_summary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include "nemo/run_folder.h"

namespace {
struct RunSummaryText {
    Q_DECLARE_TR_FUNCTIONS(RunSummary)
};
}  // namespace

bool RunSummary::load(const QString& runDir, RunSummary* out, QString* error) {
    nemo::RunConfigFile file;
    try {
        file = nemo::readRunConfig(runDir.toStdString());
    } catch (const nemo::RunFileError& e) {
        if (error)
            *error = RunSummaryText::tr(
                         "%1 holds no readable run (%2). Open a folder written by "
                         "a training run.")
                         .arg(runDir, QString::fromStdString(e.what()));
        return false;
    }
    RunSummary s;
    s.runDir = runDir;
    s.config = file.config;
    s.dataset = QString::fromStdString(file.config.dataset);
    s.dataDir = QString::fromStdString(file.config.dataDir);
    s.model = QString::fromStdString(file.config.model);
    s.mode = QString::fromStdString(nemo::toString(file.config.mode));
    for (const std::string& name : file.classNames) s.classNames << QString::fromStdString(name);
    s.hasCheckpoint = nemo::RunFolder(runDir.toStdString()).hasCheckpoint();
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
