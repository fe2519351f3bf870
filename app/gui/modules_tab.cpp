#include "modules_tab.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "class_picker.h"
#include "compare_tab.h"
#include "encoder_layers.h"
#include "module_export.h"
#include "module_results.h"
#include "module_worker.h"
#include "nemo/run_folder.h"
#include "overlap_view.h"

namespace {

QString percent(double fraction) {
    return QString::number(100.0 * fraction, 'f', 1) + " %";
}

double nowSeconds() {
    return QDateTime::currentMSecsSinceEpoch() / 1000.0;
}

}  // namespace

ModulesTab::ModulesTab(DatasetPreviewLoader* datasets, QWidget* parent)
    : QWidget(parent), datasets_(datasets), worker_(new ModuleWorker(this)) {
    runLabel_ = new QLabel;
    runLabel_->setWordWrap(true);
    runLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    slider_ = new QSlider(Qt::Horizontal);
    slider_->setRange(1, 100);  // hundredths: the precision of modularize's metrics file names
    slider_->setValue(90);
    slider_->setToolTip(
        tr("A neuron joins a class's module when it is active for at least this "
           "share of the class's training images. Lower keeps more neurons."));
    thresholdLabel_ = new QLabel;
    thresholdLabel_->setMinimumWidth(40);
    modularizeButton_ = new QPushButton(tr("Modularize"));
    summary_ = new QLabel;
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(new QLabel(tr("Threshold")));
    thresholdRow->addWidget(slider_, 2);
    thresholdRow->addWidget(thresholdLabel_);
    thresholdRow->addWidget(modularizeButton_);
    // The summary on a line of its own: beside the slider it made the tab wider than a small
    // screen.
    summary_->setWordWrap(true);

    auto* top = new QSplitter;
    top->addWidget(buildClassPanel());
    top->addWidget(buildOverlapPanel());
    // The class list needs room for its names and three numbers; the square overlap map less.
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(buildExtractPanel());
    // The results take the room they need; the class table and overlap get the rest.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(runLabel_);
    layout->addLayout(thresholdRow);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);

    connect(slider_, &QSlider::valueChanged, this, &ModulesTab::updatePreview);
    connect(modularizeButton_, &QPushButton::clicked, this, &ModulesTab::modularize);
    connect(picker_, &ClassPicker::selectionChanged, this, &ModulesTab::updateSelection);
    connect(extractButton_, &QPushButton::clicked, this, &ModulesTab::extract);
    connect(quickButton_, &QPushButton::clicked, this, &ModulesTab::quickExtract);
    connect(stopButton_, &QPushButton::clicked, this, &ModulesTab::stopJob);
    connect(saveButton_, &QPushButton::clicked, this, &ModulesTab::saveModuleAs);
    connect(datasets_, &DatasetPreviewLoader::ready, this, &ModulesTab::onDataset);

    connect(worker_, &ModuleWorker::message, this, [this](const QString& text) {
        setProgressText(text);
        emit message(text);
    });
    connect(worker_, &ModuleWorker::fineTuneEpoch, this, [this](int epoch, int epochs, double acc) {
        progress_->setRange(0, epochs);
        progress_->setValue(epoch);
        QString text = tr("Fine-tune epoch %1 of %2: validation accuracy %3")
                           .arg(epoch)
                           .arg(epochs)
                           .arg(percent(acc));
        // Epochs take about equally long: the ones left take the mean so far.
        if (epoch > 0 && epoch < epochs) {
            const double perEpoch = (nowSeconds() - extractStarted_) / epoch;
            text += tr(", about %1 s left").arg(qRound(perEpoch * (epochs - epoch)));
        }
        setProgressText(text);
    });
    connect(worker_, &ModuleWorker::modularized, this, [this](double t) {
        setBusy(false);
        setProgressText(tr("Modularized at threshold %1").arg(t, 0, 'f', 2));
        emit message(progressText_->text());
        loadModularFiles();
    });
    connect(worker_, &ModuleWorker::extracted, this, &ModulesTab::onExtracted);
    connect(worker_, &ModuleWorker::stopped, this, [this] {
        setBusy(false);
        setProgressText(modularizing_ ? tr("Modularization stopped; nothing was written.")
                                      : tr("Extraction stopped; no module was saved."));
        emit message(progressText_->text());
    });
    connect(worker_, &ModuleWorker::failed, this, [this](const QString& reason) {
        setBusy(false);
        setProgressText(tr("Failed"));
        emit message(reason);
        QMessageBox::critical(this, tr("Module work failed"),
                              tr("%1\n\nFix the cause above and try again; the run itself is "
                                 "unchanged.")
                                  .arg(reason));
    });
    setRun({});
}

