#include "experiment_panel.h"

#include <functional>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardPaths>

#include "app_settings.h"
#include "model_choices.h"
#include "nemo/dataset.h"
#include "nemo/model_catalog.h"

namespace {

// A folder field with its Browse button beside it; `picked` runs after the dialog set a folder.
QHBoxLayout* folderRow(QWidget* parent, QLineEdit* edit, QPushButton* browse,
                       const QString& dialogTitle, const std::function<void()>& picked = {}) {
    QObject::connect(browse, &QPushButton::clicked, parent, [=] {
        const QString dir = QFileDialog::getExistingDirectory(parent, dialogTitle, edit->text());
        if (dir.isEmpty()) return;
        edit->setText(dir);
        if (picked) picked();
    });
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return row;
}

QDoubleSpinBox* doubleBox(double min, double max, double value, int decimals, double step,
                          const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setValue(value);
    box->setToolTip(tip);
    return box;
}

QSpinBox* intBox(int min, int max, int value, const QString& tip) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setValue(value);
    box->setToolTip(tip);
    return box;
}

}  // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent) : QGroupBox(tr("Experiment"), parent) {
    new QFormLayout(this);
    buildModelRows();
    buildTrainingRows();
    setMinimumWidth(300);
    connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
        followLossDefaults();
        updateMethodFields();
        emit modeChanged(mode());
    });
    connect(dataset_, &QComboBox::currentTextChanged, this, &ExperimentPanel::datasetChanged);
    for (QDoubleSpinBox* box : {lr_, lrMask_, alpha_, beta_, temperature_})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, box] { emitLiveSetting(box); });
    onModelChanged(model_->currentText());
    updateMethodFields();
}

void ExperimentPanel::buildDataFolderRow() {
    auto* form = static_cast<QFormLayout*>(layout());
    dataDir_ = new QLineEdit;
    dataDir_->setObjectName("dataDir");
    dataDir_->setPlaceholderText(tr("default location"));
    dataDir_->setToolTip(
        tr("Folder the dataset is read from (nemo train --data-dir); empty: its default location "
           "(Settings). For \"folder\", your own images: DIR/train/<class>/*.png or *.jpg with "
           "DIR/test/<class>/..., or DIR/<class>/... split 80/20"));
    connect(dataDir_, &QLineEdit::editingFinished, this,
            [this] { emit datasetChanged(dataset()); });
    dataDirBrowse_ = new QPushButton(tr("Browse..."));
    dataDirBrowse_->setObjectName("dataDirBrowse");
    dataDirBrowse_->setToolTip(tr("Pick the dataset's folder"));
    form->addRow(tr("Data folder"), folderRow(this, dataDir_, dataDirBrowse_, tr("Dataset folder"),
                                              [this] { emit datasetChanged(dataset()); }));
}

QString ExperimentPanel::defaultRunDir() {
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return base + "/runs/run-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
}

