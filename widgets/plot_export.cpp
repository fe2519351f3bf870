#include "plot_export.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <qcustomplot.h>

namespace {

struct ExportText {
    Q_DECLARE_TR_FUNCTIONS(PlotExport)
};

// A plot never shown (a test, a script) has no size yet: draw it at a sensible default.
QSize plotSize(const QCustomPlot* p) {
    return p->width() > 10 && p->height() > 10 ? p->size() : QSize(800, 260);
}

QSize stackedSize(const QList<QCustomPlot*>& plots) {
    QSize size(0, 0);
    for (QCustomPlot* p : plots) {
        size.setWidth(qMax(size.width(), plotSize(p).width()));
        size.setHeight(size.height() + plotSize(p).height());
    }
    return size;
}

// Draws the plots one under the other on an open painter (vector devices keep them vector).
void drawStacked(QCPPainter* painter, const QList<QCustomPlot*>& plots, int width) {
    int y = 0;
    for (QCustomPlot* p : plots) {
        painter->save();
        painter->translate(0, y);
        p->toPainter(painter, width, plotSize(p).height());
        painter->restore();
        y += plotSize(p).height();
    }
}

}  // namespace

bool exportPlots(const QList<QCustomPlot*>& plots, const QString& path, QString* error) {
    const QSize size = stackedSize(plots);
    if (plots.isEmpty() || size.isEmpty()) {
        if (error) *error = ExportText::tr("There is nothing to export yet.");
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == "png") {
        const int scale = 2;  // sharp on high-density screens and in slides
        QImage image(size * scale, QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            painter.scale(scale, scale);
            drawStacked(&painter, plots, size.width());
        }
        ok = image.save(path, "PNG");
    } else if (suffix == "pdf") {
        QPdfWriter writer(path);
        writer.setResolution(72);  // one device unit = one point: the page is the plot's size
        writer.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setCreator(QCoreApplication::applicationName());
        QCPPainter painter;
        ok = painter.begin(&writer);
        if (ok) {
            painter.setMode(QCPPainter::pmVectorized);
            drawStacked(&painter, plots, size.width());
            ok = painter.end();
        }
    } else if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(ExportText::tr("NeMo Workbench training curves"));
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            painter.setMode(QCPPainter::pmVectorized);
            drawStacked(&painter, plots, size.width());
            ok = painter.end();
        }
    } else {
        if (error)
            *error =
                ExportText::tr("Unknown file type \"%1\": use .png, .pdf or .svg.").arg(suffix);
        return false;
    }
    if (!ok && error)
        *error = ExportText::tr(
                     "Could not write %1. Check that the folder exists and is "
                     "writable.")
                     .arg(path);
    return ok;
}
