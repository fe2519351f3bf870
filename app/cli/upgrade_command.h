// `nemo upgrade RUN --trust`: converts a 0.1 run's TorchScript checkpoints to safetensors.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace nemo::cli {

struct UpgradeCommand {
    CLI::App* command = nullptr;
    std::string runDir;
    bool trust = false;
};

void addUpgradeCommand(CLI::App& app, UpgradeCommand& upgrade, bool& jsonOut);
int runUpgradeCommand(const UpgradeCommand& upgrade, bool jsonOut);

}  // namespace nemo::cli
