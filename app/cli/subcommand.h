// One `nemo` subcommand: it adds its options to the command line and runs when chosen. Each lives
// in its own file (info_command.cpp, train_command.cpp, ...); main() only parses and dispatches.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace nemo::cli {

struct RunContext {
    bool json = false;        // --json: the last line of stdout is one JSON object
    std::string commandLine;  // as typed, for files that record how they were made
};

class Subcommand {
  public:
    virtual ~Subcommand() = default;
    // Adds the subcommand and its options to `app`; `jsonOut` is set by its --json flag.
    virtual CLI::App* add(CLI::App& app, bool& jsonOut) = 0;
    // Runs it; returns the process's exit status. Errors are thrown (main reports them).
    virtual int run(const RunContext& context) = 0;
};

// Every subcommand, in the order `nemo --help` lists them.
std::vector<std::unique_ptr<Subcommand>> allSubcommands();

std::unique_ptr<Subcommand> infoCommand();
std::unique_ptr<Subcommand> modelsCommand();
std::unique_ptr<Subcommand> trainCommand();
std::unique_ptr<Subcommand> goldenCommand();
std::unique_ptr<Subcommand> benchCommand();
std::unique_ptr<Subcommand> modularizeCommand();
std::unique_ptr<Subcommand> extractCommand();
std::unique_ptr<Subcommand> evalCommand();
std::unique_ptr<Subcommand> deviceCommand();
std::unique_ptr<Subcommand> studyCommand();
std::unique_ptr<Subcommand> upgradeCommand();

}  // namespace nemo::cli
