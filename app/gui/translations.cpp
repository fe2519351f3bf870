#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

QString installTranslations(QCoreApplication* app, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) return {};
    // QLocale's default stays as it is: many labels format numbers with QString::arg, so
    // changing it would mix "0,5" in spin boxes with "0.5" in labels.
    // Qt's own strings (standard buttons, file dialogs), from Debian's qt6-translations-l10n
    // when it is installed; the workbench works without them.
    auto* qt = new QTranslator(app);
    if (qt->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app->installTranslator(qt);
    auto* own = new QTranslator(app);
    if (!own->load(locale, "nemo", "_", ":/i18n")) {
        delete own;
        return {};
    }
    app->installTranslator(own);
    return own->language();
}
