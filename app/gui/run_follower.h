// Reads a run folder's metrics.jsonl and keeps reading what is appended to it, so the workbench
// shows runs that a headless `nemo train` wrote, or is still writing.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include "metatypes.h"

class RunFollower : public QObject {
    Q_OBJECT
  public:
    explicit RunFollower(QObject* parent = nullptr);

    // Starts at the beginning of RUN/metrics.jsonl; returns false (and says why) when the folder
    // holds no run.
    bool open(const QString& runDir, QString* error = nullptr);
    void stop();
    QString runDir() const { return runDir_; }
    bool following() const { return timer_.isActive(); }

    // Reads complete new lines now (also called by the timer every 500 ms).
    void poll();

  signals:
    void metrics(const nemo::MetricsEvent& event);

  private:
    QString runDir_;
    qint64 offset_ = 0;
    QByteArray partial_;  // a line still being written
    QTimer timer_;
};
