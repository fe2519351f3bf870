#include "study/study_plot.h"

#include <stdexcept>

#if defined(NEMO_HAVE_CAIRO) && NEMO_HAVE_CAIRO
#define NEMO_PLOTS_WITH_CAIRO 1
#include <cairo.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#endif

namespace nemo {
namespace {

#ifdef NEMO_PLOTS_WITH_CAIRO

constexpr double kPi = 3.14159265358979323846;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sizes in pixels (at scale 1) and points of the font.
constexpr double kEdge = 14;  // free border of the image
constexpr double kTitleFont = 18;
constexpr double kAxisLabelFont = 14;
constexpr double kTickFont = 12;
constexpr double kLegendFont = 13;
constexpr double kNoteFont = 11;
constexpr double kValueFont = 11;
constexpr double kTickLength = 5;
constexpr double kSampleWidth = 30;   // the marker or swatch in front of a legend text
constexpr double kLegendGap = 18;     // between the plot area and a legend on its right
constexpr double kPointRadius = 3.2;  // an individual value
constexpr double kMeanRadius = 7;     // a mean marker

struct Rgb {
    double r = 0, g = 0, b = 0;
};

constexpr Rgb hexColour(unsigned hex) {
    return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}

Rgb darker(const Rgb& c, double factor = 0.7) {
    return {c.r * factor, c.g * factor, c.b * factor};
}

const Rgb kText = hexColour(0x222222);
const Rgb kMuted = hexColour(0x6b6b6b);
const Rgb kAxisColour = hexColour(0x555555);
const Rgb kGrid = hexColour(0xe4e4e4);
const Rgb kWhite = hexColour(0xffffff);

// matplotlib's tab10, which readers of ML papers know; the study's methods own three of its
// colours so that a method looks the same in every chart of a report.
const unsigned kPalette[10] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                               0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
constexpr int kNeMoColour = 0, kMwTColour = 1, kStandardColour = 7;

// Mean markers differ in shape too, so a chart printed in grey or read by a colour-blind reader
// still tells the methods apart.
enum class Shape { Circle, Square, TriangleUp, Diamond, TriangleDown };
constexpr Shape kShapes[] = {Shape::Circle, Shape::Square, Shape::TriangleUp, Shape::Diamond,
                             Shape::TriangleDown};
constexpr int kShapeCount = 5;

struct Style {
    Rgb colour;
    Shape shape = Shape::Circle;
};

std::string methodKey(const std::string& name) {
    size_t begin = 0, end = name.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(name[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(name[end - 1]))) --end;
    std::string key = name.substr(begin, end - begin);
    for (char& ch : key) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return key;
}

// Picks the first free entry from `next` on (all taken: `next` itself) and marks it taken.
int takeFree(std::vector<bool>& taken, int& next) {
    const int count = int(taken.size());
    int pick = next % count;
    for (int step = 0; step < count; ++step) {
        const int candidate = (next + step) % count;
        if (!taken[candidate]) {
            pick = candidate;
            break;
        }
    }
    taken[pick] = true;
    next = pick + 1;
    return pick;
}

std::vector<Style> seriesStyles(const std::vector<std::string>& names) {
    std::vector<Style> styles(names.size());
    std::vector<bool> known(names.size(), false);
    std::vector<bool> colourTaken(10, false), shapeTaken(kShapeCount, false);
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string key = methodKey(names[i]);
        int colour = -1, shape = -1;
        if (key == "nemo") colour = kNeMoColour, shape = 0;
        if (key == "mwt") colour = kMwTColour, shape = 2;
        if (key == "standard") colour = kStandardColour, shape = 1;
        if (colour < 0) continue;
        styles[i] = {hexColour(kPalette[colour]), kShapes[shape]};
        known[i] = colourTaken[colour] = shapeTaken[shape] = true;
    }
    // Other series skip the methods' colours, so no series is mistaken for one of them.
    int nextColour = 0, nextShape = 0;
    for (size_t i = 0; i < names.size(); ++i) {
        if (known[i]) continue;
        styles[i].colour = hexColour(kPalette[takeFree(colourTaken, nextColour)]);
        styles[i].shape = kShapes[takeFree(shapeTaken, nextShape)];
    }
    return styles;
}

// ---- numbers and axes ----

double halfWidth(double ci) {
    return std::isfinite(ci) && ci > 0 ? ci : 0;
}

struct Extent {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool empty() const { return !(lo <= hi); }
};

// The data extent widened by `margin` of its span on each side, so no mark sits on the frame. A
// single value (all points identical) gets a span around it, so the axis still has ticks.
Extent padded(Extent e, double margin) {
    if (e.empty()) return {0, 1};
    const double span = e.hi - e.lo;
    const double size = std::max(std::abs(e.lo), std::abs(e.hi));
    if (!(span > 1e-9 * std::max(1.0, size))) {
        const double half = e.lo != 0 ? std::abs(e.lo) * 0.05 : 1;
        return {e.lo - half, e.hi + half};
    }
    return {e.lo - span * margin, e.hi + span * margin};
}

struct Axis {
    double lo = 0, hi = 1, step = 0.2;
    std::vector<double> ticks;
    // Maps a value to pixels: lo to pxLo, hi to pxHi (pxHi < pxLo for a y axis).
    double px(double v, double pxLo, double pxHi) const {
        return pxLo + (v - lo) / (hi - lo) * (pxHi - pxLo);
    }
};

// A step of 1, 2 or 5 times a power of ten giving about `target` intervals over `span`.
double niceStep(double span, int target) {
    const double raw = span / std::max(1, target);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
}

Axis makeAxis(double lo, double hi, int target) {
    Axis axis;
    axis.lo = lo;
    axis.hi = hi;
    axis.step = niceStep(hi - lo, target);
    const double first = std::ceil(lo / axis.step - 1e-9) * axis.step;
    for (int i = 0; i < 60; ++i) {
        double t = first + i * axis.step;
        if (!(t <= hi + axis.step * 1e-9)) break;
        if (std::abs(t) < axis.step * 1e-9) t = 0;  // not "-0.0" from rounding
        axis.ticks.push_back(t);
    }
    return axis;
}

// A typographic minus: "-" is a hyphen and looks too short beside digits.
std::string withMinus(std::string text) {
    if (!text.empty() && text[0] == '-') text.replace(0, 1, "\u2212");
    return text;
}

std::string formatFixed(double v, int decimals) {
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;  // no "-0.00"
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return withMinus(buffer);
}

std::string tickLabel(double v, double step) {
    if (std::abs(v) >= 1e7 || step < 1e-5) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%g", v);
        return withMinus(buffer);
    }
    // Exactly the decimals the step needs: 0.5 -> 1, 0.05 -> 2, 20 -> 0.
    return formatFixed(v, std::max(0, int(-std::floor(std::log10(step) + 1e-9))));
}

