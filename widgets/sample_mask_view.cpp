#include "sample_mask_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>

#include <qcustomplot.h>

#include "color_gradients.h"
#include "sample_image.h"

SampleMaskView::SampleMaskView(QWidget* parent) : QWidget(parent) {
    classBox_ = new QComboBox;
    classBox_->setToolTip(tr("Class of the probe image to show"));
    classBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    classBox_->setMinimumContentsLength(10);
    indexBox_ = new QSpinBox;
    indexBox_->setRange(1, 1);
    indexBox_->setToolTip(tr("Which of the class's probe images"));
    image_ = new QLabel;
    image_->setFixedSize(112, 112);
    image_->setAlignment(Qt::AlignCenter);
    image_->setStyleSheet("background: black");
    image_->setVisible(false);
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto* picker = new QGridLayout;
    picker->addWidget(new QLabel(tr("Class")), 0, 0);
    picker->addWidget(classBox_, 0, 1);
    picker->addWidget(new QLabel(tr("Image")), 1, 0);
    picker->addWidget(indexBox_, 1, 1);
    auto* left = new QVBoxLayout;
    left->addLayout(picker);
    left->addWidget(image_, 0, Qt::AlignHCenter);
    left->addWidget(summary_, 1);

    plot_ = new QCustomPlot;
    plot_->setMinimumHeight(110);
    plot_->xAxis->setLabel(tr("neuron"));
    plot_->yAxis->setRangeReversed(true);  // first layer on top
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    QCPColorGradient gradient = viridisGradient();
    gradient.setNanHandling(QCPColorGradient::nhTransparent);  // layers narrower than the widest
    map_->setGradient(gradient);
    map_->setDataRange(QCPRange(0.0, 1.0));
    map_->setInterpolate(false);
    map_->setVisible(false);  // until there is an image: an empty map would look like zeros
    auto* scale = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale);
    scale->setGradient(gradient);
    scale->setDataRange(QCPRange(0.0, 1.0));
    scale->axis()->setLabel(tr("mask"));
    map_->setColorScale(scale);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent* e) { showValueAt(e->position()); });
    readout_ = new QLabel;

    auto* right = new QVBoxLayout;
    right->addWidget(plot_, 1);
    right->addWidget(readout_);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    connect(classBox_, &QComboBox::currentIndexChanged, this, [this](int c) {
        updateIndexRange();
        if (c >= 0) showSample(c, indexBox_->value());
    });
    connect(indexBox_, &QSpinBox::valueChanged, this,
            [this](int i) { showSample(classBox_->currentIndex(), i); });
}

void SampleMaskView::setFrame(const nemo::HeatmapFrame& frame) {
    const bool newProbe = frame.probeImages != frame_.probeImages;
    bool newLayers = frame.layers.size() != frame_.layers.size();
    for (size_t l = 0; !newLayers && l < frame.layers.size(); ++l)
        newLayers = frame.layers[l].name != frame_.layers[l].name ||
                    frame.layers[l].units != frame_.layers[l].units;
    frame_ = frame;
    if (newLayers) {
        updateStrips();
        readout_->clear();  // it named another model's neuron
    }
    if (newProbe) {
        byClass_.assign(frame_.classNames.size(), {});
        if (frame_.probeImages) {
            const auto& labels = frame_.probeImages->labels;
            for (size_t i = 0; i < labels.size(); ++i)
                if (labels[i] >= 0 && size_t(labels[i]) < byClass_.size())
                    byClass_[size_t(labels[i])].push_back(int(i));
        }
        const QSignalBlocker blocker(classBox_);
        const int keep = std::max(0, classBox_->currentIndex());
        classBox_->clear();
        for (const auto& name : frame_.classNames) classBox_->addItem(QString::fromStdString(name));
        classBox_->setCurrentIndex(std::min(keep, classBox_->count() - 1));
        updateIndexRange();
    }
    showSample(classBox_->currentIndex(), indexBox_->value());
}

void SampleMaskView::updateIndexRange() {
    const int c = classBox_->currentIndex();
    const int n = c >= 0 && size_t(c) < byClass_.size() ? int(byClass_[size_t(c)].size()) : 0;
    const QSignalBlocker blocker(indexBox_);
    indexBox_->setRange(1, std::max(1, n));
    indexBox_->setSuffix(tr(" of %1").arg(n));
}

int SampleMaskView::sampleCount() const {
    return frame_.probeImages ? int(frame_.probeImages->size()) : 0;
}

