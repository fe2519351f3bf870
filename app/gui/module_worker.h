// Runs the engine's modularize() and extractModule() in their own thread and reports through
// queued signals, so the Modules tab stays responsive during minutes of work. Extraction stops
// between two fine-tuning steps through the engine's ControlToken; modularization cannot be
// stopped (it is one pass over the training images).
#pragma once

#include <QObject>
#include <QThread>
#include <functional>

#include "metatypes.h"
#include "nemo/modules.h"
#include "nemo/training_observer.h"

class ModuleWorker : public QObject {
    Q_OBJECT
  public:
    explicit ModuleWorker(QObject* parent = nullptr);
    ~ModuleWorker() override;

    bool isRunning() const { return thread_ && thread_->isRunning(); }

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

    QThread* thread_ = nullptr;
    nemo::ControlToken control_;
};