// The shortest exact-enough form: 0, 1.5, 0.001, 1e+09.
std::string shortNumber(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", v == 0 ? 0.0 : v);
    return withMinus(buffer);
}

// ---- drawing ----

struct Rect {
    double left = 0, top = 0, right = 0, bottom = 0;
    double width() const { return right - left; }
    double height() const { return bottom - top; }
};

// A 1-unit line centred on a pixel row or column is sharp; one on a pixel border is two grey
// pixels.
double crisp(double v) {
    return std::floor(v) + 0.5;
}

class Canvas {
  public:
    explicit Canvas(cairo_t* cr) : cr_(cr) {}
    cairo_t* cr() const { return cr_; }

    void font(double size, bool bold = false) {
        cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
        cairo_font_extents(cr_, &extents_);
        cairo_text_extents_t capital;
        cairo_text_extents(cr_, "H", &capital);
        capHeight_ = capital.height;
    }
    double lineHeight() const { return extents_.ascent + extents_.descent; }
    double ascent() const { return extents_.ascent; }
    double capHeight() const { return capHeight_; }
    double width(const std::string& text) const {
        cairo_text_extents_t e;
        cairo_text_extents(cr_, text.c_str(), &e);
        return e.x_advance;
    }

    void colour(const Rgb& c, double alpha = 1) {
        cairo_set_source_rgba(cr_, c.r, c.g, c.b, alpha);
    }

    // One line with its baseline at y; align 0 puts its left end at x, 0.5 its middle, 1 its
    // right end.
    void text(const std::string& line, double x, double baseline, double align = 0) {
        cairo_move_to(cr_, x - align * width(line), baseline);
        cairo_show_text(cr_, line.c_str());
    }
    // Centred vertically on y by the capital height, which is what the eye lines up with a tick.
    void textMiddle(const std::string& line, double x, double y, double align) {
        text(line, x, y + capHeight_ / 2, align);
    }
    // Reads bottom to top, centred on (x, y) both ways.
    void textUp(const std::string& line, double x, double y) {
        cairo_save(cr_);
        cairo_translate(cr_, x, y);
        cairo_rotate(cr_, -kPi / 2);
        textMiddle(line, 0, 0, 0.5);
        cairo_restore(cr_);
    }

    // Greedy word wrap in the current font; a single word wider than maxWidth keeps its line.
    std::vector<std::string> wrap(const std::string& text, double maxWidth) const {
        std::vector<std::string> lines;
        std::string line, word;
        auto flushWord = [&] {
            if (word.empty()) return;
            const std::string joined = line.empty() ? word : line + " " + word;
            if (!line.empty() && width(joined) > maxWidth) {
                lines.push_back(line);
                line = word;
            } else {
                line = joined;
            }
            word.clear();
        };
        for (char ch : text) {
            if (ch == ' ' || ch == '\n') {
                flushWord();
                if (ch == '\n') lines.push_back(line), line.clear();
            } else {
                word += ch;
            }
        }
        flushWord();
        if (!line.empty() || lines.empty()) lines.push_back(line);
        return lines;
    }

    void line(double x0, double y0, double x1, double y1) {
        cairo_move_to(cr_, x0, y0);
        cairo_line_to(cr_, x1, y1);
        cairo_stroke(cr_);
    }

  private:
    cairo_t* cr_;
    cairo_font_extents_t extents_{};
    double capHeight_ = 0;
};

