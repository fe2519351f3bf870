#include "network_view.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "encoder_layers.h"
#include "neuron_order.h"
#include "plot_export.h"
#include "sample_image.h"

namespace {

constexpr int kCell = 16;         // a neuron's square: big enough to see from the back row
constexpr int kStep = kCell + 3;  // with the gap to the next
constexpr int kRows = 16;         // cells in a column of a layer's block
constexpr int kLayerGap = 44;     // between two layers' blocks: room for the layer's name
constexpr int kMargin = 10;
constexpr int kTopImages = 6;
// A neuron no class uses more than this (mean mask) is drawn as unused.
constexpr float kUnused = 0.05f;

QColor blendWithWhite(const QColor& c, double weight) {
    return QColor::fromRgbF(1.0 - weight * (1.0 - c.redF()), 1.0 - weight * (1.0 - c.greenF()),
                            1.0 - weight * (1.0 - c.blueF()));
}

}  // namespace

QColor classColour(int classId, int classes) {
    static const QColor tab10[] = {
        {31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
        {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    if (classes <= 10 && classId >= 0 && classId < 10) return tab10[classId];
    return QColor::fromHsvF(std::fmod(classId * 0.618034, 1.0), 0.75, 0.85);
}

// The drawing surface: the cells, painted from the view's layout; a click selects a neuron.
class NetworkCanvas : public QWidget {
  public:
    explicit NetworkCanvas(NetworkView* view) : view_(view) {
        setMouseTracking(false);
        setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    }
    QSize sizeHint() const override { return view_->canvasSize_; }

  protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.fillRect(rect(), Qt::white);
        const auto& f = view_->frame_;
        const QFontMetrics fm(font());
        for (size_t l = 0; l < view_->cells_.size(); ++l) {
            for (int j = 0; j < int(view_->cells_[l].size()); ++j) {
                const QRect r = view_->cells_[l][size_t(j)];
                p.fillRect(r, view_->cellColour(int(l), j));
                if (view_->hasHighlight() && view_->isKept(int(l), j)) {
                    p.setPen(QPen(Qt::black, 1));
                    p.drawRect(r.adjusted(0, 0, -1, -1));
                }
            }
            const QRect box = view_->layerBoxes_[l];
            p.setPen(Qt::black);
            const QString name = QString::fromStdString(f.layers[l].name);
            p.drawText(QRect(box.left() - kLayerGap / 2, box.bottom() + 4, box.width() + kLayerGap,
                             fm.height()),
                       Qt::AlignHCenter | Qt::AlignTop,
                       fm.elidedText(name, Qt::ElideMiddle, box.width() + kLayerGap));
        }
        if (view_->selectedLayer_ >= 0) {
            const QRect r = view_->cellRect(view_->selectedLayer_, view_->selectedUnit_);
            p.setPen(QPen(Qt::black, 2));
            p.drawRect(r.adjusted(-2, -2, 1, 1));
        }
    }
    void mousePressEvent(QMouseEvent* e) override {
        for (size_t l = 0; l < view_->cells_.size(); ++l)
            for (size_t j = 0; j < view_->cells_[l].size(); ++j)
                if (view_->cells_[l][j].adjusted(-1, -1, 1, 1).contains(e->position().toPoint())) {
                    view_->selectNeuron(int(l), int(j));
                    return;
                }
    }

  private:
    NetworkView* view_;
};

NetworkView::NetworkView(QWidget* parent) : QWidget(parent) {
    caption_ = new QLabel(tr("Start a training, or open a run, to see its network."));
    caption_->setWordWrap(true);
    legend_ = new QLabel;
    legend_->setWordWrap(true);
    legend_->setTextFormat(Qt::RichText);
    highlight_ = new QLabel;
    highlight_->setWordWrap(true);
    canvas_ = new NetworkCanvas(this);
    scroll_ = new QScrollArea;
    scroll_->setWidget(canvas_);
    scroll_->setWidgetResizable(false);
    scroll_->setMinimumHeight(120);  // small screens scroll; the blocks are 16 cells tall
    details_ =
        new QLabel(tr("Click a neuron to see which classes use it and the probe images "
                      "that switch it on most."));
    details_->setWordWrap(true);
    details_->setTextFormat(Qt::RichText);
    details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    details_->setMinimumWidth(220);
    imagesBox_ = new QWidget;
    auto* images = new QGridLayout(imagesBox_);
    images->setContentsMargins(0, 0, 0, 0);
    auto* exportButton = makeExportButton(
        this, "exportNetwork", tr("Save the drawing as PNG or SVG, or every neuron as CSV"),
        tr("Export the network"), false,
        [this] { return exportFileName(exportTitle_, "run", "network"); },
        [this](const QString& path, QString* error) { return exportTo(path, error); });
    auto* side = new QVBoxLayout;
    side->addWidget(exportButton, 0, Qt::AlignRight);
    side->addWidget(details_);
    side->addWidget(imagesBox_);
    side->addStretch();
    auto* body = new QHBoxLayout;
    body->addWidget(scroll_, 3);
    body->addLayout(side, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(caption_);
    layout->addWidget(legend_);
    layout->addWidget(highlight_);
    layout->addLayout(body, 1);
}

void NetworkView::setFrame(const nemo::HeatmapFrame& frame) {
    bool sameLayers = frame.layers.size() == frame_.layers.size();
    for (size_t l = 0; sameLayers && l < frame.layers.size(); ++l)
        sameLayers = frame.layers[l].name == frame_.layers[l].name &&
                     frame.layers[l].units == frame_.layers[l].units;
    frame_ = frame;
    const int classes = int(frame_.classNames.size());
    owners_.clear();
    orders_.clear();
    for (const auto& layer : frame_.layers) {
        std::vector<int> owner = neuronOwners(layer, classes);
        // Drawn in the heatmap's sorted order (by owner), computed from the same owners.
        orders_.push_back(classes > 0 ? orderByOwner(layer, owner) : neuronOrder(layer, 0, false));
        for (int j = 0; j < layer.units; ++j)
            if (classes == 0 || layer.at(owner[size_t(j)], j) < kUnused) owner[size_t(j)] = -1;
        owners_.push_back(owner);
    }
    if (!sameLayers) {
        selectedLayer_ = selectedUnit_ = -1;
        // A highlight by layer name carries over to a new model only where the names fit.
        setModuleHighlight(keptLayers_, keptByName_, keptDescription_);
    }
    layoutCells();
    QStringList entries;
    for (int c = 0; c < classes; ++c)
        entries << QStringLiteral("<span style='background:%1'>&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
                       .arg(classColour(c, classes).name(),
                            QString::fromStdString(frame_.classNames[size_t(c)]).toHtmlEscaped());
    legend_->setText(entries.join(QStringLiteral(" &nbsp; ")));
    caption_->setText(
        frame_.layers.empty()
            ? tr("No masks in this frame.")
            : tr("Each square is a neuron, coloured by the class that uses it most (paler: used "
                 "less; grey: used by none). Layers from input (left) to output (right); "
                 "epoch %1.")
                  .arg(frame_.epoch + 1));
    updateDetails();
    canvas_->update();
}

void NetworkView::clear(const QString& message) {
    frame_ = {};
    owners_.clear();
    orders_.clear();
    cells_.clear();
    layerBoxes_.clear();
    selectedLayer_ = selectedUnit_ = -1;
    topImages_.clear();
    canvasSize_ = QSize(10, 10);
    canvas_->resize(canvasSize_);
    caption_->setText(message);
    legend_->clear();
    updateDetails();
    canvas_->update();
}

void NetworkView::layoutCells() {
    cells_.assign(frame_.layers.size(), {});
    layerBoxes_.assign(frame_.layers.size(), QRect());
    int x = kMargin + kLayerGap / 2;
    int height = 0;
    for (size_t l = 0; l < frame_.layers.size(); ++l) {
        const int units = frame_.layers[l].units;
        const int rows = std::min(units, kRows);
        const int columns = (units + kRows - 1) / kRows;
        cells_[l].assign(size_t(units), QRect());
        // Drawn in the owner order: a class's neurons stand together, as in the heatmap.
        for (int position = 0; position < units; ++position) {
            const int unit = orders_[l][size_t(position)];
            cells_[l][size_t(unit)] = QRect(x + (position / kRows) * kStep,
                                            kMargin + (position % kRows) * kStep, kCell, kCell);
        }
        layerBoxes_[l] = QRect(x, kMargin, columns * kStep - 2, rows * kStep - 2);
        height = std::max(height, rows * kStep);
        x += columns * kStep + kLayerGap;
    }
    canvasSize_ = QSize(x + kMargin, kMargin + height + fontMetrics().height() + 2 * kMargin);
    canvas_->resize(canvasSize_);
}

void NetworkView::setModuleHighlight(const QStringList& layerNames,
                                     const std::vector<std::vector<bool>>& kept,
                                     const QString& description) {
    keptLayers_ = layerNames;
    keptByName_ = kept;
    keptDescription_ = description;
    kept_.clear();
    if (!layerNames.isEmpty()) {
        std::vector<std::vector<bool>> byLayer(frame_.layers.size());
        bool all = !frame_.layers.empty();
        for (size_t l = 0; l < frame_.layers.size(); ++l) {
            const int i = layerNames.indexOf(QString::fromStdString(frame_.layers[l].name));
            if (i < 0 || size_t(i) >= kept.size() ||
                int(kept[size_t(i)].size()) != frame_.layers[l].units) {
                all = false;
                break;
            }
            byLayer[l] = kept[size_t(i)];
        }
        if (all) kept_ = byLayer;
    }
    highlight_->setText(kept_.empty() ? QString() : description);
    highlight_->setVisible(!kept_.empty());
    canvas_->update();
}

QWidget* NetworkView::canvas() const {
    return canvas_;
}

bool NetworkView::isKept(int layer, int unit) const {
    return !kept_.empty() && layer >= 0 && size_t(layer) < kept_.size() && unit >= 0 &&
           size_t(unit) < kept_[size_t(layer)].size() && kept_[size_t(layer)][size_t(unit)];
}

int NetworkView::ownerOf(int layer, int unit) const {
    if (layer < 0 || size_t(layer) >= owners_.size() || unit < 0 ||
        size_t(unit) >= owners_[size_t(layer)].size())
        return -1;
    return owners_[size_t(layer)][size_t(unit)];
}

QColor NetworkView::cellColour(int layer, int unit) const {
    const QColor unused(225, 225, 225);
    const int owner = ownerOf(layer, unit);
    if (owner < 0) return unused;
    if (hasHighlight() && !isKept(layer, unit)) return QColor(238, 238, 238);
    const float use = frame_.layers[size_t(layer)].at(owner, unit);
    // Strong use: the class's full colour; weak use fades towards white.
    return blendWithWhite(classColour(owner, int(frame_.classNames.size())),
                          0.25 + 0.75 * std::clamp(double(use), 0.0, 1.0));
}

QRect NetworkView::cellRect(int layer, int unit) const {
    if (layer < 0 || size_t(layer) >= cells_.size() || unit < 0 ||
        size_t(unit) >= cells_[size_t(layer)].size())
        return {};
    return cells_[size_t(layer)][size_t(unit)];
}

void NetworkView::selectNeuron(int layer, int unit) {
    if (cellRect(layer, unit).isNull()) return;
    selectedLayer_ = layer;
    selectedUnit_ = unit;
    updateDetails();
    canvas_->update();
}

QString NetworkView::details() const {
    return details_->text();
}

void NetworkView::updateDetails() {
    auto* grid = static_cast<QGridLayout*>(imagesBox_->layout());
    while (QLayoutItem* item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    topImages_.clear();
    if (selectedLayer_ < 0 || size_t(selectedLayer_) >= frame_.layers.size()) {
        details_->setText(
            tr("Click a neuron to see which classes use it and the probe images "
               "that switch it on most."));
        return;
    }
    const auto& layer = frame_.layers[size_t(selectedLayer_)];
    const int classes = int(frame_.classNames.size());
    // Every class's use of the neuron, most first, as bars.
    std::vector<int> byUse(static_cast<size_t>(classes));
    std::iota(byUse.begin(), byUse.end(), 0);
    std::stable_sort(byUse.begin(), byUse.end(), [&](int a, int b) {
        return layer.at(a, selectedUnit_) > layer.at(b, selectedUnit_);
    });
    QString html = "<b>" +
                   tr("%1, neuron %2")
                       .arg(QString::fromStdString(layer.name).toHtmlEscaped())
                       .arg(selectedUnit_) +
                   "</b><br>" + tr("Mean mask of each class's probe images:") + "<table>";
    for (int c : byUse) {
        const double v = layer.at(c, selectedUnit_);
        html += QStringLiteral(
                    "<tr><td>%1&nbsp;</td><td><table cellspacing=0 cellpadding=0><tr>"
                    "<td width=%2 bgcolor='%3'>&nbsp;</td></tr></table></td><td>&nbsp;%4</td></tr>")
                    .arg(QString::fromStdString(frame_.classNames[size_t(c)]).toHtmlEscaped())
                    .arg(std::max(1, int(std::lround(100 * v))))
                    .arg(classColour(c, classes).name())
                    .arg(v, 0, 'f', 2);
    }
    html += "</table>";
    // The probe images that switch the neuron on most.
    if (frame_.probeImages && !layer.samples.empty()) {
        const int probes = int(frame_.probeImages->size());
        std::vector<int> order(static_cast<size_t>(probes));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return layer.sampleAt(a, selectedUnit_) > layer.sampleAt(b, selectedUnit_);
        });
        for (int i = 0; i < std::min(kTopImages, probes); ++i) {
            const int probe = order[size_t(i)];
            if (layer.sampleAt(probe, selectedUnit_) <= 0) break;
            topImages_.push_back(probe);
        }
        html += "<br>" + (topImages_.empty() ? tr("No probe image switches it on.")
                                             : tr("Probe images that switch it on most:"));
        for (size_t i = 0; i < topImages_.size(); ++i) {
            const int probe = topImages_[i];
            auto* image = new QLabel;
            image->setPixmap(crispPixmap(sampleImage(*frame_.probeImages, probe), 56));
            const int label = frame_.probeImages->labels[size_t(probe)];
            image->setToolTip(tr("%1: mask %2")
                                  .arg(QString::fromStdString(frame_.classNames[size_t(label)]))
                                  .arg(layer.sampleAt(probe, selectedUnit_), 0, 'f', 2));
            grid->addWidget(image, int(i) / 3, int(i) % 3);
        }
    }
    details_->setText(html);
}

bool NetworkView::exportTo(const QString& path, QString* error) const {
    if (frame_.layers.empty()) {
        if (error) *error = tr("There is no network to export yet.");
        return false;
    }
    if (QFileInfo(path).suffix().compare("csv", Qt::CaseInsensitive) == 0) {
        QList<QStringList> rows;
        for (size_t l = 0; l < frame_.layers.size(); ++l) {
            const auto& layer = frame_.layers[l];
            for (int j = 0; j < layer.units; ++j) {
                const int owner = ownerOf(int(l), j);
                rows << QStringList{
                    QString::fromStdString(layer.name), QString::number(j),
                    owner < 0 ? QString()
                              : QString::fromStdString(frame_.classNames[size_t(owner)]),
                    owner < 0 ? QString() : QString::number(double(layer.at(owner, j)), 'g', 7),
                    hasHighlight() ? QString::number(isKept(int(l), j) ? 1 : 0) : QString()};
            }
        }
        return writeCsv(path, {"layer", "neuron", "class", "mean_mask", "kept"}, rows, error);
    }
    QString title = tr("Neurons by class, epoch %1").arg(frame_.epoch + 1);
    if (!exportTitle_.isEmpty()) title = exportTitle_ + " · " + title;
    if (hasHighlight()) title += " · " + keptDescription_;
    return exportWidget(canvas_, path, error, title);
}