ModulesTab::~ModulesTab() {
    worker_->stopAndWait();
}

QWidget* ModulesTab::buildClassPanel() {
    auto* box = new QGroupBox(tr("Classes and their modules"));
    picker_ = new ClassPicker;
    picker_->setValueColumns(
        {tr("Samples"), tr("Retention"), tr("Cohesion")},
        {tr("Training images of the class"),
         tr("Share of all masked neurons in the class's module, at the threshold shown"),
         tr("Mean Jaccard similarity of the class's sample masks inside its module: 1 means "
            "every image uses the same neurons")});
    selection_ = new QLabel;
    selection_->setWordWrap(true);
    cohesionNote_ = new QLabel;
    cohesionNote_->setWordWrap(true);
    datasetNote_ = new QLabel;
    datasetNote_->setWordWrap(true);
    datasetNote_->hide();
    // The summaries change with every tick; in an area of fixed height they cannot push the
    // class list up or down under the mouse.
    auto* notes = new QWidget;
    auto* notesLayout = new QVBoxLayout(notes);
    notesLayout->setContentsMargins(0, 0, 0, 0);
    notesLayout->addWidget(selection_);
    notesLayout->addWidget(cohesionNote_);
    notesLayout->addStretch();
    auto* notesArea = new QScrollArea;
    notesArea->setObjectName("selectionNotes");
    notesArea->setWidget(notes);
    notesArea->setWidgetResizable(true);
    notesArea->setFrameShape(QFrame::NoFrame);
    notesArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    notesArea->setFixedHeight(4 * fontMetrics().lineSpacing() + 8);
    // At least four classes stay visible, however small the window.
    picker_->setMinimumHeight(7 * fontMetrics().lineSpacing() + 4 * 32);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(picker_, 1);
    layout->addWidget(datasetNote_);
    layout->addWidget(notesArea);
    return box;
}

QWidget* ModulesTab::buildOverlapPanel() {
    auto* box = new QGroupBox(tr("Module overlap"));
    overlap_ = new OverlapView;
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(overlap_);
    return box;
}

QWidget* ModulesTab::buildExtractPanel() {
    auto* box = new QGroupBox(tr("Module for the ticked classes vs the full model"));
    epochs_ = new QSpinBox;
    epochs_->setRange(0, 200);
    epochs_->setValue(10);
    epochs_->setToolTip(
        tr("Epochs of fine-tuning the cut-out module on its classes; the best "
           "epoch on a validation split is kept (0: no fine-tuning)"));
    baseline_ = new QComboBox;
    baseline_->setObjectName("baseline");
    baseline_->setToolTip(
        tr("A standard model of the same dataset to compare the module with on the same "
           "classes, as the paper does (nemo extract --baseline). Standard runs beside this run "
           "and recent runs are offered; Browse adds another"));
    auto* browseBaseline = new QPushButton(tr("Browse..."));
    browseBaseline->setToolTip(tr("Pick a standard run folder as the baseline"));
    connect(browseBaseline, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Standard run folder"), run_.runDir);
        if (!dir.isEmpty()) setBaselineRun(dir);
    });
    extractButton_ = new QPushButton(tr("Extract"));
    extractButton_->setToolTip(
        tr("Cut out a smaller network that keeps only these classes' neurons, fine-tune it and "
           "compare it with the full model"));
    quickButton_ = new QPushButton(tr("Quick cut"));
    quickButton_->setObjectName("quickCut");
    quickButton_->setToolTip(
        tr("Cut the module out and measure it without fine-tuning: seconds instead of minutes. "
           "Its accuracy shows what the masks alone keep; Extract fine-tunes for the epochs set "
           "here"));
    stopButton_ = new QPushButton(tr("Stop"));
    stopButton_->setToolTip(
        tr("Stop modularizing or extracting after the current step; a stopped job writes nothing"));
    saveButton_ = new QPushButton(tr("Save as..."));
    saveButton_->setToolTip(
        tr("Copy the module (TorchScript module.pt, module.safetensors, module.json) to a new "
           "folder"));
    progress_ = new QProgressBar;
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setTextVisible(false);
    progressText_ = new QLabel;
    progressText_->setWordWrap(true);
    progressText_->hide();
    results_ = new ModuleResults;

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Fine-tune epochs")));
    controls->addWidget(epochs_);
    controls->addWidget(extractButton_);
    controls->addWidget(quickButton_);
    controls->addWidget(stopButton_);
    controls->addStretch(1);
    controls->addWidget(saveButton_);
    auto* baselineRow = new QHBoxLayout;
    baselineRow->addWidget(new QLabel(tr("Compare with")));
    baselineRow->addWidget(baseline_, 1);
    baselineRow->addWidget(browseBaseline);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(controls);
    layout->addLayout(baselineRow);
    // The progress bar on a line of its own: the buttons above already fill a small screen.
    layout->addWidget(progress_);
    layout->addWidget(progressText_);
    layout->addWidget(results_, 1);
    return box;
}