void shapePath(cairo_t* cr, Shape shape, double x, double y, double r) {
    switch (shape) {
        case Shape::Circle:
            cairo_new_sub_path(cr);
            cairo_arc(cr, x, y, r, 0, 2 * kPi);
            break;
        case Shape::Square: {
            const double h = r * 0.88;  // the same area as the circle, near enough
            cairo_rectangle(cr, x - h, y - h, 2 * h, 2 * h);
            break;
        }
        case Shape::Diamond: {
            const double h = r * 1.25;
            cairo_move_to(cr, x, y - h);
            cairo_line_to(cr, x + h, y);
            cairo_line_to(cr, x, y + h);
            cairo_line_to(cr, x - h, y);
            cairo_close_path(cr);
            break;
        }
        case Shape::TriangleUp:
        case Shape::TriangleDown: {
            const double h = r * 1.3, sign = shape == Shape::TriangleUp ? 1 : -1;
            cairo_move_to(cr, x, y - sign * h);
            cairo_line_to(cr, x + h * 0.866, y + sign * h * 0.5);
            cairo_line_to(cr, x - h * 0.866, y + sign * h * 0.5);
            cairo_close_path(cr);
            break;
        }
    }
}

void faintPoint(Canvas& c, const Rgb& colour, double x, double y) {
    cairo_new_path(c.cr());
    cairo_arc(c.cr(), x, y, kPointRadius, 0, 2 * kPi);
    c.colour(colour, 0.42);
    cairo_fill(c.cr());
}

void meanMarker(Canvas& c, const Style& style, double x, double y, double r = kMeanRadius) {
    cairo_new_path(c.cr());
    shapePath(c.cr(), style.shape, x, y, r);
    c.colour(style.colour);
    cairo_fill_preserve(c.cr());
    c.colour(hexColour(0x000000));
    cairo_set_line_width(c.cr(), 1.3);
    cairo_stroke(c.cr());
}

// Title lines centred at the top; returns the y below them.
double drawTitle(Canvas& c, const std::string& title, double width) {
    if (title.empty()) return kEdge;
    c.font(kTitleFont, true);
    c.colour(kText);
    double y = kEdge;
    for (const std::string& line : c.wrap(title, width - 2 * kEdge)) {
        c.text(line, width / 2, y + c.ascent(), 0.5);
        y += c.lineHeight();
    }
    return y + 8;
}

// ---- legend ----

struct LegendEntry {
    std::string text;
    // Draws the entry's sample in [x, x + kSampleWidth] centred on y; empty: a grey note line.
    std::function<void(Canvas&, double x, double y)> sample;
};

// Beside the plot on the right when it fits, else above it; never over the data.
struct Legend {
    std::vector<LegendEntry> entries;
    bool onTop = false;
    double width = 0;      // on the right: room it takes from the image width
    double height = 0;     // on top: room it takes from the image height
    double textWidth = 0;  // on the right: wrap width of the entries' text
    double noteWidth = 0;  // on the right: wrap width of the notes (which have no sample)
    std::vector<std::vector<size_t>> rows;  // on top: entries per row
    std::vector<double> rowWidths;
    std::vector<std::string> noteLines;  // on top: the notes, joined and wrapped
};

double entryHeight(Canvas& c, const LegendEntry& entry, double textWidth) {
    const auto lines = c.wrap(entry.text, textWidth);
    return std::max(lines.size() * c.lineHeight(), 18.0) + 6;
}

void layoutLegend(Canvas& c, Legend& legend, double imageWidth) {
    if (legend.entries.empty()) return;
    c.font(kLegendFont);
    double widest = 0;
    for (const auto& entry : legend.entries)
        if (entry.sample) widest = std::max(widest, c.width(entry.text));
    legend.textWidth = std::min(widest, 0.24 * imageWidth);
    // A note may widen the legend a little, so that it reads as one line, not as broken words.
    c.font(kNoteFont);
    double widestNote = 0;
    for (const auto& entry : legend.entries)
        if (!entry.sample) widestNote = std::max(widestNote, c.width(entry.text));
    legend.noteWidth =
        std::max(kSampleWidth + 8 + legend.textWidth, std::min(widestNote, 0.2 * imageWidth));
    legend.width = kLegendGap + legend.noteWidth + kEdge;
    c.font(kLegendFont);
    legend.onTop = imageWidth < 600 || legend.width > 0.34 * imageWidth;
    if (!legend.onTop) return;

    // Rows of entries side by side, as wide as the image allows.
    const double room = imageWidth - 2 * kEdge;
    std::string notes;
    for (size_t i = 0; i < legend.entries.size(); ++i) {
        const LegendEntry& entry = legend.entries[i];
        if (!entry.sample) {
            notes += (notes.empty() ? "" : ";  ") + entry.text;
            continue;
        }
        const double w = kSampleWidth + 6 + c.width(entry.text);
        if (legend.rows.empty() || legend.rowWidths.back() + 20 + w > room) {
            legend.rows.emplace_back();
            legend.rowWidths.push_back(w);
        } else {
            legend.rowWidths.back() += 20 + w;
        }
        legend.rows.back().push_back(i);
    }
    legend.height = legend.rows.size() * (c.lineHeight() + 6);
    if (!notes.empty()) {
        c.font(kNoteFont);
        legend.noteLines = c.wrap(notes, room);
        legend.height += legend.noteLines.size() * c.lineHeight() + 2;
    }
    legend.height += 8;
}

