// MNIST / Fashion-MNIST idx files (http://yann.lecun.com/exdb/mnist/): a big-endian header, then
// uint8 pixels or labels. zlib's gz* functions read gzip files and, transparently, raw ones.
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "nemo/dataset.h"

namespace nemo {
namespace {

constexpr uint32_t kImagesMagic = 2051;  // 0x00000803: unsigned byte, 3 dimensions
constexpr uint32_t kLabelsMagic = 2049;  // 0x00000801: unsigned byte, 1 dimension
constexpr int kImagesHeaderBytes = 16;   // magic, count, rows, cols
constexpr int kLabelsHeaderBytes = 8;    // magic, count
constexpr uint32_t kMaxSide = 4096;      // far above any idx image; rejects garbage headers
constexpr int kNumClasses = 10;
constexpr size_t kChunk = size_t(1) << 20;
// A header can promise anything; memory is only committed as the data actually arrives.
constexpr uint64_t kReserveCap = uint64_t(64) << 20;
constexpr uint64_t kMaxDeflateRatio = 1032;

// Owns a gzFile and turns zlib's failures into DataErrors that name the file.
class GzReader {
  public:
    explicit GzReader(const std::string& path) : path_(path) {
        errno = 0;
        file_ = gzopen(path.c_str(), "rb");
        if (file_ == nullptr) {
            const std::string why = errno != 0 ? std::strerror(errno) : "out of memory";
            throw DataError(path + ": cannot open: " + why);
        }
        gzbuffer(file_, 1 << 17);  // larger than the 8 KiB default: fewer read() calls
    }
    ~GzReader() { gzclose(file_); }
    GzReader(const GzReader&) = delete;
    GzReader& operator=(const GzReader&) = delete;

    const std::string& path() const { return path_; }
    // True for an uncompressed file, whose size then says how much data it holds.
    bool isRaw() { return gzdirect(file_) == 1; }

    // Reads up to n bytes and returns how many arrived; fewer means the data ended.
    size_t read(void* dst, size_t n) {
        size_t done = 0;
        while (done < n) {
            const auto want = static_cast<unsigned>(std::min(n - done, kChunk));
            const int got = gzread(file_, static_cast<char*>(dst) + done, want);
            if (got < 0) throwStreamError();
            if (got == 0) break;
            done += static_cast<size_t>(got);
        }
        return done;
    }

    // After a short read: a damaged or cut gzip stream is a different problem from a complete
    // file that holds less than its header promises, and the message should say which.
    void throwIfStreamDamaged() {
        int code = Z_OK;
        gzerror(file_, &code);
        if (code != Z_OK) throwStreamError();
    }

    // At the end of the data, the gzip trailer (CRC and length) must be whole too: a file cut in
    // its last bytes is damaged even though every image arrived.
    bool atEnd() {
        char byte = 0;
        if (read(&byte, 1) != 0) return false;
        throwIfStreamDamaged();
        return true;
    }

  private:
    [[noreturn]] void throwStreamError() {
        int code = Z_OK;
        const char* msg = gzerror(file_, &code);
        std::string what = msg != nullptr && *msg != '\0' ? msg : "read error";
        if (code == Z_ERRNO) what = std::strerror(errno);
        // zlib prefixes its messages with the path, which ours already starts with.
        if (what.rfind(path_ + ": ", 0) == 0) what.erase(0, path_.size() + 2);
        if (code == Z_BUF_ERROR) {
            throw DataError(path_ + ": the gzip stream ends unexpectedly (" + what +
                            "): the file is cut short; download it again");
        }
        throw DataError(path_ + ": corrupt gzip data (" + what + "); download the file again");
    }

