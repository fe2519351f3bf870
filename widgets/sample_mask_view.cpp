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
    frame_ = frame;
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

double SampleMaskView::cell(int layer, int neuron) const {
    if (sample_ < 0 || layer < 0 || layer >= int(frame_.layers.size())) return NAN;
    const auto& l = frame_.layers[size_t(layer)];
    return neuron >= 0 && neuron < l.units ? l.sampleAt(sample_, neuron) : NAN;
}

QString SampleMaskView::summary() const {
    return summary_->text();
}

QString SampleMaskView::readout() const {
    return readout_->text();
}

void SampleMaskView::redraw() {
    const int rows = int(frame_.layers.size());
    int widest = 1;
    for (const auto& l : frame_.layers) widest = std::max(widest, l.units);
    map_->data()->setSize(widest, rows);
    map_->data()->setRange(QCPRange(0, std::max(1, widest - 1)),
                           QCPRange(0, std::max(1, rows - 1)));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    QStringList lines;
    for (int r = 0; r < rows; ++r) {
        const auto& l = frame_.layers[size_t(r)];
        int active = 0;
        for (int j = 0; j < widest; ++j) {
            const double v = j < l.units ? l.sampleAt(sample_, j) : NAN;
            map_->data()->setCell(j, r, v);
            if (j < l.units && v > 0) ++active;
        }
        const QString name = QString::fromStdString(l.name);
        ticker->addTick(r, name);
        // "Active" is the engine's retention rule: a mask value above zero keeps the neuron.
        lines << tr("%1: %2 of %3 neurons active").arg(name).arg(active).arg(l.units);
    }
    plot_->yAxis->setTicker(ticker);
    plot_->xAxis->setRange(-0.5, widest - 0.5);
    plot_->yAxis->setRange(-0.5, rows - 0.5);
    summary_->setText(
        tr("Probe image %1, class %2")
            .arg(sample_ + 1)
            .arg(QString::fromStdString(
                frame_.classNames[size_t(frame_.probeImages->labels[size_t(sample_)])])) +
        "\n" + lines.join('\n'));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SampleMaskView::showValueAt(const QPointF& pixel) {
    const int neuron = int(std::lround(plot_->xAxis->pixelToCoord(pixel.x())));
    const int layer = int(std::lround(plot_->yAxis->pixelToCoord(pixel.y())));
    const double v = cell(layer, neuron);
    if (std::isnan(v)) {
        readout_->clear();
        return;
    }
    readout_->setText(tr("%1, neuron %2: mask %3")
                          .arg(QString::fromStdString(frame_.layers[size_t(layer)].name))
                          .arg(neuron)
                          .arg(v, 0, 'f', 3));
}
