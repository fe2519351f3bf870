#include "compare_tab.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "heatmap_view.h"
#include "run_masks_loader.h"
#include "run_summary.h"

namespace {

QString methodName(const std::string& method) {
    return QString::fromStdString(nemo::methodLabel(method));
}

// "87.3 ± 1.2 %" from fractions; "-" when missing.
QString percent(const nemo::Estimate& e, int decimals = 1) {
    if (!std::isfinite(e.mean)) return "-";
    QString text = QString::number(100 * e.mean, 'f', decimals);
    if (std::isfinite(e.ci95)) text += QString(" ± %1").arg(100 * e.ci95, 0, 'f', decimals);
    return text + " %";
}

// "+1.2 ± 0.8" points from fractions; "-" when missing.
QString points(const nemo::Estimate& e) {
    if (!std::isfinite(e.mean)) return "-";
    QString text = QString("%1%2").arg(e.mean >= 0 ? "+" : "").arg(100 * e.mean, 0, 'f', 2);
    if (std::isfinite(e.ci95)) text += QString(" ± %1").arg(100 * e.ci95, 0, 'f', 2);
    return text;
}

QString points(double fraction) {
    if (!std::isfinite(fraction)) return "-";
    return QString("%1%2").arg(fraction >= 0 ? "+" : "").arg(100 * fraction, 0, 'f', 1);
}

QTableWidgetItem* cell(const QString& text, bool number = true) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled);
    if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget* makeTable(const QStringList& headers) {
    auto* t = new QTableWidget(0, headers.size());
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    // The first column as wide as its names, the numbers share the rest: the table follows the
    // tab's width instead of widening the page.
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return t;
}

// A table as tall as its rows, so the page scrolls rather than the table.
void fitHeight(QTableWidget* t) {
    int h = t->horizontalHeader()->height() + 2 * t->frameWidth();
    for (int r = 0; r < t->rowCount(); ++r) h += t->rowHeight(r);
    t->setFixedHeight(h);
}

}  // namespace

QString runLabel(const QString& mode, const QString& model) {
    const QString method = methodName(mode.toStdString());
    return model.isEmpty() ? method : method + " · " + model;
}

CompareTab::CompareTab(QWidget* parent) : QWidget(parent), loader_(new RunMasksLoader(this)) {
    title_ =
        new QLabel(tr("No study open. Run one with `nemo study --out DIR`, then open DIR "
                      "with File > Open Study."));
    title_->setWordWrap(true);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    conclusion_ = new QLabel;
    conclusion_->setWordWrap(true);
    conclusion_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    conclusion_->setToolTip(
        tr("The study's own summary: paired NeMo-MwT differences with 95% "
           "intervals, and each method against the standard model"));
    summary_ =
        makeTable({tr("Method"), tr("Modules"), tr("Module accuracy"), tr("vs standard (pt)"),
                   tr("Parameters kept"), tr("Multiply-adds kept"), tr("Neurons kept")});
    summary_->setToolTip(
        tr("Means over seeds and class sets with 95% confidence intervals "
           "(Student's t). The standard model is the whole network"));

    auto* plotRow = new QHBoxLayout;
    for (int i = 0; i < 2; ++i) {
        auto* plot = new QLabel;
        plot->setAlignment(Qt::AlignCenter);
        plot->setMinimumSize(240, 160);
        plots_ << plot;
        plotRow->addWidget(plot, 1);
    }

    classSet_ = new QComboBox;
    classSet_->setObjectName("compareClassSet");
    classSet_->setToolTip(tr("The modules every method cut for the same classes"));
    modules_ = makeTable({tr("Run"), tr("Module accuracy"), tr("Standard model"),
                          tr("vs standard (pt)"), tr("Parameters kept"), tr("Multiply-adds kept")});
    connect(classSet_, &QComboBox::currentIndexChanged, this, &CompareTab::showClassSet);
    auto* setBox = new QGroupBox(tr("One class set"));
    auto* setLayout = new QVBoxLayout(setBox);
    auto* setRow = new QHBoxLayout;
    setRow->addWidget(new QLabel(tr("Classes")));
    setRow->addWidget(classSet_, 1);
    setLayout->addLayout(setRow);
    setLayout->addWidget(modules_);

    seed_ = new QComboBox;
    seed_->setObjectName("compareSeed");
    seed_->setToolTip(tr("The runs trained with this seed"));
    connect(seed_, &QComboBox::currentIndexChanged, this, &CompareTab::showSeed);
    left_ = new HeatmapView;
    right_ = new HeatmapView;
    left_->setCompact(true);
    right_->setCompact(true);
    leftTitle_ = new QLabel;
    rightTitle_ = new QLabel;
    for (QLabel* l : {leftTitle_, rightTitle_}) l->setAlignment(Qt::AlignCenter);
    // The same layer on both sides: the two runs share the architecture.
    connect(left_->layerSelector(), &QComboBox::currentIndexChanged, this, [this](int i) {
        if (right_->layerSelector()->currentIndex() != i)
            right_->layerSelector()->setCurrentIndex(i);
    });
    connect(right_->layerSelector(), &QComboBox::currentIndexChanged, this, [this](int i) {
        if (left_->layerSelector()->currentIndex() != i) left_->layerSelector()->setCurrentIndex(i);
    });
    connect(loader_, &RunMasksLoader::loaded, this,
            [this](const QString& run, const nemo::HeatmapFrame& frame) {
                if (run == leftRun_) left_->setFrame(frame);
                if (run == rightRun_) right_->setFrame(frame);
                // Both frames have the same layers: show the layer picked on the other side.
                const int layer = (run == leftRun_ ? right_ : left_)->currentLayer();
                (run == leftRun_ ? left_ : right_)->setLayer(layer);
            });
    connect(loader_, &RunMasksLoader::failed, this, [this](const QString& run, const QString& why) {
        if (run == leftRun_) left_->clear(why);
        if (run == rightRun_) right_->clear(why);
    });
    auto* mapsBox = new QGroupBox(tr("The same layer, side by side"));
    auto* maps = new QGridLayout(mapsBox);
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(new QLabel(tr("Seed")));
    seedRow->addWidget(seed_);
    seedRow->addStretch();
    maps->addLayout(seedRow, 0, 0, 1, 2);
    maps->addWidget(leftTitle_, 1, 0);
    maps->addWidget(rightTitle_, 1, 1);
    maps->addWidget(left_, 2, 0);
    maps->addWidget(right_, 2, 1);
    left_->setMinimumHeight(380);
    right_->setMinimumHeight(380);

    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(title_);
    layout->addWidget(conclusion_);
    layout->addWidget(summary_);
    layout->addLayout(plotRow);
    layout->addWidget(setBox);
    layout->addWidget(mapsBox);
    layout->addStretch();
    scroll_ = new QScrollArea;
    scroll_->setWidgetResizable(true);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->setWidget(page);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll_);
    left_->clear(tr("Open a study to compare its runs' masks."));
    right_->clear(QString());
}

