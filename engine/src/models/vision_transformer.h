// Vision Transformers with masked Linear layers (docs/method.md §1.6-1.8): vit_s (HF ViT-small on
// 32x32, patch 4), deit_s (DeiT-small with a distillation token and two heads) and vit_tiny (ours:
// a small ViT for 28x28 grayscale images that trains on one CPU core in minutes).
#pragma once

#include <vector>

#include "models/masked_linear.h"
#include "models/network.h"

namespace nemo {

struct VitOptions {
    int64_t hidden = 384, layers = 12, heads = 12, mlp = 1536;
    int64_t patch = 4;       // 0: input side / 4, a 4x4 grid of patches
    double initStd = 0.02;   // N(0, std) for Linear/patch weights (and tokens unless zeroTokens)
    bool distilled = false;  // DeiT: a distillation token and a second head on it
    // HF ViT draws the class token and position embeddings from N(0, 0.02); DeiT zeroes them.
    bool zeroTokens = false;
};

// Pre-LN encoder layer: h1 = h + attn_out(MHA(ln_before(h))); h2 = h1 +
// out(GELU(inter(ln_after(h1)))).
class EncoderLayerImpl : public torch::nn::Module {
  public:
    // maskedLayer: the six Linears get generators (q/k/v only with maskAttention).
    EncoderLayerImpl(const VitOptions& options, bool maskedLayer, bool maskAttention);
    torch::Tensor forward(const torch::Tensor& h);
    // Multi-head attention of projected q, k, v (B, T, D) with `heads` heads of D / heads.
    static torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k,
                                   const torch::Tensor& v, int64_t heads);

    torch::nn::LayerNorm ln_before{nullptr}, ln_after{nullptr};
    MaskedLinear query{nullptr}, key{nullptr}, value{nullptr}, attn_out{nullptr}, inter{nullptr},
        out{nullptr};
    int64_t heads = 0;
};
TORCH_MODULE(EncoderLayer);

class VisionTransformerImpl : public NetworkImpl {
  public:
    VisionTransformerImpl(const std::string& name, const ModelSpec& spec,
                          const VitOptions& options);
    // Logits; for DeiT the mean of the class-token and distillation-token heads (§1.7).
    torch::Tensor forward(const torch::Tensor& x) override;
    // The published Transformer trainer keeps every layer's real masks in the loss (§4.2).
    bool firstMaskOnesInLoss() const override { return false; }

    const VitOptions& options() const { return options_; }
    int64_t tokens() const;  // patches + class token (+ distillation token)
    // DeiT: the two heads' logits of the last forward pass (for the distillation loss, §3.5).
    bool hasDistillationHead() const override { return options_.distilled; }
    torch::Tensor lastClassLogits() const override { return lastClass_; }
    torch::Tensor lastDistillationLogits() const override { return lastDistillation_; }

    torch::nn::Conv2d patch{nullptr};
    torch::Tensor cls_token, dist_token, position;
    std::vector<EncoderLayer> encoders;
    torch::nn::LayerNorm ln{nullptr};
    torch::nn::Linear classifier{nullptr}, dist_classifier{nullptr};

  private:
    VitOptions options_;
    torch::Tensor lastClass_, lastDistillation_;
};

VitOptions vitSmallOptions();
VitOptions deitSmallOptions();
VitOptions vitTinyOptions();
VitOptions deitTinyOptions();
// The variant a catalogue name stands for (vit_s, deit_s, vit_tiny, deit_tiny).
VitOptions vitOptionsFor(const std::string& name);

}  // namespace nemo