void ExperimentPanel::buildModelRows() {
    auto* form = static_cast<QFormLayout*>(layout());
    preset_ = new QComboBox;
    preset_->addItems({tr("Custom"), tr("Quick demo"), tr("Transformer demo")});
    preset_->setToolTip(
        tr("Quick demo: minivgg on 20,000 Fashion-MNIST images, modules form in "
           "about a minute. Transformer demo: vit_tiny on the same images, attention and MLP "
           "neurons form modules in a few minutes"));
    connect(preset_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i == 1) applyQuickDemo();
        if (i == 2) applyTransformerDemo();
    });
    form->addRow(tr("Preset"), preset_);

    dataset_ = new QComboBox;
    dataset_->setObjectName("dataset");
    for (const auto& name : nemo::datasetNames()) dataset_->addItem(QString::fromStdString(name));
    dataset_->setToolTip(tr("Dataset to train on; Fashion-MNIST ships with Debian"));
    form->addRow(tr("Dataset"), dataset_);
    buildDataFolderRow();
    model_ = new QComboBox;
    model_->setObjectName("model");
    for (const ModelChoice& m : modelChoices()) {
        model_->addItem(m.name);
        model_->setItemData(model_->count() - 1, m.description, Qt::ToolTipRole);
    }
    QStringList ours, papers;
    for (const nemo::ModelInfo& info : nemo::modelCatalog())
        (info.ours ? ours : papers).append(QString::fromStdString(info.name));
    model_->setToolTip(tr("Architecture: %1 are ours, small enough for a laptop CPU; %2 are the "
                          "paper's CNNs and Transformers")
                           .arg(ours.join(", "), papers.join(", ")));
    form->addRow(tr("Model"), model_);
    maskAttention_ = new QCheckBox(tr("Mask query, key and value"));
    maskAttention_->setObjectName("maskAttention");
    maskAttention_->setChecked(true);
    maskAttention_->setToolTip(
        tr("Transformers: mask generators on the attention's query, key and value projections "
           "too, as in the paper. Off: only the attention output and the MLP are masked "
           "(nemo train --unmasked-qkv). CNNs have no attention."));
    form->addRow(tr("Attention"), maskAttention_);
    teacher_ = new QLineEdit;
    teacher_->setObjectName("teacher");
    teacher_->setPlaceholderText(tr("none: learn from the labels"));
    teacher_->setToolTip(
        tr("DeiT only (deit_tiny, deit_s): a run folder the engine trained on the same dataset, "
           "whose predictions teach the distillation head; the paper uses a standard resnet18. "
           "The distillation loss replaces the cross-entropy (docs/method.md §3.5; nemo train "
           "--teacher). Empty: no teacher."));
    teacherBrowse_ = new QPushButton(tr("Browse..."));
    teacherBrowse_->setObjectName("teacherBrowse");
    teacherBrowse_->setToolTip(tr("Pick the teacher's run folder"));
    form->addRow(tr("Teacher run"),
                 folderRow(this, teacher_, teacherBrowse_, tr("Teacher run folder")));
    distillAlpha_ = doubleBox(0.0, 1.0, 0.5, 2, 0.1,
                              tr("Distillation alpha: weight of the labels' cross-entropy on the "
                                 "class head; the rest goes to matching the teacher "
                                 "(nemo train --distill-alpha)"));
    distillAlpha_->setObjectName("distillAlpha");
    distillAlpha_->setPrefix(QStringLiteral("α "));
    distillTau_ = doubleBox(0.1, 20.0, 1.0, 2, 0.5,
                            tr("Distillation temperature: softens the teacher's and the "
                               "student's predictions before they are compared "
                               "(nemo train --distill-tau)"));
    distillTau_->setObjectName("distillTau");
    distillTau_->setPrefix(QStringLiteral("τ "));
    auto* distillRow = new QHBoxLayout;
    distillRow->addWidget(distillAlpha_, 1);
    distillRow->addWidget(distillTau_, 1);
    form->addRow(tr("Distillation"), distillRow);
    connect(model_, &QComboBox::currentTextChanged, this, &ExperimentPanel::onModelChanged);
    mode_ = new QComboBox;
    mode_->addItem(tr("NeMo (contrastive)"), "nemo");
    mode_->addItem(tr("MwT (cohesion/coupling)"), "mwt");
    mode_->addItem(tr("Standard"), "standard");
    mode_->setToolTip(tr("How the masks are trained; Standard trains without masks"));
    form->addRow(tr("Mode"), mode_);
}