// `plot` is the plot area; `top` the y where a legend above the plot starts.
void drawLegend(Canvas& c, const Legend& legend, const Rect& plot, double top, double width) {
    if (legend.entries.empty()) return;
    if (legend.onTop) {
        c.font(kLegendFont);
        double y = top;
        for (size_t r = 0; r < legend.rows.size(); ++r) {
            double x = (width - legend.rowWidths[r]) / 2;
            const double middle = y + c.lineHeight() / 2 + 2;
            for (size_t i : legend.rows[r]) {
                const LegendEntry& entry = legend.entries[i];
                entry.sample(c, x, middle);
                c.font(kLegendFont);
                c.colour(kText);
                c.textMiddle(entry.text, x + kSampleWidth + 6, middle, 0);
                x += kSampleWidth + 6 + c.width(entry.text) + 20;
            }
            y += c.lineHeight() + 6;
        }
        c.font(kNoteFont);
        c.colour(kMuted);
        for (const std::string& line : legend.noteLines) {
            c.text(line, width / 2, y + c.ascent(), 0.5);
            y += c.lineHeight();
        }
        return;
    }
    const double x = plot.right + kLegendGap, textX = x + kSampleWidth + 8;
    double y = plot.top;
    bool firstNote = true;
    for (const LegendEntry& entry : legend.entries) {
        if (!entry.sample) {
            c.font(kNoteFont);
            if (firstNote) y += 6;
            firstNote = false;
            c.colour(kMuted);
            for (const std::string& line : c.wrap(entry.text, legend.noteWidth)) {
                c.text(line, x, y + c.ascent());
                y += c.lineHeight();
            }
            y += 3;
            continue;
        }
        c.font(kLegendFont);
        const auto lines = c.wrap(entry.text, legend.textWidth);
        const double h = entryHeight(c, entry, legend.textWidth);
        const double middle = y + std::max(c.lineHeight(), 18.0) / 2;
        entry.sample(c, x, middle);
        c.font(kLegendFont);
        c.colour(kText);
        for (size_t i = 0; i < lines.size(); ++i)
            c.textMiddle(lines[i], textX, middle + i * c.lineHeight(), 0);
        y += h;
    }
}

// ---- axes ----

void drawGrid(Canvas& c, const Rect& plot, const Axis* x, const Axis& y) {
    cairo_set_line_width(c.cr(), 1);
    c.colour(kGrid);
    for (double t : y.ticks) {
        const double py = crisp(y.px(t, plot.bottom, plot.top));
        c.line(plot.left, py, plot.right, py);
    }
    if (!x) return;
    for (double t : x->ticks) {
        const double px = crisp(x->px(t, plot.left, plot.right));
        c.line(px, plot.top, px, plot.bottom);
    }
}

void drawYAxis(Canvas& c, const Rect& plot, const Axis& y, const std::string& label) {
    cairo_set_line_width(c.cr(), 1);
    c.colour(kAxisColour);
    const double left = crisp(plot.left);
    c.line(left, plot.top, left, plot.bottom);
    c.font(kTickFont);
    double widest = 0;
    for (double t : y.ticks) {
        const double py = crisp(y.px(t, plot.bottom, plot.top));
        c.colour(kAxisColour);
        c.line(left - kTickLength, py, left, py);
        c.colour(kText);
        const std::string text = tickLabel(t, y.step);
        c.textMiddle(text, left - kTickLength - 4, py, 1);
        widest = std::max(widest, c.width(text));
    }
    if (label.empty()) return;
    c.font(kAxisLabelFont);
    c.colour(kText);
    const double x = left - kTickLength - 4 - widest - 8 - c.lineHeight() / 2;
    c.textUp(label, x, (plot.top + plot.bottom) / 2);
}

double widestTick(Canvas& c, const Axis& axis) {
    c.font(kTickFont);
    double widest = 0;
    for (double t : axis.ticks) widest = std::max(widest, c.width(tickLabel(t, axis.step)));
    return widest;
}

// Room left of the plot area for the y tick labels and the rotated y label.
double leftMargin(Canvas& c, const Axis& y, const std::string& label) {
    double left = kEdge + widestTick(c, y) + kTickLength + 4;
    if (!label.empty()) {
        c.font(kAxisLabelFont);
        left += c.lineHeight() + 8;
    }
    return left;
}

int tickTarget(double pixels, double spacing) {
    return std::max(2, std::min(10, int(pixels / spacing)));
}

void drawNoData(Canvas& c, const Rect& plot) {
    c.font(16);
    const std::string text = "no data";
    const double x = (plot.left + plot.right) / 2, y = (plot.top + plot.bottom) / 2;
    const double w = c.width(text) + 16, h = c.lineHeight() + 8;
    // On white, so a reference line or zero line through the middle does not strike it out.
    cairo_rectangle(c.cr(), x - w / 2, y - h / 2, w, h);
    c.colour(kWhite);
    cairo_fill(c.cr());
    c.colour(kMuted);
    c.textMiddle(text, x, y, 0.5);
}

// ---- surfaces and files ----

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

// Renders with `draw` onto a white image of width x height units and writes it to `path`.
void renderPng(int width, int height, double scale, const std::string& path,
               const std::function<void(Canvas&, double, double)>& draw) {
    if (path.empty()) throw std::runtime_error("plot: no file name given");
    // An unset (0) size is the default; tiny or absurd ones become a readable, allocatable image.
    const double w = width <= 0 ? 960 : std::clamp(width, 240, 8000);
    const double h = height <= 0 ? 640 : std::clamp(height, 180, 8000);
    if (!(scale > 0) || !std::isfinite(scale)) scale = 1;
    scale = std::clamp(scale, 0.25, 4.0);
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, int(std::lround(w * scale)),
                                               int(std::lround(h * scale))));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(path + ": cannot create the image (" +
                                 cairo_status_to_string(cairo_surface_status(surface.get())) + ")");
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), scale, scale);
    Canvas canvas(cr.get());
    canvas.colour(kWhite);
    cairo_paint(cr.get());
    draw(canvas, w, h);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(path + ": cannot draw the chart (" +
                                 cairo_status_to_string(cairo_status(cr.get())) + ")");
    cr.reset();
    cairo_surface_flush(surface.get());

    // Through a temporary file so that a viewer or a report build never reads half a PNG.
    const std::string temp = path + ".tmp";
    const cairo_status_t status = cairo_surface_write_to_png(surface.get(), temp.c_str());
    if (status != CAIRO_STATUS_SUCCESS) {
        std::remove(temp.c_str());
        throw std::runtime_error(path + ": cannot write the PNG (" +
                                 cairo_status_to_string(status) +
                                 "); check that the folder exists and is writable");
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temp.c_str());
        throw std::runtime_error(path + ": cannot replace the file (" + reason + ")");
    }
}

