// `nemo study`: every method and seed trained, the modular runs modularized, a module extracted
// for every class set and compared with the same seed's standard model (docs/method.md §7.8), then
// summarized. Everything lands in the study folder; what is finished there is reused.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "nemo/dataset.h"
#include "nemo/module_masks.h"
#include "nemo/modules.h"
#include "nemo/run_folder.h"
#include "nemo/study.h"
#include "nemo/trainer.h"
#include "run/atomic_file.h"
#include "run/run_directory.h"
#include "study/study_plot.h"

namespace nemo {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

void checkOptions(const StudyOptions& o) {
    if (o.outDir.empty()) throw std::invalid_argument("--out: the study needs a folder");
    if (o.methods.empty()) throw std::invalid_argument("--methods: name at least one method");
    for (const auto& m : o.methods) {
        trainModeFromString(m);  // throws naming the allowed ones
        if (std::count(o.methods.begin(), o.methods.end(), m) > 1)
            throw std::invalid_argument("--methods: " + m + " is named twice");
    }
    if (o.seeds.empty()) throw std::invalid_argument("--seeds: name at least one seed");
    if (o.epochs < 1) throw std::invalid_argument("--epochs must be at least 1");
    if (o.finetuneEpochs < 0) throw std::invalid_argument("--finetune-epochs must be >= 0");
    if (o.batchSize < 1) throw std::invalid_argument("--batch-size must be at least 1");
    if (o.thresholds.empty()) throw std::invalid_argument("--thresholds: name at least one");
    for (double t : o.thresholds) checkThreshold(t, "--thresholds");
    if (o.classSets.empty() && o.randomSets < 1)
        throw std::invalid_argument("give --class-sets or --random-sets N (N >= 1)");
    if (o.minSetSize < 1 || o.maxSetSize < o.minSetSize)
        throw std::invalid_argument("--set-sizes: need 1 <= smallest <= largest");
}

// The settings that decide the results (not threads, not where the data lies): a study folder
// holds one such set.
std::string settingsJson(StudyOptions o) {
    if (!o.classSets.empty()) o.randomSets = 0;  // explicit sets: the count is not used
    json settings = json::parse(studyOptionsJson(o));
    settings.erase("data_dir");
    return settings.dump(2);
}

std::string thresholdTag(double t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "thr%.2f", t);
    return buf;
}

std::string runName(const std::string& method, uint64_t seed) {
    return "runs/" + method + "-seed" + std::to_string(seed);
}

// The last test accuracy logged by a finished run.
double lastTestAccuracy(const std::string& runDir) {
    std::ifstream in(RunDirectory(runDir).metricsPath());
    std::string line;
    double accuracy = NAN;
    while (std::getline(in, line)) {
        MetricsEvent e;
        if (fromJsonLine(line, &e) && e.kind == MetricsEvent::Kind::Epoch && e.phase == "test")
            accuracy = e.accuracy;
    }
    return accuracy;
}

// A finished run of the study's settings: final checkpoint and the same epochs.
bool finishedRun(const std::string& runDir, int epochs) {
    RunDirectory run(runDir);
    if (!run.exists() || !fs::exists(run.finalCheckpoint())) return false;
    try {
        return configFromJson(readTextFile(run.configPath())).epochs == epochs;
    } catch (const std::exception&) {
        return false;
    }
}

// A module folder written by an earlier call with the same settings, read back; false if none.
bool readFinishedModule(const std::string& moduleDir, const StudyModule& wanted, int finetuneEpochs,
                        const std::string& baselineRun, bool augmented, StudyModule* out) {
    if (!fs::exists(moduleManifestPath(moduleDir)) || !fs::exists(moduleDir + "/module.pt"))
        return false;
    ExtractResult r;
    try {
        r = readModuleManifest(moduleDir);
    } catch (const RunFileError&) {
        return false;  // an older or edited manifest: extract again
    }
    if (r.classes != wanted.classes || !sameThreshold(r.threshold, wanted.threshold) ||
        r.finetuneEpochs != finetuneEpochs || r.baselineRun != baselineRun ||
        r.augmentedSampleMasks != augmented)
        return false;
    *out = wanted;
    out->moduleAccuracy = r.moduleAccuracy;
    out->standardAccuracy = r.standardAccuracy;
    out->fullAccuracy = r.fullAccuracy;
    out->params = r.params;
    out->paramsFull = r.paramsFull;
    out->flops = r.flops;
    out->flopsFull = r.flopsFull;
    out->retention = r.retention;
    out->reused = true;
    return true;
}

void checkStop(ControlToken* control) {
    if (control && control->stopRequested())
        throw TrainingError("study stopped; run the same command again to continue it");
}

