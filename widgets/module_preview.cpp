#include "module_preview.h"

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

std::vector<int64_t> ModulePreview::keptPerLayer(const std::vector<int>& classes) const {
    std::vector<int64_t> kept;
    int64_t begin = 0;
    for (int64_t width : layerWidths) {
        int64_t n = 0;
        for (int64_t j = begin; j < begin + width; ++j) {
            bool any = false;
            for (int c : classes) any = any || masks.get(c, j);
            n += any;
        }
        kept.push_back(n);
        begin += width;
    }
    return kept;
}
