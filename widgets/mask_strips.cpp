#include "mask_strips.h"

#include <algorithm>

namespace {

// The parts of one encoder's strip, in drawing order, with their columns.
std::vector<MaskStrips::Span> partSpans(const EncoderLayout& layout, const EncoderGroup& group,
                                        const std::vector<int>& widths) {
    std::vector<MaskStrips::Span> spans;
    int column = 0;
    for (int l : group.layers) {
        const int w = widths[size_t(l)];
        spans.push_back({column, column + w, layout.parts[size_t(l)].part});
        column += w;
    }
    return spans;
}

bool sameSpans(const std::vector<MaskStrips::Span>& a, const std::vector<MaskStrips::Span>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].label != b[i].label)
            return false;
    return true;
}

}  // namespace

MaskStrips layoutStrips(const QStringList& layerNames, const std::vector<int>& widths) {
    MaskStrips s;
    const int layers = std::min(int(layerNames.size()), int(widths.size()));
    s.places.resize(size_t(layers));
    const EncoderLayout layout = groupByEncoder(layerNames.mid(0, layers));
    if (!layout.byEncoder) {
        s.rows = layers;
        for (int l = 0; l < layers; ++l) {
            s.places[size_t(l)] = {l, 0};
            s.width = std::max(s.width, widths[size_t(l)]);
            s.rowLabels << layerNames[l];
        }
        return s;
    }
    s.rows = int(layout.encoders.size());
    std::vector<MaskStrips::Span> shared;
    bool allSame = true;
    for (int r = 0; r < s.rows; ++r) {
        const EncoderGroup& g = layout.encoders[size_t(r)];
        const std::vector<MaskStrips::Span> spans = partSpans(layout, g, widths);
        for (size_t i = 0; i < g.layers.size(); ++i)
            s.places[size_t(g.layers[i])] = {r, spans[i].begin};
        if (!spans.empty()) s.width = std::max(s.width, spans.back().end);
        s.rowLabels << EncoderNames::encoder(g.encoder);
        if (r == 0)
            shared = spans;
        else
            allSame = allSame && sameSpans(shared, spans);
    }
    if (!allSame) return s;  // no common axis to label
    for (const MaskStrips::Span& span : shared) {
        const EncoderBlock block = blockOf(span.label);
        s.parts.push_back({span.begin, span.end, EncoderNames::shortPart(span.label)});
        const QString blockName = EncoderNames::block(block);
        if (!s.blocks.empty() && s.blocks.back().label == blockName)
            s.blocks.back().end = span.end;
        else
            s.blocks.push_back({span.begin, span.end, blockName});
    }
    return s;
}

bool MaskStrips::locate(int row, int column, int* layer, int* neuron) const {
    for (size_t l = 0; l < places.size(); ++l) {
        if (places[l].row != row || column < places[l].offset) continue;
        // The next layer of the same strip starts where this one ends.
        int end = width;
        for (size_t k = 0; k < places.size(); ++k)
            if (places[k].row == row && places[k].offset > places[l].offset)
                end = std::min(end, places[k].offset);
        if (column >= end) continue;
        *layer = int(l);
        *neuron = column - places[l].offset;
        return true;
    }
    return false;
}
