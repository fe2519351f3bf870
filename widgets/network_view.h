// The Network tab: the model drawn as its masked layers, each neuron a cell coloured by the class
// that uses it most (its mean mask on the probe images), paler where that use is weak. With
// classes ticked in the Modules tab the cells their module keeps stay coloured and the rest turn
// grey. Clicking a neuron shows how much every class uses it and the probe images that switch it
// on most. Fed with the same frames as the Neurons tab.
#pragma once

#include <QColor>
#include <QRect>
#include <QWidget>
#include <vector>

#include "nemo/heatmap_frame.h"

class QLabel;
class QScrollArea;
class NetworkCanvas;

// The colour of class c (matplotlib's tab10 for the first ten, then evenly spaced hues).
QColor classColour(int classId, int classes);

class NetworkView : public QWidget {
    Q_OBJECT
  public:
    explicit NetworkView(QWidget* parent = nullptr);

    void setFrame(const nemo::HeatmapFrame& frame);
    void clear(const QString& message);
    // The units a module keeps, per layer (kept[l][unit]), for the layers named; empty: none.
    // `description` says which classes' module it is.
    void setModuleHighlight(const QStringList& layerNames,
                            const std::vector<std::vector<bool>>& kept, const QString& description);

    // As a click on the cell does: shows the neuron's per-class use and its top probe images.
    void selectNeuron(int layer, int unit);
    int selectedLayer() const { return selectedLayer_; }
    int selectedUnit() const { return selectedUnit_; }
    QString details() const;
    // The probe images shown for the selected neuron, most active first.
    const std::vector<int>& topImages() const { return topImages_; }

    // For tests: the class that uses a neuron most (-1: none uses it), the drawn colour, and
    // where the cell is (in canvas coordinates).
    int ownerOf(int layer, int unit) const;
    QColor cellColour(int layer, int unit) const;
    QRect cellRect(int layer, int unit) const;
    QWidget* canvas() const;
    const nemo::HeatmapFrame& frame() const { return frame_; }
    bool isKept(int layer, int unit) const;
    bool hasHighlight() const { return !kept_.empty(); }
    void setExportTitle(const QString& title) { exportTitle_ = title; }
    // The drawing as PNG or SVG (titled with the run), or every neuron as CSV (layer, neuron,
    // class, mean_mask of that class, kept by the framed module: 1/0, empty without one).
    bool exportTo(const QString& path, QString* error) const;

  private:
    friend class NetworkCanvas;
    void layoutCells();
    void updateDetails();

    nemo::HeatmapFrame frame_;
    std::vector<std::vector<int>> owners_;   // per layer, per unit
    std::vector<std::vector<int>> orders_;   // per layer: drawing order (by owner)
    std::vector<std::vector<QRect>> cells_;  // per layer, per unit
    std::vector<QRect> layerBoxes_;
    std::vector<std::vector<bool>> kept_;  // per layer (frame order); empty: no highlight
    QStringList keptLayers_;
    std::vector<std::vector<bool>> keptByName_;
    QString keptDescription_;
    QString exportTitle_;
    int selectedLayer_ = -1, selectedUnit_ = -1;
    std::vector<int> topImages_;
    QSize canvasSize_;

    QLabel* caption_;
    QLabel* legend_;
    QLabel* highlight_;
    NetworkCanvas* canvas_;
    QScrollArea* scroll_;
    QLabel* details_;
    QWidget* imagesBox_;
};
