#include "worker_thread.h"

#include <QThread>

WorkerThread::WorkerThread(QObject* parent) : QObject(parent) {}

WorkerThread::~WorkerThread() {
    wait();
}

bool WorkerThread::start(std::function<void()> job,
                         std::function<void(const std::exception&)> onError) {
    if (busy_) return false;
    busy_ = true;
    // deleteLater: start() may be called from a receiver of the previous thread's finished().
    if (thread_ != nullptr) thread_->deleteLater();
    QThread* thread = QThread::create([job = std::move(job), onError = std::move(onError)] {
        try {
            job();
        } catch (const std::exception& e) {
            if (onError) onError(e);
        }
    });
    thread_ = thread;
    connect(thread, &QThread::finished, this, [this, thread] {
        thread->wait();  // returns at once: the thread is ending
        busy_ = false;
        emit finished();
    });
    thread->start();
    return true;
}

void WorkerThread::wait() {
    if (thread_ != nullptr) thread_->wait();
}
