// Evaluation on a whole split: loss parts, accuracy, neuron retention and batch Jaccard metrics.
#pragma once

#include "data/batch_loader.h"
#include "models/network.h"
#include "train/frozen_run_model.h"
#include "train/train_step.h"

namespace nemo {

struct EvalStats {
    double loss = NAN, crossEntropy = NAN, contrastive = NAN, cohesionLoss = NAN,
           couplingLoss = NAN, distillation = NAN;
    double accuracy = NAN;
    double retention = NAN;  // fraction of mask values > 0 (per layer, then mean over layers)
    double jaccardCohesion = NAN, jaccardCoupling = NAN;
    int64_t samples = 0;
};

// model.eval(), no grad; every value is the mean over batches (as the published logs), accuracy
// over samples. With a teacher (DeiT) the loss is the training loss with the distillation part,
// as the published test phase computes it.
EvalStats evaluate(NetworkImpl& model, BatchLoader& loader, const LossSettings& settings,
                   FrozenRunModel* teacher = nullptr);

}  // namespace nemo
