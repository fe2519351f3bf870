// `nemo`: the headless front end of the engine (design.md §5). Human progress goes to stderr;
// with --json the last line of stdout is one JSON object. Exit status 0 on success.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "nemo/dataset.h"
#include "nemo/tools.h"
#include "nemo/trainer.h"

namespace {

using nlohmann::json;

nemo::ControlToken* gControl = nullptr;

void onInterrupt(int) {
    // First Ctrl-C: stop after the current step, keeping the last checkpoint. Second: default.
    if (gControl) gControl->requestStop();
    std::signal(SIGINT, SIG_DFL);
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
                          "epoch %d/%d  step %d/%d  loss %.4f  ce %.4f%s  acc %.3f%s  %.0f img/s",
                          e.epoch + 1, e.epochs, e.step, e.stepsPerEpoch, e.loss, e.crossEntropy,
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

void printJson(const json& j) {
    std::cout << j.dump() << std::endl;
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(item);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"nemo: modularize neural networks while they train (NeMo, MwT, standard)"};
    app.require_subcommand(1);
    bool jsonOut = false;

    // --- info ---
    auto* info = app.add_subcommand("info", "Versions, threads, BLAS, devices, datasets, models");
    info->add_flag("--json", jsonOut, "Print one JSON object");

    // --- train ---
    nemo::TrainConfig cfg;
    std::string mode = "nemo";
    double alpha = NAN, beta = NAN;
    bool resume = false;
    auto* train =
        app.add_subcommand("train", "Train a model (modular or standard) into a run folder");
    train
        ->add_option("--dataset", cfg.dataset,
                     "fashion-mnist, mnist, cifar10, cifar100, "
                     "cifar100-coarse, cifar100-custom20, svhn")
        ->capture_default_str();
    train->add_option("--model", cfg.model, "tinycnn, simcnn, rescnn, vgg16, resnet18")
        ->capture_default_str();
    train->add_option("--mode", mode, "nemo, mwt or standard")->capture_default_str();
    train->add_option("--out", cfg.outDir, "Run folder (config, metrics, checkpoints)");
    train->add_option("--data-dir", cfg.dataDir, "Folder with the dataset's files");
    train->add_option("--epochs", cfg.epochs)->capture_default_str();
    train->add_option("--batch-size", cfg.batchSize)->capture_default_str();
    train->add_option("--lr", cfg.lr, "Learning rate of the model's parameters")
        ->capture_default_str();
    train->add_option("--lr-mask", cfg.lrMask, "Learning rate of the mask generators")
        ->capture_default_str();
    train->add_option("--alpha", alpha,
                      "Weight of the contrastive (NeMo) or cohesion (MwT) loss; "
                      "default 0.5");
    train->add_option("--beta", beta, "Weight of the coupling loss (MwT); default 1.5");
    train->add_option("--temperature", cfg.temperature, "Temperature of the contrastive loss")
        ->capture_default_str();
    train->add_option("--seed", cfg.seed)->capture_default_str();
    train->add_option("--threads", cfg.threads, "CPU threads (0: every core)")
        ->capture_default_str();
    train->add_option("--device", cfg.device, "cpu or cuda")->capture_default_str();
    train->add_option("--limit-train", cfg.limitTrain, "Use only the first N training images");
    train->add_option("--limit-test", cfg.limitTest, "Use only the first N test images");
    train->add_option("--log-every", cfg.logEvery, "Steps between two progress lines")
        ->capture_default_str();
    train->add_flag(
        "--no-augment", [&](int64_t) { cfg.augment = false; }, "No random crop/flip");
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
    benchCmd->add_option("--alpha", bench.alpha)->capture_default_str();
    benchCmd->add_option("--beta", bench.beta)->capture_default_str();
    benchCmd->add_option("--temperature", bench.temperature)->capture_default_str();
    benchCmd->add_flag("--json", jsonOut, "Print one JSON object");

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
            nemo::TrainConfig defaults = nemo::TrainConfig::defaultsFor(trainMode);
            cfg.mode = trainMode;
            cfg.alpha = std::isnan(alpha) ? defaults.alpha : alpha;
            cfg.beta = std::isnan(beta) ? defaults.beta : beta;
            if (resume && cfg.outDir.empty()) throw std::runtime_error("--resume needs --out RUN");
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
            if (jsonOut)
                printJson(j);
            else
                std::cerr << "done: test accuracy " << r.testAccuracy << ", retention "
                          << r.retention << " after " << r.epochs << " epochs" << std::endl;
            return r.stopped ? 3 : 0;
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
        if (*benchCmd) {
            nemo::BenchResult r = nemo::runBench(bench);
            json j = {{"impl", "nemo-cpp"},   {"model", bench.model},
                      {"mode", bench.mode},   {"batch_size", bench.batchSize},
                      {"threads", r.threads}, {"device", bench.device},
                      {"step_ms", r.stepMs},  {"img_per_s", r.imagesPerSecond}};
            if (jsonOut)
                printJson(j);
            else
                std::cout << j.dump(2) << std::endl;
            return 0;
        }
    } catch (const std::exception& e) {
        std::string reason = e.what();
        // One line: LibTorch messages can carry a backtrace after the first line.
        if (auto nl = reason.find('\n'); nl != std::string::npos) reason.resize(nl);
        std::cerr << "nemo: error: " << reason << std::endl;
        if (jsonOut) printJson({{"error", reason}});
        return 1;
    }
    return 0;
}
