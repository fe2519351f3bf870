// Computes the Neurons tab's frame for a run on disk in a background thread: loading the run and
// one forward pass over the probe images take a second or two, too long for the GUI thread.
#pragma once

#include <QObject>
#include <QString>

#include "nemo/heatmap_frame.h"

class RunMasksLoader : public QObject {
    Q_OBJECT
  public:
    explicit RunMasksLoader(QObject* parent = nullptr);
    ~RunMasksLoader() override;  // waits for loads still running

    // Starts computing the frame of the run's newest checkpoint; `loaded` or `failed` follows.
    void load(const QString& runDir);

  signals:
    void loaded(const QString& runDir, const nemo::HeatmapFrame& frame);
    void failed(const QString& runDir, const QString& reason);
};
