// Saves several QCustomPlots stacked into one picture: PNG (raster), PDF and SVG (vector; SVG
// through QSvgGenerator, which QCustomPlot lacks). The format follows the file's suffix.
#pragma once

#include <QList>
#include <QString>

class QCustomPlot;

// Each plot is drawn at its on-screen size, one under the other. Returns false and says why
// (unknown suffix, unwritable file).
bool exportPlots(const QList<QCustomPlot*>& plots, const QString& path, QString* error);
