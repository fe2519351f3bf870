// Class x neuron heatmap of mean mask values for one masked layer at a time, fixed colour scale
// [0, 1] (viridis), neurons optionally sorted by the class that uses them most, hover read-out;
// below it the per-sample view (one probe image's masks).
#pragma once

#include <QWidget>

#include "nemo/heatmap_frame.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QCustomPlot;
class QCPColorMap;
class SampleMaskView;

class HeatmapView : public QWidget {
    Q_OBJECT
  public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setFrame(const nemo::HeatmapFrame& frame);
    void setLayer(int index);
    void setSortByClass(bool sort);

    // What is drawn, for tests: cell (neuron column, class row) of the shown layer.
    double cell(int column, int classId) const;
    int layerCount() const { return int(frame_.layers.size()); }
    QString readout() const;  // the hover read-out text
    QCustomPlot* plot() const { return plot_; }
    SampleMaskView* sampleView() const { return samples_; }
    const nemo::HeatmapFrame& frame() const { return frame_; }
    // The neuron shown in a column (sorting reorders columns).
    int neuronAt(int column) const { return order_.empty() ? column : order_[column]; }

  private:
    void redraw();
    void showValueAt(const QPointF& pixel);

    nemo::HeatmapFrame frame_;
    int layer_ = 0;
    bool sortByClass_ = true;
    std::vector<int> order_;
    QComboBox* layerBox_;
    QCheckBox* sortBox_;
    QLabel* readout_;
    QLabel* caption_;
    QCustomPlot* plot_;
    QCPColorMap* map_;
    SampleMaskView* samples_;
};
