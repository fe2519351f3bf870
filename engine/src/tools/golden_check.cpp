// `nemo check-golden`: every value in a golden file, recomputed by the engine.
#include <cmath>
#include <fstream>
#include <sstream>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "nemo/module_masks.h"
#include "nemo/tools.h"
#include "train/losses.h"

namespace nemo {
namespace {

using nlohmann::json;

torch::Tensor matrixFrom(const json& rows) {
    const int64_t n = int64_t(rows.size());
    const int64_t m = n > 0 ? int64_t(rows[0].size()) : 0;
    torch::Tensor t = torch::empty({n, m}, torch::kFloat);
    auto a = t.accessor<float, 2>();
    for (int64_t i = 0; i < n; ++i) {
        if (int64_t(rows[i].size()) != m) throw std::runtime_error("ragged matrix in golden file");
        for (int64_t j = 0; j < m; ++j) a[i][j] = rows[i][j].get<float>();
    }
    return t;
}

class Comparer {
  public:
    Comparer(GoldenReport& report) : report_(report) {}

    void compare(const std::string& what, double got, double want) {
        ++report_.checks;
        const bool bothNan = std::isnan(got) && std::isnan(want);
        const double err = bothNan ? 0.0 : std::abs(got - want);
        if (!bothNan && !(err <= report_.tolerance)) {
            std::ostringstream line;
            line.precision(9);
            line << what << ": got " << got << ", want " << want;
            report_.failures.push_back(line.str());
        }
        if (std::isfinite(err))
            report_.maxAbsError = std::max(report_.maxAbsError, err);
        else
            report_.maxAbsError = INFINITY;
    }

    void compareMatrix(const std::string& what, const torch::Tensor& got, const json& want) {
        torch::Tensor w = matrixFrom(want);
        if (w.sizes() != got.sizes()) {
            ++report_.checks;
            report_.failures.push_back(what + ": shape differs");
            report_.maxAbsError = INFINITY;
            return;
        }
        auto g = got.accessor<float, 2>();
        auto e = w.accessor<float, 2>();
        for (int64_t i = 0; i < w.size(0); ++i)
            for (int64_t j = 0; j < w.size(1); ++j)
                compare(what + "[" + std::to_string(i) + "][" + std::to_string(j) + "]", g[i][j],
                        e[i][j]);
    }

  private:
    GoldenReport& report_;
};

void checkCase(const json& c, int index, Comparer& cmp) {
    const std::string name = "case " + std::to_string(index);
    std::vector<int64_t> labelList = c.at("labels").get<std::vector<int64_t>>();
    torch::Tensor labels = torch::tensor(labelList, torch::kLong);
    std::vector<torch::Tensor> masks;
    std::vector<int64_t> widths;
    for (const auto& layer : c.at("masks")) {
        masks.push_back(matrixFrom(layer));
        widths.push_back(masks.back().size(1));
    }

    for (const auto& entry : c.at("contrastive")) {
        const double t = entry.at("temperature").get<double>();
        std::vector<torch::Tensor> leaves;
        for (const auto& m : masks) leaves.push_back(m.clone().requires_grad_(true));
        torch::Tensor loss = contrastiveLoss(leaves, labels, t);
        loss.backward();
        std::ostringstream tag;
        tag << name << " contrastive t=" << t;
        cmp.compare(tag.str() + " loss", loss.item<double>(), entry.at("loss").get<double>());
        const auto& grads = entry.at("grad");
        for (size_t l = 0; l < leaves.size() && l < grads.size(); ++l) {
            cmp.compareMatrix(tag.str() + " grad[" + std::to_string(l) + "]", leaves[l].grad(),
                              grads[l]);
        }
    }

    if (c.contains("cosine")) {
        const auto& want = c["cosine"];
        CosineStats got = cosineLosses(masks, labels);
        cmp.compare(name + " cosine cohesion_loss", got.cohesionLoss.item<double>(),
                    want.at("cohesion_loss").get<double>());
        cmp.compare(name + " cosine coupling_loss", got.couplingLoss.item<double>(),
                    want.at("coupling_loss").get<double>());
        cmp.compare(name + " cosine kernel_rate", got.kernelRate.item<double>(),
                    want.at("kernel_rate").get<double>());
        cmp.compare(name + " cosine l1", got.l1.item<double>(), want.at("l1").get<double>());
    }

    if (c.contains("jaccard_batch")) {
        const auto& want = c["jaccard_batch"];
        JaccardStats got = batchJaccard(masks, labels);
        cmp.compare(name + " jaccard cohesion", got.cohesion.item<double>(),
                    want.at("cohesion").get<double>());
        cmp.compare(name + " jaccard coupling", got.coupling.item<double>(),
                    want.at("coupling").get<double>());
        cmp.compare(name + " jaccard retention", got.retention.item<double>(),
                    want.at("retention").get<double>());
    }

    if (c.contains("modularize")) {
        const auto& want = c["modularize"];
        torch::Tensor all = torch::cat(masks, 1).contiguous();
        BitMatrix samples(all.size(0), all.size(1));
        for (int64_t r = 0; r < all.size(0); ++r)
            samples.setFromFloats(r, 0, all[r].data_ptr<float>(), all.size(1));
        const auto& wantModules = want.at("module_masks");
        const int numClasses = int(wantModules.size());
        auto freq = classFrequencies(samples, labelList, numClasses);
        BitMatrix modules = moduleMasks(freq, widths, want.at("threshold").get<double>());
        for (int cls = 0; cls < numClasses; ++cls) {
            for (int64_t j = 0; j < modules.cols(); ++j) {
                cmp.compare(
                    name + " module_masks[" + std::to_string(cls) + "][" + std::to_string(j) + "]",
                    modules.get(cls, j) ? 1.0 : 0.0, wantModules[cls][j].get<double>());
            }
        }
        cmp.compare(name + " module retention", moduleRetention(modules),
                    want.at("retention").get<double>());
        auto cohesion = classCohesion(samples, labelList, modules);
        const auto& wantCohesion = want.at("cohesion_per_class");
        for (int cls = 0; cls < numClasses; ++cls) {
            cmp.compare(name + " cohesion_per_class[" + std::to_string(cls) + "]", cohesion[cls],
                        wantCohesion[cls].get<double>());
        }
        cmp.compare(name + " module coupling", moduleCoupling(modules),
                    want.at("coupling").get<double>());
    }
}

}  // namespace

GoldenReport checkGolden(const std::string& path, double tolerance) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open the golden file");
    json doc;
    try {
        // NaN is written by Python's json module as a bare NaN; nlohmann rejects it, so the
        // golden files from the reference must not contain it (they do not).
        doc = json::parse(in);
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": not valid JSON (" + e.what() + ")");
    }
    if (!doc.contains("cases") || !doc["cases"].is_array()) {
        throw std::runtime_error(path + ": not a golden file (no \"cases\" list)");
    }
    GoldenReport report;
    report.tolerance = tolerance;
    Comparer cmp(report);
    int index = 0;
    for (const auto& c : doc["cases"]) {
        try {
            checkCase(c, index, cmp);
        } catch (const json::exception& e) {
            throw std::runtime_error(path + ": case " + std::to_string(index) + " is malformed (" +
                                     e.what() + ")");
        }
        ++index;
    }
    report.cases = index;
    report.passed = report.failures.empty() && report.cases > 0;
    return report;
}

}  // namespace nemo