void writePlots(StudyResult& r, const std::string& outDir, TrainingObserver* observer) {
    if (!plotsAvailable()) {
        tell(observer, "plots skipped: this build has no cairo (libcairo2-dev)");
        return;
    }
    ensureDirectory(outDir + "/plots");
    ScatterPlotSpec scatter;
    scatter.title = "Module accuracy vs module size: " + r.options.model + " on " +
                    r.options.dataset + " (means with 95% intervals)";
    scatter.xLabel = "module size (% of the full model's parameters)";
    scatter.yLabel = "accuracy on the target classes (%)";
    for (const auto& s : r.summaries) {
        PlotSeries series;
        series.name = methodLabel(s.method);
        if (r.options.thresholds.size() > 1 && std::isfinite(s.threshold)) {
            char buf[32];
            std::snprintf(buf, sizeof buf, " @ %.2f", s.threshold);
            series.name += buf;
        }
        for (const auto& m : r.modules) {
            if (m.method == s.method && sameThreshold(m.threshold, s.threshold))
                series.points.push_back({100 * m.paramShare(), 100 * m.moduleAccuracy});
        }
        series.hasMean = true;
        series.meanX = 100 * s.paramShare.mean;
        series.meanY = 100 * s.moduleAccuracy.mean;
        series.ciX = 100 * s.paramShare.ci95;
        series.ciY = 100 * s.moduleAccuracy.ci95;
        scatter.series.push_back(series);
    }
    writeScatterPng(scatter, outDir + "/plots/accuracy_vs_size.png");
    r.plots.push_back("plots/accuracy_vs_size.png");

    BarChartSpec bars;
    bars.title = "Modules against the standard model (means with 95% intervals)";
    bars.yLabel = "percent / points";
    std::vector<const StudyMethodSummary*> modular;
    for (const auto& s : r.summaries) {
        if (s.method == "standard") continue;
        modular.push_back(&s);
        std::string name = methodLabel(s.method);
        if (r.options.thresholds.size() > 1) {
            char buf[32];
            std::snprintf(buf, sizeof buf, " @ %.2f", s.threshold);
            name += buf;
        }
        bars.seriesNames.push_back(name);
    }
    if (modular.empty()) return;
    auto group = [&](const std::string& label, auto pick) {
        BarGroup g;
        g.label = label;
        for (const auto* s : modular) {
            const Estimate& e = pick(*s);
            g.values.push_back(100 * e.mean);
            g.ci.push_back(100 * e.ci95);
        }
        bars.groups.push_back(g);
    };
    group("accuracy - standard (pt)",
          [](const StudyMethodSummary& s) -> const Estimate& { return s.accuracyVsStandard; });
    group("parameters kept (%)",
          [](const StudyMethodSummary& s) -> const Estimate& { return s.paramShare; });
    group("multiply-adds kept (%)",
          [](const StudyMethodSummary& s) -> const Estimate& { return s.flopShare; });
    group("masked units kept (%)",
          [](const StudyMethodSummary& s) -> const Estimate& { return s.retention; });
    writeBarChartPng(bars, outDir + "/plots/modules_vs_standard.png");
    r.plots.push_back("plots/modules_vs_standard.png");
}

// What every step of a study works with.
struct StudyContext {
    const StudyOptions& options;
    const std::string& out;  // the study folder
    TrainingObserver* observer;
    ControlToken* control;
};

// Makes the study folder, or checks that it holds this study (to continue it).
void claimStudyFolder(const StudyContext& s) {
    const std::string& out = s.out;
    ensureDirectory(out);
    // One study per folder: resuming with other settings would mix two studies' modules.
    const std::string settingsPath = out + "/study_settings.json";
    const std::string settings = settingsJson(s.options);
    if (fs::exists(settingsPath)) {
        if (json::parse(readTextFile(settingsPath), nullptr, false) != json::parse(settings))
            throw std::invalid_argument(
                out + " holds a study with other settings (" + settingsPath +
                "); use another --out, or the same settings to continue it");
        tell(s.observer, "continuing the study in " + out);
    } else {
        if (fs::exists(out) && !fs::is_empty(out))
            throw std::invalid_argument(out +
                                        " is not empty and holds no study; use a new "
                                        "folder for --out");
        writeFileAtomically(settingsPath, settings);
    }
}

