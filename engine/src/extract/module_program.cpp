#include "extract/module_program.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace nemo {

using Kind = ProgramOp::Kind;

namespace {

// How a ScatterAdd runs. When one side and the result span the whole width (a Transformer's
// residual stream, most ResNet adds) a single index_add does it; otherwise both sides go into a
// zero tensor of the full width and the union is kept. Decided once from the op's index sets,
// so the interpreter and the TorchScript source always take the same path.
enum class ScatterAddForm { IntoSlot, IntoX, ThroughFull };

ScatterAddForm scatterAddForm(const ProgramOp& op) {
    const int64_t nx = op.tensors[0].second.numel(), nSlot = op.tensors[1].second.numel(),
                  nOut = op.tensors[2].second.numel();
    if (nOut == op.width && nSlot == op.width) return ScatterAddForm::IntoSlot;
    if (nOut == op.width && nx == op.width) return ScatterAddForm::IntoX;
    return ScatterAddForm::ThroughFull;
}

}  // namespace

torch::Tensor* ProgramModuleImpl::Bound::slotFor(const std::string& name) {
    const std::pair<const char*, torch::Tensor*> slots[] = {
        {"weight", &weight},          {"bias", &bias},          {"running_mean", &runningMean},
        {"running_var", &runningVar}, {"index", &index},        {"index_x", &indexX},
        {"index_slot", &indexSlot},   {"index_out", &indexOut}, {"tokens", &tokens},
        {"position", &position}};
    for (const auto& [key, slot] : slots)
        if (name == key) return slot;
    throw std::logic_error("a module op has a tensor named '" + name + "', which nothing reads");
}

ProgramModuleImpl::ProgramModuleImpl(std::vector<ProgramOp> ops) : ops_(std::move(ops)) {
    for (auto& op : ops_) {
        Bound bound;
        for (auto& [name, tensor] : op.tensors) {
            const std::string key = op.name + "_" + name;
            torch::Tensor t = tensor.detach().clone();
            // Weights, biases, class tokens and position embeddings train; BN statistics and
            // index sets do not.
            const bool isParameter = t.is_floating_point() && name.rfind("running_", 0) != 0;
            torch::Tensor* slot = bound.slotFor(name);
            *slot = isParameter ? register_parameter(key, t) : register_buffer(key, t);
            tensor = *slot;
        }
        bound_.push_back(bound);
    }
}

