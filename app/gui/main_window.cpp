#include "main_window.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

#include "app_settings.h"
#include "compare_tab.h"
#include "data_tab.h"
#include "dataset_preview.h"
#include "font_zoom.h"
#include "heatmap_view.h"
#include "metrics_plot.h"
#include "model_choices.h"
#include "module_worker.h"
#include "modules_tab.h"
#include "nemo/dataset.h"
#include "nemo/study.h"
#include "network_view.h"
#include "run_follower.h"
#include "run_masks_loader.h"
#include "run_metrics.h"
#include "run_summary.h"
#include "settings_dialog.h"
#include "training_worker.h"

namespace {

double nowSeconds() {
    return QDateTime::currentMSecsSinceEpoch() / 1000.0;
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

QScrollArea* scrollable(QWidget* page) {
    auto* area = new QScrollArea;
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

QSpinBox* intBox(int min, int max, int value, const QString& tip) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setValue(value);
    box->setToolTip(tip);
    return box;
}

QString defaultRunDir() {
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return base + "/runs/run-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      worker_(new TrainingWorker(this)),
      follower_(new RunFollower(this)),
      masksLoader_(new RunMasksLoader(this)) {
    setWindowTitle(tr("NeMo Workbench"));
    plot_ = new MetricsPlot;
    log_ = new QPlainTextEdit;
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);

    tabs_ = new QTabWidget;
    // Every page scrolls when the window is smaller than the page needs (a projector at 150 %
    // is 853 x 480 logical pixels), instead of the window growing past the screen.
    tabs_->addTab(scrollable(plot_), tr("Training"));
    heatmap_ = new HeatmapView;
    tabs_->addTab(scrollable(heatmap_), tr("Neurons"));
    networkView_ = new NetworkView;
    tabs_->addTab(networkView_, tr("Network"));
    // One reader for both tabs: a dataset is read once, in the background.
    datasets_ = new DatasetPreviewLoader(this);
    modulesTab_ = new ModulesTab(datasets_);
    tabs_->addTab(scrollable(modulesTab_), tr("Modules"));
    dataTab_ = new DataTab(datasets_);
    tabs_->addTab(scrollable(dataTab_), tr("Data"));
    compareTab_ = new CompareTab;
    tabs_->addTab(scrollable(compareTab_), tr("Compare"));
    tabs_->addTab(log_, tr("Log"));

    auto* splitter = new QSplitter;
    // In a scroll area: on a small screen (or with large fonts) the form scrolls instead of
    // pushing the window past the screen's edge.
    auto* panelScroll = new QScrollArea;
    panelScroll->setWidget(buildExperimentPanel());
    panelScroll->setWidgetResizable(true);
    panelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    panelScroll->setFrameShape(QFrame::NoFrame);
    panelScroll->setMinimumWidth(panelScroll->widget()->minimumSizeHint().width() +
                                 panelScroll->verticalScrollBar()->sizeHint().width());
    panel_ = panelScroll;
    splitter->addWidget(panelScroll);
    splitter->addWidget(tabs_);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    auto* toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName("runToolbar");
    startAction_ = toolbar->addAction(tr("Start"), this, &MainWindow::startTraining);
    startAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    startAction_->setToolTip(tr("Start training with these settings (Ctrl+R)"));
    pauseAction_ = toolbar->addAction(tr("Pause"), this, &MainWindow::togglePause);
    pauseAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    pauseAction_->setToolTip(tr("Pause or resume between two training steps (Ctrl+P)"));
    stopAction_ = toolbar->addAction(tr("Stop"), this, &MainWindow::stopTraining);
    stopAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    stopAction_->setToolTip(tr("Stop; the checkpoint of the last finished epoch is kept (Ctrl+.)"));
    stepAction_ = toolbar->addAction(tr("Step"), this, &MainWindow::stepTraining);
    stepAction_->setObjectName("stepAction");
    stepAction_->setShortcut(QKeySequence(Qt::Key_F10));
    stepAction_->setToolTip(
        tr("Pause and run exactly one training step (one batch); the curves and the Neurons tab "
           "show its effect at once (F10)"));
    restartAction_ = toolbar->addAction(tr("Restart"), this, &MainWindow::restartTraining);
    restartAction_->setObjectName("restartAction");
    restartAction_->setToolTip(
        tr("Stop this training and start the same settings from scratch in a new run folder"));
    toolbar->addSeparator();
    speed_ = new QComboBox;
    speed_->setObjectName("speed");
    speed_->addItem(tr("Full speed"), 0);
    speed_->addItem(tr("Slow (0.1 s per step)"), 100);
    speed_->addItem(tr("Slower (0.3 s per step)"), 300);
    speed_->addItem(tr("Very slow (1 s per step)"), 1000);
    speed_->setToolTip(tr("Pace of the training: slower gives time to watch the masks change"));
    connect(speed_, &QComboBox::currentIndexChanged, this,
            [this](int i) { setStepDelay(speed_->itemData(i).toInt()); });
    toolbar->addWidget(speed_);

    explainText_ = new QTextBrowser;
    explainText_->setObjectName("explanation");
    explainText_->setOpenLinks(false);
    connect(explainText_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.toString() == "lesson:next" && lessonStep_ >= 0) {
            lessonStep_ = std::min(lessonStep_ + 1, int(lesson_.steps.size()));
            updateExplanation();
        } else if (url.toString() == "lesson:end") {
            lessonStep_ = -1;
            updateExplanation();
        }
    });
    explainDock_ = new QDockWidget(tr("What you see"), this);
    explainDock_->setObjectName("explanationDock");
    explainDock_->setWidget(explainText_);
    explainDock_->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::RightDockWidgetArea, explainDock_);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateExplanation);

    progress_ = new QProgressBar;
    progress_->setMaximumWidth(240);
    progress_->setFormat(tr("%p%"));
    status_ = new QLabel(tr("Ready"));
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);

    connect(worker_, &TrainingWorker::metrics, this, &MainWindow::onMetrics);
    connect(follower_, &RunFollower::metrics, this, &MainWindow::onMetrics);
    buildMenus();
    connect(worker_, &TrainingWorker::message, this, &MainWindow::log);
    connect(worker_, &TrainingWorker::heatmap, heatmap_, &HeatmapView::setFrame);
    connect(worker_, &TrainingWorker::heatmap, networkView_, &NetworkView::setFrame);
    // An opened run's masks come from its newest checkpoint, unless a training took over since.
    connect(masksLoader_, &RunMasksLoader::loaded, this,
            [this](const QString& runDir, const nemo::HeatmapFrame& frame) {
                if (runDir != follower_->runDir() || worker_->isRunning()) return;
                if (frame.layers.empty()) {
                    clearMasks(tr("This run was trained in standard mode: it has no masks."));
                    return;
                }
                heatmap_->setFrame(frame);
                networkView_->setFrame(frame);
                log(tr("Neurons tab: masks of the checkpoint after epoch %1").arg(frame.epoch + 1));
            });
    connect(masksLoader_, &RunMasksLoader::failed, this,
            [this](const QString& runDir, const QString& reason) {
                if (runDir != follower_->runDir() || worker_->isRunning()) return;
                log(tr("No masks for the Neurons tab: %1").arg(reason));
                clearMasks(tr("No masks for the Neurons tab: %1").arg(reason));
            });
    connect(worker_, &TrainingWorker::finished, this, &MainWindow::onFinished);
    connect(worker_, &TrainingWorker::failed, this, &MainWindow::onFailed);
    connect(modulesTab_, &ModulesTab::message, this, &MainWindow::log);
    connect(modulesTab_, &ModulesTab::moduleHighlightChanged, networkView_,
            &NetworkView::setModuleHighlight);
    connect(modulesTab_->worker(), &ModuleWorker::modularized, this,
            [this] { lessonEvent("modularized"); });
    connect(modulesTab_->worker(), &ModuleWorker::extracted, this,
            [this] { lessonEvent("module_extracted"); });
    connect(plot_, &MetricsPlot::compareRequested, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder to compare"));
        if (!dir.isEmpty()) compareRun(dir);
    });
    connect(dataset_, &QComboBox::currentTextChanged, dataTab_,
            [this](const QString& name) { dataTab_->showDataset(name); });
    dataTab_->showDataset(dataset_->currentText());
    for (QDoubleSpinBox* box : {lr_, lrMask_, alpha_, beta_, temperature_})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, box] { sendLiveSetting(box); });
    setRunning(false);
    updateExplanation();
    fitToScreen();
}

