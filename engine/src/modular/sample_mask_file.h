// RUN/modular/sample_masks.bin: a fixed header, the widths of the masked layers, one label per
// sample, one BitMatrix row per sample (whole 64-bit words, in the machine's byte order), then the
// CRC-32 of all that as a 64-bit word: a flipped bit would otherwise change module masks silently.
// Header-only, so that the fuzzer and the tests read the real format without linking LibTorch.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "io/crc32.h"
#include "nemo/bit_matrix.h"

namespace nemo {

// The file exists but cannot be what save() wrote: cut short, edited or overwritten.
class SampleMaskFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct SampleMaskFile {
    bool augmented = false;
    int64_t checkpointStamp = 0;  // which checkpoint the masks were computed from
    std::vector<int64_t> widths;  // per masked layer; they add up to bits.cols()
    std::vector<int64_t> labels;  // per sample
    BitMatrix bits;               // samples x units
};

namespace sample_mask_detail {

// Version 2 added the checksum; a version-1 file is a stale cache and is computed again.
constexpr char kMagic[8] = {'N', 'E', 'M', 'O', 'S', 'M', 'K', '2'};
// Far above any model's masked units (vgg16: 38,016); keeps the row arithmetic from overflowing.
constexpr int64_t kMaxUnits = int64_t(1) << 40;

struct Header {
    char magic[8];
    int64_t rows, cols, layers, augmented, checkpointStamp;
};
static_assert(sizeof(Header) == 48, "the header is written as it lies in memory");

[[noreturn]] inline void fail(const std::string& path, const std::string& problem) {
    throw SampleMaskFileError(path + ": " + problem +
                              ": the sample-mask cache is damaged; delete it and the sample masks "
                              "are computed again from the checkpoint");
}

// Sizes come from the file: an overflow must become an error, not a small wrapped size.
inline bool mulAdd(uint64_t a, uint64_t b, uint64_t& sum) {
    uint64_t product = 0;
    return !__builtin_mul_overflow(a, b, &product) && !__builtin_add_overflow(sum, product, &sum);
}

// The file size the header implies, or false when no real file could be that large.
inline bool impliedSize(const Header& h, uint64_t& size) {
    const uint64_t words = (uint64_t(h.cols) + 63) / 64;
    uint64_t rowWords = 0;
    size = sizeof(Header) + 8;  // the header and the checksum
    return mulAdd(uint64_t(h.layers), 8, size) && mulAdd(uint64_t(h.rows), 8, size) &&
           mulAdd(uint64_t(h.rows), words, rowWords) && mulAdd(rowWords, 8, size);
}

inline void checkHeader(const Header& h, const std::string& path, uint64_t fileSize) {
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) fail(path, "wrong magic number");
    if (h.rows < 0 || h.cols <= 0 || h.cols > kMaxUnits || h.layers <= 0 || h.layers > h.cols) {
        fail(path, "impossible header (" + std::to_string(h.rows) + " samples, " +
                       std::to_string(h.cols) + " units in " + std::to_string(h.layers) +
                       " layers)");
    }
    if (h.augmented != 0 && h.augmented != 1) {
        fail(path, "the header's augmented flag is " + std::to_string(h.augmented));
    }
    uint64_t expected = 0;
    const bool representable = impliedSize(h, expected);
    if (!representable || expected != fileSize) {
        fail(path, "the header says " + std::to_string(h.rows) + " samples x " +
                       std::to_string(h.cols) + " units in " + std::to_string(h.layers) +
                       " layers (" +
                       (representable ? std::to_string(expected) + " bytes"
                                      : "more bytes than any file holds") +
                       ") but the file has " + std::to_string(fileSize) + " bytes");
    }
}

inline void checkWidths(const std::vector<int64_t>& widths, int64_t cols, const std::string& path) {
    int64_t sum = 0;
    for (const int64_t w : widths) {
        if (w <= 0 || __builtin_add_overflow(sum, w, &sum)) {
            fail(path, "a masked layer of width " + std::to_string(w));
        }
    }
    if (sum != cols) {
        fail(path, "the layer widths add up to " + std::to_string(sum) +
                       " units, the header says " + std::to_string(cols));
    }
}

// Bits past the last unit are never set: a set one would count as an active unit in rowCount.
inline void checkRowPadding(const BitMatrix& bits, const std::string& path) {
    const int64_t used = bits.cols() % 64;
    if (used == 0) return;
    const uint64_t padding = ~uint64_t(0) << used;
    for (int64_t r = 0; r < bits.rows(); ++r) {
        if ((bits.row(r)[bits.wordsPerRow() - 1] & padding) != 0) {
            fail(path, "sample " + std::to_string(r) + " has bits set past the last unit");
        }
    }
}

inline void readExactly(std::istream& in, void* to, uint64_t bytes, const std::string& path,
                        uint32_t* crc = nullptr) {
    if (bytes != 0 && !in.read(static_cast<char*>(to), std::streamsize(bytes))) {
        fail(path, "the file ended while being read (was it being written?)");
    }
    if (crc) *crc = crc32Of(to, bytes, *crc);
}

}  // namespace sample_mask_detail

