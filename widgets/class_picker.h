// Pick the target classes of a module: a checkable table of class names, each with a sample
// thumbnail so that "class 6" is recognisably "Shirt", and optional per-class value columns
// (the Modules tab shows samples, retention and cohesion there, next to the tick box).
#pragma once

#include <QImage>
#include <QList>
#include <QStringList>
#include <QWidget>
#include <vector>

class QTableWidget;

class ClassPicker : public QWidget {
    Q_OBJECT
  public:
    explicit ClassPicker(QWidget* parent = nullptr);

    // Resets the list; no class is checked. Value columns keep their headers and empty cells.
    void setClasses(const QStringList& names);
    // thumbnails[c] for class c; may arrive after setClasses (the dataset loads in the background).
    void setThumbnails(const QList<QImage>& thumbnails);
    void setChecked(const std::vector<int>& classes);
    std::vector<int> checkedClasses() const;  // ascending
    int classCount() const;
    bool hasThumbnail(int classId) const;

    // Value columns after the class column (column 1 is the first of them).
    void setValueColumns(const QStringList& headers, const QStringList& tooltips = {});
    void setValue(int classId, int column, const QString& text, const QString& tooltip = {});
    QString text(int classId, int column) const;  // column 0: the class

  signals:
    void selectionChanged(const std::vector<int>& classes);

  private:
    QTableWidget* table_;
};