void ModulesTab::setTrainingRun(const QString& runDir) {
    setRun({});
    runLabel_->setText(tr("Training into <b>%1</b>. Once training has ended (stopped or "
                          "done) after at least one epoch, modularize it here.")
                           .arg(runDir.toHtmlEscaped()));
}

void ModulesTab::setRun(const QString& runDir) {
    // Nothing of the previous run stays: not its progress line ("Saved to ...") nor the overlap
    // read-out of its modules either.
    setProgressText({});
    overlap_->clear();
    frequencies_ = {};
    metrics_.clear();
    preview_ = {};
    moduleDir_.clear();
    run_ = {};
    QString error;
    if (runDir.isEmpty() || !RunSummary::load(runDir, &run_, &error)) {
        run_ = {};
        runLabel_->setText(runDir.isEmpty()
                               ? tr("No run yet: train one (Start) or open one (File > Open "
                                    "Run) to cut modules out of it.")
                               : error);
        picker_->setClasses({});
        overlap_->clear();
        summary_->clear();
        cohesionNote_->clear();
        results_->clear(tr("No module yet."));
        updateButtons();
        return;
    }
    picker_->setClasses(run_.classNames);
    // Exported figures and tables say which run they come from.
    const QString title = runLabel(run_.mode, run_.model) + " · " + QDir(run_.runDir).dirName();
    overlap_->setExportTitle(title);
    results_->setExportTitle(title);
    refreshBaselines();
    datasetNote_->hide();
    datasets_->request(run_.dataset, run_.dataDir);
    loadModularFiles();

    // Show the most recently extracted module of this run, with its classes ticked.
    QDir modules(QString::fromStdString(run_.folder().modulesDir()));
    const QFileInfoList saved =
        modules.entryInfoList({"classes_*"}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
    for (const QFileInfo& dir : saved) {
        nemo::ExtractResult r;
        if (readModuleManifest(dir.filePath(), &r, nullptr)) {
            picker_->setChecked(r.classes);
            break;
        }
    }
}

void ModulesTab::loadModularFiles() {
    const nemo::RunFolder folder = run_.folder();
    const QString modular = QString::fromStdString(folder.modularDir());
    const QString frequencies = QString::fromStdString(folder.frequenciesPath());
    QString error;
    if (!QFile::exists(frequencies)) {
        frequencies_ = {};
    } else if (!ModularFrequencies::load(frequencies, &frequencies_, &error)) {
        frequencies_ = {};
        emit message(error);
    }
    metrics_ = loadModularMetrics(modular);
    // Start at the threshold modularize last ran at: its cohesion is known.
    ModularMetrics latest;
    if (ModularMetrics::load(QString::fromStdString(folder.latestModularMetricsPath()), &latest,
                             nullptr) &&
        !busy_) {
        const QSignalBlocker blocker(slider_);
        slider_->setValue(int(std::lround(latest.threshold * 100)));
    }
    if (run_.mode == "standard") {
        runLabel_->setText(tr("<b>%1</b> was trained in standard mode, without masks: it has no "
                              "modules to cut out. It can serve as the standard model to compare "
                              "modules of NeMo or MwT runs with.")
                               .arg(run_.runDir.toHtmlEscaped()));
    } else if (!run_.hasCheckpoint) {
        runLabel_->setText(tr("<b>%1</b>: no checkpoint yet. Train at least one epoch, then "
                              "modularize.")
                               .arg(run_.runDir.toHtmlEscaped()));
    } else if (!hasModularization()) {
        runLabel_->setText(
            tr("<b>%1</b> (%2 on %3) has no modules yet. <b>Modularize</b> runs the trained model "
               "over the training images once and records which neurons each class uses.")
                .arg(run_.runDir.toHtmlEscaped(), run_.model, run_.dataset));
    } else {
        runLabel_->setText(
            tr("<b>%1</b> (%2 on %3)").arg(run_.runDir.toHtmlEscaped(), run_.model, run_.dataset));
    }
    updatePreview();
}

void ModulesTab::updatePreview() {
    const double t = threshold();
    thresholdLabel_->setText(QString::number(t, 'f', 2));
    if (hasModularization()) {
        preview_ = previewModules(frequencies_, t);
        summary_->setText(tr("Mean retention %1, coupling %2")
                              .arg(percent(preview_.retention))
                              .arg(preview_.coupling, 0, 'f', 3));
        summary_->setToolTip(
            tr("Retention: share of neurons in a class's module, averaged over "
               "classes. Coupling: mean Jaccard overlap of two classes' "
               "modules; lower means more independent modules."));
        overlap_->setOverlap(frequencies_.classNames, preview_.overlap);
    } else {
        preview_ = {};
        summary_->clear();
        overlap_->clear();
    }
    updateClassTable();
    updateSelection();
    updateButtons();
}

void ModulesTab::updateClassTable() {
    const int key = slider_->value();
    const ModularMetrics* measured = metrics_.contains(key) ? &metrics_[key] : nullptr;
    const ModularMetrics* any = metrics_.isEmpty() ? nullptr : &metrics_.first();
    for (int c = 0; c < picker_->classCount(); ++c) {
        if (!hasModularization() || c >= int(preview_.classRetention.size())) {
            for (int column = 1; column <= 3; ++column) picker_->setValue(c, column, {});
            continue;
        }
        // Samples do not depend on the threshold: any metrics file has them.
        const bool haveSamples = any && c < int(any->samples.size());
        picker_->setValue(c, 1, haveSamples ? QString::number(any->samples[c]) : "-");
        picker_->setValue(c, 2, percent(preview_.classRetention[c]));
        QString cohesion = "-";
        if (measured && c < int(measured->cohesion.size()) && !std::isnan(measured->cohesion[c]))
            cohesion = QString::number(measured->cohesion[c], 'f', 3);
        picker_->setValue(
            c, 3, cohesion,
            measured ? QString()
                     : tr("Not measured at this threshold: press Modularize to measure it"));
    }
    QStringList known;
    for (auto it = metrics_.cbegin(); it != metrics_.cend(); ++it)
        known << QString::number(it.key() / 100.0, 'f', 2);
    if (!hasModularization())
        cohesionNote_->clear();
    else if (measured)
        cohesionNote_->setText(
            tr("Cohesion as measured by modularize at %1.").arg(threshold(), 0, 'f', 2));
    else
        cohesionNote_->setText(
            tr("Cohesion needs the per-image masks, so it is known only where modularize ran "
               "(%1). Retention and overlap are previewed; press Modularize to measure "
               "cohesion at %2.")
                .arg(known.isEmpty() ? tr("nowhere yet") : known.join(", "))
                .arg(threshold(), 0, 'f', 2));
}

void ModulesTab::updateSelection() {
    const std::vector<int> classes = picker_->checkedClasses();
    if (classes.empty()) {
        selection_->setText(tr("Tick the classes the module should recognise."));
    } else if (!hasModularization()) {
        selection_->setText(tr("%n class(es) ticked.", nullptr, int(classes.size())));
    } else {
        const std::vector<int64_t> kept = preview_.keptPerLayer(classes);
        int64_t sum = 0, total = 0;
        for (size_t l = 0; l < kept.size(); ++l) {
            sum += kept[l];
            total += preview_.layerWidths[l];
        }
        // Transformers: a line per encoder, attention and MLP (18 layer names would not be read).
        const EncoderLayout encoders = groupByEncoder(frequencies_.layerNames);
        QStringList parts;
        for (const EncoderCount& c : countByEncoder(encoders, kept, preview_.layerWidths))
            parts << EncoderNames::totals(c);
        for (size_t l = 0; !encoders.byEncoder && l < kept.size(); ++l)
            parts << tr("%1: %2/%3")
                         .arg(frequencies_.layerNames.value(int(l)))
                         .arg(kept[l])
                         .arg(preview_.layerWidths[l]);
        selection_->setText(
            tr("A module for these %n class(es) keeps %1 of %2 neurons (%3): %4", nullptr,
               int(classes.size()))
                .arg(sum)
                .arg(total)
                .arg(percent(double(sum) / double(std::max<int64_t>(total, 1))))
                .arg(encoders.byEncoder ? "\n" + parts.join('\n') : parts.join(", ")));
    }
    if (!busy_) showSavedModule();
    updateButtons();
    emitModuleHighlight(classes);
}

void ModulesTab::emitModuleHighlight(const std::vector<int>& classes) {
    if (classes.empty() || !hasModularization() || preview_.layerWidths.empty()) {
        emit moduleHighlightChanged({}, {}, {});
        return;
    }
    // The union of the ticked classes' module masks, as `nemo extract` keeps units.
    const std::vector<std::vector<bool>> kept = preview_.keptUnits(classes);
    QStringList names;
    for (int c : classes) names << run_.classNames.value(c);
    emit moduleHighlightChanged(frequencies_.layerNames, kept,
                                tr("Framed: the neurons the module for %1 keeps at threshold %2.")
                                    .arg(names.join(", "))
                                    .arg(threshold(), 0, 'f', 2));
}

void ModulesTab::refreshBaselines() {
    const QString chosen = baselineRun();
    const QSignalBlocker blocker(baseline_);
    baseline_->clear();
    baseline_->addItem(tr("No standard model"), QString());
    if (run_.runDir.isEmpty()) return;
    for (const QString& dir : standardRunsFor(run_)) baseline_->addItem(QDir(dir).dirName(), dir);
    // Keep the choice while it still fits the shown run; else the nearest standard run.
    const int keep = chosen.isEmpty() ? -1 : baseline_->findData(chosen);
    baseline_->setCurrentIndex(keep >= 0 ? keep : std::min(1, baseline_->count() - 1));
}

void ModulesTab::setBaselineRun(const QString& runDir) {
    if (runDir.isEmpty()) {
        baseline_->setCurrentIndex(0);
        return;
    }
    const QString dir = QFileInfo(runDir).absoluteFilePath();
    int index = baseline_->findData(dir);
    if (index < 0) {
        baseline_->addItem(QDir(dir).dirName(), dir);
        index = baseline_->count() - 1;
    }
    baseline_->setCurrentIndex(index);
}

QString ModulesTab::baselineRun() const {
    return baseline_->currentData().toString();
}

void ModulesTab::showSavedModule() {
    const std::vector<int> classes = picker_->checkedClasses();
    const QString dir = QString::fromStdString(run_.folder().moduleDir(classes));
    nemo::ExtractResult r;
    if (!classes.empty() && !run_.runDir.isEmpty() && readModuleManifest(dir, &r, nullptr)) {
        moduleDir_ = dir;
        QFile manifest(QString::fromStdString(nemo::moduleManifestPath(dir.toStdString())));
        results_->setResult(
            r, tr("Saved module %1, extracted %2.")
                   .arg(QDir::toNativeSeparators(dir),
                        QFileInfo(manifest).lastModified().toString("yyyy-MM-dd HH:mm")));
    } else {
        moduleDir_.clear();
        results_->clear(classes.empty() ? tr("No module yet: tick classes and press Extract.")
                                        : tr("No module for these classes yet: press Extract."));
    }
}

void ModulesTab::updateButtons() {
    const bool idle = !busy_ && !trainingActive_;
    // A standard run has no masks: nothing to modularize or cut.
    const bool haveRun = !run_.runDir.isEmpty() && run_.hasCheckpoint && run_.mode != "standard";
    slider_->setEnabled(!run_.runDir.isEmpty() && !busy_);
    modularizeButton_->setEnabled(haveRun && idle);
    modularizeButton_->setText(hasModularization()
                                   ? tr("Modularize at %1").arg(threshold(), 0, 'f', 2)
                                   : tr("Modularize"));
    modularizeButton_->setDefault(!hasModularization());
    modularizeButton_->setToolTip(
        trainingActive_ ? tr("Wait until training ends")
        : run_.mode == "standard"
            ? tr("A standard run has no masks to modularize")
            : tr("Run the trained model over the training images and write module "
                 "masks, retention, cohesion and coupling for this threshold to "
                 "RUN/modular"));
    const bool canExtract = haveRun && idle && !picker_->checkedClasses().empty();
    extractButton_->setEnabled(canExtract);
    quickButton_->setEnabled(canExtract);
    stopButton_->setEnabled(busy_);
    saveButton_->setEnabled(!busy_ && !moduleDir_.isEmpty());
    epochs_->setEnabled(!busy_);
    baseline_->setEnabled(!busy_);
    picker_->setEnabled(!busy_ && !run_.runDir.isEmpty());
}

void ModulesTab::setProgressText(const QString& text) {
    progressText_->setText(text);
    progressText_->setVisible(!text.isEmpty());  // no empty line when idle
}

void ModulesTab::setBusy(bool busy, const QString& what) {
    busy_ = busy;
    progress_->setTextVisible(busy);  // an idle bar reading "0%" would suggest a job
    if (busy) {
        progress_->setRange(0, 0);  // "working" until the engine reports epochs
        setProgressText(what);
    } else {
        progress_->setRange(0, 1);
        progress_->setValue(0);
    }
    updateButtons();
    emit busyChanged(busy);
}

void ModulesTab::setTrainingActive(bool active) {
    trainingActive_ = active;
    updateButtons();
}

bool ModulesTab::isBusy() const {
    return busy_;
}

void ModulesTab::setThreshold(double t) {
    slider_->setValue(int(std::lround(t * 100)));
}

double ModulesTab::threshold() const {
    // value / 100.0 is the double nearest to the decimal, as `--threshold 0.9` parses.
    return slider_->value() / 100.0;
}

void ModulesTab::setFineTuneEpochs(int epochs) {
    epochs_->setValue(epochs);
}

QString ModulesTab::classTableText(int row, int column) const {
    return picker_->text(row, column);
}

QString ModulesTab::selectionSummary() const {
    return selection_->text();
}

QString ModulesTab::statusText() const {
    return progressText_->text();
}

void ModulesTab::modularize() {
    if (run_.runDir.isEmpty() || busy_ || trainingActive_) return;
    nemo::ModularizeOptions options;
    options.runDir = run_.runDir.toStdString();
    options.threshold = threshold();
    modularizing_ = true;
    setBusy(true, tr("Modularizing at threshold %1...").arg(threshold(), 0, 'f', 2));
    emit message(progressText_->text());
    worker_->startModularize(options);
}

void ModulesTab::extract() {
    startExtract(epochs_->value());
}

void ModulesTab::quickExtract() {
    startExtract(0);
}

void ModulesTab::startExtract(int finetuneEpochs) {
    if (run_.runDir.isEmpty() || busy_ || trainingActive_) return;
    const std::vector<int> classes = picker_->checkedClasses();
    if (classes.empty()) {
        QMessageBox::information(this, tr("No classes ticked"),
                                 tr("Tick at least one class in the list to extract a module "
                                    "for it."));
        return;
    }
    // A quick cut replaces a fine-tuned module as well: the user decides.
    const QString out = QString::fromStdString(run_.folder().moduleDir(classes));
    if (QFile::exists(QString::fromStdString(nemo::moduleManifestPath(out.toStdString()))) &&
        QMessageBox::question(this, tr("Replace module?"),
                              tr("%1 already holds a module for these classes. Extract again "
                                 "and replace it?")
                                  .arg(QDir::toNativeSeparators(out))) != QMessageBox::Yes)
        return;
    nemo::ExtractOptions options;
    options.runDir = run_.runDir.toStdString();
    options.classes = classes;
    options.threshold = threshold();
    options.finetuneEpochs = finetuneEpochs;
    options.baselineRun = baselineRun().toStdString();
    extractStarted_ = nowSeconds();
    modularizing_ = false;
    setBusy(true,
            finetuneEpochs == 0
                ? tr("Cutting the module for %n class(es), without fine-tuning...", nullptr,
                     int(classes.size()))
                : tr("Preparing the module for %n class(es)...", nullptr, int(classes.size())));
    emit message(progressText_->text());
    worker_->startExtract(options);
}

void ModulesTab::stopJob() {
    if (!busy_) return;
    worker_->stop();
    setProgressText(tr("Stopping after the current step..."));
}

void ModulesTab::onExtracted(const nemo::ExtractResult& r) {
    setBusy(false);
    moduleDir_ = QString::fromStdString(r.outDir);
    QStringList names;
    for (const auto& n : r.classNames) names << QString::fromStdString(n);
    results_->setResult(r, tr("Module for %1, extracted in %2 s (threshold %3, best fine-tune "
                              "epoch %4), saved in %5.")
                               .arg(names.join(", "))
                               .arg(nowSeconds() - extractStarted_, 0, 'f', 0)
                               .arg(threshold(), 0, 'f', 2)
                               .arg(r.bestEpoch)
                               .arg(QDir::toNativeSeparators(moduleDir_)));
    progress_->setRange(0, 1);
    progress_->setValue(1);
    setProgressText(std::isfinite(r.standardAccuracy)
                        ? tr("Done: module accuracy %1 (full model %2, standard model %3)")
                              .arg(percent(r.moduleAccuracy), percent(r.fullAccuracy),
                                   percent(r.standardAccuracy))
                        : tr("Done: module accuracy %1 (full model %2)")
                              .arg(percent(r.moduleAccuracy), percent(r.fullAccuracy)));
    emit message(progressText_->text());
    updateButtons();
}

bool ModulesTab::saveModuleTo(const QString& destination, QString* error) const {
    if (moduleDir_.isEmpty()) {
        if (error) *error = tr("There is no module to save yet. Extract one first.");
        return false;
    }
    return copyModuleFolder(moduleDir_, destination, error);
}

void ModulesTab::saveModuleAs() {
    if (moduleDir_.isEmpty()) return;
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              "/" + QFileInfo(run_.runDir).fileName() + "-" +
                              QFileInfo(moduleDir_).fileName();
    const QString destination =
        QFileDialog::getSaveFileName(this, tr("Save module as a new folder"), suggested, QString(),
                                     nullptr, QFileDialog::DontConfirmOverwrite);
    if (destination.isEmpty()) return;
    QString error;
    if (!saveModuleTo(destination, &error)) {
        QMessageBox::warning(this, tr("Cannot save the module"), error);
        return;
    }
    setProgressText(tr("Saved to %1").arg(QDir::toNativeSeparators(destination)));
    emit message(progressText_->text());
}

void ModulesTab::onDataset(const DatasetPreview& p) {
    if (p.name != run_.dataset || p.dataDir != run_.dataDir) return;
    if (!p.ok()) {
        datasetNote_->setText(tr("No sample images: %1").arg(p.error));
        datasetNote_->show();
        return;
    }
    QList<QImage> thumbnails;
    for (const auto& images : p.samples) thumbnails << (images.isEmpty() ? QImage() : images[0]);
    picker_->setThumbnails(thumbnails);
    datasetNote_->hide();
}
