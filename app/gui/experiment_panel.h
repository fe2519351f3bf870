// The Experiment form on the window's left: preset, dataset, model, method and their settings,
// read and written as one nemo::TrainConfig. It keeps the form's own rules: loss settings follow
// the model family and method while they hold defaults, only the chosen method's fields are
// editable, and a running training locks every setting that defines the run.
#pragma once

#include <QGroupBox>

#include "lesson.h"
#include "nemo/train_config.h"
#include "nemo/training_observer.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

class ExperimentPanel : public QGroupBox {
    Q_OBJECT
  public:
    explicit ExperimentPanel(QWidget* parent = nullptr);

    // The form as the engine's config, with the workbench's logging and heatmap pace.
    nemo::TrainConfig config() const;
    // Shows a run's settings (preset Custom), so Start continues it (same folder) or, with
    // another run folder, repeats it. Leaves the run folder field alone.
    void setConfig(const nemo::TrainConfig& config);
    void applyQuickDemo();
    void applyTransformerDemo();
    // A lesson's preset and settings. Every name is checked first: when one is not offered,
    // nothing changes and `error` says which.
    bool applyLesson(const Lesson& lesson, QString* error);

    QString mode() const;       // nemo, mwt or standard
    QString modeLabel() const;  // as the Mode box shows it
    QString model() const;
    QString dataset() const;
    // The Data folder field: where the dataset is read from (empty: its default location).
    QString dataDir() const;
    // Shows a dataset and its folder without emitting datasetChanged (an opened run's).
    void showDataset(const QString& name, const QString& dataDir);
    QString outDir() const;
    void setOutDir(const QString& dir);
    void setThreads(int threads);

    // While a run trains only its learning rates and loss weights can change (at the next step);
    // everything else defines the run and is locked, not silently ignored.
    void setRunning(bool running);
    bool isLiveSetting(QWidget* field) const;

    // A new folder under the app's data location, named by the time.
    static QString defaultRunDir();

  signals:
    void modeChanged(const QString& mode);
    // The dataset or its folder changed (dataDir() has the folder).
    void datasetChanged(const QString& name);
    // A learning rate or loss weight was edited: `settings` holds that one value; `name` is its
    // label, for the status bar.
    void liveSettingChanged(const nemo::LiveSettings& settings, const QString& name, double value);

  private:
    void buildModelRows();
    void buildDataFolderRow();
    void buildTrainingRows();
    void onModelChanged(const QString& model);
    void followLossDefaults();
    void updateMethodFields();
    void emitLiveSetting(QDoubleSpinBox* box);

    QComboBox *preset_, *dataset_, *model_, *mode_;
    QLineEdit* dataDir_;
    QPushButton* dataDirBrowse_;
    QCheckBox* maskAttention_;
    QLineEdit* teacher_;  // DeiT's teacher run folder
    QPushButton* teacherBrowse_;
    QDoubleSpinBox *distillAlpha_, *distillTau_;
    QSpinBox *epochs_, *batchSize_, *limitTrain_, *threads_, *seed_;
    QDoubleSpinBox *lr_, *lrMask_, *alpha_, *beta_, *temperature_;
    QLineEdit* outDir_;
    // The mode and model whose default loss settings the form last showed (followLossDefaults).
    QString lossDefaultsMode_ = "nemo", lossDefaultsModel_ = "minivgg";
    bool running_ = false;
};
