// SVHN cropped digits: MATLAB files holding X, an
// H x W x 3 x N uint8 array in column-major order (X(row, col, channel, n)), and y, N labels in
// 1..10 where 10 means the digit 0.
#if NEMO_HAVE_MATIO
#include <matio.h>
#endif

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "nemo/dataset.h"

#if NEMO_HAVE_MATIO
namespace nemo {
namespace {

constexpr size_t kSide = 32;
constexpr uint64_t kMaxPixelBytes = uint64_t(1) << 33;  // 8 GiB: far above SVHN's 1.6 GB "extra"

// ---- the file's MATLAB v5 structure, checked before matio reads it --------------------------
// matio 1.5 trusts the sizes a file declares: a truncated file, dimensions that promise more than
// the data holds, or a damaged compressed stream come back as success with uninitialised memory
// where the data should be (a 34 KB file claiming 300,000 images allocated 900 MB and trained on
// it). So every element is walked here first and each size is checked against the bytes that are
// really there; matio then only reads what has been shown to exist.

constexpr size_t kMatHeaderBytes = 128;
constexpr uint32_t kMiInt8 = 1, kMiUint32 = 6, kMiInt32 = 5, kMiMatrix = 14, kMiCompressed = 15;
// A variable's header (flags, dimensions, name) is a few dozen bytes; this bounds what is kept.
constexpr size_t kMaxMatrixHeader = 64 * 1024;
constexpr size_t kInflateChunk = 64 * 1024;

// Which byte order the file was written in, from its header's endian indicator.
struct ByteOrder {
    bool swap = false;
    uint32_t u32(const uint8_t* p) const {
        return swap
                   ? (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]
                   : (uint32_t(p[3]) << 24) | (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | p[0];
    }
    uint16_t u16(const uint8_t* p) const {
        return swap ? uint16_t((p[0] << 8) | p[1]) : uint16_t((p[1] << 8) | p[0]);
    }
};

// What the user should do about a file that is not as SVHN distributes it.
std::string damaged(const std::string& what) {
    return what +
           ": the file is damaged or cut short; download it again from "
           "http://ufldl.stanford.edu/housenumbers/";
}

std::string damaged(const std::string& path, const std::string& problem) {
    return damaged(path + ": " + problem);
}

ByteOrder checkMatHeader(std::istream& in, const std::string& path, uint64_t fileSize) {
    uint8_t h[kMatHeaderBytes];
    if (fileSize < kMatHeaderBytes || !in.read(reinterpret_cast<char*>(h), sizeof h)) {
        throw DataError(damaged(path, "only " + std::to_string(fileSize) +
                                          " bytes, too short for a MATLAB file's 128-byte header"));
    }
    ByteOrder order;
    if (h[126] == 'M' && h[127] == 'I') {
        order.swap = true;
    } else if (h[126] != 'I' || h[127] != 'M') {
        throw DataError(path +
                        ": not a MATLAB v5 .mat file (no endian indicator at byte 126), "
                        "which SVHN's train_32x32.mat and test_32x32.mat are");
    }
    const uint16_t version = order.u16(h + 124);
    if (version == 0x0200) {
        throw DataError(path +
                        ": a MATLAB v7.3 (HDF5) file; SVHN is distributed as v5 files: "
                        "download it again, or save it in MATLAB with -v7");
    }
    if (version != 0x0100) {
        throw DataError(damaged(path, "unknown MATLAB file version " + std::to_string(version)));
    }
    return order;
}

// One data element's tag inside a matrix: the small form packs the type and a size of up to 4
// bytes into one word, with the data in the tag's second word.
struct Tag {
    uint32_t type = 0;
    uint64_t size = 0;
    uint64_t data = 0;  // offset of the data
    uint64_t next = 0;  // offset of the following element (data padded to 8 bytes)
};

struct MatrixBytes {
    const uint8_t* data;  // the start of the matrix's content (what follows its tag)
    size_t have;          // how much of it is in `data`
    uint64_t declared;    // how much the matrix's tag says there is
};

Tag readTag(const MatrixBytes& m, uint64_t at, const ByteOrder& order, const std::string& where) {
    if (at + 8 > m.declared) throw DataError(damaged(where + " ends inside its header"));
    if (at + 8 > m.have) throw DataError(damaged(where + " has an implausibly large header"));
    Tag tag;
    const uint32_t first = order.u32(m.data + at);
    if ((first >> 16) != 0) {
        tag.type = first & 0xffff;
        tag.size = first >> 16;
        tag.data = at + 4;
        tag.next = at + 8;
        if (tag.size > 4) throw DataError(damaged(where + " has a malformed small data element"));
        return tag;
    }
    tag.type = first;
    tag.size = order.u32(m.data + at + 4);
    tag.data = at + 8;
    tag.next = tag.data + (tag.size + 7) / 8 * 8;
    if (tag.data + tag.size > m.declared) {
        throw DataError(damaged(where + " holds an element of " + std::to_string(tag.size) +
                                " bytes that runs past its end"));
    }
    return tag;
}

// The header part of the element has to be in `m.data`, not just within the declared size.
void requireHeld(const MatrixBytes& m, const Tag& tag, const std::string& where) {
    if (tag.data + tag.size > m.have)
        throw DataError(damaged(where + " has an implausibly large header"));
}

size_t miTypeBytes(uint32_t type) {
    switch (type) {
        case 1:  // miINT8
        case 2:  // miUINT8
            return 1;
        case 3:  // miINT16
        case 4:  // miUINT16
            return 2;
        case 5:  // miINT32
        case 6:  // miUINT32
        case 7:  // miSINGLE
            return 4;
        case 9:   // miDOUBLE
        case 12:  // miINT64
        case 13:  // miUINT64
            return 8;
        default:
            return 0;  // not a numeric type
    }
}

bool isNumericMxClass(uint32_t mxClass) {
    return mxClass >= 6 && mxClass <= 15;  // mxDOUBLE_CLASS .. mxUINT64_CLASS
}

// A real or imaginary part: its size must be exactly what the dimensions need.
uint64_t checkPart(const MatrixBytes& m, uint64_t at, const ByteOrder& order,
                   const std::string& where, const std::string& shape, uint64_t elements) {
    const Tag part = readTag(m, at, order, where);
    const size_t bytes = miTypeBytes(part.type);
    uint64_t needed = 0;
    if (bytes == 0) {
        throw DataError(damaged(where + " stores its values as type " + std::to_string(part.type) +
                                ", not as numbers"));
    }
    if (__builtin_mul_overflow(elements, uint64_t(bytes), &needed) || needed != part.size) {
        throw DataError(damaged(where + " is " + shape + " (" + std::to_string(elements) +
                                " values) but its data holds " + std::to_string(part.size) +
                                " bytes"));
    }
    return part.next;
}

// Flags, dimensions, name and data sizes of one variable (miMATRIX content).
void checkMatrix(const MatrixBytes& m, const ByteOrder& order, const std::string& path, int index) {
    std::string where = path + ": variable " + std::to_string(index);
    const Tag flags = readTag(m, 0, order, where);
    requireHeld(m, flags, where);
    if (flags.type != kMiUint32 || flags.size != 8)
        throw DataError(damaged(where + " has no array flags"));
    const uint32_t word = order.u32(m.data + flags.data);
    const uint32_t mxClass = word & 0xff;
    const bool complex = (word & 0x0800) != 0;

    const Tag dims = readTag(m, flags.next, order, where);
    requireHeld(m, dims, where);
    if (dims.type != kMiInt32 || dims.size % 4 != 0 || dims.size < 8) {
        throw DataError(damaged(where + " has no valid dimensions"));
    }
    uint64_t elements = 1;
    std::string shape;
    for (uint64_t at = dims.data; at < dims.data + dims.size; at += 4) {
        const auto dim = int32_t(order.u32(m.data + at));
        if (dim < 0 || __builtin_mul_overflow(elements, uint64_t(dim), &elements)) {
            throw DataError(damaged(where + " has impossible dimensions"));
        }
        shape += (shape.empty() ? "" : "x") + std::to_string(dim);
    }

    const Tag name = readTag(m, dims.next, order, where);
    requireHeld(m, name, where);
    if (name.type != kMiInt8) throw DataError(damaged(where + " has no name"));
    where = path + ": variable '" +
            std::string(reinterpret_cast<const char*>(m.data + name.data), size_t(name.size)) + "'";
    if (!isNumericMxClass(mxClass)) {
        throw DataError(where + " is not a numeric array (MATLAB class " + std::to_string(mxClass) +
                        "); an SVHN file holds only X and y");
    }
    const uint64_t imaginary = checkPart(m, name.next, order, where, shape, elements);
    if (complex) checkPart(m, imaginary, order, where, shape, elements);
}

std::vector<uint8_t> readAt(std::istream& in, uint64_t offset, size_t n) {
    std::vector<uint8_t> bytes(n);
    in.seekg(std::streamoff(offset));
    in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(n));
    if (in.gcount() != std::streamsize(n))
        bytes.resize(size_t(std::max<std::streamsize>(in.gcount(), 0)));
    return bytes;
}

// Inflates a compressed variable as matio will, keeping only the start of it: the stream has to
// be intact (zlib checks its Adler-32) and hold exactly the one miMATRIX element it starts with.
void checkCompressed(std::istream& in, uint64_t offset, uint64_t size, const ByteOrder& order,
                     const std::string& path, int index) {
    const std::string where = path + ": variable " + std::to_string(index) + " (compressed)";
    z_stream z{};
    if (inflateInit(&z) != Z_OK) throw DataError(where + ": zlib could not start");
    std::unique_ptr<z_stream, int (*)(z_stream*)> closer(&z, inflateEnd);
    std::vector<uint8_t> start(kMaxMatrixHeader + 8), input(kInflateChunk), sink(kInflateChunk);
    uint64_t produced = 0, consumed = 0;
    int rc = Z_OK;
    in.seekg(std::streamoff(offset));
    while (rc != Z_STREAM_END) {
        if (z.avail_in == 0) {
            if (consumed == size) throw DataError(damaged(where, "the compressed data ends early"));
            const size_t n = size_t(std::min<uint64_t>(size - consumed, input.size()));
            if (!in.read(reinterpret_cast<char*>(input.data()), std::streamsize(n))) {
                throw DataError(damaged(where, "cannot read the compressed data"));
            }
            consumed += n;
            z.next_in = input.data();
            z.avail_in = unsigned(n);
        }
        const bool keep = produced < start.size();
        z.next_out = keep ? start.data() + produced : sink.data();
        z.avail_out = unsigned(keep ? start.size() - produced : sink.size());
        const unsigned before = z.avail_out;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            throw DataError(damaged(where, std::string("corrupt compressed data (") +
                                               (z.msg != nullptr ? z.msg : "zlib error") + ")"));
        }
        produced += before - z.avail_out;
        if (rc == Z_BUF_ERROR && z.avail_in != 0) {
            throw DataError(damaged(where, "corrupt compressed data"));
        }
        // Stops a stream that inflates far beyond its array as soon as that is known.
        if (produced >= 8 && produced > uint64_t(order.u32(start.data() + 4)) + 8) break;
    }
    if (produced < 8 || order.u32(start.data()) != kMiMatrix) {
        throw DataError(damaged(where, "the compressed data is not a MATLAB array"));
    }
    if (rc == Z_STREAM_END && (z.avail_in != 0 || consumed != size)) {
        throw DataError(damaged(where, "bytes follow the end of its compressed data"));
    }
    const uint64_t declared = order.u32(start.data() + 4);
    if (rc != Z_STREAM_END || produced != declared + 8) {
        throw DataError(damaged(where, "the array declares " + std::to_string(declared) +
                                           " bytes but its compressed data holds " +
                                           (rc == Z_STREAM_END ? "" : "more than ") +
                                           std::to_string(produced - 8)));
    }
    const size_t have = size_t(std::min<uint64_t>(produced, start.size()) - 8);
    checkMatrix({start.data() + 8, have, declared}, order, path, index);
}

// Walks the variables: each one has to lie inside the file, and nothing may follow the last.
void checkMatStructure(const std::string& path) {
    std::error_code ec;
    const uint64_t fileSize = std::filesystem::file_size(path, ec);
    if (ec) throw DataError(path + ": cannot read: " + ec.message());
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path + ": cannot open for reading");
    const ByteOrder order = checkMatHeader(in, path, fileSize);
    uint64_t offset = kMatHeaderBytes;
    for (int index = 1; offset < fileSize; ++index) {
        const std::string where = path + ": variable " + std::to_string(index);
        if (fileSize - offset < 8) {
            throw DataError(damaged(
                path, std::to_string(fileSize - offset) + " stray bytes after the last variable"));
        }
        const std::vector<uint8_t> tag = readAt(in, offset, 8);
        if (tag.size() != 8) throw DataError(damaged(where, "cannot read its tag"));
        const uint32_t type = order.u32(tag.data());
        const uint64_t size = order.u32(tag.data() + 4);
        if (type != kMiMatrix && type != kMiCompressed) {
            throw DataError(damaged(where, "unexpected data element type " + std::to_string(type)));
        }
        if (size > fileSize - offset - 8) {
            throw DataError(
                damaged(where, "declares " + std::to_string(size) + " bytes but the file ends " +
                                   std::to_string(fileSize - offset - 8) + " bytes after its tag"));
        }
        if (type == kMiCompressed) {
            checkCompressed(in, offset + 8, size, order, path, index);
        } else {
            const std::vector<uint8_t> head =
                readAt(in, offset + 8, size_t(std::min<uint64_t>(size, kMaxMatrixHeader)));
            checkMatrix({head.data(), head.size(), size}, order, path, index);
        }
        offset += 8 + size;
    }
}

