// `nemo check-golden FILE`: every loss and metric of a golden file, recomputed by the engine.
#include <iostream>

#include "console.h"
#include "json_output.h"
#include "nemo/tools.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class GoldenCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* command =
            app.add_subcommand("check-golden", "Recompute the losses and metrics of a golden file");
        command->add_option("file", path_, "Golden JSON file (tests/golden/nemo_losses.json)")
            ->required();
        command->add_flag("--json", jsonOut, "Print one JSON object");
        return command;
    }

    int run(const RunContext& context) override {
        const GoldenReport r = checkGolden(path_);
        for (size_t i = 0; i < r.failures.size() && i < 20; ++i)
            std::cerr << "MISMATCH " << r.failures[i] << std::endl;
        std::cerr << r.cases << " cases, " << r.checks << " values, max |error| " << r.maxAbsError
                  << (r.passed ? ": passed" : ": FAILED") << std::endl;
        if (context.json)
            printJson({{"cases", r.cases},
                       {"checks", r.checks},
                       {"max_abs_error", jsonNumber(r.maxAbsError)},
                       {"tolerance", r.tolerance},
                       {"failures", r.failures.size()},
                       {"passed", r.passed}});
        return r.passed ? 0 : 1;
    }

  private:
    std::string path_;
};

}  // namespace

std::unique_ptr<Subcommand> goldenCommand() {
    return std::make_unique<GoldenCommand>();
}

}  // namespace nemo::cli
