// The training loop: data, model, optimizer, per-step and per-epoch metrics, checkpoints, resume.
#include "nemo/trainer.h"

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "data/batch_loader.h"
#include "dist/data_parallel.h"
#include "models/network.h"
#include "nemo/dataset.h"
#include "nemo/distributed.h"
#include "nemo/version.h"
#include "run/atomic_file.h"
#include "run/run_directory.h"
#include "run/run_loader.h"
#include "run/run_lock.h"
#include "train/checkpoint.h"
#include "train/evaluator.h"
#include "train/frozen_run_model.h"
#include "train/heatmap_probe.h"
#include "train/losses.h"
#include "train/resume_settings.h"
#include "train/step_runner.h"
#include "train/train_step.h"

namespace nemo {
namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// Sums of detached per-step values kept on the device, read out (one host sync) only when an
// event is due: the rows of StepOutcome::stats.
struct StepAccumulator {
    torch::Tensor sums;
    int64_t seen = 0, steps = 0;
    bool hasContrastive = false, hasDistillation = false;
    void add(const StepOutcome& step, int64_t batch) {
        torch::NoGradGuard noGrad;
        hasContrastive = step.hasContrastive;
        hasDistillation = step.hasDistillation;
        // A graphed step's stats are overwritten by the next replay: never keep them, add them.
        sums = sums.defined() ? sums + step.stats : step.stats.clone();
        seen += batch;
        ++steps;
    }
    double lossSum() const { return sums.defined() ? sums[kStatLoss].item<double>() : 0.0; }
    void fill(MetricsEvent& e, bool masked) const {
        torch::Tensor host = sums.to(torch::kCPU, torch::kDouble);
        auto sum = host.accessor<double, 1>();
        const auto mean = [&](StepStat stat) { return sum[stat] / double(steps); };
        e.loss = mean(kStatLoss);
        e.crossEntropy = mean(kStatCrossEntropy);
        if (hasContrastive) e.contrastive = mean(kStatContrastive);
        if (hasDistillation) e.distillation = mean(kStatDistillation);
        if (masked) e.retention = mean(kStatRetention);
        e.accuracy = sum[kStatCorrect] / double(seen);
    }
};

std::string runInfoJson(const TrainConfig& config, const DatasetInfo& info, const ImageSet& sample,
                        NetworkImpl& model, int ranks) {
    nlohmann::json j = nlohmann::json::parse(configToJson(config));
    j["engine_version"] = kEngineVersion;
    // Informational: a run may resume with another number of ranks (the global batch is the same).
    if (ranks > 1) j["data_parallel"] = {{"ranks", ranks}, {"backend", "gloo"}};
    j["class_names"] = info.classNames;
    j["normalization"] = {{"mean", info.mean}, {"std", info.std}};
    j["input"] = {
        {"channels", sample.channels}, {"height", sample.height}, {"width", sample.width}};
    nlohmann::json layers = nlohmann::json::array();
    const auto widths = model.maskedWidths();
    for (size_t i = 0; i < widths.size(); ++i)
        layers.push_back({{"name", model.maskedNames()[i]}, {"units", widths[i]}});
    j["masked_layers"] = layers;
    return j.dump(2);
}

void emit(TrainingObserver* observer, RunDirectory* run, const MetricsEvent& event) {
    if (run) run->appendMetrics(toJsonLine(event));
    if (observer) observer->onMetrics(event);
}

// Applies settings changed during training to the config (written to config.json with the next
// checkpoint) and the loss settings; returns a Change event naming what changed (empty when
// nothing did). A value that could not train (not finite, negative, a zero rate or temperature)
// is left out; the workbench's fields cannot produce one.
MetricsEvent applyLiveSettings(const LiveSettings& live, TrainConfig& config,
                               LossSettings& settings) {
    MetricsEvent e;
    e.kind = MetricsEvent::Kind::Change;
    auto apply = [&](const char* name, const std::optional<double>& to, double& field,
                     bool mayBeZero) {
        if (!to || *to == field || !std::isfinite(*to) || *to < 0 || (*to == 0 && !mayBeZero))
            return;
        std::ostringstream text;
        text << name << " " << field << " -> " << *to;
        e.change += (e.change.empty() ? "" : ", ") + text.str();
        field = *to;
    };
    apply("lr", live.lr, config.lr, false);
    apply("lr_mask", live.lrMask, config.lrMask, false);
    apply("alpha", live.alpha, config.alpha, true);
    apply("beta", live.beta, config.beta, true);
    apply("temperature", live.temperature, config.temperature, false);
    const LossSettings updated = LossSettings::from(config);
    settings.alpha = updated.alpha;
    settings.beta = updated.beta;
    settings.temperature = updated.temperature;
    return e;
}

void throwIfDiverged(double loss, int epoch, int step) {
    if (std::isfinite(loss)) return;
    throw TrainingError("the loss became " + std::to_string(loss) + " at epoch " +
                        std::to_string(epoch + 1) + ", step " + std::to_string(step + 1) +
                        "; resume with a lower rate or loss weight, e.g. `nemo train --out RUN "
                        "--resume --lr 0.01` (the checkpoint of the last finished epoch is kept, "
                        "and the change is recorded in config.json)");
}

}  // namespace