bool CompareTab::openStudy(const QString& studyDir, QString* error) {
    nemo::StudyResult study;
    try {
        study = nemo::readStudy(studyDir.toStdString());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    study_ = std::move(study);
    dir_ = studyDir;
    classNames_.clear();
    for (const auto& run : study_.runs) {
        RunSummary s;
        if (RunSummary::load(dir_ + "/" + QString::fromStdString(run.runDir), &s, nullptr)) {
            classNames_ = s.classNames;
            break;
        }
    }
    const nemo::StudyOptions& o = study_.options;
    QStringList methods;
    for (const auto& m : o.methods) methods << methodName(m);
    QStringList seeds;
    for (uint64_t seed : o.seeds) seeds << QString::number(seed);
    title_->setText(tr("<b>Study of %1 on %2</b>: %3; seeds %4; class sets: %5; training "
                       "epochs: %6; fine-tuning epochs per module: %7.<br><i>%8</i>")
                        .arg(QString::fromStdString(o.model), QString::fromStdString(o.dataset),
                             methods.join(", "), seeds.join(", "))
                        .arg(study_.classSets.size())
                        .arg(o.epochs)
                        .arg(o.finetuneEpochs)
                        .arg(QString::fromStdString(study_.command).toHtmlEscaped()));
    conclusion_->setText(study_.conclusion.empty()
                             ? tr("No paired NeMo and MwT modules in this study.")
                             : QString::fromStdString(study_.conclusion));
    showSummary();
    showPlots();
    {
        const QSignalBlocker blocker(classSet_);
        classSet_->clear();
        for (const auto& set : study_.classSets) {
            QStringList names;
            for (int c : set) names << className(c);
            classSet_->addItem(names.join(", "));
        }
    }
    showClassSet(0);
    {
        const QSignalBlocker blocker(seed_);
        seed_->clear();
        for (uint64_t s : o.seeds) seed_->addItem(QString::number(s));
    }
    showSeed(0);
    return true;
}

QString CompareTab::className(int id) const {
    return id >= 0 && id < classNames_.size() ? classNames_[id] : QString::number(id);
}

void CompareTab::showSummary() {
    summary_->setRowCount(int(study_.summaries.size()));
    const QString model = QString::fromStdString(study_.options.model);
    for (int i = 0; i < int(study_.summaries.size()); ++i) {
        const auto& s = study_.summaries[i];
        const bool standard = s.method == "standard";
        QString name = runLabel(QString::fromStdString(s.method), model);
        if (study_.options.thresholds.size() > 1 && std::isfinite(s.threshold))
            name += tr(" at %1").arg(s.threshold, 0, 'f', 2);
        summary_->setItem(i, 0, cell(name, false));
        summary_->setItem(i, 1, cell(QString::number(s.moduleAccuracy.n)));
        summary_->setItem(i, 2, cell(percent(s.moduleAccuracy, 2)));
        summary_->setItem(i, 3, cell(standard ? "-" : points(s.accuracyVsStandard)));
        summary_->setItem(i, 4, cell(percent(s.paramShare)));
        summary_->setItem(i, 5, cell(percent(s.flopShare)));
        summary_->setItem(i, 6, cell(standard ? "-" : percent(s.retention)));
    }
    fitHeight(summary_);
}

void CompareTab::showPlots() {
    for (int i = 0; i < plots_.size(); ++i) {
        QLabel* label = plots_[i];
        const bool have = i < int(study_.plots.size());
        QPixmap image;
        if (have) image.load(dir_ + "/" + QString::fromStdString(study_.plots[i]));
        if (image.isNull()) {
            label->setPixmap({});
            label->setText(have ? tr("%1 is missing").arg(QString::fromStdString(study_.plots[i]))
                                : tr("No plot (the study was written without cairo)"));
            continue;
        }
        label->setText({});
        label->setProperty("image", image);
        label->setPixmap(image.scaledToWidth(plotWidth(), Qt::SmoothTransformation));
        label->setToolTip(
            QDir::toNativeSeparators(dir_ + "/" + QString::fromStdString(study_.plots[i])));
    }
}

int CompareTab::plotWidth() const {
    // Two plots side by side in the scroll area's width.
    return std::max(240, (scroll_->viewport()->width() - 40) / 2);
}

void CompareTab::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    for (QLabel* label : plots_) {
        const QPixmap image = label->property("image").value<QPixmap>();
        if (!image.isNull())
            label->setPixmap(image.scaledToWidth(plotWidth(), Qt::SmoothTransformation));
    }
}

