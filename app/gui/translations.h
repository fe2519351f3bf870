// Installs the workbench's translation (embedded .qm files under :/i18n) and Qt's own, for the
// language asked for or, when none is, the system's.
#pragma once

#include <QString>

class QCoreApplication;

// language: "" (the system locale), "en", "zh_CN", "de", ... Returns the locale name whose
// workbench translation was loaded, or "" when the interface stays in English.
QString installTranslations(QCoreApplication* app, const QString& language);