struct MatCloser {
    void operator()(mat_t* mat) const { Mat_Close(mat); }
};
struct VarFreer {
    void operator()(matvar_t* var) const { Mat_VarFree(var); }
};
using MatFile = std::unique_ptr<mat_t, MatCloser>;
using MatVar = std::unique_ptr<matvar_t, VarFreer>;

std::string dimsText(const matvar_t* var) {
    std::string text;
    for (int i = 0; i < var->rank; ++i) {
        if (i > 0) text += "x";
        text += std::to_string(var->dims[i]);
    }
    return text;
}

uint64_t elementCount(const matvar_t* var) {
    uint64_t n = 1;
    for (int i = 0; i < var->rank; ++i) n *= var->dims[i];
    return n;
}

bool isNumericClass(matio_classes c) {
    switch (c) {
        case MAT_C_DOUBLE:
        case MAT_C_SINGLE:
        case MAT_C_INT8:
        case MAT_C_UINT8:
        case MAT_C_INT16:
        case MAT_C_UINT16:
        case MAT_C_INT32:
        case MAT_C_UINT32:
        case MAT_C_INT64:
        case MAT_C_UINT64:
            return true;
        default:
            return false;
    }
}

// Looks at a variable's header only, so that shapes are checked before its data is allocated.
MatVar readInfo(mat_t* mat, const std::string& path, const char* name) {
    MatVar info(Mat_VarReadInfo(mat, name));
    if (!info) {
        throw DataError(path + ": no variable '" + name +
                        "': not an SVHN cropped-digits file (train_32x32.mat / test_32x32.mat)");
    }
    return info;
}

