// `nemo extract RUN --classes ...`: cut out (and fine-tune) the module of target classes, save it
// and compare it with the full model (and a standard one, with --baseline).
#include <cstdio>

#include "console.h"
#include "json_output.h"
#include "nemo/modules.h"
#include "nemo/run_folder.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class ExtractCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* e = app.add_subcommand("extract",
                                     "Cut out, fine-tune and save the module of target classes");
        e->add_option("run", options_.runDir, "Run folder")->required();
        e->add_option("--classes", classList_, "Target class ids, e.g. 0,3,7")->required();
        e->add_option("--threshold", options_.threshold)->capture_default_str();
        e->add_option("--finetune-epochs", options_.finetuneEpochs,
                      "Fine-tuning epochs with a fresh head, as published; 0: a quick cut whose "
                      "head starts from the model's own classifier")
            ->capture_default_str();
        e->add_option("--lr", options_.lr, "Fine-tuning learning rate")->capture_default_str();
        e->add_option("--out", options_.outDir, "Module folder (default RUN/modules/classes_...)");
        e->add_option("--data-dir", options_.dataDir, "Dataset folder (default: the run's)");
        e->add_option("--threads", options_.threads)->capture_default_str();
        e->add_option("--seed", options_.seed)->capture_default_str();
        e->add_option("--baseline", options_.baselineRun,
                      "A standard run of the same dataset: its accuracy on the same classes is "
                      "reported as standard_accuracy (the paper's comparison)");
        e->add_flag("--augmented", options_.augmented,
                    "Module masks from augmented images, as `modularize --augmented`");
        e->add_flag("--json", jsonOut, "Print one JSON object");
        return e;
    }

    int run(const RunContext& context) override {
        options_.classes = parseClassList(classList_);
        ConsoleObserver observer;
        ControlToken control;
        stopOnInterrupt(control, false);
        const ExtractResult r = extractModule(options_, &observer, &control);
        if (!r.baselineRun.empty())
            std::fprintf(stderr, "standard model on the same classes: %.4f (%s)\n",
                         r.standardAccuracy, r.baselineRun.c_str());
        std::fprintf(stderr,
                     "module accuracy %.4f (full model on the same classes %.4f), params %lld / "
                     "%lld, FLOPs %lld / %lld, retention %.3f, latency %.2f / %.2f ms (batch 1)\n",
                     r.moduleAccuracy, r.fullAccuracy, (long long)r.params, (long long)r.paramsFull,
                     (long long)r.flops, (long long)r.flopsFull, r.retention, r.latencyMs,
                     r.latencyMsFull);
        if (context.json) printJson(resultJson(r));
        return 0;
    }

  private:
    // module.json's results (nemo/run_folder.h), plus where the module went and how long it took.
    static nlohmann::json resultJson(const ExtractResult& r) {
        nlohmann::json j = moduleResultToJson(r);
        j["seconds"] = r.seconds;
        j["out_dir"] = r.outDir;
        return j;
    }

    ExtractOptions options_;
    std::string classList_;
};

}  // namespace

std::unique_ptr<Subcommand> extractCommand() {
    return std::make_unique<ExtractCommand>();
}

}  // namespace nemo::cli