    std::string path_;
    gzFile file_ = nullptr;
};

uint32_t bigEndian32(const uint8_t* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

std::string hex32(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

[[noreturn]] void throwWrongMagic(const std::string& path, uint32_t found, uint32_t magic,
                                  const char* kind) {
    std::string hint = "not an idx file, or compressed with something other than gzip";
    if (found == kImagesMagic) hint = "this is an idx3 image file, not a label file";
    if (found == kLabelsMagic) hint = "this is an idx1 label file, not an image file";
    throw DataError(path + ": wrong magic number " + hex32(found) + ", expected " + hex32(magic) +
                    " (" + std::to_string(magic) + ") for " + kind + ": " + hint);
}

// Reads the header's `words` big-endian 32-bit fields and checks the magic number. The magic is
// checked as soon as it is there: "wrong kind of file" explains more than "file too short".
std::vector<uint32_t> readHeader(GzReader& in, uint32_t magic, int words, const char* kind) {
    std::vector<uint8_t> raw(size_t(words) * 4);
    const size_t got = in.read(raw.data(), raw.size());
    if (got < raw.size()) in.throwIfStreamDamaged();
    if (got >= 4 && bigEndian32(raw.data()) != magic) {
        throwWrongMagic(in.path(), bigEndian32(raw.data()), magic, kind);
    }
    if (got < raw.size()) {
        throw DataError(in.path() + ": only " + std::to_string(got) + " bytes, too short for an " +
                        kind + " header (" + std::to_string(raw.size()) + " bytes)");
    }
    std::vector<uint32_t> fields(words);
    for (int i = 0; i < words; ++i) fields[i] = bigEndian32(raw.data() + 4 * i);
    return fields;
}

// Reads up to `promised` bytes, growing the buffer as data arrives rather than trusting the
// header with one huge allocation. What is reserved up front is also bounded by what the file
// can hold: deflate packs at most 1032 bytes into one.
std::vector<uint8_t> readPayload(GzReader& in, uint64_t promised) {
    std::error_code ec;
    const uint64_t fileSize = std::filesystem::file_size(in.path(), ec);
    const uint64_t canHold = ec ? 0 : fileSize * (in.isRaw() ? 1 : kMaxDeflateRatio);
    std::vector<uint8_t> out;
    out.reserve(static_cast<size_t>(std::min({promised, kReserveCap, canHold})));
    while (out.size() < promised) {
        const size_t want = static_cast<size_t>(std::min<uint64_t>(promised - out.size(), kChunk));
        const size_t old = out.size();
        out.resize(old + want);
        const size_t got = in.read(out.data() + old, want);
        out.resize(old + got);
        if (got < want) break;
    }
    return out;
}

// A raw file's size is known before anything is read: a header promising more or less than the
// file holds is reported before the payload is allocated. (A gzip file's is checked as it is
// inflated, the only way to learn its real size.)
void requireRawSize(GzReader& in, uint64_t headerBytes, uint64_t payload, const std::string& what) {
    if (!in.isRaw()) return;
    std::error_code ec;
    const uint64_t size = std::filesystem::file_size(in.path(), ec);
    if (ec) return;  // not a regular file: reading it reports what is wrong
    const uint64_t expected = headerBytes + payload;
    const std::string sizes =
        what + " (" + std::to_string(expected) + " bytes) but the file has " + std::to_string(size);
    if (size < expected) {
        throw DataError(in.path() + ": truncated: header says " + sizes + "; download it again");
    }
    if (size > expected) {
        throw DataError(in.path() + ": longer than its header says: header says " + sizes +
                        "; the header or the file is damaged, download it again");
    }
}

void requireComplete(GzReader& in, uint64_t got, uint64_t promised, const std::string& what,
                     const char* data) {
    if (got < promised) {
        in.throwIfStreamDamaged();
        throw DataError(in.path() + ": truncated: header promises " + what +
                        " but the file ends after " + std::to_string(got) + " of " +
                        std::to_string(promised) + " bytes of " + data + "; download it again");
    }
    if (!in.atEnd()) {
        throw DataError(in.path() + ": more data than the header promises (" + what +
                        "): the header or the file is damaged");
    }
}

// zlib does not notice a gzip file cut inside its 8-byte trailer when the data ended exactly
// where a read stopped, so the trailer's length field (the uncompressed size mod 2^32, last in
// the file) is compared with what was read.
void requireGzipTrailer(GzReader& in, uint64_t uncompressedBytes) {
    if (in.isRaw()) return;
    std::ifstream file(in.path(), std::ios::binary | std::ios::ate);
    const std::streamoff size = file.tellg();
    uint8_t tail[4] = {};
    if (size >= 18) {  // the smallest gzip file: 10-byte header and 8-byte trailer
        file.seekg(size - 4);
        file.read(reinterpret_cast<char*>(tail), 4);
    }
    const uint32_t stored = uint32_t(tail[0]) | uint32_t(tail[1]) << 8 | uint32_t(tail[2]) << 16 |
                            uint32_t(tail[3]) << 24;
    if (!file || stored != uint32_t(uncompressedBytes)) {
        throw DataError(in.path() +
                        ": the gzip stream ends unexpectedly (its trailer is cut or "
                        "damaged): the file is cut short; download it again");
    }
}

}  // namespace

ImageSet readIdx(const std::string& imagesPath, const std::string& labelsPath) {
    GzReader images(imagesPath);
    const auto imageHeader =
        readHeader(images, kImagesMagic, kImagesHeaderBytes / 4, "idx3 images");
    const uint32_t count = imageHeader[1];
    const uint32_t rows = imageHeader[2];
    const uint32_t cols = imageHeader[3];
    if (rows == 0 || cols == 0 || rows > kMaxSide || cols > kMaxSide) {
        throw DataError(imagesPath + ": implausible image size " + std::to_string(rows) + "x" +
                        std::to_string(cols) +
                        " in the header: the file is damaged; download it again");
    }
    // Valid idx, but nothing to train or test on: an empty set fails much later and obscurely.
    if (count == 0) {
        throw DataError(imagesPath +
                        ": the header says the file holds no images; download it again");
    }

    // Both headers first: a count mismatch is reported before reading megabytes of pixels.
    GzReader labels(labelsPath);
    const uint32_t labelCount =
        readHeader(labels, kLabelsMagic, kLabelsHeaderBytes / 4, "idx1 labels")[1];
    if (labelCount != count) {
        throw DataError(labelsPath + ": holds " + std::to_string(labelCount) + " labels but " +
                        imagesPath + " holds " + std::to_string(count) +
                        " images: the two files are from different sets; download both again");
    }

    const std::string shape = std::to_string(rows) + "x" + std::to_string(cols);
    ImageSet set;
    set.channels = 1;
    set.height = static_cast<int>(rows);
    set.width = static_cast<int>(cols);
    const uint64_t pixelBytes = uint64_t(count) * rows * cols;  // < 2^56: no overflow
    const std::string imagesWhat = std::to_string(count) + " images of " + shape;
    const std::string labelsWhat = std::to_string(count) + " labels";
    requireRawSize(images, kImagesHeaderBytes, pixelBytes, imagesWhat);
    requireRawSize(labels, kLabelsHeaderBytes, count, labelsWhat);
    set.pixels = readPayload(images, pixelBytes);
    requireComplete(images, set.pixels.size(), pixelBytes, imagesWhat, "pixel data");
    requireGzipTrailer(images, kImagesHeaderBytes + pixelBytes);

    const std::vector<uint8_t> raw = readPayload(labels, count);
    requireComplete(labels, raw.size(), count, labelsWhat, "label data");
    requireGzipTrailer(labels, kLabelsHeaderBytes + uint64_t(count));
    set.labels.resize(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] >= kNumClasses) {
            throw DataError(labelsPath + ": label " + std::to_string(raw[i]) + " at index " +
                            std::to_string(i) + " is out of range 0.." +
                            std::to_string(kNumClasses - 1));
        }
        set.labels[i] = raw[i];
    }
    return set;
}

}  // namespace nemo
