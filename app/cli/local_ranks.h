// `nemo train --nproc N`: this machine's N ranks of a data-parallel training, started the way
// torchrun starts them (docs/distributed.md).
#pragma once

#include <exception>

namespace nemo {
struct DistributedEnvironment;
}

namespace nemo::cli {

// --nproc N > 1: refuses when this process is already a rank (torchrun's variables) or the build
// has no Gloo, else runs the N ranks (runLocalRanks) and returns their status.
int launchLocalRanks(int processes, const DistributedEnvironment& environment);

// A rank other than 0 failed: one line on stderr naming the rank (no JSON: stdout is rank 0's).
// Returns the exit status 1.
int reportRankError(int rank, const std::exception& error);

// Runs this very command line again N times, without --nproc, each with torchrun's variables
// (RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1, a free MASTER_PORT), and
// waits for them. A rank that fails ends the others (SIGTERM: they stop as after Ctrl+C, or fail
// on the missing rank); SIGTERM to this process is passed on. Returns the first failing rank's exit
// status, 3 when the ranks were stopped, else 0.
int runLocalRanks(int processes);

}  // namespace nemo::cli
