// Modularize a trained run, extract a module for target classes, evaluate a saved module
// (nemo modularize / extract / eval). Plain data: the GUI includes this header.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "nemo/training_observer.h"

namespace nemo {

// A module file is missing, truncated, tampered with or of another format.
class ModuleFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct DistributedEnvironment;

struct ModularizeOptions {
    std::string runDir;
    double threshold = 0.9;
    // Sample masks from un-augmented training images (default, deterministic) or, as the
    // published code does, from randomly cropped and flipped ones.
    bool augmented = false;
    std::string dataDir;  // overrides the run's
    int threads = 0;
};

struct ClassModule {
    int classId = 0;
    std::string name;
    int64_t samples = 0;
    double retention = 0;  // |module| / K
    double cohesion = 0;   // mean Jaccard of the class's sample masks inside its module (NaN: n/a)
};

struct ModularizeResult {
    double threshold = 0.9;
    double retention = 0;  // mean over classes
    double cohesion = 0;   // mean over classes
    double coupling = 0;   // mean Jaccard over pairs of class modules
    std::vector<ClassModule> perClass;
    int64_t samples = 0;
    int64_t units = 0;                     // K
    int64_t sampleMaskBytes = 0;           // memory of the packed sample masks
    bool reusedSampleMasks = false;        // read from RUN/modular instead of running the model
    double sampleMaskImagesPerSecond = 0;  // the sample-mask pass (0 when reused)
    double seconds = 0;
    std::string modularDir;
};

// Runs the trained model (eval mode) over the training set, keeps binary sample masks as bits in
// RUN/modular/sample_masks.bin, and writes module masks and metrics for the threshold. Later
// calls with another threshold reuse the sample masks.
// A stop requested through `control` ends the sample-mask pass after the current batch with a
// TrainingError; nothing is written then (earlier results in RUN/modular stay as they were).
// distributed (active): this process is one rank; the ranks share the sample-mask pass and rank 0
// writes the files (docs/distributed.md). The others return after their share of the pass, with
// only the threshold and the seconds filled in.
ModularizeResult modularize(const ModularizeOptions& options, TrainingObserver* observer = nullptr,
                            ControlToken* control = nullptr,
                            const DistributedEnvironment* distributed = nullptr);

struct ExtractOptions {
    std::string runDir;
    std::vector<int> classes;
    double threshold = 0.9;
    int finetuneEpochs = 10;
    double lr = 0.05;
    int batchSize = 128;
    double validationFraction = 0.1;  // of the target classes' training images, for best epoch
    std::string outDir;               // default RUN/modules/classes_<ids>
    std::string dataDir;
    int threads = 0;
    uint64_t seed = 0;
    // Sample masks from augmented training images, as `modularize --augmented` (the module
    // masks then match what modularize reported at that setting).
    bool augmented = false;
    // A standard run of the same dataset: its model on the same sub-task (logits restricted to
    // the targets, no fine-tuning) is the paper's comparison for a module (docs/method.md §7.8).
    std::string baselineRun;
};

struct LayerKeep {
    std::string name;
    int64_t kept = 0, total = 0;
};

struct ExtractResult {
    std::vector<int> classes;
    std::vector<std::string> classNames;
    double moduleAccuracy = 0;      // fine-tuned module on the target classes' test images
    double fullAccuracy = 0;        // the full trained model, logits restricted to the targets
    double standardAccuracy = NAN;  // ExtractOptions::baselineRun's model, the same way (NaN: none)
    std::string baselineRun;        // absolute path, empty without one
    int64_t params = 0, paramsFull = 0, paramsFullWithGenerators = 0;
    int64_t flops = 0, flopsFull = 0;               // multiply-adds per image
    double retention = 0;                           // kept units / all masked units
    double latencyMs = 0, latencyMsFull = 0;        // batch 1
    double latencyMs128 = 0, latencyMsFull128 = 0;  // batch 128
    std::vector<LayerKeep> layers;
    int bestEpoch = 0;
    double validationAccuracy = 0;
    // How it was cut: ExtractOptions' threshold, finetuneEpochs and augmented.
    double threshold = 0.9;
    int finetuneEpochs = 0;
    bool augmentedSampleMasks = false;
    std::string outDir;
    double seconds = 0;
};

ExtractResult extractModule(const ExtractOptions& options, TrainingObserver* observer = nullptr,
                            ControlToken* control = nullptr);

struct EvalResult {
    double accuracy = 0;
    int64_t samples = 0;
    std::vector<int> classes;
    std::string dataset;
};

// Checks the module's files against its manifest, loads module.pt and measures its accuracy on
// the test images of its classes. Throws ModuleFileError for a bad module folder.
EvalResult evaluateModule(const std::string& moduleDir, const std::string& dataDir = {});

}  // namespace nemo
