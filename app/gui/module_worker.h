// Runs the engine's modularize() and extractModule() in their own thread and reports through
// queued signals, so the Modules tab stays responsive during minutes of work. Both stop through
// the engine's ControlToken: modularization after the current batch of its pass over the
// training images (nothing is written then), extraction between two fine-tuning steps.
#pragma once

#include <QObject>
#include <functional>

#include "metatypes.h"
#include "nemo/modules.h"
#include "nemo/training_observer.h"
#include "worker_thread.h"

class ModuleWorker : public QObject {
    Q_OBJECT
  public:
    explicit ModuleWorker(QObject* parent = nullptr);
    ~ModuleWorker() override;

    // From a start until its outcome (modularized, extracted, stopped or failed) is emitted.
    bool isRunning() const { return thread_.isRunning(); }

  public slots:
    void startModularize(const nemo::ModularizeOptions& options);
    void startExtract(const nemo::ExtractOptions& options);
    void stop() { control_.requestStop(); }
    void stopAndWait();

  signals:
    void message(const QString& text);
    // A fine-tuning epoch ended (epoch counts from 1) with this validation accuracy.
    void fineTuneEpoch(int epoch, int epochs, double validationAccuracy);
    void modularized(double threshold);
    void extracted(const nemo::ExtractResult& result);
    void stopped();
    void failed(const QString& reason);

  private:
    void run(std::function<void()> job);

    WorkerThread thread_;
    nemo::ControlToken control_;
    // The job's outcome as a signal to emit, set on the worker thread and run once it has ended.
    std::function<void()> report_;
};
