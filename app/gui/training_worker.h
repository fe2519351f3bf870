// Runs the engine's training loop in its own thread and reports back through queued signals, so
// the GUI thread never waits on it. Pause, resume and stop go through the engine's ControlToken.
#pragma once

#include <QObject>

#include "metatypes.h"
#include "nemo/train_config.h"
#include "nemo/trainer.h"
#include "nemo/training_observer.h"
#include "worker_thread.h"

class TrainingWorker : public QObject {
    Q_OBJECT
  public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // From start() until finished() or failed() has been emitted.
    bool isRunning() const { return thread_.isRunning(); }
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
    // Once the training thread has ended (a new run may start at once).
    void finished(bool stopped, double testAccuracy, double retention);
    void failed(const QString& reason);

  private:
    void reportEnd();

    WorkerThread thread_;
    nemo::ControlToken control_;
    // Written by the training thread, read once it has ended.
    nemo::TrainResult result_;
    QString failure_;
};