int setThreadCount(int threads) {
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const int n = threads > 0 ? threads : cores;
    torch::set_num_threads(n);
    // OpenBLAS keeps its own pool; match it so "--threads 1" really means one core.
    using SetThreads = void (*)(int);
    if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(n);
    return torch::get_num_threads();
}

static std::unique_ptr<RunLock> lockRun(const std::string& runDir) {
    try {
        return std::make_unique<RunLock>(runDir);
    } catch (const std::runtime_error& e) {
        throw TrainingError(e.what());
    }
}

namespace {

// The run folder being trained into, its lock (held until training ends) and the config that
// trains: on resume the run's own config.json with the settings a user may change when continuing.
struct OpenedRun {
    TrainConfig config;
    std::unique_ptr<RunDirectory> run;
    std::unique_ptr<RunLock> lock;
    std::vector<std::string> resumeChanges;
};

// follower: a data-parallel rank other than 0, which reads the run folder but never writes it.
OpenedRun openRun(const TrainConfig& requested, TrainingObserver* observer, bool resume,
                  bool follower) {
    OpenedRun opened;
    TrainConfig& config = opened.config;
    config = requested;
    std::unique_ptr<RunDirectory>& run = opened.run;
    if (!config.outDir.empty()) run = std::make_unique<RunDirectory>(config.outDir);
    if (resume) {
        if (!run || !run->exists()) {
            throw TrainingError("nothing to resume: " +
                                (config.outDir.empty()
                                     ? std::string("no --out folder given")
                                     : config.outDir + "/config.json is missing"));
        }
        if (!follower) opened.lock = lockRun(config.outDir);
        const int stale = follower ? 0 : removeStaleTempFiles(config.outDir);
        if (stale > 0)
            tell(observer, "removed " + std::to_string(stale) +
                               " temporary file(s) left by a process that was killed while "
                               "writing");
        // The run's own settings win, except the ones a user may change when continuing.
        TrainConfig saved = configFromJson(readTextFile(run->configPath()));
        saved.threads = requested.threads;
        // More epochs extend the run; fewer (or 0: "keep") leave it as it was planned, since the
        // cosine schedule of the epochs already trained depends on the total.
        saved.epochs = std::max(saved.epochs, requested.epochs);
        saved.outDir = config.outDir;
        opened.resumeChanges = applyResumeChanges(requested, saved);
        config = saved;
    }
    try {
        validateConfig(config);  // a resumed run's config.json may have been edited
    } catch (const std::invalid_argument& e) {
        throw TrainingError(std::string(e.what()) +
                            (resume ? " (from " + config.outDir + "/config.json)" : ""));
    }
    if (run && !resume && !follower) {
        try {
            run->checkCanCreate();
        } catch (const std::runtime_error& e) {
            throw TrainingError(e.what());
        }
        opened.lock = lockRun(config.outDir);
    }
    return opened;
}

Dataset loadTrainingData(const TrainConfig& config, TrainingObserver* observer) {
    Dataset data = prepareDataset(config);
    if (data.train.size() == 0) throw TrainingError("the training split is empty");
    tell(observer, "dataset " + config.dataset + ": " + std::to_string(data.train.size()) +
                       " train, " + std::to_string(data.test.size()) + " test images of " +
                       std::to_string(data.train.channels) + "x" +
                       std::to_string(data.train.height) + "x" + std::to_string(data.train.width));
    return data;
}

// The model to train, initialized from config.seed, on `device`.
Network buildTrainedModel(const TrainConfig& config, const Dataset& data,
                          const torch::Device& device) {
    torch::manual_seed(config.seed);
    ModelSpec spec;
    spec.inChannels = data.train.channels;
    spec.numClasses = data.info.numClasses();
    spec.inputSize = data.train.height;
    spec.masked = config.mode != TrainMode::Standard;
    spec.maskAttention = config.maskAttention;
    Network model = buildModel(config.model, spec);
    model->to(device);
    useChannelsLast(*model);
    return model;
}

// The frozen teacher of a student with a distillation head; null without --teacher.
std::unique_ptr<FrozenRunModel> loadTeacher(TrainConfig& config, const Dataset& data,
                                            const NetworkImpl& model, const torch::Device& device,
                                            TrainingObserver* observer) {
    if (!config.teacher.empty()) {
        // Stored absolute so that --resume from another folder finds the same teacher.
        config.teacher = std::filesystem::absolute(config.teacher).lexically_normal().string();
        if (!model.hasDistillationHead()) {
            throw TrainingError(
                "--teacher needs a model with a distillation head (deit_tiny or "
                "deit_s); " +
                config.model + " has none");
        }
        auto teacher =
            std::make_unique<FrozenRunModel>(config.teacher, "teacher", config, data, device);
        tell(observer, "teacher: " + teacher->description());
        return teacher;
    }
    if (model.hasDistillationHead()) {
        tell(observer, config.model +
                           " without --teacher: both heads learn from the labels "
                           "(cross-entropy of their mean)");
    }
    return nullptr;
}

// Loads a resumed run's checkpoint (or creates a new run's folder), records the settings changed
// on resume and writes config.json; returns the first epoch to train.
// A follower rank (data-parallel, not rank 0) only reads the checkpoint: rank 0 writes the folder.
int startOrResume(OpenedRun& opened, bool resume, const Dataset& data, NetworkImpl& model,
                  torch::optim::SGD& optimizer, TrainingObserver* observer, int ranks,
                  bool follower) {
    TrainConfig& config = opened.config;
    RunDirectory* run = opened.run.get();
    int firstEpoch = 0;
    if (follower) {
        if (resume && std::filesystem::exists(run->lastCheckpoint()))
            firstEpoch = loadCheckpoint(run->lastCheckpoint(), model, &optimizer);
        return firstEpoch;
    }
    // last.pt: final.pt has no optimizer state to continue from.
    if (resume && std::filesystem::exists(run->lastCheckpoint())) {
        try {
            firstEpoch = loadCheckpoint(run->lastCheckpoint(), model, &optimizer);
        } catch (const std::exception& e) {
            throw TrainingError(std::string(e.what()) +
                                "; delete it to restart the run from the beginning");
        }
        run->truncateMetrics(firstEpoch);
        tell(observer, "resuming after epoch " + std::to_string(firstEpoch));
    } else if (run) {
        if (resume)
            run->truncateMetrics(0);
        else
            run->create(runInfoJson(config, data.info, data.train, model, ranks));
    }
    for (const std::string& change : opened.resumeChanges) {
        const std::string entry = "after epoch " + std::to_string(firstEpoch) + ": " + change;
        config.changeHistory.push_back(entry);  // kept in config.json, written next
        tell(observer, "changed on resume: " + entry);
    }
    if (run) run->writeConfig(runInfoJson(config, data.info, data.train, model, ranks));
    return firstEpoch;
}

// What the epoch loop trains with; train() owns all of it.
struct TrainingParts {
    TrainConfig& config;
    LossSettings& settings;
    const Dataset& data;
    NetworkImpl& model;
    torch::optim::SGD& optimizer;
    FrozenRunModel* teacher;  // may be null
    StepRunner& stepper;
    BatchLoader& trainLoader;
    BatchLoader& testLoader;
    HeatmapProbe* probe;        // may be null
    RunDirectory* run;          // null without an --out folder, and on follower ranks
    const DataParallel* group;  // null in one process
    TrainingObserver* observer;
    ControlToken* control;
    const torch::Device device;
    const Clock::time_point started;
    const int stepsPerEpoch;
    const bool masked;
};

// The steps since the last Step event.
struct LogWindow {
    StepAccumulator sums;
    Clock::time_point start = Clock::now();
    int64_t images = 0;
};

// The epochs from the first one to train to config.epochs, and the state carried between them.
struct EpochLoop {
    explicit EpochLoop(const TrainingParts& parts) : t(parts) {}
    TrainResult run(int firstEpoch);

