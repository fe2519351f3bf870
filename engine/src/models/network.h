// Base of every architecture: a forward pass plus the ordered list of masked layers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/masked_unit.h"

namespace nemo {

struct ModelSpec {
    int inChannels = 3;
    int numClasses = 10;
    int inputSize = 32;  // square input side; the paper's CNNs need 32
    bool masked = true;  // false: the standard (non-modular) variant
    // Transformers: the attention's query/key/value Linears get generators too (the published
    // runs' --replace_attention, docs/method.md §1.8); false leaves them unmasked.
    bool maskAttention = true;
};

class NetworkImpl : public torch::nn::Module {
  public:
    explicit NetworkImpl(std::string name, ModelSpec spec) : name_(std::move(name)), spec_(spec) {}
    virtual torch::Tensor forward(const torch::Tensor& x) = 0;

    // Masks of the last forward pass in mask order; empty for standard models.
    std::vector<torch::Tensor> masks() const;
    // Width of every masked layer, in mask order.
    std::vector<int64_t> maskedWidths() const;
    const std::vector<std::string>& maskedNames() const { return maskedNames_; }
    const std::vector<MaskedUnit*>& maskedUnits() const { return maskedUnits_; }
    int64_t totalMaskedUnits() const;
    // The published CNN trainer replaces the first masked layer's masks by ones in the
    // contrastive loss (docs/method.md §4.2); its Transformer trainer does not.
    virtual bool firstMaskOnesInLoss() const { return true; }
    // DeiT-style models: a second head on a distillation token, trained towards a teacher
    // (docs/method.md §3.5). The two heads' logits of the last forward pass; undefined otherwise.
    virtual bool hasDistillationHead() const { return false; }
    virtual torch::Tensor lastClassLogits() const { return {}; }
    virtual torch::Tensor lastDistillationLogits() const { return {}; }

    const std::string& modelName() const { return name_; }
    const ModelSpec& spec() const { return spec_; }

  protected:
    // Records a masked layer; call in module-registration order.
    void trackMasked(const std::string& name, MaskedUnit* unit);

  private:
    std::string name_;
    ModelSpec spec_;
    std::vector<MaskedUnit*> maskedUnits_;  // owned by the module tree
    std::vector<std::string> maskedNames_;
};

using Network = std::shared_ptr<NetworkImpl>;

// Stores every 4-D parameter (conv weights) channels-last. With channels-last inputs, oneDNN's
// convolutions, batch norm and pooling run without layout conversions, which on CPU makes small
// CNNs about 1.5x faster (bench/README.md).
void useChannelsLast(NetworkImpl& model);

// The input side a model wants (smaller images are zero-padded to it); 0: any (model_catalog.h).
int requiredInputSize(const std::string& model);
// Whether random crops and flips help the model (ModelInfo::augmentation).
bool augmentationSuits(const std::string& model);
// The input a model is benchmarked on without a dataset: its catalogue input (1x28x28 for ours,
// 3x32x32 for the paper's models), 10 classes.
ModelSpec syntheticSpec(const std::string& model, bool masked);
// Builds a model by name; throws std::invalid_argument listing the valid names.
Network buildModel(const std::string& name, const ModelSpec& spec);

}  // namespace nemo
