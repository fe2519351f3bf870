#include "class_picker.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include "sample_image.h"

namespace {
constexpr int kIcon = 28;  // one Fashion-MNIST pixel per screen pixel
}

ClassPicker::ClassPicker(QWidget* parent) : QWidget(parent) {
    table_ = new QTableWidget(0, 1);
    table_->setHorizontalHeaderLabels({tr("Class")});
    table_->setIconSize(QSize(kIcon, kIcon));
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(kIcon + 4);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->setToolTip(tr("Tick the classes the module should recognise"));
    auto* all = new QPushButton(tr("All"));
    auto* none = new QPushButton(tr("None"));
    all->setToolTip(tr("Tick every class"));
    none->setToolTip(tr("Clear the selection"));
    connect(all, &QPushButton::clicked, this, [this] {
        std::vector<int> every(classCount());
        for (int c = 0; c < classCount(); ++c) every[c] = c;
        setChecked(every);
    });
    connect(none, &QPushButton::clicked, this, [this] { setChecked({}); });
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() == 0) emit selectionChanged(checkedClasses());
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(all);
    buttons->addWidget(none);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);
}

void ClassPicker::setClasses(const QStringList& names) {
    {
        const QSignalBlocker blocker(table_);
        table_->clearContents();
        table_->setRowCount(names.size());
        for (int c = 0; c < names.size(); ++c) {
            auto* item = new QTableWidgetItem(QString("%1  %2").arg(c).arg(names[c]));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
            item->setToolTip(tr("Class %1: %2").arg(c).arg(names[c]));
            table_->setItem(c, 0, item);
        }
    }
    emit selectionChanged({});
}

void ClassPicker::setThumbnails(const QList<QImage>& thumbnails) {
    const QSignalBlocker blocker(table_);  // icons are no selection change
    for (int c = 0; c < classCount(); ++c)
        table_->item(c, 0)->setIcon(c < thumbnails.size() ? QIcon(crispPixmap(thumbnails[c], kIcon))
                                                          : QIcon());
}

void ClassPicker::setChecked(const std::vector<int>& classes) {
    {
        const QSignalBlocker blocker(table_);
        for (int c = 0; c < classCount(); ++c) table_->item(c, 0)->setCheckState(Qt::Unchecked);
        for (int c : classes)
            if (c >= 0 && c < classCount()) table_->item(c, 0)->setCheckState(Qt::Checked);
    }
    emit selectionChanged(checkedClasses());
}

std::vector<int> ClassPicker::checkedClasses() const {
    std::vector<int> out;
    for (int c = 0; c < classCount(); ++c)
        if (table_->item(c, 0)->checkState() == Qt::Checked) out.push_back(c);
    return out;
}

int ClassPicker::classCount() const {
    return table_->rowCount();
}

bool ClassPicker::hasThumbnail(int classId) const {
    return classId >= 0 && classId < classCount() && !table_->item(classId, 0)->icon().isNull();
}

void ClassPicker::setValueColumns(const QStringList& headers, const QStringList& tooltips) {
    table_->setColumnCount(1 + headers.size());
    for (int i = 0; i < headers.size(); ++i) {
        auto* header = new QTableWidgetItem(headers[i]);
        header->setToolTip(tooltips.value(i));
        table_->setHorizontalHeaderItem(1 + i, header);
        table_->horizontalHeader()->setSectionResizeMode(1 + i, QHeaderView::ResizeToContents);
    }
}

void ClassPicker::setValue(int classId, int column, const QString& text, const QString& tooltip) {
    if (classId < 0 || classId >= classCount() || column < 1 || column >= table_->columnCount())
        return;
    const QSignalBlocker blocker(table_);
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setToolTip(tooltip);
    table_->setItem(classId, column, item);
}

QString ClassPicker::text(int classId, int column) const {
    const QTableWidgetItem* item = table_->item(classId, column);
    return item ? item->text() : QString();
}
