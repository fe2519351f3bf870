#include "nemo/run_folder.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "run/atomic_file.h"

namespace nemo {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json jsonOrNull(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

// A number, or NaN where the file has null or nothing (a cohesion without pairs).
double numberOrNan(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

json readJsonFile(const std::string& path, const std::string& remedy) {
    std::string text;
    try {
        text = readTextFile(path);
    } catch (const std::exception& e) {
        throw RunFileError(std::string(e.what()) + "; " + remedy);
    }
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw RunFileError(path + " is not valid JSON; " + remedy);
    return j;
}

json layersToJson(const std::vector<MaskedLayerSize>& layers) {
    json out = json::array();
    for (const MaskedLayerSize& l : layers) out.push_back({{"name", l.name}, {"units", l.units}});
    return out;
}

// Widths come from a file: each must be a real layer width before anything is sized by it (a
// negative one used to end the workbench with std::terminate).
std::vector<MaskedLayerSize> layersFromJson(const json& j, const std::string& path,
                                            const std::string& remedy) {
    constexpr int64_t kMaxUnits = int64_t(1) << 24;
    std::vector<MaskedLayerSize> layers;
    int64_t total = 0;
    if (!j.is_array()) throw RunFileError(path + ": \"layers\" is not a list; " + remedy);
    for (const json& l : j) {
        MaskedLayerSize layer;
        layer.name = l.is_object() ? l.value("name", std::string()) : std::string();
        const json units = l.is_object() ? l.value("units", json()) : json();
        layer.units = units.is_number_integer() ? units.get<int64_t>() : -1;
        if (layer.units < 1 || layer.units > kMaxUnits || total + layer.units > kMaxUnits)
            throw RunFileError(path + ": layer \"" + layer.name + "\" has " + units.dump() +
                               " units, not a layer width; " + remedy);
        total += layer.units;
        layers.push_back(layer);
    }
    return layers;
}

const char* const kModularizeAgain = "run `nemo modularize` again to rewrite it";

}  // namespace

// --- paths -----------------------------------------------------------------------------------

RunFolder::RunFolder(std::string path) : path_(std::move(path)) {}

std::string RunFolder::newestCheckpoint() const {
    return fs::exists(finalCheckpoint()) ? finalCheckpoint() : lastCheckpoint();
}

bool RunFolder::hasConfig() const {
    return fs::exists(configPath());
}

bool RunFolder::hasCheckpoint() const {
    return fs::exists(lastCheckpoint()) || fs::exists(finalCheckpoint());
}

std::string RunFolder::modularMetricsPath(double threshold) const {
    return modularDir() + "/metrics_thr_" + thresholdTag(threshold) + ".json";
}

std::string RunFolder::moduleDir(const std::vector<int>& classes) const {
    return modulesDir() + "/" + moduleFolderName(classes);
}

std::string moduleFolderName(const std::vector<int>& classes) {
    std::string name = "classes";
    for (int c : classes) name += "_" + std::to_string(c);
    return name;
}

std::string thresholdTag(double threshold) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", threshold);
    return buf;
}

std::string moduleManifestPath(const std::string& moduleDir) {
    return moduleDir + "/module.json";
}

// --- config.json -----------------------------------------------------------------------------

RunConfigFile readRunConfig(const std::string& runDir) {
    const RunFolder run(runDir);
    if (!run.hasConfig())
        throw RunFileError(runDir +
                           " holds no run (config.json is missing); open a folder written by "
                           "a training run");
    const std::string text = readTextFile(run.configPath());
    const json j = json::parse(text, nullptr, false);
    // Every run's config.json names its dataset; without it the file is not a run's (or damaged).
    if (j.is_discarded() || !j.is_object() || !j.contains("dataset"))
        throw RunFileError(run.configPath() + " names no dataset; it may be damaged");
    RunConfigFile file;
    try {
        file.config = configFromJson(text);
    } catch (const std::exception& e) {
        throw RunFileError(run.configPath() + ": " + e.what() + "; it may be damaged");
    }
    if (j.contains("class_names") && j["class_names"].is_array())
        for (const json& name : j["class_names"])
            if (name.is_string()) file.classNames.push_back(name.get<std::string>());
    return file;
}

// --- metrics.jsonl ---------------------------------------------------------------------------

std::vector<MetricsEvent> readMetricsFile(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw RunFileError(path +
                           " is missing: the folder holds no training metrics; choose a folder "
                           "written by a training run");
    std::vector<MetricsEvent> events;
    std::string line;
    while (std::getline(in, line)) {
        MetricsEvent event;
        if (!line.empty() && fromJsonLine(line, &event)) events.push_back(event);
    }
    return events;
}

// --- modular/frequencies.json ------------------------------------------------------------------

int64_t ClassFrequencies::unitCount() const {
    int64_t k = 0;
    for (const MaskedLayerSize& l : layers) k += l.units;
    return k;
}

std::string frequenciesToJson(const ClassFrequencies& f) {
    return json({{"layers", layersToJson(f.layers)},
                 {"class_names", f.classNames},
                 {"frequencies", f.frequencies}})
        .dump();
}

ClassFrequencies readFrequencies(const std::string& path) {
    const json j = readJsonFile(path, kModularizeAgain);
    ClassFrequencies f;
    f.layers = layersFromJson(j.value("layers", json::array()), path, kModularizeAgain);
    for (const json& n : j.value("class_names", json::array()))
        f.classNames.push_back(n.is_string() ? n.get<std::string>() : n.dump());
    const int64_t k = f.unitCount();
    for (const json& row : j.value("frequencies", json::array())) {
        if (!row.is_array() || int64_t(row.size()) != k)
            throw RunFileError(path + ": a class has " +
                               std::to_string(row.is_array() ? row.size() : 0) +
                               " frequencies but the layers have " + std::to_string(k) +
                               " units; " + kModularizeAgain);
        std::vector<float> freq(static_cast<size_t>(k));
        for (int64_t u = 0; u < k; ++u) {
            const json& v = row[size_t(u)];
            const double value = v.is_number() ? v.get<double>() : NAN;
            if (!(value >= 0 && value <= 1))
                throw RunFileError(path + ": a frequency is not a number between 0 and 1; " +
                                   kModularizeAgain);
            freq[size_t(u)] = float(value);
        }
        f.frequencies.push_back(std::move(freq));
    }
    if (k == 0 || f.frequencies.empty() || f.classNames.size() != f.frequencies.size())
        throw RunFileError(path + " holds no layers, classes or frequencies; " + kModularizeAgain);
    return f;
}

// --- modular/metrics_thr_<t>.json --------------------------------------------------------------

std::string modularMetricsToJson(const ModularMetricsFile& m) {
    json perClass = json::array();
    for (const ClassModule& c : m.perClass)
        perClass.push_back({{"class", c.classId},
                            {"name", c.name},
                            {"samples", c.samples},
                            {"retention", c.retention},
                            {"cohesion", jsonOrNull(c.cohesion)}});
    return json({{"threshold", m.threshold},
                 {"retention", m.retention},
                 {"cohesion", jsonOrNull(m.cohesion)},
                 {"coupling", jsonOrNull(m.coupling)},
                 {"samples", m.samples},
                 {"units", m.units},
                 {"augmented_sample_masks", m.augmentedSampleMasks},
                 {"checkpoint", m.checkpoint},
                 {"layers", layersToJson(m.layers)},
                 {"per_class", perClass},
                 {"module_masks", m.moduleMasks}})
        .dump(1);
}

ModularMetricsFile readModularMetrics(const std::string& path) {
    const json j = readJsonFile(path, kModularizeAgain);
    ModularMetricsFile m;
    try {
        m.threshold = j.at("threshold").get<double>();
        m.retention = numberOrNan(j, "retention");
        m.cohesion = numberOrNan(j, "cohesion");
        m.coupling = numberOrNan(j, "coupling");
        m.samples = j.value("samples", int64_t(0));
        m.units = j.value("units", int64_t(0));
        m.augmentedSampleMasks = j.value("augmented_sample_masks", false);
        m.checkpoint = j.value("checkpoint", std::string());
        if (j.contains("layers")) m.layers = layersFromJson(j["layers"], path, kModularizeAgain);
        for (const json& c : j.at("per_class")) {
            ClassModule module;
            module.classId = c.value("class", int(m.perClass.size()));
            module.name = c.value("name", std::string());
            module.samples = c.value("samples", int64_t(0));
            module.retention = numberOrNan(c, "retention");
            module.cohesion = numberOrNan(c, "cohesion");  // null: no pair to compare
            m.perClass.push_back(module);
        }
        for (const json& bits : j.value("module_masks", json::array()))
            m.moduleMasks.push_back(bits.get<std::string>());
    } catch (const json::exception& e) {
        throw RunFileError(path + ": " + e.what() + "; " + kModularizeAgain);
    }
    if (m.perClass.empty()) throw RunFileError(path + " has no per-class metrics");
    return m;
}

std::map<int, ModularMetricsFile> readAllModularMetrics(const std::string& modularDir) {
    std::map<int, ModularMetricsFile> all;
    std::error_code error;
    std::vector<std::string> paths;
    for (const auto& entry : fs::directory_iterator(modularDir, error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("metrics_thr_", 0) == 0 && entry.path().extension() == ".json")
            paths.push_back(entry.path().string());
    }
    // Older runs may only have metrics.json; a metrics_thr_ file of the same threshold wins.
    paths.push_back(modularDir + "/metrics.json");
    for (const std::string& path : paths) {
        try {
            ModularMetricsFile m = readModularMetrics(path);
            all.emplace(int(std::lround(m.threshold * 100)), std::move(m));
        } catch (const std::exception&) {
            // A damaged or missing file: the thresholds that remain are still shown.
        }
    }
    return all;
}

// --- modules/<name>/module.json ------------------------------------------------------------------

json moduleResultToJson(const ExtractResult& r) {
    json layers = json::array();
    for (const LayerKeep& l : r.layers)
        layers.push_back({{"name", l.name}, {"kept", l.kept}, {"total", l.total}});
    return {{"classes", r.classes},
            {"class_names", r.classNames},
            {"threshold", r.threshold},
            {"retention", r.retention},
            {"layers", layers},
            {"params", r.params},
            {"params_full", r.paramsFull},
            {"params_full_with_generators", r.paramsFullWithGenerators},
            {"flops", r.flops},
            {"flops_full", r.flopsFull},
            {"module_accuracy", r.moduleAccuracy},
            {"full_accuracy", r.fullAccuracy},
            {"standard_accuracy", jsonOrNull(r.standardAccuracy)},
            {"baseline_run", r.baselineRun},
            {"augmented_sample_masks", r.augmentedSampleMasks},
            {"validation_accuracy", r.validationAccuracy},
            {"best_epoch", r.bestEpoch},
            {"finetune_epochs", r.finetuneEpochs},
            {"latency_ms", {{"batch1", r.latencyMs}, {"batch128", r.latencyMs128}}},
            {"latency_ms_full", {{"batch1", r.latencyMsFull}, {"batch128", r.latencyMsFull128}}}};
}

ExtractResult moduleResultFromJson(const json& m, const std::string& moduleDir) {
    const std::string path = moduleManifestPath(moduleDir);
    ExtractResult r;
    try {
        r.classes = m.at("classes").get<std::vector<int>>();
        for (const json& n : m.value("class_names", json::array()))
            r.classNames.push_back(n.get<std::string>());
        r.threshold = m.value("threshold", 0.9);
        r.retention = numberOrNan(m, "retention");
        for (const json& l : m.value("layers", json::array()))
            r.layers.push_back({l.value("name", std::string()), l.value("kept", int64_t(0)),
                                l.value("total", int64_t(0))});
        r.params = m.value("params", int64_t(0));
        r.paramsFull = m.value("params_full", int64_t(0));
        r.paramsFullWithGenerators = m.value("params_full_with_generators", int64_t(0));
        r.flops = m.value("flops", int64_t(0));
        r.flopsFull = m.value("flops_full", int64_t(0));
        r.moduleAccuracy = numberOrNan(m, "module_accuracy");
        r.fullAccuracy = numberOrNan(m, "full_accuracy");
        r.standardAccuracy = numberOrNan(m, "standard_accuracy");  // null without a baseline
        r.baselineRun = m.value("baseline_run", std::string());
        r.augmentedSampleMasks = m.value("augmented_sample_masks", false);
        r.validationAccuracy = numberOrNan(m, "validation_accuracy");
        r.bestEpoch = m.value("best_epoch", 0);
        r.finetuneEpochs = m.value("finetune_epochs", 0);
        const json none = json::object();
        const json& latency = m.contains("latency_ms") ? m["latency_ms"] : none;
        const json& latencyFull = m.contains("latency_ms_full") ? m["latency_ms_full"] : none;
        r.latencyMs = numberOrNan(latency, "batch1");
        r.latencyMs128 = numberOrNan(latency, "batch128");
        r.latencyMsFull = numberOrNan(latencyFull, "batch1");
        r.latencyMsFull128 = numberOrNan(latencyFull, "batch128");
    } catch (const json::exception& e) {
        throw RunFileError(path + ": " + e.what() + "; extract the module again");
    }
    if (r.classes.empty()) throw RunFileError(path + " names no classes; extract the module again");
    r.outDir = moduleDir;
    return r;
}

ExtractResult readModuleManifest(const std::string& moduleDir) {
    return moduleResultFromJson(
        readJsonFile(moduleManifestPath(moduleDir), "extract the module again"), moduleDir);
}

}  // namespace nemo
