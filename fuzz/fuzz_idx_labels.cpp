// readIdx with the input as the idx1 label file (gzip or raw).
#include <exception>

#include "fuzz_file.h"
#include "fuzz_idx.h"
#include "nemo/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace nemo_fuzz;
    const std::string labels = writeFile("train-labels-idx1-ubyte", data, size);
    const uint32_t count = declaredCount(labels);
    std::vector<uint8_t> images;  // `count` 1x1 images
    putBigEndian(images, 2051);
    putBigEndian(images, count);
    putBigEndian(images, 1);
    putBigEndian(images, 1);
    if (count <= kMaxPartnerCount) {
        for (uint32_t i = 0; i < count; ++i) images.push_back(uint8_t(i));
    }
    const std::string imagePath =
        writeFile("train-images-idx3-ubyte", images.data(), images.size());
    try {
        (void)nemo::readIdx(imagePath, labels);
    } catch (const std::exception&) {
    }
    return 0;
}
