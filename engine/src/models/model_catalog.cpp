#include "nemo/model_catalog.h"

#include <stdexcept>

// lupdate collects the descriptions from here for the GUI's translations; the engine has no Qt,
// so the marker is defined away.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace nemo {

const std::vector<ModelInfo>& modelCatalog() {
    using A = Architecture;
    using F = ModelFamily;
    // Fields: name, architecture, family, ours, inChannels, inputSize, fixedInputSize,
    // distillationHead, augmentation, description.
    static const std::vector<ModelInfo> catalog = {
        {"minivgg", A::SmallCnn, F::Cnn, true, 1, 28, false, false, true,
         QT_TRANSLATE_NOOP("ModelChoices",
                           "Ours: VGG16's shape in small, for 28x28 images; its first masked "
                           "layer is 8% of its neurons, as in the paper's CNNs, so modules keep "
                           "little they all share. An epoch of Fashion-MNIST takes about a "
                           "minute on one core")},
        {"tinycnn", A::SmallCnn, F::Cnn, true, 1, 28, false, false, true,
         QT_TRANSLATE_NOOP("ModelChoices",
                           "Ours: a smaller CNN for 28x28 images; its first masked layer is a "
                           "quarter of its neurons, and every module keeps it. An epoch of "
                           "Fashion-MNIST takes under a minute on one core")},
        {"simcnn", A::SimCnn, F::Cnn, false, 3, 32, true, false, true,
         QT_TRANSLATE_NOOP("ModelChoices", "The paper's SimCNN")},
        {"rescnn", A::ResCnn, F::Cnn, false, 3, 32, true, false, true,
         QT_TRANSLATE_NOOP("ModelChoices", "The paper's ResCNN")},
        {"vgg16", A::Vgg16, F::Cnn, false, 3, 32, true, false, true,
         QT_TRANSLATE_NOOP("ModelChoices", "The paper's VGG16 with batch norm")},
        {"resnet18", A::ResNet18, F::ResNet, false, 3, 32, true, false, true,
         QT_TRANSLATE_NOOP("ModelChoices", "The paper's ResNet18")},
        {"vit_tiny", A::VisionTransformer, F::Transformer, true, 1, 28, false, false, false,
         QT_TRANSLATE_NOOP("ModelChoices",
                           "Ours: a Vision Transformer with 4 encoders, 64 wide, on 7x7 patches "
                           "of 28x28 images; learns Fashion-MNIST in minutes on one core. Trains "
                           "without random crops and flips, which would move content across "
                           "patches")},
        {"deit_tiny", A::VisionTransformer, F::Transformer, true, 1, 28, false, true, false,
         QT_TRANSLATE_NOOP("ModelChoices",
                           "Ours: vit_tiny with DeiT's distillation token and second head. Trains "
                           "without random crops and flips, like vit_tiny; learns from a teacher "
                           "run when one is given (Teacher run)")},
        {"vit_s", A::VisionTransformer, F::Transformer, false, 3, 32, true, false, true,
         QT_TRANSLATE_NOOP("ModelChoices", "The paper's ViT-Small (12 encoders, 384 wide)")},
        {"deit_s", A::VisionTransformer, F::Transformer, false, 3, 32, true, true, true,
         QT_TRANSLATE_NOOP("ModelChoices",
                           "The paper's DeiT-Small (ViT-Small with a distillation token)")},
    };
    return catalog;
}

const ModelInfo* findModel(const std::string& name) {
    for (const ModelInfo& info : modelCatalog())
        if (info.name == name) return &info;
    return nullptr;
}

const ModelInfo& modelInfo(const std::string& name) {
    if (const ModelInfo* info = findModel(name)) return *info;
    throw std::invalid_argument("unknown model '" + name + "'; choose one of: " + modelNameList());
}

std::vector<std::string> modelNames() {
    std::vector<std::string> names;
    for (const ModelInfo& info : modelCatalog()) names.push_back(info.name);
    return names;
}

std::string modelNameList() {
    std::string list;
    for (const ModelInfo& info : modelCatalog()) list += (list.empty() ? "" : ", ") + info.name;
    return list;
}

const char* familyName(ModelFamily family) {
    switch (family) {
        case ModelFamily::Cnn:
            return "cnn";
        case ModelFamily::ResNet:
            return "resnet";
        case ModelFamily::Transformer:
            return "transformer";
    }
    return "cnn";
}

}  // namespace nemo
