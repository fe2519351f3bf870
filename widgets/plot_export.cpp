#include "plot_export.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

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

// The title band above an exported figure.
constexpr int kTitleHeight = 30;

QFont titleFont() {
    QFont font;
    font.setPointSizeF(11);
    font.setBold(true);
    return font;
}

void drawTitle(QPainter* painter, const QString& title, int width) {
    if (title.isEmpty()) return;
    painter->save();
    painter->setFont(titleFont());
    painter->setPen(Qt::black);
    painter->drawText(QRect(8, 0, width - 16, kTitleHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      title);
    painter->restore();
}

// Draws the plots one under the other on an open painter (vector devices keep them vector).
void drawStacked(QCPPainter* painter, const QList<QCustomPlot*>& plots, int width,
                 const QString& title) {
    drawTitle(painter, title, width);
    int y = title.isEmpty() ? 0 : kTitleHeight;
    for (QCustomPlot* p : plots) {
        painter->save();
        painter->translate(0, y);
        p->toPainter(painter, width, plotSize(p).height());
        painter->restore();
        y += plotSize(p).height();
    }
}

}  // namespace

bool exportPlots(const QList<QCustomPlot*>& plots, const QString& path, QString* error,
                 const QString& title) {
    QSize size = stackedSize(plots);
    if (!title.isEmpty() && !size.isEmpty()) size.setHeight(size.height() + kTitleHeight);
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
            drawStacked(&painter, plots, size.width(), title);
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
            drawStacked(&painter, plots, size.width(), title);
            ok = painter.end();
        }
    } else if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title.isEmpty() ? ExportText::tr("NeMo Workbench training curves") : title);
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            painter.setMode(QCPPainter::pmVectorized);
            drawStacked(&painter, plots, size.width(), title);
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

bool exportWidget(QWidget* widget, const QString& path, QString* error, const QString& title) {
    const QSize body = widget->size();
    if (body.width() < 10 || body.height() < 10) {
        if (error) *error = ExportText::tr("There is nothing to export yet.");
        return false;
    }
    const QSize size(body.width(), body.height() + (title.isEmpty() ? 0 : kTitleHeight));
    const QPoint offset(0, title.isEmpty() ? 0 : kTitleHeight);
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == "png") {
        const int scale = 2;
        QImage image(size * scale, QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.scale(scale, scale);
            drawTitle(&painter, title, size.width());
            widget->render(&painter, offset);
        }
        ok = image.save(path, "PNG");
    } else if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title);
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            drawTitle(&painter, title, size.width());
            widget->render(&painter, offset);
            ok = painter.end();
        }
    } else {
        if (error)
            *error = ExportText::tr("Unknown file type \"%1\": use .png or .svg.").arg(suffix);
        return false;
    }
    if (!ok && error)
        *error = ExportText::tr(
                     "Could not write %1. Check that the folder exists and is "
                     "writable.")
                     .arg(path);
    return ok;
}

namespace {

QString csvField(const QString& text) {
    if (!text.contains(',') && !text.contains('"') && !text.contains('\n') && !text.contains('\r'))
        return text;
    QString quoted = text;
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
}

}  // namespace

bool writeCsv(const QString& path, const QStringList& header, const QList<QStringList>& rows,
              QString* error) {
    QSaveFile file(path);
    auto line = [&](const QStringList& fields) {
        QStringList quoted;
        for (const QString& f : fields) quoted << csvField(f);
        file.write((quoted.join(',') + "\n").toUtf8());
    };
    if (file.open(QIODevice::WriteOnly)) {
        line(header);
        for (const QStringList& row : rows) line(row);
        if (file.commit()) return true;
    }
    if (error)
        *error = ExportText::tr(
                     "Could not write %1 (%2). Check that the folder exists and is "
                     "writable.")
                     .arg(path, file.errorString());
    return false;
}

void exportWithDialog(QWidget* parent, const QString& caption, const QString& suggestedName,
                      bool offerPdf, const std::function<bool(const QString&, QString*)>& write) {
    const QString png = ExportText::tr("PNG image (*.png)"),
                  svg = ExportText::tr("SVG drawing (*.svg)"),
                  pdf = ExportText::tr("PDF document (*.pdf)"),
                  csv = ExportText::tr("CSV table (*.csv)");
    QStringList filters{png, svg};
    if (offerPdf) filters << pdf;
    filters << csv;
    QString filter = png;
    QString path =
        QFileDialog::getSaveFileName(parent, caption, suggestedName, filters.join(";;"), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == svg ? ".svg" : filter == pdf ? ".pdf" : filter == csv ? ".csv" : ".png";
    QString error;
    if (!write(path, &error)) QMessageBox::warning(parent, ExportText::tr("Export failed"), error);
}