bool SampleMaskView::showSample(int classId, int index) {
    if (classId < 0 || size_t(classId) >= byClass_.size() || index < 1 ||
        index > int(byClass_[size_t(classId)].size()) || frame_.layers.empty() ||
        frame_.layers.front().samples.empty()) {
        sample_ = -1;
        image_->clear();
        image_->setVisible(false);
        map_->setVisible(false);
        plot_->replot(QCustomPlot::rpQueuedReplot);
        summary_->setText(tr("No per-image masks in this frame."));
        return false;
    }
    if (classBox_->currentIndex() != classId) {
        const QSignalBlocker blocker(classBox_);
        classBox_->setCurrentIndex(classId);
        updateIndexRange();
    }
    if (indexBox_->value() != index) {
        const QSignalBlocker blocker(indexBox_);
        indexBox_->setValue(index);
    }
    sample_ = byClass_[size_t(classId)][size_t(index - 1)];
    image_->setPixmap(crispPixmap(sampleImage(*frame_.probeImages, sample_), 112));
    image_->setVisible(true);
    map_->setVisible(true);
    redraw();
    return true;
}

void SampleMaskView::setNeuronOrders(const std::vector<std::vector<int>>& orders) {
    if (orders == orders_) return;
    orders_ = orders;
    // CNN strips are labelled by neuron; sorted, the columns are positions in the heatmap's order.
    if (strips_.parts.empty()) {
        bool sorted = false;
        for (const auto& order : orders_)
            for (size_t c = 0; !sorted && c < order.size(); ++c) sorted = order[c] != int(c);
        plot_->xAxis->setLabel(sorted ? tr("neurons, in the heatmap's order") : tr("neuron"));
    }
    if (sample_ >= 0) redraw();
}

int SampleMaskView::neuronAtColumn(int layer, int column) const {
    if (layer >= 0 && size_t(layer) < orders_.size() && column >= 0 &&
        size_t(column) < orders_[size_t(layer)].size())
        return orders_[size_t(layer)][size_t(column)];
    return column;
}

double SampleMaskView::cell(int layer, int neuron) const {
    if (sample_ < 0 || layer < 0 || layer >= int(frame_.layers.size())) return NAN;
    const auto& l = frame_.layers[size_t(layer)];
    return neuron >= 0 && neuron < l.units ? l.sampleAt(sample_, neuron) : NAN;
}

double SampleMaskView::drawnAt(int row, int column) const {
    return map_->data()->cell(column, row);
}

QString SampleMaskView::axisLabel() const {
    return plot_->xAxis->label();
}

QString SampleMaskView::summary() const {
    return summary_->text();
}

QString SampleMaskView::readout() const {
    return readout_->text();
}

void SampleMaskView::updateStrips() {
    QStringList names;
    std::vector<int> widths;
    for (const auto& l : frame_.layers) {
        names << QString::fromStdString(l.name);
        widths.push_back(l.units);
    }
    strips_ = layoutStrips(names, widths);
    auto rows = QSharedPointer<QCPAxisTickerText>::create();
    for (int r = 0; r < strips_.rows; ++r) rows->addTick(r, strips_.rowLabels[r]);
    plot_->yAxis->setTicker(rows);
    // Transformers: the parts of every encoder's strip are named under it, attention and MLP
    // over it, and thin lines part them; CNN strips keep plain neuron numbers.
    plot_->clearItems();
    if (strips_.parts.empty()) {
        plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        plot_->xAxis->setLabel(tr("neuron"));
        plot_->xAxis2->setVisible(false);
        return;
    }
    auto parts = QSharedPointer<QCPAxisTickerText>::create();
    for (const auto& span : strips_.parts) {
        parts->addTick(0.5 * (span.begin + span.end - 1), span.label);
        if (span.begin == 0) continue;
        // Thicker where attention ends and the MLP begins. White on a black edge: seen on
        // viridis' yellow and its dark purple alike.
        const bool blockEdge =
            std::any_of(strips_.blocks.begin(), strips_.blocks.end(),
                        [&](const MaskStrips::Span& b) { return b.begin == span.begin; });
        const double width = blockEdge ? 3 : 1.5;
        for (const QPen& pen : {QPen(Qt::black, width + 2), QPen(Qt::white, width)}) {
            auto* line = new QCPItemStraightLine(plot_);
            line->setPen(pen);
            line->point1->setCoords(span.begin - 0.5, 0);
            line->point2->setCoords(span.begin - 0.5, 1);
        }
    }
    plot_->xAxis->setTicker(parts);
    plot_->xAxis->setLabel(QString());
    auto blocks = QSharedPointer<QCPAxisTickerText>::create();
    for (const auto& span : strips_.blocks)
        blocks->addTick(0.5 * (span.begin + span.end - 1), tr("%1 neurons").arg(span.label));
    plot_->xAxis2->setTicker(blocks);
    plot_->xAxis2->setTicks(true);
    plot_->xAxis2->setTickLabels(true);
    plot_->xAxis2->setSubTicks(false);
    plot_->xAxis2->setTickLength(0, 0);
    plot_->xAxis2->setVisible(true);
}

