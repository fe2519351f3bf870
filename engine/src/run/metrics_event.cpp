#include <cmath>

#include <nlohmann/json.hpp>

#include "nemo/metrics_event.h"

namespace nemo {

using nlohmann::json;

namespace {

// Keys of the optional numbers, shared by writer and reader so they cannot drift apart.
struct Field {
    const char* key;
    double MetricsEvent::*member;
};
const Field kFields[] = {
    {"loss", &MetricsEvent::loss},
    {"ce", &MetricsEvent::crossEntropy},
    {"contrastive", &MetricsEvent::contrastive},
    {"distillation", &MetricsEvent::distillation},
    {"cohesion_loss", &MetricsEvent::cohesionLoss},
    {"coupling_loss", &MetricsEvent::couplingLoss},
    {"accuracy", &MetricsEvent::accuracy},
    {"retention", &MetricsEvent::retention},
    {"jaccard_cohesion", &MetricsEvent::jaccardCohesion},
    {"jaccard_coupling", &MetricsEvent::jaccardCoupling},
    {"lr", &MetricsEvent::lr},
    {"lr_mask", &MetricsEvent::lrMask},
    {"images_per_s", &MetricsEvent::imagesPerSecond},
    {"seconds", &MetricsEvent::seconds},
};

}  // namespace

std::string toJsonLine(const MetricsEvent& e) {
    const char* type = e.kind == MetricsEvent::Kind::Step    ? "step"
                       : e.kind == MetricsEvent::Kind::Epoch ? "epoch"
                                                             : "change";
    json j = {{"type", type},
              {"phase", e.phase},
              {"epoch", e.epoch},
              {"epochs", e.epochs},
              {"step", e.step},
              {"steps_per_epoch", e.stepsPerEpoch},
              {"global_step", e.globalStep}};
    // Absent parts are left out rather than written as null: readers treat missing as NaN.
    for (const Field& f : kFields) {
        const double v = e.*(f.member);
        if (std::isfinite(v)) j[f.key] = v;
    }
    if (e.kind == MetricsEvent::Kind::Change) j["change"] = e.change;
    return j.dump();
}

bool fromJsonLine(const std::string& line, MetricsEvent* e) {
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
    try {
        *e = MetricsEvent();
        const std::string type = j.value("type", "step");
        e->kind = type == "epoch"    ? MetricsEvent::Kind::Epoch
                  : type == "change" ? MetricsEvent::Kind::Change
                                     : MetricsEvent::Kind::Step;
        if (e->kind == MetricsEvent::Kind::Change) e->change = j.value("change", "");
        e->phase = j.value("phase", "train");
        e->epoch = j.value("epoch", 0);
        e->epochs = j.value("epochs", 0);
        e->step = j.value("step", 0);
        e->stepsPerEpoch = j.value("steps_per_epoch", 0);
        e->globalStep = j.value("global_step", 0LL);
        for (const Field& f : kFields) {
            if (j.contains(f.key) && j[f.key].is_number()) e->*(f.member) = j[f.key].get<double>();
        }
    } catch (const json::exception&) {
        return false;
    }
    return true;
}

}  // namespace nemo
