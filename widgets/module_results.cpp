#include "module_results.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "encoder_kept_tree.h"
#include "plot_export.h"

namespace {

QTableWidgetItem* cell(const QString& text, bool right = true) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString count(int64_t n) {
    return QLocale().toString(qlonglong(n));
}

QString ratio(double module, double full) {
    return full > 0 && std::isfinite(module) ? QString::number(module / full, 'f', 2) + "x"
                                             : QString("-");
}

// Tables that take exactly their rows' height: the panel stays compact and never scrolls.
void fitHeight(QTableWidget* table) {
    table->resizeColumnsToContents();
    int h = table->horizontalHeader()->height() + 2 * table->frameWidth();
    for (int r = 0; r < table->rowCount(); ++r) h += table->rowHeight(r);
    table->setFixedHeight(h);
}

QTableWidget* makeTable(const QStringList& headers) {
    auto* t = new QTableWidget(0, headers.size());
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return t;
}

}  // namespace

ModuleResults::ModuleResults(QWidget* parent) : QWidget(parent) {
    caption_ = new QLabel;
    caption_->setWordWrap(true);
    compare_ = makeTable({tr("Sub-task"), tr("Module"), tr("Full model"), tr("Module / full")});
    compare_->setToolTip(
        tr("The full model is scored on the same classes, its logits restricted to them"));
    layers_ = makeTable({tr("Layer"), tr("Neurons kept"), tr("Share")});
    layers_->setToolTip(tr("Neurons of each masked layer that the module keeps"));
    encoders_ = new EncoderKeptTree;
    auto* tables = new QHBoxLayout;
    tables->addWidget(compare_, 3, Qt::AlignTop);
    tables->addWidget(layers_, 2, Qt::AlignTop);
    tables->addWidget(encoders_, 2, Qt::AlignTop);
    auto* exportButton = makeExportButton(
        this, "exportResults", tr("Save these results as PNG or SVG, or their numbers as CSV"),
        tr("Export the module's results"), false,
        [this] {
            QStringList ids;
            for (int c : result_.classes) ids << QString::number(c);
            return exportFileName(exportTitle_, "module", "classes_" + ids.join('_'));
        },
        [this](const QString& path, QString* error) { return exportTo(path, error); });
    auto* top = new QHBoxLayout;
    top->addWidget(caption_, 1);
    top->addWidget(exportButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(tables);
    layout->addStretch();
    clear(tr("No module yet: pick classes and press Extract."));
}

void ModuleResults::setResult(const nemo::ExtractResult& r, const QString& caption) {
    result_ = r;
    has_ = true;
    caption_->setText(caption);
    struct Row {
        QString name, module, full, ratio;
    };
    QList<Row> rows = {
        {tr("Accuracy on the sub-task"), QString::number(100 * r.moduleAccuracy, 'f', 1) + " %",
         QString::number(100 * r.fullAccuracy, 'f', 1) + " %",
         QString::number(100 * (r.moduleAccuracy - r.fullAccuracy), 'f', 1) + tr(" points")},
        {tr("Parameters"), count(r.params), count(r.paramsFull),
         ratio(double(r.params), double(r.paramsFull))},
        {tr("FLOPs (multiply-adds per image)"), count(r.flops), count(r.flopsFull),
         ratio(double(r.flops), double(r.flopsFull))},
        {tr("Latency, batch 1"), tr("%1 ms").arg(r.latencyMs, 0, 'f', 2),
         tr("%1 ms").arg(r.latencyMsFull, 0, 'f', 2), ratio(r.latencyMs, r.latencyMsFull)},
        {tr("Latency, batch 128"), tr("%1 ms").arg(r.latencyMs128, 0, 'f', 1),
         tr("%1 ms").arg(r.latencyMsFull128, 0, 'f', 1), ratio(r.latencyMs128, r.latencyMsFull128)},
    };
    // The paper's comparison: a separately trained standard model on the same classes.
    if (std::isfinite(r.standardAccuracy))
        rows.insert(1, {tr("Accuracy vs the standard model"),
                        QString::number(100 * r.moduleAccuracy, 'f', 1) + " %",
                        QString::number(100 * r.standardAccuracy, 'f', 1) + " %",
                        QString::number(100 * (r.moduleAccuracy - r.standardAccuracy), 'f', 1) +
                            tr(" points")});
    compare_->setRowCount(rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        compare_->setItem(i, 0, cell(rows[i].name, false));
        compare_->setItem(i, 1, cell(rows[i].module));
        compare_->setItem(i, 2, cell(rows[i].full));
        compare_->setItem(i, 3, cell(rows[i].ratio));
    }
    compare_->show();
    fitHeight(compare_);
    // Transformer modules: by encoder; any other model: the per-layer table.
    const bool byEncoder = encoders_->setLayers(r.layers);
    encoders_->setVisible(byEncoder);
    layers_->setVisible(!byEncoder);
    if (!byEncoder) fillLayerTable(r);
}

void ModuleResults::fillLayerTable(const nemo::ExtractResult& r) {
    layers_->setRowCount(int(r.layers.size()) + 1);
    int64_t kept = 0, total = 0;
    for (size_t i = 0; i < r.layers.size(); ++i) {
        const auto& l = r.layers[i];
        layers_->setItem(int(i), 0, cell(QString::fromStdString(l.name), false));
        layers_->setItem(int(i), 1, cell(tr("%1 of %2").arg(l.kept).arg(l.total)));
        layers_->setItem(
            int(i), 2,
            cell(QString::number(100.0 * l.kept / std::max<int64_t>(1, l.total), 'f', 0) + " %"));
        kept += l.kept;
        total += l.total;
    }
    const int last = int(r.layers.size());
    layers_->setItem(last, 0, cell(tr("All masked layers"), false));
    layers_->setItem(last, 1, cell(tr("%1 of %2").arg(kept).arg(total)));
    layers_->setItem(
        last, 2, cell(QString::number(100.0 * kept / std::max<int64_t>(1, total), 'f', 0) + " %"));
    fitHeight(layers_);
}

void ModuleResults::clear(const QString& message) {
    has_ = false;
    result_ = {};
    caption_->setText(message);
    compare_->setRowCount(0);
    layers_->setRowCount(0);
    compare_->hide();
    layers_->hide();
    encoders_->clear();
    encoders_->hide();
}

QString ModuleResults::text(int row, int column) const {
    const QTableWidgetItem* item = compare_->item(row, column);
    return item ? item->text() : QString();
}

QString ModuleResults::layerText(int row, int column) const {
    const QTableWidgetItem* item = layers_->item(row, column);
    return item ? item->text() : QString();
}

QString ModuleResults::caption() const {
    return caption_->text();
}

bool ModuleResults::exportTo(const QString& path, QString* error) {
    if (!has_) {
        if (error) *error = tr("There is no module to export yet. Extract one first.");
        return false;
    }
    QStringList names;
    for (const auto& n : result_.classNames) names << QString::fromStdString(n);
    const QString title = (exportTitle_.isEmpty() ? QString() : exportTitle_ + " · ") +
                          tr("module for %1").arg(names.join(", "));
    if (QFileInfo(path).suffix().compare("csv", Qt::CaseInsensitive) != 0)
        return exportWidget(this, path, error, title);
    const nemo::ExtractResult& r = result_;
    auto number = [](double v) {
        return std::isfinite(v) ? QString::number(v, 'g', 10) : QString();
    };
    QList<QStringList> rows = {
        {"accuracy", number(r.moduleAccuracy), number(r.fullAccuracy), number(r.standardAccuracy)},
        {"parameters", number(double(r.params)), number(double(r.paramsFull)), {}},
        {"multiply_adds_per_image", number(double(r.flops)), number(double(r.flopsFull)), {}},
        {"latency_ms_batch_1", number(r.latencyMs), number(r.latencyMsFull), {}},
        {"latency_ms_batch_128", number(r.latencyMs128), number(r.latencyMsFull128), {}},
    };
    for (const nemo::LayerKeep& l : r.layers)
        rows << QStringList{"neurons:" + QString::fromStdString(l.name),
                            number(double(l.kept)),
                            number(double(l.total)),
                            {}};
    return writeCsv(path, {"quantity", "module", "full_model", "standard_model"}, rows, error);
}
