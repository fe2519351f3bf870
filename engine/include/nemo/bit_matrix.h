// Rows of bits, packed 64 to a word: per-sample binary masks of a whole training set fit in
// memory (50,000 x 38,016 units is 238 MB instead of 7.6 GB of floats).
#pragma once

#include <cstdint>
#include <vector>

namespace nemo {

class BitMatrix {
  public:
    BitMatrix() = default;
    BitMatrix(int64_t rows, int64_t cols);

    int64_t rows() const { return rows_; }
    int64_t cols() const { return cols_; }
    int64_t wordsPerRow() const { return wordsPerRow_; }

    bool get(int64_t row, int64_t col) const { return (row_(row)[col >> 6] >> (col & 63)) & 1u; }
    void set(int64_t row, int64_t col, bool value);
    // Sets row `row` columns [offset, offset + n) to values[i] > 0.
    void setFromFloats(int64_t row, int64_t offset, const float* values, int64_t n);
    void appendRows(int64_t n);  // grows by n zero rows

    const uint64_t* row(int64_t r) const { return row_(r); }
    uint64_t* row(int64_t r) { return words_.data() + r * wordsPerRow_; }
    int64_t rowCount(int64_t r) const;  // bits set in a row

    int64_t memoryBytes() const { return int64_t(words_.size() * sizeof(uint64_t)); }

  private:
    const uint64_t* row_(int64_t r) const { return words_.data() + r * wordsPerRow_; }
    int64_t rows_ = 0, cols_ = 0, wordsPerRow_ = 0;
    std::vector<uint64_t> words_;
};

// |a & b| and |a | b| of two packed rows of `words` words.
void intersectionAndUnion(const uint64_t* a, const uint64_t* b, int64_t words, int64_t* inter,
                          int64_t* uni);

}  // namespace nemo
