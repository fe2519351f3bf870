#include "training_worker.h"

#include "nemo/trainer.h"

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
}

TrainingWorker::~TrainingWorker() {
    stopAndWait();
}

void TrainingWorker::start(const nemo::TrainConfig& config, bool resumeRun) {
    if (isRunning()) return;
    const int delay = control_.stepDelayMs();  // the chosen pace carries over to the next run
    control_.reset();
    control_.setStepDelayMs(delay);
    delete thread_;
    thread_ = QThread::create([this, config, resumeRun] {
        SignalObserver observer(this);
        try {
            nemo::TrainResult r = nemo::train(config, &observer, &control_, resumeRun);
            emit finished(r.stopped, r.testAccuracy, r.retention);
        } catch (const std::exception& e) {
            emit failed(QString::fromStdString(e.what()));
        }
    });
    thread_->start();
}

void TrainingWorker::stopAndWait() {
    if (!thread_) return;
    control_.requestStop();
    thread_->wait();
}
