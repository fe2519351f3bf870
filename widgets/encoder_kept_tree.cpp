#include "encoder_kept_tree.h"

#include <QHeaderView>
#include <QStyledItemDelegate>
#include <algorithm>

namespace {

enum Column { Name, Attention, Mlp, Share };

QString share(int64_t kept, int64_t total) {
    return QString::number(100.0 * double(kept) / double(std::max<int64_t>(1, total)), 'f', 0) +
           " %";
}

QTreeWidgetItem* row(const QStringList& texts) {
    auto* item = new QTreeWidgetItem(texts);
    for (int c = Attention; c <= Share; ++c)
        item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

// Rows as tall as the comparison table's beside the tree, so that the two read as one panel.
class RowHeight : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 6));
        return size;
    }
};

}  // namespace

EncoderKeptTree::EncoderKeptTree(QWidget* parent) : QTreeWidget(parent) {
    setHeaderLabels({tr("Encoder"), tr("Attention kept"), tr("MLP kept"), tr("Share")});
    setToolTip(
        tr("Neurons the module keeps in each encoder: attention (query, key, value and output "
           "projections) and MLP (the feed-forward block's two layers). Open an encoder to see "
           "its layers."));
    setRootIsDecorated(true);
    setIndentation(fontMetrics().height());  // the default indent would widen the first column
    setUniformRowHeights(true);
    setItemDelegate(new RowHeight(this));
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    header()->setStretchLastSection(true);
    // The panel keeps exactly the rows' height, as the CNNs' table does, also when an encoder
    // is opened or closed.
    connect(this, &QTreeWidget::itemExpanded, this, [this] { fitHeight(); });
    connect(this, &QTreeWidget::itemCollapsed, this, [this] { fitHeight(); });
}

bool EncoderKeptTree::setLayers(const std::vector<nemo::LayerKeep>& layers) {
    clear();
    QStringList names;
    std::vector<int64_t> kept, totals;
    for (const auto& l : layers) {
        names << QString::fromStdString(l.name);
        kept.push_back(l.kept);
        totals.push_back(l.total);
    }
    const EncoderLayout layout = groupByEncoder(names);
    if (!layout.byEncoder) return false;
    const std::vector<EncoderCount> counts = countByEncoder(layout, kept, totals);
    EncoderCount all;
    for (size_t e = 0; e < layout.encoders.size(); ++e) {
        const EncoderCount& c = counts[e];
        auto* encoder = row({EncoderNames::encoder(c.encoder),
                             tr("%1 of %2").arg(c.attention).arg(c.attentionTotal),
                             tr("%1 of %2").arg(c.mlp).arg(c.mlpTotal),
                             share(c.attention + c.mlp, c.attentionTotal + c.mlpTotal)});
        for (int l : layout.encoders[e].layers) {
            const EncoderPart& p = layout.parts[size_t(l)];
            const QString count = tr("%1 of %2").arg(kept[size_t(l)]).arg(totals[size_t(l)]);
            const bool attention = p.block == EncoderBlock::Attention;
            encoder->addChild(
                row({EncoderNames::shortPart(p.part), attention ? count : QString(),
                     attention ? QString() : count, share(kept[size_t(l)], totals[size_t(l)])}));
        }
        addTopLevelItem(encoder);
        all.attention += c.attention;
        all.attentionTotal += c.attentionTotal;
        all.mlp += c.mlp;
        all.mlpTotal += c.mlpTotal;
    }
    auto* total =
        row({tr("All encoders"), tr("%1 of %2").arg(all.attention).arg(all.attentionTotal),
             tr("%1 of %2").arg(all.mlp).arg(all.mlpTotal),
             share(all.attention + all.mlp, all.attentionTotal + all.mlpTotal)});
    QFont bold = total->font(Name);
    bold.setBold(true);
    for (int c = Name; c <= Share; ++c) total->setFont(c, bold);
    addTopLevelItem(total);
    // Wide enough for every column, the encoders' layers included (measured open, then closed
    // again): the panel beside it gives way rather than this clipping.
    expandAll();
    int width = 2 * frameWidth();
    for (int c = Name; c <= Share; ++c) {
        resizeColumnToContents(c);
        // The last column stretches: its content, not its width now, is what it needs.
        width += std::max(sizeHintForColumn(c), header()->sectionSizeHint(c));
    }
    setMinimumWidth(width);
    collapseAll();
    fitHeight();
    return true;
}

QString EncoderKeptTree::text(int encoderRow, int column, int layerRow) const {
    const QTreeWidgetItem* item = topLevelItem(encoderRow);
    if (item && layerRow >= 0) item = item->child(layerRow);
    return item ? item->text(column) : QString();
}

void EncoderKeptTree::fitHeight() {
    int rows = 0;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = topLevelItem(i);
        rows += 1 + (item->isExpanded() ? item->childCount() : 0);
    }
    const int rowHeight =
        topLevelItemCount() > 0 ? indexRowSizeHint(indexFromItem(topLevelItem(0))) : 0;
    setFixedHeight(header()->sizeHint().height() + 2 * frameWidth() + rows * rowHeight);
}
