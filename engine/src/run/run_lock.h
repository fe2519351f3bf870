// One writer per run folder: `train` holds RUN/.lock (flock) while it runs, so a second train
// into the same folder, from this process or another, is refused instead of interleaving its
// metrics and checkpoints. The kernel drops the lock when the holder exits, even on kill -9.
#pragma once

#include <string>

namespace nemo {

class RunLock {
  public:
    // Creates the folder if needed. Throws std::runtime_error naming the folder and the process
    // holding it.
    explicit RunLock(const std::string& runDir);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

    static constexpr const char* kFileName = ".lock";

  private:
    std::string dir_;
    bool createdDir_ = false;
    int fd_ = -1;
};

}  // namespace nemo
