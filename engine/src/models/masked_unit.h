// A layer whose output units are scaled by per-sample masks. Networks keep a list of these in
// module-registration order, which is the order of the concatenated mask vector
// (docs/method.md §10).
#pragma once

#include <string>

#include <torch/torch.h>

namespace nemo {

class MaskedUnit {
  public:
    virtual ~MaskedUnit() = default;
    // The masks of the last forward pass, (B, units); undefined before the first pass.
    const torch::Tensor& lastMask() const { return lastMask_; }
    virtual int64_t units() const = 0;
    // A fixed 0/1 vector (units) replaces the generated masks: generators off, non-retained units
    // forced to zero, the reference a pruned module must reproduce. Undefined: normal.
    virtual void setFixedMask(const torch::Tensor& mask) = 0;

  protected:
    torch::Tensor lastMask_;
};

}  // namespace nemo
