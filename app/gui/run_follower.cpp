#include "run_follower.h"

#include <QDir>
#include <QFile>

#include "nemo/run_folder.h"

RunFollower::RunFollower(QObject* parent) : QObject(parent) {
    timer_.setInterval(500);
    connect(&timer_, &QTimer::timeout, this, &RunFollower::poll);
}

bool RunFollower::open(const QString& runDir, QString* error) {
    stop();
    if (!nemo::RunFolder(runDir.toStdString()).hasConfig()) {
        if (error) *error = tr("%1 is not a run folder: it has no config.json.").arg(runDir);
        return false;
    }
    runDir_ = runDir;
    offset_ = 0;
    partial_.clear();
    poll();
    timer_.start();
    return true;
}

void RunFollower::stop() {
    timer_.stop();
}

void RunFollower::poll() {
    // Read incrementally (offset_): the trainer appends while the window follows.
    QFile file(QString::fromStdString(nemo::RunFolder(runDir_.toStdString()).metricsPath()));
    if (!file.open(QIODevice::ReadOnly)) return;
    if (file.size() < offset_) {  // rewritten (a resumed run drops unfinished epochs): start over
        offset_ = 0;
        partial_.clear();
    }
    file.seek(offset_);
    const QByteArray chunk = file.readAll();
    offset_ += chunk.size();
    partial_ += chunk;
    int start = 0;
    for (int nl = partial_.indexOf('\n'); nl >= 0; nl = partial_.indexOf('\n', start)) {
        const QByteArray line = partial_.mid(start, nl - start);
        start = nl + 1;
        nemo::MetricsEvent event;
        if (!line.trimmed().isEmpty() && nemo::fromJsonLine(line.toStdString(), &event))
            emit metrics(event);
    }
    partial_.remove(0, start);
}
