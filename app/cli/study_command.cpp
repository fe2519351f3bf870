// `nemo study`: NeMo against MwT and standard training over seeds and class sets, with a report.
#include <CLI/CLI.hpp>

#include "console.h"
#include "nemo/model_catalog.h"
#include "nemo/study.h"
#include "subcommand.h"

#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "json_output.h"

namespace nemo::cli {
namespace {

struct StudyCommand {
    CLI::App* command = nullptr;
    StudyOptions options;
    std::string methods = "standard,nemo,mwt";
    std::string seeds = "1,2,3";
    std::string classSets;  // "0,1;0,1,2"
    std::string setSizes = "2-5";
    std::string thresholds = "0.9";
};

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, separator))
        if (!part.empty()) parts.push_back(part);
    return parts;
}

template <typename T>
T parseNumber(const std::string& text, const std::string& option) {
    try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        if constexpr (std::is_integral_v<T>) {
            if (v != double(T(v)) || v < 0) throw std::invalid_argument(text);
        }
        return T(v);
    } catch (const std::exception&) {
        throw std::invalid_argument(option + ": '" + text + "' is not a valid number");
    }
}

nlohmann::json estimateJson(const Estimate& e) {
    auto n = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
    return {{"n", e.n}, {"mean", n(e.mean)}, {"ci95", n(e.ci95)}};
}

void addStudyCommand(CLI::App& app, StudyCommand& s, bool& jsonOut) {
    StudyOptions& o = s.options;
    s.command = app.add_subcommand(
        "study",
        "The paper's comparison in one command: train standard, NeMo and MwT models for each "
        "seed, modularize, extract a module for every class set, compare each with the same "
        "seed's standard model; writes study.json, study.csv, report.md and plots/*.png. Run "
        "the same command again to continue a stopped or killed study");
    auto* c = s.command;
    c->add_option("--out", o.outDir, "Study folder")->required();
    c->add_option("--model", o.model, modelNameList())->capture_default_str();
    c->add_option("--dataset", o.dataset)->capture_default_str();
    c->add_option("--data-dir", o.dataDir, "Folder with the dataset's files");
    c->add_option("--methods", s.methods, "Comma-separated: standard, nemo, mwt")
        ->capture_default_str();
    c->add_option("--seeds", s.seeds, "Comma-separated training seeds")->capture_default_str();
    c->add_option("--class-sets", s.classSets,
                  "Target class sets, ';' between sets: \"0,1;0,1,2;5,7,9\" (default: "
                  "--random-sets seeded random sets)");
    c->add_option("--random-sets", o.randomSets, "How many random class sets")
        ->capture_default_str();
    c->add_option("--set-sizes", s.setSizes, "Sizes of the random sets, taken in turn: MIN-MAX")
        ->capture_default_str();
    c->add_option("--set-seed", o.setSeed, "Seed of the random class sets")->capture_default_str();
    c->add_option("--epochs", o.epochs)->capture_default_str();
    c->add_option("--thresholds", s.thresholds, "Comma-separated module thresholds")
        ->capture_default_str();
    c->add_option("--finetune-epochs", o.finetuneEpochs, "Fine-tuning epochs per module")
        ->capture_default_str();
    c->add_option("--batch-size", o.batchSize)->capture_default_str();
    c->add_option("--limit-train", o.limitTrain, "Use only the first N training images");
    c->add_option("--limit-test", o.limitTest, "Use only the first N test images");
    c->add_flag("--augmented", o.augmentedMasks,
                "Module masks from augmented images, as the published code");
    c->add_option("--threads", o.threads, "CPU threads (0: every core)")->capture_default_str();
    c->add_flag("--json", jsonOut, "Print one JSON object with the summary");
}

