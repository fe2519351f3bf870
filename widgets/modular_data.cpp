#include "modular_data.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace {

// Gives this file's messages a translation context of their own.
struct ModularData {
    Q_DECLARE_TR_FUNCTIONS(ModularData)
};

bool readJson(const QString& path, QJsonObject* out, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = ModularData::tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = ModularData::tr(
                         "%1 is not valid JSON (%2); run `nemo modularize` again to "
                         "rewrite it")
                         .arg(path, parse.errorString());
        return false;
    }
    *out = doc.object();
    return true;
}

bool fail(QString* error, const QString& text) {
    if (error) *error = text;
    return false;
}

}  // namespace

int64_t ModularFrequencies::unitCount() const {
    int64_t k = 0;
    for (int64_t w : layerWidths) k += w;
    return k;
}

bool ModularFrequencies::load(const QString& path, ModularFrequencies* out, QString* error) {
    QJsonObject root;
    if (!readJson(path, &root, error)) return false;
    ModularFrequencies f;
    // Widths come from a file: each must be a real layer width before anything is sized by it
    // (a negative one used to end the workbench with std::terminate).
    constexpr int64_t kMaxUnits = int64_t(1) << 24;
    for (const QJsonValue& l : root["layers"].toArray()) {
        const int64_t units = l["units"].toInteger(-1);
        if (units < 1 || units > kMaxUnits || f.unitCount() + units > kMaxUnits)
            return fail(error,
                        ModularData::tr("%1: layer \"%2\" has %3 units, not a layer "
                                        "width; run `nemo modularize` again")
                            .arg(path, l["name"].toString(), l["units"].toVariant().toString()));
        f.layerNames << l["name"].toString();
        f.layerWidths.push_back(units);
    }
    for (const QJsonValue& n : root["class_names"].toArray()) f.classNames << n.toString();
    const int64_t k = f.unitCount();
    for (const QJsonValue& row : root["frequencies"].toArray()) {
        const QJsonArray values = row.toArray();
        if (values.size() != k)
            return fail(error, ModularData::tr("%1: a class has %2 frequencies but the layers have "
                                               "%3 units; run `nemo modularize` again")
                                   .arg(path)
                                   .arg(values.size())
                                   .arg(k));
        std::vector<float> freq(static_cast<size_t>(k));
        // The engine wrote float32 values; back to float32 so thresholds compare exactly as in
        // nemo::moduleMasks.
        for (int64_t j = 0; j < k; ++j) {
            const double v = values[j].toDouble(NAN);
            if (!(v >= 0 && v <= 1))
                return fail(error, ModularData::tr("%1: a frequency is not a number between 0 and "
                                                   "1; run `nemo modularize` again")
                                       .arg(path));
            freq[size_t(j)] = float(v);
        }
        f.frequencies.push_back(std::move(freq));
    }
    if (k == 0 || f.frequencies.empty() || f.classNames.size() != f.classCount())
        return fail(error, ModularData::tr("%1 holds no layers, classes or frequencies; run `nemo "
                                           "modularize` again")
                               .arg(path));
    *out = std::move(f);
    return true;
}

bool ModularMetrics::load(const QString& path, ModularMetrics* out, QString* error) {
    QJsonObject root;
    if (!readJson(path, &root, error)) return false;
    ModularMetrics m;
    m.threshold = root["threshold"].toDouble();
    m.coupling = root["coupling"].toDouble(NAN);
    for (const QJsonValue& c : root["per_class"].toArray()) {
        m.samples.push_back(c["samples"].toInteger());
        m.retention.push_back(c["retention"].toDouble(NAN));
        // null (no pair to compare) reads as NaN.
        m.cohesion.push_back(c["cohesion"].isDouble() ? c["cohesion"].toDouble() : NAN);
    }
    if (m.samples.empty())
        return fail(error, ModularData::tr("%1 has no per-class metrics").arg(path));
    *out = std::move(m);
    return true;
}

QMap<int, ModularMetrics> loadModularMetrics(const QString& modularDir) {
    QMap<int, ModularMetrics> all;
    const QDir dir(modularDir);
    for (const QString& name : dir.entryList({"metrics_thr_*.json"}, QDir::Files)) {
        ModularMetrics m;
        if (ModularMetrics::load(dir.filePath(name), &m, nullptr))
            all.insert(int(std::lround(m.threshold * 100)), m);
    }
    // Older runs may only have metrics.json.
    ModularMetrics latest;
    if (ModularMetrics::load(dir.filePath("metrics.json"), &latest, nullptr)) {
        const int key = int(std::lround(latest.threshold * 100));
        if (!all.contains(key)) all.insert(key, latest);
    }
    return all;
}

bool readModuleManifest(const QString& moduleDir, nemo::ExtractResult* out, QString* error) {
    QJsonObject root;
    if (!readJson(moduleDir + "/module.json", &root, error)) return false;
    const QJsonObject& m = root;  // const: nested ["a"]["b"] look-ups need QJsonValue's const []
    nemo::ExtractResult r;
    for (const QJsonValue& c : m["classes"].toArray()) r.classes.push_back(c.toInt());
    for (const QJsonValue& n : m["class_names"].toArray())
        r.classNames.push_back(n.toString().toStdString());
    r.moduleAccuracy = m["module_accuracy"].toDouble(NAN);
    r.fullAccuracy = m["full_accuracy"].toDouble(NAN);
    r.standardAccuracy = m["standard_accuracy"].toDouble(NAN);  // null without a baseline
    r.baselineRun = m["baseline_run"].toString().toStdString();
    r.params = m["params"].toInteger();
    r.paramsFull = m["params_full"].toInteger();
    r.paramsFullWithGenerators = m["params_full_with_generators"].toInteger();
    r.flops = m["flops"].toInteger();
    r.flopsFull = m["flops_full"].toInteger();
    r.retention = m["retention"].toDouble(NAN);
    r.latencyMs = m["latency_ms"]["batch1"].toDouble(NAN);
    r.latencyMs128 = m["latency_ms"]["batch128"].toDouble(NAN);
    r.latencyMsFull = m["latency_ms_full"]["batch1"].toDouble(NAN);
    r.latencyMsFull128 = m["latency_ms_full"]["batch128"].toDouble(NAN);
    for (const QJsonValue& l : m["layers"].toArray())
        r.layers.push_back(
            {l["name"].toString().toStdString(), l["kept"].toInteger(), l["total"].toInteger()});
    r.bestEpoch = m["best_epoch"].toInt();
    r.validationAccuracy = m["validation_accuracy"].toDouble(NAN);
    r.outDir = moduleDir.toStdString();
    if (r.classes.empty())
        return fail(error, ModularData::tr("%1/module.json names no classes; extract the module "
                                           "again")
                               .arg(moduleDir));
    *out = std::move(r);
    return true;
}

QString moduleFolderName(const std::vector<int>& classes) {
    QStringList ids;
    for (int c : classes) ids << QString::number(c);
    return "classes_" + ids.join('_');
}