torch::Tensor ProgramModuleImpl::forward(const torch::Tensor& input) {
    torch::Tensor x = input;
    std::vector<torch::Tensor> slots(8);
    for (size_t i = 0; i < ops_.size(); ++i) {
        const ProgramOp& op = ops_[i];
        const Bound& t = bound_[i];
        switch (op.kind) {
            case Kind::Conv:
                x = torch::conv2d(x, t.weight, t.bias, op.stride, op.padding);
                if (macCounter_)
                    *macCounter_ += t.weight.numel() * x.size(2) * x.size(3);  // Cout*Cin*k*k*H*W
                break;
            case Kind::BatchNorm:
                x = torch::batch_norm(x, t.weight, t.bias, t.runningMean, t.runningVar,
                                      is_training(), 0.1, 1e-5, false);
                break;
            case Kind::Relu:
                x = torch::relu(x);
                break;
            case Kind::MaxPool2:
                x = torch::max_pool2d(x, 2, 2);
                break;
            case Kind::AvgPool1:
                x = torch::adaptive_avg_pool2d(x, {1, 1});
                break;
            case Kind::Save:
                slots[op.slot] = x;
                break;
            case Kind::Load:
                x = slots[op.slot];
                break;
            case Kind::ScatterAdd: {
                // Residual add of two tensors living on different channel subsets.
                const torch::Tensor& other = slots[op.slot];
                const ScatterAddForm form = scatterAddForm(op);
                if (form == ScatterAddForm::IntoSlot) {
                    x = other.index_add(op.dim, t.indexX, x);
                    break;
                }
                if (form == ScatterAddForm::IntoX) {
                    x = x.index_add(op.dim, t.indexSlot, other);
                    break;
                }
                std::vector<int64_t> shape = x.sizes().vec();
                shape[op.dim] = op.width;
                torch::Tensor full = torch::zeros(shape, x.options());
                full = full.index_add(op.dim, t.indexX, x).index_add(op.dim, t.indexSlot, other);
                x = full.index_select(op.dim, t.indexOut);
                break;
            }
            case Kind::Flatten:
                x = x.flatten(1);
                break;
            case Kind::Dropout:
                x = torch::dropout(x, op.dropout, is_training());
                break;
            case Kind::Linear:
                x = torch::linear(x, t.weight, t.bias);
                // Once per token on (B, T, D) inputs (multiplyAdds runs one image).
                if (macCounter_) *macCounter_ += t.weight.numel() * (x.numel() / x.size(-1));
                break;
            case Kind::Tokens:
                x = x.flatten(2).transpose(1, 2);
                break;
            case Kind::Embed:
                x = torch::cat({t.tokens.expand({x.size(0), -1, -1}), x}, 1) + t.position;
                break;
            case Kind::LayerNorm:
                x = torch::layer_norm(x, {x.size(-1)}, t.weight, t.bias, 1e-12);
                break;
            case Kind::Gelu:
                x = torch::gelu(x);
                break;
            case Kind::Scatter: {
                std::vector<int64_t> shape = x.sizes().vec();
                shape.back() = op.width;
                x = torch::zeros(shape, x.options()).index_copy(x.dim() - 1, t.index, x);
                break;
            }
            case Kind::Gather:
                x = x.index_select(x.dim() - 1, t.index);
                break;
            case Kind::Attention: {
                const torch::Tensor& q = slots[op.slot];
                const torch::Tensor& k = slots[op.slot2];
                // q/k and v may be narrower than the model (heads x kept features per head);
                // the scale is the trained head width's.
                const int64_t b = x.size(0), n = x.size(1), h = op.heads, dv = x.size(2);
                auto split = [&](const torch::Tensor& y) {
                    return y.view({b, n, h, y.size(2) / h}).transpose(1, 2);
                };
                torch::Tensor scores = torch::matmul(split(q), split(k).transpose(-1, -2)) /
                                       std::sqrt(double(op.width / h));
                x = torch::matmul(torch::softmax(scores, -1), split(x))
                        .transpose(1, 2)
                        .reshape({b, n, dv});
                if (macCounter_) *macCounter_ += n * n * (q.size(2) + dv);
                break;
            }
            case Kind::TakeToken:
                x = x.select(1, op.index);
                break;
            case Kind::MeanWithSlot:
                x = (x + slots[op.slot]) / 2;
                break;
        }
    }
    return x;
}

int64_t ProgramModuleImpl::parameterCount() const {
    int64_t n = 0;
    for (const auto& p : parameters()) n += p.numel();
    return n;
}

int64_t ProgramModuleImpl::multiplyAdds(int64_t channels, int64_t height, int64_t width) {
    torch::NoGradGuard noGrad;
    const bool wasTraining = is_training();
    eval();
    int64_t macs = 0;
    macCounter_ = &macs;
    const auto device = parameters().empty() ? torch::kCPU : parameters().front().device();
    forward(torch::zeros({1, channels, height, width}, torch::TensorOptions().device(device)));
    macCounter_ = nullptr;
    train(wasTraining);
    return macs;
}

