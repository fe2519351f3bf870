// `nemo modularize RUN`: per-class module masks and the modularity metrics at a threshold.
#include <cstdio>

#include "console.h"
#include "json_output.h"
#include "local_ranks.h"
#include "nemo/distributed.h"
#include "nemo/modules.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class ModularizeCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* m = app.add_subcommand("modularize",
                                     "Per-class module masks and modularity metrics of a run");
        m->add_option("run", options_.runDir, "Run folder")->required();
        m->add_option("--threshold", options_.threshold,
                      "Activation frequency a unit needs to belong to a class's module")
            ->capture_default_str();
        m->add_flag("--augmented", options_.augmented,
                    "Sample masks from augmented images, as the published code (default: plain)");
        m->add_option("--data-dir", options_.dataDir, "Dataset folder (default: the run's)");
        m->add_option("--threads", options_.threads)->capture_default_str();
        m->add_option("--nproc", processes_,
                      "Share the sample-mask pass among N ranks on this machine (or start ranks "
                      "with torchrun --no-python ... nemo modularize ...)")
            ->check(CLI::Range(1, 256));
        m->add_flag("--json", jsonOut, "Print one JSON object");
        return m;
    }

    int run(const RunContext& context) override {
        const DistributedEnvironment ranks = DistributedEnvironment::fromEnvironment();
        if (processes_ > 1) return launchLocalRanks(processes_, ranks);
        ConsoleObserver observer;
        ControlToken control;
        stopOnInterrupt(control, false);  // Ctrl-C: stop after the batch, write nothing
        if (!ranks.leader()) {
            try {
                modularize(options_, nullptr, &control, &ranks);  // rank 0 reports and writes
                return 0;
            } catch (const std::exception& e) {
                return reportRankError(ranks.rank, e);
            }
        }
        const ModularizeResult r = modularize(options_, &observer, &control, &ranks);
        nlohmann::json perClass = nlohmann::json::array();
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
        if (context.json)
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
        return 0;
    }

  private:
    ModularizeOptions options_;
    int processes_ = 1;
};

}  // namespace

std::unique_ptr<Subcommand> modularizeCommand() {
    return std::make_unique<ModularizeCommand>();
}

}  // namespace nemo::cli