void ExperimentPanel::buildTrainingRows() {
    auto* form = static_cast<QFormLayout*>(layout());
    epochs_ = intBox(1, 1000, 3, tr("Passes over the training set"));
    form->addRow(tr("Epochs"), epochs_);
    batchSize_ = intBox(2, 4096, 128, tr("Images per training step"));
    form->addRow(tr("Batch size"), batchSize_);
    lr_ = doubleBox(0.0001, 1.0, 0.05, 4, 0.01, tr("Learning rate of the model's weights"));
    form->addRow(tr("Learning rate"), lr_);
    lrMask_ = doubleBox(0.0001, 1.0, 0.05, 4, 0.01, tr("Learning rate of the mask generators"));
    form->addRow(tr("Mask learning rate"), lrMask_);
    const nemo::LossDefaults loss =
        nemo::lossDefaults(nemo::TrainMode::Nemo, lossDefaultsModel_.toStdString());
    alpha_ = doubleBox(0.0, 10.0, loss.alpha, 3, 0.1,
                       tr("Weight of the contrastive (NeMo) or cohesion (MwT) loss. It starts "
                          "at the value the published code used for the model's family and "
                          "method: NeMo 1.3 for CNNs, 1.1 for ResNets, 0.1 for Transformers; MwT "
                          "0.5"));
    form->addRow(tr("Alpha"), alpha_);
    beta_ = doubleBox(0.0, 10.0, loss.beta, 3, 0.1, tr("Weight of the coupling loss (MwT only)"));
    form->addRow(tr("Beta"), beta_);
    temperature_ = doubleBox(0.01, 5.0, loss.temperature, 3, 0.05,
                             tr("Temperature of the contrastive loss: lower separates classes "
                                "more sharply"));
    form->addRow(tr("Temperature"), temperature_);
    limitTrain_ = intBox(0, 10000000, 0, tr("Use only the first N training images (0: all)"));
    form->addRow(tr("Training images"), limitTrain_);
    seed_ = intBox(0, 1 << 30, 42, tr("Random seed: the same seed repeats the run exactly"));
    form->addRow(tr("Seed"), seed_);
    threads_ = intBox(0, 256, AppSettings::load().threads, tr("CPU threads (0: every core)"));
    form->addRow(tr("Threads"), threads_);
    outDir_ = new QLineEdit(defaultRunDir());
    outDir_->setToolTip(tr("Run folder: config, metrics and checkpoints are written here"));
    form->addRow(tr("Run folder"), outDir_);
}

void ExperimentPanel::onModelChanged(const QString& model) {
    const bool transformer = isTransformerModel(model);
    maskAttention_->setEnabled(!running_ && transformer);
    // Only a distillation head learns from a teacher: the row stays visible (so the option is
    // found) but off, and config() leaves the teacher out for other models.
    const bool distill = !running_ && hasDistillationHead(model);
    for (QWidget* w : QList<QWidget*>{teacher_, teacherBrowse_, distillAlpha_, distillTau_})
        w->setEnabled(distill);
    followLossDefaults();
}

void ExperimentPanel::followLossDefaults() {
    // The loss settings follow the model family and the method while they still hold the
    // defaults of the previous ones; values the user chose stay.
    const QString model = model_->currentText();
    const nemo::LossDefaults from =
        nemo::lossDefaults(nemo::trainModeFromString(lossDefaultsMode_.toStdString()),
                           lossDefaultsModel_.toStdString());
    const nemo::LossDefaults to =
        nemo::lossDefaults(nemo::trainModeFromString(mode().toStdString()), model.toStdString());
    lossDefaultsMode_ = mode();
    lossDefaultsModel_ = model;
    if (qFuzzyCompare(alpha_->value(), from.alpha)) alpha_->setValue(to.alpha);
    if (qFuzzyCompare(beta_->value(), from.beta)) beta_->setValue(to.beta);
    if (qFuzzyCompare(temperature_->value(), from.temperature))
        temperature_->setValue(to.temperature);
}

void ExperimentPanel::updateMethodFields() {
    // Only the settings the chosen method uses can be edited: a Beta box in a NeMo run would
    // suggest it does something.
    const QString m = mode();
    alpha_->setEnabled(m != "standard");
    beta_->setEnabled(m == "mwt");
    temperature_->setEnabled(m == "nemo");
    lrMask_->setEnabled(m != "standard");
}

void ExperimentPanel::setRunning(bool running) {
    running_ = running;
    const QList<QWidget*> defining = {
        preset_,        dataset_,    dataDir_,       dataDirBrowse_, model_,      mode_,
        maskAttention_, teacher_,    teacherBrowse_, distillAlpha_,  distillTau_, epochs_,
        batchSize_,     limitTrain_, seed_,          threads_,       outDir_};
    for (QWidget* w : defining) w->setEnabled(!running);
    if (!running) onModelChanged(model_->currentText());  // re-applies the model's own rules
    updateMethodFields();
}

bool ExperimentPanel::isLiveSetting(QWidget* field) const {
    return field == lr_ || field == lrMask_ || field == alpha_ || field == beta_ ||
           field == temperature_;
}

