// readIdx with the input as the idx3 image file (gzip or raw).
#include <exception>

#include "fuzz_file.h"
#include "fuzz_idx.h"
#include "nemo/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace nemo_fuzz;
    const std::string images = writeFile("train-images-idx3-ubyte", data, size);
    const uint32_t count = declaredCount(images);
    std::vector<uint8_t> labels;
    putBigEndian(labels, 2049);
    putBigEndian(labels, count);
    if (count <= kMaxPartnerCount) {
        for (uint32_t i = 0; i < count; ++i) labels.push_back(uint8_t(i % 10));
    }
    const std::string labelPath =
        writeFile("train-labels-idx1-ubyte", labels.data(), labels.size());
    try {
        (void)nemo::readIdx(images, labelPath);
    } catch (const std::exception&) {
    }
    return 0;
}