// ---- scatter ----

bool usable(const PlotPoint& p) {
    return std::isfinite(p.x) && std::isfinite(p.y);
}
bool usableMean(const PlotSeries& s) {
    return s.hasMean && std::isfinite(s.meanX) && std::isfinite(s.meanY);
}

Legend scatterLegend(const ScatterPlotSpec& spec, const std::vector<Style>& styles) {
    Legend legend;
    bool anyPoints = false, anyMean = false;
    for (size_t i = 0; i < spec.series.size(); ++i) {
        const PlotSeries& series = spec.series[i];
        const Style style = styles[i];
        const bool points = std::any_of(series.points.begin(), series.points.end(), usable);
        const bool mean = usableMean(series);
        anyPoints |= points;
        anyMean |= mean;
        legend.entries.push_back(
            {series.name.empty() ? "(unnamed)" : series.name,
             [style, points, mean](Canvas& c, double x, double y) {
                 if (points) faintPoint(c, style.colour, mean ? x + 5 : x + kSampleWidth / 2, y);
                 if (mean) meanMarker(c, style, points ? x + 19 : x + kSampleWidth / 2, y, 6);
                 if (!points && !mean) {  // no data: the colour alone, hollow
                     cairo_new_path(c.cr());
                     shapePath(c.cr(), style.shape, x + kSampleWidth / 2, y, 5);
                     c.colour(style.colour);
                     cairo_set_line_width(c.cr(), 1.3);
                     cairo_stroke(c.cr());
                 }
             }});
    }
    if (spec.hasReferenceY && std::isfinite(spec.referenceY)) {
        const std::string text = spec.referenceLabel.empty() ? "y = " + shortNumber(spec.referenceY)
                                                             : spec.referenceLabel;
        legend.entries.push_back({text, [](Canvas& c, double x, double y) {
                                      const double dash[] = {6, 4};
                                      cairo_set_dash(c.cr(), dash, 2, 0);
                                      cairo_set_line_width(c.cr(), 1.4);
                                      c.colour(hexColour(0x333333));
                                      c.line(x, crisp(y), x + kSampleWidth, crisp(y));
                                      cairo_set_dash(c.cr(), nullptr, 0, 0);
                                  }});
    }
    if (anyPoints && !spec.pointsNote.empty()) legend.entries.push_back({spec.pointsNote, {}});
    if (anyMean && !spec.meanNote.empty()) legend.entries.push_back({spec.meanNote, {}});
    return legend;
}

void errorBars(Canvas& c, const Style& style, double x, double y, double x0, double x1, double y0,
               double y1) {
    constexpr double cap = 5;
    c.colour(darker(style.colour, 0.75));
    cairo_set_line_width(c.cr(), 1.6);
    if (x0 != x1) {
        c.line(x0, y, x1, y);
        c.line(x0, y - cap, x0, y + cap);
        c.line(x1, y - cap, x1, y + cap);
    }
    if (y0 != y1) {
        c.line(x, y0, x, y1);
        c.line(x - cap, y0, x + cap, y0);
        c.line(x - cap, y1, x + cap, y1);
    }
}

bool referenceShown(const ScatterPlotSpec& spec) {
    return spec.hasReferenceY && std::isfinite(spec.referenceY);
}

// Adds every point and every mean with its interval to the axis ranges; false when there is
// neither.
bool addScatterData(const ScatterPlotSpec& spec, Extent& xs, Extent& ys) {
    bool anyData = false;
    for (const auto& series : spec.series) {
        for (const auto& p : series.points) {
            if (!usable(p)) continue;
            xs.add(p.x);
            ys.add(p.y);
            anyData = true;
        }
        if (!usableMean(series)) continue;
        xs.add(series.meanX - halfWidth(series.ciX));
        xs.add(series.meanX + halfWidth(series.ciX));
        ys.add(series.meanY - halfWidth(series.ciY));
        ys.add(series.meanY + halfWidth(series.ciY));
        anyData = true;
    }
    return anyData;
}

// The x axis under the plot area: its line, ticks, tick labels and label.
void drawXAxis(Canvas& c, const Rect& plot, const Axis& x, const std::string& label,
               double height) {
    cairo_set_line_width(c.cr(), 1);
    const double axisY = crisp(plot.bottom);
    c.colour(kAxisColour);
    c.line(plot.left, axisY, plot.right, axisY);
    c.font(kTickFont);
    for (double t : x.ticks) {
        const double px = crisp(x.px(t, plot.left, plot.right));
        c.colour(kAxisColour);
        c.line(px, axisY, px, axisY + kTickLength);
        c.colour(kText);
        c.text(tickLabel(t, x.step), px, axisY + kTickLength + 4 + c.ascent(), 0.5);
    }
    if (!label.empty()) {
        c.font(kAxisLabelFont);
        c.colour(kText);
        c.text(label, (plot.left + plot.right) / 2, height - kEdge - c.lineHeight() + c.ascent(),
               0.5);
    }
}

