// Everything needed to repeat a training run. Plain data: the GUI includes this header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nemo {

enum class TrainMode { Nemo, Mwt, Standard };

std::string toString(TrainMode mode);
TrainMode trainModeFromString(const std::string& text);  // throws std::invalid_argument

struct TrainConfig {
    std::string dataset = "fashion-mnist";
    std::string dataDir;  // empty: defaultDataDir(dataset)
    std::string model = "minivgg";
    TrainMode mode = TrainMode::Nemo;
    std::string outDir;  // the run directory; empty: train without writing one

    int epochs = 20;
    int batchSize = 128;
    double lr = 0.05;      // lr of the model's own parameters
    double lrMask = 0.05;  // lr of the mask generators
    // Loss weights. NeMo: L = CE + alpha * L_contra(temperature). MwT: L = CE + alpha * L_coh +
    // beta * L_coup. These are lossDefaults(Nemo, "minivgg"); defaultsFor() gives other models'.
    double alpha = 1.3;
    double beta = 1.5;
    double temperature = 0.2;
    uint64_t seed = 42;
    int threads = 0;  // 0: every core of the machine
    std::string device = "cpu";
    // "fp32", or "bf16": forward pass under bfloat16 autocast (convolutions and linear layers in
    // bf16; losses, masks in the loss, weights and optimizer state in fp32). Fast on GPUs with
    // bf16 units; on a CPU without them it runs but is slower.
    std::string precision = "fp32";
    // GPU: capture each epoch's training step once as a CUDA graph and replay it for every batch
    // of the same size, instead of launching its ~1,000 small kernels from the host one by one.
    // Ignored on a CPU. Off by default until measured on a GPU (bench/README.md).
    bool cudaGraph = false;
    int64_t limitTrain = 0;  // 0: the whole training split
    int64_t limitTest = 0;
    // Transformers: masks on the attention's query/key/value too (docs/method.md §1.8); false
    // leaves them unmasked.
    bool maskAttention = true;
    // DeiT (a model with a distillation head): the run folder of a trained teacher (docs/method.md
    // §3.5: a standard ResNet18 trained by the engine on the same dataset). With a teacher the
    // cross-entropy is replaced by distillAlpha * CE(class head) + (1 - distillAlpha) * (KL_class +
    // KL_distillation) / 2 at temperature distillTau. Empty: no teacher (plain CE on the averaged
    // heads).
    std::string teacher;
    double distillAlpha = 0.5;
    double distillTau = 1.0;
    // Data-parallel training (docs/distributed.md): "global" computes the contrastive (NeMo) or
    // cohesion/coupling (MwT) loss over the whole global batch (every rank's masks gathered, the
    // gradient exact: the same training as one process with that batch), "local" over each
    // rank's own rows (the mean of the ranks' losses; fewer pairs, no gather). One process:
    // both are the same.
    std::string maskLossScope = "global";
    bool augment = true;     // random crop (and flip where it makes sense) on training batches
    int logEvery = 20;       // training steps between two step events
    int heatmapEvery = 0;    // steps between two heatmap frames to the observer (0: none)
    int probePerClass = 16;  // test images per class in the heatmap's fixed probe set

    // On resume the run's config.json wins, except for the settings named here ("lr",
    // "lr_mask", "alpha", "beta", "temperature": the ones that may change between epochs
    // without invalidating what was trained); their values then come from this config.
    std::vector<std::string> changeOnResume;
    // Kept in config.json: every such change, e.g. "after epoch 3: lr 0.05 -> 0.01".
    std::vector<std::string> changeHistory;

    // A config whose loss settings are lossDefaults(mode, model)'s.
    static TrainConfig defaultsFor(TrainMode mode, const std::string& model = "minivgg");
};

// The loss settings the published code trained each model family with (docs/method.md §3.4, §4.3).
// NeMo on CNNs: alpha 1.3, temperature 0.2 (the simcnn/cifar10 modularizer script; the
// plot/ studies sweep 1.0-1.8 at 0.2), on ResNets alpha 1.1 (the resnet18/svhn training script),
// on Transformers alpha 0.1 (the deit_s/svhn and cifar10 scripts; vit_s used 0.06-0.15). The
// argparse defaults 0.5 / 0.3 were never used for a published run. MwT: alpha 0.5, beta 1.5 (MwT
// README) for every family. Standard training ignores them.
struct LossDefaults {
    double alpha = 1.3;
    double beta = 1.5;
    double temperature = 0.2;
    std::string family;  // "cnn", "resnet" or "transformer"
    std::string source;  // where the values come from, for --help and logs
};
LossDefaults lossDefaults(TrainMode mode, const std::string& model);

// Throws std::invalid_argument naming the first setting out of range (as the command line spells
// it) and what is allowed: a batch of 0 images, 0 epochs, a negative learning rate, ... are
// refused before anything is read or written.
void validateConfig(const TrainConfig& config);

// JSON text of a config (config.json in a run directory) and back. fromJson throws
// std::runtime_error naming the bad key.
std::string configToJson(const TrainConfig& config);
TrainConfig configFromJson(const std::string& json);

}  // namespace nemo
