// nemo-workbench: the desktop front end. --demo picks the Quick demo preset and starts it.
#include <QApplication>
#include <QCommandLineParser>
#include <QTabWidget>
#include <QTimer>

#include "main_window.h"
#include "training_worker.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("nemo-workbench");
    QApplication::setOrganizationName("NeMo Workbench");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Modularize neural networks while they train"));
    parser.addHelpOption();
    QCommandLineOption demo("demo",
                            QApplication::translate("main", "Start the Quick demo at once"));
    QCommandLineOption screenshot(
        "screenshot",
        QApplication::translate("main", "Save a PNG of the window after N seconds and quit"),
        "file");
    QCommandLineOption after(
        "after", QApplication::translate("main", "Seconds before --screenshot"), "seconds", "20");
    QCommandLineOption tab(
        "tab",
        QApplication::translate(
            "main", "Tab to show first (0: Training, 1: Neurons, 2: Modules, 3: Data, 4: Log)"),
        "index", "0");
    parser.addOptions({demo, screenshot, after, tab});
    parser.addPositionalArgument(
        "run", QApplication::translate("main", "A run folder to open (followed while it grows)"),
        "[run]");
    parser.process(app);

    MainWindow window;
    window.show();
    if (auto* tabs = window.findChild<QTabWidget*>())
        tabs->setCurrentIndex(parser.value(tab).toInt());
    if (!parser.positionalArguments().isEmpty())
        window.openRun(parser.positionalArguments().first());
    if (parser.isSet(demo)) {
        window.applyQuickDemo();
        window.startTraining();
    }
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(int(parser.value(after).toDouble() * 1000), &window, [&window, file] {
            window.grab().save(file);
            window.worker()->stopAndWait();
            QApplication::quit();
        });
    }
    return app.exec();
}
