// CRC-32 (zlib's polynomial) of any number of bytes, continued from `crc` (0 to start): the one
// checksum of checkpoints, module manifests and the sample-mask cache. Header-only, so the fuzz
// targets and header-only file formats use it without the engine library.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>

namespace nemo {

inline uint32_t crc32Of(const void* data, uint64_t size, uint32_t crc = 0) {
    const auto* bytes = static_cast<const Bytef*>(data);
    uLong c = crc;
    while (size > 0) {  // zlib takes at most 4 GiB a call
        const uInt n = uInt(size < (uint64_t(1) << 30) ? size : (uint64_t(1) << 30));
        c = crc32(c, bytes, n);
        bytes += n;
        size -= n;
    }
    return uint32_t(c);
}

inline uint32_t crc32Of(const std::string& text, uint32_t crc = 0) {
    return crc32Of(text.data(), text.size(), crc);
}

}  // namespace nemo
