// Charts of a `nemo study` (scatter of modules with their means and 95% intervals, grouped bars)
// written as PNG files for a report or a lecture. Plain C++ on cairo, no LibTorch or Qt, so the
// CLI and the GUI can both call it; an engine built without cairo still links and says so.
#pragma once

#include <string>
#include <vector>

namespace nemo {

struct PlotPoint {
    double x = 0, y = 0;
};

// One method's data: its individual points drawn small and faint, and (when hasMean) its mean
// drawn as a large marker with 95% confidence-interval error bars in x and y (half-widths; NaN or
// 0 = no bar). Points with a NaN coordinate are skipped.
struct PlotSeries {
    std::string name;  // legend text, e.g. "NeMo"; "standard", "nemo", "mwt" get fixed colours
    std::vector<PlotPoint> points;
    bool hasMean = false;
    double meanX = 0, meanY = 0, ciX = 0, ciY = 0;
};

struct ScatterPlotSpec {
    std::string title, xLabel, yLabel;
    std::vector<PlotSeries> series;
    bool hasReferenceY = false;  // a dashed horizontal line, e.g. y = 0
    double referenceY = 0;
    std::string referenceLabel;     // legend text of the line; empty: "y = VALUE"
    int width = 960, height = 640;  // <= 0: the default; kept within 240x180 .. 8000x8000
    // Pixels per unit of width and height: 2 gives a sharp image for print at the same layout.
    double scale = 1;
    // Grey lines under the legend that say what the two kinds of marks are; empty = left out.
    // Each shows only when some series has such marks.
    std::string pointsNote = "small dots: individual values";
    std::string meanNote = "large marker: mean \u00b1 95% CI";
};

// One group of bars (e.g. "module accuracy - standard (pt)"), one bar per series with a 95% CI
// whisker.
struct BarGroup {
    std::string label;
    std::vector<double> values;  // one per series name; NaN (or missing) = no bar, shown as "n/a"
    std::vector<double> ci;      // half-widths; NaN/0 = no whisker
};

struct BarChartSpec {
    std::string title, yLabel;
    std::vector<std::string> seriesNames;
    std::vector<BarGroup> groups;
    int width = 960, height = 640;
    double scale = 1;        // as in ScatterPlotSpec
    int valueDecimals = -1;  // decimals of the value labels; -1: 2, or fewer for values >= 100
};

// False when the engine was built without cairo (then the write functions throw).
bool plotsAvailable();

// Write the chart as a PNG (through PATH.tmp, renamed to PATH, so a reader never sees half a
// file); throw std::runtime_error naming the path on failure (e.g. unwritable folder).
void writeScatterPng(const ScatterPlotSpec& spec, const std::string& path);
void writeBarChartPng(const BarChartSpec& spec, const std::string& path);

}  // namespace nemo
