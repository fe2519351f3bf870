// nemo-workbench: the desktop front end. --demo picks the Quick demo preset and starts it,
// --transformer-demo the Transformer demo.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QTabWidget>
#include <QTimer>

#include "app_settings.h"
#include "main_window.h"
#include "nemo/trainer.h"
#include "training_worker.h"
#include "translations.h"

namespace {

// --lang has to be known before any widget (and the parser's own help text) is translated, so
// it is picked out of argv before the real parsing.
QString languageFromArguments(const QStringList& args) {
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--lang" && i + 1 < args.size()) return args[i + 1];
        if (args[i].startsWith("--lang=")) return args[i].mid(7);
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    nemo::keepFreedMemoryForReuse();
    QApplication app(argc, argv);
    QApplication::setApplicationName("nemo-workbench");
    QApplication::setOrganizationName("NeMo Workbench");
    const AppSettings settings = AppSettings::load();
    settings.applyDataDir();
    QString language = languageFromArguments(QApplication::arguments());
    if (language.isEmpty()) language = settings.language;
    installTranslations(&app, language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Modularize neural networks while they train"));
    parser.addHelpOption();
    QCommandLineOption demo("demo",
                            QApplication::translate("main", "Start the Quick demo at once"));
    QCommandLineOption transformerDemo(
        "transformer-demo",
        QApplication::translate("main", "Start the Transformer demo (vit_tiny) at once"));
    QCommandLineOption screenshot(
        "screenshot",
        QApplication::translate("main", "Save a PNG of the window after N seconds and quit"),
        "file");
    QCommandLineOption after(
        "after", QApplication::translate("main", "Seconds before --screenshot"), "seconds", "20");
    QCommandLineOption tab(
        "tab",
        QApplication::translate("main",
                                "Tab to show first (0: Training, 1: Neurons, 2: Network, 3: "
                                "Modules, 4: Data, 5: Compare, 6: Log)"),
        "index", "0");
    QCommandLineOption lang(
        "lang",
        QApplication::translate("main",
                                "Interface language (en, zh_CN, de); default: the one chosen "
                                "in Preferences, else the system's"),
        "code");
    QCommandLineOption presenter(
        "presenter",
        QApplication::translate("main", "Start in presenter mode (full screen, larger text)"));
    parser.addOptions({demo, transformerDemo, screenshot, after, tab, lang, presenter});
    parser.addPositionalArgument(
        "run",
        QApplication::translate(
            "main", "A run folder to open (followed while it grows), or a study folder"),
        "[run]");
    parser.process(app);

    MainWindow window;
    window.show();
    if (auto* tabs = window.findChild<QTabWidget*>())
        tabs->setCurrentIndex(parser.value(tab).toInt());
    if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().first();
        if (path.endsWith(".json", Qt::CaseInsensitive) && QFileInfo(path).isFile()) {
            QString error;
            if (!window.openLesson(path, &error))
                QMessageBox::warning(&window, QApplication::translate("main", "Cannot open lesson"),
                                     error);
        } else {
            window.openRun(path);
        }
    }
    if (parser.isSet(presenter)) window.setPresenterMode(true);
    if (parser.isSet(demo)) {
        window.applyQuickDemo();
        window.startTraining();
    } else if (parser.isSet(transformerDemo)) {
        window.applyTransformerDemo();
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
