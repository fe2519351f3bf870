// The models NeMo Workbench can build, and what every part of the program needs to know about
// each: the factory (buildModel), the GUI's model picker, the CLI's help and `nemo info`, the loss
// defaults and the data pipeline all read this one table. Plain C++: the GUI includes it.
#pragma once

#include <string>
#include <vector>

namespace nemo {

// Which class builds the network; variants of one architecture (minivgg/tinycnn,
// vit_tiny/deit_tiny/vit_s/deit_s) are chosen by name inside it.
enum class Architecture { SmallCnn, SimCnn, ResCnn, Vgg16, ResNet18, VisionTransformer };

// The family decides the published loss defaults (lossDefaults) and which settings apply:
// only Transformers have attention masks to switch off.
enum class ModelFamily { Cnn, ResNet, Transformer };

struct ModelInfo {
    std::string name;  // as `nemo train --model` and config.json spell it
    Architecture architecture;
    ModelFamily family;
    bool ours;  // ours (small, for a laptop CPU) or the paper's
    // The input it is made for: its benchmark batch without a dataset, and whether other sides
    // are padded to it (fixedInputSize) or taken as they are.
    int inChannels;
    int inputSize;
    bool fixedInputSize;
    bool distillationHead;  // DeiT: learns from a teacher run (--teacher)
    // Random crops and flips. vit_tiny cuts a 28x28 image into 7x7 patches: a shift of up to 4
    // pixels moves content across patch borders, and with it Fashion-MNIST reaches 0.78 instead
    // of 0.85+ after 5 epochs, so the small Transformers train on the images as they are.
    bool augmentation;
    // One or two sentences for the picker's tooltip and `nemo models` (English; the GUI
    // translates it in the "ModelChoices" context).
    const char* description;
};

// Every model, in the order the picker and the help list them: ours first within each family,
// then the paper's.
const std::vector<ModelInfo>& modelCatalog();
// The entry for a name, or nullptr.
const ModelInfo* findModel(const std::string& name);
// The entry for a name; throws std::invalid_argument listing the valid names.
const ModelInfo& modelInfo(const std::string& name);
std::vector<std::string> modelNames();
// "minivgg, tinycnn, ..." for help texts and error messages.
std::string modelNameList();
// "cnn", "resnet" or "transformer" (config files, logs, `nemo models --json`).
const char* familyName(ModelFamily family);

}  // namespace nemo
