#include "sample_image.h"

#include <QPixmap>
#include <algorithm>

QImage sampleImage(const nemo::ImageSet& set, int64_t i) {
    const int w = set.width, h = set.height;
    const int64_t plane = int64_t(w) * h;
    const uint8_t* px = set.image(i);
    if (set.channels == 3) {
        QImage img(w, h, QImage::Format_RGB888);
        for (int y = 0; y < h; ++y) {
            uchar* line = img.scanLine(y);
            for (int x = 0; x < w; ++x)
                for (int c = 0; c < 3; ++c) line[3 * x + c] = px[c * plane + y * w + x];
        }
        return img;
    }
    QImage img(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) std::copy(px + y * w, px + (y + 1) * w, img.scanLine(y));
    return img;
}

std::vector<std::vector<int64_t>> firstSamplesPerClass(const nemo::ImageSet& set, int classes,
                                                       int perClass) {
    std::vector<std::vector<int64_t>> picked(std::max(classes, 0));
    int full = 0;
    for (int64_t i = 0; i < set.size() && full < classes; ++i) {
        const int64_t c = set.labels[size_t(i)];
        if (c < 0 || c >= classes || int(picked[c].size()) >= perClass) continue;
        picked[c].push_back(i);
        if (int(picked[c].size()) == perClass) ++full;
    }
    return picked;
}

QPixmap crispPixmap(const QImage& image, int size) {
    if (image.isNull()) return {};
    const int factor = std::max(1, size / std::max(image.width(), image.height()));
    return QPixmap::fromImage(image.scaled(image.width() * factor, image.height() * factor,
                                           Qt::KeepAspectRatio, Qt::FastTransformation));
}
