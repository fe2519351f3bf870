#include "extract/module_program.h"

#include <sstream>

namespace nemo {

using Kind = ProgramOp::Kind;

ProgramModuleImpl::ProgramModuleImpl(std::vector<ProgramOp> ops) : ops_(std::move(ops)) {
    for (auto& op : ops_) {
        Bound bound;
        std::vector<torch::Tensor*> slots = {&bound.a, &bound.b, &bound.c, &bound.d};
        for (size_t i = 0; i < op.tensors.size() && i < slots.size(); ++i) {
            const std::string key = op.name + "_" + op.tensors[i].first;
            torch::Tensor t = op.tensors[i].second.detach().clone();
            const bool isParameter = t.is_floating_point() && (op.tensors[i].first == "weight" ||
                                                               op.tensors[i].first == "bias");
            *slots[i] = isParameter ? register_parameter(key, t) : register_buffer(key, t);
            op.tensors[i].second = *slots[i];
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
                x = torch::conv2d(x, t.a, t.b, op.stride, op.padding);
                if (macCounter_)
                    *macCounter_ += t.a.numel() * x.size(2) * x.size(3);  // Cout*Cin*k*k*H*W
                break;
            case Kind::BatchNorm:
                x = torch::batch_norm(x, t.a, t.b, t.c, t.d, is_training(), 0.1, 1e-5, false);
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
                // Residual add of two tensors living on different channel subsets: place both in
                // the full width, add, keep the union.
                const torch::Tensor& other = slots[op.slot];
                torch::Tensor full =
                    torch::zeros({x.size(0), op.width, x.size(2), x.size(3)}, x.options());
                full = full.index_add(1, t.a, x).index_add(1, t.b, other);
                x = full.index_select(1, t.c);
                break;
            }
            case Kind::Flatten:
                x = x.flatten(1);
                break;
            case Kind::Dropout:
                x = torch::dropout(x, op.dropout, is_training());
                break;
            case Kind::Linear:
                x = torch::linear(x, t.a, t.b);
                if (macCounter_) *macCounter_ += t.a.numel();
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
            case Kind::ScatterAdd:
                s << "    full = torch.zeros([x.size(0), " << op.width
                  << ", x.size(2), x.size(3)], dtype=x.dtype, device=x.device)\n"
                  << "    full = full.index_add(1, " << p(0) << ", x).index_add(1, " << p(1)
                  << ", s" << op.slot << ")\n"
                  << "    x = full.index_select(1, " << p(2) << ")\n";
                break;
            case Kind::Flatten:
                s << "    x = torch.flatten(x, 1)\n";
                break;
            case Kind::Dropout:
                break;  // inference only
            case Kind::Linear:
                s << "    x = torch.addmm(" << p(1) << ", x, " << p(0) << ".t())\n";
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
