#include "app_settings.h"

#include <QSettings>

AppSettings AppSettings::load() {
    QSettings s;
    AppSettings a;
    a.language = s.value("settings/language").toString();
    a.dataDir = s.value("settings/dataDir").toString();
    a.threads = s.value("settings/threads", 0).toInt();
    return a;
}

void AppSettings::save() const {
    QSettings s;
    s.setValue("settings/language", language);
    s.setValue("settings/dataDir", dataDir);
    s.setValue("settings/threads", threads);
}

void AppSettings::applyDataDir() const {
    // An explicit NEMO_DATA_DIR in the environment wins only when no folder was chosen here.
    if (!dataDir.isEmpty()) qputenv("NEMO_DATA_DIR", dataDir.toLocal8Bit());
}

QStringList AppSettings::languages() {
    return {QString(), "en", "zh_CN", "de"};
}
