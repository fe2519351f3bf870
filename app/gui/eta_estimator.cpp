#include "eta_estimator.h"

void EtaEstimator::reset() {
    *this = EtaEstimator();
}

double EtaEstimator::update(double seconds, long long done, long long total) {
    const bool countedAfresh = done < lastDone_;  // a resumed run starts from its checkpoint
    lastDone_ = done;
    if (!started_ || countedAfresh) {
        started_ = true;
        startSeconds_ = seconds;
        startDone_ = done;
        pausedTotal_ = 0;
        return -1;
    }
    const double trained = seconds - startSeconds_ - pausedTotal_;
    const long long steps = done - startDone_;
    if (steps <= 0 || trained < 1.0) return -1;
    const long long left = total > done ? total - done : 0;
    return trained / double(steps) * double(left);
}

void EtaEstimator::pause(double seconds) {
    if (pausedSince_ < 0) pausedSince_ = seconds;
}

void EtaEstimator::resume(double seconds) {
    if (pausedSince_ < 0) return;
    if (started_) pausedTotal_ += seconds - pausedSince_;
    pausedSince_ = -1;
}
