// "Save as...": copies a module folder (module.pt, module.safetensors, module.json) to a folder
// the user chose, all or nothing: the files are written to a hidden staging folder beside the
// destination first and renamed into place only when every copy is complete.
#pragma once

#include <QString>
#include <QStringList>

// The files that make a module (module.json's checksums cover the other two).
QStringList moduleFileNames();

// Copies moduleDir's module files to `destination`, which must not exist or be an empty folder.
// Returns false with a message saying what went wrong and what to do; nothing is left behind.
bool copyModuleFolder(const QString& moduleDir, const QString& destination, QString* error);
