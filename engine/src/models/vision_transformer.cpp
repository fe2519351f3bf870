#include "models/vision_transformer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nemo {
namespace {

// HF's trunc_normal_(0, std) truncates at +-2 in absolute terms, i.e. at 100 standard deviations
// for std 0.02: a plain normal draw is the same distribution.
void initNormal(torch::Tensor& t, double std) {
    torch::NoGradGuard noGrad;
    t.normal_(0.0, std);
}

void initLinear(torch::Tensor& weight, torch::Tensor& bias, double std) {
    initNormal(weight, std);
    torch::NoGradGuard noGrad;
    if (bias.defined()) bias.zero_();
}

torch::nn::LayerNorm layerNorm(int64_t width) {
    // HF's layer_norm_eps = 1e-12 (§1.6); gamma 1, beta 0 is LibTorch's default.
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({width}).eps(1e-12));
}

}  // namespace

EncoderLayerImpl::EncoderLayerImpl(const VitOptions& o, bool maskedLayer, bool maskAttention)
    : heads(o.heads) {
    ln_before = register_module("ln_before", layerNorm(o.hidden));
    // Registration order = mask order per encoder: q, k, v, attn_out, inter, out (§1.8).
    const bool qkv = maskedLayer && maskAttention;
    query = register_module("query", MaskedLinear(o.hidden, o.hidden, qkv));
    key = register_module("key", MaskedLinear(o.hidden, o.hidden, qkv));
    value = register_module("value", MaskedLinear(o.hidden, o.hidden, qkv));
    attn_out = register_module("attn_out", MaskedLinear(o.hidden, o.hidden, maskedLayer));
    ln_after = register_module("ln_after", layerNorm(o.hidden));
    inter = register_module("inter", MaskedLinear(o.hidden, o.mlp, maskedLayer));
    out = register_module("out", MaskedLinear(o.mlp, o.hidden, maskedLayer));
    for (auto* l : {&query, &key, &value, &attn_out, &inter, &out})
        initLinear((*l)->weight, (*l)->bias, o.initStd);
}

torch::Tensor EncoderLayerImpl::attention(const torch::Tensor& q, const torch::Tensor& k,
                                          const torch::Tensor& v, int64_t heads) {
    const int64_t b = q.size(0), t = q.size(1), d = q.size(2);
    auto split = [&](const torch::Tensor& y) {
        return y.view({b, t, heads, d / heads}).transpose(1, 2);
    };
    torch::Tensor scores =
        torch::matmul(split(q), split(k).transpose(-1, -2)) / std::sqrt(double(d / heads));
    torch::Tensor context = torch::matmul(torch::softmax(scores, -1), split(v));
    return context.transpose(1, 2).reshape({b, t, d});
}

torch::Tensor EncoderLayerImpl::forward(const torch::Tensor& h) {
    const torch::Tensor x = ln_before(h);
    const torch::Tensor h1 = h + attn_out(attention(query(x), key(x), value(x), heads));
    // HF's "gelu" is the exact erf form (§10), LibTorch's default.
    return h1 + out(torch::gelu(inter(ln_after(h1))));
}

