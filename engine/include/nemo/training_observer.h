// How the engine talks to whoever runs it (the CLI, the GUI's worker thread, a test).
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
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

// Settings a user may change while a run trains (the GUI's playground): each is applied at the
// next training step, recorded in metrics.jsonl, and written to config.json with the next
// checkpoint, so a resumed run continues with the settings its checkpoint was trained with.
struct LiveSettings {
    std::optional<double> lr, lrMask, alpha, beta, temperature;
    bool empty() const { return !lr && !lrMask && !alpha && !beta && !temperature; }
};

// Pause, resume, stop, single steps, a slower pace and live settings, read by the engine between
// two training steps (its own thread) and set from another (the GUI's).
class ControlToken {
  public:
    void reset() {  // ready for a new run; the pace and pending settings are the new run's too
        state_ = kRun;
        stepsAllowed_ = 0;
        singleStep_ = false;
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = LiveSettings();
    }
    void requestStop() { state_ = kStop; }
    void requestPause() {
        int expected = kRun;
        state_.compare_exchange_strong(expected, kPause);
    }
    void requestResume() {
        int expected = kPause;
        state_.compare_exchange_strong(expected, kRun);
    }
    // While paused: let exactly one more training step run, then stay paused.
    void requestStep() {
        if (state_ == kPause) ++stepsAllowed_;
    }
    bool stopRequested() const { return state_ == kStop; }
    bool paused() const { return state_ == kPause; }

    // A pause after every training step, so a lecture can watch the masks change (0: none).
    void setStepDelayMs(int ms) { stepDelayMs_ = ms < 0 ? 0 : ms; }
    int stepDelayMs() const { return stepDelayMs_; }

    // Settings for the next step; a later request for the same setting replaces an earlier one.
    void requestSettings(const LiveSettings& s) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto merge = [](std::optional<double>& into, const std::optional<double>& from) {
            if (from) into = from;
        };
        merge(pending_.lr, s.lr);
        merge(pending_.lrMask, s.lrMask);
        merge(pending_.alpha, s.alpha);
        merge(pending_.beta, s.beta);
        merge(pending_.temperature, s.temperature);
    }
    // The engine's side: the settings requested since the last call (empty when none).
    LiveSettings takeSettings() {
        std::lock_guard<std::mutex> lock(mutex_);
        LiveSettings s = pending_;
        pending_ = LiveSettings();
        return s;
    }

    // Blocks while paused (unless a single step was requested) and for the step delay; returns
    // false when a stop was requested.
    bool waitWhilePaused() {
        for (int waited = 0; state_ == kRun && waited < stepDelayMs_; waited += 10)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        while (state_ == kPause) {
            int allowed = stepsAllowed_;
            if (allowed > 0 && stepsAllowed_.compare_exchange_strong(allowed, allowed - 1)) {
                singleStep_ = true;
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return state_ != kStop;
    }
    // Whether the step just let through was a single step (then the engine reports it at once).
    bool takeSingleStep() { return singleStep_.exchange(false); }

  private:
    static constexpr int kRun = 0, kPause = 1, kStop = 2;
    std::atomic<int> state_{kRun};
    std::atomic<int> stepsAllowed_{0};
    std::atomic<bool> singleStep_{false};
    std::atomic<int> stepDelayMs_{0};
    std::mutex mutex_;
    LiveSettings pending_;
};

}  // namespace nemo
