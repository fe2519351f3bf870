// `nemo train --nproc N`: this machine's N ranks of a data-parallel training, started the way
// torchrun starts them (docs/distributed.md).
#pragma once

namespace nemo::cli {

// Runs this very command line again N times, without --nproc, each with torchrun's variables
// (RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1, a free MASTER_PORT), and
// waits for them. A rank that fails ends the others (SIGTERM: they stop as after Ctrl+C, or fail
// on the missing rank); SIGTERM to this process is passed on. Returns the first failing rank's exit
// status, 3 when the ranks were stopped, else 0.
int runLocalRanks(int processes);

}  // namespace nemo::cli