    void scheduleRates(int epoch);
    bool trainSteps(int epoch, StepAccumulator& whole);
    void takeLiveSettings(int epoch, int step);
    void emitStepEvent(int epoch, int step, const StepOutcome& outcome, LogWindow& window);
    void finishEpoch(int epoch, const StepAccumulator& whole, TrainResult& result);

    TrainingParts t;
    int64_t globalStep = 0;
    size_t savedChanges = 0;  // the changes config.json holds
    // The cosine schedule's rates for an epoch, from config.lr and config.lrMask (which a live
    // change may set mid-epoch).
    double lr = 0, lrMask = 0;
    bool toldGraphFailure = false;
};

TrainResult EpochLoop::run(int firstEpoch) {
    TrainResult result;
    result.runDir = t.config.outDir;
    result.epochs = firstEpoch;
    globalStep = int64_t(firstEpoch) * t.stepsPerEpoch;
    savedChanges = t.config.changeHistory.size();
    for (int epoch = firstEpoch; epoch < t.config.epochs; ++epoch) {
        StepAccumulator whole;
        const bool stopped = !trainSteps(epoch, whole);
        if (!t.stepper.graphFailure().empty() && !toldGraphFailure) {
            toldGraphFailure = true;
            tell(t.observer, "CUDA graph capture failed (" + t.stepper.graphFailure() +
                                 "); training went on with eager steps");
        }
        if (stopped) {
            result.stopped = true;
            tell(t.observer, "stopped during epoch " + std::to_string(epoch + 1) +
                                 "; the checkpoint of the last finished epoch is kept");
            break;
        }
        finishEpoch(epoch, whole, result);
    }
    if (firstEpoch >= t.config.epochs && firstEpoch > 0 && (!t.group || t.group->leader())) {
        // Resuming a finished run: report its final state.
        EvalStats test = evaluate(t.model, t.testLoader, t.settings, t.teacher);
        result.testAccuracy = test.accuracy;
        result.testLoss = test.loss;
        result.retention = t.masked ? test.retention : 1.0;
    }
    if (t.run && !result.stopped && result.epochs >= t.config.epochs) {
        saveCheckpoint(t.run->finalCheckpoint(), t.model, nullptr, result.epochs);
    }
    result.graphReplays = t.stepper.replays();
    result.seconds = secondsSince(t.started);
    return result;
}

void EpochLoop::scheduleRates(int epoch) {
    lr = cosineLearningRate(t.config.lr, epoch, t.config.epochs);
    lrMask = cosineLearningRate(t.config.lrMask, epoch, t.config.epochs);
    setLearningRates(t.optimizer, lr, lrMask);
    t.stepper.invalidate();  // a captured step has the old learning rates baked in
}

// Trains one epoch's steps, adding them to `whole`; false when the control token stopped it.
bool EpochLoop::trainSteps(int epoch, StepAccumulator& whole) {
    scheduleRates(epoch);
    // Per-epoch seeds make a resumed run draw the same batches, crops and dropout masks.
    torch::manual_seed(t.config.seed * 1000003ULL + uint64_t(epoch));
    t.trainLoader.startEpoch(t.config.seed * 7919ULL + uint64_t(epoch));
    t.model.train();

    LogWindow window;
    for (int step = 0; step < t.stepsPerEpoch; ++step) {
        const bool stop = t.control && !t.control->waitWhilePaused();
        // Data-parallel ranks stop together (a Ctrl+C reaches them at different steps).
        if (t.group ? t.group->any(stop) : stop) return false;
        const bool singleStep = t.control && t.control->takeSingleStep();
        if (t.control) takeLiveSettings(epoch, step);
        const int64_t globalRows = t.trainLoader.batchRows(step);
        // A last batch with fewer images than ranks would leave a rank without rows: skipped.
        if (t.group && globalRows < t.group->worldSize()) continue;
        auto [images, labels] = t.trainLoader.batch(step);
        images = images.to(t.device).contiguous(torch::MemoryFormat::ChannelsLast);
        labels = labels.to(t.device);
        const torch::Tensor teacherLogits = t.teacher ? t.teacher->logits(images) : torch::Tensor();
        // On the CPU the divergence check is free; on a GPU it would stall every step, so
        // there it runs when the window's metrics are read anyway (the bad steps are never
        // checkpointed).
        const StepOutcome outcome = t.stepper.run(
            images, labels, teacherLogits,
            [&](const torch::Tensor& loss) {
                if (!t.device.is_cuda()) throwIfDiverged(loss.item<double>(), epoch, step);
            },
            globalRows);
        ++globalStep;
        if (t.probe && (globalStep % t.config.heatmapEvery == 0 || step + 1 == t.stepsPerEpoch ||
                        singleStep)) {
            HeatmapFrame frame = t.probe->frame(t.model, epoch, globalStep);
            frame.step = step + 1;
            frame.stepsPerEpoch = t.stepsPerEpoch;
            t.observer->onHeatmap(frame);
        }
        window.sums.add(outcome, globalRows);  // the statistics are the global batch's
        whole.add(outcome, globalRows);
        window.images += globalRows;

        if ((step + 1) % std::max(1, t.config.logEvery) == 0 || step + 1 == t.stepsPerEpoch ||
            singleStep)
            emitStepEvent(epoch, step, outcome, window);
    }
    return true;
}

// Applies the settings changed from the workbench since the last step, if any.
void EpochLoop::takeLiveSettings(int epoch, int step) {
    const LiveSettings live = t.control->takeSettings();
    if (live.empty()) return;
    MetricsEvent change = applyLiveSettings(live, t.config, t.settings);
    if (change.change.empty()) return;
    change.epoch = epoch;
    change.epochs = t.config.epochs;
    change.step = step;
    change.stepsPerEpoch = t.stepsPerEpoch;
    change.globalStep = globalStep;
    change.seconds = secondsSince(t.started);
    scheduleRates(epoch);
    t.stepper.setSettings(t.settings);
    change.lr = lr;
    change.lrMask = lrMask;
    t.config.changeHistory.push_back("epoch " + std::to_string(epoch + 1) + " step " +
                                     std::to_string(step + 1) + ": " + change.change);
    tell(t.observer, "changed from epoch " + std::to_string(epoch + 1) + " step " +
                         std::to_string(step + 1) + ": " + change.change);
    emit(t.observer, t.run, change);
}

// Emits the Step event of the steps in `window` (the last one is `outcome`) and starts a new
// window.
void EpochLoop::emitStepEvent(int epoch, int step, const StepOutcome& outcome, LogWindow& window) {
    if (t.device.is_cuda()) throwIfDiverged(window.sums.lossSum(), epoch, step);
    if (!t.observer && !t.run) {
        // Nobody to tell (a rank other than 0, or no folder and no observer): skip the host
        // reads and the cosine statistics.
        window = LogWindow();
        return;
    }
    MetricsEvent e;
    e.kind = MetricsEvent::Kind::Step;
    e.epoch = epoch;
    e.epochs = t.config.epochs;
    e.step = step + 1;
    e.stepsPerEpoch = t.stepsPerEpoch;
    e.globalStep = globalStep;
    window.sums.fill(e, t.masked);
    if (t.masked) {
        torch::NoGradGuard noGrad;
        CosineStats cos = cosineLosses(outcome.masks, outcome.labels);
        e.cohesionLoss = cos.cohesionLoss.item<double>();
        e.couplingLoss = cos.couplingLoss.item<double>();
    }
    e.lr = lr;
    e.lrMask = lrMask;
    e.imagesPerSecond = double(window.images) / std::max(1e-9, secondsSince(window.start));
    e.seconds = secondsSince(t.started);
    emit(t.observer, t.run, e);
    window = LogWindow();
}

// The finished epoch's train and test events, its checkpoint, and the result so far.
void EpochLoop::finishEpoch(int epoch, const StepAccumulator& whole, TrainResult& result) {
    if (t.group && !t.group->leader()) {
        // Rank 0 evaluates and writes the checkpoint; the others wait for it (NEMO_DIST_TIMEOUT).
        t.group->barrier("rank 0's test evaluation and checkpoint of epoch " +
                         std::to_string(epoch + 1));
        result.epochs = epoch + 1;
        return;
    }
    MetricsEvent trainEvent;
    trainEvent.kind = MetricsEvent::Kind::Epoch;
    trainEvent.phase = "train";
    trainEvent.epoch = epoch;
    trainEvent.epochs = t.config.epochs;
    trainEvent.step = t.stepsPerEpoch;
    trainEvent.stepsPerEpoch = t.stepsPerEpoch;
    trainEvent.globalStep = globalStep;
    whole.fill(trainEvent, t.masked);
    trainEvent.lr = lr;
    trainEvent.lrMask = lrMask;
    trainEvent.seconds = secondsSince(t.started);
    emit(t.observer, t.run, trainEvent);

    EvalStats test = evaluate(t.model, t.testLoader, t.settings, t.teacher);
    MetricsEvent testEvent = trainEvent;
    testEvent.phase = "test";
    testEvent.loss = test.loss;
    testEvent.crossEntropy = test.crossEntropy;
    testEvent.distillation = test.distillation;
    testEvent.contrastive = test.contrastive;
    testEvent.cohesionLoss = test.cohesionLoss;
    testEvent.couplingLoss = test.couplingLoss;
    testEvent.accuracy = test.accuracy;
    testEvent.retention = test.retention;
    testEvent.jaccardCohesion = test.jaccardCohesion;
    testEvent.jaccardCoupling = test.jaccardCoupling;
    testEvent.seconds = secondsSince(t.started);
    emit(t.observer, t.run, testEvent);

    if (t.run) {
        saveCheckpoint(t.run->lastCheckpoint(), t.model, &t.optimizer, epoch + 1);
        // Settings changed during this epoch now belong to the checkpoint: a resume
        // continues with them.
        if (t.config.changeHistory.size() != savedChanges) {
            t.run->writeConfig(runInfoJson(t.config, t.data.info, t.data.train, t.model,
                                           t.group ? t.group->worldSize() : 1));
            savedChanges = t.config.changeHistory.size();
        }
    }
    if (t.group) t.group->barrier("the other ranks");
    result.epochs = epoch + 1;
    result.trainAccuracy = trainEvent.accuracy;
    result.testAccuracy = test.accuracy;
    result.testLoss = test.loss;
    result.retention = t.masked ? test.retention : 1.0;
}

}  // namespace