int runStudyCommand(StudyCommand& s, const std::string& commandLine, bool jsonOut,
                    TrainingObserver* observer, ControlToken* control) {
    StudyOptions& o = s.options;
    o.methods = split(s.methods, ',');
    o.seeds.clear();
    for (const auto& seed : split(s.seeds, ','))
        o.seeds.push_back(parseNumber<uint64_t>(seed, "--seeds"));
    o.thresholds.clear();
    for (const auto& t : split(s.thresholds, ','))
        o.thresholds.push_back(parseNumber<double>(t, "--thresholds"));
    o.classSets.clear();
    for (const auto& set : split(s.classSets, ';')) {
        std::vector<int> classes;
        for (const auto& c : split(set, ','))
            classes.push_back(parseNumber<int>(c, "--class-sets"));
        o.classSets.push_back(classes);
    }
    const auto sizes = split(s.setSizes, '-');
    if (sizes.size() != 2) throw std::invalid_argument("--set-sizes: use MIN-MAX, e.g. 2-5");
    o.minSetSize = parseNumber<int>(sizes[0], "--set-sizes");
    o.maxSetSize = parseNumber<int>(sizes[1], "--set-sizes");

    const StudyResult r = runStudy(o, commandLine, observer, control);
    std::cerr << "\n" << r.conclusion << "\n\n";
    for (const auto& m : r.summaries) {
        char threshold[16] = "-", versus[32] = "";
        if (std::isfinite(m.threshold))
            std::snprintf(threshold, sizeof threshold, "%.2f", m.threshold);
        if (m.method != "standard" && std::isfinite(m.accuracyVsStandard.mean))
            std::snprintf(versus, sizeof versus, "  vs standard %+.2f pt",
                          100 * m.accuracyVsStandard.mean);
        std::fprintf(stderr,
                     "%-8s threshold %-4s  %3d modules  accuracy %.2f%%%s  parameters kept %.1f%%  "
                     "multiply-adds kept %.1f%%\n",
                     methodLabel(m.method).c_str(), threshold, m.moduleAccuracy.n,
                     100 * m.moduleAccuracy.mean, versus, 100 * m.paramShare.mean,
                     100 * m.flopShare.mean);
    }
    std::fprintf(stderr, "%d runs and %d modules reused; %.0f s; report: %s/report.md\n",
                 r.reusedRuns, r.reusedModules, r.seconds, o.outDir.c_str());
    if (jsonOut) {
        nlohmann::json summaries = nlohmann::json::array();
        for (const auto& m : r.summaries)
            summaries.push_back(
                {{"method", m.method},
                 {"threshold",
                  std::isfinite(m.threshold) ? nlohmann::json(m.threshold) : nlohmann::json()},
                 {"module_accuracy", estimateJson(m.moduleAccuracy)},
                 {"accuracy_vs_standard", estimateJson(m.accuracyVsStandard)},
                 {"param_share", estimateJson(m.paramShare)},
                 {"flop_share", estimateJson(m.flopShare)}});
        nlohmann::json comparisons = nlohmann::json::array();
        for (const auto& c : r.comparisons)
            comparisons.push_back(
                {{"threshold", c.threshold},
                 {"accuracy_difference_pt", estimateJson(c.accuracyDifference)},
                 {"relative_size_change_pct", estimateJson(c.relativeSizeChange)}});
        printJson({{"out_dir", o.outDir},
                   {"runs", r.runs.size()},
                   {"modules", r.modules.size()},
                   {"reused_runs", r.reusedRuns},
                   {"reused_modules", r.reusedModules},
                   {"summaries", summaries},
                   {"comparisons", comparisons},
                   {"conclusion", r.conclusion},
                   {"plots", r.plots},
                   {"seconds", r.seconds}});
    }
    return 0;
}

class StudySubcommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        addStudyCommand(app, study_, jsonOut);
        return study_.command;
    }
    int run(const RunContext& context) override {
        ConsoleObserver observer;
        ControlToken control;
        stopOnInterrupt(control, true);
        return runStudyCommand(study_, context.commandLine, context.json, &observer, &control);
    }

  private:
    StudyCommand study_;
};

}  // namespace

std::unique_ptr<Subcommand> studyCommand() {
    return std::make_unique<StudySubcommand>();
}

}  // namespace nemo::cli
