// readSampleMaskFile with the input as RUN/modular/sample_masks.bin.
#include <exception>

#include "fuzz_file.h"
#include "modular/sample_mask_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = nemo_fuzz::writeFile("sample_masks.bin", data, size);
    try {
        (void)nemo::readSampleMaskFile(path);
    } catch (const std::exception&) {
    }
    return 0;
}
