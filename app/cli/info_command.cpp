// `nemo info`: versions, threads, BLAS, devices, datasets (with where their files are) and models.
#include <iostream>

#include "json_output.h"
#include "nemo/dataset.h"
#include "nemo/tools.h"
#include "nemo/trainer.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class InfoCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* command =
            app.add_subcommand("info", "Versions, threads, BLAS, devices, datasets, models");
        command->add_flag("--json", jsonOut, "Print one JSON object");
        return command;
    }

    int run(const RunContext& context) override {
        setThreadCount(0);
        const SystemInfo s = systemInfo();
        nlohmann::json j = {{"engine_version", s.engineVersion},
                            {"torch_version", s.torchVersion},
                            {"threads", s.threads},
                            {"cores", s.cores},
                            {"blas", s.blas},
                            {"cpu_capability", s.cpuCapability},
                            {"cuda_available", s.cudaAvailable},
                            {"cuda_devices", s.cudaDevices},
                            {"datasets", s.datasets},
                            {"models", s.models}};
        for (const auto& name : s.datasets) j["data_dirs"][name] = defaultDataDir(name);
        if (context.json)
            printJson(j);
        else
            std::cout << j.dump(2) << std::endl;
        return 0;
    }
};

}  // namespace

std::unique_ptr<Subcommand> infoCommand() {
    return std::make_unique<InfoCommand>();
}

}  // namespace nemo::cli
