#include "overlap_view.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

#include <qcustomplot.h>

#include "color_gradients.h"
#include "plot_export.h"

namespace {
// Numbers in the cells up to this many classes and only while a cell is this many pixels wide;
// beyond, the colours and the hover read-out alone.
constexpr int kMaxClassesWithText = 12;
constexpr double kMinCellPixelsForText = 30;
}  // namespace

OverlapView::OverlapView(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot;
    plot_->setMinimumSize(260, 240);
    plot_->yAxis->setRangeReversed(true);  // first class on top, as in the table beside it
    plot_->xAxis->setTickLabelRotation(45);
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setGradient(viridisGradient());
    map_->setDataRange(QCPRange(0.0, 1.0));  // fixed, so colours compare across thresholds
    map_->setInterpolate(false);
    auto* scale = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale);
    scale->setGradient(viridisGradient());
    scale->setDataRange(QCPRange(0.0, 1.0));
    scale->axis()->setLabel(tr("Jaccard overlap"));
    map_->setColorScale(scale);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    // Cell size is known only after layout; hide the numbers when they would overlap.
    connect(plot_, &QCustomPlot::afterLayout, this, [this] {
        const int n = std::max(1, int(names_.size()));
        const double cell =
            std::min(plot_->axisRect()->width(), plot_->axisRect()->height()) / double(n);
        for (QCPItemText* text : cellTexts_) text->setVisible(cell >= kMinCellPixelsForText);
    });
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent* e) { showValueAt(e->position()); });

    readout_ = new QLabel(tr("Hover a cell to read the overlap of two class modules"));
    readout_->setWordWrap(true);
    auto* exportButton = makeExportButton(
        this, "exportOverlap", tr("Save the overlap map as PNG, SVG or PDF, or as CSV"),
        tr("Export the module overlap"), true,
        [this] { return exportFileName(exportTitle_, "modules", "overlap"); },
        [this](const QString& path, QString* error) { return exportTo(path, error); });
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(readout_, 1);
    bottom->addWidget(exportButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_, 1);
    layout->addLayout(bottom);
}

void OverlapView::setOverlap(const QStringList& classNames,
                             const std::vector<std::vector<double>>& overlap) {
    const bool namesChanged = classNames != names_;
    names_ = classNames;
    overlap_ = overlap;
    const int n = names_.size();
    if (namesChanged) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int c = 0; c < n; ++c) ticker->addTick(c, names_[c]);
        plot_->xAxis->setTicker(ticker);
        plot_->yAxis->setTicker(ticker);
        plot_->xAxis->setRange(-0.5, n - 0.5);
        plot_->yAxis->setRange(-0.5, n - 0.5);
    }
    map_->data()->setSize(n, n);
    map_->data()->setRange(QCPRange(0, std::max(1, n - 1)), QCPRange(0, std::max(1, n - 1)));
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b) map_->data()->setCell(a, b, value(a, b));
    updateCellTexts();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void OverlapView::clear() {
    setOverlap({}, {});
    readout_->clear();
}

double OverlapView::value(int a, int b) const {
    if (a < 0 || b < 0 || a >= int(overlap_.size()) || b >= int(overlap_[a].size())) return NAN;
    return overlap_[a][b];
}

QString OverlapView::readout() const {
    return readout_->text();
}

void OverlapView::updateCellTexts() {
    const int n = names_.size();
    const int wanted = n <= kMaxClassesWithText ? n * n : 0;
    while (cellTexts_.size() > wanted) plot_->removeItem(cellTexts_.takeLast());
    while (cellTexts_.size() < wanted) {
        auto* text = new QCPItemText(plot_);
        text->setClipToAxisRect(true);
        QFont font = text->font();
        font.setPointSizeF(font.pointSizeF() * 0.8);
        text->setFont(font);
        cellTexts_ << text;
    }
    for (int i = 0; i < wanted; ++i) {
        const int a = i % n, b = i / n;
        const double v = value(a, b);
        cellTexts_[i]->position->setCoords(a, b);
        cellTexts_[i]->setText(std::isnan(v) ? QString() : QString::number(v, 'f', 2));
        // Dark text on the bright (yellow-green) end of viridis, light text on the dark end.
        cellTexts_[i]->setColor(v > 0.6 ? Qt::black : Qt::white);
    }
}

void OverlapView::showValueAt(const QPointF& pixel) {
    const int a = int(std::lround(plot_->xAxis->pixelToCoord(pixel.x())));
    const int b = int(std::lround(plot_->yAxis->pixelToCoord(pixel.y())));
    if (a < 0 || b < 0 || a >= names_.size() || b >= names_.size()) {
        readout_->clear();
        return;
    }
    const double v = value(a, b);
    readout_->setText(
        std::isnan(v)
            ? tr("%1 and %2: no overlap defined (both modules are empty)").arg(names_[a], names_[b])
            : tr("%1 and %2: Jaccard overlap %3 of their modules' neurons")
                  .arg(names_[a], names_[b])
                  .arg(v, 0, 'f', 3));
}

bool OverlapView::exportTo(const QString& path, QString* error) const {
    if (names_.isEmpty()) {
        if (error) *error = tr("There is no overlap to export yet: modularize the run first.");
        return false;
    }
    if (QFileInfo(path).suffix().compare("csv", Qt::CaseInsensitive) == 0) {
        QList<QStringList> rows;
        for (int a = 0; a < names_.size(); ++a)
            for (int b = 0; b < names_.size(); ++b) {
                const double v = value(a, b);
                rows << QStringList{names_[a], names_[b],
                                    std::isnan(v) ? QString() : QString::number(v, 'g', 7)};
            }
        return writeCsv(path, {"class_a", "class_b", "jaccard"}, rows, error);
    }
    const QString title = tr("Module overlap (Jaccard)");
    return exportPlots({plot_}, path, error,
                       exportTitle_.isEmpty() ? title : exportTitle_ + " · " + title);
}
