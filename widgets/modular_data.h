// What `nemo modularize` and `nemo extract` leave in a run folder (RUN/modular/*.json,
// RUN/modules/*/module.json) as the views want it (Qt strings). The files are read by the engine's
// own readers (nemo/run_folder.h, no LibTorch), so the schema is defined once.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "nemo/modules.h"

// RUN/modular/frequencies.json: per class, the fraction of its training samples in which each
// unit's mask is on. Enough to derive module masks for any threshold.
struct ModularFrequencies {
    QStringList classNames;
    QStringList layerNames;
    std::vector<int64_t> layerWidths;
    std::vector<std::vector<float>> frequencies;  // class x unit, float32 as the engine keeps them

    int classCount() const { return int(frequencies.size()); }
    int64_t unitCount() const;
    // Returns false and says why when the file is missing or malformed.
    static bool load(const QString& path, ModularFrequencies* out, QString* error);
};

// One RUN/modular/metrics_thr_<t>.json (or metrics.json): what modularize measured at t.
// Cohesion needs the per-sample masks, so it is only known at thresholds modularize ran at.
struct ModularMetrics {
    double threshold = 0;
    std::vector<int64_t> samples;   // per class
    std::vector<double> retention;  // per class
    std::vector<double> cohesion;   // per class, NaN where it has none
    double coupling = 0;
    static bool load(const QString& path, ModularMetrics* out, QString* error);
};

// Every metrics file of a run's modular/ folder, keyed by threshold in hundredths (90 = 0.90),
// the precision of the file names.
QMap<int, ModularMetrics> loadModularMetrics(const QString& modularDir);

// A saved module's manifest as the results of an extraction.
bool readModuleManifest(const QString& moduleDir, nemo::ExtractResult* out, QString* error);

// RUN/modules/classes_<ids>: where `nemo extract` puts a module for these classes.
QString moduleFolderName(const std::vector<int>& classes);
