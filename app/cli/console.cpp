#include "console.h"

#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>

#include <sys/resource.h>

namespace nemo::cli {
namespace {

ControlToken* gControl = nullptr;

void onInterrupt(int) {
    // First Ctrl-C: stop after the current step, keeping the last checkpoint. Second: default.
    if (gControl) gControl->requestStop();
    std::signal(SIGINT, SIG_DFL);
}

std::string part(const char* format, double v) {
    if (!std::isfinite(v)) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

}  // namespace

void ConsoleObserver::onMetrics(const MetricsEvent& e) {
    char line[512];
    if (e.kind == MetricsEvent::Kind::Step) {
        std::snprintf(line, sizeof line,
                      "epoch %d/%d  step %d/%d  loss %.4f  ce %.4f%s%s  acc %.3f%s  %.0f img/s",
                      e.epoch + 1, e.epochs, e.step, e.stepsPerEpoch, e.loss, e.crossEntropy,
                      part(" distill %.4f", e.distillation).c_str(),
                      part(" contra %.4f", e.contrastive).c_str(), e.accuracy,
                      part("  retention %.3f", e.retention).c_str(), e.imagesPerSecond);
    } else if (e.kind == MetricsEvent::Kind::Epoch && e.phase == "test") {
        std::snprintf(line, sizeof line, "epoch %d/%d done  test acc %.4f  loss %.4f%s%s  (%.0f s)",
                      e.epoch + 1, e.epochs, e.accuracy, e.loss,
                      part("  retention %.3f", e.retention).c_str(),
                      part("  jaccard cohesion %.3f", e.jaccardCohesion).c_str(), e.seconds);
    } else {
        return;  // train-phase epoch lines repeat the steps; changes arrive as messages
    }
    std::cerr << line << std::endl;
}

void ConsoleObserver::onMessage(const std::string& text) {
    std::cerr << text << std::endl;
}

void stopOnInterrupt(ControlToken& control, bool alsoTerminate) {
    gControl = &control;
    std::signal(SIGINT, onInterrupt);
    if (alsoTerminate) std::signal(SIGTERM, onInterrupt);
}

nlohmann::json jsonNumber(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

double peakMemoryMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // Linux reports ru_maxrss in KiB
}

std::vector<int> parseClassList(const std::string& text) {
    std::vector<int> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            size_t used = 0;
            out.push_back(std::stoi(item, &used));
            if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw std::invalid_argument("--classes: '" + item +
                                        "' is not a class id (use e.g. 0,3,7)");
        }
    }
    return out;
}

}  // namespace nemo::cli