VisionTransformerImpl::VisionTransformerImpl(const std::string& name, const ModelSpec& spec,
                                             const VitOptions& options)
    : NetworkImpl(name, spec), options_(options) {
    if (options_.patch == 0) options_.patch = std::max<int64_t>(1, spec.inputSize / 4);
    const VitOptions& o = options_;
    if (o.hidden % o.heads != 0)
        throw std::invalid_argument(name + ": hidden width not divisible by the heads");
    if (spec.inputSize < o.patch || spec.inputSize % o.patch != 0) {
        throw std::invalid_argument(name + " needs an input side divisible by its patch size " +
                                    std::to_string(o.patch) + ", got " +
                                    std::to_string(spec.inputSize));
    }
    patch = register_module(
        "patch", torch::nn::Conv2d(
                     torch::nn::Conv2dOptions(spec.inChannels, o.hidden, o.patch).stride(o.patch)));
    initLinear(patch->weight, patch->bias, o.initStd);
    cls_token = register_parameter("cls_token", torch::zeros({1, 1, o.hidden}));
    if (o.distilled) dist_token = register_parameter("dist_token", torch::zeros({1, 1, o.hidden}));
    position = register_parameter("position", torch::zeros({1, tokens(), o.hidden}));
    if (!o.zeroTokens) {
        initNormal(cls_token, o.initStd);
        initNormal(position, o.initStd);
    }
    for (int64_t i = 0; i < o.layers; ++i) {
        const std::string enc = "encoder_" + std::to_string(i);
        // Encoder 0 is never masked (replace_linear_vit skips it, §1.8).
        auto layer =
            register_module(enc, EncoderLayer(o, spec.masked && i > 0, spec.maskAttention));
        for (auto [part, unit] : {std::pair{"query", layer->query},
                                  {"key", layer->key},
                                  {"value", layer->value},
                                  {"attn_out", layer->attn_out},
                                  {"inter", layer->inter},
                                  {"out", layer->out}}) {
            if (unit->masked()) trackMasked(enc + "." + part, unit.get());
        }
        encoders.push_back(layer);
    }
    ln = register_module("ln", layerNorm(o.hidden));
    classifier = register_module("classifier", torch::nn::Linear(o.hidden, spec.numClasses));
    initLinear(classifier->weight, classifier->bias, o.initStd);
    if (o.distilled) {
        dist_classifier =
            register_module("dist_classifier", torch::nn::Linear(o.hidden, spec.numClasses));
        initLinear(dist_classifier->weight, dist_classifier->bias, o.initStd);
    }
}

int64_t VisionTransformerImpl::tokens() const {
    const int64_t side = spec().inputSize / options_.patch;
    return side * side + (options_.distilled ? 2 : 1);
}

torch::Tensor VisionTransformerImpl::forward(const torch::Tensor& x) {
    // Patches row-major, as HF's flatten(2).transpose(1, 2).
    torch::Tensor h = patch(x).flatten(2).transpose(1, 2);
    const int64_t b = h.size(0);
    std::vector<torch::Tensor> parts = {cls_token.expand({b, -1, -1})};
    if (options_.distilled) parts.push_back(dist_token.expand({b, -1, -1}));
    parts.push_back(h);
    h = torch::cat(parts, 1) + position;
    for (auto& e : encoders) h = e(h);
    h = ln(h);
    lastClass_ = classifier(h.select(1, 0));
    if (!options_.distilled) return lastClass_;
    lastDistillation_ = dist_classifier(h.select(1, 1));
    return (lastClass_ + lastDistillation_) / 2;
}

VitOptions vitSmallOptions() {
    return VitOptions{};  // HF ViTConfig defaults plus hidden 384, MLP 1536, patch 4 (§1.6)
}

VitOptions deitSmallOptions() {
    VitOptions o;
    o.heads = 6;  // DeiTConfig sets 6 heads of 64 explicitly (§1.7)
    o.distilled = true;
    o.zeroTokens = true;
    return o;
}

VitOptions vitTinyOptions() {
    // Four encoders of width 64 on a 4x4 grid of patches (7x7 on Fashion-MNIST): 17 tokens, about
    // 0.8 M multiply-adds per image; ~900 images/s of NeMo training on one core.
    VitOptions o;
    o.hidden = 64;
    o.layers = 4;
    o.heads = 4;
    o.mlp = 128;
    o.patch = 0;
    // HF's 0.02 leaves a 64-wide model nearly silent at the start; SGD then needs several epochs
    // to get going. 0.1 (about 1 / sqrt(64)) learns Fashion-MNIST 2-3x faster.
    o.initStd = 0.1;
    return o;
}

VitOptions deitTinyOptions() {
    // vit_tiny with DeiT's distillation token and second head, so the teacher path of §3.5 can be
    // taught and tested on one CPU core. Its tokens keep vit_tiny's N(0, 0.1) start rather than
    // DeiT's zeros: at width 64 the zero start only delays learning.
    VitOptions o = vitTinyOptions();
    o.distilled = true;
    return o;
}

VitOptions vitOptionsFor(const std::string& name) {
    if (name == "vit_s") return vitSmallOptions();
    if (name == "deit_s") return deitSmallOptions();
    if (name == "vit_tiny") return vitTinyOptions();
    if (name == "deit_tiny") return deitTinyOptions();
    throw std::invalid_argument("unknown Vision Transformer '" + name + "'");
}

}  // namespace nemo
