// Time left in a training, from the pace of the steps seen so far. The naive estimate (elapsed
// time x steps left / steps done) counts start-up (reading the dataset, building the model) and
// pauses as training, so it starts far too high and jumps after every pause; this one measures
// from the first reported step and leaves paused time out. Plain C++, so it is easy to test.
#pragma once

class EtaEstimator {
  public:
    void reset();
    // A progress report at wall time `seconds`: `done` of `total` steps. Returns the estimated
    // seconds left, or -1 while there is too little to go on (fewer than two reports, or under
    // a second of training between them).
    double update(double seconds, long long done, long long total);
    // Time between pause() and resume() is not training time. A new pace (the speed control)
    // starts a new measurement: call reset().
    void pause(double seconds);
    void resume(double seconds);

  private:
    bool started_ = false;
    double startSeconds_ = 0;
    long long startDone_ = 0;
    long long lastDone_ = 0;
    double pausedSince_ = -1;
    double pausedTotal_ = 0;
};
