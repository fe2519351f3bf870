#include "module_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {

// Gives this file's messages a translation context of their own.
struct ModuleExport {
    Q_DECLARE_TR_FUNCTIONS(ModuleExport)
};

bool fail(QString* error, const QString& text) {
    if (error) *error = text;
    return false;
}

}  // namespace

QStringList moduleFileNames() {
    return {"module.pt", "module.safetensors", "module.json"};
}

bool copyModuleFolder(const QString& moduleDir, const QString& destination, QString* error) {
    for (const QString& name : moduleFileNames()) {
        if (!QFile::exists(moduleDir + "/" + name))
            return fail(error, ModuleExport::tr("%1 is missing from %2. Extract the module again.")
                                   .arg(name, moduleDir));
    }
    const QFileInfo dest(destination);
    if (dest.exists() && !(dest.isDir() && QDir(destination).isEmpty()))
        return fail(error, ModuleExport::tr(
                               "%1 already exists and is not an empty folder. Choose a new folder "
                               "name.")
                               .arg(destination));
    if (QFileInfo(moduleDir).canonicalFilePath() == dest.canonicalFilePath())
        return fail(error, ModuleExport::tr("The module is already in %1.").arg(destination));
    QDir parent = dest.absoluteDir();
    if (!parent.exists() && !parent.mkpath("."))
        return fail(error, ModuleExport::tr("Cannot create %1. Check that you may write there.")
                               .arg(parent.path()));

    // Staging beside the destination: same file system, so the final rename is atomic.
    const QString staging = parent.filePath("." + dest.fileName() + ".partial");
    QDir(staging).removeRecursively();
    if (!parent.mkdir(staging))
        return fail(
            error, ModuleExport::tr("Cannot create a folder in %1. Check that you may write there.")
                       .arg(parent.path()));
    for (const QString& name : moduleFileNames()) {
        const QString from = moduleDir + "/" + name, to = staging + "/" + name;
        QFile source(from);
        if (!source.copy(to) || QFileInfo(to).size() != QFileInfo(from).size()) {
            QDir(staging).removeRecursively();
            return fail(error, ModuleExport::tr(
                                   "Copying %1 to %2 failed (%3). Check the free disk space and "
                                   "that you may write there.")
                                   .arg(name, parent.path(), source.errorString()));
        }
    }
    if (dest.exists()) parent.rmdir(dest.fileName());  // the empty folder the user picked
    if (!parent.rename(staging, destination)) {
        QDir(staging).removeRecursively();
        return fail(error, ModuleExport::tr(
                               "Cannot rename the copied module to %1. Check that you may write "
                               "there.")
                               .arg(destination));
    }
    return true;
}