// The reference line, the points, the intervals and the means, clipped to the plot area.
void drawScatterMarks(Canvas& c, const ScatterPlotSpec& spec, const std::vector<Style>& styles,
                      const Rect& plot, const Axis& x, const Axis& y) {
    auto px = [&](double v) { return x.px(v, plot.left, plot.right); };
    auto py = [&](double v) { return y.px(v, plot.bottom, plot.top); };
    cairo_save(c.cr());
    cairo_rectangle(c.cr(), plot.left, plot.top, plot.width(), plot.height());
    cairo_clip(c.cr());
    if (referenceShown(spec)) {
        const double dash[] = {6, 4};
        cairo_set_dash(c.cr(), dash, 2, 0);
        cairo_set_line_width(c.cr(), 1.4);
        c.colour(hexColour(0x333333));
        const double ry = crisp(py(spec.referenceY));
        c.line(plot.left, ry, plot.right, ry);
        cairo_set_dash(c.cr(), nullptr, 0, 0);
    }
    // Layers: all faint points, then all intervals, then all means, so a mean is never hidden.
    for (size_t i = 0; i < spec.series.size(); ++i)
        for (const auto& p : spec.series[i].points)
            if (usable(p)) faintPoint(c, styles[i].colour, px(p.x), py(p.y));
    for (size_t i = 0; i < spec.series.size(); ++i) {
        const PlotSeries& s = spec.series[i];
        if (!usableMean(s)) continue;
        errorBars(c, styles[i], px(s.meanX), py(s.meanY), px(s.meanX - halfWidth(s.ciX)),
                  px(s.meanX + halfWidth(s.ciX)), py(s.meanY - halfWidth(s.ciY)),
                  py(s.meanY + halfWidth(s.ciY)));
    }
    for (size_t i = 0; i < spec.series.size(); ++i) {
        const PlotSeries& s = spec.series[i];
        if (usableMean(s)) meanMarker(c, styles[i], px(s.meanX), py(s.meanY));
    }
    cairo_restore(c.cr());
}

void drawScatter(Canvas& c, const ScatterPlotSpec& spec, double width, double height) {
    std::vector<std::string> names;
    for (const auto& series : spec.series) names.push_back(series.name);
    const std::vector<Style> styles = seriesStyles(names);

    // Axis ranges cover every point, every mean with its interval, and the reference line.
    Extent xs, ys;
    const bool anyData = addScatterData(spec, xs, ys);
    if (referenceShown(spec)) ys.add(spec.referenceY);
    const Extent xRange = padded(xs, 0.05), yRange = padded(ys, 0.06);

    const double titleBottom = drawTitle(c, spec.title, width);
    Legend legend = scatterLegend(spec, styles);
    layoutLegend(c, legend, width);

    Rect plot;
    plot.top = titleBottom + (legend.onTop ? legend.height : 0) + 8;
    c.font(kTickFont);
    double bottomRoom = kEdge + kTickLength + 4 + c.lineHeight();
    if (!spec.xLabel.empty()) {
        c.font(kAxisLabelFont);
        bottomRoom += c.lineHeight() + 6;
    }
    plot.bottom = std::max(plot.top + 40, height - bottomRoom);
    const Axis y = makeAxis(yRange.lo, yRange.hi, tickTarget(plot.height(), 55));
    plot.left = leftMargin(c, y, spec.yLabel);
    plot.right = width - (legend.onTop || legend.entries.empty() ? kEdge + 12 : legend.width);
    plot.right = std::max(plot.right, plot.left + 40);

    // Fewer x ticks when their labels would run into each other.
    Axis x;
    for (int target = tickTarget(plot.width(), 80); target >= 2; --target) {
        x = makeAxis(xRange.lo, xRange.hi, target);
        const double spacing = x.step / (x.hi - x.lo) * plot.width();
        if (widestTick(c, x) + 14 <= spacing) break;
    }

    drawGrid(c, plot, &x, y);
    drawYAxis(c, plot, y, spec.yLabel);
    drawXAxis(c, plot, x, spec.xLabel, height);
    drawScatterMarks(c, spec, styles, plot, x, y);
    if (!anyData) drawNoData(c, plot);
    drawLegend(c, legend, plot, titleBottom, width);
}

// ---- bars ----

enum class LabelMode { Level, Small, Upright };  // value labels: 11 pt, 9 pt, rotated 10 pt

struct BarLayout {
    Rect plot;
    Axis y;
    double slot = 0, barWidth = 0;
    LabelMode mode = LabelMode::Level;
    std::vector<std::vector<std::string>> groupLines;
};

double valueFontSize(LabelMode mode) {
    return mode == LabelMode::Level ? kValueFont : mode == LabelMode::Small ? 9 : 10;
}

// A bar chart while it is drawn: its values, what they span, and the steps of drawing it.
struct BarChart {
    BarChart(Canvas& canvas, const BarChartSpec& chart, double imageWidth, double imageHeight)
        : c(canvas),
          spec(chart),
          width(imageWidth),
          height(imageHeight),
          seriesCount(chart.seriesNames.size()),
          groupCount(chart.groups.size()),
          styles(seriesStyles(chart.seriesNames)) {
        measureValues();
    }

