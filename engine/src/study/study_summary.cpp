// The statistics and the files of a study: means with 95% intervals, the paired NeMo-MwT
// comparison, study.json (written and read back), study.csv and report.md. Plain C++: the
// workbench reads study folders with this code.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "nemo/study.h"

namespace nemo {

using nlohmann::json;

namespace {

json number(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

double numberOr(const json& j, const char* key, double fallback = NAN) {
    if (!j.contains(key) || j.at(key).is_null()) return fallback;
    if (!j.at(key).is_number())
        throw std::runtime_error(std::string("'") + key + "' is not a number");
    return j.at(key).get<double>();
}

json estimateJson(const Estimate& e) {
    return {{"n", e.n}, {"mean", number(e.mean)}, {"ci95", number(e.ci95)}};
}

Estimate estimateFromJson(const json& j) {
    Estimate e;
    e.n = j.value("n", 0);
    e.mean = numberOr(j, "mean");
    e.ci95 = numberOr(j, "ci95");
    return e;
}

std::string classList(const std::vector<int>& classes, const char* separator = ",") {
    std::string out;
    for (size_t i = 0; i < classes.size(); ++i)
        out += (i ? separator : "") + std::to_string(classes[i]);
    return out;
}

// "87.31 ± 1.20" from fractions, in points; "n/a" when missing.
std::string percent(const Estimate& e, int decimals = 2) {
    if (!std::isfinite(e.mean)) return "n/a";
    char buf[64];
    if (std::isfinite(e.ci95))
        std::snprintf(buf, sizeof buf, "%.*f ± %.*f", decimals, 100 * e.mean, decimals,
                      100 * e.ci95);
    else
        std::snprintf(buf, sizeof buf, "%.*f", decimals, 100 * e.mean);
    return buf;
}

std::string plain(const Estimate& e, int decimals = 2) {
    if (!std::isfinite(e.mean)) return "n/a";
    char buf[64];
    if (std::isfinite(e.ci95))
        std::snprintf(buf, sizeof buf, "%+.*f ± %.*f", decimals, e.mean, decimals, e.ci95);
    else
        std::snprintf(buf, sizeof buf, "%+.*f", decimals, e.mean);
    return buf;
}

std::string fixed(double v, int decimals) {
    if (!std::isfinite(v)) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

bool sameKey(const StudyModule& a, const StudyModule& b) {
    return a.seed == b.seed && a.classes == b.classes && sameThreshold(a.threshold, b.threshold);
}

}  // namespace

double studentT975(int df) {
    // Exact to 3 decimals for df <= 30; above, the normal quantile plus the first term of
    // Cornish-Fisher's expansion (error < 0.002 at df = 31).
    static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                   2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                   2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                   2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1) return NAN;
    if (df <= 30) return table[df - 1];
    const double z = 1.959964;
    return z + (z * z * z + z) / (4.0 * df);
}

Estimate estimate(const std::vector<double>& values) {
    Estimate e;
    double sum = 0;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        sum += v;
        ++e.n;
    }
    if (e.n == 0) return e;
    e.mean = sum / e.n;
    if (e.n < 2) return e;
    double squares = 0;
    for (double v : values)
        if (std::isfinite(v)) squares += (v - e.mean) * (v - e.mean);
    const double sd = std::sqrt(squares / (e.n - 1));
    e.ci95 = studentT975(e.n - 1) * sd / std::sqrt(double(e.n));
    return e;
}

std::string methodLabel(const std::string& method) {
    if (method == "nemo") return "NeMo";
    if (method == "mwt") return "MwT";
    if (method == "standard") return "Standard";
    return method;
}

std::vector<std::vector<int>> drawClassSets(int count, int numClasses, int minSize, int maxSize,
                                            uint64_t seed) {
    minSize = std::max(1, minSize);
    maxSize = std::min(numClasses, std::max(minSize, maxSize));
    if (minSize > numClasses)
        throw std::invalid_argument("class sets of " + std::to_string(minSize) +
                                    " classes from a dataset of " + std::to_string(numClasses));
    std::mt19937_64 random(seed);
    std::set<std::vector<int>> seen;
    std::vector<std::vector<int>> sets;
    for (int i = 0, tries = 0; int(sets.size()) < count && tries < 100 * count + 100; ++tries) {
        const int size = minSize + i % (maxSize - minSize + 1);
        std::vector<int> all(numClasses);
        for (int c = 0; c < numClasses; ++c) all[c] = c;
        std::shuffle(all.begin(), all.end(), random);
        std::vector<int> set(all.begin(), all.begin() + size);
        std::sort(set.begin(), set.end());
        if (!seen.insert(set).second) continue;  // drawn before: draw again, same size
        sets.push_back(set);
        ++i;
    }
    return sets;
}

void summarizeStudy(StudyResult& r) {
    r.summaries.clear();
    r.comparisons.clear();
    // Per method and threshold (the standard model has one "threshold": none).
    std::vector<std::pair<std::string, double>> groups;
    for (const auto& m : r.modules) {
        const bool known = std::any_of(groups.begin(), groups.end(), [&](const auto& g) {
            return g.first == m.method && sameThreshold(g.second, m.threshold);
        });
        if (!known) groups.push_back({m.method, m.threshold});
    }
    for (const auto& [method, threshold] : groups) {
        std::vector<double> acc, delta, params, flops, retention;
        for (const auto& m : r.modules) {
            if (m.method != method) continue;
            if (!sameThreshold(m.threshold, threshold)) continue;
            acc.push_back(m.moduleAccuracy);
            delta.push_back(m.moduleAccuracy - m.standardAccuracy);
            params.push_back(m.paramShare());
            flops.push_back(m.flopShare());
            retention.push_back(m.retention);
        }
        StudyMethodSummary s;
        s.method = method;
        s.threshold = threshold;
        s.moduleAccuracy = estimate(acc);
        s.accuracyVsStandard = estimate(delta);
        s.paramShare = estimate(params);
        s.flopShare = estimate(flops);
        s.retention = estimate(retention);
        r.summaries.push_back(s);
    }
    // NeMo against MwT, paired on seed, class set and threshold.
    for (double threshold : r.options.thresholds) {
        StudyComparison c;
        c.threshold = threshold;
        std::vector<double> acc, size, relative;
        for (const auto& a : r.modules) {
            if (a.method != c.first || !sameThreshold(a.threshold, threshold)) continue;
            for (const auto& b : r.modules) {
                if (b.method != c.second || !sameKey(a, b)) continue;
                acc.push_back(100 * (a.moduleAccuracy - b.moduleAccuracy));
                size.push_back(100 * (a.paramShare() - b.paramShare()));
                relative.push_back(100 * (a.paramShare() / b.paramShare() - 1));
            }
        }
        if (acc.empty()) continue;
        c.accuracyDifference = estimate(acc);
        c.paramShareDifference = estimate(size);
        c.relativeSizeChange = estimate(relative);
        r.comparisons.push_back(c);
    }

    std::ostringstream text;
    for (const auto& c : r.comparisons) {
        const Estimate& a = c.accuracyDifference;
        const Estimate& s = c.relativeSizeChange;
        auto verdict = [](const Estimate& e, const char* more, const char* less) {
            if (!std::isfinite(e.ci95)) return std::string("(one pair: no interval)");
            if (e.mean - e.ci95 > 0) return std::string(more);
            if (e.mean + e.ci95 < 0) return std::string(less);
            return std::string("not distinguishable from no difference");
        };
        char buf[512];
        std::snprintf(buf, sizeof buf,
                      "At threshold %.2f, over %d paired modules (same seed and class set), "
                      "NeMo modules differ from MwT's by %+.2f points of accuracy (95%% CI %+.2f "
                      "to %+.2f): %s. Their parameter count differs by %+.1f%% of MwT's (95%% CI "
                      "%+.1f%% to %+.1f%%): %s. ",
                      c.threshold, a.n, a.mean, a.mean - a.ci95, a.mean + a.ci95,
                      verdict(a, "NeMo is more accurate", "MwT is more accurate").c_str(), s.mean,
                      s.mean - s.ci95, s.mean + s.ci95,
                      verdict(s, "NeMo modules are larger", "NeMo modules are smaller").c_str());
        text << buf;
    }
    if (!r.comparisons.empty())
        text << "The paper reports NeMo modules 1.72 points more accurate and 58.10% smaller than "
                "MwT's on average (4 CNNs and 2 Transformers on CIFAR-10 and SVHN, 200 epochs); "
                "this study is "
             << r.options.model << " on " << r.options.dataset << " for " << r.options.epochs
             << (r.options.epochs == 1 ? " epoch." : " epochs.");
    for (const auto& s : r.summaries) {
        if (s.method == "standard" || !std::isfinite(s.accuracyVsStandard.mean)) continue;
        char buf[256];
        std::snprintf(
            buf, sizeof buf,
            " %s modules (threshold %.2f) are %+.2f ± %.2f points from the standard "
            "model on the same classes.",
            methodLabel(s.method).c_str(), s.threshold, 100 * s.accuracyVsStandard.mean,
            std::isfinite(s.accuracyVsStandard.ci95) ? 100 * s.accuracyVsStandard.ci95 : 0.0);
        text << buf;
    }
    r.conclusion = text.str();
}

std::string studyOptionsJson(const StudyOptions& o) {
    return json({{"dataset", o.dataset},
                 {"data_dir", o.dataDir},
                 {"model", o.model},
                 {"methods", o.methods},
                 {"seeds", o.seeds},
                 {"class_sets", o.classSets},
                 {"random_sets", o.randomSets},
                 {"set_seed", o.setSeed},
                 {"min_set_size", o.minSetSize},
                 {"max_set_size", o.maxSetSize},
                 {"epochs", o.epochs},
                 {"thresholds", o.thresholds},
                 {"finetune_epochs", o.finetuneEpochs},
                 {"batch_size", o.batchSize},
                 {"limit_train", o.limitTrain},
                 {"limit_test", o.limitTest},
                 {"augmented_masks", o.augmentedMasks}})
        .dump(2);
}

std::string studyToJson(const StudyResult& r) {
    const StudyOptions& o = r.options;
    json options = json::parse(studyOptionsJson(o));
    json runs = json::array();
    for (const auto& run : r.runs)
        runs.push_back({{"method", run.method},
                        {"seed", run.seed},
                        {"run_dir", run.runDir},
                        {"test_accuracy", number(run.testAccuracy)},
                        {"alpha", number(run.alpha)},
                        {"beta", number(run.beta)},
                        {"temperature", number(run.temperature)},
                        {"reused", run.reused},
                        {"seconds", run.seconds}});
    json modularity = json::array();
    for (const auto& m : r.modularity)
        modularity.push_back({{"method", m.method},
                              {"seed", m.seed},
                              {"threshold", m.threshold},
                              {"retention", number(m.retention)},
                              {"cohesion", number(m.cohesion)},
                              {"coupling", number(m.coupling)}});
    json modules = json::array();
    for (const auto& m : r.modules)
        modules.push_back({{"method", m.method},
                           {"seed", m.seed},
                           {"classes", m.classes},
                           {"threshold", number(m.threshold)},
                           {"module_accuracy", number(m.moduleAccuracy)},
                           {"standard_accuracy", number(m.standardAccuracy)},
                           {"full_accuracy", number(m.fullAccuracy)},
                           {"params", m.params},
                           {"params_full", m.paramsFull},
                           {"flops", m.flops},
                           {"flops_full", m.flopsFull},
                           {"retention", number(m.retention)},
                           {"module_dir", m.moduleDir},
                           {"reused", m.reused}});
    json summaries = json::array();
    for (const auto& s : r.summaries)
        summaries.push_back({{"method", s.method},
                             {"threshold", number(s.threshold)},
                             {"module_accuracy", estimateJson(s.moduleAccuracy)},
                             {"accuracy_vs_standard", estimateJson(s.accuracyVsStandard)},
                             {"param_share", estimateJson(s.paramShare)},
                             {"flop_share", estimateJson(s.flopShare)},
                             {"retention", estimateJson(s.retention)}});
    json comparisons = json::array();
    for (const auto& c : r.comparisons)
        comparisons.push_back({{"first", c.first},
                               {"second", c.second},
                               {"threshold", c.threshold},
                               {"accuracy_difference_pt", estimateJson(c.accuracyDifference)},
                               {"param_share_difference_pt", estimateJson(c.paramShareDifference)},
                               {"relative_size_change_pct", estimateJson(c.relativeSizeChange)}});
    json j = {{"format", "nemo-study-1"},
              {"command", r.command},
              {"options", options},
              {"class_sets_used", r.classSets},
              {"runs", runs},
              {"modularity", modularity},
              {"modules", modules},
              {"summaries", summaries},
              {"comparisons", comparisons},
              {"conclusion", r.conclusion},
              {"plots", r.plots},
              {"seconds", r.seconds},
              {"reused_runs", r.reusedRuns},
              {"reused_modules", r.reusedModules}};
    return j.dump(2);
}

std::string studyToCsv(const StudyResult& r) {
    std::ostringstream out;
    out << "method,seed,classes,threshold,module_accuracy,standard_accuracy,full_accuracy,"
           "params,params_full,param_share,flops,flops_full,flop_share,retention,module_dir\n";
    for (const auto& m : r.modules) {
        out << m.method << ',' << m.seed << ",\"" << classList(m.classes) << "\","
            << fixed(m.threshold, 2) << ',' << fixed(m.moduleAccuracy, 4) << ','
            << fixed(m.standardAccuracy, 4) << ',' << fixed(m.fullAccuracy, 4) << ',' << m.params
            << ',' << m.paramsFull << ',' << fixed(m.paramShare(), 4) << ',' << m.flops << ','
            << m.flopsFull << ',' << fixed(m.flopShare(), 4) << ',' << fixed(m.retention, 4) << ','
            << m.moduleDir << '\n';
    }
    return out.str();
}

std::string studyToMarkdown(const StudyResult& r) {
    const StudyOptions& o = r.options;
    std::ostringstream md;
    md << "# Study: NeMo vs MwT modules, " << o.model << " on " << o.dataset << "\n\n";
    md << "Command: `" << r.command << "`\n\n";
    md << "Methods: ";
    for (size_t i = 0; i < o.methods.size(); ++i)
        md << (i ? ", " : "") << methodLabel(o.methods[i]);
    md << "; seeds";
    for (uint64_t s : o.seeds) md << ' ' << s;
    md << "; " << o.epochs << (o.epochs == 1 ? " epoch" : " epochs") << "; thresholds";
    for (double t : o.thresholds) md << ' ' << fixed(t, 2);
    md << "; " << o.finetuneEpochs << " fine-tuning epoch" << (o.finetuneEpochs == 1 ? "" : "s")
       << " per module; " << (o.limitTrain ? std::to_string(o.limitTrain) : std::string("all"))
       << " training and " << (o.limitTest ? std::to_string(o.limitTest) : std::string("all"))
       << " test images. Module masks from " << (o.augmentedMasks ? "augmented" : "plain")
       << " training images. Class sets:";
    for (const auto& set : r.classSets) md << " {" << classList(set) << "}";
    md << ".\n\n";

    md << "## Conclusion\n\n"
       << (r.conclusion.empty() ? "No paired modules." : r.conclusion) << "\n\n";

    md << "## Modules per method (means with 95% intervals, in percent)\n\n";
    md << "| method | threshold | modules | module accuracy | vs standard (pt) | parameters kept "
          "| multiply-adds kept | masked units kept |\n|---|---|---|---|---|---|---|---|\n";
    for (const auto& s : r.summaries) {
        md << "| " << methodLabel(s.method) << " | "
           << (std::isfinite(s.threshold) ? fixed(s.threshold, 2) : "-") << " | "
           << s.moduleAccuracy.n << " | " << percent(s.moduleAccuracy) << " | "
           << (s.method == "standard" ? "-" : percent(s.accuracyVsStandard)) << " | "
           << percent(s.paramShare, 1) << " | " << percent(s.flopShare, 1) << " | "
           << (s.method == "standard" ? "-" : percent(s.retention, 1)) << " |\n";
    }
    md << "\n";
    if (!r.comparisons.empty()) {
        md << "## NeMo minus MwT, paired (same seed, class set and threshold)\n\n";
        md << "| threshold | pairs | accuracy (pt) | parameters kept (pt) | size relative to MwT "
              "(%) |\n|---|---|---|---|---|\n";
        for (const auto& c : r.comparisons)
            md << "| " << fixed(c.threshold, 2) << " | " << c.accuracyDifference.n << " | "
               << plain(c.accuracyDifference) << " | " << plain(c.paramShareDifference) << " | "
               << plain(c.relativeSizeChange, 1) << " |\n";
        md << "\nThe paper: +1.72 pt accuracy, -58.10% size (NeMo README).\n\n";
    }
    md << "## Trained runs\n\n| method | seed | test accuracy | alpha | beta | temperature | "
          "folder |\n|---|---|---|---|---|---|---|\n";
    for (const auto& run : r.runs)
        md << "| " << methodLabel(run.method) << " | " << run.seed << " | "
           << fixed(100 * run.testAccuracy, 2) << " | "
           << (run.method == "standard" ? "-" : fixed(run.alpha, 2)) << " | "
           << (run.method == "mwt" ? fixed(run.beta, 2) : "-") << " | "
           << (run.method == "nemo" ? fixed(run.temperature, 2) : "-") << " | " << run.runDir
           << " |\n";
    if (!r.modularity.empty()) {
        md << "\n## Class modules (modularize)\n\n| method | seed | threshold | retention | "
              "cohesion | coupling |\n|---|---|---|---|---|---|\n";
        for (const auto& m : r.modularity)
            md << "| " << methodLabel(m.method) << " | " << m.seed << " | " << fixed(m.threshold, 2)
               << " | " << fixed(m.retention, 4) << " | " << fixed(m.cohesion, 4) << " | "
               << fixed(m.coupling, 4) << " |\n";
    }
    if (!r.plots.empty()) {
        md << "\n## Plots\n\n";
        for (const auto& p : r.plots) md << "![" << p << "](" << p << ")\n\n";
    }
    md << "\nEvery module is listed in study.csv; study.json holds all of it.\n";
    return md.str();
}

bool isStudyFolder(const std::string& dir) {
    std::ifstream in(dir + "/study.json");
    return bool(in);
}

StudyResult readStudy(const std::string& studyDir) {
    const std::string path = studyDir + "/study.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot be read; is this a study folder?");
    std::stringstream text;
    text << in.rdbuf();
    json j = json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw std::runtime_error(path +
                                 ": not JSON; the study may have been cut short, run it "
                                 "again to rewrite it");
    if (j.value("format", std::string()) != "nemo-study-1")
        throw std::runtime_error(path + ": not a study file of this version (format '" +
                                 j.value("format", std::string()) + "')");
    StudyResult r;
    try {
        r.command = j.value("command", std::string());
        const json& o = j.at("options");
        r.options.dataset = o.at("dataset").get<std::string>();
        r.options.dataDir = o.value("data_dir", std::string());
        r.options.model = o.at("model").get<std::string>();
        r.options.methods = o.at("methods").get<std::vector<std::string>>();
        r.options.seeds = o.at("seeds").get<std::vector<uint64_t>>();
        r.options.classSets = o.at("class_sets").get<std::vector<std::vector<int>>>();
        r.options.randomSets = o.value("random_sets", 0);
        r.options.setSeed = o.value("set_seed", uint64_t(0));
        r.options.minSetSize = o.value("min_set_size", 2);
        r.options.maxSetSize = o.value("max_set_size", 5);
        r.options.epochs = o.at("epochs").get<int>();
        r.options.thresholds = o.at("thresholds").get<std::vector<double>>();
        r.options.finetuneEpochs = o.value("finetune_epochs", 10);
        r.options.batchSize = o.value("batch_size", 128);
        r.options.limitTrain = o.value("limit_train", int64_t(0));
        r.options.limitTest = o.value("limit_test", int64_t(0));
        r.options.augmentedMasks = o.value("augmented_masks", false);
        r.classSets = j.at("class_sets_used").get<std::vector<std::vector<int>>>();
        for (const json& x : j.at("runs")) {
            StudyRun run;
            run.method = x.at("method").get<std::string>();
            run.seed = x.at("seed").get<uint64_t>();
            run.runDir = x.at("run_dir").get<std::string>();
            run.testAccuracy = numberOr(x, "test_accuracy");
            run.alpha = numberOr(x, "alpha");
            run.beta = numberOr(x, "beta");
            run.temperature = numberOr(x, "temperature");
            run.reused = x.value("reused", false);
            run.seconds = numberOr(x, "seconds", 0);
            r.runs.push_back(run);
        }
        for (const json& x : j.value("modularity", json::array())) {
            StudyModularity m;
            m.method = x.at("method").get<std::string>();
            m.seed = x.at("seed").get<uint64_t>();
            m.threshold = numberOr(x, "threshold");
            m.retention = numberOr(x, "retention");
            m.cohesion = numberOr(x, "cohesion");
            m.coupling = numberOr(x, "coupling");
            r.modularity.push_back(m);
        }
        for (const json& x : j.at("modules")) {
            StudyModule m;
            m.method = x.at("method").get<std::string>();
            m.seed = x.at("seed").get<uint64_t>();
            m.classes = x.at("classes").get<std::vector<int>>();
            m.threshold = numberOr(x, "threshold");
            m.moduleAccuracy = numberOr(x, "module_accuracy");
            m.standardAccuracy = numberOr(x, "standard_accuracy");
            m.fullAccuracy = numberOr(x, "full_accuracy");
            m.params = x.at("params").get<int64_t>();
            m.paramsFull = x.at("params_full").get<int64_t>();
            m.flops = x.at("flops").get<int64_t>();
            m.flopsFull = x.at("flops_full").get<int64_t>();
            m.retention = numberOr(x, "retention");
            m.moduleDir = x.value("module_dir", std::string());
            m.reused = x.value("reused", false);
            r.modules.push_back(m);
        }
        for (const json& x : j.value("summaries", json::array())) {
            StudyMethodSummary s;
            s.method = x.at("method").get<std::string>();
            s.threshold = numberOr(x, "threshold");
            s.moduleAccuracy = estimateFromJson(x.at("module_accuracy"));
            s.accuracyVsStandard = estimateFromJson(x.at("accuracy_vs_standard"));
            s.paramShare = estimateFromJson(x.at("param_share"));
            s.flopShare = estimateFromJson(x.at("flop_share"));
            s.retention = estimateFromJson(x.at("retention"));
            r.summaries.push_back(s);
        }
        for (const json& x : j.value("comparisons", json::array())) {
            StudyComparison c;
            c.first = x.value("first", std::string("nemo"));
            c.second = x.value("second", std::string("mwt"));
            c.threshold = numberOr(x, "threshold");
            c.accuracyDifference = estimateFromJson(x.at("accuracy_difference_pt"));
            c.paramShareDifference = estimateFromJson(x.at("param_share_difference_pt"));
            c.relativeSizeChange = estimateFromJson(x.at("relative_size_change_pct"));
            r.comparisons.push_back(c);
        }
        r.conclusion = j.value("conclusion", std::string());
        r.plots = j.value("plots", std::vector<std::string>());
        r.seconds = numberOr(j, "seconds", 0);
        r.reusedRuns = j.value("reused_runs", 0);
        r.reusedModules = j.value("reused_modules", 0);
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
    return r;
}

}  // namespace nemo
