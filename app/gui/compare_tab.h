// The Compare tab: a study folder (`nemo study`) made readable. Its conclusion, the methods'
// modules against the standard model with 95% intervals, the study's plots, the modules of one
// class set side by side, and the same masked layer of the NeMo and MwT runs of one seed as two
// heatmaps. Runs are named by method and model (and seed), never by folder or timestamp.
#pragma once

#include <QStringList>
#include <QWidget>

#include "nemo/study.h"

class HeatmapView;
class QComboBox;
class QLabel;
class QScrollArea;
class QTableWidget;
class RunMasksLoader;

class CompareTab : public QWidget {
    Q_OBJECT
  public:
    explicit CompareTab(QWidget* parent = nullptr);

    // Reads DIR/study.json; false (with the reason) when it cannot.
    bool openStudy(const QString& studyDir, QString* error);
    QString studyDir() const { return dir_; }
    const nemo::StudyResult& study() const { return study_; }

    // What is shown, for tests.
    QString conclusionText() const;
    QTableWidget* summaryTable() const { return summary_; }
    QTableWidget* classSetTable() const { return modules_; }
    QComboBox* classSetSelector() const { return classSet_; }
    QComboBox* seedSelector() const { return seed_; }
    int plotsShown() const;  // study plots found and drawn
    HeatmapView* heatmap(int side) const { return side == 0 ? left_ : right_; }
    QString heatmapTitle(int side) const;

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    int plotWidth() const;
    void showSummary();
    void showPlots();
    void showClassSet(int index);
    void showSeed(int index);
    QString className(int id) const;

    nemo::StudyResult study_;
    QString dir_;
    QStringList classNames_;
    QScrollArea* scroll_;
    QLabel *title_, *conclusion_;
    QTableWidget *summary_, *modules_;
    QList<QLabel*> plots_;
    QComboBox *classSet_, *seed_;
    QLabel *leftTitle_, *rightTitle_;
    HeatmapView *left_, *right_;
    RunMasksLoader* loader_;
    QString leftRun_, rightRun_;
};

// "NeMo · minivgg": a run named as a person compares runs (method and model).
QString runLabel(const QString& mode, const QString& model);
