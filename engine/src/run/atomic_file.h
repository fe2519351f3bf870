// Files that are either fully written or not there: write a temporary file beside the target,
// flush it to disk, then rename it over the target.
#pragma once

#include <functional>
#include <string>

namespace nemo {

// Writes `content` to `path` atomically. Throws std::runtime_error naming the file and the system
// error (a full disk, a read-only directory) and leaves any earlier version untouched.
void writeFileAtomically(const std::string& path, const std::string& content);

// Lets `write` produce the file at a temporary path, then renames it to `path`.
void replaceFileAtomically(const std::string& path,
                           const std::function<void(const std::string& tempPath)>& write);

// Removes the temporary files (NAME.tmp.PID) that a process killed while writing left below
// `folder`, unless that process still runs. Returns how many were removed; errors are ignored.
int removeStaleTempFiles(const std::string& folder);

std::string readTextFile(const std::string& path);  // throws std::runtime_error
void ensureDirectory(const std::string& path);      // mkdir -p; throws with the reason

}  // namespace nemo
