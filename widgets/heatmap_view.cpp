#include "heatmap_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

#include <qcustomplot.h>

#include "color_gradients.h"
#include "neuron_order.h"
#include "plot_export.h"
#include "sample_mask_view.h"

void HeatmapView::setCompact(bool compact) {
    sampleBox_->setVisible(!compact);
    sortBox_->setText(compact ? tr("Sort by class") : tr("Sort neurons by class"));
}

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent) {
    layerBox_ = new QComboBox;
    layerBox_->setToolTip(tr("Masked layer to show"));
    // Short, so the row fits a small screen; the tooltip and the axis label say the rest.
    sortBox_ = new QCheckBox(tr("Sort neurons by class"));
    sortBox_->setToolTip(tr("Sort neurons by the class that uses them most"));
    sortBox_->setChecked(sortByClass_);
    // Masks come from the model as it trains, or from an opened run's newest checkpoint.
    caption_ = new QLabel(tr("Start a training, or open a run, to see its masks."));
    caption_->setWordWrap(true);
    readout_ = new QLabel;
    readout_->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Layer")));
    controls->addWidget(layerBox_, 1);
    controls->addWidget(sortBox_);
    controls->addStretch();
    auto* exportButton = makeExportButton(
        this, "exportHeatmap",
        tr("Save the shown layer as PNG, SVG or PDF, or every layer's values as CSV"),
        tr("Export the class x neuron heatmap"), true,
        [this] { return exportFileName(exportTitle_, "run", "neurons"); },
        [this](const QString& path, QString* error) { return exportTo(path, error); });

    plot_ = new QCustomPlot;
    plot_->setMinimumHeight(170);
    plot_->xAxis->setLabel(tr("neuron"));
    plot_->yAxis->setLabel(tr("class"));
    plot_->yAxis->setRangeReversed(true);  // class 0 on top, as in a table
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setGradient(viridisGradient());
    map_->setDataRange(QCPRange(0.0, 1.0));  // fixed: colours mean the same in every frame
    map_->setInterpolate(false);
    map_->setVisible(false);  // an empty map would draw as a misleading block of zeros
    auto* scale = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale);
    scale->setGradient(viridisGradient());
    scale->setDataRange(QCPRange(0.0, 1.0));
    scale->axis()->setLabel(tr("mean mask"));
    map_->setColorScale(scale);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent* e) { showValueAt(e->position()); });

    auto* classes = new QWidget;
    auto* classLayout = new QVBoxLayout(classes);
    classLayout->setContentsMargins(0, 0, 0, 0);
    classLayout->addLayout(controls);
    classLayout->addWidget(caption_);
    classLayout->addWidget(plot_, 1);
    // Export sits with the read-out: the controls row above is full on a small screen.
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(readout_, 1);
    bottom->addWidget(exportButton);
    classLayout->addLayout(bottom);

    samples_ = new SampleMaskView;
    auto* sampleBox = sampleBox_ = new QGroupBox(tr("One image's masks"));
    auto* sampleLayout = new QVBoxLayout(sampleBox);
    sampleLayout->addWidget(samples_);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(classes);
    splitter->addWidget(sampleBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(layerBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        const int layer = i >= 0 ? layerBox_->itemData(i).toInt() : -1;
        if (layer >= 0) setLayer(layer);  // headers (-1) group the layers; they show none
    });
    connect(sortBox_, &QCheckBox::toggled, this, &HeatmapView::setSortByClass);
}

void HeatmapView::setFrame(const nemo::HeatmapFrame& frame) {
    bool layersChanged = frame.layers.size() != frame_.layers.size();
    for (size_t l = 0; !layersChanged && l < frame.layers.size(); ++l)
        layersChanged = frame.layers[l].name != frame_.layers[l].name;
    frame_ = frame;
    samples_->setFrame(frame);
    if (layersChanged) {
        QStringList names;
        for (const auto& l : frame_.layers) names << QString::fromStdString(l.name);
        encoders_ = groupByEncoder(names);
        // The deepest masked layer is the most class-specific: show it first.
        layer_ = std::max(0, int(frame_.layers.size()) - 1);
        fillLayerSelector();
        readout_->clear();  // another model's (or run's) neuron
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (size_t c = 0; c < frame_.classNames.size(); ++c)
            ticker->addTick(double(c), QString::fromStdString(frame_.classNames[c]));
        plot_->yAxis->setTicker(ticker);
        fitPlotToClasses();
    }
    updateCaption();
    redraw();
}

