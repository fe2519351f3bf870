#include "subcommand.h"

namespace nemo::cli {

std::vector<std::unique_ptr<Subcommand>> allSubcommands() {
    std::vector<std::unique_ptr<Subcommand>> all;
    all.push_back(infoCommand());
    all.push_back(modelsCommand());
    all.push_back(trainCommand());
    all.push_back(goldenCommand());
    all.push_back(benchCommand());
    all.push_back(modularizeCommand());
    all.push_back(extractCommand());
    all.push_back(evalCommand());
    all.push_back(deviceCommand());
    all.push_back(studyCommand());
    all.push_back(upgradeCommand());
    return all;
}

}  // namespace nemo::cli
