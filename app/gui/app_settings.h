// The workbench's preferences, kept in QSettings: interface language, the folder datasets are
// looked for in, and the default number of CPU threads for training.
#pragma once

#include <QString>
#include <QStringList>

struct AppSettings {
    QString language;  // "" follows the system; otherwise "en", "zh_CN" or "de"
    QString dataDir;   // "" uses the built-in places (Debian's Fashion-MNIST package)
    int threads = 0;   // 0: every core

    static AppSettings load();
    void save() const;
    // Datasets are found through NEMO_DATA_DIR (a folder with one sub-folder per dataset), the
    // same rule the command line follows, so the engine, the Data tab and the Modules tab all
    // see the chosen folder without a parameter of their own.
    void applyDataDir() const;

    static QStringList languages();  // codes offered in the dialog, "" first
};
