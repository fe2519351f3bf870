#include "module_preview.h"

#include <algorithm>
#include <cmath>

#include "nemo/module_masks.h"

ModulePreview previewModules(const ModularFrequencies& f, double threshold) {
    ModulePreview p;
    p.threshold = threshold;
    p.layerWidths = f.layerWidths;
    p.masks = nemo::moduleMasks(f.frequencies, f.layerWidths, threshold);
    const int classes = int(p.masks.rows());
    for (int c = 0; c < classes; ++c)
        p.classRetention.push_back(double(p.masks.rowCount(c)) / double(p.masks.cols()));
    p.retention = nemo::moduleRetention(p.masks);
    p.coupling = nemo::moduleCoupling(p.masks);
    p.overlap.assign(classes, std::vector<double>(classes, NAN));
    for (int a = 0; a < classes; ++a) {
        for (int b = a; b < classes; ++b) {
            int64_t inter = 0, uni = 0;
            nemo::intersectionAndUnion(p.masks.row(a), p.masks.row(b), p.masks.wordsPerRow(),
                                       &inter, &uni);
            const double j = uni > 0 ? double(inter) / double(uni) : NAN;
            p.overlap[a][b] = p.overlap[b][a] = j;
        }
    }
    return p;
}

std::vector<std::vector<bool>> ModulePreview::keptUnits(const std::vector<int>& classes) const {
    std::vector<std::vector<bool>> kept;
    int64_t begin = 0;
    for (int64_t width : layerWidths) {
        std::vector<bool> layer(size_t(width), false);
        for (int64_t j = 0; j < width; ++j)
            for (int c : classes)
                if (c >= 0 && c < masks.rows() && masks.get(c, begin + j)) layer[size_t(j)] = true;
        kept.push_back(std::move(layer));
        begin += width;
    }
    return kept;
}

std::vector<int64_t> ModulePreview::keptPerLayer(const std::vector<int>& classes) const {
    std::vector<int64_t> counts;
    for (const std::vector<bool>& layer : keptUnits(classes))
        counts.push_back(std::count(layer.begin(), layer.end(), true));
    return counts;
}
