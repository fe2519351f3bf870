#include "run_masks_loader.h"

#include "metatypes.h"
#include "nemo/trainer.h"
#include "worker_thread.h"

RunMasksLoader::RunMasksLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<nemo::HeatmapFrame>();
}

RunMasksLoader::~RunMasksLoader() {
    // Here, while this object is whole: a load still running emits on it. ~WorkerThread waits.
    qDeleteAll(findChildren<WorkerThread*>(QString(), Qt::FindDirectChildrenOnly));
}

void RunMasksLoader::load(const QString& runDir) {
    // One thread per load: opening another run while one loads does not wait for it; receivers
    // tell the frames apart by runDir.
    auto* load = new WorkerThread(this);
    connect(load, &WorkerThread::finished, load, &QObject::deleteLater);
    load->start(
        [this, runDir] {
            // Emitted from the worker thread; the receivers live in the GUI thread (queued).
            emit loaded(runDir, nemo::heatmapFromRun(runDir.toStdString()));
        },
        [this, runDir](const std::exception& e) {
            emit failed(runDir, QString::fromStdString(e.what()));
        });
}
