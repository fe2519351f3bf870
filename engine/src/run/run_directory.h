// The run directory shared by the CLI and the GUI (design.md §4): config.json, metrics.jsonl,
// checkpoints/last.pt and final.pt.
#pragma once

#include <string>

namespace nemo {

class RunDirectory {
  public:
    explicit RunDirectory(std::string path);

    const std::string& path() const { return path_; }
    std::string configPath() const { return path_ + "/config.json"; }
    std::string metricsPath() const { return path_ + "/metrics.jsonl"; }
    std::string checkpointsDir() const { return path_ + "/checkpoints"; }
    std::string lastCheckpoint() const { return checkpointsDir() + "/last.pt"; }
    std::string finalCheckpoint() const { return checkpointsDir() + "/final.pt"; }
    // final.pt when training finished, else last.pt (which may not exist yet).
    std::string newestCheckpoint() const;
    bool exists() const;
    bool hasCheckpoint() const;

    // Creates the folders and writes config.json (atomically). Refuses to overwrite a folder that
    // already holds a run, so a typo cannot destroy results: the message suggests --resume.
    void create(const std::string& configJson);
    void checkCanCreate() const;  // create()'s refusals, before anything is written
    void writeConfig(const std::string& configJson);
    // True when the folder holds files other than a run lock: not a place for a new run.
    bool holdsOtherFiles() const;

    // Appends one line to metrics.jsonl and flushes it, so a live reader sees it at once.
    void appendMetrics(const std::string& line);
    // On resume: drops the lines of epochs >= `epochs` (those not covered by the checkpoint).
    void truncateMetrics(int epochs);

  private:
    std::string path_;
};

}  // namespace nemo
