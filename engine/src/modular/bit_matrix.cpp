#include "nemo/bit_matrix.h"

namespace nemo {

BitMatrix::BitMatrix(int64_t rows, int64_t cols)
    : rows_(rows), cols_(cols), wordsPerRow_((cols + 63) / 64), words_(rows * wordsPerRow_, 0) {}

void BitMatrix::set(int64_t r, int64_t col, bool value) {
    uint64_t& word = row(r)[col >> 6];
    const uint64_t bit = uint64_t(1) << (col & 63);
    word = value ? (word | bit) : (word & ~bit);
}

void BitMatrix::setFromFloats(int64_t r, int64_t offset, const float* values, int64_t n) {
    uint64_t* words = row(r);
    for (int64_t i = 0; i < n; ++i) {
        if (values[i] > 0.0f) {
            const int64_t col = offset + i;
            words[col >> 6] |= uint64_t(1) << (col & 63);
        }
    }
}

void BitMatrix::appendRows(int64_t n) {
    rows_ += n;
    words_.resize(rows_ * wordsPerRow_, 0);
}

int64_t BitMatrix::rowCount(int64_t r) const {
    int64_t count = 0;
    const uint64_t* words = row_(r);
    for (int64_t w = 0; w < wordsPerRow_; ++w) count += __builtin_popcountll(words[w]);
    return count;
}

void intersectionAndUnion(const uint64_t* a, const uint64_t* b, int64_t words, int64_t* inter,
                          int64_t* uni) {
    int64_t i = 0, u = 0;
    for (int64_t w = 0; w < words; ++w) {
        i += __builtin_popcountll(a[w] & b[w]);
        u += __builtin_popcountll(a[w] | b[w]);
    }
    *inter = i;
    *uni = u;
}

}  // namespace nemo
