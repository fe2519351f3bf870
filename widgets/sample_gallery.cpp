#include "sample_gallery.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

#include "sample_image.h"

SampleGallery::SampleGallery(QWidget* parent) : QWidget(parent) {
    message_ = new QLabel;
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* content = new QWidget;
    grid_ = new QGridLayout(content);
    grid_->setHorizontalSpacing(4);
    grid_->setVerticalSpacing(4);
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(message_);
    layout->addWidget(scroll, 1);
    message_->hide();
}

void SampleGallery::clearGrid() {
    while (QLayoutItem* item = grid_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int c = 0; c < grid_->columnCount(); ++c) grid_->setColumnStretch(c, 0);
    for (int r = 0; r < grid_->rowCount(); ++r) grid_->setRowStretch(r, 0);
    images_.clear();
    rows_ = 0;
}

void SampleGallery::setSamples(const QStringList& classNames, const QList<QList<QImage>>& samples,
                               const QStringList& captions) {
    clearGrid();
    message_->hide();
    int columns = 0;
    for (int c = 0; c < classNames.size(); ++c) {
        QString text = QString("<b>%1</b>").arg(classNames[c].toHtmlEscaped());
        if (c < captions.size() && !captions[c].isEmpty())
            text += "<br><small>" + captions[c].toHtmlEscaped() + "</small>";
        auto* name = new QLabel(text);
        // Never squeezed: long captions (German) would be cut off inside the scroll area.
        name->setMinimumWidth(std::max(100, name->sizeHint().width()));
        grid_->addWidget(name, c, 0);
        QList<QLabel*> row;
        const QList<QImage> images = c < samples.size() ? samples[c] : QList<QImage>();
        for (int i = 0; i < images.size(); ++i) {
            auto* image = new QLabel;
            image->setPixmap(crispPixmap(images[i], thumbnail_));
            image->setToolTip(tr("%1, sample %2").arg(classNames[c]).arg(i + 1));
            grid_->addWidget(image, c, i + 1);
            row << image;
        }
        columns = std::max(columns, int(images.size()));
        images_ << row;
    }
    rows_ = classNames.size();
    // Rows and columns keep their natural size; spare room goes right and below.
    grid_->setColumnStretch(columns + 1, 1);
    grid_->setRowStretch(rows_, 1);
}

void SampleGallery::showMessage(const QString& text) {
    clearGrid();
    message_->setText(text);
    message_->show();
}

int SampleGallery::imageCount(int row) const {
    return row >= 0 && row < images_.size() ? int(images_[row].size()) : 0;
}

QString SampleGallery::message() const {
    return message_->isHidden() ? QString() : message_->text();
}
