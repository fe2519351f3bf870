// Where the per-image view draws each masked layer's masks. CNNs: one strip (row) per layer, all
// starting at column 0, as the view always drew them. Transformers: one strip per encoder with its
// parts side by side (attention query, key, value, output, then the MLP's two layers), so that
// eighteen layers of vit_tiny read as three comparable encoders.
#pragma once

#include <QStringList>
#include <vector>

#include "encoder_layers.h"

struct MaskStrips {
    struct Place {
        int row = 0;
        int offset = 0;  // first column of the layer in its strip
    };
    struct Span {
        int begin = 0, end = 0;  // columns [begin, end)
        QString label;
    };
    std::vector<Place> places;  // per layer
    int rows = 0;
    int width = 1;  // columns of the widest strip
    QStringList rowLabels;
    // Transformers whose strips share one part layout (every masked encoder has the same parts):
    // the parts and the attention / MLP blocks along a strip, for the axes. Empty otherwise.
    std::vector<Span> parts;
    std::vector<Span> blocks;

    // The layer and neuron drawn at (row, column); false where nothing is.
    bool locate(int row, int column, int* layer, int* neuron) const;
};

MaskStrips layoutStrips(const QStringList& layerNames, const std::vector<int>& widths);
