// The run folder, defined once: where each file lives and what it holds. The engine writes these
// files with the functions here, the CLI prints their schemas, and the GUI reads them back with
// the same code (docs/run-folder.md describes every file). Plain C++ with nlohmann-json: no
// LibTorch, so Qt code includes it.
//
//   RUN/config.json                     TrainConfig + class names, layers, input (readRunConfig)
//   RUN/metrics.jsonl                   one MetricsEvent per line (nemo/metrics_event.h)
//   RUN/checkpoints/last.pt, final.pt   model, optimizer, epoch
//   RUN/modular/sample_masks.bin        the per-sample masks, as bits
//   RUN/modular/frequencies.json        per class, how often each unit's mask is on
//   RUN/modular/metrics_thr_0.90.json   modularize's metrics and module masks at a threshold
//   RUN/modular/metrics.json            the latest of those
//   RUN/modules/classes_1_8/module.json a module's manifest (+ module.pt, module.safetensors)
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "nemo/metrics_event.h"
#include "nemo/modules.h"
#include "nemo/train_config.h"

namespace nemo {

// A run-folder file is missing or damaged; the message names the file and what to do.
class RunFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class RunFolder {
  public:
    explicit RunFolder(std::string path);

    const std::string& path() const { return path_; }
    std::string configPath() const { return path_ + "/config.json"; }
    std::string metricsPath() const { return path_ + "/metrics.jsonl"; }
    std::string checkpointsDir() const { return path_ + "/checkpoints"; }
    std::string lastCheckpoint() const { return checkpointsDir() + "/last.pt"; }
    std::string finalCheckpoint() const { return checkpointsDir() + "/final.pt"; }
    // final.pt when training finished, else last.pt (which may not exist yet).
    std::string newestCheckpoint() const;
    bool hasConfig() const;
    bool hasCheckpoint() const;  // last.pt or final.pt: something to modularize

    std::string modularDir() const { return path_ + "/modular"; }
    std::string sampleMasksPath() const { return modularDir() + "/sample_masks.bin"; }
    std::string frequenciesPath() const { return modularDir() + "/frequencies.json"; }
    std::string modularMetricsPath(double threshold) const;
    std::string latestModularMetricsPath() const { return modularDir() + "/metrics.json"; }

    std::string modulesDir() const { return path_ + "/modules"; }
    std::string moduleDir(const std::vector<int>& classes) const;

  private:
    std::string path_;
};

// "classes_1_8": the folder name of a module for these classes (under RUN/modules).
std::string moduleFolderName(const std::vector<int>& classes);
// "0.90": thresholds in file names, to the hundredth.
std::string thresholdTag(double threshold);
// A module's manifest inside its folder.
std::string moduleManifestPath(const std::string& moduleDir);

// --- config.json ---------------------------------------------------------------------------
struct RunConfigFile {
    TrainConfig config;
    std::vector<std::string> classNames;  // empty in a run that has not started its first epoch
};
// Throws RunFileError when the folder holds no run or its config.json is damaged.
RunConfigFile readRunConfig(const std::string& runDir);

// --- metrics.jsonl ---------------------------------------------------------------------------
// Every readable line (a half-written last line is skipped). Throws RunFileError when the file
// is missing.
std::vector<MetricsEvent> readMetricsFile(const std::string& path);

// --- modular/frequencies.json --------------------------------------------------------------
struct MaskedLayerSize {
    std::string name;
    int64_t units = 0;
};

struct ClassFrequencies {
    std::vector<std::string> classNames;
    std::vector<MaskedLayerSize> layers;
    // class x unit: the fraction of the class's training samples with the unit's mask on;
    // float32, as the engine computes them, so thresholds compare exactly as in moduleMasks.
    std::vector<std::vector<float>> frequencies;

    int64_t unitCount() const;
};
std::string frequenciesToJson(const ClassFrequencies& f);
// Checks every width and value before anything is sized by them; throws RunFileError.
ClassFrequencies readFrequencies(const std::string& path);

// --- modular/metrics_thr_<t>.json ------------------------------------------------------------
struct ModularMetricsFile {
    double threshold = 0.9;
    double retention = 0;   // mean over classes
    double cohesion = NAN;  // mean over classes that have one
    double coupling = NAN;  // mean Jaccard over pairs of class modules
    int64_t samples = 0, units = 0;
    bool augmentedSampleMasks = false;
    std::string checkpoint;
    std::vector<MaskedLayerSize> layers;
    std::vector<ClassModule> perClass;     // cohesion NaN where a class has none
    std::vector<std::string> moduleMasks;  // per class, one '0'/'1' per unit
};
std::string modularMetricsToJson(const ModularMetricsFile& m);
ModularMetricsFile readModularMetrics(const std::string& path);  // throws RunFileError
// Every metrics file of a modular/ folder (unreadable ones skipped), keyed by threshold in
// hundredths (90 = 0.90), the precision of the file names.
std::map<int, ModularMetricsFile> readAllModularMetrics(const std::string& modularDir);

// --- modules/<name>/module.json ----------------------------------------------------------------
// The results part of a manifest (classes, accuracies, sizes, latency, layers). The CLI's
// `extract --json` prints exactly this, so scripts read one schema.
nlohmann::json moduleResultToJson(const ExtractResult& r);
ExtractResult moduleResultFromJson(const nlohmann::json& manifest, const std::string& moduleDir);
// Reads RUN/modules/<name>/module.json; throws RunFileError.
ExtractResult readModuleManifest(const std::string& moduleDir);

}  // namespace nemo
