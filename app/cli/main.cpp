// `nemo`: the headless front end of the engine (design.md §5). Human progress goes to stderr;
// with --json the last line of stdout is one JSON object. Exit status 0 on success.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "json_output.h"
#include "nemo/dataset.h"
#include "nemo/modules.h"
#include "nemo/tools.h"
#include "nemo/trainer.h"
#include "study_command.h"
#include "upgrade_command.h"

namespace {

using nemo::cli::printJson;

using nlohmann::json;

nemo::ControlToken* gControl = nullptr;

void onInterrupt(int) {
    // First Ctrl-C: stop after the current step, keeping the last checkpoint. Second: default.
    if (gControl) gControl->requestStop();
    std::signal(SIGINT, SIG_DFL);
}

// The most memory this process has held so far (Linux reports ru_maxrss in KiB).
double peakMemoryMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

json jsonNumber(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

// Prints step and epoch events as one readable line each.
class ConsoleObserver : public nemo::TrainingObserver {
  public:
    void onMetrics(const nemo::MetricsEvent& e) override {
        char line[512];
        if (e.kind == nemo::MetricsEvent::Kind::Step) {
            std::snprintf(line, sizeof line,
                          "epoch %d/%d  step %d/%d  loss %.4f  ce %.4f%s%s  acc %.3f%s  %.0f img/s",
                          e.epoch + 1, e.epochs, e.step, e.stepsPerEpoch, e.loss, e.crossEntropy,
                          part(" distill %.4f", e.distillation).c_str(),
                          part(" contra %.4f", e.contrastive).c_str(), e.accuracy,
                          part("  retention %.3f", e.retention).c_str(), e.imagesPerSecond);
        } else if (e.phase == "test") {
            std::snprintf(line, sizeof line,
                          "epoch %d/%d done  test acc %.4f  loss %.4f%s%s  (%.0f s)", e.epoch + 1,
                          e.epochs, e.accuracy, e.loss,
                          part("  retention %.3f", e.retention).c_str(),
                          part("  jaccard cohesion %.3f", e.jaccardCohesion).c_str(), e.seconds);
        } else {
            return;
        }
        std::cerr << line << std::endl;
    }
    void onMessage(const std::string& text) override { std::cerr << text << std::endl; }

  private:
    static std::string part(const char* format, double v) {
        if (!std::isfinite(v)) return "";
        char buf[64];
        std::snprintf(buf, sizeof buf, format, v);
        return buf;
    }
};

// "0,3,7" -> {0, 3, 7}; throws with the offending item.
std::vector<int> parseClassList(const std::string& text) {
    std::vector<int> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            size_t used = 0;
            out.push_back(std::stoi(item, &used));
            if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw std::invalid_argument("--classes: '" + item +
                                        "' is not a class id (use e.g. 0,3,7)");
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    nemo::keepFreedMemoryForReuse();
    CLI::App app{"nemo: modularize neural networks while they train (NeMo, MwT, standard)"};
    app.require_subcommand(1);
    bool jsonOut = false;

    // --- info ---
    auto* info = app.add_subcommand("info", "Versions, threads, BLAS, devices, datasets, models");
    info->add_flag("--json", jsonOut, "Print one JSON object");

    // --- train ---
    nemo::TrainConfig cfg;
    std::string mode = "nemo";
    double alpha = NAN, beta = NAN, temperature = NAN;
    bool resume = false;
    auto* train =
        app.add_subcommand("train", "Train a model (modular or standard) into a run folder");
    train
        ->add_option("--dataset", cfg.dataset,
                     "fashion-mnist, mnist, cifar10, cifar100, "
                     "cifar100-coarse, cifar100-custom20, svhn")
        ->capture_default_str();
    train
        ->add_option("--model", cfg.model,
                     "minivgg, tinycnn, simcnn, rescnn, vgg16, resnet18, vit_tiny, deit_tiny, "
                     "vit_s, deit_s")
        ->capture_default_str();
    train->add_option("--mode", mode, "nemo, mwt or standard")->capture_default_str();
    train->add_option("--out", cfg.outDir, "Run folder (config, metrics, checkpoints)");
    train->add_option("--data-dir", cfg.dataDir, "Folder with the dataset's files");
    auto* epochsOption = train
                             ->add_option("--epochs", cfg.epochs,
                                          "Epochs in all; with --resume: the run's own "
                                          "unless given")
                             ->capture_default_str();
    train->add_option("--batch-size", cfg.batchSize)->capture_default_str();
    train->add_option("--lr", cfg.lr, "Learning rate of the model's parameters")
        ->capture_default_str();
    train->add_option("--lr-mask", cfg.lrMask, "Learning rate of the mask generators")
        ->capture_default_str();
    // Defaults per model family, from the published scripts (nemo::lossDefaults).
    train->add_option("--alpha", alpha,
                      "Weight of the contrastive (NeMo) or cohesion (MwT) loss. Default as the "
                      "published runs: NeMo 1.3 for CNNs (simcnn/cifar10 script), 1.1 for "
                      "resnet18 (resnet18/svhn), 0.1 for Transformers (deit_s); MwT 0.5");
    train->add_option("--beta", beta, "Weight of the coupling loss (MwT); default 1.5");
    train->add_option("--temperature", temperature,
                      "Temperature of the contrastive loss; default 0.2 (every published NeMo "
                      "run; the argparse default 0.3 was never used)");
    train->add_option("--seed", cfg.seed)->capture_default_str();
    train->add_option("--threads", cfg.threads, "CPU threads (0: every core)")
        ->capture_default_str();
    train->add_option("--device", cfg.device, "cpu or cuda")->capture_default_str();
    train->add_option("--limit-train", cfg.limitTrain, "Use only the first N training images");
    train->add_option("--limit-test", cfg.limitTest, "Use only the first N test images");
    train->add_option("--log-every", cfg.logEvery, "Steps between two progress lines")
        ->capture_default_str();
    train
        ->add_option("--precision", cfg.precision,
                     "fp32, or bf16: forward pass under bfloat16 autocast (GPUs with bf16 units)")
        ->capture_default_str();
    train->add_flag(
        "--no-augment", [&](int64_t) { cfg.augment = false; }, "No random crop/flip");
    train->add_flag("--cuda-graph", cfg.cudaGraph,
                    "GPU: replay each epoch's training step from a CUDA graph");
    train->add_flag(
        "--unmasked-qkv", [&](int64_t) { cfg.maskAttention = false; },
        "Transformers: no masks on the attention's query/key/value Linears");
    train->add_option("--teacher", cfg.teacher,
                      "DeiT models: run folder of a trained teacher on the same dataset (the "
                      "paper: a standard resnet18); adds the distillation loss");
    train
        ->add_option("--distill-alpha", cfg.distillAlpha,
                     "Weight of the cross-entropy against the teacher's KL terms")
        ->capture_default_str();
    train->add_option("--distill-tau", cfg.distillTau, "Temperature of the distillation KL terms")
        ->capture_default_str();
    train->add_flag("--resume", resume, "Continue the run in --out from its last checkpoint");
    train->add_flag("--json", jsonOut, "Print one JSON object with the results");

    // --- check-golden ---
    std::string goldenPath;
    auto* golden =
        app.add_subcommand("check-golden", "Recompute the losses and metrics of a golden file");
    golden->add_option("file", goldenPath, "Golden JSON file")->required();
    golden->add_flag("--json", jsonOut, "Print one JSON object");

    // --- bench ---
    nemo::BenchConfig bench;
    auto* benchCmd = app.add_subcommand("bench", "Time training steps on synthetic data");
    benchCmd->add_option("--model", bench.model)->capture_default_str();
    benchCmd->add_option("--mode", bench.mode)->capture_default_str();
    benchCmd->add_option("--batch-size", bench.batchSize)->capture_default_str();
    benchCmd->add_option("--steps", bench.steps)->capture_default_str();
    benchCmd->add_option("--warmup", bench.warmup)->capture_default_str();
    benchCmd->add_option("--threads", bench.threads, "0: every core")->capture_default_str();
    benchCmd->add_option("--device", bench.device)->capture_default_str();
    benchCmd->add_flag(
        "--nchw", [&](int64_t) { bench.channelsLast = false; },
        "Keep the NCHW layout instead of channels-last");
    benchCmd->add_flag("--cuda-graph", bench.cudaGraph,
                       "GPU: replay the whole training step as one CUDA graph");
    benchCmd->add_flag("--inference", bench.inference,
                       "Time the forward pass only (eval mode, no gradients)");
    benchCmd->add_option("--conv", bench.conv, "auto (Winograd where it pays) or direct")
        ->capture_default_str();
    benchCmd->add_option("--precision", bench.precision, "fp32 or bf16 (autocast forward pass)")
        ->capture_default_str();
    benchCmd->add_flag("--conv-ceiling", bench.convCeiling,
                       "Also time a plain 3x3 convolution and report the fraction of its rate");
    benchCmd->add_flag("--conv-layers", bench.convLayers,
                       "Also time each distinct 3x3 convolution of the model, LibTorch's kernels "
                       "against the Winograd path (CPU)");
    benchCmd->add_flag("--count-ops", bench.countOps,
                       "Also count the operations of one step that do work (GPU kernels)");
    benchCmd->add_option("--alpha", bench.alpha)->capture_default_str();
    benchCmd->add_option("--beta", bench.beta)->capture_default_str();
    benchCmd->add_option("--temperature", bench.temperature)->capture_default_str();
    benchCmd->add_flag("--json", jsonOut, "Print one JSON object");

    // --- modularize ---
    nemo::ModularizeOptions modOptions;
    auto* modCmd =
        app.add_subcommand("modularize", "Per-class module masks and modularity metrics of a run");
    modCmd->add_option("run", modOptions.runDir, "Run folder")->required();
    modCmd
        ->add_option("--threshold", modOptions.threshold,
                     "Activation frequency a unit needs to "
                     "belong to a class's module")
        ->capture_default_str();
    modCmd->add_flag("--augmented", modOptions.augmented,
                     "Sample masks from augmented images, as the published code (default: plain)");
    modCmd->add_option("--data-dir", modOptions.dataDir, "Dataset folder (default: the run's)");
    modCmd->add_option("--threads", modOptions.threads)->capture_default_str();
    modCmd->add_flag("--json", jsonOut, "Print one JSON object");

    // --- extract ---
    nemo::ExtractOptions extOptions;
    std::string classList;
    auto* extCmd =
        app.add_subcommand("extract", "Cut out, fine-tune and save the module of target classes");
    extCmd->add_option("run", extOptions.runDir, "Run folder")->required();
    extCmd->add_option("--classes", classList, "Target class ids, e.g. 0,3,7")->required();
    extCmd->add_option("--threshold", extOptions.threshold)->capture_default_str();
    extCmd
        ->add_option("--finetune-epochs", extOptions.finetuneEpochs,
                     "Fine-tuning epochs with a fresh head, as published; 0: a quick cut whose "
                     "head starts from the model's own classifier")
        ->capture_default_str();
    extCmd->add_option("--lr", extOptions.lr, "Fine-tuning learning rate")->capture_default_str();
    extCmd->add_option("--out", extOptions.outDir,
                       "Module folder (default RUN/modules/classes_...)");
    extCmd->add_option("--data-dir", extOptions.dataDir, "Dataset folder (default: the run's)");
    extCmd->add_option("--threads", extOptions.threads)->capture_default_str();
    extCmd->add_option("--seed", extOptions.seed)->capture_default_str();
    extCmd->add_option("--baseline", extOptions.baselineRun,
                       "A standard run of the same dataset: its accuracy on the same classes is "
                       "reported as standard_accuracy (the paper's comparison)");
    extCmd->add_flag("--augmented", extOptions.augmented,
                     "Module masks from augmented images, as `modularize --augmented`");
    extCmd->add_flag("--json", jsonOut, "Print one JSON object");

    // --- eval ---
    std::string moduleDir, evalDataDir;
    auto* evalCmd =
        app.add_subcommand("eval", "Check a saved module's files and measure its accuracy");
    evalCmd->add_option("module", moduleDir, "Module folder (module.json, module.pt, ...)")
        ->required();
    evalCmd->add_option("--data-dir", evalDataDir, "Dataset folder");
    evalCmd->add_flag("--json", jsonOut, "Print one JSON object");

    // --- check-device ---
    nemo::DeviceCheckConfig devCheck;
    auto* devCmd =
        app.add_subcommand("check-device", "Check that training steps on a GPU match the CPU's");
    devCmd->add_option("--model", devCheck.model)->capture_default_str();
    devCmd->add_option("--mode", devCheck.mode)->capture_default_str();
    devCmd->add_option("--device", devCheck.device)->capture_default_str();
    devCmd->add_option("--batch-size", devCheck.batchSize)->capture_default_str();
    devCmd->add_option("--steps", devCheck.steps)->capture_default_str();
    devCmd->add_flag("--json", jsonOut, "Print one JSON object");

    // --- study ---
    nemo::cli::StudyCommand study;
    nemo::cli::addStudyCommand(app, study, jsonOut);

    // --- upgrade ---
    nemo::cli::UpgradeCommand upgrade;
    nemo::cli::addUpgradeCommand(app, upgrade, jsonOut);

    CLI11_PARSE(app, argc, argv);

    try {
        if (*info) {
            nemo::setThreadCount(0);
            nemo::SystemInfo s = nemo::systemInfo();
            json j = {{"engine_version", s.engineVersion},
                      {"torch_version", s.torchVersion},
                      {"threads", s.threads},
                      {"cores", s.cores},
                      {"blas", s.blas},
                      {"cpu_capability", s.cpuCapability},
                      {"cuda_available", s.cudaAvailable},
                      {"cuda_devices", s.cudaDevices},
                      {"datasets", s.datasets},
                      {"models", s.models}};
            for (const auto& name : s.datasets) {
                j["data_dirs"][name] = nemo::defaultDataDir(name);
            }
            if (jsonOut)
                printJson(j);
            else
                std::cout << j.dump(2) << std::endl;
            return 0;
        }
        if (*train) {
            const nemo::TrainMode trainMode = nemo::trainModeFromString(mode);
            const nemo::LossDefaults defaults = nemo::lossDefaults(trainMode, cfg.model);
            cfg.mode = trainMode;
            cfg.alpha = std::isnan(alpha) ? defaults.alpha : alpha;
            cfg.beta = std::isnan(beta) ? defaults.beta : beta;
            cfg.temperature = std::isnan(temperature) ? defaults.temperature : temperature;
            if (resume && cfg.outDir.empty()) throw std::runtime_error("--resume needs --out RUN");
            // 0: keep the run's epochs (a 5-epoch run resumed without --epochs stays 5 epochs).
            if (resume && epochsOption->count() == 0) cfg.epochs = 0;
            // Settings given with --resume: the engine applies the ones that may change (and
            // records them in config.json) and refuses the others by name.
            if (resume) {
                for (const char* name :
                     {"lr", "lr-mask", "alpha", "beta", "temperature", "dataset", "model", "mode",
                      "batch-size", "seed", "limit-train", "limit-test", "precision", "teacher",
                      "distill-alpha", "distill-tau", "no-augment", "unmasked-qkv"}) {
                    if (train->get_option(std::string("--") + name)->count() == 0) continue;
                    std::string key = name;
                    std::replace(key.begin(), key.end(), '-', '_');
                    cfg.changeOnResume.push_back(key);
                }
            }
            nemo::ControlToken control;
            gControl = &control;
            std::signal(SIGINT, onInterrupt);
            std::signal(SIGTERM, onInterrupt);
            ConsoleObserver observer;
            nemo::TrainResult r = nemo::train(cfg, &observer, &control, resume);
            json j = {{"test_accuracy", r.testAccuracy},
                      {"train_accuracy", r.trainAccuracy},
                      {"retention", r.retention},
                      {"test_loss", jsonNumber(r.testLoss)},
                      {"epochs", r.epochs},
                      {"seconds", r.seconds},
                      {"run_dir", r.runDir},
                      {"stopped", r.stopped},
                      {"mode", mode},
                      {"model", cfg.model},
                      {"dataset", cfg.dataset}};
            if (cfg.cudaGraph) j["graph_replays"] = r.graphReplays;
            if (jsonOut)
                printJson(j);
            else
                std::cerr << "done: test accuracy " << r.testAccuracy << ", retention "
                          << r.retention << " after " << r.epochs << " epochs" << std::endl;
            return r.stopped ? 3 : 0;
        }
        if (*study.command) {
            std::string commandLine = "nemo";
            for (int i = 1; i < argc; ++i) commandLine += std::string(" ") + argv[i];
            ConsoleObserver observer;
            nemo::ControlToken control;
            gControl = &control;
            std::signal(SIGINT, onInterrupt);
            std::signal(SIGTERM, onInterrupt);
            return nemo::cli::runStudyCommand(study, commandLine, jsonOut, &observer, &control);
        }
        if (*golden) {
            nemo::GoldenReport r = nemo::checkGolden(goldenPath);
            for (size_t i = 0; i < r.failures.size() && i < 20; ++i)
                std::cerr << "MISMATCH " << r.failures[i] << std::endl;
            std::cerr << r.cases << " cases, " << r.checks << " values, max |error| "
                      << r.maxAbsError << (r.passed ? ": passed" : ": FAILED") << std::endl;
            if (jsonOut) {
                printJson({{"cases", r.cases},
                           {"checks", r.checks},
                           {"max_abs_error", jsonNumber(r.maxAbsError)},
                           {"tolerance", r.tolerance},
                           {"failures", r.failures.size()},
                           {"passed", r.passed}});
            }
            return r.passed ? 0 : 1;
        }
        if (*modCmd) {
            ConsoleObserver observer;
            nemo::ControlToken control;
            gControl = &control;
            std::signal(SIGINT, onInterrupt);  // Ctrl-C: stop after the batch, write nothing
            nemo::ModularizeResult r = nemo::modularize(modOptions, &observer, &control);
            json perClass = json::array();
            for (const auto& c : r.perClass) {
                perClass.push_back({{"class", c.classId},
                                    {"name", c.name},
                                    {"samples", c.samples},
                                    {"retention", c.retention},
                                    {"cohesion", jsonNumber(c.cohesion)}});
                std::fprintf(stderr, "  class %d %-14s retention %.3f  cohesion %.3f\n", c.classId,
                             c.name.c_str(), c.retention, c.cohesion);
            }
            std::fprintf(stderr,
                         "threshold %.2f: retention %.4f, cohesion %.4f, coupling %.4f (%s); "
                         "%lld samples x %lld units, peak memory %.0f MiB\n",
                         r.threshold, r.retention, r.cohesion, r.coupling, r.modularDir.c_str(),
                         (long long)r.samples, (long long)r.units, peakMemoryMiB());
            if (jsonOut) {
                printJson({{"threshold", r.threshold},
                           {"retention", r.retention},
                           {"cohesion", jsonNumber(r.cohesion)},
                           {"coupling", jsonNumber(r.coupling)},
                           {"per_class", perClass},
                           {"samples", r.samples},
                           {"units", r.units},
                           {"sample_mask_bytes", r.sampleMaskBytes},
                           {"reused_sample_masks", r.reusedSampleMasks},
                           {"sample_mask_img_per_s", r.sampleMaskImagesPerSecond},
                           {"peak_memory_mib", peakMemoryMiB()},
                           {"seconds", r.seconds},
                           {"modular_dir", r.modularDir}});
            }
            return 0;
        }
        if (*extCmd) {
            extOptions.classes = parseClassList(classList);
            ConsoleObserver observer;
            nemo::ControlToken control;
            gControl = &control;
            std::signal(SIGINT, onInterrupt);
            nemo::ExtractResult r = nemo::extractModule(extOptions, &observer, &control);
            json layers = json::array();
            for (const auto& l : r.layers)
                layers.push_back({{"name", l.name}, {"kept", l.kept}, {"total", l.total}});
            if (!r.baselineRun.empty())
                std::fprintf(stderr, "standard model on the same classes: %.4f (%s)\n",
                             r.standardAccuracy, r.baselineRun.c_str());
            std::fprintf(
                stderr,
                "module accuracy %.4f (full model on the same classes %.4f), params %lld / "
                "%lld, FLOPs %lld / %lld, retention %.3f, latency %.2f / %.2f ms (batch 1)\n",
                r.moduleAccuracy, r.fullAccuracy, (long long)r.params, (long long)r.paramsFull,
                (long long)r.flops, (long long)r.flopsFull, r.retention, r.latencyMs,
                r.latencyMsFull);
            if (jsonOut) {
                printJson({{"classes", r.classes},
                           {"class_names", r.classNames},
                           {"module_accuracy", r.moduleAccuracy},
                           {"full_accuracy", r.fullAccuracy},
                           {"standard_accuracy", jsonNumber(r.standardAccuracy)},
                           {"baseline_run", r.baselineRun},
                           {"params", r.params},
                           {"params_full", r.paramsFull},
                           {"params_full_with_generators", r.paramsFullWithGenerators},
                           {"flops", r.flops},
                           {"flops_full", r.flopsFull},
                           {"retention", r.retention},
                           {"latency_ms", r.latencyMs},
                           {"latency_ms_full", r.latencyMsFull},
                           {"latency_ms_batch128", r.latencyMs128},
                           {"latency_ms_full_batch128", r.latencyMsFull128},
                           {"validation_accuracy", r.validationAccuracy},
                           {"best_epoch", r.bestEpoch},
                           {"layers", layers},
                           {"seconds", r.seconds},
                           {"out_dir", r.outDir}});
            }
            return 0;
        }
        if (*upgrade.command) return nemo::cli::runUpgradeCommand(upgrade, jsonOut);
        if (*evalCmd) {
            nemo::EvalResult r = nemo::evaluateModule(moduleDir, evalDataDir);
            std::fprintf(stderr, "accuracy %.4f on %lld test images of classes", r.accuracy,
                         (long long)r.samples);
            for (int c : r.classes) std::fprintf(stderr, " %d", c);
            std::fprintf(stderr, "\n");
            if (jsonOut) {
                printJson({{"accuracy", r.accuracy},
                           {"samples", r.samples},
                           {"classes", r.classes},
                           {"dataset", r.dataset}});
            }
            return 0;
        }
        if (*devCmd) {
            nemo::DeviceCheckResult r = nemo::checkDeviceAgreement(devCheck);
            // A graph replays the eager step's kernels: it must agree to rounding, and on a
            // CUDA build it must have been captured at all.
            const bool graphAgrees = r.graphReplays > 0 && r.graphMaxLossDifference < 1e-4 &&
                                     r.graphParameterDifference < 1e-4;
            const bool agree = r.maxLossDifference < 1e-3 && r.maxParameterDifference < 1e-3 &&
                               r.maxLoaderDifference < 1e-5 && graphAgrees;
            std::fprintf(stderr,
                         "%s %s: max loss difference %.3g, max relative parameter "
                         "difference %.3g after %d steps, loader batches %.3g: %s\n",
                         devCheck.model.c_str(), devCheck.mode.c_str(), r.maxLossDifference,
                         r.maxParameterDifference, devCheck.steps, r.maxLoaderDifference,
                         agree ? "agree" : "DIFFER");
            std::fprintf(stderr,
                         "CUDA graph: %lld replays%s%s, max loss difference %.3g, relative "
                         "parameter difference %.3g against eager steps\n",
                         r.graphReplays,
                         r.graphFailure.empty() ? "" : ", capture failed: ", r.graphFailure.c_str(),
                         r.graphMaxLossDifference, r.graphParameterDifference);
            if (jsonOut) {
                printJson({{"model", devCheck.model},
                           {"mode", devCheck.mode},
                           {"device", devCheck.device},
                           {"loss_cpu", r.lossCpu},
                           {"loss_device", r.lossDevice},
                           {"max_loss_difference", r.maxLossDifference},
                           {"max_parameter_difference", r.maxParameterDifference},
                           {"max_loader_difference", r.maxLoaderDifference},
                           {"graph_replays", r.graphReplays},
                           {"graph_failure", r.graphFailure},
                           {"graph_max_loss_difference", r.graphMaxLossDifference},
                           {"graph_parameter_difference", r.graphParameterDifference},
                           {"agree", agree}});
            }
            return agree ? 0 : 1;
        }
        if (*benchCmd) {
            nemo::BenchResult r = nemo::runBench(bench);
            json j = {{"impl", bench.cudaGraph ? "nemo-cpp-cuda-graph" : "nemo-cpp"},
                      {"model", bench.model},
                      {"mode", bench.mode},
                      {"batch_size", bench.batchSize},
                      {"threads", r.threads},
                      {"device", bench.device},
                      {"step_ms", r.stepMs},
                      {"img_per_s", r.imagesPerSecond},
                      {"conv", r.conv},
                      {"precision", bench.precision},
                      {"pass", bench.inference ? "inference" : "train"},
                      {"macs_per_image", r.multiplyAddsPerImage}};
            if (bench.convCeiling) {
                j["conv_gflops"] = r.convGflops;
                j["ceiling_img_per_s"] = r.ceilingImagesPerSecond;
                j["ceiling_fraction"] = r.ceilingFraction;
            }
            if (bench.convLayers) {
                json layers = json::array();
                for (const auto& l : r.convLayers)
                    layers.push_back(
                        {{"in", l.in},
                         {"out", l.out},
                         {"height", l.height},
                         {"width", l.width},
                         {"count", l.count},
                         {"direct_ms", l.directMs},
                         {"winograd_ms", l.winogradMs},
                         {"engine_uses", l.engineUsesWinograd ? "winograd" : "direct"}});
                j["conv_layers"] = layers;
            }
            if (bench.countOps) {
                j["ops_per_step"] = r.opsPerStep;
                json top = json::array();  // [name, count], most frequent first
                for (size_t i = 0; i < r.opsByName.size() && i < 60; ++i)
                    top.push_back({r.opsByName[i].first, r.opsByName[i].second});
                j["top_ops"] = top;
            }
            if (jsonOut)
                printJson(j);
            else
                std::cout << j.dump(2) << std::endl;
            return 0;
        }
    } catch (const std::exception& e) {
        std::string reason = e.what();
        // nlohmann's 316: a string that is not UTF-8 reached a JSON file (a path in another
        // encoding).
        if (const auto* typeError = dynamic_cast<const json::type_error*>(&e);
            typeError && typeError->id == 316)
            reason =
                "a path or name is not valid UTF-8 text and cannot be stored in the run's JSON "
                "files; rename it";
        // One line: LibTorch messages can carry a backtrace after the first line.
        if (auto nl = reason.find('\n'); nl != std::string::npos) reason.resize(nl);
        std::cerr << "nemo: error: " << reason << std::endl;
        if (jsonOut) printJson({{"error", reason}});
        return 1;
    }
    return 0;
}
