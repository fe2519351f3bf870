// Test fixtures for suites that build and damage module folders: the units a hand-made module
// keeps, and a copy of a saved module folder to damage.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <vector>

#include "models/network.h"

// Units 0, step, 2 * step, ... of every masked layer (never empty).
inline std::vector<std::vector<int64_t>> everyNthUnit(const nemo::NetworkImpl& model,
                                                      int64_t step) {
    std::vector<std::vector<int64_t>> keep;
    for (int64_t width : model.maskedWidths()) {
        std::vector<int64_t> units;
        for (int64_t j = 0; j < width; j += step) units.push_back(j);
        keep.push_back(units);
    }
    return keep;
}

// Copies the three files of module folder `from` into a new folder `to`; returns `to`.
inline QString copyModuleFolder(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const char* f : {"module.pt", "module.safetensors", "module.json"})
        QFile::copy(from + "/" + f, to + "/" + f);
    return to;
}
