#include "extract/program_builder.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "models/cnn_models.h"
#include "models/resnet.h"
#include "models/vision_transformer.h"

namespace nemo {
namespace {

using Kind = ProgramOp::Kind;
using IndexSet = std::vector<int64_t>;

IndexSet allUnits(int64_t n) {
    IndexSet s(n);
    std::iota(s.begin(), s.end(), 0);
    return s;
}

IndexSet unite(const IndexSet& a, const IndexSet& b) {
    IndexSet u;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(u));
    return u;
}

torch::Tensor indexTensor(const IndexSet& s) {
    return torch::tensor(s, torch::kLong);
}

torch::Tensor pick(const torch::Tensor& t, int64_t dim, const IndexSet& s) {
    return t.detach().index_select(dim, indexTensor(s).to(t.device())).contiguous().cpu();
}

class Builder {
  public:
    explicit Builder(const std::vector<IndexSet>& keep) : keep_(keep) {}

    // The index set of a layer's outputs: its kept units when masked, all otherwise.
    IndexSet outputSet(const MaskedConv2d& conv) {
        return outputSet(conv->masked(), conv->units());
    }
    IndexSet outputSet(const MaskedLinear& linear) {
        return outputSet(linear->masked(), linear->units());
    }
    IndexSet outputSet(bool masked, int64_t units) {
        if (!masked) return allUnits(units);
        if (keep_.empty()) {
            ++maskIndex_;
            return allUnits(units);
        }
        if (maskIndex_ >= keep_.size())
            throw std::invalid_argument("module mask has too few layers");
        return keep_[maskIndex_++];
    }

    std::string nextName() const { return "op" + std::to_string(ops.size()); }

    // A bare conv (the ViT patch embedding), whole.
    void plainConv(const torch::nn::Conv2d& layer) {
        ProgramOp op;
        op.kind = Kind::Conv;
        op.name = nextName();
        op.stride = (*layer->options.stride())[0];
        op.padding = 0;
        op.tensors.emplace_back("weight", layer->weight.detach().contiguous().cpu());
        if (layer->options.bias())
            op.tensors.emplace_back("bias", layer->bias.detach().contiguous().cpu());
        ops.push_back(op);
    }

    // A Linear on tokens keeping output rows `out` and input columns `in`.
    void tokenLinear(const MaskedLinear& layer, const IndexSet& out, const IndexSet& in) {
        ProgramOp op;
        op.kind = Kind::Linear;
        op.dim = 2;
        op.name = nextName();
        op.tensors = {{"weight", pick(pick(layer->weight, 0, out), 1, in)},
                      {"bias", pick(layer->bias, 0, out)}};
        ops.push_back(op);
    }

    void withTensors(Kind kind, std::vector<std::pair<std::string, torch::Tensor>> tensors) {
        simple(kind);
        ops.back().tensors = std::move(tensors);
    }

    void layerNorm(const torch::nn::LayerNorm& ln) {
        withTensors(Kind::LayerNorm, {{"weight", ln->weight.detach().contiguous().cpu()},
                                      {"bias", ln->bias.detach().contiguous().cpu()}});
    }

    // Scatter / Gather on the last dim; nothing when the set is the whole width.
    void scatter(const IndexSet& s, int64_t width) {
        if (int64_t(s.size()) == width) return;
        withTensors(Kind::Scatter, {{"index", indexTensor(s)}});
        ops.back().width = width;
    }
    void gather(const IndexSet& s, int64_t width) {
        if (int64_t(s.size()) == width) return;
        withTensors(Kind::Gather, {{"index", indexTensor(s)}});
    }

    // conv (+ BN) with outputs `out` reading input channels `in`.
    void conv(const MaskedConv2d& layer, const IndexSet& out, const IndexSet& in) {
        ProgramOp op;
        op.kind = Kind::Conv;
        op.name = "op" + std::to_string(ops.size());
        op.stride = layer->options().stride;
        op.padding = layer->options().padding;
        op.tensors.emplace_back("weight", pick(pick(layer->conv->weight, 0, out), 1, in));
        if (layer->conv->options.bias())
            op.tensors.emplace_back("bias", pick(layer->conv->bias, 0, out));
        ops.push_back(op);
        if (layer->bn) {
            ProgramOp bn;
            bn.kind = Kind::BatchNorm;
            bn.name = "op" + std::to_string(ops.size());
            bn.tensors = {{"weight", pick(layer->bn->weight, 0, out)},
                          {"bias", pick(layer->bn->bias, 0, out)},
                          {"running_mean", pick(layer->bn->running_mean, 0, out)},
                          {"running_var", pick(layer->bn->running_var, 0, out)}};
            ops.push_back(bn);
        }
    }