inline void writeSampleMaskFile(std::ostream& out, const BitMatrix& bits,
                                const std::vector<int64_t>& widths,
                                const std::vector<int64_t>& labels, bool augmented,
                                int64_t checkpointStamp) {
    using namespace sample_mask_detail;
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.rows = bits.rows();
    h.cols = bits.cols();
    h.layers = int64_t(widths.size());
    h.augmented = augmented;
    h.checkpointStamp = checkpointStamp;
    uint32_t crc = 0;
    auto put = [&](const void* data, uint64_t bytes) {
        out.write(static_cast<const char*>(data), std::streamsize(bytes));
        crc = crc32Of(data, bytes, crc);
    };
    put(&h, sizeof h);
    put(widths.data(), widths.size() * 8);
    put(labels.data(), labels.size() * 8);
    for (int64_t r = 0; r < bits.rows(); ++r) put(bits.row(r), uint64_t(bits.wordsPerRow()) * 8);
    const uint64_t trailer = crc;  // a whole 64-bit word
    out.write(reinterpret_cast<const char*>(&trailer), 8);
}

// Every size is checked against the file's real size before anything is allocated, so a damaged
// header can neither overrun the BitMatrix nor ask for more memory than the file holds.
inline SampleMaskFile readSampleMaskFile(const std::string& path) {
    using namespace sample_mask_detail;
    std::error_code ec;
    const uint64_t fileSize = std::filesystem::file_size(path, ec);
    if (ec) throw SampleMaskFileError(path + ": cannot read: " + ec.message());
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SampleMaskFileError(path + ": cannot open for reading");
    if (fileSize < sizeof(Header)) {
        fail(path, "only " + std::to_string(fileSize) + " bytes, shorter than the " +
                       std::to_string(sizeof(Header)) + "-byte header");
    }
    Header h{};
    uint32_t crc = 0;
    readExactly(in, &h, sizeof h, path, &crc);
    checkHeader(h, path, fileSize);

    SampleMaskFile f;
    f.augmented = h.augmented != 0;
    f.checkpointStamp = h.checkpointStamp;
    f.widths.resize(size_t(h.layers));
    readExactly(in, f.widths.data(), uint64_t(h.layers) * 8, path, &crc);
    checkWidths(f.widths, h.cols, path);
    f.labels.resize(size_t(h.rows));
    readExactly(in, f.labels.data(), uint64_t(h.rows) * 8, path, &crc);
    for (size_t i = 0; i < f.labels.size(); ++i) {
        if (f.labels[i] < 0) fail(path, "sample " + std::to_string(i) + " has a negative label");
    }
    f.bits = BitMatrix(h.rows, h.cols);
    for (int64_t r = 0; r < h.rows; ++r) {
        readExactly(in, f.bits.row(r), uint64_t(f.bits.wordsPerRow()) * 8, path, &crc);
    }
    checkRowPadding(f.bits, path);
    uint64_t stored = 0;
    readExactly(in, &stored, 8, path);
    if (stored != crc) fail(path, "checksum differs (the file changed after it was written)");
    return f;
}

}  // namespace nemo
