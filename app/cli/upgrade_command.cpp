// `nemo upgrade RUN --trust`: converts a 0.1 run's TorchScript checkpoints to safetensors.
#include <iostream>

#include "json_output.h"
#include "nemo/tools.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

struct UpgradeCommand {
    CLI::App* command = nullptr;
    std::string runDir;
    bool trust = false;
};

void addUpgradeCommand(CLI::App& app, UpgradeCommand& upgrade, bool& jsonOut) {
    upgrade.command = app.add_subcommand(
        "upgrade",
        "Convert a run's checkpoints from the 0.1 TorchScript format to safetensors (data only)");
    upgrade.command->add_option("run", upgrade.runDir, "Run folder")->required();
    upgrade.command->add_flag("--trust", upgrade.trust,
                              "The run is your own: reading the old format runs code stored in "
                              "the file, so never use this on a run from elsewhere");
    upgrade.command->add_flag("--json", jsonOut, "Print one JSON object");
}

int runUpgradeCommand(const UpgradeCommand& upgrade, bool jsonOut) {
    const UpgradeResult r = upgradeRun(upgrade.runDir, upgrade.trust);
    for (size_t i = 0; i < r.converted.size(); ++i)
        std::cerr << "converted " << r.converted[i] << " (the original is kept as "
                  << r.keptOriginals[i] << ")\n";
    if (r.converted.empty()) std::cerr << upgrade.runDir << ": nothing to convert\n";
    if (jsonOut)
        printJson({{"converted", r.converted},
                   {"kept_originals", r.keptOriginals},
                   {"already_current", r.alreadyCurrent}});
    return 0;
}

class UpgradeSubcommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        addUpgradeCommand(app, upgrade_, jsonOut);
        return upgrade_.command;
    }
    int run(const RunContext& context) override {
        return runUpgradeCommand(upgrade_, context.json);
    }

  private:
    UpgradeCommand upgrade_;
};

}  // namespace

std::unique_ptr<Subcommand> upgradeCommand() {
    return std::make_unique<UpgradeSubcommand>();
}

}  // namespace nemo::cli
