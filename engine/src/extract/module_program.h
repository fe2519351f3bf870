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
        Linear,
        // Transformers, on (B, T, D) token tensors:
        Tokens,        // (B, C, H, W) -> (B, H*W, C), patches row-major
        Embed,         // prepend {tokens} (1, k, D) to every sample, add {position} (1, T, D)
        LayerNorm,     // over the last dim, {weight, bias}, eps 1e-12
        Gelu,          // exact (erf) GELU
        Scatter,       // place the last dim at {index} of a zero tensor `width` wide
        Gather,        // keep the last dim's {index}
        Attention,     // x = values (B, T, heads * dv); queries, keys (B, T, heads * dqk) in
                       // slots `slot`, `slot2`; scores scaled by 1 / sqrt(width / heads)
        TakeToken,     // x[:, index]
        MeanWithSlot,  // (x + slot) / 2: DeiT's two heads
    };
    Kind kind = Kind::Relu;
    std::string name;  // parameter prefix, e.g. "conv3"
    int64_t stride = 1, padding = 0;
    double dropout = 0;
    int slot = 0;       // Save: slot written; Load: slot read; ScatterAdd: slot added to x
    int64_t width = 0;  // ScatterAdd, Scatter, Attention: width of the full (unpruned) tensor
    int dim = 1;        // ScatterAdd, Linear: 1 on (B, C, ...) maps, 2 on (B, T, D) tokens
    int slot2 = 0;      // Attention: slot of the keys
    int64_t heads = 1;  // Attention: heads (width / heads: the trained head width)
    int64_t index = 0;  // TakeToken
    // Parameters: Conv {weight, bias?}, BatchNorm {weight, bias, running_mean, running_var},
    // Linear {weight, bias}; ScatterAdd index buffers {index_x, index_slot, index_out};
    // LayerNorm {weight, bias}; Embed {tokens, position}; Scatter, Gather {index}.
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
    // The op's tensors as registered, by the names ProgramOp::tensors gives them, so forward()
    // needs no lookups; a tensor the op does not have stays undefined.
    struct Bound {
        torch::Tensor weight, bias, runningMean, runningVar;  // Conv, BatchNorm, Linear, LayerNorm
        torch::Tensor index;                                  // Scatter, Gather
        torch::Tensor indexX, indexSlot, indexOut;            // ScatterAdd
        torch::Tensor tokens, position;                       // Embed
        torch::Tensor* slotFor(const std::string& name);
    };
    std::vector<ProgramOp> ops_;
    std::vector<Bound> bound_;
    int64_t* macCounter_ = nullptr;
};
TORCH_MODULE(ProgramModule);

}  // namespace nemo
