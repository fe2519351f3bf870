// CIFAR-10 / CIFAR-100 "binary version" files (https://www.cs.toronto.edu/~kriz/cifar.html):
// fixed-size records of label byte(s) followed by 1024 R, 1024 G and 1024 B bytes of a 32x32
// image in row-major order, i.e. already CHW.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "data/readers.h"
#include "nemo/dataset.h"

namespace nemo {
namespace detail {
namespace {

constexpr int kSide = 32;
constexpr int kChannels = 3;
constexpr int64_t kImageBytes = int64_t(kChannels) * kSide * kSide;
constexpr int64_t kRecordsPerRead = 1000;  // ~3 MB at a time

struct RecordLayout {
    int labelBytes;   // bytes in front of the pixels
    int labelOffset;  // which of them is kept
    int numClasses;
    const char* format;
};

RecordLayout layoutOf(CifarLabel label) {
    switch (label) {
        case CifarLabel::kCifar10:
            return {1, 0, 10, "CIFAR-10 binary"};
        case CifarLabel::kCifar100Fine:
            return {2, 1, 100, "CIFAR-100 binary"};
        case CifarLabel::kCifar100Coarse:
            return {2, 0, 20, "CIFAR-100 binary"};
    }
    return {1, 0, 10, "CIFAR-10 binary"};
}

// The file size is known up front, so a wrong size is caught before anything is allocated.
int64_t recordCount(const std::string& path, const RecordLayout& layout) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw DataError(path + ": cannot read: " + ec.message());
    const int64_t recordBytes = layout.labelBytes + kImageBytes;
    if (size == 0 || size % recordBytes != 0) {
        throw DataError(path + ": size " + std::to_string(size) +
                        " bytes is not a whole number of " + std::to_string(recordBytes) +
                        "-byte records: the file is truncated or not " + layout.format +
                        "; download and unpack the dataset again");
    }
    return static_cast<int64_t>(size / recordBytes);
}

// Appends the records of one file to `set`.
void appendFile(const std::string& path, const RecordLayout& layout, ImageSet& set) {
    const int64_t records = recordCount(path, layout);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path + ": cannot open for reading");

    const int64_t recordBytes = layout.labelBytes + kImageBytes;
    const int64_t first = set.size();
    set.labels.resize(first + records);
    set.pixels.resize((first + records) * kImageBytes);
    std::vector<uint8_t> buffer;
    for (int64_t done = 0; done < records;) {
        const int64_t n = std::min(kRecordsPerRead, records - done);
        buffer.resize(n * recordBytes);
        in.read(reinterpret_cast<char*>(buffer.data()), std::streamsize(buffer.size()));
        if (in.gcount() != std::streamsize(buffer.size())) {
            throw DataError(path + ": read failed at record " + std::to_string(done) + " of " +
                            std::to_string(records) + " (file changed or I/O error)");
        }
        for (int64_t r = 0; r < n; ++r) {
            const uint8_t* record = buffer.data() + r * recordBytes;
            const int label = record[layout.labelOffset];
            if (label >= layout.numClasses) {
                throw DataError(path + ": record " + std::to_string(done + r) + " has label " +
                                std::to_string(label) + ", out of range 0.." +
                                std::to_string(layout.numClasses - 1) + ": not " + layout.format +
                                "; download and unpack the dataset again");
            }
            const int64_t index = first + done + r;
            set.labels[index] = label;
            std::copy(record + layout.labelBytes, record + recordBytes,
                      set.pixels.begin() + index * kImageBytes);
        }
        done += n;
    }
}

}  // namespace

ImageSet readCifarRecords(const std::vector<std::string>& files, CifarLabel label) {
    const RecordLayout layout = layoutOf(label);
    ImageSet set;
    set.channels = kChannels;
    set.height = kSide;
    set.width = kSide;
    for (const std::string& path : files) appendFile(path, layout, set);
    return set;
}

}  // namespace detail

ImageSet readCifarBinary(const std::vector<std::string>& files, bool cifar100) {
    return detail::readCifarRecords(
        files, cifar100 ? detail::CifarLabel::kCifar100Fine : detail::CifarLabel::kCifar10);
}

std::vector<int64_t> readCifar100CoarseLabels(const std::vector<std::string>& files) {
    return detail::readCifarRecords(files, detail::CifarLabel::kCifar100Coarse).labels;
}

}  // namespace nemo
