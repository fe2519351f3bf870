// A pruned module as a short program of tensor operations over its own parameters. One op list
// drives the C++ forward pass (fine-tuning, evaluation, latency), the FLOP count, the TorchScript
// export and the safetensors file, so they cannot disagree.
#pragma once

#include <string>
#include <vector>

#include <torch/torch.h>

namespace nemo {

struct ProgramOp {
    enum class Kind {
        Conv,
        BatchNorm,
        Relu,
        MaxPool2,
        AvgPool1,
        Save,
        Load,
        ScatterAdd,
        Flatten,
        Dropout,
        Linear
    };
    Kind kind = Kind::Relu;
    std::string name;  // parameter prefix, e.g. "conv3"
    int64_t stride = 1, padding = 0;
    double dropout = 0;
    int slot = 0;       // Save: slot written; Load: slot read; ScatterAdd: slot added to x
    int64_t width = 0;  // ScatterAdd: channel width of the full (unpruned) tensor
    // Parameters: Conv {weight, bias?}, BatchNorm {weight, bias, running_mean, running_var},
    // Linear {weight, bias}; ScatterAdd index buffers {index_x, index_slot, index_out}.
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
};

class ProgramModuleImpl : public torch::nn::Module {
  public:
    explicit ProgramModuleImpl(std::vector<ProgramOp> ops);
    torch::Tensor forward(const torch::Tensor& x);

    const std::vector<ProgramOp>& ops() const { return ops_; }
    int64_t parameterCount() const;  // trainable parameters (BN statistics excluded)
    // Multiply-adds of one forward pass of one image of the given shape (conv and linear layers).
    int64_t multiplyAdds(int64_t channels, int64_t height, int64_t width);
    // TorchScript source of forward(), using the same parameter names (inference only).
    std::string torchScriptSource() const;
    // Every parameter and buffer by name, in op order.
    std::vector<std::pair<std::string, torch::Tensor>> namedTensors() const;

  private:
    struct Bound {  // the op's tensors as registered, for a fast interpreter
        torch::Tensor a, b, c, d;
    };
    std::vector<ProgramOp> ops_;
    std::vector<Bound> bound_;
    int64_t* macCounter_ = nullptr;
};
TORCH_MODULE(ProgramModule);

}  // namespace nemo
