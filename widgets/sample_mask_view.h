// The Neurons tab's per-sample view: pick a probe image (class, then which of its images), see
// the image and its mask value for every neuron of every masked layer on the same fixed [0, 1]
// colour scale as the class heatmap: one strip per layer, or for Transformers one strip per
// encoder with its attention and MLP parts side by side (mask_strips.h).
#pragma once

#include <QWidget>
#include <vector>

#include "mask_strips.h"
#include "nemo/heatmap_frame.h"

class QComboBox;
class QCPColorMap;
class QCustomPlot;
class QLabel;
class QSpinBox;

class SampleMaskView : public QWidget {
    Q_OBJECT
  public:
    explicit SampleMaskView(QWidget* parent = nullptr);

    void setFrame(const nemo::HeatmapFrame& frame);
    // The column order of each layer's strip (order[column] = neuron), as the class heatmap
    // sorts it; empty: neurons in their own order.
    void setNeuronOrders(const std::vector<std::vector<int>>& orders);
    // The neuron drawn at `column` of a layer's strip.
    int neuronAtColumn(int layer, int column) const;
    // Shows image `index` (1-based) of class `classId`; returns false when there is none.
    bool showSample(int classId, int index);
    int sample() const { return sample_; }  // index into the probe set, -1 when none
    int sampleCount() const;
    // What is drawn, for tests: row = layer, column = neuron.
    double cell(int layer, int neuron) const;
    // What is drawn at strip `row`, `column` (the strips' own order), for tests.
    double drawnAt(int row, int column) const;
    QString axisLabel() const;
    QString summary() const;  // the active-neuron counts under the image
    QString readout() const;
    const MaskStrips& strips() const { return strips_; }
    // The hover read-out at strip `row`, column `column`, as moving the mouse there shows it.
    void showValueAtCell(int row, int column);

  private:
    void redraw();
    void showValueAt(const QPointF& pixel);
    void updateIndexRange();
    void updateStrips();
    QString activeSummary() const;

    nemo::HeatmapFrame frame_;
    std::vector<std::vector<int>> byClass_;  // probe indices of each class
    std::vector<std::vector<int>> orders_;   // per layer, see setNeuronOrders
    MaskStrips strips_;
    int sample_ = -1;
    QComboBox* classBox_;
    QSpinBox* indexBox_;
    QLabel* image_;
    QLabel* summary_;
    QLabel* readout_;
    QCustomPlot* plot_;
    QCPColorMap* map_;
};
