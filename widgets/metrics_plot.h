// Live curves of a training run: loss parts on one axis rect, accuracy and neuron retention on
// the other. Fed MetricsEvent values; repaints at most every 50 ms however fast events arrive.
#pragma once

#include <QHash>
#include <QTimer>
#include <QWidget>

#include "nemo/metrics_event.h"

class QCustomPlot;
class QCPGraph;

class MetricsPlot : public QWidget {
    Q_OBJECT
  public:
    explicit MetricsPlot(QWidget* parent = nullptr);

    void clear();
    void addEvent(const nemo::MetricsEvent& event);
    int pointCount(const QString& series) const;  // for tests and status
    QCustomPlot* lossPlot() const { return loss_; }
    QCustomPlot* ratePlot() const { return rate_; }

  private:
    QCPGraph* graph(QCustomPlot* plot, const QString& key, const QString& label,
                    const QColor& color, bool dashed = false);
    void add(QCustomPlot* plot, const QString& key, const QString& label, const QColor& color,
             double x, double y, bool dashed = false);
    void scheduleReplot();

    QCustomPlot* loss_;
    QCustomPlot* rate_;
    QHash<QString, QCPGraph*> graphs_;
    QTimer replotTimer_;
};