    void linear(const torch::nn::Linear& layer, const IndexSet* inColumns = nullptr) {
        ProgramOp op;
        op.kind = Kind::Linear;
        op.name = "op" + std::to_string(ops.size());
        torch::Tensor w = layer->weight.detach();
        op.tensors = {{"weight", inColumns ? pick(w, 1, *inColumns) : w.contiguous().cpu()},
                      {"bias", layer->bias.detach().contiguous().cpu()}};
        ops.push_back(op);
    }

    void simple(Kind kind, double dropout = 0) {
        ProgramOp op;
        op.kind = kind;
        op.name = "op" + std::to_string(ops.size());
        op.dropout = dropout;
        ops.push_back(op);
    }

    void slot(Kind kind, int slot) {
        simple(kind);
        ops.back().slot = slot;
    }

    // x (channels a) + slot (channels b) in a tensor of `width` channels; keeps u = a | b.
    IndexSet scatterAdd(int slot, const IndexSet& a, const IndexSet& b, int64_t width,
                        int dim = 1) {
        IndexSet u = unite(a, b);
        ProgramOp op;
        op.kind = Kind::ScatterAdd;
        op.dim = dim;
        op.name = "op" + std::to_string(ops.size());
        op.slot = slot;
        op.width = width;
        op.tensors = {{"index_x", indexTensor(a)},
                      {"index_slot", indexTensor(b)},
                      {"index_out", indexTensor(u)}};
        ops.push_back(op);
        return u;
    }

    // Flattened-feature columns of channels `channels` when each channel has `spatial` values.
    static IndexSet flatColumns(const IndexSet& channels, int64_t spatial) {
        IndexSet cols;
        for (int64_t c : channels)
            for (int64_t k = 0; k < spatial; ++k) cols.push_back(c * spatial + k);
        return cols;
    }

    void finish() {
        if (!keep_.empty() && maskIndex_ != keep_.size())
            throw std::invalid_argument("module mask has more layers than the model");
    }

    std::vector<ProgramOp> ops;

