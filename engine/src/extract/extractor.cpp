// `nemo extract` and `nemo eval`: module masks -> pruned network + head -> fine-tuning with a
// validation split -> comparison with the full model -> size, FLOPs, latency -> saved module.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "data/batch_loader.h"
#include "extract/module_files.h"
#include "extract/program_builder.h"
#include "modular/sample_masks.h"
#include "nemo/module_masks.h"
#include "nemo/modules.h"
#include "nemo/run_folder.h"
#include "nemo/trainer.h"
#include "nemo/version.h"
#include "run/run_loader.h"
#include "train/checkpoint.h"
#include "train/frozen_run_model.h"
#include "train/train_step.h"

namespace nemo {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// Accuracy of `forward` (images -> logits over the loader's labels) on a whole loader.
template <typename Forward>
double accuracy(BatchLoader& loader, Forward forward) {
    torch::NoGradGuard noGrad;
    loader.startEpoch(0);
    int64_t correct = 0, seen = 0;
    for (int64_t b = 0; b < loader.batches(); ++b) {
        auto [images, labels] = loader.batch(b);
        correct += forward(images).argmax(1).eq(labels).sum().template item<int64_t>();
        seen += labels.size(0);
    }
    return seen ? double(correct) / double(seen) : NAN;
}

// Median wall times (ms) of forward passes of two models on the same input, measured
// alternately so that both see the same machine load.
template <typename ForwardA, typename ForwardB>
std::pair<double, double> latencyPairMs(ForwardA a, ForwardB b, const torch::Tensor& input) {
    torch::NoGradGuard noGrad;
    a(input);  // warm-up: oneDNN builds its primitives on the first call of a shape
    b(input);
    std::vector<double> ta, tb;
    const int reps = input.size(0) == 1 ? 50 : 7;
    for (int i = 0; i < reps; ++i) {
        auto t = Clock::now();
        a(input);
        ta.push_back(since(t) * 1e3);
        t = Clock::now();
        b(input);
        tb.push_back(since(t) * 1e3);
    }
    std::sort(ta.begin(), ta.end());
    std::sort(tb.begin(), tb.end());
    return {ta[ta.size() / 2], tb[tb.size() / 2]};
}

// Training images of the target classes split into fine-tuning and validation parts
// (deterministic), so the best epoch is never chosen on the test set.
std::pair<ImageSet, ImageSet> splitValidation(const ImageSet& set, double fraction, uint64_t seed) {
    torch::Tensor order =
        torch::randperm(set.size(), at::make_generator<at::CPUGeneratorImpl>(seed), torch::kLong);
    const int64_t nVal = std::max<int64_t>(1, int64_t(std::round(fraction * double(set.size()))));
    ImageSet train = set, val = set;
    train.pixels.clear();
    train.labels.clear();
    val.pixels.clear();
    val.labels.clear();
    auto ord = order.accessor<int64_t, 1>();
    for (int64_t i = 0; i < set.size(); ++i) {
        ImageSet& to = i < nVal ? val : train;
        const uint8_t* img = set.image(ord[i]);
        to.pixels.insert(to.pixels.end(), img, img + set.imageBytes());
        to.labels.push_back(set.labels[ord[i]]);
    }
    return {train, val};
}

void checkExtractOptions(const ExtractOptions& options) {
    checkThreshold(options.threshold);
    if (options.finetuneEpochs < 0)
        throw std::invalid_argument("--finetune-epochs must be 0 (no fine-tuning) or more (got " +
                                    std::to_string(options.finetuneEpochs) + ")");
    if (!(std::isfinite(options.lr) && options.lr > 0))
        throw std::invalid_argument("--lr must be a number above 0");
    if (options.batchSize < 1) throw std::invalid_argument("the batch size must be at least 1");
    if (options.classes.empty())
        throw std::invalid_argument("--classes needs at least one class id");
}

void checkClassIds(const std::vector<int>& classes, const LoadedRun& run) {
    const int numClasses = run.data.info.numClasses();
    for (int c : classes) {
        if (c < 0 || c >= numClasses)
            throw std::invalid_argument("class id " + std::to_string(c) +
                                        " is out of range: " + run.config.dataset +
                                        " has classes 0.." + std::to_string(numClasses - 1));
    }
}

// The standard run to compare with (null without --baseline). Checked before the long work, so a
// wrong baseline fails at once.
std::unique_ptr<FrozenRunModel> loadBaseline(const ExtractOptions& options, const LoadedRun& run,
                                             TrainingObserver* observer) {
    if (options.baselineRun.empty()) return nullptr;
    auto baseline = std::make_unique<FrozenRunModel>(options.baselineRun, "baseline", run.config,
                                                     run.data, torch::Device(torch::kCPU));
    if (baseline->mode() != TrainMode::Standard)
        throw std::invalid_argument("baseline " + options.baselineRun + " is a " +
                                    toString(baseline->mode()) +
                                    " run; the comparison needs a standard one (nemo train "
                                    "--mode standard)");
    tell(observer, "baseline: " + baseline->description());
    return baseline;
}

// The units the module keeps per masked layer: the OR of the targets' class modules (§6.4).
// Fills the result's layers and retention.
std::vector<std::vector<int64_t>> targetKeepSets(LoadedRun& run, const ExtractOptions& options,
                                                 TrainingObserver* observer, ControlToken* control,
                                                 ExtractResult& r) {
    SampleMasks samples =
        sampleMasksForRun(run, options.runDir, options.augmented, observer, control);
    auto freq = classFrequencies(samples.bits, samples.labels, run.data.info.numClasses());
    BitMatrix modules = moduleMasks(freq, samples.widths, options.threshold);
    std::vector<uint8_t> target(modules.cols(), 0);
    for (int c : options.classes)
        for (int64_t j = 0; j < modules.cols(); ++j) target[j] |= modules.get(c, j);
    auto keep = keepSetsFromMask(target, samples.widths);
    int64_t kept = 0;
    for (size_t l = 0; l < keep.size(); ++l) {
        r.layers.push_back({samples.names[l], int64_t(keep[l].size()), samples.widths[l]});
        kept += int64_t(keep[l].size());
    }
    r.retention = double(kept) / double(target.size());
    return keep;
}

void reportFineTuneEpoch(TrainingObserver* observer, int epoch, int epochs, double accuracy,
                         double lr) {
    tell(observer, "fine-tune epoch " + std::to_string(epoch + 1) + "/" + std::to_string(epochs) +
                       ": validation accuracy " + std::to_string(accuracy));
    if (!observer) return;
    MetricsEvent e;
    e.kind = MetricsEvent::Kind::Epoch;
    e.phase = "finetune";
    e.epoch = epoch;
    e.epochs = epochs;
    e.accuracy = accuracy;
    e.lr = lr;
    observer->onMetrics(e);
}

// Fine-tunes the module on the targets' training images, less a validation split, and keeps
// whichever epoch validates best (epoch 0: the module before any fine-tuning). Sets the result's
// bestEpoch and validationAccuracy; the module is left in eval mode.
void fineTune(ProgramModuleImpl& module, const Dataset& sub, const std::string& model,
              const ExtractOptions& options, TrainingObserver* observer, ControlToken* control,
              ExtractResult& r) {
    auto [fineTrain, validation] =
        splitValidation(sub.train, options.validationFraction, options.seed + 1);
    tell(observer, "fine-tuning on " + std::to_string(fineTrain.size()) +
                       " images, validating on " + std::to_string(validation.size()));
    // Augmented as the model was trained (vit_tiny: none, see augmentationSuits).
    BatchLoader trainLoader(toTensors(fineTrain), sub.info, options.batchSize, true,
                            augmentationSuits(model));
    BatchLoader valLoader(toTensors(validation), sub.info, 256, false, false);
    auto optimizer = torch::optim::SGD(
        module.parameters(),
        torch::optim::SGDOptions(options.lr).momentum(0.9).nesterov(true).weight_decay(0));
    auto forward = [&](const torch::Tensor& x) { return module.forward(x); };

    module.eval();
    double best = accuracy(valLoader, forward);
    NamedTensors bestState = snapshotState(module);
    for (int epoch = 0; epoch < options.finetuneEpochs; ++epoch) {
        // CosineAnnealingLR with T_max = 2 * epochs, as both published repositories (§7.7).
        const double lr = cosineLearningRate(options.lr, epoch, 2 * options.finetuneEpochs);
        static_cast<torch::optim::SGDOptions&>(optimizer.param_groups()[0].options()).lr(lr);
        module.train();
        trainLoader.startEpoch(options.seed * 7919 + uint64_t(epoch));
        for (int64_t b = 0; b < trainLoader.batches(); ++b) {
            if (control && !control->waitWhilePaused()) throw TrainingError("extraction stopped");
            auto [images, labels] = trainLoader.batch(b);
            torch::Tensor loss =
                torch::nn::functional::cross_entropy(module.forward(images), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        module.eval();
        const double val = accuracy(valLoader, forward);
        reportFineTuneEpoch(observer, epoch, options.finetuneEpochs, val, lr);
        if (val > best) {
            best = val;
            r.bestEpoch = epoch + 1;
            bestState = snapshotState(module);
        }
    }
    restoreState(module, {bestState.begin(), bestState.end()}, "the best fine-tuned epoch");
    module.eval();
    r.validationAccuracy = best;
}

// Size and speed against the full architecture (without generators).
void measureCost(ProgramModuleImpl& module, ProgramModuleImpl& full, NetworkImpl& model,
                 const ImageSet& img, ExtractResult& r) {
    r.params = module.parameterCount();
    r.paramsFull = full.parameterCount();
    for (const auto& p : model.parameters()) r.paramsFullWithGenerators += p.numel();
    r.flops = module.multiplyAdds(img.channels, img.height, img.width);
    r.flopsFull = full.multiplyAdds(img.channels, img.height, img.width);
    full.eval();
    for (int64_t batch : {int64_t(1), int64_t(128)}) {
        torch::Tensor x = torch::randn({batch, img.channels, img.height, img.width});
        const auto [m, f] =
            latencyPairMs([&](const torch::Tensor& t) { return module.forward(t); },
                          [&](const torch::Tensor& t) { return full.forward(t); }, x);
        (batch == 1 ? r.latencyMs : r.latencyMs128) = m;
        (batch == 1 ? r.latencyMsFull : r.latencyMsFull128) = f;
    }
}

// module.json: the results (nemo/run_folder.h, the schema `extract --json` prints too), plus
// what eval and a user of the files need to run the module.
nlohmann::json moduleManifest(const ExtractResult& r, const ExtractOptions& options,
                              const LoadedRun& run, const Dataset& sub) {
    const ImageSet& img = sub.train;
    nlohmann::json manifest = moduleResultToJson(r);
    manifest.update(
        {{"engine_version", kEngineVersion},
         {"source_run", std::filesystem::absolute(options.runDir).lexically_normal().string()},
         {"checkpoint", run.checkpoint},
         {"model", run.config.model},
         {"mode", toString(run.config.mode)},
         {"dataset", run.config.dataset},
         {"limit_test", run.config.limitTest},  // eval measures on the same test images
         {"input", {{"channels", img.channels}, {"height", img.height}, {"width", img.width}}},
         {"normalization",
          {{"mean", sub.info.mean},
           {"std", sub.info.std},
           {"note", "inputs are pixels/255, then (x - mean) / std per channel"}}},
         {"output", "logits over the classes, in the order of \"classes\""}});
    return manifest;
}

}  // namespace

ExtractResult extractModule(const ExtractOptions& options, TrainingObserver* observer,
                            ControlToken* control) {
    const auto started = Clock::now();
    checkExtractOptions(options);
    setThreadCount(options.threads);
    LoadedRun run = loadRun(options.runDir, options.dataDir);
    checkClassIds(options.classes, run);
    Dataset sub = selectClasses(run.data, options.classes);  // also rejects repeated ids
    std::unique_ptr<FrozenRunModel> baseline = loadBaseline(options, run, observer);

    ExtractResult r;
    r.classes = options.classes;
    r.classNames = sub.info.classNames;
    r.threshold = options.threshold;
    r.finetuneEpochs = options.finetuneEpochs;
    r.augmentedSampleMasks = options.augmented;
    const auto keep = targetKeepSets(run, options, observer, control, r);

    // The full model on the same sub-task: logits restricted to the targets (§7.8).
    torch::Tensor targetIndex =
        torch::tensor(std::vector<int64_t>(options.classes.begin(), options.classes.end()));
    BatchLoader testLoader(toTensors(sub.test), sub.info, 256, false, false);
    r.fullAccuracy = accuracy(testLoader, [&](const torch::Tensor& x) {
        return run.model->forward(x).index_select(1, targetIndex);
    });
    if (baseline) {
        r.baselineRun = std::filesystem::absolute(options.baselineRun).lexically_normal().string();
        r.standardAccuracy = accuracy(testLoader, [&](const torch::Tensor& x) {
            return baseline->logits(x).index_select(1, targetIndex);
        });
    }

    // Pruned module + head.
    torch::manual_seed(options.seed);
    // Without fine-tuning a fresh head would answer at random: the head then starts from the
    // full model's classifier (program_builder.h). With fine-tuning it is fresh, as published.
    ProgramModule module(buildModuleProgram(
        *run.model, keep, run.data.info.numClasses(), int64_t(options.classes.size()),
        options.finetuneEpochs == 0 ? options.classes : std::vector<int>()));
    ProgramModule fullProgram(buildPrunedProgram(*run.model, {}));
    fineTune(*module, sub, run.config.model, options, observer, control, r);
    r.moduleAccuracy =
        accuracy(testLoader, [&](const torch::Tensor& x) { return module->forward(x); });
    measureCost(*module, *fullProgram, *run.model, sub.train, r);

    r.outDir = options.outDir.empty() ? RunFolder(options.runDir).moduleDir(options.classes)
                                      : options.outDir;
    saveModuleFolder(r.outDir, *module, moduleManifest(r, options, run, sub));
    r.seconds = since(started);
    return r;
}

EvalResult evaluateModule(const std::string& moduleDir, const std::string& dataDir) {
    nlohmann::json manifest = verifyModuleFolder(moduleDir);
    ProgramModule module = loadModuleProgram(moduleDir, manifest);
    EvalResult r;
    try {
        r.dataset = manifest.at("dataset").get<std::string>();
        r.classes = manifest.at("classes").get<std::vector<int>>();
    } catch (const nlohmann::json::exception&) {
        throw ModuleFileError(moduleDir + "/module.json: lacks the dataset or classes");
    }
    TrainConfig config;
    config.dataset = r.dataset;
    config.dataDir = dataDir;
    config.model = manifest.value("model", std::string());
    config.limitTest = manifest.value("limit_test", int64_t(0));
    Dataset sub = selectClasses(prepareDataset(config), r.classes);
    BatchLoader loader(toTensors(sub.test), sub.info, 256, false, false);
    torch::NoGradGuard noGrad;
    auto forward = [&](const torch::Tensor& x) {
        try {
            torch::Tensor logits = module->forward(x);
            if (logits.dim() != 2 || logits.size(1) != int64_t(r.classes.size()))
                throw ModuleFileError(moduleDir + ": the module gives " +
                                      std::to_string(logits.dim() == 2 ? logits.size(1) : -1) +
                                      " outputs for " + std::to_string(r.classes.size()) +
                                      " classes; extract the module again");
            return logits;
        } catch (const c10::Error& e) {
            throw ModuleFileError(moduleDir + ": the module does not run on " + r.dataset +
                                  " images (" + e.what_without_backtrace() +
                                  "); extract the module again");
        }
    };
    r.accuracy = accuracy(loader, forward);
    r.samples = sub.test.size();
    return r;
}

}  // namespace nemo
