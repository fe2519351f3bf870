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
}

ModuleWorker::~ModuleWorker() {
    stopAndWait();
}

void ModuleWorker::run(std::function<void()> job) {
    if (isRunning()) return;
    control_.reset();
    delete thread_;
    thread_ = QThread::create([this, job] {
        try {
            job();
        } catch (const std::exception& e) {
            // A requested stop ends the engine with an exception too; it is no failure.
            if (control_.stopRequested())
                emit stopped();
            else
                emit failed(QString::fromStdString(e.what()));
        }
    });
    thread_->start();
}

void ModuleWorker::startModularize(const nemo::ModularizeOptions& options) {
    run([this, options] {
        ModuleObserver observer(this);
        const nemo::ModularizeResult r = nemo::modularize(options, &observer, &control_);
        emit modularized(r.threshold);
    });
}

void ModuleWorker::startExtract(const nemo::ExtractOptions& options) {
    run([this, options] {
        ModuleObserver observer(this);
        const nemo::ExtractResult r = nemo::extractModule(options, &observer, &control_);
        emit extracted(r);
    });
}

void ModuleWorker::stopAndWait() {
    if (!thread_) return;
    control_.requestStop();
    thread_->wait();
}
