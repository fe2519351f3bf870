// The few facts about a dataset that the Data and Modules tabs show (class names, counts, the
// first samples of each class), read in a background thread: reading 70,000 images takes about a
// second, which the window must not freeze for. The whole pixel array is dropped afterwards.
#pragma once

#include <QImage>
#include <QList>
#include <QObject>
#include <QStringList>

#include "worker_thread.h"

struct DatasetPreview {
    QString name, dataDir;
    QString error;  // what went wrong and what to do; empty when loaded
    QStringList classNames;
    QList<QList<QImage>> samples;  // per class, its first training images
    QList<qint64> trainCounts, testCounts;
    int channels = 0, height = 0, width = 0;
    bool ok() const { return error.isEmpty() && !classNames.isEmpty(); }
};

// Reads DatasetPreview values for one dataset at a time; a request for another dataset while one
// loads is served after it (only the latest such request counts).
class DatasetPreviewLoader : public QObject {
    Q_OBJECT
  public:
    explicit DatasetPreviewLoader(QObject* parent = nullptr);
    ~DatasetPreviewLoader() override;

    static constexpr int kSamplesPerClass = 8;

    // Emits ready() once the dataset is read (at once when it is the one already read).
    void request(const QString& name, const QString& dataDir = {});
    bool busy() const;
    const DatasetPreview& current() const { return current_; }

    // Reads synchronously (the background thread's job; tests use it directly).
    static DatasetPreview read(const QString& name, const QString& dataDir, int samplesPerClass);

  signals:
    void loading(const QString& name);
    void ready(const DatasetPreview& preview);

  private:
    void startNext();

    WorkerThread thread_;
    DatasetPreview current_, result_;
    QString loadingName_, loadingDir_;
    QString pendingName_, pendingDir_;
    bool pending_ = false;
};
