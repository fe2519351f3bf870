#include "local_ranks.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "nemo/distributed.h"

namespace nemo::cli {
namespace {

volatile std::sig_atomic_t gTerminate = 0;
void onTerminate(int) {
    gTerminate = 1;
}

// This process's arguments as started, from /proc (argv[0] is replaced by /proc/self/exe).
std::vector<std::string> ownArguments() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> args;
    std::string current;
    for (char c : all) {
        if (c == '\0') {
            args.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (args.empty()) throw std::runtime_error("cannot read this process's command line");
    return args;
}

// The arguments without --nproc N (or --nproc=N).
std::vector<std::string> withoutProcessCount(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--nproc") {
            ++i;
            continue;
        }
        if (args[i].rfind("--nproc=", 0) == 0) continue;
        out.push_back(args[i]);
    }
    return out;
}

// A TCP port on the loopback address that nothing listens on now (the kernel's choice).
int freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("cannot open a socket to find a free port");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        close(fd);
        throw std::runtime_error("cannot find a free port on 127.0.0.1");
    }
    close(fd);
    return ntohs(address.sin_port);
}

pid_t startRank(const std::vector<std::string>& args, int rank, int processes, int port) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("cannot start a rank: ") + strerror(errno));
    if (pid > 0) return pid;
    setenv("RANK", std::to_string(rank).c_str(), 1);
    setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
    setenv("WORLD_SIZE", std::to_string(processes).c_str(), 1);
    setenv("LOCAL_WORLD_SIZE", std::to_string(processes).c_str(), 1);
    setenv("MASTER_ADDR", "127.0.0.1", 1);
    setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    std::cerr << "error: cannot run " << args[0] << ": " << strerror(errno) << std::endl;
    _exit(127);
}

int exitStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

}  // namespace

int launchLocalRanks(int processes, const DistributedEnvironment& environment) {
    if (environment.active())
        throw std::runtime_error("--nproc inside an already started rank (WORLD_SIZE=" +
                                 std::to_string(environment.worldSize) +
                                 "): give one or the other");
    if (!distributedAvailable())
        throw std::runtime_error(
            "this nemo was built without Gloo: --nproc needs it (install libgloo-dev and "
            "rebuild)");
    return runLocalRanks(processes);
}

int reportRankError(int rank, const std::exception& error) {
    std::string reason = error.what();
    if (auto nl = reason.find('\n'); nl != std::string::npos) reason.resize(nl);
    if (reason.rfind("rank ", 0) != 0) reason = "rank " + std::to_string(rank) + ": " + reason;
    std::cerr << "nemo: error: " << reason << std::endl;
    return 1;
}

int runLocalRanks(int processes) {
    const std::vector<std::string> args = withoutProcessCount(ownArguments());
    const int port = freePort();
    // Ctrl+C reaches every rank from the terminal: this process only waits for them.
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, onTerminate);
    std::vector<pid_t> ranks;
    for (int r = 0; r < processes; ++r) ranks.push_back(startRank(args, r, processes, port));

    int result = 0, running = processes;
    bool ending = false;  // a rank failed or SIGTERM came: the others are told to stop
    auto endOthers = [&] {
        if (ending) return;
        ending = true;
        for (pid_t pid : ranks)
            if (pid > 0) kill(pid, SIGTERM);
    };
    auto deadline = std::chrono::steady_clock::time_point::max();
    while (running > 0) {
        if (gTerminate) endOthers();
        int status = 0;
        const pid_t done = waitpid(-1, &status, WNOHANG);
        if (done <= 0) {
            if (ending && std::chrono::steady_clock::now() > deadline) {
                for (pid_t pid : ranks)
                    if (pid > 0) kill(pid, SIGKILL);  // a rank that did not stop in time
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        for (size_t r = 0; r < ranks.size(); ++r) {
            if (ranks[r] != done) continue;
            ranks[r] = -1;
            --running;
            const int code = exitStatus(status);
            if (code != 0 && code != 3 && result == 0) {
                result = code;
                std::cerr << "rank " << r << " ended with status " << code
                          << "; stopping the other ranks" << std::endl;
                endOthers();
                deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
            } else if (code == 3 && result == 0) {
                result = 3;
            }
        }
    }
    return result;
}

}  // namespace nemo::cli