// The class sets the modules are extracted for: the explicit ones (checked against the dataset)
// or seeded random ones.
std::vector<std::vector<int>> studyClassSets(const StudyOptions& options) {
    TrainConfig c;
    c.dataset = options.dataset;
    c.dataDir = options.dataDir;
    const int numClasses = loadDataset(c.dataset, c.dataDir).info.numClasses();
    std::vector<std::vector<int>> classSets =
        options.classSets.empty()
            ? drawClassSets(options.randomSets, numClasses, options.minSetSize, options.maxSetSize,
                            options.setSeed)
            : options.classSets;
    for (const auto& set : classSets)
        for (int c : set)
            if (c < 0 || c >= numClasses)
                throw std::invalid_argument("--class-sets: class " + std::to_string(c) +
                                            " is out of range: " + options.dataset +
                                            " has classes 0.." + std::to_string(numClasses - 1));
    return classSets;
}

// One run of the study: reused when the folder holds it finished, else trained. `progress` is
// "run I/N" for the log.
StudyRun trainOrReuseRun(const StudyContext& s, const std::string& method, uint64_t seed,
                         const std::string& progress) {
    const StudyOptions& options = s.options;
    StudyRun run;
    run.method = method;
    run.seed = seed;
    run.runDir = runName(method, seed);
    const std::string dir = s.out + "/" + run.runDir;
    TrainConfig c = TrainConfig::defaultsFor(trainModeFromString(method), options.model);
    run.alpha = c.alpha;
    run.beta = c.beta;
    run.temperature = c.temperature;
    if (finishedRun(dir, options.epochs)) {
        run.reused = true;
        run.testAccuracy = lastTestAccuracy(dir);
        tell(s.observer, progress + " " + run.runDir + ": finished before, reused");
        return run;
    }
    tell(s.observer, progress + ": training " + run.runDir);
    c.dataset = options.dataset;
    c.dataDir = options.dataDir;
    c.outDir = dir;
    c.epochs = options.epochs;
    c.batchSize = options.batchSize;
    c.seed = seed;
    c.threads = options.threads;
    c.limitTrain = options.limitTrain;
    c.limitTest = options.limitTest;
    c.logEvery = 100;
    // A run the last call left behind (killed, stopped) continues from its checkpoint.
    const TrainResult t = train(c, s.observer, s.control, RunDirectory(dir).exists());
    if (t.stopped)
        throw TrainingError("study stopped during " + run.runDir +
                            "; run the same command again to continue it");
    run.testAccuracy = t.testAccuracy;
    run.seconds = t.seconds;
    return run;
}

// Trains (or reuses) every method and seed, in the order of `methods`.
void trainRuns(const StudyContext& s, const std::vector<std::string>& methods, StudyResult& r) {
    const int total = int(methods.size() * s.options.seeds.size());
    int index = 0;
    for (uint64_t seed : s.options.seeds) {
        for (const auto& method : methods) {
            checkStop(s.control);
            ++index;
            const std::string progress =
                "run " + std::to_string(index) + "/" + std::to_string(total);
            const StudyRun run = trainOrReuseRun(s, method, seed, progress);
            if (run.reused) ++r.reusedRuns;
            r.runs.push_back(run);
        }
    }
}

// The module `wanted` of the run in runDir: read back when an earlier call extracted it with the
// same settings, else extracted and compared with the standard run `baseline` (empty: none;
// baselineAbsolute is how module.json records it). `progress` is "module I/N DIR" for the log.
StudyModule extractOrReuseModule(const StudyContext& s, const StudyModule& wanted,
                                 const std::string& runDir, const std::string& baseline,
                                 const std::string& baselineAbsolute, const std::string& progress) {
    const StudyOptions& options = s.options;
    const std::string moduleDir = s.out + "/" + wanted.moduleDir;
    StudyModule done;
    if (readFinishedModule(moduleDir, wanted, options.finetuneEpochs, baselineAbsolute,
                           options.augmentedMasks, &done)) {
        tell(s.observer, progress + ": extracted before, reused");
        return done;
    }
    tell(s.observer, progress + ": extracting");
    ExtractOptions eo;
    eo.runDir = runDir;
    eo.classes = wanted.classes;
    eo.threshold = wanted.threshold;
    eo.finetuneEpochs = options.finetuneEpochs;
    eo.outDir = moduleDir;
    eo.dataDir = options.dataDir;
    eo.threads = options.threads;
    eo.seed = wanted.seed;
    eo.augmented = options.augmentedMasks;
    eo.baselineRun = baseline;
    const ExtractResult e = extractModule(eo, nullptr, s.control);
    done = wanted;
    done.moduleAccuracy = e.moduleAccuracy;
    done.standardAccuracy = e.standardAccuracy;
    done.fullAccuracy = e.fullAccuracy;
    done.params = e.params;
    done.paramsFull = e.paramsFull;
    done.flops = e.flops;
    done.flopsFull = e.flopsFull;
    done.retention = e.retention;
    return done;
}