void ExperimentPanel::emitLiveSetting(QDoubleSpinBox* box) {
    nemo::LiveSettings live;
    QString name;
    if (box == lr_) live.lr = box->value(), name = tr("Learning rate");
    if (box == lrMask_) live.lrMask = box->value(), name = tr("Mask learning rate");
    if (box == alpha_) live.alpha = box->value(), name = tr("Alpha");
    if (box == beta_) live.beta = box->value(), name = tr("Beta");
    if (box == temperature_) live.temperature = box->value(), name = tr("Temperature");
    emit liveSettingChanged(live, name, box->value());
}

nemo::TrainConfig ExperimentPanel::config() const {
    nemo::TrainConfig c = nemo::TrainConfig::defaultsFor(
        nemo::trainModeFromString(mode().toStdString()), model().toStdString());
    c.dataset = dataset().toStdString();
    c.dataDir = dataDir().trimmed().toStdString();
    c.model = model().toStdString();
    // Only Transformers have attention masks; a CNN's config keeps the engine's default.
    c.maskAttention = !isTransformerModel(model()) || maskAttention_->isChecked();
    // Only models with a distillation head take a teacher; others keep the engine's defaults.
    if (hasDistillationHead(model())) {
        c.teacher = teacher_->text().trimmed().toStdString();
        c.distillAlpha = distillAlpha_->value();
        c.distillTau = distillTau_->value();
    }
    c.epochs = epochs_->value();
    c.batchSize = batchSize_->value();
    c.lr = lr_->value();
    c.lrMask = lrMask_->value();
    c.alpha = alpha_->value();
    c.beta = beta_->value();
    c.temperature = temperature_->value();
    c.limitTrain = limitTrain_->value();
    c.limitTest = limitTrain_->value() > 0 ? 2000 : 0;
    c.seed = uint64_t(seed_->value());
    c.threads = threads_->value();
    c.outDir = outDir().toStdString();
    c.logEvery = 5;
    c.heatmapEvery = 10;
    return c;
}

void ExperimentPanel::setConfig(const nemo::TrainConfig& c) {
    const QSignalBlocker presetBlocker(preset_);
    preset_->setCurrentIndex(0);
    auto setText = [](QComboBox* box, const std::string& text) {
        const QString value = QString::fromStdString(text);
        if (box->findText(value) >= 0) box->setCurrentText(value);
    };
    setText(dataset_, c.dataset);
    dataDir_->setText(QString::fromStdString(c.dataDir));
    setText(model_, c.model);
    const int mode = mode_->findData(QString::fromStdString(nemo::toString(c.mode)));
    if (mode >= 0) mode_->setCurrentIndex(mode);
    epochs_->setValue(c.epochs);
    batchSize_->setValue(c.batchSize);
    limitTrain_->setValue(int(c.limitTrain));
    seed_->setValue(int(c.seed));
    threads_->setValue(c.threads);
    lr_->setValue(c.lr);
    lrMask_->setValue(c.lrMask);
    alpha_->setValue(c.alpha);
    beta_->setValue(c.beta);
    temperature_->setValue(c.temperature);
    maskAttention_->setChecked(c.maskAttention);
    // A run without a teacher (or from before teachers) clears the field.
    teacher_->setText(QString::fromStdString(c.teacher));
    distillAlpha_->setValue(c.distillAlpha);
    distillTau_->setValue(c.distillTau);
}

void ExperimentPanel::applyQuickDemo() {
    {
        const QSignalBlocker blocker(preset_);
        preset_->setCurrentIndex(1);
    }
    dataset_->setCurrentText("fashion-mnist");
    dataDir_->clear();  // the Debian package's copy
    model_->setCurrentText("minivgg");
    mode_->setCurrentIndex(0);
    epochs_->setValue(3);
    batchSize_->setValue(128);
    limitTrain_->setValue(20000);
    const nemo::LossDefaults loss = nemo::lossDefaults(nemo::TrainMode::Nemo, "minivgg");
    alpha_->setValue(loss.alpha);
    temperature_->setValue(loss.temperature);
    outDir_->setText(defaultRunDir());
}

