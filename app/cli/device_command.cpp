// `nemo check-device`: training steps on a GPU (eager and from a CUDA graph) against the CPU's.
#include <cstdio>

#include "json_output.h"
#include "nemo/model_catalog.h"
#include "nemo/tools.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class DeviceCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* d = app.add_subcommand("check-device",
                                     "Check that training steps on a GPU match the CPU's");
        d->add_option("--model", check_.model, modelNameList())->capture_default_str();
        d->add_option("--mode", check_.mode)->capture_default_str();
        d->add_option("--device", check_.device)->capture_default_str();
        d->add_option("--batch-size", check_.batchSize)->capture_default_str();
        d->add_option("--steps", check_.steps)->capture_default_str();
        d->add_flag("--json", jsonOut, "Print one JSON object");
        return d;
    }

    int run(const RunContext& context) override {
        const DeviceCheckResult r = checkDeviceAgreement(check_);
        // A graph replays the eager step's kernels: it must agree to rounding, and on a CUDA
        // build it must have been captured at all.
        const bool graphAgrees = r.graphReplays > 0 && r.graphMaxLossDifference < 1e-4 &&
                                 r.graphParameterDifference < 1e-4;
        const bool agree = r.maxLossDifference < 1e-3 && r.maxParameterDifference < 1e-3 &&
                           r.maxLoaderDifference < 1e-5 && graphAgrees;
        std::fprintf(stderr,
                     "%s %s: max loss difference %.3g, max relative parameter difference %.3g "
                     "after %d steps, loader batches %.3g: %s\n",
                     check_.model.c_str(), check_.mode.c_str(), r.maxLossDifference,
                     r.maxParameterDifference, check_.steps, r.maxLoaderDifference,
                     agree ? "agree" : "DIFFER");
        std::fprintf(stderr,
                     "CUDA graph: %lld replays%s%s, max loss difference %.3g, relative parameter "
                     "difference %.3g against eager steps\n",
                     r.graphReplays,
                     r.graphFailure.empty() ? "" : ", capture failed: ", r.graphFailure.c_str(),
                     r.graphMaxLossDifference, r.graphParameterDifference);
        if (context.json)
            printJson({{"model", check_.model},
                       {"mode", check_.mode},
                       {"device", check_.device},
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
        return agree ? 0 : 1;
    }

  private:
    DeviceCheckConfig check_;
};

}  // namespace

std::unique_ptr<Subcommand> deviceCommand() {
    return std::make_unique<DeviceCommand>();
}

}  // namespace nemo::cli
