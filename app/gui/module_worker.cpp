#include "module_worker.h"

#include "nemo/trainer.h"

namespace {

// Engine callbacks (worker thread) as Qt signals (delivered queued in the GUI thread).
class ModuleObserver : public nemo::TrainingObserver {
  public:
    explicit ModuleObserver(ModuleWorker* worker) : worker_(worker) {}
    void onMessage(const std::string& text) override {
        emit worker_->message(QString::fromStdString(text));
    }
    void onMetrics(const nemo::MetricsEvent& e) override {
        if (e.phase == "finetune") emit worker_->fineTuneEpoch(e.epoch + 1, e.epochs, e.accuracy);
    }

  private:
    ModuleWorker* worker_;
};

}  // namespace

ModuleWorker::ModuleWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<nemo::ExtractResult>();
    // The outcome is reported once the thread has ended, so a receiver may start the next job.
    connect(&thread_, &WorkerThread::finished, this, [this] {
        const std::function<void()> report = std::move(report_);
        report_ = nullptr;
        if (report) report();
    });
}

ModuleWorker::~ModuleWorker() {
    stopAndWait();
}

void ModuleWorker::run(std::function<void()> job) {
    if (isRunning()) return;
    control_.reset();
    report_ = nullptr;
    thread_.start(std::move(job), [this](const std::exception& e) {
        // A requested stop ends the engine with an exception too; it is no failure.
        if (control_.stopRequested()) {
            report_ = [this] { emit stopped(); };
        } else {
            const QString reason = QString::fromStdString(e.what());
            report_ = [this, reason] { emit failed(reason); };
        }
    });
}

void ModuleWorker::startModularize(const nemo::ModularizeOptions& options) {
    run([this, options] {
        ModuleObserver observer(this);
        const nemo::ModularizeResult r = nemo::modularize(options, &observer, &control_);
        report_ = [this, threshold = r.threshold] { emit modularized(threshold); };
    });
}

void ModuleWorker::startExtract(const nemo::ExtractOptions& options) {
    run([this, options] {
        ModuleObserver observer(this);
        const nemo::ExtractResult r = nemo::extractModule(options, &observer, &control_);
        report_ = [this, r] { emit extracted(r); };
    });
}

void ModuleWorker::stopAndWait() {
    control_.requestStop();
    thread_.wait();
}
