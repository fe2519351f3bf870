// Class x neuron heatmap of mean mask values for one masked layer at a time, fixed colour scale
// [0, 1] (viridis), neurons optionally sorted by the class that uses them most, hover read-out;
// below it the per-sample view (one probe image's masks). Transformer layers are listed by
// encoder, under a header per encoder, and the caption says whether they are attention or MLP
// neurons (encoder_layers.h).
#pragma once

#include <QWidget>

#include "encoder_layers.h"
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
    // No frame: an empty view that says why (e.g. a standard run has no masks).
    void clear(const QString& message);
    void setLayer(int index);
    void setSortByClass(bool sort);
    // For two views side by side: no per-image panel, a short sort switch.
    void setCompact(bool compact);
    // Names the shown run in exported figures (e.g. "NeMo · minivgg · run-20261203").
    void setExportTitle(const QString& title) { exportTitle_ = title; }
    // The shown layer as PNG, SVG or PDF (titled with the run and layer), or every layer's
    // class x neuron means as CSV (layer, class, neuron, column, mean_mask), by suffix.
    bool exportTo(const QString& path, QString* error) const;

    // What is drawn, for tests: cell (neuron column, class row) of the shown layer.
    double cell(int column, int classId) const;
    int layerCount() const { return int(frame_.layers.size()); }
    int currentLayer() const { return layer_; }
    // The layer list: one entry per layer, and for Transformers a disabled header per encoder.
    QComboBox* layerSelector() const { return layerBox_; }
    QString caption() const;
    QString readout() const;  // the hover read-out text
    QCustomPlot* plot() const { return plot_; }
    SampleMaskView* sampleView() const { return samples_; }
    const nemo::HeatmapFrame& frame() const { return frame_; }
    // The neuron shown in a column (sorting reorders columns).
    int neuronAt(int column) const { return order_.empty() ? column : order_[column]; }

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void fitPlotToClasses();
    void fillLayerSelector();
    void updateCaption();
    QString layerTitle(int layer) const;  // as the selector and read-out name it
    void redraw();
    void showValueAt(const QPointF& pixel);

    nemo::HeatmapFrame frame_;
    EncoderLayout encoders_;  // byEncoder false for CNNs
    int layer_ = 0;
    bool sortByClass_ = true;
    std::vector<int> order_;
    QComboBox* layerBox_;
    QCheckBox* sortBox_;
    QWidget* sampleBox_;
    QLabel* readout_;
    QLabel* caption_;
    QCustomPlot* plot_;
    QCPColorMap* map_;
    SampleMaskView* samples_;
    QString exportTitle_;
};
