// One background job at a time on a thread of its own. The workers that call the engine
// (training, modularize and extract, a run's masks, the dataset preview) share it, so starting a
// job, reporting its exception and waiting for it when the window closes live in one place.
#pragma once

#include <QObject>
#include <exception>
#include <functional>

class QThread;

class WorkerThread : public QObject {
    Q_OBJECT
  public:
    explicit WorkerThread(QObject* parent = nullptr);
    ~WorkerThread() override;  // waits for a running job

    // From start() until finished() is emitted.
    bool isRunning() const { return busy_; }
    // Runs `job` on a new thread, unless a job still runs (then nothing happens and it returns
    // false). An exception escaping `job` goes to `onError`, on the worker thread; signals the
    // job or onError emit reach GUI-thread receivers queued, before finished().
    bool start(std::function<void()> job,
               std::function<void(const std::exception&)> onError = nullptr);
    // Blocks until the job's thread has ended (finished() still follows from the event loop).
    void wait();

  signals:
    // In the thread that owns this object, once the job's thread has ended, so a receiver may
    // start() the next job at once. (QThread::finished comes just before its thread ends: a
    // start from there used to be refused.)
    void finished();

  private:
    QThread* thread_ = nullptr;
    bool busy_ = false;
};
