#include "models/cnn_models.h"

#include <cmath>
#include <stdexcept>

namespace nemo {
namespace {

namespace F = torch::nn::functional;

torch::Tensor pool2(const torch::Tensor& x) {
    return F::max_pool2d(x, F::MaxPool2dFuncOptions(2));
}

void requireInputSize(const ModelSpec& spec, int size, const char* model) {
    if (spec.inputSize != size) {
        throw std::invalid_argument(std::string(model) + " needs " + std::to_string(size) + "x" +
                                    std::to_string(size) + " inputs, got " +
                                    std::to_string(spec.inputSize));
    }
}

void initLinearNormal(torch::nn::Linear& linear, double std) {
    torch::NoGradGuard noGrad;
    linear->weight.normal_(0.0, std);
    linear->bias.zero_();
}

}  // namespace

MaskedConv2d ConvStackNetwork::addConv(const ConvUnitOptions& options) {
    const std::string name = "conv_" + std::to_string(convs_.size());
    auto conv = register_module(name, MaskedConv2d(options));
    if (options.masked) trackMasked(name, conv.get());
    convs_.push_back(conv);
    return conv;
}

// ---------------------------------------------------------------------------------------------
namespace {

struct SmallLayer {
    int out;
    bool masked;  // in masked (modular) models
    bool poolAfter;
};

std::vector<SmallLayer> smallCnnLayers(const std::string& name) {
    if (name == "tinycnn")
        return {{16, false, true}, {32, true, true}, {32, true, false}, {64, true, true}};
    // minivgg: VGG16's shape in small. Its first masked layer (the one the NeMo trainer leaves
    // out of the contrastive loss, docs/method.md §4.2) is 16 of 208 masked units (7.7%; VGG16
    // 1.5%), where tinycnn's is 32 of 128 (25%) and every tinycnn module keeps it almost whole.
    if (name == "minivgg")
        return {{16, false, true},
                {16, true, true},
                {64, true, false},
                {64, true, true},
                {64, true, false}};
    throw std::invalid_argument("unknown small CNN '" + name + "'");
}

}  // namespace

SmallCnnImpl::SmallCnnImpl(const std::string& name, const ModelSpec& spec)
    : ConvStackNetwork(name, spec) {
    int in = spec.inChannels;
    for (const SmallLayer& l : smallCnnLayers(name)) {
        addConv(ConvUnitOptions(in, l.out).withBias(false).withMask(spec.masked && l.masked));
        poolAfter.push_back(l.poolAfter);
        in = l.out;
    }
    for (auto& c : convs_) initConvFanOut(c->conv);
    const int side = spec.inputSize / 8;
    if (side < 1) throw std::invalid_argument(name + " needs inputs of at least 8x8");
    fc_a = register_module("fc_" + std::to_string(convs_.size()),
                           torch::nn::Linear(in * side * side, 128));
    fc_b = register_module("fc_" + std::to_string(convs_.size() + 1),
                           torch::nn::Linear(128, spec.numClasses));
    dropout = register_module("dropout", torch::nn::Dropout(0.25));
}

torch::Tensor SmallCnnImpl::forward(const torch::Tensor& input) {
    torch::Tensor x = input;
    for (size_t i = 0; i < convs_.size(); ++i) {
        x = torch::relu(convs_[i](x));
        if (poolAfter[i]) x = pool2(x);
    }
    x = dropout(torch::relu(fc_a(x.flatten(1))));
    return fc_b(x);
}

// ---------------------------------------------------------------------------------------------
SimCnnImpl::SimCnnImpl(const ModelSpec& spec) : ConvStackNetwork("simcnn", spec) {
    requireInputSize(spec, 32, "simcnn");
    const int widths[13] = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
    int in = spec.inChannels;
    for (int i = 0; i < 13; ++i) {
        // Masked: conv_0 is a bare conv; the rest are conv+BN+mask. Standard: bare convs only.
        const bool masked = spec.masked && i > 0;
        addConv(ConvUnitOptions(in, widths[i]).withBatchNorm(masked).withMask(masked));
        in = widths[i];
    }
    for (auto& c : convs_) {
        if (spec.masked) {
            initConvFanOut(c->conv);
        } else {
            torch::NoGradGuard noGrad;
            c->conv->weight.normal_(0.0, std::sqrt(2.0 / (9.0 * c->units())));
            c->conv->bias.zero_();
        }
    }
    fc_13 = register_module("fc_13", torch::nn::Linear(512, 512));
    fc_14 = register_module("fc_14", torch::nn::Linear(512, 512));
    fc_15 = register_module("fc_15", torch::nn::Linear(512, spec.numClasses));
    dropout = register_module("dropout", torch::nn::Dropout(0.5));
}

torch::Tensor SimCnnImpl::forward(const torch::Tensor& input) {
    torch::Tensor x = input;
    for (size_t i = 0; i < convs_.size(); ++i) {
        x = torch::relu(convs_[i](x));
        if (i == 1 || i == 3 || i == 6 || i == 9 || i == 12) x = pool2(x);
    }
    x = dropout(x.flatten(1));
    x = dropout(torch::relu(fc_13(x)));
    x = torch::relu(fc_14(x));
    return fc_15(x);
}

// ---------------------------------------------------------------------------------------------
ResCnnImpl::ResCnnImpl(const ModelSpec& spec) : ConvStackNetwork("rescnn", spec) {
    requireInputSize(spec, 32, "rescnn");
    const int widths[12] = {64, 128, 128, 128, 256, 512, 512, 512, 512, 512, 512, 512};
    int in = spec.inChannels;
    for (int i = 0; i < 12; ++i) {
        const bool masked = spec.masked && i > 0;
        addConv(ConvUnitOptions(in, widths[i]).withBatchNorm(masked).withMask(masked));
        in = widths[i];
    }
    // The masked ResCNN uses kaiming fan-out; the standard one keeps PyTorch's defaults (§1.9).
    if (spec.masked) {
        for (auto& c : convs_) initConvFanOut(c->conv);
    }
    classifier = register_module("classifier", torch::nn::Linear(512, spec.numClasses));
    dropout = register_module("dropout", torch::nn::Dropout(0.5));
}

torch::Tensor ResCnnImpl::forward(const torch::Tensor& input) {
    auto& c = convs_;
    torch::Tensor x = torch::relu(c[0](input));
    x = pool2(torch::relu(c[1](x)));
    // Residual blocks add the pooled output of layer idx-2 after the ReLU of layer idx (§1.3).
    torch::Tensor r = x;
    x = torch::relu(c[2](x));
    x = torch::relu(c[3](x)) + r;
    x = pool2(torch::relu(c[4](x)));
    x = pool2(torch::relu(c[5](x)));
    r = x;
    x = torch::relu(c[6](x));
    x = torch::relu(c[7](x)) + r;
    x = pool2(torch::relu(c[8](x)));
    x = pool2(torch::relu(c[9](x)));
    r = x;
    x = torch::relu(c[10](x));
    x = torch::relu(c[11](x)) + r;
    return classifier(dropout(x.flatten(1)));
}

// ---------------------------------------------------------------------------------------------
Vgg16Impl::Vgg16Impl(const ModelSpec& spec) : ConvStackNetwork("vgg16", spec) {
    requireInputSize(spec, 32, "vgg16");
    const int cfg[] = {64, 64,  -1,  128, 128, -1,  256, 256, 256,
                       -1, 512, 512, 512, -1,  512, 512, 512, -1};
    int in = spec.inChannels;
    for (int v : cfg) {
        if (v < 0) {
            poolAfter.back() = true;
            continue;
        }
        const bool masked = spec.masked && !convs_.empty();  // the first conv is never masked
        addConv(ConvUnitOptions(in, v).withMask(masked));
        poolAfter.push_back(false);
        in = v;
    }
    for (auto& c : convs_) initConvFanOut(c->conv);
    fc1 = register_module("fc1", torch::nn::Linear(512, 512));
    fc2 = register_module("fc2", torch::nn::Linear(512, 512));
    fc3 = register_module("fc3", torch::nn::Linear(512, spec.numClasses));
    for (auto* fc : {&fc1, &fc2, &fc3}) initLinearNormal(*fc, 0.01);
    dropout = register_module("dropout", torch::nn::Dropout(0.5));
}

torch::Tensor Vgg16Impl::forward(const torch::Tensor& input) {
    torch::Tensor x = input;
    for (size_t i = 0; i < convs_.size(); ++i) {
        x = torch::relu(convs_[i](x));
        if (poolAfter[i]) x = pool2(x);
    }
    x = dropout(torch::relu(fc1(x.flatten(1))));
    x = dropout(torch::relu(fc2(x)));
    return fc3(x);
}

}  // namespace nemo
