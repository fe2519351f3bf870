#include "model_choices.h"

#include <QCoreApplication>

#include "nemo/model_catalog.h"

QList<ModelChoice> modelChoices() {
    QList<ModelChoice> choices;
    for (const nemo::ModelInfo& info : nemo::modelCatalog()) {
        // The descriptions are marked for lupdate in model_catalog.cpp ("ModelChoices").
        choices.append(
            {QString::fromStdString(info.name), info.family == nemo::ModelFamily::Transformer,
             QCoreApplication::translate("ModelChoices", info.description), info.distillationHead});
    }
    return choices;
}

bool isTransformerModel(const QString& name) {
    const nemo::ModelInfo* info = nemo::findModel(name.toStdString());
    return info != nullptr && info->family == nemo::ModelFamily::Transformer;
}

bool hasDistillationHead(const QString& name) {
    const nemo::ModelInfo* info = nemo::findModel(name.toStdString());
    return info != nullptr && info->distillationHead;
}