void ExperimentPanel::applyTransformerDemo() {
    {
        const QSignalBlocker blocker(preset_);
        preset_->setCurrentIndex(2);
    }
    dataset_->setCurrentText("fashion-mnist");
    dataDir_->clear();  // the Debian package's copy
    mode_->setCurrentIndex(0);
    model_->setCurrentText("vit_tiny");
    maskAttention_->setChecked(true);
    epochs_->setValue(3);
    batchSize_->setValue(128);
    limitTrain_->setValue(20000);
    const nemo::LossDefaults loss = nemo::lossDefaults(nemo::TrainMode::Nemo, "vit_tiny");
    alpha_->setValue(loss.alpha);
    temperature_->setValue(loss.temperature);
    outDir_->setText(defaultRunDir());
}

bool ExperimentPanel::applyLesson(const Lesson& lesson, QString* error) {
    // Every name is checked before anything changes: a refused lesson leaves the form as it was.
    const QMap<QString, QComboBox*> choices = {{"dataset", dataset_}, {"model", model_}};
    for (auto it = choices.cbegin(); it != choices.cend(); ++it) {
        const QString value = lesson.settings.value(it.key()).toString();
        if (lesson.settings.contains(it.key()) && it.value()->findText(value) < 0) {
            if (error)
                *error = tr("The lesson's %1 \"%2\" is not offered here.").arg(it.key(), value);
            return false;
        }
    }
    const int mode = mode_->findData(lesson.settings.value("mode", "nemo").toString());
    if (mode < 0) {
        if (error)
            *error = tr("The lesson's mode \"%1\" is not nemo, mwt or standard.")
                         .arg(lesson.settings.value("mode").toString());
        return false;
    }
    if (lesson.preset == "quick-demo") applyQuickDemo();
    if (lesson.preset == "transformer-demo") applyTransformerDemo();
    // The model and mode first: they move the loss settings to their defaults, which the
    // lesson's own values then override.
    for (auto it = choices.cbegin(); it != choices.cend(); ++it)
        if (lesson.settings.contains(it.key()))
            it.value()->setCurrentText(lesson.settings[it.key()].toString());
    if (lesson.settings.contains("mode")) mode_->setCurrentIndex(mode);
    const QMap<QString, QSpinBox*> ints = {{"epochs", epochs_},
                                           {"batch_size", batchSize_},
                                           {"limit_train", limitTrain_},
                                           {"seed", seed_},
                                           {"threads", threads_}};
    const QMap<QString, QDoubleSpinBox*> doubles = {{"lr", lr_},
                                                    {"lr_mask", lrMask_},
                                                    {"alpha", alpha_},
                                                    {"beta", beta_},
                                                    {"temperature", temperature_}};
    for (auto it = lesson.settings.cbegin(); it != lesson.settings.cend(); ++it) {
        if (QSpinBox* box = ints.value(it.key())) box->setValue(it.value().toInt());
        if (QDoubleSpinBox* box = doubles.value(it.key())) box->setValue(it.value().toDouble());
    }
    if (!lesson.settings.isEmpty() && lesson.preset.isEmpty()) {
        const QSignalBlocker blocker(preset_);
        preset_->setCurrentIndex(0);  // Custom
    }
    return true;
}

QString ExperimentPanel::mode() const {
    return mode_->currentData().toString();
}

QString ExperimentPanel::modeLabel() const {
    return mode_->currentText();
}

QString ExperimentPanel::model() const {
    return model_->currentText();
}

QString ExperimentPanel::dataset() const {
    return dataset_->currentText();
}

QString ExperimentPanel::dataDir() const {
    return dataDir_->text();
}

void ExperimentPanel::showDataset(const QString& name, const QString& dataDir) {
    const QSignalBlocker blocker(dataset_);
    dataset_->setCurrentText(name);
    dataDir_->setText(dataDir);
}

QString ExperimentPanel::outDir() const {
    return outDir_->text();
}

void ExperimentPanel::setOutDir(const QString& dir) {
    outDir_->setText(dir);
}

void ExperimentPanel::setThreads(int threads) {
    threads_->setValue(threads);
}