void SampleMaskView::redraw() {
    const int width = strips_.width;
    const int rows = std::max(1, strips_.rows);
    map_->data()->setSize(width, rows);
    map_->data()->setRange(QCPRange(0, std::max(1, width - 1)), QCPRange(0, std::max(1, rows - 1)));
    map_->data()->fill(NAN);  // strips narrower than the widest stay transparent
    for (size_t l = 0; l < frame_.layers.size() && l < strips_.places.size(); ++l) {
        const auto& layer = frame_.layers[l];
        const MaskStrips::Place& at = strips_.places[l];
        for (int j = 0; j < layer.units; ++j)
            map_->data()->setCell(at.offset + j, at.row,
                                  layer.sampleAt(sample_, neuronAtColumn(int(l), j)));
    }
    plot_->xAxis->setRange(-0.5, width - 0.5);
    plot_->xAxis2->setRange(plot_->xAxis->range());
    plot_->yAxis->setRange(-0.5, rows - 0.5);
    // Named as the pickers above name it: the class, and which of its probe images.
    const int classId = frame_.probeImages->labels[size_t(sample_)];
    const auto& ofClass = byClass_[size_t(classId)];
    const int index = int(std::find(ofClass.begin(), ofClass.end(), sample_) - ofClass.begin());
    summary_->setText(tr("%1, image %2 of %3")
                          .arg(QString::fromStdString(frame_.classNames[size_t(classId)]))
                          .arg(index + 1)
                          .arg(ofClass.size()) +
                      "\n" + activeSummary());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString SampleMaskView::activeSummary() const {
    // "Active" is the engine's retention rule: a mask value above zero keeps the neuron.
    QStringList names;
    std::vector<int64_t> active, totals;
    for (const auto& l : frame_.layers) {
        int n = 0;
        for (int j = 0; j < l.units; ++j) n += l.sampleAt(sample_, j) > 0;
        names << QString::fromStdString(l.name);
        active.push_back(n);
        totals.push_back(l.units);
    }
    QStringList lines;
    const EncoderLayout layout = groupByEncoder(names);
    if (layout.byEncoder) {
        for (const EncoderCount& c : countByEncoder(layout, active, totals))
            lines << tr("%1: attention %2/%3, MLP %4/%5 active")
                         .arg(EncoderNames::encoder(c.encoder))
                         .arg(c.attention)
                         .arg(c.attentionTotal)
                         .arg(c.mlp)
                         .arg(c.mlpTotal);
        // Short lines: the strips beside them keep their width.
    } else {
        for (int l = 0; l < names.size(); ++l)
            lines << tr("%1: %2 of %3 neurons active")
                         .arg(names[l])
                         .arg(active[size_t(l)])
                         .arg(totals[size_t(l)]);
    }
    return lines.join('\n');
}

void SampleMaskView::showValueAt(const QPointF& pixel) {
    showValueAtCell(int(std::lround(plot_->yAxis->pixelToCoord(pixel.y()))),
                    int(std::lround(plot_->xAxis->pixelToCoord(pixel.x()))));
}

void SampleMaskView::showValueAtCell(int row, int column) {
    int layer = -1, position = -1;
    const bool found = strips_.locate(row, column, &layer, &position);
    const int neuron = found ? neuronAtColumn(layer, position) : -1;
    const double v = found ? cell(layer, neuron) : NAN;
    if (std::isnan(v)) {
        readout_->clear();
        return;
    }
    const QString name = QString::fromStdString(frame_.layers[size_t(layer)].name);
    const std::optional<EncoderPart> part = parseEncoderPart(name);
    readout_->setText(tr("%1, neuron %2: mask %3")
                          .arg(part ? EncoderNames::layer(*part) : name)
                          .arg(neuron)
                          .arg(v, 0, 'f', 3));
}