    double value(size_t g, size_t s) const {
        const auto& values = spec.groups[g].values;
        return s < values.size() && std::isfinite(values[s]) ? values[s] : kNaN;
    }
    double whisker(size_t g, size_t s) const {
        const auto& ci = spec.groups[g].ci;
        return s < ci.size() ? halfWidth(ci[s]) : 0.0;
    }
    void measureValues();
    void makeLegend();
    BarLayout layout(double left, LabelMode mode);
    LabelMode chooseMode(double barWidth);
    BarLayout settleLayout();
    void drawGroupLabels(const BarLayout& l);
    void drawBar(const BarLayout& l, size_t g, size_t s, double zero);
    void draw();

    Canvas& c;
    const BarChartSpec& spec;
    const double width, height;
    const size_t seriesCount, groupCount;
    const std::vector<Style> styles;
    Extent data;  // every bar with its whisker, and 0
    bool anyBar = false, positive = false, negative = false;
    int decimals = 0;                 // of the value labels
    std::vector<std::string> labels;  // the value labels, for their widths
    double titleBottom = 0;
    Legend legend;
};

void BarChart::measureValues() {
    data.add(0);
    double largest = 0;
    for (size_t g = 0; g < groupCount; ++g) {
        for (size_t s = 0; s < seriesCount; ++s) {
            const double v = value(g, s);
            if (std::isnan(v)) continue;
            anyBar = true;
            data.add(v + whisker(g, s));
            data.add(v - whisker(g, s));
            (v < 0 ? negative : positive) = true;
            largest = std::max(largest, std::abs(v));
        }
    }
    decimals = spec.valueDecimals;
    if (decimals < 0) decimals = largest >= 10000 ? 0 : largest >= 1000 ? 1 : 2;
    decimals = std::min(decimals, 10);
    for (size_t g = 0; g < groupCount; ++g)
        for (size_t s = 0; s < seriesCount; ++s)
            if (!std::isnan(value(g, s))) labels.push_back(formatFixed(value(g, s), decimals));
}

void BarChart::makeLegend() {
    for (size_t s = 0; s < seriesCount; ++s) {
        const Rgb colour = styles[s].colour;
        legend.entries.push_back({spec.seriesNames[s].empty() ? "(unnamed)" : spec.seriesNames[s],
                                  [colour](Canvas& canvas, double x, double y) {
                                      cairo_rectangle(canvas.cr(), x + 5, y - 7, kSampleWidth - 10,
                                                      14);
                                      canvas.colour(colour);
                                      cairo_fill_preserve(canvas.cr());
                                      canvas.colour(darker(colour));
                                      cairo_set_line_width(canvas.cr(), 1);
                                      cairo_stroke(canvas.cr());
                                  }});
    }
    layoutLegend(c, legend, width);
}

BarLayout BarChart::layout(double left, LabelMode mode) {
    BarLayout l;
    l.mode = mode;
    l.plot.top = titleBottom + (legend.onTop ? legend.height : 0) + 8;
    l.plot.left = left;
    l.plot.right = width - (legend.onTop || legend.entries.empty() ? kEdge : legend.width);
    l.plot.right = std::max(l.plot.right, l.plot.left + 40);
    l.slot = l.plot.width() / std::max<size_t>(1, groupCount);
    l.barWidth = l.slot * 0.8 / std::max<size_t>(1, seriesCount);
    c.font(kTickFont);
    size_t lines = 1;
    for (const auto& group : spec.groups) {
        l.groupLines.push_back(c.wrap(group.label, l.slot - 8));
        lines = std::max(lines, l.groupLines.back().size());
    }
    l.plot.bottom =
        std::max(l.plot.top + 40, height - kEdge - lines * c.lineHeight() - kTickLength - 4);
    c.font(valueFontSize(mode));
    double labelWidth = 0;
    for (const auto& label : labels) labelWidth = std::max(labelWidth, c.width(label));
    const double room =
        (mode == LabelMode::Upright ? labelWidth : c.lineHeight()) + 6;  // in pixels
    double lo = 0, hi = 1;
    if (anyBar && data.hi > data.lo) {
        // Fractions of the plot height kept free for labels, plus a little air.
        const double above = positive ? room / l.plot.height() + 0.02 : 0.04;
        const double below = negative ? room / l.plot.height() + 0.02 : 0;
        const double span = (data.hi - data.lo) / std::max(0.2, 1 - above - below);
        hi = data.hi + span * above;
        lo = data.lo - span * below;
    }
    l.y = makeAxis(lo, hi, tickTarget(l.plot.height(), 55));
    return l;
}

LabelMode BarChart::chooseMode(double barWidth) {
    for (LabelMode mode : {LabelMode::Level, LabelMode::Small}) {
        c.font(valueFontSize(mode));
        bool fits = true;
        for (const auto& label : labels) fits = fits && c.width(label) + 3 <= barWidth;
        if (fits) return mode;
    }
    return LabelMode::Upright;
}

// The value labels need room above (below) the highest (lowest) bar, how much depends on the
// bar width, which depends on the y tick labels, which depend on the range: settle it in a
// few rounds.
BarLayout BarChart::settleLayout() {
    BarLayout l = layout(kEdge + 60, LabelMode::Level);
    for (int round = 0; round < 4; ++round) {
        const double left = leftMargin(c, l.y, spec.yLabel);
        const LabelMode mode = chooseMode(l.barWidth);
        if (std::abs(left - l.plot.left) < 0.5 && mode == l.mode) break;
        l = layout(left, mode);
    }
    return l;
}

