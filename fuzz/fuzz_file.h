// What the fuzz targets share. The readers take paths, so each input is written to a real file in
// a folder private to the process; a reader may answer it only with data or with an exception
// derived from std::exception. libFuzzer reports everything else: a crash, a sanitizer finding,
// a leak, a timeout, or an allocation over -malloc_limit_mb.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace nemo_fuzz {

inline const std::string& folder();

inline void removeFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(folder(), ignored);
}

// Never destroyed: the exit handler that removes the folder runs after the static destructors.
inline const std::string* makeFolder() {
    // In memory where there is a tmpfs: every input is written to a file.
    std::error_code ec;
    std::string name = std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : "/tmp";
    name += "/nemo-fuzz-XXXXXX";
    if (mkdtemp(name.data()) == nullptr) {
        std::perror("mkdtemp");
        std::abort();
    }
    std::atexit(removeFolder);
    return new std::string(name);
}

inline const std::string& folder() {
    static const std::string* dir = makeFolder();
    return *dir;
}

// Writes `size` bytes to folder()/name and returns the path.
inline std::string writeFile(const std::string& name, const uint8_t* data, size_t size) {
    const std::string path = folder() + "/" + name;
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || (size != 0 && std::fwrite(data, 1, size, f) != size) ||
        std::fclose(f) != 0) {
        std::perror(path.c_str());
        std::abort();  // the harness failing is not a finding; make it loud
    }
    return path;
}

}  // namespace nemo_fuzz
