// `nemo study`: the paper's comparison of NeMo and MwT modules with a standard model, run as one
// command (train every method and seed, modularize, extract every class set, compare) and
// summarized with means and 95% intervals. Plain data: the GUI includes this header to show a
// study folder.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "nemo/training_observer.h"

namespace nemo {

struct StudyOptions {
    std::string outDir;
    std::string dataset = "fashion-mnist";
    std::string dataDir;
    std::string model = "minivgg";
    std::vector<std::string> methods = {"standard", "nemo", "mwt"};
    std::vector<uint64_t> seeds = {1, 2, 3};
    // Target class sets; when empty, `randomSets` seeded random sets of sizes minSetSize ..
    // maxSetSize (the sizes taken in turn, so 8 sets of sizes 2..5 are two of each).
    std::vector<std::vector<int>> classSets;
    int randomSets = 8;
    uint64_t setSeed = 0;
    int minSetSize = 2, maxSetSize = 5;
    int epochs = 3;
    std::vector<double> thresholds = {0.9};
    int finetuneEpochs = 10;
    int batchSize = 128;
    int64_t limitTrain = 0, limitTest = 0;
    bool augmentedMasks = false;  // module masks from augmented images (the published code)
    int threads = 0;
};

// One trained run of the study.
struct StudyRun {
    std::string method;
    uint64_t seed = 0;
    std::string runDir;  // relative to the study folder
    double testAccuracy = NAN;
    double alpha = NAN, beta = NAN, temperature = NAN;  // the loss settings it trained with
    bool reused = false;                                // finished before this call
    double seconds = 0;                                 // training time of this call
};

// The class modules of one run at one threshold (modularize).
struct StudyModularity {
    std::string method;
    uint64_t seed = 0;
    double threshold = 0;
    double retention = NAN, cohesion = NAN, coupling = NAN;
};

// One module (or, for the standard method, the standard model itself) on one class set.
struct StudyModule {
    std::string method;
    uint64_t seed = 0;
    std::vector<int> classes;
    double threshold = NAN;  // NaN for the standard model
    double moduleAccuracy = NAN;
    double standardAccuracy = NAN;  // the same seed's standard model on the same classes
    double fullAccuracy = NAN;      // the modular model itself on the same classes
    int64_t params = 0, paramsFull = 0, flops = 0, flopsFull = 0;
    double retention = NAN;  // kept masked units / all masked units
    std::string moduleDir;   // relative to the study folder; empty for the standard model
    bool reused = false;
    double paramShare() const { return paramsFull ? double(params) / double(paramsFull) : NAN; }
    double flopShare() const { return flopsFull ? double(flops) / double(flopsFull) : NAN; }
};

// Mean of n values with the half-width of its 95% confidence interval (Student's t; NaN for
// n < 2).
struct Estimate {
    int n = 0;
    double mean = NAN, ci95 = NAN;
};
Estimate estimate(const std::vector<double>& values);
// Two-sided 97.5% quantile of Student's t with `df` degrees of freedom.
double studentT975(int df);

// Per method and threshold, over its modules (seeds x class sets).
struct StudyMethodSummary {
    std::string method;
    double threshold = NAN;
    Estimate moduleAccuracy, accuracyVsStandard, paramShare, flopShare, retention;
};

// NeMo minus MwT on the same seed, class set and threshold (paired).
struct StudyComparison {
    std::string first = "nemo", second = "mwt";
    double threshold = NAN;
    Estimate accuracyDifference;    // points of accuracy (x100)
    Estimate paramShareDifference;  // points of the full model's parameters (x100)
    Estimate relativeSizeChange;    // (size first / size second - 1), in percent
};

struct StudyResult {
    StudyOptions options;
    std::vector<std::vector<int>> classSets;  // as used (explicit or drawn)
    std::vector<StudyRun> runs;
    std::vector<StudyModularity> modularity;
    std::vector<StudyModule> modules;
    std::vector<StudyMethodSummary> summaries;
    std::vector<StudyComparison> comparisons;
    std::string conclusion;  // one paragraph, whichever way the numbers fall
    std::string command;     // the command line that made it
    double seconds = 0;      // wall time of this call
    int reusedRuns = 0, reusedModules = 0;
    std::vector<std::string> plots;  // relative paths of the PNG plots written
};

// Trains, modularizes, extracts and compares as the options say, writing everything into
// options.outDir: runs/<method>-seed<S>/ (run folders, modules inside), study.json, study.csv,
// report.md and plots/*.png. Finished runs and modules found there are reused, so a killed or
// stopped study continues where it was; a folder holding a study with other settings is refused.
StudyResult runStudy(const StudyOptions& options, const std::string& command,
                     TrainingObserver* observer = nullptr, ControlToken* control = nullptr);

// The seeded random class sets of runStudy (distinct, each sorted).
std::vector<std::vector<int>> drawClassSets(int count, int numClasses, int minSize, int maxSize,
                                            uint64_t seed);

// Fills summaries, comparisons and the conclusion from runs and modules.
void summarizeStudy(StudyResult& result);

// The options as study.json's "options" object.
std::string studyOptionsJson(const StudyOptions& options);

// study.json, study.csv and report.md of a result (the plots are written by runStudy).
std::string studyToJson(const StudyResult& result);
std::string studyToCsv(const StudyResult& result);
std::string studyToMarkdown(const StudyResult& result);

// Reads DIR/study.json (as the workbench does when it opens a study folder). Throws
// std::runtime_error naming the file and the bad key.
StudyResult readStudy(const std::string& studyDir);
bool isStudyFolder(const std::string& dir);

// Two thresholds of a study are the same (NaN, the standard model's "none", equals NaN).
inline bool sameThreshold(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) < 1e-9;
}

// "nemo" -> "NeMo", "mwt" -> "MwT", "standard" -> "Standard".
std::string methodLabel(const std::string& method);

}  // namespace nemo
