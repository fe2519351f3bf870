#include "font_zoom.h"

#include <QWidget>

#include <qcustomplot.h>

namespace {

// The unzoomed font of an object, remembered in a property the first time it is zoomed.
QFont baseFont(QObject* owner, const char* key, const QFont& current) {
    const QVariant saved = owner->property(key);
    if (saved.isValid()) return saved.value<QFont>();
    owner->setProperty(key, current);
    return current;
}

QFont zoomed(QFont font, double factor) {
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else if (font.pixelSize() > 0)
        font.setPixelSize(qMax(1, qRound(font.pixelSize() * factor)));
    return font;
}

void zoomPlot(QCustomPlot* plot, double factor) {
    int i = 0;
    for (QCPAxis* axis : plot->axisRect() ? plot->axisRect()->axes() : QList<QCPAxis*>()) {
        const QByteArray label = "nemoLabelFont" + QByteArray::number(i);
        const QByteArray ticks = "nemoTickFont" + QByteArray::number(i++);
        axis->setLabelFont(zoomed(baseFont(plot, label, axis->labelFont()), factor));
        axis->setTickLabelFont(zoomed(baseFont(plot, ticks, axis->tickLabelFont()), factor));
    }
    // Colour scales have axes of their own.
    for (int e = 0; e < plot->plotLayout()->elementCount(); ++e) {
        auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(e));
        if (!scale) continue;
        QCPAxis* axis = scale->axis();
        axis->setLabelFont(zoomed(baseFont(scale, "nemoLabelFont", axis->labelFont()), factor));
        axis->setTickLabelFont(
            zoomed(baseFont(scale, "nemoTickFont", axis->tickLabelFont()), factor));
    }
    plot->legend->setFont(zoomed(baseFont(plot, "nemoLegendFont", plot->legend->font()), factor));
    plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace

void applyFontZoom(QWidget* root, double factor) {
    // The plots first: widgets that size themselves by their plot's fonts (the heatmap's rows)
    // do so when the widget font change reaches them.
    for (QCustomPlot* plot : root->findChildren<QCustomPlot*>()) zoomPlot(plot, factor);
    root->setFont(zoomed(baseFont(root, "nemoFont", root->font()), factor));
}
