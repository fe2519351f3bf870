#include "run/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace nemo {
namespace {

std::string tempPathFor(const std::string& path) {
    return path + ".tmp." + std::to_string(::getpid());
}

void syncFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void replaceFileAtomically(const std::string& path,
                           const std::function<void(const std::string& tempPath)>& write) {
    const std::string temp = tempPathFor(path);
    try {
        write(temp);
        syncFile(temp);
    } catch (...) {
        std::remove(temp.c_str());
        throw;
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temp.c_str());
        throw std::runtime_error(path + ": cannot replace the file (" + reason + ")");
    }
}

void writeFileAtomically(const std::string& path, const std::string& content) {
    replaceFileAtomically(path, [&](const std::string& temp) {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) +
                                     "); check that the folder exists and is writable");
        }
        out.write(content.data(), std::streamsize(content.size()));
        out.flush();
        if (!out) {
            throw std::runtime_error(path + ": writing failed (" + std::strerror(errno) +
                                     "); is the disk full?");
        }
    });
}

int removeStaleTempFiles(const std::string& folder) {
    namespace fs = std::filesystem;
    std::error_code error;
    int removed = 0;
    for (auto it = fs::recursive_directory_iterator(folder, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file(error)) continue;
        const std::string name = it->path().filename().string();
        const size_t mark = name.rfind(".tmp.");
        if (mark == std::string::npos || mark + 5 >= name.size()) continue;
        const std::string digits = name.substr(mark + 5);
        if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
            continue;
        // A writer still alive on this machine may be about to rename its file: keep it.
        const pid_t pid = pid_t(std::stol(digits));
        if (pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM)) continue;
        if (fs::remove(it->path(), error)) ++removed;
    }
    return removed;
}

std::string readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open (" + std::strerror(errno) + ")");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void ensureDirectory(const std::string& path) {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error)
        throw std::runtime_error(path + ": cannot create the folder (" + error.message() + ")");
}

}  // namespace nemo