void MainWindow::fitToScreen() {
    // On a small screen (a 1280 x 720 projector at 150 % is 853 x 480) the window takes the
    // screen, and the explanation panel starts hidden: F1 shows it.
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1180, 720);
    // 1180 x 720 at least where the screen has room, more (85 %) on a large screen.
    const int width = std::min(available.width(), std::max(1180, int(0.85 * available.width())));
    const int height = std::min(available.height(), std::max(720, int(0.85 * available.height())));
    explainDock_->setVisible(available.width() >= 1100 &&
                             QSettings().value("showExplanations", true).toBool());
    resize(width, height);
    if (width < 1180 || height < 720) move(available.topLeft());
}

MainWindow::~MainWindow() {
    // First, while the window is whole: a load still running must not post to a dying window.
    masksLoader_->disconnect(this);
    delete masksLoader_;
    worker_->stopAndWait();
    modulesTab_->worker()->stopAndWait();
}

QWidget* MainWindow::buildExperimentPanel() {
    auto* box = new QGroupBox(tr("Experiment"));
    auto* form = new QFormLayout(box);
    auto* preset = preset_ = new QComboBox;
    preset->addItems({tr("Custom"), tr("Quick demo"), tr("Transformer demo")});
    preset->setToolTip(
        tr("Quick demo: minivgg on 20,000 Fashion-MNIST images, modules form in "
           "about a minute. Transformer demo: vit_tiny on the same images, attention and MLP "
           "neurons form modules in a few minutes"));
    connect(preset, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i == 1) applyQuickDemo();
        if (i == 2) applyTransformerDemo();
    });
    form->addRow(tr("Preset"), preset);

    dataset_ = new QComboBox;
    for (const auto& name : nemo::datasetNames()) dataset_->addItem(QString::fromStdString(name));
    dataset_->setToolTip(tr("Dataset to train on; Fashion-MNIST ships with Debian"));
    form->addRow(tr("Dataset"), dataset_);
    model_ = new QComboBox;
    model_->setObjectName("model");
    for (const ModelChoice& m : modelChoices()) {
        model_->addItem(m.name);
        model_->setItemData(model_->count() - 1, m.description, Qt::ToolTipRole);
    }
    model_->setToolTip(tr(
        "Architecture: minivgg, tinycnn, vit_tiny and deit_tiny are ours, small enough for a "
        "laptop CPU; simcnn, rescnn, vgg16 and resnet18 are the paper's CNNs, vit_s and deit_s its "
        "Transformers"));
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
           "The distillation loss replaces the cross-entropy (method.md §3.5; nemo train "
           "--teacher). Empty: no teacher."));
    teacherBrowse_ = new QPushButton(tr("Browse..."));
    teacherBrowse_->setObjectName("teacherBrowse");
    teacherBrowse_->setToolTip(tr("Pick the teacher's run folder"));
    connect(teacherBrowse_, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Teacher run folder"), teacher_->text());
        if (!dir.isEmpty()) teacher_->setText(dir);
    });
    auto* teacherRow = new QHBoxLayout;
    teacherRow->addWidget(teacher_, 1);
    teacherRow->addWidget(teacherBrowse_);
    form->addRow(tr("Teacher run"), teacherRow);
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
    connect(model_, &QComboBox::currentTextChanged, this, &MainWindow::onModelChanged);
    mode_ = new QComboBox;
    mode_->addItem(tr("NeMo (contrastive)"), "nemo");
    mode_->addItem(tr("MwT (cohesion/coupling)"), "mwt");
    mode_->addItem(tr("Standard"), "standard");
    mode_->setToolTip(tr("How the masks are trained; Standard trains without masks"));
    form->addRow(tr("Mode"), mode_);

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
    box->setMinimumWidth(300);
    connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
        followLossDefaults();
        updateMethodFields();
        if (!worker_->isRunning()) {
            shownMode_ = mode_->currentData().toString();
            updateExplanation();
        }
    });
    onModelChanged(model_->currentText());
    return box;
}

