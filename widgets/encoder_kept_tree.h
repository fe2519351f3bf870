// The neurons a Transformer module keeps, grouped by encoder: one row per encoder with its
// attention and MLP neurons kept of all, which opens to the encoder's layers, and a last row for
// the whole model. The CNNs' per-layer table stays in ModuleResults.
#pragma once

#include <QTreeWidget>
#include <vector>

#include "encoder_layers.h"
#include "nemo/modules.h"

class EncoderKeptTree : public QTreeWidget {
    Q_OBJECT
  public:
    explicit EncoderKeptTree(QWidget* parent = nullptr);

    // False (and empty) when the layers are not all encoder parts.
    bool setLayers(const std::vector<nemo::LayerKeep>& layers);
    // Column texts for tests: encoder row `encoderRow` (the last row is the total), or with
    // layerRow >= 0 one of its layers.
    QString text(int encoderRow, int column, int layerRow = -1) const;

  private:
    void fitHeight();
};