void HeatmapView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) fitPlotToClasses();
}

void HeatmapView::fitPlotToClasses() {
    // Every class row at least as tall as its label, however large the text (presenter mode):
    // the page scrolls rather than the labels overlapping.
    const QFontMetrics labels(plot_->yAxis->tickLabelFont());
    const QFontMetrics axis(plot_->xAxis->labelFont());
    const int classes = std::max<int>(1, int(frame_.classNames.size()));
    plot_->setMinimumHeight(
        std::max(170, classes * (labels.height() + 2) + 3 * axis.height() + 24));
}

void HeatmapView::clear(const QString& message) {
    setFrame(nemo::HeatmapFrame{});
    map_->setVisible(false);  // not the previous run's picture
    plot_->replot(QCustomPlot::rpQueuedReplot);
    caption_->setText(message);
    readout_->clear();
}

void HeatmapView::fillLayerSelector() {
    const QSignalBlocker blocker(layerBox_);
    layerBox_->clear();
    auto addLayer = [this](int l) {
        layerBox_->addItem(tr("%1 (%2 neurons)").arg(layerTitle(l)).arg(frame_.layers[l].units), l);
    };
    if (!encoders_.byEncoder) {
        for (int l = 0; l < int(frame_.layers.size()); ++l) addLayer(l);
    } else {
        auto* model = qobject_cast<QStandardItemModel*>(layerBox_->model());
        std::vector<int64_t> units;
        for (const auto& l : frame_.layers) units.push_back(l.units);
        const std::vector<EncoderCount> counts = countByEncoder(encoders_, units, units);
        for (size_t e = 0; e < encoders_.encoders.size(); ++e) {
            const EncoderGroup& g = encoders_.encoders[e];
            // A header that groups the encoder's layers; it cannot be chosen itself.
            layerBox_->addItem(tr("%1: %2 attention and %3 MLP neurons")
                                   .arg(EncoderNames::encoder(g.encoder))
                                   .arg(counts[e].attentionTotal)
                                   .arg(counts[e].mlpTotal),
                               -1);
            if (QStandardItem* header = model ? model->item(layerBox_->count() - 1) : nullptr) {
                header->setFlags(header->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled));
                QFont bold = header->font();
                bold.setBold(true);
                header->setFont(bold);
            }
            for (int l : g.layers) addLayer(l);
        }
    }
    layerBox_->setCurrentIndex(layerBox_->findData(layer_));
}

QString HeatmapView::layerTitle(int layer) const {
    if (encoders_.byEncoder) return EncoderNames::layer(encoders_.parts[size_t(layer)]);
    return QString::fromStdString(frame_.layers[size_t(layer)].name);
}

void HeatmapView::updateCaption() {
    // Steps counted as the status bar counts them: within the epoch. Frames of a saved
    // checkpoint (an opened run) come from the end of an epoch.
    QString text =
        frame_.stepsPerEpoch > 0
            ? tr("Epoch %1, step %2 of %3: mean mask of each class's probe images")
                  .arg(frame_.epoch + 1)
                  .arg(frame_.step)
                  .arg(frame_.stepsPerEpoch)
            : tr("After epoch %1: mean mask of each class's probe images").arg(frame_.epoch + 1);
    if (encoders_.byEncoder && layer_ < int(frame_.layers.size()))
        text += "\n" + EncoderNames::describe(encoders_.parts[size_t(layer_)]);
    caption_->setText(text);
    // Transformers: the axis says which kind of neuron the columns are.
    QString axis;
    if (encoders_.byEncoder && layer_ < int(frame_.layers.size())) {
        const QString block = EncoderNames::block(encoders_.parts[size_t(layer_)].block);
        axis = sortByClass_ ? tr("%1 neurons, sorted by the class that uses them most").arg(block)
                            : tr("%1 neuron").arg(block);
    } else {
        axis = sortByClass_ ? tr("neurons, sorted by the class that uses them most") : tr("neuron");
    }
    plot_->xAxis->setLabel(axis);
}

QString HeatmapView::caption() const {
    return caption_->text();
}