size_t classBytes(matio_classes c) {
    switch (c) {
        case MAT_C_DOUBLE:
        case MAT_C_INT64:
        case MAT_C_UINT64:
            return 8;
        case MAT_C_SINGLE:
        case MAT_C_INT32:
        case MAT_C_UINT32:
            return 4;
        case MAT_C_INT16:
        case MAT_C_UINT16:
            return 2;
        default:
            return 1;
    }
}

// Reads a variable whose header readInfo has already checked.
MatVar readData(mat_t* mat, const std::string& path, const char* name) {
    MatVar var(Mat_VarRead(mat, name));
    if (!var || var->data == nullptr) {
        throw DataError(path + ": cannot read the data of variable '" + name +
                        "': the file is damaged or truncated");
    }
    const uint64_t needed = elementCount(var.get()) * classBytes(var->class_type);
    if (!isNumericClass(var->class_type) || var->isComplex || var->nbytes < needed) {
        throw DataError(path + ": variable '" + name + "' holds fewer bytes than its " +
                        dimsText(var.get()) + " shape needs: the file is damaged");
    }
    return var;
}

template <typename T>
std::vector<double> toDoubles(const void* data, uint64_t n) {
    const T* values = static_cast<const T*>(data);
    return std::vector<double>(values, values + n);
}

