// SVHN cropped digits: MATLAB files holding X, an
// H x W x 3 x N uint8 array in column-major order (X(row, col, channel, n)), and y, N labels in
// 1..10 where 10 means the digit 0.
#if NEMO_HAVE_MATIO
#include <matio.h>
#endif

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nemo/dataset.h"

#if NEMO_HAVE_MATIO
namespace nemo {
namespace {

constexpr size_t kMaxSide = 4096;
constexpr uint64_t kMaxPixelBytes = uint64_t(1) << 33;  // 8 GiB: far above SVHN's 1.6 GB "extra"

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
        throw DataError(what + " must have 4 dimensions, height x width x 3 x images");
    }
    ImageShape s{x->dims[0], x->dims[1], x->dims[2], x->rank == 4 ? x->dims[3] : 1};
    if (s.channels != 3) throw DataError(what + " must have 3 colour channels in dimension 3");
    if (s.height == 0 || s.width == 0 || s.height > kMaxSide || s.width > kMaxSide) {
        throw DataError(what + " has an implausible image size");
    }
    // Divided, not multiplied: a garbage count must not overflow the check.
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

// Converts one label; SVHN writes the digit 0 as 10.
int64_t digitLabel(double value, size_t index, const std::string& path) {
    if (!std::isfinite(value) || value != std::floor(value) || value < 0 || value > 10) {
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
