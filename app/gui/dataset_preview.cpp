#include "dataset_preview.h"

#include "nemo/dataset.h"
#include "sample_image.h"

DatasetPreviewLoader::DatasetPreviewLoader(QObject* parent) : QObject(parent) {
    connect(&thread_, &WorkerThread::finished, this, [this] {
        current_ = result_;
        emit ready(current_);
        startNext();
    });
}

DatasetPreviewLoader::~DatasetPreviewLoader() {
    // Here, while result_ and the names still exist: a read still running writes into them
    // (members are destroyed before thread_, which is declared first, would wait for it).
    thread_.wait();
}

bool DatasetPreviewLoader::busy() const {
    return thread_.isRunning();
}

DatasetPreview DatasetPreviewLoader::read(const QString& name, const QString& dataDir,
                                          int samplesPerClass) {
    DatasetPreview p;
    p.name = name;
    p.dataDir = dataDir;
    try {
        const nemo::Dataset data = nemo::loadDataset(name.toStdString(), dataDir.toStdString());
        const int classes = data.info.numClasses();
        p.channels = data.train.channels;
        p.height = data.train.height;
        p.width = data.train.width;
        for (const auto& n : data.info.classNames) p.classNames << QString::fromStdString(n);
        const auto picked = firstSamplesPerClass(data.train, classes, samplesPerClass);
        for (const auto& indices : picked) {
            QList<QImage> images;
            for (int64_t i : indices) images << sampleImage(data.train, i);
            p.samples << images;
        }
        for (int64_t n : nemo::classCounts(data.train, classes)) p.trainCounts << n;
        for (int64_t n : nemo::classCounts(data.test, classes)) p.testCounts << n;
    } catch (const std::exception& e) {
        p.error = QString::fromStdString(e.what());
    }
    return p;
}

void DatasetPreviewLoader::request(const QString& name, const QString& dataDir) {
    if (busy()) {
        if (name == loadingName_ && dataDir == loadingDir_) {
            pending_ = false;
        } else {
            pendingName_ = name;
            pendingDir_ = dataDir;
            pending_ = true;
        }
        return;
    }
    if (!current_.name.isEmpty() && current_.name == name && current_.dataDir == dataDir) {
        emit ready(current_);
        return;
    }
    loadingName_ = name;
    loadingDir_ = dataDir;
    emit loading(name);
    thread_.start([this, name, dataDir] { result_ = read(name, dataDir, kSamplesPerClass); });
}

void DatasetPreviewLoader::startNext() {
    if (!pending_) return;
    pending_ = false;
    request(pendingName_, pendingDir_);
}
