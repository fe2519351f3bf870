#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

QString installTranslations(QCoreApplication* app, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // QLocale's default stays as it is: many labels format numbers with QString::arg, so
    // changing it would mix "0,5" in spin boxes with "0.5" in labels.
    auto* own = new QTranslator(app);
    QString loaded;
    if (own->load(locale, "nemo", "_", ":/i18n")) {
        loaded = own->language().startsWith("en") ? QString() : own->language();
    } else if (!own->load(":/i18n/nemo_en.qm")) {
        delete own;
        return {};
    }
    // nemo_en holds only English plural forms ("1 class", "3 classes"); any language without a
    // catalogue of its own falls back to it.
    app->installTranslator(own);
    if (!loaded.isEmpty()) {
        // Qt's own strings (standard buttons, file dialogs), from Debian's qt6-translations-l10n
        // when it is installed; the workbench works without them.
        auto* qt = new QTranslator(app);
        if (qt->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            app->installTranslator(qt);
        else
            delete qt;
    }
    return loaded;
}
