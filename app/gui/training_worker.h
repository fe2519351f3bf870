// Runs the engine's training loop in its own thread and reports back through queued signals, so
// the GUI thread never waits on it. Pause, resume and stop go through the engine's ControlToken.
#pragma once

#include <QObject>
#include <QThread>

#include "metatypes.h"
#include "nemo/train_config.h"
#include "nemo/training_observer.h"

class TrainingWorker : public QObject {
    Q_OBJECT
  public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    bool isRunning() const { return thread_ && thread_->isRunning(); }
    bool isPaused() const { return control_.paused(); }

  public slots:
    void start(const nemo::TrainConfig& config, bool resume);
    void pause() { control_.requestPause(); }
    void resume() { control_.requestResume(); }
    void stop() { control_.requestStop(); }
    // While paused: one more training step, reported at once (metrics and heatmap).
    void step() { control_.requestStep(); }
    // A pause after every step, so the masks can be watched changing (0: full speed).
    void setStepDelayMs(int ms) { control_.setStepDelayMs(ms); }
    int stepDelayMs() const { return control_.stepDelayMs(); }
    // Learning rates and loss weights for the next step of the running training.
    void changeSettings(const nemo::LiveSettings& settings) { control_.requestSettings(settings); }
    // Stops and waits for the thread; the last finished epoch's checkpoint is kept.
    void stopAndWait();

  signals:
    void metrics(const nemo::MetricsEvent& event);
    void heatmap(const nemo::HeatmapFrame& frame);
    void message(const QString& text);
    void finished(bool stopped, double testAccuracy, double retention);
    void failed(const QString& reason);

  private:
    QThread* thread_ = nullptr;
    nemo::ControlToken control_;
};
