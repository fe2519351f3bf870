// The collectives data-parallel training needs, over LibTorch's c10d (ProcessGroupGloo on a
// TCPStore rendezvous). Every rank calls the same methods in the same order; a rank that is gone
// or silent for longer than the timeout makes the others throw DistributedError instead of
// waiting forever. c10d stays in the .cpp: this header has only tensors.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "nemo/distributed.h"
#include "nemo/trainer.h"

namespace nemo {

// A collective failed or timed out: training ends on every rank (the last checkpoint is kept).
class DistributedError : public TrainingError {
  public:
    using TrainingError::TrainingError;
};

// The rows [begin, end) of a global batch that one rank trains on.
struct RowRange {
    int64_t begin = 0, end = 0;
    int64_t size() const { return end - begin; }
};

// The thread count a process asks LibTorch for: `requested`, or for 0 ("every core") with ranks
// on this machine, its share of the cores.
int threadsForRank(int requested, const DistributedEnvironment* environment);

class DataParallel {
  public:
    // Joins the group (rank 0 hosts the TCPStore at MASTER_ADDR:MASTER_PORT); throws
    // DistributedError when the other ranks do not come within the timeout.
    explicit DataParallel(const DistributedEnvironment& environment);
    ~DataParallel();
    DataParallel(const DataParallel&) = delete;
    DataParallel& operator=(const DataParallel&) = delete;

    int rank() const { return environment_.rank; }
    int worldSize() const { return environment_.worldSize; }
    bool leader() const { return environment_.rank == 0; }

    // Rank r's rows of a global batch of `rows`: [r * rows / W, (r + 1) * rows / W).
    RowRange shard(int64_t rows, int rank) const;
    RowRange shard(int64_t rows) const { return shard(rows, environment_.rank); }

    // Every rank's rows of `local` (this rank's shard of a global batch of `globalRows`, rows
    // along dim 0, the same trailing shape everywhere), concatenated in rank order. This rank's
    // own rows are `local` itself, so a loss on the result back-propagates into them exactly;
    // the other ranks' rows are constants. One all-gather for all tensors together.
    std::vector<torch::Tensor> gatherRows(const std::vector<torch::Tensor>& local,
                                          int64_t globalRows) const;

    // Every rank's `local` rows (rank r holds rowsPerRank[r] of them, the same trailing shape and
    // type everywhere), concatenated in rank order: one all-gather, no autograd.
    torch::Tensor gatherBlocks(const torch::Tensor& local,
                               const std::vector<int64_t>& rowsPerRank) const;

    // Sums each tensor over the ranks, in place (float tensors, flattened into buckets of a few
    // MiB so a model's gradients take a handful of all-reduces).
    void sumInPlace(const std::vector<torch::Tensor>& tensors) const;
    // True on every rank when `flag` is true on any.
    bool any(bool flag) const;
    // Rank 0's values into every rank's tensors, in place.
    void broadcastFromLeader(const std::vector<torch::Tensor>& tensors) const;
    // Waits until every rank got here (`what` names the point in an error).
    void barrier(const std::string& what) const;

  private:
    // Runs one collective; its failure becomes a DistributedError naming `what`.
    void collective(const std::string& what, const std::function<void()>& call) const;
    [[noreturn]] void fail(const std::string& what, const std::exception& e) const;

    DistributedEnvironment environment_;
    struct Group;  // c10d's store and process group
    std::unique_ptr<Group> group_;
};

}  // namespace nemo
