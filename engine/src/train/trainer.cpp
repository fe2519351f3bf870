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
#include "models/network.h"
#include "nemo/dataset.h"
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
    double lossSum() const { return sums.defined() ? sums[0].item<double>() : 0.0; }
    void fill(MetricsEvent& e, bool masked) const {
        torch::Tensor host = sums.to(torch::kCPU, torch::kDouble);
        auto v = host.accessor<double, 1>();
        e.loss = v[0] / double(steps);
        e.crossEntropy = v[1] / double(steps);
        if (hasContrastive) e.contrastive = v[2] / double(steps);
        if (hasDistillation) e.distillation = v[5] / double(steps);
        if (masked) e.retention = v[3] / double(steps);
        e.accuracy = v[4] / double(seen);
    }
};

std::string runInfoJson(const TrainConfig& config, const DatasetInfo& info, const ImageSet& sample,
                        NetworkImpl& model) {
    nlohmann::json j = nlohmann::json::parse(configToJson(config));
    j["engine_version"] = kEngineVersion;
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

TrainResult train(const TrainConfig& requested, TrainingObserver* observer, ControlToken* control,
                  bool resume) {
    const auto started = Clock::now();
    TrainConfig config = requested;
    std::unique_ptr<RunDirectory> run;
    if (!config.outDir.empty()) run = std::make_unique<RunDirectory>(config.outDir);
    std::unique_ptr<RunLock> lock;  // held until training ends
    std::vector<std::string> resumeChanges;
    if (resume) {
        if (!run || !run->exists()) {
            throw TrainingError("nothing to resume: " +
                                (config.outDir.empty()
                                     ? std::string("no --out folder given")
                                     : config.outDir + "/config.json is missing"));
        }
        lock = lockRun(config.outDir);
        const int stale = removeStaleTempFiles(config.outDir);
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
        resumeChanges = applyResumeChanges(requested, saved);
        config = saved;
    }
    try {
        validateConfig(config);  // a resumed run's config.json may have been edited
    } catch (const std::invalid_argument& e) {
        throw TrainingError(std::string(e.what()) +
                            (resume ? " (from " + config.outDir + "/config.json)" : ""));
    }
    if (run && !resume) {
        try {
            run->checkCanCreate();
        } catch (const std::runtime_error& e) {
            throw TrainingError(e.what());
        }
        lock = lockRun(config.outDir);
    }
    if (config.device != "cpu" && !torch::cuda::is_available()) {
        throw TrainingError("device '" + config.device + "' is not available; use --device cpu");
    }
    const torch::Device device(config.device);
    setThreadCount(config.threads);

    Dataset data = prepareDataset(config);
    if (data.train.size() == 0) throw TrainingError("the training split is empty");
    tell(observer, "dataset " + config.dataset + ": " + std::to_string(data.train.size()) +
                       " train, " + std::to_string(data.test.size()) + " test images of " +
                       std::to_string(data.train.channels) + "x" +
                       std::to_string(data.train.height) + "x" + std::to_string(data.train.width));

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
    auto optimizer = makeOptimizer(*model, config.lr, config.lrMask);
    LossSettings settings = LossSettings::from(config);
    std::unique_ptr<FrozenRunModel> teacher;
    if (!config.teacher.empty()) {
        // Stored absolute so that --resume from another folder finds the same teacher.
        config.teacher = std::filesystem::absolute(config.teacher).lexically_normal().string();
        if (!model->hasDistillationHead()) {
            throw TrainingError(
                "--teacher needs a model with a distillation head (deit_tiny or "
                "deit_s); " +
                config.model + " has none");
        }
        teacher = std::make_unique<FrozenRunModel>(config.teacher, "teacher", config, data, device);
        tell(observer, "teacher: " + teacher->description());
    } else if (model->hasDistillationHead()) {
        tell(observer, config.model +
                           " without --teacher: both heads learn from the labels "
                           "(cross-entropy of their mean)");
    }

    int firstEpoch = 0;
    if (resume && run->hasCheckpoint()) {
        try {
            firstEpoch = loadCheckpoint(run->lastCheckpoint(), *model, optimizer.get());
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
            run->create(runInfoJson(config, data.info, data.train, *model));
    }
    for (const std::string& change : resumeChanges) {
        const std::string entry = "after epoch " + std::to_string(firstEpoch) + ": " + change;
        config.changeHistory.push_back(entry);  // kept in config.json, written next
        tell(observer, "changed on resume: " + entry);
    }
    if (run) run->writeConfig(runInfoJson(config, data.info, data.train, *model));
    size_t savedChanges = config.changeHistory.size();  // the ones config.json holds

    // On a GPU the uint8 images are uploaded once and batches are built there, so the host
    // never assembles float batches (the loader's random draws stay on the CPU: same batches).
    BatchLoader trainLoader(toTensors(data.train), data.info, config.batchSize, true,
                            config.augment && augmentationSuits(config.model), device);
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

    StepRunner stepper(*model, *optimizer, settings, config.cudaGraph && device.is_cuda());
    if (config.cudaGraph && !device.is_cuda())
        tell(observer, "--cuda-graph has no effect on " + config.device + ": steps run eagerly");
    bool toldGraphFailure = false;

    TrainResult result;
    result.runDir = config.outDir;
    result.epochs = firstEpoch;
    int64_t globalStep = int64_t(firstEpoch) * stepsPerEpoch;
    // The cosine schedule's rates for an epoch, from config.lr and config.lrMask (which a live
    // change may set mid-epoch).
    double lr = 0, lrMask = 0;
    auto scheduleRates = [&](int epoch) {
        lr = cosineLearningRate(config.lr, epoch, config.epochs);
        lrMask = cosineLearningRate(config.lrMask, epoch, config.epochs);
        setLearningRates(*optimizer, lr, lrMask);
        stepper.invalidate();  // a captured step has the old learning rates baked in
    };
    for (int epoch = firstEpoch; epoch < config.epochs; ++epoch) {
        scheduleRates(epoch);
        // Per-epoch seeds make a resumed run draw the same batches, crops and dropout masks.
        torch::manual_seed(config.seed * 1000003ULL + uint64_t(epoch));
        trainLoader.startEpoch(config.seed * 7919ULL + uint64_t(epoch));
        model->train();

        StepAccumulator window, whole;
        auto windowStart = Clock::now();
        int64_t windowImages = 0;
        bool stopped = false;
        for (int step = 0; step < stepsPerEpoch; ++step) {
            if (control && !control->waitWhilePaused()) {
                stopped = true;
                break;
            }
            const bool singleStep = control && control->takeSingleStep();
            if (control) {
                const LiveSettings live = control->takeSettings();
                if (!live.empty()) {
                    MetricsEvent change = applyLiveSettings(live, config, settings);
                    if (!change.change.empty()) {
                        change.epoch = epoch;
                        change.epochs = config.epochs;
                        change.step = step;
                        change.stepsPerEpoch = stepsPerEpoch;
                        change.globalStep = globalStep;
                        change.seconds = secondsSince(started);
                        scheduleRates(epoch);
                        stepper.setSettings(settings);
                        change.lr = lr;
                        change.lrMask = lrMask;
                        config.changeHistory.push_back("epoch " + std::to_string(epoch + 1) +
                                                       " step " + std::to_string(step + 1) + ": " +
                                                       change.change);
                        tell(observer, "changed from epoch " + std::to_string(epoch + 1) +
                                           " step " + std::to_string(step + 1) + ": " +
                                           change.change);
                        emit(observer, run.get(), change);
                    }
                }
            }
            auto [images, labels] = trainLoader.batch(step);
            images = images.to(device).contiguous(torch::MemoryFormat::ChannelsLast);
            labels = labels.to(device);
            const torch::Tensor teacherLogits = teacher ? teacher->logits(images) : torch::Tensor();
            // On the CPU the divergence check is free; on a GPU it would stall every step, so
            // there it runs when the window's metrics are read anyway (the bad steps are never
            // checkpointed).
            const StepOutcome outcome =
                stepper.run(images, labels, teacherLogits, [&](const torch::Tensor& loss) {
                    if (!device.is_cuda()) throwIfDiverged(loss.item<double>(), epoch, step);
                });
            ++globalStep;
            if (probe && (globalStep % config.heatmapEvery == 0 || step + 1 == stepsPerEpoch ||
                          singleStep)) {
                HeatmapFrame frame = probe->frame(*model, epoch, globalStep);
                frame.step = step + 1;
                frame.stepsPerEpoch = stepsPerEpoch;
                observer->onHeatmap(frame);
            }
            window.add(outcome, labels.size(0));
            whole.add(outcome, labels.size(0));
            windowImages += labels.size(0);

            if ((step + 1) % std::max(1, config.logEvery) == 0 || step + 1 == stepsPerEpoch ||
                singleStep) {
                if (device.is_cuda()) throwIfDiverged(window.lossSum(), epoch, step);
                MetricsEvent e;
                e.kind = MetricsEvent::Kind::Step;
                e.epoch = epoch;
                e.epochs = config.epochs;
                e.step = step + 1;
                e.stepsPerEpoch = stepsPerEpoch;
                e.globalStep = globalStep;
                window.fill(e, masked);
                if (masked) {
                    torch::NoGradGuard noGrad;
                    CosineStats cos = cosineLosses(outcome.masks, labels);
                    e.cohesionLoss = cos.cohesionLoss.item<double>();
                    e.couplingLoss = cos.couplingLoss.item<double>();
                }
                e.lr = lr;
                e.lrMask = lrMask;
                e.imagesPerSecond =
                    double(windowImages) / std::max(1e-9, secondsSince(windowStart));
                e.seconds = secondsSince(started);
                emit(observer, run.get(), e);
                window = StepAccumulator();
                windowStart = Clock::now();
                windowImages = 0;
            }
        }
        if (!stepper.graphFailure().empty() && !toldGraphFailure) {
            toldGraphFailure = true;
            tell(observer, "CUDA graph capture failed (" + stepper.graphFailure() +
                               "); training went on with eager steps");
        }
        if (stopped) {
            result.stopped = true;
            tell(observer, "stopped during epoch " + std::to_string(epoch + 1) +
                               "; the checkpoint of the last finished epoch is kept");
            break;
        }

        MetricsEvent trainEvent;
        trainEvent.kind = MetricsEvent::Kind::Epoch;
        trainEvent.phase = "train";
        trainEvent.epoch = epoch;
        trainEvent.epochs = config.epochs;
        trainEvent.step = stepsPerEpoch;
        trainEvent.stepsPerEpoch = stepsPerEpoch;
        trainEvent.globalStep = globalStep;
        whole.fill(trainEvent, masked);
        trainEvent.lr = lr;
        trainEvent.lrMask = lrMask;
        trainEvent.seconds = secondsSince(started);
        emit(observer, run.get(), trainEvent);

        EvalStats test = evaluate(*model, testLoader, settings, teacher.get());
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
        testEvent.seconds = secondsSince(started);
        emit(observer, run.get(), testEvent);

        if (run) {
            saveCheckpoint(run->lastCheckpoint(), *model, optimizer.get(), epoch + 1);
            // Settings changed during this epoch now belong to the checkpoint: a resume
            // continues with them.
            if (config.changeHistory.size() != savedChanges) {
                run->writeConfig(runInfoJson(config, data.info, data.train, *model));
                savedChanges = config.changeHistory.size();
            }
        }
        result.epochs = epoch + 1;
        result.trainAccuracy = trainEvent.accuracy;
        result.testAccuracy = test.accuracy;
        result.testLoss = test.loss;
        result.retention = masked ? test.retention : 1.0;
    }
    if (firstEpoch >= config.epochs && firstEpoch > 0) {
        // Resuming a finished run: report its final state.
        EvalStats test = evaluate(*model, testLoader, settings, teacher.get());
        result.testAccuracy = test.accuracy;
        result.testLoss = test.loss;
        result.retention = masked ? test.retention : 1.0;
    }
    if (run && !result.stopped && result.epochs >= config.epochs) {
        saveCheckpoint(run->finalCheckpoint(), *model, nullptr, result.epochs);
    }
    result.graphReplays = stepper.replays();
    result.seconds = secondsSince(started);
    return result;
}

}  // namespace nemo
