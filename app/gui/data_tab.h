// The Data tab: what the chosen dataset looks like (a row of samples per class) and how many
// images each class has for training and testing. Follows the Experiment panel's dataset and
// the opened run's.
#pragma once

#include <QWidget>

#include "dataset_preview.h"

class QLabel;
class QTableWidget;
class SampleGallery;

class DataTab : public QWidget {
    Q_OBJECT
  public:
    explicit DataTab(DatasetPreviewLoader* datasets, QWidget* parent = nullptr);

    void showDataset(const QString& name, const QString& dataDir = {});
    QString datasetName() const { return name_; }
    SampleGallery* gallery() const { return gallery_; }
    QTableWidget* countsTable() const { return counts_; }
    QString headerText() const;

  private:
    void onLoading(const QString& name);
    void onReady(const DatasetPreview& preview);

    DatasetPreviewLoader* datasets_;
    QString name_, dataDir_;
    QLabel* header_;
    SampleGallery* gallery_;
    QTableWidget* counts_;
};