  private:
    const std::vector<IndexSet>& keep_;
    size_t maskIndex_ = 0;
};

// conv -> ReLU (-> max-pool) for every conv of a plain stack; returns the last output set.
template <typename PoolAfter>
IndexSet buildConvStack(const std::vector<MaskedConv2d>& c, Builder& b, PoolAfter poolAfter) {
    IndexSet in = allUnits(c[0]->options().in);
    for (size_t i = 0; i < c.size(); ++i) {
        IndexSet out = b.outputSet(c[i]);
        b.conv(c[i], out, in);
        b.simple(Kind::Relu);
        if (poolAfter(i)) b.simple(Kind::MaxPool2);
        in = out;
    }
    return in;
}

void buildSmallCnn(SmallCnnImpl& m, Builder& b) {
    const IndexSet in =
        buildConvStack(m.convs(), b, [&](size_t i) { return bool(m.poolAfter[i]); });
    const int64_t side = m.spec().inputSize / 8;
    b.simple(Kind::Flatten);
    const IndexSet cols = Builder::flatColumns(in, side * side);
    b.linear(m.fc_a, &cols);
    b.simple(Kind::Relu);
    b.simple(Kind::Dropout, 0.25);
    b.linear(m.fc_b);
}

void buildSimCnn(SimCnnImpl& m, Builder& b) {
    const IndexSet in = buildConvStack(
        m.convs(), b, [](size_t i) { return i == 1 || i == 3 || i == 6 || i == 9 || i == 12; });
    b.simple(Kind::Flatten);
    b.simple(Kind::Dropout, 0.5);
    b.linear(m.fc_13, &in);
    b.simple(Kind::Relu);
    b.simple(Kind::Dropout, 0.5);
    b.linear(m.fc_14);
    b.simple(Kind::Relu);
    b.linear(m.fc_15);
}

void buildVgg16(Vgg16Impl& m, Builder& b) {
    const IndexSet in =
        buildConvStack(m.convs(), b, [&](size_t i) { return bool(m.poolAfter[i]); });
    b.simple(Kind::Flatten);
    b.linear(m.fc1, &in);
    b.simple(Kind::Relu);
    b.simple(Kind::Dropout, 0.5);
    b.linear(m.fc2);
    b.simple(Kind::Relu);
    b.simple(Kind::Dropout, 0.5);
    b.linear(m.fc3);
}

void buildResCnn(ResCnnImpl& m, Builder& b) {
    const auto& c = m.convs();
    std::vector<IndexSet> sets;
    for (const auto& conv : c) sets.push_back(b.outputSet(conv));
    IndexSet in = allUnits(c[0]->options().in);
    auto convRelu = [&](size_t i) {
        b.conv(c[i], sets[i], in);
        b.simple(Kind::Relu);
        in = sets[i];
    };
    // Residual blocks (§7.3): the skip is the pooled output of idx-2, added after the ReLU of
    // idx; the layer after the add reads the union of both sets.
    auto residual = [&](size_t first, size_t second) {
        b.slot(Kind::Save, 0);
        const IndexSet skip = in;
        convRelu(first);
        convRelu(second);
        in = b.scatterAdd(0, sets[second], skip, c[second]->units());
    };
    auto convReluPool = [&](size_t i) {
        convRelu(i);
        b.simple(Kind::MaxPool2);
    };
    convRelu(0);
    convReluPool(1);
    residual(2, 3);
    convReluPool(4);
    convReluPool(5);
    residual(6, 7);
    convReluPool(8);
    convReluPool(9);
    residual(10, 11);
    b.simple(Kind::Flatten);
    b.simple(Kind::Dropout, 0.5);
    b.linear(m.classifier, &in);
}

void buildResNet18(ResNet18Impl& m, Builder& b) {
    IndexSet p = allUnits(m.stem->units());
    b.conv(m.stem, p, allUnits(m.stem->options().in));
    b.simple(Kind::Relu);
    for (auto& block : m.blocks) {
        const IndexSet c1 = b.outputSet(block->conv1);
        const IndexSet c2 = b.outputSet(block->conv2);
        const IndexSet d = block->downsample ? b.outputSet(block->downsample) : IndexSet();
        b.slot(Kind::Save, 0);  // block input, channels p
        b.conv(block->conv1, c1, p);
        b.simple(Kind::Relu);
        b.conv(block->conv2, c2, c1);
        const int64_t width = block->conv2->units();
        if (block->downsample) {
            b.slot(Kind::Save, 1);
            b.slot(Kind::Load, 0);
            b.conv(block->downsample, d, p);
            b.slot(Kind::Save, 2);
            b.slot(Kind::Load, 1);
            p = b.scatterAdd(2, c2, d, width);
        } else {
            p = b.scatterAdd(0, c2, p, width);
        }
        b.simple(Kind::Relu);
    }
    b.simple(Kind::AvgPool1);
    b.simple(Kind::Flatten);
    b.linear(m.fc, &p);
}

// Where the kept features of a (B, T, D) projection go so that the heads can split it evenly:
// head h's kept features at h * perHead + 0, 1, ... in their order, zeros after, with perHead the
// most any head keeps. Features dropped from every head then cost nothing in the attention
// products, and a head's scores are unchanged (the dropped features were zero in it).
struct HeadLayout {
    IndexSet positions;  // per kept feature, its column in the heads x perHead layout
    int64_t perHead = 1;
};

HeadLayout headLayout(const IndexSet& kept, int64_t heads, int64_t width) {
    const int64_t headWidth = width / heads;
    std::vector<int64_t> count(heads, 0);
    for (int64_t f : kept) ++count[f / headWidth];
    HeadLayout l;
    // At least one column per head: an empty set still splits (its scores are all zero).
    l.perHead = std::max<int64_t>(1, *std::max_element(count.begin(), count.end()));
    std::fill(count.begin(), count.end(), 0);
    for (int64_t f : kept) {
        const int64_t h = f / headWidth;
        l.positions.push_back(h * l.perHead + count[h]++);
    }
    return l;
}

// Transformers (§7.5-7.6, deliberately not the published slicing; see README): the residual
// stream keeps its full width D, since encoder 0 is unmasked and every LayerNorm mixes all D
// features; what shrinks is what the masks select. q and k keep the intersection of their sets
// (only those features enter q.k), v its set; each is laid out per head (headLayout), so every
// head keeps its own features and its trained scale 1 / sqrt(D / heads) while the attention
// products run on the kept features only. attn_out reads the kept v columns and adds its kept
// rows into the stream; inter keeps its rows, out reads them and adds its kept rows. The trained
// LayerNorms are kept whole. With targets > 0 the classifier(s) give way to the module head
// ReLU + Linear(D, targets) on the class token (§7.7; DeiT's distillation head is dropped).
void buildVisionTransformer(VisionTransformerImpl& m, Builder& b, int64_t targets) {
    const int64_t d = m.options().hidden;
    const IndexSet all = allUnits(d);
    b.plainConv(m.patch);
    b.simple(Kind::Tokens);
    torch::Tensor prefix = m.cls_token.detach();
    if (m.dist_token.defined()) prefix = torch::cat({prefix, m.dist_token.detach()}, 1);
    b.withTensors(Kind::Embed, {{"tokens", prefix.contiguous().cpu()},
                                {"position", m.position.detach().contiguous().cpu()}});
    for (auto& e : m.encoders) {
        const IndexSet q = b.outputSet(e->query), k = b.outputSet(e->key);
        const IndexSet v = b.outputSet(e->value), o = b.outputSet(e->attn_out);
        const IndexSet i = b.outputSet(e->inter), u = b.outputSet(e->out);
        IndexSet qk;
        std::set_intersection(q.begin(), q.end(), k.begin(), k.end(), std::back_inserter(qk));
        const HeadLayout qkHeads = headLayout(qk, e->heads, d);
        const HeadLayout vHeads = headLayout(v, e->heads, d);
        const int64_t qkWidth = e->heads * qkHeads.perHead, vWidth = e->heads * vHeads.perHead;
        b.slot(Kind::Save, 0);  // the residual stream h
        b.layerNorm(e->ln_before);
        b.slot(Kind::Save, 1);
        b.tokenLinear(e->query, qk, all);
        b.scatter(qkHeads.positions, qkWidth);
        b.slot(Kind::Save, 2);
        b.slot(Kind::Load, 1);
        b.tokenLinear(e->key, qk, all);
        b.scatter(qkHeads.positions, qkWidth);
        b.slot(Kind::Save, 3);
        b.slot(Kind::Load, 1);
        b.tokenLinear(e->value, v, all);
        b.scatter(vHeads.positions, vWidth);
        b.simple(Kind::Attention);
        b.ops.back().slot = 2;
        b.ops.back().slot2 = 3;
        b.ops.back().heads = e->heads;
        b.ops.back().width = d;
        b.gather(vHeads.positions, vWidth);  // the context is zero at the padding
        b.tokenLinear(e->attn_out, o, v);
        b.scatterAdd(0, o, all, d, 2);
        b.slot(Kind::Save, 0);
        b.layerNorm(e->ln_after);
        b.tokenLinear(e->inter, i, all);
        b.simple(Kind::Gelu);
        b.tokenLinear(e->out, u, i);
        b.scatterAdd(0, u, all, d, 2);
    }
    b.layerNorm(m.ln);
    auto token = [&](int64_t index) {
        b.simple(Kind::TakeToken);
        b.ops.back().index = index;
    };
    if (targets > 0) {
        token(0);
        appendModuleHead(b.ops, d, targets);
        return;
    }
    if (m.dist_classifier) b.slot(Kind::Save, 0);
    token(0);
    b.linear(m.classifier);
    if (!m.dist_classifier) return;
    b.slot(Kind::Save, 1);
    b.slot(Kind::Load, 0);
    token(1);
    b.linear(m.dist_classifier);
    b.simple(Kind::MeanWithSlot);
    b.ops.back().slot = 1;
}

}  // namespace

