// Colour scales shared by the heatmaps, so "1.0" looks the same on every tab.
#pragma once

#include <qcustomplot.h>

// Debian's QCustomPlot 2.1.0 has no gpViridis: the same stops, by hand. Perceptually uniform and
// readable by colour-blind users, which matters when cells are compared by colour alone.
inline QCPColorGradient viridisGradient() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(68, 1, 84));
    g.setColorStopAt(0.25, QColor(59, 82, 139));
    g.setColorStopAt(0.5, QColor(33, 145, 140));
    g.setColorStopAt(0.75, QColor(94, 201, 98));
    g.setColorStopAt(1.0, QColor(253, 231, 37));
    return g;
}
