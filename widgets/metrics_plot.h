// The Training tab's curves: loss parts, accuracy and neuron retention, learning rate, each on
// its own plot with a shared epoch axis. TensorBoard-style smoothing (raw curve kept faint), log
// scale for the losses, zoom and pan (wheel, drag; double-click resets), a hover read-out, other
// runs overlaid for comparison, export to PNG, PDF, SVG and CSV. Repaints at most every 50 ms
// however fast events arrive.
#pragma once

#include <QTimer>
#include <QWidget>
#include <vector>

#include "metric_series.h"

class QCheckBox;
class QCustomPlot;
class QCPAbstractItem;
class QCPGraph;
class QCPItemStraightLine;
class QLabel;
class QPushButton;
class QSlider;

class MetricsPlot : public QWidget {
    Q_OBJECT
  public:
    explicit MetricsPlot(QWidget* parent = nullptr);

    // The run being trained or followed (run 0). clear() empties it; compared runs stay.
    void clear();
    void addEvent(const nemo::MetricsEvent& event);
    void setRunName(const QString& name);

    // Another run drawn next to run 0 with its own line style; returns false if it has no
    // points. removeComparedRuns() drops them all.
    bool addComparedRun(const QString& name, const std::vector<nemo::MetricsEvent>& events);
    void removeComparedRuns();
    int runCount() const { return int(runs_.size()); }

    void setSmoothing(double weight);  // 0 (raw) ... 0.99
    double smoothing() const { return smoothing_; }
    void setLogScale(bool on);  // loss plot only: accuracies and rates live in [0, 1]

    // Writes the curves to path; the format follows the suffix (.png, .pdf, .svg, .csv).
    bool exportTo(const QString& path, QString* error);

    // The read-out for epoch x (what hovering there shows).
    void showReadoutAt(double x);
    QString readout() const;

    // For tests: points of a series of run 0, and the drawn (smoothed) values.
    int pointCount(const QString& series) const;
    QVector<double> drawnValues(const QString& series, int run = 0) const;
    QCustomPlot* lossPlot() const { return plots_[kLossPlot]; }
    QCustomPlot* ratePlot() const { return plots_[kAccuracyPlot]; }
    QCustomPlot* lrPlot() const { return plots_[kLearningRatePlot]; }
    void replotNow();
    // For tests: the settings changes marked on the plots ("alpha 1.3 -> 0.5"), in order.
    QStringList changeMarks() const;
    // Whether the legends sit beside the plots (runs compared: many entries) rather than over
    // a corner of them.
    bool legendsBeside() const;

  protected:
    void changeEvent(QEvent* event) override;

  signals:
    // "Add run to compare..." was pressed: the window picks a run folder and reads it.
    void compareRequested();

  private:
    struct RunGraphs {
        MetricsRun data;
        std::vector<QCPGraph*> raw, smooth;  // per metricSpecs() entry, created when needed
        bool dirty = true;
    };
    void ensureGraphs(int run, size_t metric);
    void refreshGraphs();
    void refreshChangeMarks();
    void placeLegends();
    void fitToFonts();
    void updateNames();
    void rescale();
    void scheduleReplot();
    void exportWithDialog();
    int specIndex(const QString& key) const;

    QCustomPlot* plots_[kMetricPlotCount];
    QCPItemStraightLine* cursor_[kMetricPlotCount];
    std::vector<QCPAbstractItem*> changeItems_;  // run 0's change marks: lines and labels
    std::vector<RunGraphs> runs_;
    double smoothing_ = 0.6;
    bool userView_ = false;  // the user zoomed or panned: stop following new points
    QSlider* smoothSlider_;
    QLabel* smoothLabel_;
    QCheckBox* logBox_;
    QPushButton* removeCompared_;
    QLabel* readout_;
    QTimer replotTimer_;
};