std::vector<double> numericValues(const matvar_t* var, uint64_t n) {
    switch (var->class_type) {
        case MAT_C_DOUBLE:
            return toDoubles<double>(var->data, n);
        case MAT_C_SINGLE:
            return toDoubles<float>(var->data, n);
        case MAT_C_INT8:
            return toDoubles<int8_t>(var->data, n);
        case MAT_C_UINT8:
            return toDoubles<uint8_t>(var->data, n);
        case MAT_C_INT16:
            return toDoubles<int16_t>(var->data, n);
        case MAT_C_UINT16:
            return toDoubles<uint16_t>(var->data, n);
        case MAT_C_INT32:
            return toDoubles<int32_t>(var->data, n);
        case MAT_C_UINT32:
            return toDoubles<uint32_t>(var->data, n);
        case MAT_C_INT64:
            return toDoubles<int64_t>(var->data, n);
        case MAT_C_UINT64:
            return toDoubles<uint64_t>(var->data, n);
        default:
            return {};
    }
}

struct ImageShape {
    size_t height = 0, width = 0, channels = 0, count = 0;
};

// X is H x W x 3 x N; MATLAB drops a trailing singleton, so a one-image file has rank 3.
ImageShape checkImages(const matvar_t* x, const std::string& path) {
    const std::string what = path + ": X (" + dimsText(x) + ")";
    if (x->class_type != MAT_C_UINT8 || x->isComplex) {
        throw DataError(what + " must be a real uint8 array (images)");
    }
    if (x->rank != 3 && x->rank != 4) {
        throw DataError(what + " must have 4 dimensions, 32 x 32 x 3 x images");
    }
    ImageShape s{x->dims[0], x->dims[1], x->dims[2], x->rank == 4 ? x->dims[3] : 1};
    if (s.height != kSide || s.width != kSide || s.channels != 3) {
        throw DataError(what + " must be 32 x 32 x 3 x images: SVHN's cropped digits are 32x32 " +
                        "colour images (the full-numbers format is not supported)");
    }
    if (s.count == 0) throw DataError(what + " holds no images");
    if (s.count > kMaxPixelBytes / (s.height * s.width * s.channels)) {
        throw DataError(what + " is implausibly large");
    }
    return s;
}

