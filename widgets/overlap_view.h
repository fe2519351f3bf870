// Module overlap: a class x class heatmap of the Jaccard index between class module masks, on a
// fixed [0, 1] scale, class names on both axes, values in the cells when they fit, hover read-out.
// Dark off-diagonal cells mean classes that use separate neurons: cheap, independent modules.
#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

class QLabel;
class QCustomPlot;
class QCPColorMap;
class QCPItemText;

class OverlapView : public QWidget {
    Q_OBJECT
  public:
    explicit OverlapView(QWidget* parent = nullptr);

    // overlap[a][b]: Jaccard index of class a's and class b's modules (NaN: undefined).
    void setOverlap(const QStringList& classNames, const std::vector<std::vector<double>>& overlap);
    void clear();

    double value(int a, int b) const;
    int classCount() const { return names_.size(); }
    QString readout() const;
    // Updates the read-out for a pixel of the plot, as a mouse move does.
    void showValueAt(const QPointF& pixel);
    QCustomPlot* plot() const { return plot_; }
    void setExportTitle(const QString& title) { exportTitle_ = title; }
    // The map as PNG, SVG or PDF, or the class pairs as CSV (class_a, class_b, jaccard).
    bool exportTo(const QString& path, QString* error) const;

  private:
    void updateCellTexts();

    QStringList names_;
    std::vector<std::vector<double>> overlap_;
    QCustomPlot* plot_;
    QCPColorMap* map_;
    QList<QCPItemText*> cellTexts_;
    QLabel* readout_;
    QString exportTitle_;
};
