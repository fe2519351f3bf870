// The Modules tab: pick classes, preview what a threshold keeps (live, from
// RUN/modular/frequencies.json), compare class modules, then extract a module in a worker thread
// and save it. Shows one run folder at a time.
#pragma once

#include <QMap>
#include <QWidget>
#include <vector>

#include "dataset_preview.h"
#include "modular_data.h"
#include "module_preview.h"
#include "run_summary.h"

class ClassPicker;
class ModuleResults;
class ModuleWorker;
class OverlapView;
class QLabel;
class QProgressBar;
class QPushButton;
class QComboBox;
class QSlider;
class QSpinBox;
namespace nemo {
struct ExtractResult;
}

class ModulesTab : public QWidget {
    Q_OBJECT
  public:
    explicit ModulesTab(DatasetPreviewLoader* datasets, QWidget* parent = nullptr);
    ~ModulesTab() override;

    // Shows a run folder; an empty or invalid one clears the tab (and says why).
    void setRun(const QString& runDir);
    // A training into runDir has started: the tab stops showing the previous run and says when
    // this one can be modularized.
    void setTrainingRun(const QString& runDir);
    QString runDir() const { return run_.runDir; }
    // While the trainer runs it owns the CPU and rewrites checkpoints: no engine work here.
    void setTrainingActive(bool active);
    bool isBusy() const;  // modularizing or extracting
    bool hasModularization() const { return !frequencies_.frequencies.empty(); }

    void setThreshold(double threshold);  // as if the slider were moved
    double threshold() const;
    void setFineTuneEpochs(int epochs);
    // The standard run a module is compared with (empty: none); one not offered yet is added.
    void setBaselineRun(const QString& runDir);
    QString baselineRun() const;
    const ModulePreview& preview() const { return preview_; }
    QString classTableText(int row, int column) const;
    QString selectionSummary() const;
    QString statusText() const;
    ClassPicker* classPicker() const { return picker_; }
    OverlapView* overlapView() const { return overlap_; }
    ModuleResults* results() const { return results_; }
    ModuleWorker* worker() const { return worker_; }
    // The folder of the module shown in the results panel (empty: none).
    QString moduleDir() const { return moduleDir_; }
    // Copies the shown module to `destination` (see copyModuleFolder).
    bool saveModuleTo(const QString& destination, QString* error) const;

  public slots:
    void modularize();
    void extract();
    // The quick path: cut the module out and measure it, without fine-tuning (seconds).
    void quickExtract();
    // Stops a running modularization or extraction after its current step; it writes nothing.
    void stopJob();
    void saveModuleAs();

  signals:
    void message(const QString& text);  // for the window's log
    void busyChanged(bool busy);
    // The neurons the ticked classes' module keeps (kept[layer][unit], layers named), for the
    // Network tab; empty names: no module to show.
    void moduleHighlightChanged(const QStringList& layerNames,
                                const std::vector<std::vector<bool>>& kept,
                                const QString& description);

  private:
    QWidget* buildClassPanel();
    QWidget* buildOverlapPanel();
    QWidget* buildExtractPanel();
    void loadModularFiles();
    void updatePreview();
    void updateClassTable();
    void updateSelection();
    void emitModuleHighlight(const std::vector<int>& classes);
    void showSavedModule();
    void refreshBaselines();
    void updateButtons();
    void setBusy(bool busy, const QString& what = {});
    void setProgressText(const QString& text);
    void onDataset(const DatasetPreview& preview);
    void onExtracted(const nemo::ExtractResult& result);
    void startExtract(int finetuneEpochs);

    DatasetPreviewLoader* datasets_;
    ModuleWorker* worker_;
    RunSummary run_;
    ModularFrequencies frequencies_;
    QMap<int, ModularMetrics> metrics_;  // by threshold in hundredths
    ModulePreview preview_;
    QString moduleDir_;
    bool trainingActive_ = false;
    bool busy_ = false;
    bool modularizing_ = false;  // which job busy_ is about (for the stop message)
    double extractStarted_ = 0;

    QLabel* runLabel_;
    QLabel* thresholdLabel_;
    QSlider* slider_;
    QPushButton* modularizeButton_;
    QLabel* summary_;
    ClassPicker* picker_;
    QLabel* selection_;
    QLabel* datasetNote_;
    QSpinBox* epochs_;
    QComboBox* baseline_;  // item data: the standard run folder; the first item is "none"
    QPushButton *extractButton_, *quickButton_, *stopButton_, *saveButton_;
    QProgressBar* progress_;
    QLabel* progressText_;
    QLabel* cohesionNote_;
    OverlapView* overlap_;
    ModuleResults* results_;
};
