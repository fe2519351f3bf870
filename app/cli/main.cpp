// `nemo`: the headless front end of the engine (README.md, "The `nemo` command"). Human
// progress goes to stderr; with --json the last line of stdout is one JSON object. Exit status
// 0 on success. Each subcommand lives in its own file (subcommand.h); this file parses and
// reports errors.
#include <iostream>

#include "json_output.h"
#include "nemo/trainer.h"
#include "subcommand.h"

namespace {

// One line for any failure: the reason, without LibTorch's backtrace, and as JSON with --json.
int reportError(const std::exception& e, bool jsonOut) {
    std::string reason = e.what();
    // nlohmann's 316: a string that is not UTF-8 reached a JSON file (a path in another
    // encoding).
    if (const auto* typeError = dynamic_cast<const nlohmann::json::type_error*>(&e);
        typeError && typeError->id == 316)
        reason =
            "a path or name is not valid UTF-8 text and cannot be stored in the run's JSON "
            "files; rename it";
    if (auto nl = reason.find('\n'); nl != std::string::npos) reason.resize(nl);
    std::cerr << "nemo: error: " << reason << std::endl;
    if (jsonOut) nemo::cli::printJson({{"error", reason}});
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    nemo::keepFreedMemoryForReuse();
    CLI::App app{"nemo: modularize neural networks while they train (NeMo, MwT, standard)"};
    app.require_subcommand(1);
    nemo::cli::RunContext context;
    std::vector<std::pair<CLI::App*, std::unique_ptr<nemo::cli::Subcommand>>> commands;
    for (auto& command : nemo::cli::allSubcommands()) {
        CLI::App* parsed = command->add(app, context.json);
        commands.emplace_back(parsed, std::move(command));
    }
    CLI11_PARSE(app, argc, argv);
    context.commandLine = "nemo";
    for (int i = 1; i < argc; ++i) context.commandLine += std::string(" ") + argv[i];
    try {
        for (auto& [parsed, command] : commands)
            if (*parsed) return command->run(context);
    } catch (const std::exception& e) {
        return reportError(e, context.json);
    }
    return 0;
}
