// The idx targets fuzz one file of the pair; the other is made to agree with the fuzzed file's
// count, so that the fuzzer gets past the count check into the data.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace nemo_fuzz {

// Files the harness writes stay small; a larger count gets a header-only partner file.
constexpr uint32_t kMaxPartnerCount = 1 << 16;

// The count word (bytes 4..7, big-endian) of an idx file, gzip or raw; 0 if it is not there.
inline uint32_t declaredCount(const std::string& path) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (f == nullptr) return 0;
    uint8_t header[8] = {};
    const int got = gzread(f, header, sizeof header);
    gzclose(f);
    if (got != int(sizeof header)) return 0;
    return (uint32_t(header[4]) << 24) | (uint32_t(header[5]) << 16) | (uint32_t(header[6]) << 8) |
           header[7];
}

inline void putBigEndian(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(v >> shift));
}

}  // namespace nemo_fuzz
