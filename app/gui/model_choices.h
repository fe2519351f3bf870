// The engine's model catalogue (nemo/model_catalog.h) as the Experiment panel offers it: a
// translated description for its tooltip, whether it is a Transformer (only those have attention
// masks to switch off) and whether it has DeiT's distillation head (only those learn from a
// teacher run). The loss settings per family are the engine's (nemo::lossDefaults).
#pragma once

#include <QList>
#include <QString>

struct ModelChoice {
    QString name;  // as `nemo train --model` takes it
    bool transformer = false;
    QString description;            // translated
    bool distillationHead = false;  // accepts a teacher (nemo train --teacher)
};

// In the catalogue's order: ours first within each family, then the paper's.
QList<ModelChoice> modelChoices();
bool isTransformerModel(const QString& name);
bool hasDistillationHead(const QString& name);
