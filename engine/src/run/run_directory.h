// Creating a run folder and appending to it (the trainer's side of nemo/run_folder.h).
#pragma once

#include <string>

#include "nemo/run_folder.h"

namespace nemo {

// The writing side of a run folder (the trainer's): paths come from RunFolder.
class RunDirectory : public RunFolder {
  public:
    explicit RunDirectory(std::string path);

    bool exists() const { return hasConfig(); }

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
};

}  // namespace nemo
