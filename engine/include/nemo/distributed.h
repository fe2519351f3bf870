// Where this process stands in a data-parallel training (docs/distributed.md). Plain C++: the
// command line reads it to decide which rank prints, and launches local ranks with it.
#pragma once

#include <string>

namespace nemo {

// torchrun's variables (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT)
// plus NEMO_DIST_TIMEOUT (seconds a collective may wait for a rank before all ranks end with an
// error). Without WORLD_SIZE, or with WORLD_SIZE=1, training runs in this process alone.
struct DistributedEnvironment {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    int localWorldSize = 1;  // ranks on this machine (they share its cores)
    std::string masterAddress = "127.0.0.1";
    int masterPort = 29500;
    int timeoutSeconds = 600;

    bool active() const { return worldSize > 1; }
    bool leader() const { return rank == 0; }
    // Throws std::invalid_argument naming the variable that is malformed or out of range.
    static DistributedEnvironment fromEnvironment();
};

// True when this build can train data-parallel (LibTorch's c10d with Gloo was found).
bool distributedAvailable();

}  // namespace nemo
