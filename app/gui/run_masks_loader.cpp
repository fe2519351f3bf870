#include "run_masks_loader.h"

#include <QThread>

#include "metatypes.h"
#include "nemo/trainer.h"

RunMasksLoader::RunMasksLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<nemo::HeatmapFrame>();
}

RunMasksLoader::~RunMasksLoader() {
    for (QThread* thread : threads_) thread->wait();
}

void RunMasksLoader::load(const QString& runDir) {
    QThread* thread = QThread::create([this, runDir] {
        try {
            // Emitted from this thread; the receivers live in the GUI thread (queued).
            emit loaded(runDir, nemo::heatmapFromRun(runDir.toStdString()));
        } catch (const std::exception& e) {
            emit failed(runDir, QString::fromStdString(e.what()));
        }
    });
    thread->setParent(this);
    threads_.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        threads_.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
}
