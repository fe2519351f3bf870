// `nemo study`: its options and what it prints. One file per subcommand keeps main() short.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "nemo/study.h"

namespace nemo::cli {

struct StudyCommand {
    CLI::App* command = nullptr;
    StudyOptions options;
    std::string methods = "standard,nemo,mwt";
    std::string seeds = "1,2,3";
    std::string classSets;  // "0,1;0,1,2"
    std::string setSizes = "2-5";
    std::string thresholds = "0.9";
};

// Adds the subcommand with its options to `app`.
void addStudyCommand(CLI::App& app, StudyCommand& study, bool& jsonOut);

// Runs it; returns the process's exit status.
int runStudyCommand(StudyCommand& study, const std::string& commandLine, bool jsonOut,
                    TrainingObserver* observer, ControlToken* control);

}  // namespace nemo::cli
