// The CIFAR binary reader with the input as one batch file, read as each of the three layouts.
#include <exception>

#include "fuzz_file.h"
#include "nemo/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = nemo_fuzz::writeFile("data_batch_1.bin", data, size);
    try {
        (void)nemo::readCifarBinary({path}, false);
    } catch (const std::exception&) {
    }
    try {
        (void)nemo::readCifarBinary({path}, true);
    } catch (const std::exception&) {
    }
    try {
        (void)nemo::readCifar100CoarseLabels({path});
    } catch (const std::exception&) {
    }
    return 0;
}
