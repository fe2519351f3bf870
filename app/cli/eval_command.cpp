// `nemo eval MODULE`: check a saved module's files and measure its accuracy on its classes.
#include <cstdio>

#include "json_output.h"
#include "nemo/modules.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class EvalCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* e =
            app.add_subcommand("eval", "Check a saved module's files and measure its accuracy");
        e->add_option("module", moduleDir_, "Module folder (module.json, module.pt, ...)")
            ->required();
        e->add_option("--data-dir", dataDir_, "Dataset folder");
        e->add_flag("--json", jsonOut, "Print one JSON object");
        return e;
    }

    int run(const RunContext& context) override {
        const EvalResult r = evaluateModule(moduleDir_, dataDir_);
        std::fprintf(stderr, "accuracy %.4f on %lld test images of classes", r.accuracy,
                     (long long)r.samples);
        for (int c : r.classes) std::fprintf(stderr, " %d", c);
        std::fprintf(stderr, "\n");
        if (context.json)
            printJson({{"accuracy", r.accuracy},
                       {"samples", r.samples},
                       {"classes", r.classes},
                       {"dataset", r.dataset}});
        return 0;
    }

  private:
    std::string moduleDir_, dataDir_;
};

}  // namespace

std::unique_ptr<Subcommand> evalCommand() {
    return std::make_unique<EvalCommand>();
}

}  // namespace nemo::cli
