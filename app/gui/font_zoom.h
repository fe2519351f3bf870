// Presenter mode's text size: scales the fonts of a window and everything in it, the plots'
// axes and legends included (QCustomPlot keeps fonts of its own that a widget font does not
// reach). Scaling is always from the sizes first seen, so zooming in and out never drifts.
#pragma once

class QWidget;

void applyFontZoom(QWidget* root, double factor);
