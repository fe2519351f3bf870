// A gallery of dataset samples: one row per class with its name, count and a few images scaled
// up crisply, so users see what each class looks like (and what the model confuses).
#pragma once

#include <QImage>
#include <QList>
#include <QStringList>
#include <QWidget>

class QGridLayout;
class QLabel;

class SampleGallery : public QWidget {
    Q_OBJECT
  public:
    explicit SampleGallery(QWidget* parent = nullptr);

    // samples[c]: images of class c; captions[c] (optional) is shown under the class name.
    void setSamples(const QStringList& classNames, const QList<QList<QImage>>& samples,
                    const QStringList& captions = {});
    // Replaces the gallery by a message (loading, dataset missing, ...).
    void showMessage(const QString& text);
    void setThumbnailSize(int pixels) { thumbnail_ = pixels; }

    int rowCount() const { return rows_; }
    int imageCount(int row) const;
    QString message() const;

  private:
    void clearGrid();

    QGridLayout* grid_;
    QLabel* message_;
    QList<QList<QLabel*>> images_;
    int rows_ = 0;
    int thumbnail_ = 56;
};
