// The workbench window: experiment settings on the left; tabs for live training curves, class x
// neuron heatmaps, modules and data; run controls in the toolbar, progress in the status bar.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>

#include "nemo/train_config.h"

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class MetricsPlot;
class HeatmapView;
class TrainingWorker;
class RunFollower;
class RunMasksLoader;
class QMenu;
class ModulesTab;
class CompareTab;
class DataTab;
class DatasetPreviewLoader;
namespace nemo {
struct MetricsEvent;
}

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void applyQuickDemo();
    void applyTransformerDemo();
    nemo::TrainConfig configFromForm() const;
    MetricsPlot* metricsPlot() const { return plot_; }
    HeatmapView* heatmapView() const { return heatmap_; }
    ModulesTab* modulesTab() const { return modulesTab_; }
    DataTab* dataTab() const { return dataTab_; }
    TrainingWorker* worker() const { return worker_; }

    // Shows a run folder's curves and follows the file while it grows (a headless run).
    bool openRun(const QString& runDir);
    RunFollower* follower() const { return follower_; }
    // Shows a study folder (nemo study) in the Compare tab; says why when it cannot.
    bool openStudy(const QString& studyDir);
    CompareTab* compareTab() const { return compareTab_; }
    // Overlays another run's curves in the Training tab; says why when it cannot.
    bool compareRun(const QString& runDir);
    // Shows RUN/config.json's dataset, model, mode and hyper-parameters in the form.
    void applyRunConfig(const QString& runDir);

  public slots:
    void startTraining();
    void togglePause();
    void stopTraining();
    void showPreferences();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    QWidget* buildExperimentPanel();
    void onModelChanged(const QString& model);
    void followLossDefaults();
    void onMetrics(const nemo::MetricsEvent& e);
    void onFinished(bool stopped, double accuracy, double retention);
    void onFailed(const QString& reason);
    void setRunning(bool running);
    void log(const QString& text);
    void buildMenus();
    void rememberRun(const QString& runDir);
    void refreshRecentRuns();

    TrainingWorker* worker_;
    RunFollower* follower_;
    RunMasksLoader* masksLoader_;  // the Neurons tab's masks of an opened run
    QMenu* recentMenu_ = nullptr;
    MetricsPlot* plot_;
    HeatmapView* heatmap_;
    DatasetPreviewLoader* datasets_;
    ModulesTab* modulesTab_;
    CompareTab* compareTab_;
    QString runName_;  // the shown run, as the Training tab's legend names it
    DataTab* dataTab_;
    QPlainTextEdit* log_;
    QTabWidget* tabs_;
    QComboBox *preset_, *dataset_, *model_, *mode_;
    QCheckBox* maskAttention_;
    QLineEdit* teacher_;  // DeiT's teacher run folder
    QPushButton* teacherBrowse_;
    QDoubleSpinBox *distillAlpha_, *distillTau_;
    // The mode and model whose default loss settings the form last showed (followLossDefaults).
    QString lossDefaultsMode_ = "nemo", lossDefaultsModel_ = "minivgg";
    QSpinBox *epochs_, *batchSize_, *limitTrain_, *threads_, *seed_;
    QDoubleSpinBox *lr_, *lrMask_, *alpha_, *beta_, *temperature_;
    QLineEdit* outDir_;
    QAction *startAction_, *pauseAction_, *stopAction_;
    QProgressBar* progress_;
    QLabel* status_;
    QElapsedTimer runClock_;
};