std::vector<ProgramOp> buildModuleProgram(NetworkImpl& full,
                                          const std::vector<std::vector<int64_t>>& keep,
                                          int64_t numClasses, int64_t targets,
                                          const std::vector<int>& headFromClasses) {
    std::vector<ProgramOp> ops;
    torch::Tensor weight, bias;
    const bool fromClassifier = !headFromClasses.empty();
    if (fromClassifier && int64_t(headFromClasses.size()) != targets)
        throw std::invalid_argument("the head needs one class per target");
    torch::Tensor rows = torch::tensor(
        std::vector<int64_t>(headFromClasses.begin(), headFromClasses.end()), torch::kLong);
    if (auto* vit = dynamic_cast<VisionTransformerImpl*>(&full)) {
        Builder b(keep);
        buildVisionTransformer(*vit, b, targets);
        b.finish();
        ops = std::move(b.ops);
        if (fromClassifier) {
            torch::NoGradGuard noGrad;
            weight = vit->classifier->weight.index_select(0, rows);
            bias = vit->classifier->bias.index_select(0, rows);
            if (vit->dist_classifier) {  // the model's answer is the mean of both heads
                weight = 0.5 * (weight + vit->dist_classifier->weight.index_select(0, rows));
                bias = 0.5 * (bias + vit->dist_classifier->bias.index_select(0, rows));
            }
        }
    } else {
        ops = buildPrunedProgram(full, keep);
        appendModuleHead(ops, numClasses, targets);
        if (fromClassifier) {
            weight = torch::zeros({targets, numClasses});
            for (int64_t t = 0; t < targets; ++t) weight[t][headFromClasses[size_t(t)]] = 1.0;
            bias = torch::zeros({targets});
        }
    }
    if (fromClassifier) {
        ProgramOp& head = ops.back();
        head.tensors = {{"weight", weight.detach().to(torch::kCPU).clone()},
                        {"bias", bias.detach().to(torch::kCPU).clone()}};
    }
    return ops;
}

