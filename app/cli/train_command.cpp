// `nemo train`: a modular (NeMo, MwT) or standard training into a run folder, or --resume.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "console.h"
#include "json_output.h"
#include "local_ranks.h"
#include "nemo/distributed.h"
#include "nemo/model_catalog.h"
#include "nemo/trainer.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class TrainCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        command_ =
            app.add_subcommand("train", "Train a model (modular or standard) into a run folder");
        CLI::App* t = command_;
        t->add_option("--dataset", cfg_.dataset,
                      "fashion-mnist, mnist, cifar10, cifar100, "
                      "cifar100-coarse, cifar100-custom20, svhn, folder (your images: "
                      "--data-dir DIR with DIR/train/<class>/*.png|jpg)")
            ->capture_default_str();
        t->add_option("--model", cfg_.model, modelNameList() + " (nemo models describes them)")
            ->capture_default_str();
        t->add_option("--mode", mode_, "nemo, mwt or standard")->capture_default_str();
        t->add_option("--out", cfg_.outDir, "Run folder (config, metrics, checkpoints)");
        t->add_option("--data-dir", cfg_.dataDir, "Folder with the dataset's files");
        epochsOption_ = t->add_option("--epochs", cfg_.epochs,
                                      "Epochs in all; with --resume: the run's own unless given")
                            ->capture_default_str();
        t->add_option("--batch-size", cfg_.batchSize)->capture_default_str();
        t->add_option("--lr", cfg_.lr, "Learning rate of the model's parameters")
            ->capture_default_str();
        t->add_option("--lr-mask", cfg_.lrMask, "Learning rate of the mask generators")
            ->capture_default_str();
        // Defaults per model family, from the published scripts (nemo::lossDefaults).
        t->add_option("--alpha", alpha_,
                      "Weight of the contrastive (NeMo) or cohesion (MwT) loss. Default as the "
                      "published runs: NeMo 1.3 for CNNs (simcnn/cifar10 script), 1.1 for "
                      "resnet18 (resnet18/svhn), 0.1 for Transformers (deit_s); MwT 0.5");
        t->add_option("--beta", beta_, "Weight of the coupling loss (MwT); default 1.5");
        t->add_option("--temperature", temperature_,
                      "Temperature of the contrastive loss; default 0.2 (every published NeMo "
                      "run; the argparse default 0.3 was never used)");
        t->add_option("--seed", cfg_.seed)->capture_default_str();
        t->add_option("--threads", cfg_.threads, "CPU threads (0: every core)")
            ->capture_default_str();
        t->add_option("--device", cfg_.device, "cpu or cuda")->capture_default_str();
        t->add_option("--limit-train", cfg_.limitTrain, "Use only the first N training images");
        t->add_option("--limit-test", cfg_.limitTest, "Use only the first N test images");
        t->add_option("--log-every", cfg_.logEvery, "Steps between two progress lines")
            ->capture_default_str();
        t->add_option("--precision", cfg_.precision,
                      "fp32, or bf16: forward pass under bfloat16 autocast (GPUs with bf16 units)")
            ->capture_default_str();
        t->add_flag(
            "--no-augment", [this](int64_t) { cfg_.augment = false; }, "No random crop/flip");
        t->add_flag("--cuda-graph", cfg_.cudaGraph,
                    "GPU: replay each epoch's training step from a CUDA graph");
        t->add_flag(
            "--unmasked-qkv", [this](int64_t) { cfg_.maskAttention = false; },
            "Transformers: no masks on the attention's query/key/value Linears");
        t->add_option("--teacher", cfg_.teacher,
                      "DeiT models: run folder of a trained teacher on the same dataset (the "
                      "paper: a standard resnet18); adds the distillation loss");
        t->add_option("--distill-alpha", cfg_.distillAlpha,
                      "Weight of the cross-entropy against the teacher's KL terms")
            ->capture_default_str();
        t->add_option("--distill-tau", cfg_.distillTau, "Temperature of the distillation KL terms")
            ->capture_default_str();
        t->add_option("--nproc", processes_,
                      "Data-parallel: train as N ranks on this machine (each takes its share of "
                      "every batch; torchrun --no-python ... nemo train ... starts ranks instead)")
            ->check(CLI::Range(1, 256));
        t->add_option("--mask-loss-scope", cfg_.maskLossScope,
                      "Data-parallel: the mask loss over the whole batch (global: every rank's "
                      "masks gathered, the same training as one process) or each rank's rows "
                      "(local)")
            ->capture_default_str();
        t->add_flag("--resume", resume_, "Continue the run in --out from its last checkpoint");
        t->add_flag("--json", jsonOut, "Print one JSON object with the results");
        return command_;
    }

    int run(const RunContext& context) override {
        const TrainMode trainMode = trainModeFromString(mode_);
        const LossDefaults defaults = lossDefaults(trainMode, cfg_.model);
        cfg_.mode = trainMode;
        cfg_.alpha = std::isnan(alpha_) ? defaults.alpha : alpha_;
        cfg_.beta = std::isnan(beta_) ? defaults.beta : beta_;
        cfg_.temperature = std::isnan(temperature_) ? defaults.temperature : temperature_;
        if (resume_) prepareResume();
        const DistributedEnvironment ranks = DistributedEnvironment::fromEnvironment();
        if (processes_ > 1) return launchLocalRanks(processes_, ranks);
        ControlToken control;
        stopOnInterrupt(control, true);
        ConsoleObserver observer;
        if (!ranks.leader()) return runFollower(ranks, control);
        const TrainResult r = train(cfg_, &observer, &control, resume_, &ranks);
        nlohmann::json j = {{"test_accuracy", r.testAccuracy},
                            {"train_accuracy", r.trainAccuracy},
                            {"retention", r.retention},
                            {"test_loss", jsonNumber(r.testLoss)},
                            {"epochs", r.epochs},
                            {"seconds", r.seconds},
                            {"run_dir", r.runDir},
                            {"stopped", r.stopped},
                            {"mode", mode_},
                            {"model", cfg_.model},
                            {"dataset", cfg_.dataset}};
        if (cfg_.cudaGraph) j["graph_replays"] = r.graphReplays;
        if (context.json)
            printJson(j);
        else
            std::cerr << "done: test accuracy " << r.testAccuracy << ", retention " << r.retention
                      << " after " << r.epochs << " epochs" << std::endl;
        return r.stopped ? 3 : 0;
    }

  private:
    // A rank other than 0: trains silently (rank 0 reports); an error names the rank, without
    // JSON (stdout is rank 0's).
    int runFollower(const DistributedEnvironment& ranks, ControlToken& control) {
        try {
            return train(cfg_, nullptr, &control, resume_, &ranks).stopped ? 3 : 0;
        } catch (const std::exception& e) {
            return reportRankError(ranks.rank, e);
        }
    }

    void prepareResume() {
        if (cfg_.outDir.empty()) throw std::runtime_error("--resume needs --out RUN");
        // 0: keep the run's epochs (a 5-epoch run resumed without --epochs stays 5 epochs).
        if (epochsOption_->count() == 0) cfg_.epochs = 0;
        // Settings given with --resume: the engine applies the ones that may change (and records
        // them in config.json) and refuses the others by name.
        for (const char* name :
             {"lr", "lr-mask", "alpha", "beta", "temperature", "dataset", "model", "mode",
              "batch-size", "seed", "limit-train", "limit-test", "precision", "teacher",
              "distill-alpha", "distill-tau", "no-augment", "unmasked-qkv", "mask-loss-scope"}) {
            if (command_->get_option(std::string("--") + name)->count() == 0) continue;
            std::string key = name;
            std::replace(key.begin(), key.end(), '-', '_');
            cfg_.changeOnResume.push_back(key);
        }
    }

    CLI::App* command_ = nullptr;
    CLI::Option* epochsOption_ = nullptr;
    TrainConfig cfg_;
    std::string mode_ = "nemo";
    double alpha_ = NAN, beta_ = NAN, temperature_ = NAN;
    bool resume_ = false;
    int processes_ = 1;
};

}  // namespace

std::unique_ptr<Subcommand> trainCommand() {
    return std::make_unique<TrainCommand>();
}

}  // namespace nemo::cli
