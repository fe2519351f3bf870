#include "main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

#include "app_settings.h"
#include "compare_tab.h"
#include "data_tab.h"
#include "dataset_preview.h"
#include "experiment_panel.h"
#include "font_zoom.h"
#include "heatmap_view.h"
#include "metrics_plot.h"
#include "model_choices.h"
#include "module_worker.h"
#include "modules_tab.h"
#include "nemo/dataset.h"
#include "nemo/model_catalog.h"
#include "nemo/run_folder.h"
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

QScrollArea* scrollable(QWidget* page) {
    auto* area = new QScrollArea;
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      worker_(new TrainingWorker(this)),
      follower_(new RunFollower(this)),
      masksLoader_(new RunMasksLoader(this)) {
    setWindowTitle(tr("NeMo Workbench"));
    buildCentralArea();
    buildToolbar();
    buildExplanationDock();
    progress_ = new QProgressBar;
    progress_->setMaximumWidth(240);
    progress_->setFormat(tr("%p%"));
    status_ = new QLabel(tr("Ready"));
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);

    buildMenus();
    connectParts();
    setRunning(false);
    updateExplanation();
    fitToScreen();
}

// The experiment panel beside the tabs.
void MainWindow::buildCentralArea() {
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
    experiment_ = new ExperimentPanel;
    panelScroll->setWidget(experiment_);
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
}

void MainWindow::buildToolbar() {
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
}

void MainWindow::buildExplanationDock() {
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
}

// The workers' and tabs' reports to the views, the log and the lesson.
void MainWindow::connectParts() {
    connect(worker_, &TrainingWorker::metrics, this, &MainWindow::onMetrics);
    connect(follower_, &RunFollower::metrics, this, &MainWindow::onMetrics);
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
    connect(experiment_, &ExperimentPanel::datasetChanged, dataTab_,
            [this](const QString& name) { dataTab_->showDataset(name, experiment_->dataDir()); });
    dataTab_->showDataset(experiment_->dataset(), experiment_->dataDir());
    connect(experiment_, &ExperimentPanel::liveSettingChanged, this, &MainWindow::sendLiveSetting);
    connect(experiment_, &ExperimentPanel::modeChanged, this, [this](const QString& mode) {
        if (worker_->isRunning()) return;
        shownMode_ = mode;
        updateExplanation();
    });
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
    experiment_->setOutDir(runDir);
    applyRunConfig(runDir);
    RunSummary run;
    QString name = QDir(runDir).dirName();
    if (RunSummary::load(runDir, &run, nullptr)) {
        name = runLabel(run.mode, run.model);
        shownMode_ = run.mode;
        updateExplanation();
        // The Data tab follows the run's dataset (and its data folder, which the form lacks).
        experiment_->showDataset(run.dataset, run.dataDir);
        dataTab_->showDataset(run.dataset, run.dataDir);
    }
    nameShownRun(name, runDir);
    modulesTab_->setRun(runDir);
    if (nemo::RunFolder(runDir.toStdString()).hasCheckpoint()) {
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
    RunSummary run;
    if (RunSummary::load(runDir, &run, nullptr)) experiment_->setConfig(run.config);
}

void MainWindow::showPreferences() {
    SettingsDialog dialog(AppSettings::load(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const AppSettings chosen = dialog.settings();
    chosen.save();
    chosen.applyDataDir();
    if (!worker_->isRunning()) experiment_->setThreads(chosen.threads);
    dataTab_->showDataset(experiment_->dataset(), experiment_->dataDir());
}

void MainWindow::applyQuickDemo() {
    experiment_->applyQuickDemo();
}

void MainWindow::applyTransformerDemo() {
    experiment_->applyTransformerDemo();
}

nemo::TrainConfig MainWindow::configFromForm() const {
    return experiment_->config();
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
    const bool resume = nemo::RunFolder(config.outDir).hasConfig();
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
                                  .arg(experiment_->outDir())) != QMessageBox::Yes) {
        return;
    }
    follower_->stop();
    plot_->clear();
    shownMode_ = experiment_->mode();
    updateExplanation();
    const QString outDir = experiment_->outDir();
    modulesTab_->setTrainingRun(outDir);  // not the previous run's modules
    clearMasks(shownMode_ == "standard" ? tr("This run trains in standard mode: it has no masks.")
                                        : tr("The masks appear after the first training steps."));
    eta_.reset();
    nameShownRun(runLabel(experiment_->mode(), experiment_->model()), outDir);
    rememberRun(outDir);
    lessonEvent("training_started");
    log(tr("Training %1 on %2 (%3) into %4")
            .arg(experiment_->model(), experiment_->dataset(), experiment_->modeLabel(), outDir));
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
    return experiment_->isLiveSetting(field);
}

void MainWindow::sendLiveSetting(const nemo::LiveSettings& settings, const QString& name,
                                 double value) {
    if (!worker_->isRunning()) return;
    worker_->changeSettings(settings);
    status_->setText(tr("%1 %2 takes effect at the next training step%3")
                         .arg(name)
                         .arg(value)
                         .arg(worker_->isPaused() ? tr(" (the run is paused)") : QString()));
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
    if (!experiment_->applyLesson(lesson, error)) return;
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
        restartPending_ = false;  // the worker's thread has ended: a new run starts at once
        experiment_->setOutDir(ExperimentPanel::defaultRunDir());
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
    modulesTab_->setRun(experiment_->outDir());  // the new checkpoint can be modularized now
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
    experiment_->setRunning(running);
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
