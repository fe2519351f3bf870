#include "plot_export.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QPageSize>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>
#include <memory>

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

// Draws the plots one under the other from `top` on an open painter (vector devices keep them
// vector).
void drawStacked(QCPPainter* painter, const QList<QCustomPlot*>& plots, int width, int top) {
    int y = top;
    for (QCustomPlot* p : plots) {
        painter->save();
        painter->translate(0, y);
        p->toPainter(painter, width, plotSize(p).height());
        painter->restore();
        y += plotSize(p).height();
    }
}

QString writeFailed(const QString& path, const QString& why) {
    return ExportText::tr("Could not write %1 (%2). Check that the folder exists and is writable.")
        .arg(path, why);
}

// One picture of `body` (drawn by `draw` below the title band) into `path`: PNG at twice the
// size (sharp in slides), SVG, or PDF where allowed, by suffix. Written through QSaveFile, so
// the file is complete or left as it was.
bool paintToFile(const QString& path, QSize body, const QString& title, bool allowPdf,
                 const std::function<void(QCPPainter*, int top)>& draw, QString* error) {
    if (body.width() < 10 || body.height() < 10) {
        if (error) *error = ExportText::tr("There is nothing to export yet.");
        return false;
    }
    const int top = title.isEmpty() ? 0 : kTitleHeight;
    const QSize size(body.width(), body.height() + top);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != "png" && suffix != "svg" && !(allowPdf && suffix == "pdf")) {
        if (error)
            *error =
                allowPdf
                    ? ExportText::tr("Unknown file type \"%1\": use .png, .pdf or .svg.")
                          .arg(suffix)
                    : ExportText::tr("Unknown file type \"%1\": use .png or .svg.").arg(suffix);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = writeFailed(path, file.errorString());
        return false;
    }
    bool ok = false;
    if (suffix == "png") {
        const int scale = 2;
        QImage image(size * scale, QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            painter.scale(scale, scale);
            drawTitle(&painter, title, size.width());
            draw(&painter, top);
        }
        ok = image.save(&file, "PNG");
    } else {
        // Vector output: the painter must be done with the device before the file commits.
        std::unique_ptr<QPaintDevice> device;
        if (suffix == "pdf") {
            auto writer = std::make_unique<QPdfWriter>(&file);
            writer->setResolution(72);  // one unit = one point: the page is the picture's size
            writer->setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
            writer->setPageMargins(QMarginsF(0, 0, 0, 0));
            writer->setCreator(QCoreApplication::applicationName());
            device = std::move(writer);
        } else {
            auto svg = std::make_unique<QSvgGenerator>();
            svg->setOutputDevice(&file);
            svg->setSize(size);
            svg->setViewBox(QRect(QPoint(0, 0), size));
            svg->setTitle(title.isEmpty() ? ExportText::tr("NeMo Workbench training curves")
                                          : title);
            device = std::move(svg);
        }
        QCPPainter painter;
        ok = painter.begin(device.get());
        if (ok) {
            painter.setMode(QCPPainter::pmVectorized);
            drawTitle(&painter, title, size.width());
            draw(&painter, top);
            ok = painter.end();
        }
    }
    if (ok) ok = file.commit();
    if (!ok && error) *error = writeFailed(path, file.errorString());
    return ok;
}

}  // namespace

bool exportPlots(const QList<QCustomPlot*>& plots, const QString& path, QString* error,
                 const QString& title) {
    const QSize size = stackedSize(plots);
    return paintToFile(
        path, size, title, true,
        [&](QCPPainter* painter, int top) { drawStacked(painter, plots, size.width(), top); },
        error);
}

bool exportWidget(QWidget* widget, const QString& path, QString* error, const QString& title) {
    return paintToFile(
        path, widget->size(), title, false,
        [&](QCPPainter* painter, int top) { widget->render(painter, QPoint(0, top)); }, error);
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
    if (error) *error = writeFailed(path, file.errorString());
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

QString exportFileName(const QString& title, const QString& fallback, const QString& what) {
    QString name = title.isEmpty() ? fallback : title;
    name.replace(QStringLiteral(" · "), QStringLiteral("-")).replace(' ', '_');
    return name + "-" + what;
}

QPushButton* makeExportButton(QWidget* owner, const QString& objectName, const QString& tooltip,
                              const QString& caption, bool offerPdf,
                              const std::function<QString()>& suggestedName,
                              const std::function<bool(const QString&, QString*)>& write) {
    auto* button = new QPushButton(ExportText::tr("Export..."), owner);
    button->setObjectName(objectName);
    button->setToolTip(tooltip);
    QObject::connect(button, &QPushButton::clicked, owner,
                     [=] { exportWithDialog(owner, caption, suggestedName(), offerPdf, write); });
    return button;
}