void HeatmapView::setLayer(int index) {
    layer_ = index;
    const int entry = layerBox_->findData(index);
    if (layerBox_->currentIndex() != entry) layerBox_->setCurrentIndex(entry);
    updateCaption();
    redraw();
}

void HeatmapView::setSortByClass(bool sort) {
    sortByClass_ = sort;
    if (sortBox_->isChecked() != sort) sortBox_->setChecked(sort);
    readout_->clear();  // it named the neuron under the mouse in the old order
    updateCaption();
    redraw();
}

double HeatmapView::cell(int column, int classId) const {
    if (layer_ >= int(frame_.layers.size())) return NAN;
    return frame_.layers[layer_].at(classId, neuronAt(column));
}

QString HeatmapView::readout() const {
    return readout_->text();
}

void HeatmapView::redraw() {
    if (layer_ >= int(frame_.layers.size())) return;
    const auto& l = frame_.layers[layer_];
    const int classes = int(frame_.classNames.size());
    order_ = neuronOrder(l, classes, sortByClass_);
    // The one-image strips use the same order, layer by layer: a column is the same neuron in
    // both views.
    std::vector<std::vector<int>> orders;
    for (const auto& layer : frame_.layers)
        orders.push_back(neuronOrder(layer, classes, sortByClass_));
    samples_->setNeuronOrders(orders);
    map_->setVisible(true);
    map_->data()->setSize(l.units, classes);
    map_->data()->setRange(QCPRange(0, std::max(1, l.units - 1)),
                           QCPRange(0, std::max(1, classes - 1)));
    for (int x = 0; x < l.units; ++x)
        for (int c = 0; c < classes; ++c) map_->data()->setCell(x, c, l.at(c, order_[x]));
    plot_->xAxis->setRange(-0.5, l.units - 0.5);
    plot_->yAxis->setRange(-0.5, classes - 0.5);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::showValueAt(const QPointF& pixel) {
    if (layer_ >= int(frame_.layers.size())) return;
    const auto& l = frame_.layers[layer_];
    const int column = int(std::lround(plot_->xAxis->pixelToCoord(pixel.x())));
    const int classId = int(std::lround(plot_->yAxis->pixelToCoord(pixel.y())));
    if (column < 0 || column >= l.units || classId < 0 ||
        classId >= int(frame_.classNames.size())) {
        readout_->clear();
        return;
    }
    // Sorted, a column's position is not the neuron's number: the read-out names both.
    const QString neuron = sortByClass_
                               ? tr("neuron %1 (column %2)").arg(neuronAt(column)).arg(column)
                               : tr("neuron %1").arg(neuronAt(column));
    readout_->setText(
        tr("%1, %2, class %3: %4")
            .arg(layerTitle(layer_), neuron, QString::fromStdString(frame_.classNames[classId]))
            .arg(l.at(classId, neuronAt(column)), 0, 'f', 3));
}

bool HeatmapView::exportTo(const QString& path, QString* error) const {
    if (frame_.layers.empty()) {
        if (error) *error = tr("There are no masks to export yet.");
        return false;
    }
    if (QFileInfo(path).suffix().compare("csv", Qt::CaseInsensitive) == 0) {
        // Every layer, neurons by number; `column` is where the view draws each one.
        const int classes = int(frame_.classNames.size());
        QList<QStringList> rows;
        for (const auto& layer : frame_.layers) {
            const std::vector<int> order = neuronOrder(layer, classes, sortByClass_);
            std::vector<int> columnOf(order.size());
            for (size_t c = 0; c < order.size(); ++c) columnOf[size_t(order[c])] = int(c);
            for (int k = 0; k < classes; ++k)
                for (int j = 0; j < layer.units; ++j)
                    rows << QStringList{QString::fromStdString(layer.name),
                                        QString::fromStdString(frame_.classNames[size_t(k)]),
                                        QString::number(j), QString::number(columnOf[size_t(j)]),
                                        QString::number(double(layer.at(k, j)), 'g', 7)};
        }
        return writeCsv(path, {"layer", "class", "neuron", "column", "mean_mask"}, rows, error);
    }
    QString title = layerTitle(layer_);
    if (!exportTitle_.isEmpty()) title = exportTitle_ + " · " + title;
    return exportPlots({plot_}, path, error, title + " · " + caption_->text().section('\n', 0, 0));
}
