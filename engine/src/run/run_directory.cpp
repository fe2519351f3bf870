#include "run/run_directory.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "run/atomic_file.h"
#include "run/run_lock.h"

namespace nemo {

namespace fs = std::filesystem;

RunDirectory::RunDirectory(std::string path) : RunFolder(std::move(path)) {}

void RunDirectory::checkCanCreate() const {
    if (exists()) {
        throw std::runtime_error(path() +
                                 " already holds a run; pass --resume to continue it or "
                                 "choose another --out folder");
    }
    // A folder of other files is not a run: writing metrics.jsonl and checkpoints/ there could
    // replace a user's files of the same names.
    if (holdsOtherFiles()) {
        throw std::runtime_error(path() +
                                 " is not empty and holds no run (no config.json); choose a new "
                                 "or empty --out folder");
    }
}

void RunDirectory::create(const std::string& configJson) {
    checkCanCreate();
    // config.json first: a process killed right after it leaves a run that --resume continues.
    ensureDirectory(path());
    writeConfig(configJson);
    ensureDirectory(checkpointsDir());
    writeFileAtomically(metricsPath(), "");
}

bool RunDirectory::holdsOtherFiles() const {
    std::error_code error;
    if (!std::filesystem::is_directory(path(), error)) return false;
    for (const auto& entry : std::filesystem::directory_iterator(path(), error))
        if (entry.path().filename() != RunLock::kFileName) return true;
    return false;
}

void RunDirectory::writeConfig(const std::string& configJson) {
    writeFileAtomically(configPath(), configJson);
}

void RunDirectory::appendMetrics(const std::string& line) {
    std::ofstream out(metricsPath(), std::ios::app);
    out << line << '\n';
    out.flush();
    if (!out) {
        throw std::runtime_error(metricsPath() + ": cannot append (" + std::strerror(errno) +
                                 "); is the disk full?");
    }
}

void RunDirectory::truncateMetrics(int epochs) {
    if (!fs::exists(metricsPath())) return;
    std::istringstream in(readTextFile(metricsPath()));
    std::ostringstream kept;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        // A line cut short by a kill cannot be parsed: drop it with the rest of its epoch.
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.contains("epoch") || j["epoch"].get<int>() >= epochs) continue;
        kept << line << '\n';
    }
    writeFileAtomically(metricsPath(), kept.str());
}

}  // namespace nemo
