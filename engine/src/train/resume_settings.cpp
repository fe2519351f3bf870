#include "train/resume_settings.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace nemo {
namespace {

// Whether a setting that defines the run has the run's value; else a text saying how it differs.
std::pair<bool, std::string> sameSetting(const std::string& name, const TrainConfig& a,
                                         const TrainConfig& b) {
    auto compare = [](const auto& x, const auto& y) {
        std::ostringstream text;
        text << x << " differs from the run's " << y;
        return std::make_pair(x == y, text.str());
    };
    if (name == "dataset") return compare(a.dataset, b.dataset);
    if (name == "model") return compare(a.model, b.model);
    if (name == "mode") return compare(toString(a.mode), toString(b.mode));
    if (name == "batch_size") return compare(a.batchSize, b.batchSize);
    if (name == "seed") return compare(a.seed, b.seed);
    if (name == "limit_train") return compare(a.limitTrain, b.limitTrain);
    if (name == "limit_test") return compare(a.limitTest, b.limitTest);
    if (name == "precision") return compare(a.precision, b.precision);
    if (name == "teacher")
        return compare(a.teacher.empty()
                           ? a.teacher
                           : std::filesystem::absolute(a.teacher).lexically_normal().string(),
                       b.teacher);
    if (name == "distill_alpha") return compare(a.distillAlpha, b.distillAlpha);
    if (name == "distill_tau") return compare(a.distillTau, b.distillTau);
    if (name == "no_augment") return compare(!a.augment, !b.augment);
    if (name == "mask_loss_scope") return compare(a.maskLossScope, b.maskLossScope);
    if (name == "unmasked_qkv") return compare(!a.maskAttention, !b.maskAttention);
    return {false, "is not a setting of a run"};
}

}  // namespace

// The learning rates follow the cosine schedule from config.lr each epoch and the loss weights
// enter each step afresh, so changing them continues the run.
std::vector<std::string> applyResumeChanges(const TrainConfig& requested, TrainConfig& saved) {
    struct Changeable {
        const char* name;
        double TrainConfig::*field;
    };
    static const Changeable kChangeable[] = {{"lr", &TrainConfig::lr},
                                             {"lr_mask", &TrainConfig::lrMask},
                                             {"alpha", &TrainConfig::alpha},
                                             {"beta", &TrainConfig::beta},
                                             {"temperature", &TrainConfig::temperature}};
    std::vector<std::string> changes;
    for (const std::string& name : requested.changeOnResume) {
        const Changeable* c = nullptr;
        for (const auto& k : kChangeable)
            if (name == k.name) c = &k;
        std::string option = "--" + name;
        std::replace(option.begin(), option.end(), '_', '-');
        if (!c) {
            // Repeating the run's own value is fine (the same command line with --resume).
            const auto same = sameSetting(name, requested, saved);
            if (same.first) continue;
            throw TrainingError(option + " " + same.second +
                                ": settings that define a run cannot change when it resumes "
                                "(only --lr, --lr-mask, --alpha, --beta and --temperature can)");
        }
        const double from = saved.*(c->field), to = requested.*(c->field);
        if (from == to) continue;
        std::ostringstream change;
        change << name << " " << from << " -> " << to;
        saved.*(c->field) = to;
        changes.push_back(change.str());
    }
    return changes;
}

}  // namespace nemo
