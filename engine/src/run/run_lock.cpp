#include "run/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "run/atomic_file.h"

namespace nemo {

RunLock::RunLock(const std::string& runDir) : dir_(runDir) {
    std::error_code error;
    createdDir_ = !std::filesystem::exists(runDir, error);
    ensureDirectory(runDir);
    const std::string path = runDir + "/" + kFileName;
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw std::runtime_error(path + ": cannot open the run's lock file (" +
                                 std::strerror(errno) + "); check that the folder is writable");
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        char holder[32] = {};
        const ssize_t n = ::pread(fd_, holder, sizeof holder - 1, 0);
        ::close(fd_);
        fd_ = -1;
        std::string pid = n > 0 ? std::string(holder, size_t(n)) : std::string();
        pid.erase(pid.find_last_not_of(" \n") + 1);
        throw std::runtime_error(runDir + " is in use by another training" +
                                 (pid.empty() ? std::string() : " (process " + pid + ")") +
                                 "; wait for it to finish or stop it, or choose another --out");
    }
    // Who holds it, for the message above; informative only, the flock is what counts.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, pid.data(), pid.size(), 0);
}

RunLock::~RunLock() {
    if (fd_ < 0) return;
    // A training that failed before writing anything leaves no folder it made behind.
    if (createdDir_) {
        std::error_code error;
        bool onlyLock = true;
        for (const auto& entry : std::filesystem::directory_iterator(dir_, error))
            onlyLock = onlyLock && entry.path().filename() == kFileName;
        if (onlyLock && !error) {
            std::filesystem::remove(dir_ + "/" + kFileName, error);
            std::filesystem::remove(dir_, error);
        }
    }
    ::close(fd_);  // releases the flock
}

}  // namespace nemo