std::string ProgramModuleImpl::torchScriptSource() const {
    std::ostringstream s;
    s << "def forward(self, x):\n";
    for (const ProgramOp& op : ops_) {
        auto p = [&](size_t i) { return "self." + op.name + "_" + op.tensors[i].first; };
        switch (op.kind) {
            case Kind::Conv:
                s << "    x = torch.conv2d(x, " << p(0) << ", "
                  << (op.tensors.size() > 1 ? p(1) : "None") << ", [" << op.stride << ", "
                  << op.stride << "], [" << op.padding << ", " << op.padding << "])\n";
                break;
            case Kind::BatchNorm:
                s << "    x = torch.batch_norm(x, " << p(0) << ", " << p(1) << ", " << p(2) << ", "
                  << p(3) << ", False, 0.1, 1e-05, False)\n";
                break;
            case Kind::Relu:
                s << "    x = torch.relu(x)\n";
                break;
            case Kind::MaxPool2:
                s << "    x = torch.max_pool2d(x, [2, 2], [2, 2])\n";
                break;
            case Kind::AvgPool1:
                s << "    x = torch.adaptive_avg_pool2d(x, [1, 1])\n";
                break;
            case Kind::Save:
                s << "    s" << op.slot << " = x\n";
                break;
            case Kind::Load:
                s << "    x = s" << op.slot << "\n";
                break;
            case Kind::ScatterAdd: {
                const std::string shape =
                    op.dim == 1
                        ? "[x.size(0), " + std::to_string(op.width) + ", x.size(2), x.size(3)]"
                        : "[x.size(0), x.size(1), " + std::to_string(op.width) + "]";
                const std::string d = std::to_string(op.dim);
                const ScatterAddForm form = scatterAddForm(op);
                if (form == ScatterAddForm::IntoSlot) {
                    s << "    x = s" << op.slot << ".index_add(" << d << ", " << p(0) << ", x)\n";
                    break;
                }
                if (form == ScatterAddForm::IntoX) {
                    s << "    x = x.index_add(" << d << ", " << p(1) << ", s" << op.slot << ")\n";
                    break;
                }
                s << "    full = torch.zeros(" << shape << ", dtype=x.dtype, device=x.device)\n"
                  << "    full = full.index_add(" << d << ", " << p(0) << ", x).index_add(" << d
                  << ", " << p(1) << ", s" << op.slot << ")\n"
                  << "    x = full.index_select(" << d << ", " << p(2) << ")\n";
                break;
            }
            case Kind::Flatten:
                s << "    x = torch.flatten(x, 1)\n";
                break;
            case Kind::Dropout:
                break;  // inference only
            case Kind::Linear:
                if (op.dim == 2)
                    s << "    x = torch.linear(x, " << p(0) << ", " << p(1) << ")\n";
                else
                    s << "    x = torch.addmm(" << p(1) << ", x, " << p(0) << ".t())\n";
                break;
            case Kind::Tokens:
                s << "    x = torch.flatten(x, 2).transpose(1, 2)\n";
                break;
            case Kind::Embed:
                s << "    x = torch.cat([" << p(0) << ".expand(x.size(0), -1, -1), x], 1) + "
                  << p(1) << "\n";
                break;
            case Kind::LayerNorm:
                s << "    x = torch.layer_norm(x, [x.size(-1)], " << p(0) << ", " << p(1)
                  << ", 1e-12)\n";
                break;
            case Kind::Gelu:
                s << "    x = torch.gelu(x)\n";
                break;
            case Kind::Scatter:
                s << "    x = torch.zeros([x.size(0), x.size(1), " << op.width
                  << "], dtype=x.dtype, device=x.device).index_copy(2, " << p(0) << ", x)\n";
                break;
            case Kind::Gather:
                s << "    x = x.index_select(2, " << p(0) << ")\n";
                break;
            case Kind::Attention: {
                const std::string h = std::to_string(op.heads);
                auto split = [&](const std::string& y) {
                    return y + ".view(x.size(0), x.size(1), " + h + ", -1).transpose(1, 2)";
                };
                s << "    q = " << split("s" + std::to_string(op.slot)) << "\n"
                  << "    k = " << split("s" + std::to_string(op.slot2)) << "\n"
                  << "    v = " << split("x") << "\n"
                  << "    a = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) / "
                  << std::setprecision(17) << std::sqrt(double(op.width / op.heads)) << ", -1)\n"
                  << "    x = torch.matmul(a, v).transpose(1, 2).reshape(x.size(0), x.size(1), "
                     "x.size(2))\n";
                break;
            }
            case Kind::TakeToken:
                s << "    x = x.select(1, " << op.index << ")\n";
                break;
            case Kind::MeanWithSlot:
                s << "    x = (x + s" << op.slot << ") / 2\n";
                break;
        }
    }
    s << "    return x\n";
    return s.str();
}

std::vector<std::pair<std::string, torch::Tensor>> ProgramModuleImpl::namedTensors() const {
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const ProgramOp& op : ops_)
        for (const auto& [suffix, tensor] : op.tensors)
            out.emplace_back(op.name + "_" + suffix, tensor);
    return out;
}

}  // namespace nemo