int CompareTab::plotsShown() const {
    int n = 0;
    for (const QLabel* l : plots_) n += l->pixmap().isNull() ? 0 : 1;
    return n;
}

void CompareTab::showClassSet(int index) {
    modules_->setRowCount(0);
    if (index < 0 || index >= int(study_.classSets.size())) return;
    const auto& set = study_.classSets[index];
    const QString model = QString::fromStdString(study_.options.model);
    for (const auto& m : study_.modules) {
        if (m.classes != set) continue;
        const int row = modules_->rowCount();
        modules_->insertRow(row);
        QString name =
            runLabel(QString::fromStdString(m.method), model) + tr(" · seed %1").arg(m.seed);
        if (study_.options.thresholds.size() > 1 && std::isfinite(m.threshold))
            name += tr(" at %1").arg(m.threshold, 0, 'f', 2);
        modules_->setItem(row, 0, cell(name, false));
        modules_->setItem(row, 1, cell(QString::number(100 * m.moduleAccuracy, 'f', 2) + " %"));
        modules_->setItem(row, 2,
                          cell(std::isfinite(m.standardAccuracy)
                                   ? QString::number(100 * m.standardAccuracy, 'f', 2) + " %"
                                   : "-"));
        modules_->setItem(
            row, 3,
            cell(m.method == "standard" ? "-" : points(m.moduleAccuracy - m.standardAccuracy)));
        modules_->setItem(row, 4, cell(QString::number(100 * m.paramShare(), 'f', 1) + " %"));
        modules_->setItem(row, 5, cell(QString::number(100 * m.flopShare(), 'f', 1) + " %"));
    }
    fitHeight(modules_);
}

void CompareTab::showSeed(int index) {
    leftRun_.clear();
    rightRun_.clear();
    if (index < 0 || index >= int(study_.options.seeds.size())) return;
    const uint64_t seed = study_.options.seeds[index];
    // NeMo on the left, MwT on the right: the two methods the study compares.
    QStringList runs, labels;
    for (const char* method : {"nemo", "mwt"}) {
        for (const auto& run : study_.runs) {
            if (run.method != method || run.seed != seed) continue;
            runs << dir_ + "/" + QString::fromStdString(run.runDir);
            labels << runLabel(method, QString::fromStdString(study_.options.model)) +
                          tr(" · seed %1").arg(seed);
        }
    }
    HeatmapView* views[2] = {left_, right_};
    QLabel* titles[2] = {leftTitle_, rightTitle_};
    for (int side = 0; side < 2; ++side) {
        if (side >= runs.size()) {
            titles[side]->clear();
            views[side]->clear(tr("This study has no second modular method to compare."));
            continue;
        }
        (side == 0 ? leftRun_ : rightRun_) = runs[side];
        titles[side]->setText("<b>" + labels[side].toHtmlEscaped() + "</b>");
        views[side]->clear(tr("Computing the masks of %1...").arg(labels[side]));
        loader_->load(runs[side]);
    }
}

QString CompareTab::conclusionText() const {
    return conclusion_->text();
}

QString CompareTab::heatmapTitle(int side) const {
    return (side == 0 ? leftTitle_ : rightTitle_)->text();
}