void checkLabelInfo(const matvar_t* y, const std::string& path, size_t count) {
    const std::string what = path + ": y (" + dimsText(y) + ")";
    if (!isNumericClass(y->class_type) || y->isComplex) {
        throw DataError(what + " must be a real numeric array (labels)");
    }
    // N x 1 in the real files; a 1 x N row vector holds the same values in the same order.
    const bool vector = y->rank == 2 && (y->dims[0] == 1 || y->dims[1] == 1);
    if (!vector || elementCount(y) != count) {
        throw DataError(what + " must be a " + std::to_string(count) +
                        " x 1 vector, one label per image in X");
    }
}

// Converts one label; SVHN writes the digit 0 as 10, so a 0 is not a label but zeroed memory or
// a file written by something else.
int64_t digitLabel(double value, size_t index, const std::string& path) {
    if (!std::isfinite(value) || value != std::floor(value) || value < 1 || value > 10) {
        throw DataError(path + ": y(" + std::to_string(index + 1) + ") = " + std::to_string(value) +
                        " is not a digit label in 1..10 (10 = digit 0)");
    }
    return value == 10 ? 0 : static_cast<int64_t>(value);
}

// MATLAB column-major X(row, col, ch, n) -> image-after-image CHW.
void toChw(const uint8_t* src, const ImageShape& s, uint8_t* dst) {
    const size_t plane = s.height * s.width;
    const size_t image = plane * s.channels;
    for (size_t n = 0; n < s.count; ++n) {
        for (size_t ch = 0; ch < s.channels; ++ch) {
            const uint8_t* from = src + n * image + ch * plane;  // column-major plane
            uint8_t* to = dst + n * image + ch * plane;          // row-major plane
            for (size_t col = 0; col < s.width; ++col) {
                for (size_t row = 0; row < s.height; ++row) {
                    to[row * s.width + col] = from[col * s.height + row];
                }
            }
        }
    }
}

}  // namespace

ImageSet readSvhnMat(const std::string& path) {
    checkMatStructure(path);
    MatFile mat(Mat_Open(path.c_str(), MAT_ACC_RDONLY));
    if (!mat) {
        throw DataError(path +
                        ": cannot open as a MATLAB file (missing, unreadable, or not a "
                        ".mat file)");
    }
    const ImageShape shape = checkImages(readInfo(mat.get(), path, "X").get(), path);
    checkLabelInfo(readInfo(mat.get(), path, "y").get(), path, shape.count);

    const MatVar y = readData(mat.get(), path, "y");
    if (elementCount(y.get()) != shape.count) {
        throw DataError(path + ": y changed between reading its header and its data");
    }
    const std::vector<double> values = numericValues(y.get(), shape.count);
    ImageSet set;
    set.channels = static_cast<int>(shape.channels);
    set.height = static_cast<int>(shape.height);
    set.width = static_cast<int>(shape.width);
    set.labels.resize(shape.count);
    for (size_t i = 0; i < shape.count; ++i) set.labels[i] = digitLabel(values[i], i, path);
    set.pixels.resize(shape.count * shape.height * shape.width * shape.channels);

    const MatVar x = readData(mat.get(), path, "X");
    if (x->class_type != MAT_C_UINT8 || elementCount(x.get()) != set.pixels.size()) {
        throw DataError(path + ": X changed between reading its header and its data");
    }
    toChw(static_cast<const uint8_t*>(x->data), shape, set.pixels.data());
    return set;
}

}  // namespace nemo
#else  // built without matio (a LibTorch-only machine): say so instead of failing to link

namespace nemo {

ImageSet readSvhnMat(const std::string& path) {
    throw DataError(path +
                    ": this build of NeMo cannot read .mat files (it was built without "
                    "matio); install libmatio-dev and rebuild");
}

}  // namespace nemo
#endif
