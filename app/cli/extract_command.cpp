// `nemo extract RUN --classes ...`: cut out (and fine-tune) the module of target classes, save it
// and compare it with the full model (and a standard one, with --baseline).
#include <cstdio>

#include "console.h"
#include "json_output.h"
#include "nemo/modules.h"
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
    static nlohmann::json resultJson(const ExtractResult& r) {
        nlohmann::json layers = nlohmann::json::array();
        for (const auto& l : r.layers)
            layers.push_back({{"name", l.name}, {"kept", l.kept}, {"total", l.total}});
        return {{"classes", r.classes},
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
                {"out_dir", r.outDir}};
    }

    ExtractOptions options_;
    std::string classList_;
};

}  // namespace

std::unique_ptr<Subcommand> extractCommand() {
    return std::make_unique<ExtractCommand>();
}

}  // namespace nemo::cli
