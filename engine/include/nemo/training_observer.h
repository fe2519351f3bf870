// How the engine talks to whoever runs it (the CLI, the GUI's worker thread, a test).
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "nemo/heatmap_frame.h"
#include "nemo/metrics_event.h"

namespace nemo {

class TrainingObserver {
  public:
    virtual ~TrainingObserver() = default;
    virtual void onMetrics(const MetricsEvent& /*event*/) {}
    virtual void onMessage(const std::string& /*text*/) {}
    virtual void onHeatmap(const HeatmapFrame& /*frame*/) {}
};

// Passes a progress message to the observer, when there is one.
inline void tell(TrainingObserver* observer, const std::string& text) {
    if (observer) observer->onMessage(text);
}

// Pause, resume and stop, read by the engine between two training steps.
class ControlToken {
  public:
    void reset() { state_ = kRun; }  // ready for a new run
    void requestStop() { state_ = kStop; }
    void requestPause() {
        int expected = kRun;
        state_.compare_exchange_strong(expected, kPause);
    }
    void requestResume() {
        int expected = kPause;
        state_.compare_exchange_strong(expected, kRun);
    }
    bool stopRequested() const { return state_ == kStop; }
    bool paused() const { return state_ == kPause; }

    // Blocks while paused; returns false when a stop was requested.
    bool waitWhilePaused() const {
        while (state_ == kPause) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return state_ != kStop;
    }

  private:
    static constexpr int kRun = 0, kPause = 1, kStop = 2;
    std::atomic<int> state_{kRun};
};

}  // namespace nemo
