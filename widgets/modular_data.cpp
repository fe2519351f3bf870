#include "modular_data.h"

#include <QCoreApplication>

#include "nemo/run_folder.h"

namespace {

// Gives this file's messages a translation context of their own.
struct ModularData {
    Q_DECLARE_TR_FUNCTIONS(ModularData)
};

QStringList toQStrings(const std::vector<std::string>& texts) {
    QStringList out;
    for (const std::string& t : texts) out << QString::fromStdString(t);
    return out;
}

// The engine's reader said what is wrong with the file and what to do (in English).
bool fail(QString* error, const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
}

}  // namespace

int64_t ModularFrequencies::unitCount() const {
    int64_t k = 0;
    for (int64_t w : layerWidths) k += w;
    return k;
}

bool ModularFrequencies::load(const QString& path, ModularFrequencies* out, QString* error) {
    try {
        nemo::ClassFrequencies read = nemo::readFrequencies(path.toStdString());
        ModularFrequencies f;
        f.classNames = toQStrings(read.classNames);
        for (const nemo::MaskedLayerSize& l : read.layers) {
            f.layerNames << QString::fromStdString(l.name);
            f.layerWidths.push_back(l.units);
        }
        f.frequencies = std::move(read.frequencies);
        *out = std::move(f);
        return true;
    } catch (const std::exception& e) {
        return fail(error, e);
    }
}

namespace {

ModularMetrics fromFile(const nemo::ModularMetricsFile& file) {
    ModularMetrics m;
    m.threshold = file.threshold;
    m.coupling = file.coupling;
    for (const nemo::ClassModule& c : file.perClass) {
        m.samples.push_back(c.samples);
        m.retention.push_back(c.retention);
        m.cohesion.push_back(c.cohesion);
    }
    return m;
}

}  // namespace

bool ModularMetrics::load(const QString& path, ModularMetrics* out, QString* error) {
    try {
        *out = fromFile(nemo::readModularMetrics(path.toStdString()));
        return true;
    } catch (const std::exception& e) {
        return fail(error, e);
    }
}

QMap<int, ModularMetrics> loadModularMetrics(const QString& modularDir) {
    QMap<int, ModularMetrics> all;
    for (const auto& [key, file] : nemo::readAllModularMetrics(modularDir.toStdString()))
        all.insert(key, fromFile(file));
    return all;
}

bool readModuleManifest(const QString& moduleDir, nemo::ExtractResult* out, QString* error) {
    try {
        *out = nemo::readModuleManifest(moduleDir.toStdString());
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = ModularData::tr("Cannot read the module in %1: %2")
                         .arg(moduleDir, QString::fromStdString(e.what()));
        return false;
    }
}

QString moduleFolderName(const std::vector<int>& classes) {
    return QString::fromStdString(nemo::moduleFolderName(classes));
}
