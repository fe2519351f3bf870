#include "model_choices.h"

#include <QCoreApplication>
#include <algorithm>

namespace {

// Gives the descriptions a translation context of their own.
struct ModelChoices {
    Q_DECLARE_TR_FUNCTIONS(ModelChoices)
};

}  // namespace

QList<ModelChoice> modelChoices() {
    return {
        {"minivgg", false,
         ModelChoices::tr("Ours: VGG16's shape in small, for 28x28 images; its first masked "
                          "layer is 8% of its neurons, as in the paper's CNNs, so modules keep "
                          "little they all share. An epoch of Fashion-MNIST takes about a "
                          "minute on one core")},
        {"tinycnn", false,
         ModelChoices::tr("Ours: a smaller CNN for 28x28 images; its first masked layer is a "
                          "quarter of its neurons, and every module keeps it. An epoch of "
                          "Fashion-MNIST takes under a minute on one core")},
        {"simcnn", false, ModelChoices::tr("The paper's SimCNN")},
        {"rescnn", false, ModelChoices::tr("The paper's ResCNN")},
        {"vgg16", false, ModelChoices::tr("The paper's VGG16 with batch norm")},
        {"resnet18", false, ModelChoices::tr("The paper's ResNet18")},
        // The engine trains vit_tiny on the images as they are (augmentationSuits): say so, as
        // the form has no augmentation switch.
        {"vit_tiny", true,
         ModelChoices::tr("Ours: a Vision Transformer with 4 encoders, 64 wide, on 7x7 patches "
                          "of 28x28 images; learns Fashion-MNIST in minutes on one core. Trains "
                          "without random crops and flips, which would move content across "
                          "patches")},
        {"deit_tiny", true,
         ModelChoices::tr("Ours: vit_tiny with DeiT's distillation token and second head. Trains "
                          "without random crops and flips, like vit_tiny; learns from a teacher "
                          "run when one is given (Teacher run)"),
         true},
        {"vit_s", true, ModelChoices::tr("The paper's ViT-Small (12 encoders, 384 wide)")},
        {"deit_s", true,
         ModelChoices::tr("The paper's DeiT-Small (ViT-Small with a distillation token)"), true},
    };
}

bool isTransformerModel(const QString& name) {
    const QList<ModelChoice> choices = modelChoices();
    return std::any_of(choices.begin(), choices.end(),
                       [&](const ModelChoice& m) { return m.name == name && m.transformer; });
}

bool hasDistillationHead(const QString& name) {
    const QList<ModelChoice> choices = modelChoices();
    return std::any_of(choices.begin(), choices.end(),
                       [&](const ModelChoice& m) { return m.name == name && m.distillationHead; });
}