void MainWindow::onModelChanged(const QString& model) {
    const bool transformer = isTransformerModel(model);
    maskAttention_->setEnabled(transformer);
    // Only a distillation head learns from a teacher: the row stays visible (so the option is
    // found) but off, and configFromForm() leaves the teacher out for other models.
    const bool distill = hasDistillationHead(model);
    const QList<QWidget*> distillRows = {teacher_, teacherBrowse_, distillAlpha_, distillTau_};
    for (QWidget* w : distillRows) w->setEnabled(distill);
    followLossDefaults();
}

void MainWindow::followLossDefaults() {
    // The loss settings follow the model family and the method while they still hold the
    // defaults of the previous ones; values the user chose stay.
    const QString mode = mode_->currentData().toString();
    const QString model = model_->currentText();
    const nemo::LossDefaults from =
        nemo::lossDefaults(nemo::trainModeFromString(lossDefaultsMode_.toStdString()),
                           lossDefaultsModel_.toStdString());
    const nemo::LossDefaults to =
        nemo::lossDefaults(nemo::trainModeFromString(mode.toStdString()), model.toStdString());
    lossDefaultsMode_ = mode;
    lossDefaultsModel_ = model;
    if (qFuzzyCompare(alpha_->value(), from.alpha)) alpha_->setValue(to.alpha);
    if (qFuzzyCompare(beta_->value(), from.beta)) beta_->setValue(to.beta);
    if (qFuzzyCompare(temperature_->value(), from.temperature))
        temperature_->setValue(to.temperature);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Run..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a run folder"));
        if (!dir.isEmpty()) openRun(dir);
    });
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Show a run's curves; a run still being written is followed live"));
    QAction* openStudyAction = file->addAction(tr("Open &Study..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open a study folder (written by nemo study)"));
        if (!dir.isEmpty()) openStudy(dir);
    });
    openStudyAction->setToolTip(
        tr("Show a study's report in the Compare tab: NeMo against MwT and the standard model"));
    recentMenu_ = file->addMenu(tr("Recent Runs"));
    refreshRecentRuns();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    presenterAction_ = view->addAction(tr("&Presenter Mode"));
    presenterAction_->setObjectName("presenterAction");
    presenterAction_->setCheckable(true);
    presenterAction_->setShortcut(QKeySequence(Qt::Key_F11));
    presenterAction_->setToolTip(
        tr("Full screen, the experiment panel hidden and larger text, for a lecture (F11)"));
    connect(presenterAction_, &QAction::toggled, this, &MainWindow::setPresenterMode);
    QAction* explain = explainDock_->toggleViewAction();
    explain->setText(tr("&What You See"));
    explain->setShortcut(QKeySequence(Qt::Key_F1));
    // Only the user's choice is remembered (triggered), not the window hiding the panel on a
    // small screen (toggled), which would keep it hidden on every larger screen after.
    connect(explain, &QAction::triggered, this,
            [](bool on) { QSettings().setValue("showExplanations", on); });
    view->addAction(explain);
    view->addSeparator();
    QAction* zoomIn =
        view->addAction(tr("Larger Text"), this, [this] { setFontZoom(fontZoom_ * 1.1); });
    zoomIn->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    QAction* zoomOut =
        view->addAction(tr("Smaller Text"), this, [this] { setFontZoom(fontZoom_ / 1.1); });
    zoomOut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QAction* zoomReset =
        view->addAction(tr("Normal Text Size"), this, [this] { setFontZoom(1.0); });
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QAction* openLessonAction = file->addAction(tr("Open &Lesson..."), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open a lesson file"), {}, tr("Lesson (*.json)"));
        QString error;
        if (!path.isEmpty() && !openLesson(path, &error))
            QMessageBox::warning(this, tr("Cannot open lesson"), error);
    });
    openLessonAction->setToolTip(
        tr("A lesson file holds a lecture's settings and the steps the class follows"));
    file->insertAction(recentMenu_->menuAction(), openLessonAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* prefs = edit->addAction(tr("&Preferences..."), this, &MainWindow::showPreferences);
    prefs->setShortcut(QKeySequence::Preferences);
    prefs->setMenuRole(QAction::PreferencesRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* lesson = help->addAction(tr("&Guided Lesson: Quick Demo"), this, [this] {
        QString error;
        startLesson(quickDemoLesson(), &error);
        if (!error.isEmpty()) QMessageBox::information(this, tr("Lesson"), error);
    });
    lesson->setToolTip(
        tr("Train, watch modules form, modularize, cut a module and compare, "
           "step by step"));
}

void MainWindow::rememberRun(const QString& runDir) {
    QSettings settings;
    QStringList runs = settings.value("recentRuns").toStringList();
    runs.removeAll(runDir);
    runs.prepend(runDir);
    while (runs.size() > 10) runs.removeLast();
    settings.setValue("recentRuns", runs);
    refreshRecentRuns();
}

void MainWindow::refreshRecentRuns() {
    recentMenu_->clear();
    const QStringList runs = QSettings().value("recentRuns").toStringList();
    for (const QString& run : runs) {
        recentMenu_->addAction(run, this, [this, run] { openRun(run); });
    }
    recentMenu_->setEnabled(!runs.isEmpty());
}

bool MainWindow::openStudy(const QString& studyDir) {
    QString error;
    if (!compareTab_->openStudy(studyDir, &error)) {
        QMessageBox::warning(this, tr("Cannot open study"), error);
        return false;
    }
    tabs_->setCurrentWidget(compareTab_->parentWidget()->parentWidget());  // its scroll area
    status_->setText(tr("Showing the study in %1").arg(studyDir));
    log(tr("Opened study %1").arg(studyDir));
    return true;
}

bool MainWindow::openRun(const QString& runDir) {
    // A study folder (nemo study) holds runs; it opens in the Compare tab.
    if (nemo::isStudyFolder(runDir.toStdString())) return openStudy(runDir);
    if (worker_->isRunning()) {
        QMessageBox::information(this, tr("Training is running"),
                                 tr("Stop the current training before opening another run."));
        return false;
    }
    if (modulesTab_->isBusy()) {
        QMessageBox::information(this, tr("Module work is running"),
                                 tr("Wait for the module work in the Modules tab to finish, or "
                                    "stop it, before opening another run."));
        return false;
    }
    plot_->clear();
    QString error;
    if (!follower_->open(runDir, &error)) {
        QMessageBox::warning(this, tr("Cannot open run"), error);
        return false;
    }
    rememberRun(runDir);
    outDir_->setText(runDir);
    applyRunConfig(runDir);
    RunSummary run;
    QString name = QDir(runDir).dirName();
    if (RunSummary::load(runDir, &run, nullptr)) {
        name = runLabel(run.mode, run.model);
        shownMode_ = run.mode;
        updateExplanation();
        // The Data tab follows the run's dataset (and its data folder, which the form lacks).
        const QSignalBlocker blocker(dataset_);
        dataset_->setCurrentText(run.dataset);
        dataTab_->showDataset(run.dataset, run.dataDir);
    }
    nameShownRun(name, runDir);
    modulesTab_->setRun(runDir);
    if (QFile::exists(runDir + "/checkpoints/last.pt") ||
        QFile::exists(runDir + "/checkpoints/final.pt")) {
        clearMasks(tr("Computing the masks of the run's newest checkpoint..."));
        masksLoader_->load(runDir);
    } else {
        clearMasks(
            tr("No checkpoint yet: open the run again after its first epoch to see "
               "its masks."));
    }
    status_->setText(tr("Showing %1 (new lines appear as the run writes them)").arg(runDir));
    log(tr("Opened %1").arg(runDir));
    return true;
}

bool MainWindow::compareRun(const QString& runDir) {
    std::vector<nemo::MetricsEvent> events;
    QString error;
    // Named by method and model, as the shown run; the folder tells apart runs named alike.
    QString name = QDir(runDir).dirName();
    RunSummary run;
    if (RunSummary::load(runDir, &run, nullptr)) {
        const QString label = runLabel(run.mode, run.model);
        name = label == runName_ ? label + " · " + name : label;
    }
    if (!readRunMetrics(runDir, &events, &error) || !plot_->addComparedRun(name, events)) {
        QMessageBox::warning(this, tr("Cannot compare run"),
                             error.isEmpty() ? tr("%1 has no curves to draw.").arg(runDir) : error);
        return false;
    }
    log(tr("Comparing with %1").arg(runDir));
    return true;
}

void MainWindow::applyRunConfig(const QString& runDir) {
    QFile file(runDir + "/config.json");
    if (!file.open(QIODevice::ReadOnly)) return;
    const QJsonObject c = QJsonDocument::fromJson(file.readAll()).object();
    if (c.isEmpty()) return;
    // The form shows the opened run as it was trained, so Start continues it (same folder) or,
    // with another run folder, repeats it.
    const QSignalBlocker presetBlocker(preset_);
    preset_->setCurrentIndex(0);
    auto setText = [](QComboBox* box, const QJsonValue& v) {
        if (v.isString() && box->findText(v.toString()) >= 0) box->setCurrentText(v.toString());
    };
    setText(dataset_, c["dataset"]);
    setText(model_, c["model"]);
    const int mode = mode_->findData(c["mode"].toString());
    if (mode >= 0) mode_->setCurrentIndex(mode);
    auto setInt = [](QSpinBox* box, const QJsonValue& v) {
        if (v.isDouble()) box->setValue(v.toInt());
    };
    auto setDouble = [](QDoubleSpinBox* box, const QJsonValue& v) {
        if (v.isDouble()) box->setValue(v.toDouble());
    };
    setInt(epochs_, c["epochs"]);
    setInt(batchSize_, c["batch_size"]);
    setInt(limitTrain_, c["limit_train"]);
    setInt(seed_, c["seed"]);
    setInt(threads_, c["threads"]);
    setDouble(lr_, c["lr"]);
    setDouble(lrMask_, c["lr_mask"]);
    setDouble(alpha_, c["alpha"]);
    setDouble(beta_, c["beta"]);
    setDouble(temperature_, c["temperature"]);
    if (c["mask_attention"].isBool()) maskAttention_->setChecked(c["mask_attention"].toBool());
    // A run without a teacher (or from before teachers) clears the field.
    teacher_->setText(c["teacher"].toString());
    setDouble(distillAlpha_, c["distill_alpha"]);
    setDouble(distillTau_, c["distill_tau"]);
}

void MainWindow::showPreferences() {
    SettingsDialog dialog(AppSettings::load(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const AppSettings chosen = dialog.settings();
    chosen.save();
    chosen.applyDataDir();
    if (!worker_->isRunning()) threads_->setValue(chosen.threads);
    dataTab_->showDataset(dataset_->currentText());
}

void MainWindow::applyQuickDemo() {
    {
        const QSignalBlocker blocker(preset_);
        preset_->setCurrentIndex(1);
    }
    dataset_->setCurrentText("fashion-mnist");
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

void MainWindow::applyTransformerDemo() {
    {
        const QSignalBlocker blocker(preset_);
        preset_->setCurrentIndex(2);
    }
    dataset_->setCurrentText("fashion-mnist");
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

nemo::TrainConfig MainWindow::configFromForm() const {
    nemo::TrainConfig c = nemo::TrainConfig::defaultsFor(
        nemo::trainModeFromString(mode_->currentData().toString().toStdString()),
        model_->currentText().toStdString());
    c.dataset = dataset_->currentText().toStdString();
    c.model = model_->currentText().toStdString();
    // Only Transformers have attention masks; a CNN's config keeps the engine's default.
    c.maskAttention = !isTransformerModel(model_->currentText()) || maskAttention_->isChecked();
    // Only models with a distillation head take a teacher; others keep the engine's defaults.
    if (hasDistillationHead(model_->currentText())) {
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
    c.outDir = outDir_->text().toStdString();
    c.logEvery = 5;
    c.heatmapEvery = 10;
    return c;
}

void MainWindow::startTraining() {
    if (worker_->isRunning()) return;
    if (modulesTab_->isBusy()) {
        QMessageBox::information(this, tr("Module work is running"),
                                 tr("Wait for the module work in the Modules tab to finish, or "
                                    "stop it, before training."));
        return;
    }
    nemo::TrainConfig config = configFromForm();
    const bool resume = QFile::exists(QString::fromStdString(config.outDir) + "/config.json");
    // Continuing: the learning rates and loss weights in the form apply from the next epoch
    // (recorded in config.json); the settings that define the run are checked against it, so
    // an edit there is refused by name instead of silently dropped.
    if (resume) {
        config.changeOnResume = {"lr",    "lr_mask", "alpha",      "beta", "temperature", "dataset",
                                 "model", "mode",    "batch_size", "seed", "limit_train"};
    }
    if (resume &&
        QMessageBox::question(this, tr("Continue run?"),
                              tr("%1 already holds a run. Continue it from its last checkpoint?")
                                  .arg(outDir_->text())) != QMessageBox::Yes) {
        return;
    }
    follower_->stop();
    plot_->clear();
    shownMode_ = mode_->currentData().toString();
    updateExplanation();
    modulesTab_->setTrainingRun(outDir_->text());  // not the previous run's modules
    clearMasks(shownMode_ == "standard" ? tr("This run trains in standard mode: it has no masks.")
                                        : tr("The masks appear after the first training steps."));
    eta_.reset();
    nameShownRun(runLabel(mode_->currentData().toString(), model_->currentText()), outDir_->text());
    rememberRun(outDir_->text());
    lessonEvent("training_started");
    log(tr("Training %1 on %2 (%3) into %4")
            .arg(model_->currentText(), dataset_->currentText(), mode_->currentText(),
                 outDir_->text()));
    setRunning(true);
    worker_->start(config, resume);
}

void MainWindow::togglePause() {
    if (!worker_->isRunning()) return;
    if (worker_->isPaused()) {
        worker_->resume();
        eta_.resume(nowSeconds());
        pauseAction_->setText(tr("Pause"));
        status_->setText(tr("Resumed"));
    } else {
        worker_->pause();
        eta_.pause(nowSeconds());
        pauseAction_->setText(tr("Resume"));
        status_->setText(tr("Paused: Step (F10) runs one batch, Resume goes on"));
    }
}

void MainWindow::stepTraining() {
    if (!worker_->isRunning()) return;
    if (!worker_->isPaused()) togglePause();
    worker_->step();
}

void MainWindow::restartTraining() {
    if (!worker_->isRunning()) return;
    // The new run starts once this one has reported its end (onFinished).
    restartPending_ = true;
    if (worker_->isPaused()) worker_->resume();
    worker_->stop();
    status_->setText(tr("Restarting after the current step..."));
}

void MainWindow::setStepDelay(int ms) {
    worker_->setStepDelayMs(ms);
    eta_.reset();  // a new pace: the steps so far say nothing about the ones to come
    const int index = speed_->findData(ms);
    if (index >= 0 && speed_->currentIndex() != index) {
        const QSignalBlocker blocker(speed_);
        speed_->setCurrentIndex(index);
    }
}

bool MainWindow::isLiveSetting(QWidget* field) const {
    return field == lr_ || field == lrMask_ || field == alpha_ || field == beta_ ||
           field == temperature_;
}

void MainWindow::sendLiveSetting(QDoubleSpinBox* box) {
    if (!worker_->isRunning()) return;
    nemo::LiveSettings live;
    QString name;
    if (box == lr_) live.lr = box->value(), name = tr("Learning rate");
    if (box == lrMask_) live.lrMask = box->value(), name = tr("Mask learning rate");
    if (box == alpha_) live.alpha = box->value(), name = tr("Alpha");
    if (box == beta_) live.beta = box->value(), name = tr("Beta");
    if (box == temperature_) live.temperature = box->value(), name = tr("Temperature");
    worker_->changeSettings(live);
    status_->setText(tr("%1 %2 takes effect at the next training step%3")
                         .arg(name)
                         .arg(box->value())
                         .arg(worker_->isPaused() ? tr(" (the run is paused)") : QString()));
}

void MainWindow::updateMethodFields() {
    // Only the settings the chosen method uses can be edited: a Beta box in a NeMo run would
    // suggest it does something.
    const QString mode = mode_->currentData().toString();
    alpha_->setEnabled(mode != "standard");
    beta_->setEnabled(mode == "mwt");
    temperature_->setEnabled(mode == "nemo");
    lrMask_->setEnabled(mode != "standard");
}

QString MainWindow::explanationText() const {
    return explainText_->toPlainText();
}

QString MainWindow::statusText() const {
    return status_->text();
}

void MainWindow::updateExplanation() {
    static const ExplainedTab kTabs[] = {
        ExplainedTab::Training, ExplainedTab::Neurons, ExplainedTab::Network, ExplainedTab::Modules,
        ExplainedTab::Data,     ExplainedTab::Compare, ExplainedTab::Log};
    const int tab = tabs_->currentIndex();
    if (tab < 0 || tab >= int(std::size(kTabs))) return;
    QString html;
    if (lessonStep_ >= 0) {
        // The lesson's steps: done ones ticked, the current one bold, later ones plain.
        html += "<h3>" + lesson_.title.toHtmlEscaped() + "</h3><ol>";
        for (int i = 0; i < int(lesson_.steps.size()); ++i) {
            const QString text = lesson_.steps[size_t(i)].text;
            if (i < lessonStep_)
                html += "<li><span style='color:gray'>&#10003; " + text + "</span></li>";
            else if (i == lessonStep_)
                html += "<li><b>&#9654; " + text + "</b></li>";
            else
                html += "<li>" + text + "</li>";
        }
        html += "</ol><p>";
        if (lessonStep_ < int(lesson_.steps.size()))
            html += "<a href='lesson:next'>" + tr("Next step") + "</a> &nbsp; ";
        else
            html += tr("Lesson done.") + " ";
        html += "<a href='lesson:end'>" + tr("End lesson") + "</a></p><hr>";
    }
    explainText_->setHtml(html + explanationFor(kTabs[tab], shownMode_));
}

void MainWindow::nameShownRun(const QString& name, const QString& runDir) {
    runName_ = name;
    plot_->setRunName(name);
    // Exported figures say which run they show: method, model and folder.
    const QString title = name + " · " + QDir(runDir).dirName();
    heatmap_->setExportTitle(title);
    networkView_->setExportTitle(title);
}

void MainWindow::clearMasks(const QString& message) {
    heatmap_->clear(message);
    networkView_->clear(message);
}

void MainWindow::lessonEvent(const QString& event) {
    if (lessonStep_ < 0 || lessonStep_ >= int(lesson_.steps.size())) return;
    if (lesson_.steps[size_t(lessonStep_)].doneWhen != event) return;
    ++lessonStep_;
    updateExplanation();
}

bool MainWindow::openLesson(const QString& path, QString* error) {
    Lesson lesson;
    QString why;
    if (!Lesson::load(path, &lesson, &why)) {
        if (error) *error = why;
        log(why);
        return false;
    }
    startLesson(lesson, &why);
    if (!why.isEmpty()) {
        if (error) *error = why;
        log(why);
        return false;
    }
    log(tr("Lesson %1 opened from %2").arg(lesson.title, path));
    return true;
}

void MainWindow::startLesson(const Lesson& lesson, QString* error) {
    if (worker_->isRunning()) {
        if (error) *error = tr("Stop the current training before starting a lesson.");
        return;
    }
    // Every name is checked before anything changes: a refused lesson leaves the form as it was.
    const QMap<QString, QComboBox*> choices = {{"dataset", dataset_}, {"model", model_}};
    for (auto it = choices.cbegin(); it != choices.cend(); ++it) {
        const QString value = lesson.settings.value(it.key()).toString();
        if (lesson.settings.contains(it.key()) && it.value()->findText(value) < 0) {
            if (error)
                *error = tr("The lesson's %1 \"%2\" is not offered here.").arg(it.key(), value);
            return;
        }
    }
    const int mode = mode_->findData(lesson.settings.value("mode", "nemo").toString());
    if (mode < 0) {
        if (error)
            *error = tr("The lesson's mode \"%1\" is not nemo, mwt or standard.")
                         .arg(lesson.settings.value("mode").toString());
        return;
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
    setStepDelay(lesson.speedMs);
    if (lesson.tab >= 0) tabs_->setCurrentIndex(lesson.tab);
    lesson_ = lesson;
    lessonStep_ = 0;
    explainDock_->show();
    updateExplanation();
    if (lesson.presenter) setPresenterMode(true);
}

void MainWindow::setPresenterMode(bool on) {
    if (on == presenter_) return;
    presenter_ = on;
    if (presenterAction_->isChecked() != on) {
        const QSignalBlocker blocker(presenterAction_);
        presenterAction_->setChecked(on);
    }
    panel_->setVisible(!on);
    if (on) {
        wasMaximized_ = isMaximized();
        showFullScreen();
        setFontZoom(std::max(fontZoom_, 1.3));
        log(tr("Presenter mode: F11 leaves it, Ctrl+= and Ctrl+- change the text size"));
    } else {
        setFontZoom(1.0);
        if (wasMaximized_)
            showMaximized();
        else
            showNormal();
    }
}

void MainWindow::setFontZoom(double factor) {
    fontZoom_ = std::clamp(factor, 0.6, 3.0);
    applyFontZoom(this, fontZoom_);
}

void MainWindow::stopTraining() {
    if (!worker_->isRunning()) return;
    worker_->stop();
    status_->setText(tr("Stopping after the current step..."));
}

void MainWindow::onMetrics(const nemo::MetricsEvent& e) {
    plot_->addEvent(e);
    const long long total = (long long)e.epochs * e.stepsPerEpoch;
    const long long done = (long long)e.epoch * e.stepsPerEpoch + e.step;
    if (total > 0) {
        progress_->setMaximum(int(total));
        progress_->setValue(int(done));
        QString text = tr("Epoch %1/%2, step %3/%4")
                           .arg(e.epoch + 1)
                           .arg(e.epochs)
                           .arg(e.step)
                           .arg(e.stepsPerEpoch);
        const double left = worker_->isRunning() ? eta_.update(nowSeconds(), done, total) : -1;
        if (left >= 0) {
            text += left >= 120 ? tr(", about %1 min left").arg(qRound(left / 60))
                                : tr(", about %1 s left").arg(qRound(left));
        }
        status_->setText(text);
    }
    if (e.kind == nemo::MetricsEvent::Kind::Epoch && e.phase == "test") {
        log(tr("Epoch %1: test accuracy %2, neuron retention %3")
                .arg(e.epoch + 1)
                .arg(e.accuracy, 0, 'f', 4)
                .arg(e.retention, 0, 'f', 3));
    }
}

void MainWindow::onFinished(bool stopped, double accuracy, double retention) {
    setRunning(false);
    if (restartPending_) {
        restartPending_ = false;
        // `finished` is sent from the worker thread just before it ends: wait for that end, or
        // startTraining() would still see a running worker and do nothing.
        worker_->stopAndWait();
        outDir_->setText(defaultRunDir());
        log(tr("Restarting with the same settings in a new run folder"));
        startTraining();
        return;
    }
    const QString text = stopped ? tr("Stopped; the last finished epoch is saved")
                                 : tr("Done: test accuracy %1, neuron retention %2")
                                       .arg(accuracy, 0, 'f', 4)
                                       .arg(retention, 0, 'f', 3);
    status_->setText(text);
    log(text);
    modulesTab_->setRun(outDir_->text());  // the new checkpoint can be modularized now
    if (!stopped) lessonEvent("training_finished");
}

void MainWindow::onFailed(const QString& reason) {
    setRunning(false);
    restartPending_ = false;
    status_->setText(tr("Training failed"));
    log(reason);
    QMessageBox::critical(this, tr("Training failed"), reason);
}

void MainWindow::setRunning(bool running) {
    modulesTab_->setTrainingActive(running);
    startAction_->setEnabled(!running);
    pauseAction_->setEnabled(running);
    stopAction_->setEnabled(running);
    stepAction_->setEnabled(running);
    restartAction_->setEnabled(running);
    pauseAction_->setText(tr("Pause"));
    // While a run trains only its learning rates and loss weights can change (at the next
    // step); everything else defines the run and is locked, not silently ignored.
    const QList<QWidget*> defining = {preset_,        dataset_, model_,         mode_,
                                      maskAttention_, teacher_, teacherBrowse_, distillAlpha_,
                                      distillTau_,    epochs_,  batchSize_,     limitTrain_,
                                      seed_,          threads_, outDir_};
    for (QWidget* w : defining) w->setEnabled(!running);
    if (!running) onModelChanged(model_->currentText());  // re-applies the model's own rules
    updateMethodFields();
}

void MainWindow::log(const QString& text) {
    log_->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + text);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (worker_->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Stop training?"),
            tr("Training is still running. Stop it and close? The last finished epoch is kept "
               "and the run can be continued later."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        worker_->stopAndWait();
    }
    if (modulesTab_->isBusy()) {
        const auto answer = QMessageBox::question(
            this, tr("Stop module work?"),
            tr("The Modules tab is still working. Stop it and close? An extraction in progress "
               "is discarded; modularizing finishes its pass first."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        modulesTab_->worker()->stopAndWait();
    }
    event->accept();
}
