// `nemo info`: versions, threads, the BLAS actually loaded, devices.
#include <link.h>

#include <thread>

#include <ATen/Parallel.h>
#include <ATen/Version.h>

#include "models/network.h"
#include "nemo/dataset.h"
#include "nemo/model_catalog.h"
#include "nemo/tools.h"
#include "nemo/version.h"

namespace nemo {
namespace {

int collectLibrary(struct dl_phdr_info* info, size_t, void* data) {
    auto* found = static_cast<std::string*>(data);
    const std::string name = info->dlpi_name ? info->dlpi_name : "";
    if (name.find("openblas") != std::string::npos || name.find("libblas") != std::string::npos ||
        name.find("mkl") != std::string::npos) {
        if (!found->empty()) *found += ", ";
        *found += name;
    }
    return 0;
}

}  // namespace

SystemInfo systemInfo() {
    SystemInfo info;
    info.engineVersion = kEngineVersion;
    info.torchVersion = TORCH_VERSION;
    info.threads = torch::get_num_threads();
    info.cores = int(std::thread::hardware_concurrency());
    dl_iterate_phdr(collectLibrary, &info.blas);
    // ATen reports the kernels it dispatches to only in its configuration text.
    const std::string config = at::show_config();
    const std::string key = "CPU capability usage: ";
    if (auto at = config.find(key); at != std::string::npos) {
        const auto begin = at + key.size();
        info.cpuCapability = config.substr(begin, config.find('\n', begin) - begin);
    }
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDevices = info.cudaAvailable ? int(torch::cuda::device_count()) : 0;
    info.datasets = datasetNames();
    info.models = modelNames();
    return info;
}

}  // namespace nemo