std::vector<ProgramOp> buildPrunedProgram(NetworkImpl& full, const std::vector<IndexSet>& keep) {
    Builder b(keep);
    if (auto* m = dynamic_cast<SmallCnnImpl*>(&full))
        buildSmallCnn(*m, b);
    else if (auto* m = dynamic_cast<SimCnnImpl*>(&full))
        buildSimCnn(*m, b);
    else if (auto* m = dynamic_cast<Vgg16Impl*>(&full))
        buildVgg16(*m, b);
    else if (auto* m = dynamic_cast<ResCnnImpl*>(&full))
        buildResCnn(*m, b);
    else if (auto* m = dynamic_cast<ResNet18Impl*>(&full))
        buildResNet18(*m, b);
    else if (auto* m = dynamic_cast<VisionTransformerImpl*>(&full))
        buildVisionTransformer(*m, b, 0);
    else
        throw std::invalid_argument("module extraction does not support " + full.modelName());
    b.finish();
    return std::move(b.ops);
}

void appendModuleHead(std::vector<ProgramOp>& ops, int64_t numClasses, int64_t targets) {
    ProgramOp relu;
    relu.kind = ProgramOp::Kind::Relu;
    relu.name = "head_relu";
    ops.push_back(relu);
    torch::nn::Linear fresh(numClasses, targets);  // PyTorch's default init, as the reference
    ProgramOp head;
    head.kind = ProgramOp::Kind::Linear;
    head.name = "head";
    head.tensors = {{"weight", fresh->weight.detach().clone()},
                    {"bias", fresh->bias.detach().clone()}};
    ops.push_back(head);
}

std::vector<IndexSet> keepSetsFromMask(const std::vector<uint8_t>& mask,
                                       const std::vector<int64_t>& widths) {
    std::vector<IndexSet> sets;
    int64_t offset = 0;
    for (int64_t w : widths) {
        IndexSet s;
        for (int64_t j = 0; j < w; ++j)
            if (mask.at(offset + j)) s.push_back(j);
        sets.push_back(s);
        offset += w;
    }
    if (offset != int64_t(mask.size())) throw std::invalid_argument("module mask size mismatch");
    return sets;
}

}  // namespace nemo