void BarChart::drawGroupLabels(const BarLayout& l) {
    const Rect& plot = l.plot;
    c.font(kTickFont);
    c.colour(kText);
    for (size_t g = 0; g < groupCount; ++g) {
        const double centre = plot.left + (g + 0.5) * l.slot;
        double baseline = plot.bottom + kTickLength + 4 + c.ascent();
        for (const std::string& line : l.groupLines[g]) {
            c.text(line, centre, baseline, 0.5);
            baseline += c.lineHeight();
        }
    }
}

// Bar s of group g with its whisker and value label ("n/a" without a value); `zero` is the
// y of 0.
void BarChart::drawBar(const BarLayout& l, size_t g, size_t s, double zero) {
    const Rect& plot = l.plot;
    auto py = [&](double v) { return l.y.px(v, plot.bottom, plot.top); };
    const double groupLeft = plot.left + g * l.slot + l.slot * 0.1;
    const double x0 = groupLeft + s * l.barWidth, centre = x0 + l.barWidth / 2;
    // A sliver of white between neighbours, when the bars are wide enough to spare it.
    const double inset = l.barWidth > 8 ? 1 : 0;
    const double v = value(g, s);
    if (std::isnan(v)) {
        c.font(9);
        if (c.width("n/a") <= l.barWidth + 2) {
            c.colour(kMuted);
            c.text("n/a", centre, zero - 4, 0.5);
        }
        return;
    }
    const double top = py(v);
    cairo_rectangle(c.cr(), x0 + inset, std::min(top, zero), l.barWidth - 2 * inset,
                    std::abs(zero - top));
    c.colour(styles[s].colour, 0.92);
    cairo_fill_preserve(c.cr());
    c.colour(darker(styles[s].colour));
    cairo_set_line_width(c.cr(), 1);
    cairo_stroke(c.cr());

    const double ci = whisker(g, s);
    const double end = v < 0 ? py(v - ci) : py(v + ci);  // where the label goes
    if (ci > 0) {
        const double cap = std::min(l.barWidth * 0.25, 7.0);
        const double y0 = py(v - ci), y1 = py(v + ci);
        c.colour(kText);
        cairo_set_line_width(c.cr(), 1.3);
        c.line(centre, y0, centre, y1);
        c.line(centre - cap, y0, centre + cap, y0);
        c.line(centre - cap, y1, centre + cap, y1);
    }
    const std::string label = formatFixed(v, decimals);
    c.font(valueFontSize(l.mode));
    c.colour(kText);
    if (l.mode != LabelMode::Upright) {
        c.text(label, centre, v < 0 ? end + 4 + c.capHeight() : end - 4, 0.5);
    } else {
        cairo_save(c.cr());
        const double start = v < 0 ? end + 4 + c.width(label) : end - 4;
        cairo_translate(c.cr(), centre + c.capHeight() / 2, start);
        cairo_rotate(c.cr(), -kPi / 2);
        c.text(label, 0, 0, 0);
        cairo_restore(c.cr());
    }
}

void BarChart::draw() {
    titleBottom = drawTitle(c, spec.title, width);
    makeLegend();
    const BarLayout l = settleLayout();
    const Rect& plot = l.plot;

    drawGrid(c, plot, nullptr, l.y);
    drawYAxis(c, plot, l.y, spec.yLabel);
    drawGroupLabels(l);

    const double zero = l.y.px(0, plot.bottom, plot.top);
    for (size_t g = 0; g < groupCount; ++g)
        for (size_t s = 0; s < seriesCount; ++s) drawBar(l, g, s, zero);
    // The zero line over the bars' feet, so every bar visibly stands on it.
    cairo_set_line_width(c.cr(), 1.2);
    c.colour(hexColour(0x333333));
    c.line(plot.left, crisp(zero), plot.right, crisp(zero));

    if (!anyBar) drawNoData(c, plot);
    drawLegend(c, legend, plot, titleBottom, width);
}

void drawBars(Canvas& c, const BarChartSpec& spec, double width, double height) {
    BarChart chart(c, spec, width, height);
    chart.draw();
}

#endif  // NEMO_PLOTS_WITH_CAIRO

}  // namespace

#ifdef NEMO_PLOTS_WITH_CAIRO

bool plotsAvailable() {
    return true;
}

void writeScatterPng(const ScatterPlotSpec& spec, const std::string& path) {
    renderPng(spec.width, spec.height, spec.scale, path,
              [&](Canvas& c, double w, double h) { drawScatter(c, spec, w, h); });
}

void writeBarChartPng(const BarChartSpec& spec, const std::string& path) {
    renderPng(spec.width, spec.height, spec.scale, path,
              [&](Canvas& c, double w, double h) { drawBars(c, spec, w, h); });
}

#else

const char* const kNoCairo = "plots need cairo (libcairo2-dev) at build time";

bool plotsAvailable() {
    return false;
}

void writeScatterPng(const ScatterPlotSpec&, const std::string&) {
    throw std::runtime_error(kNoCairo);
}

void writeBarChartPng(const BarChartSpec&, const std::string&) {
    throw std::runtime_error(kNoCairo);
}

#endif

}  // namespace nemo
