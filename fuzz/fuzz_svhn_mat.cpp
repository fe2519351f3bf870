// readSvhnMat with the input as a MATLAB .mat file (SVHN's train_32x32.mat).
#include <exception>

#include "fuzz_file.h"
#include "nemo/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = nemo_fuzz::writeFile("train_32x32.mat", data, size);
    try {
        (void)nemo::readSvhnMat(path);
    } catch (const std::exception&) {
    }
    return 0;
}
