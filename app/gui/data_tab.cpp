#include "data_tab.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>
#include <numeric>

#include "sample_gallery.h"

namespace {

QTableWidgetItem* number(qint64 n) {
    auto* item = new QTableWidgetItem(QLocale().toString(n));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

}  // namespace

DataTab::DataTab(DatasetPreviewLoader* datasets, QWidget* parent)
    : QWidget(parent), datasets_(datasets) {
    header_ = new QLabel;
    header_->setWordWrap(true);
    gallery_ = new SampleGallery;
    gallery_->setThumbnailSize(56);
    counts_ = new QTableWidget(0, 3);
    counts_->setHorizontalHeaderLabels({tr("Class"), tr("Train"), tr("Test")});
    counts_->horizontalHeaderItem(1)->setToolTip(tr("Images in the training split"));
    counts_->horizontalHeaderItem(2)->setToolTip(tr("Images in the test split"));
    counts_->verticalHeader()->hide();
    counts_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    counts_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    counts_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    counts_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    counts_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    auto* body = new QHBoxLayout;
    body->addWidget(gallery_, 1);
    body->addWidget(counts_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header_);
    layout->addLayout(body, 1);

    connect(datasets_, &DatasetPreviewLoader::loading, this, &DataTab::onLoading);
    connect(datasets_, &DatasetPreviewLoader::ready, this, &DataTab::onReady);
}

void DataTab::showDataset(const QString& name, const QString& dataDir) {
    name_ = name;
    dataDir_ = dataDir;
    datasets_->request(name, dataDir);
}

QString DataTab::headerText() const {
    return header_->text();
}

void DataTab::onLoading(const QString& name) {
    if (name != name_) return;
    header_->setText(tr("Reading %1...").arg(name));
    gallery_->showMessage(tr("Reading %1...").arg(name));
}

void DataTab::onReady(const DatasetPreview& p) {
    if (p.name != name_ || p.dataDir != dataDir_) return;  // an older request
    if (!p.ok()) {
        header_->setText(tr("<b>%1</b> cannot be shown.").arg(p.name.toHtmlEscaped()));
        gallery_->showMessage(
            tr("%1\n\nInstall the dataset, or give the folder that holds its files in the "
               "Experiment panel's Data folder field.")
                .arg(p.error));
        counts_->setRowCount(0);
        return;
    }
    const qint64 train = std::accumulate(p.trainCounts.begin(), p.trainCounts.end(), qint64(0));
    const qint64 test = std::accumulate(p.testCounts.begin(), p.testCounts.end(), qint64(0));
    header_->setText(
        tr("<b>%1</b>: %2 training and %3 test images, %4 x %5 pixels, %6, in %7 classes. "
           "The first %8 training images of each class:")
            .arg(p.name.toHtmlEscaped(), QLocale().toString(train), QLocale().toString(test))
            .arg(p.width)
            .arg(p.height)
            .arg(p.channels == 1 ? tr("grayscale") : tr("colour"))
            .arg(p.classNames.size())
            .arg(DatasetPreviewLoader::kSamplesPerClass));
    QStringList captions;
    for (int c = 0; c < p.classNames.size(); ++c)
        captions
            << tr("class %1, %2 images").arg(c).arg(QLocale().toString(p.trainCounts.value(c)));
    gallery_->setSamples(p.classNames, p.samples, captions);
    counts_->setRowCount(p.classNames.size() + 1);
    for (int c = 0; c < p.classNames.size(); ++c) {
        auto* name = new QTableWidgetItem(p.classNames[c]);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        counts_->setItem(c, 0, name);
        counts_->setItem(c, 1, number(p.trainCounts.value(c)));
        counts_->setItem(c, 2, number(p.testCounts.value(c)));
    }
    const int last = p.classNames.size();
    auto* total = new QTableWidgetItem(tr("All classes"));
    total->setFlags(Qt::ItemIsEnabled);
    QFont bold = total->font();
    bold.setBold(true);
    total->setFont(bold);
    counts_->setItem(last, 0, total);
    counts_->setItem(last, 1, number(train));
    counts_->setItem(last, 2, number(test));
    counts_->item(last, 1)->setFont(bold);
    counts_->item(last, 2)->setFont(bold);
    // Exactly as wide as its columns: the gallery gets the rest of the room.
    counts_->resizeColumnsToContents();
    int width = 2 * counts_->frameWidth() + counts_->verticalScrollBar()->sizeHint().width();
    for (int c = 0; c < counts_->columnCount(); ++c) width += counts_->columnWidth(c);
    counts_->setFixedWidth(width);
}
