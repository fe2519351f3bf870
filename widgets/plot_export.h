// Saves several QCustomPlots stacked into one picture: PNG (raster), PDF and SVG (vector; SVG
// through QSvgGenerator, which QCustomPlot lacks). The format follows the file's suffix.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

class QCustomPlot;
class QPushButton;
class QWidget;

// Each plot is drawn at its on-screen size, one under the other, under `title` (run, method and
// model, so a figure says where it comes from) when one is given. Returns false and says why
// (unknown suffix, unwritable file).
bool exportPlots(const QList<QCustomPlot*>& plots, const QString& path, QString* error,
                 const QString& title = {});

// A widget as it is drawn on screen (tables, panels), under `title`: PNG or SVG.
bool exportWidget(QWidget* widget, const QString& path, QString* error, const QString& title = {});

// A table as CSV (RFC 4180 quoting), written atomically: the file is complete or untouched.
bool writeCsv(const QString& path, const QStringList& header, const QList<QStringList>& rows,
              QString* error);

// The views' Export... button: asks for a file (PNG, SVG, optionally PDF, CSV), appends the
// suffix of the chosen filter when the name has none, calls `write` and reports a failure.
void exportWithDialog(QWidget* parent, const QString& caption, const QString& suggestedName,
                      bool offerPdf, const std::function<bool(const QString&, QString*)>& write);

// A file name for an export: the title ("NeMo · minivgg · run-1") made file-friendly, or
// `fallback` without one, then "-" and what it holds ("neurons").
QString exportFileName(const QString& title, const QString& fallback, const QString& what);

// The views' "Export..." button, which opens exportWithDialog with the name suggestedName()
// gives at the time of the click.
QPushButton* makeExportButton(QWidget* owner, const QString& objectName, const QString& tooltip,
                              const QString& caption, bool offerPdf,
                              const std::function<QString()>& suggestedName,
                              const std::function<bool(const QString&, QString*)>& write);
