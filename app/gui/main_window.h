// The workbench window: the experiment panel (experiment_panel.h) on the left; tabs for live
// training curves, class x neuron heatmaps, the network, modules, data, comparisons and the log;
// run controls in the toolbar, progress in the status bar. It connects the parts: the panel's
// config starts the training worker, whose reports feed the tabs.
#pragma once

#include <QMainWindow>

#include "eta_estimator.h"
#include "explanations.h"
#include "lesson.h"
#include "nemo/train_config.h"
#include "nemo/training_observer.h"

class QAction;
class QDockWidget;
class QTextBrowser;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QTabWidget;
class ExperimentPanel;
class MetricsPlot;
class HeatmapView;
class NetworkView;
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
    ExperimentPanel* experiment() const { return experiment_; }
    MetricsPlot* metricsPlot() const { return plot_; }
    HeatmapView* heatmapView() const { return heatmap_; }
    NetworkView* networkView() const { return networkView_; }
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

    // Presenter mode (F11): full screen, the experiment panel hidden, larger text.
    void setPresenterMode(bool on);
    bool presenterMode() const { return presenter_; }
    // Text size relative to normal (Ctrl+= and Ctrl+- step it by 10 %).
    void setFontZoom(double factor);
    double fontZoom() const { return fontZoom_; }
    // The "What you see" panel: its text follows the tab shown and the run's method.
    QDockWidget* explanationPanel() const { return explainDock_; }
    QString explanationText() const;
    QString statusText() const;
    // The settings a running training may change; the others are locked while it runs.
    bool isLiveSetting(QWidget* field) const;
    QWidget* experimentPanel() const { return panel_; }
    // Opens a lesson file (lesson.h): its preset and settings fill the form, its steps appear in
    // the "What you see" panel. Says why when the file is not a usable lesson.
    bool openLesson(const QString& path, QString* error = nullptr);
    void startLesson(const Lesson& lesson, QString* error = nullptr);
    int lessonStep() const { return lessonStep_; }  // -1: no lesson
    // Moves the lesson on when `event` (lessonEvents()) is what its current step waits for.
    void lessonEvent(const QString& event);

  public slots:
    void startTraining();
    void togglePause();
    void stopTraining();
    // While running: pause (if needed) and let exactly one training step run.
    void stepTraining();
    // Stops the running training and starts the same settings afresh in a new run folder.
    void restartTraining();
    // 0: full speed; otherwise the pause after every training step, in milliseconds.
    void setStepDelay(int ms);
    void showPreferences();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildCentralArea();
    void buildToolbar();
    void buildExplanationDock();
    void connectParts();
    void onMetrics(const nemo::MetricsEvent& e);
    void onFinished(bool stopped, double accuracy, double retention);
    void onFailed(const QString& reason);
    void setRunning(bool running);
    void updateExplanation();
    // The shown run's name (the Training tab's legend) and its views' export titles.
    void nameShownRun(const QString& name, const QString& runDir);
    // The Neurons and Network tabs show no masks, and say why.
    void clearMasks(const QString& message);
    void sendLiveSetting(const nemo::LiveSettings& settings, const QString& name, double value);
    void fitToScreen();
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
    NetworkView* networkView_;
    DatasetPreviewLoader* datasets_;
    ModulesTab* modulesTab_;
    CompareTab* compareTab_;
    QString runName_;  // the shown run, as the Training tab's legend names it
    DataTab* dataTab_;
    QPlainTextEdit* log_;
    QTabWidget* tabs_;
    ExperimentPanel* experiment_;
    QAction *startAction_, *pauseAction_, *stopAction_, *stepAction_, *restartAction_;
    QAction* presenterAction_ = nullptr;
    QComboBox* speed_;
    QWidget* panel_ = nullptr;  // the experiment panel's scroll area (hidden in presenter mode)
    QDockWidget* explainDock_ = nullptr;
    QTextBrowser* explainText_ = nullptr;
    QString shownMode_ = "nemo";  // method of the run shown (trained or opened)
    bool presenter_ = false;
    double fontZoom_ = 1.0;
    bool wasMaximized_ = false;
    EtaEstimator eta_;
    Lesson lesson_;
    int lessonStep_ = -1;
    QProgressBar* progress_;
    QLabel* status_;
    bool restartPending_ = false;  // restartTraining(): start afresh when this run has ended
};
