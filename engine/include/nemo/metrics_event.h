// What the engine reports while it trains: plain data, safe to copy across threads.
#pragma once

#include <cmath>
#include <string>

namespace nemo {

struct MetricsEvent {
    // Change: settings changed while the run trained (ControlToken::requestSettings), taking
    // effect at `globalStep` + 1; `change` says which, e.g. "alpha 1.3 -> 0.5".
    enum class Kind { Step, Epoch, Change };
    Kind kind = Kind::Step;
    std::string phase = "train";  // "train" or "test"
    int epoch = 0;                // 0-based
    int epochs = 0;
    int step = 0;  // step inside the epoch, 1-based
    int stepsPerEpoch = 0;
    long long globalStep = 0;

    // Loss parts (NaN where the mode has no such part). Averages since the previous event.
    double loss = NAN;
    double crossEntropy = NAN;
    double contrastive = NAN;   // NeMo
    double distillation = NAN;  // DeiT with a teacher: the distillation loss (replaces the CE)
    double cohesionLoss = NAN;  // cosine cohesion loss, 1 - mean same-class similarity
    double couplingLoss = NAN;  // cosine coupling loss, mean different-class similarity
    double accuracy = NAN;
    double retention = NAN;        // neuron retention rate: fraction of mask values > 0
    double jaccardCohesion = NAN;  // batch-level Jaccard metrics (test phase)
    double jaccardCoupling = NAN;
    double lr = NAN;
    double lrMask = NAN;
    double imagesPerSecond = NAN;
    double seconds = NAN;  // wall time since the run (or resume) started
    std::string change;    // Kind::Change only
};

std::string toJsonLine(const MetricsEvent& event);  // one line of metrics.jsonl, no newline
bool fromJsonLine(const std::string& line, MetricsEvent* event);

}  // namespace nemo
