// The parts of a run folder's config.json that the Modules and Data tabs need, read with the
// engine's run-folder reader (nemo/run_folder.h; the run loader would load the model and the
// dataset too).
#pragma once

#include <QString>
#include <QStringList>

#include "nemo/run_folder.h"
#include "nemo/train_config.h"

struct RunSummary {
    QString runDir;
    nemo::TrainConfig config;  // as config.json holds it
    QString dataset, dataDir, model;
    QString mode;  // nemo, mwt or standard
    QStringList classNames;
    bool hasCheckpoint = false;  // checkpoints/final.pt or last.pt: something to modularize

    nemo::RunFolder folder() const { return nemo::RunFolder(runDir.toStdString()); }

    // Returns false and says why when runDir holds no readable config.json.
    static bool load(const QString& runDir, RunSummary* out, QString* error);
};

// Standard runs of `run`'s dataset with a checkpoint, the candidates for a module's baseline
// (`nemo extract --baseline`): folders beside the run (a study's runs/ holds them so) and the
// recently opened runs (QSettings "recentRuns"), each once, nearest first.
QStringList standardRunsFor(const RunSummary& run);