// Modularizes each modular run at every threshold and extracts (or reuses) every class set's
// module; with a standard method, each module is compared with the same seed's standard run.
void extractModules(const StudyContext& s, const std::vector<std::string>& methods,
                    bool haveStandard, StudyResult& r) {
    const StudyOptions& options = s.options;
    const int modulesTotal = int((methods.size() - (haveStandard ? 1 : 0)) * options.seeds.size() *
                                 options.thresholds.size() * r.classSets.size());
    int moduleIndex = 0;
    for (uint64_t seed : options.seeds) {
        const std::string baseline = haveStandard ? s.out + "/" + runName("standard", seed) : "";
        const std::string baselineAbsolute =
            baseline.empty() ? "" : fs::absolute(baseline).lexically_normal().string();
        for (const auto& method : methods) {
            if (method == "standard") continue;
            const std::string runDir = s.out + "/" + runName(method, seed);
            for (double threshold : options.thresholds) {
                checkStop(s.control);
                ModularizeOptions mo;
                mo.runDir = runDir;
                mo.threshold = threshold;
                mo.augmented = options.augmentedMasks;
                mo.dataDir = options.dataDir;
                mo.threads = options.threads;
                const ModularizeResult m = modularize(mo, s.observer, s.control);
                r.modularity.push_back(
                    {method, seed, threshold, m.retention, m.cohesion, m.coupling});
                for (const auto& set : r.classSets) {
                    checkStop(s.control);
                    ++moduleIndex;
                    StudyModule wanted;
                    wanted.method = method;
                    wanted.seed = seed;
                    wanted.classes = set;
                    wanted.threshold = threshold;
                    std::string name = thresholdTag(threshold) + "_classes";
                    for (int c : set) name += "_" + std::to_string(c);
                    wanted.moduleDir = runName(method, seed) + "/modules/" + name;
                    const std::string progress = "module " + std::to_string(moduleIndex) + "/" +
                                                 std::to_string(modulesTotal) + " " +
                                                 wanted.moduleDir;
                    const StudyModule done = extractOrReuseModule(s, wanted, runDir, baseline,
                                                                  baselineAbsolute, progress);
                    if (done.reused) ++r.reusedModules;
                    r.modules.push_back(done);
                }
            }
        }
    }
}

// The standard model on every class set (whole, no fine-tuning), from the modules compared with
// it: the reference points.
void addStandardModules(const std::vector<uint64_t>& seeds, StudyResult& r) {
    for (uint64_t seed : seeds) {
        for (const auto& set : r.classSets) {
            const auto it = std::find_if(r.modules.begin(), r.modules.end(), [&](const auto& m) {
                return m.method != "standard" && m.seed == seed && m.classes == set &&
                       std::isfinite(m.standardAccuracy);
            });
            if (it == r.modules.end()) continue;
            StudyModule s;
            s.method = "standard";
            s.seed = seed;
            s.classes = set;
            s.moduleAccuracy = s.standardAccuracy = it->standardAccuracy;
            s.params = s.paramsFull = it->paramsFull;
            s.flops = s.flopsFull = it->flopsFull;
            s.retention = 1;
            r.modules.push_back(s);
        }
    }
}

}  // namespace

StudyResult runStudy(const StudyOptions& options, const std::string& command,
                     TrainingObserver* observer, ControlToken* control) {
    const auto started = Clock::now();
    checkOptions(options);
    const std::string out = options.outDir;
    const StudyContext study{options, out, observer, control};
    claimStudyFolder(study);

    StudyResult r;
    r.options = options;
    r.command = command;
    r.classSets = studyClassSets(options);

    // 1. Train every method and seed (the standard model first: every module is compared with
    // it).
    std::vector<std::string> methods = options.methods;
    std::stable_sort(methods.begin(), methods.end(), [](const auto& a, const auto& b) {
        return a == "standard" && b != "standard";
    });
    const bool haveStandard = methods.front() == "standard";
    trainRuns(study, methods, r);

    // 2. Modularize each modular run and extract every class set's module.
    extractModules(study, methods, haveStandard, r);

    // 3. The standard model on every class set (whole, no fine-tuning): the reference points.
    if (haveStandard) addStandardModules(options.seeds, r);

    summarizeStudy(r);
    writePlots(r, out, observer);
    r.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    writeFileAtomically(out + "/study.csv", studyToCsv(r));
    writeFileAtomically(out + "/report.md", studyToMarkdown(r));
    writeFileAtomically(out + "/study.json", studyToJson(r));  // last: it marks a whole study
    return r;
}

}  // namespace nemo
