// What several `nemo` subcommands share: progress lines on stderr, Ctrl-C handling, JSON numbers,
// peak memory and class lists.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nemo/training_observer.h"

namespace nemo::cli {

// Prints step and epoch events as one readable line each, and messages as they come.
class ConsoleObserver : public TrainingObserver {
  public:
    void onMetrics(const MetricsEvent& e) override;
    void onMessage(const std::string& text) override;
};

// First Ctrl-C (and SIGTERM, when asked): `control` stops after the current step. Second: the
// default action. `control` must outlive the run.
void stopOnInterrupt(ControlToken& control, bool alsoTerminate);

// NaN and infinities as null: JSON has no number for them.
nlohmann::json jsonNumber(double v);

// The most memory this process has held so far, in MiB.
double peakMemoryMiB();

// "0,3,7" -> {0, 3, 7}; throws naming the item that is not a class id.
std::vector<int> parseClassList(const std::string& text);

}  // namespace nemo::cli
