// Counts the ATen operations that do work (launch a kernel on a GPU) while it lives: the CPU-side
// measure of how many small kernels a training step issues, which is what limits the step on a
// GPU (docs/method.md's masks add a dozen per layer). Views and allocations are not counted.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace nemo {

class OpCounter {
  public:
    OpCounter();
    ~OpCounter();
    OpCounter(const OpCounter&) = delete;
    OpCounter& operator=(const OpCounter&) = delete;

    int64_t total() const;
    // Per operator name ("aten::mul"), for finding where a step's kernels come from.
    std::map<std::string, int64_t> byName() const;

  private:
    uint64_t handle_;
};

}  // namespace nemo
