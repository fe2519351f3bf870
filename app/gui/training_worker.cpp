#include "training_worker.h"

namespace {

// Forwards engine callbacks (worker thread) as Qt signals (delivered queued in the GUI thread).
class SignalObserver : public nemo::TrainingObserver {
  public:
    explicit SignalObserver(TrainingWorker* worker) : worker_(worker) {}
    void onMetrics(const nemo::MetricsEvent& e) override { emit worker_->metrics(e); }
    void onHeatmap(const nemo::HeatmapFrame& f) override { emit worker_->heatmap(f); }
    void onMessage(const std::string& text) override {
        emit worker_->message(QString::fromStdString(text));
    }

  private:
    TrainingWorker* worker_;
};

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<nemo::MetricsEvent>();
    qRegisterMetaType<nemo::HeatmapFrame>();
    connect(&thread_, &WorkerThread::finished, this, &TrainingWorker::reportEnd);
}

TrainingWorker::~TrainingWorker() {
    stopAndWait();
}

void TrainingWorker::start(const nemo::TrainConfig& config, bool resumeRun) {
    if (isRunning()) return;
    const int delay = control_.stepDelayMs();  // the chosen pace carries over to the next run
    control_.reset();
    control_.setStepDelayMs(delay);
    result_ = {};
    failure_.clear();
    thread_.start(
        [this, config, resumeRun] {
            SignalObserver observer(this);
            result_ = nemo::train(config, &observer, &control_, resumeRun);
        },
        [this](const std::exception& e) { failure_ = QString::fromStdString(e.what()); });
}

void TrainingWorker::reportEnd() {
    if (!failure_.isEmpty())
        emit failed(failure_);
    else
        emit finished(result_.stopped, result_.testAccuracy, result_.retention);
}

void TrainingWorker::stopAndWait() {
    control_.requestStop();
    thread_.wait();
}
