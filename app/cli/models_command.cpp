// `nemo models`: the model catalogue (nemo/model_catalog.h) with each model's input, heads,
// augmentation and published loss defaults, so a script or a user picks --model knowingly.
#include <cstdio>
#include <iostream>

#include "json_output.h"
#include "nemo/model_catalog.h"
#include "nemo/train_config.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class ModelsCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* command = app.add_subcommand(
            "models", "The models --model takes: input, heads, augmentation, loss defaults");
        command->add_flag("--json", jsonOut, "Print one JSON object");
        return command;
    }

    int run(const RunContext& context) override {
        nlohmann::json models = nlohmann::json::array();
        for (const ModelInfo& info : modelCatalog()) {
            const LossDefaults nemo = lossDefaults(TrainMode::Nemo, info.name);
            const LossDefaults mwt = lossDefaults(TrainMode::Mwt, info.name);
            models.push_back({{"name", info.name},
                              {"family", familyName(info.family)},
                              {"origin", info.ours ? "ours" : "paper"},
                              {"input_channels", info.inChannels},
                              {"input_size", info.inputSize},
                              {"fixed_input_size", info.fixedInputSize},
                              {"distillation_head", info.distillationHead},
                              {"augmentation", info.augmentation},
                              {"nemo_alpha", nemo.alpha},
                              {"nemo_temperature", nemo.temperature},
                              {"mwt_alpha", mwt.alpha},
                              {"mwt_beta", mwt.beta},
                              {"description", info.description}});
        }
        if (context.json) {
            printJson({{"models", models}});
            return 0;
        }
        std::printf("%-10s %-12s %-6s %-9s %-8s %-7s %s\n", "model", "family", "origin", "input",
                    "teacher", "augment", "NeMo alpha/T");
        for (const ModelInfo& info : modelCatalog()) {
            const LossDefaults nemo = lossDefaults(TrainMode::Nemo, info.name);
            const std::string input = std::to_string(info.inChannels) + "x" +
                                      std::to_string(info.inputSize) +
                                      (info.fixedInputSize ? "" : "+");
            std::printf("%-10s %-12s %-6s %-9s %-8s %-7s %.2g/%.2g\n", info.name.c_str(),
                        familyName(info.family), info.ours ? "ours" : "paper", input.c_str(),
                        info.distillationHead ? "yes" : "no", info.augmentation ? "yes" : "no",
                        nemo.alpha, nemo.temperature);
        }
        std::cout << "input: channels x side (+: other sides taken as they are; otherwise "
                     "padded to it); MwT: alpha 0.5, beta 1.5 for every model\n";
        return 0;
    }
};

}  // namespace

std::unique_ptr<Subcommand> modelsCommand() {
    return std::make_unique<ModelsCommand>();
}

}  // namespace nemo::cli