namespace {

// This process's rank in a data-parallel training, joined; null when it trains alone.
std::unique_ptr<DataParallel> joinGroup(const DistributedEnvironment* environment,
                                        TrainingObserver* observer) {
    if (!environment || !environment->active()) return nullptr;
    if (environment->leader())
        tell(observer, "data-parallel: waiting for " + std::to_string(environment->worldSize) +
                           " ranks at " + environment->masterAddress + ":" +
                           std::to_string(environment->masterPort));
    auto group = std::make_unique<DataParallel>(*environment);
    if (environment->leader())
        tell(observer, "data-parallel: " + std::to_string(environment->worldSize) +
                           " ranks over Gloo; rank 0 writes the run folder");
    return group;
}

// Every rank starts from rank 0's weights (its initialization, or its resumed checkpoint).
void shareLeaderWeights(const DataParallel& group, NetworkImpl& model) {
    std::vector<torch::Tensor> tensors;
    for (const auto& p : model.parameters()) tensors.push_back(p);
    for (const auto& b : model.buffers()) tensors.push_back(b);
    group.broadcastFromLeader(tensors);
}

}  // namespace

TrainResult train(const TrainConfig& requested, TrainingObserver* observer, ControlToken* control,
                  bool resume, const DistributedEnvironment* distributed) {
    const auto started = Clock::now();
    // Ranks other than 0 train silently; their errors still end them (and then the others).
    if (distributed && distributed->active() && !distributed->leader()) observer = nullptr;
    const std::unique_ptr<DataParallel> group = joinGroup(distributed, observer);
    const bool follower = group && !group->leader();
    const int ranks = group ? group->worldSize() : 1;
    // Rank 0 holds the run's lock until the end.
    OpenedRun opened = openRun(requested, observer, resume, follower);
    TrainConfig& config = opened.config;
    if (config.device != "cpu" && !torch::cuda::is_available()) {
        throw TrainingError("device '" + config.device + "' is not available; use --device cpu");
    }
    torch::Device device(config.device);
    // Ranks on a machine with several GPUs: one each, by LOCAL_RANK (as torchrun scripts do).
    if (group && device.is_cuda() && !device.has_index())
        device = torch::Device(
            torch::kCUDA, torch::DeviceIndex(distributed->localRank % torch::cuda::device_count()));
    setThreadCount(threadsForRank(config.threads, distributed));

    Dataset data = loadTrainingData(config, observer);
    Network model = buildTrainedModel(config, data, device);
    auto optimizer = makeOptimizer(*model, config.lr, config.lrMask);
    LossSettings settings = LossSettings::from(config);
    std::unique_ptr<FrozenRunModel> teacher = loadTeacher(config, data, *model, device, observer);
    const int firstEpoch =
        startOrResume(opened, resume, data, *model, *optimizer, observer, ranks, follower);
    if (group) shareLeaderWeights(*group, *model);

    // On a GPU the uint8 images are uploaded once and batches are built there, so the host
    // never assembles float batches (the loader's random draws stay on the CPU: same batches).
    BatchLoader trainLoader(toTensors(data.train), data.info, config.batchSize, true,
                            config.augment && augmentationSuits(config.model), device);
    if (group) trainLoader.setShard(group->rank(), group->worldSize());
    BatchLoader testLoader(toTensors(data.test), data.info, std::max(config.batchSize, 256), false,
                           false, device);
    const int stepsPerEpoch = int(trainLoader.batches());
    std::unique_ptr<HeatmapProbe> probe;
    if (observer && config.heatmapEvery > 0 && !model->maskedWidths().empty()) {
        probe = std::make_unique<HeatmapProbe>(data.test, data.info, config.probePerClass,
                                               testLoader, device);
        if (probe->empty()) probe.reset();
    }
    const bool masked = !model->maskedWidths().empty();

    StepRunner stepper(*model, *optimizer, settings,
                       config.cudaGraph && device.is_cuda() && !group);
    if (group) stepper.setDataParallel(group.get(), config.maskLossScope == "global");
    if (config.cudaGraph && (!device.is_cuda() || group))
        tell(observer, std::string("--cuda-graph has no effect ") +
                           (group ? "on data-parallel steps" : "on " + config.device) +
                           ": steps run eagerly");

    // In TrainingParts' order; the two loaders and the counts are named, being alike in type.
    EpochLoop loop(TrainingParts{config, settings, data, *model, *optimizer, teacher.get(), stepper,
                                 /*trainLoader=*/trainLoader, /*testLoader=*/testLoader,
                                 probe.get(), follower ? nullptr : opened.run.get(), group.get(),
                                 observer, control, device, started,
                                 /*stepsPerEpoch=*/stepsPerEpoch, /*masked=*/masked});
    return loop.run(firstEpoch);
}

}  // namespace nemo
