// A saved module as our commands read it: the input is module.json's "program" (JSON), a NUL
// byte, then module.safetensors. Both are parsed and validated, the module is built and run on a
// small image; any std::exception (c10::Error included) is a clean refusal.
#include <torch/torch.h>

#include <cstring>
#include <exception>

#include <nlohmann/json.hpp>

#include "extract/module_program.h"
#include "extract/program_json.h"
#include "io/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto* split = static_cast<const uint8_t*>(std::memchr(data, 0, size));
    if (!split) return 0;
    const std::string program(reinterpret_cast<const char*>(data), size_t(split - data));
    const std::string weights(reinterpret_cast<const char*>(split + 1),
                              size_t(data + size - split - 1));
    try {
        nemo::SafetensorsContents contents = nemo::parseSafetensors(weights, "module.safetensors");
        const nlohmann::json j = nlohmann::json::parse(program, nullptr, false);
        if (j.is_discarded()) return 0;
        nemo::ProgramModule module(nemo::programFromJson(j, contents.tensors, "module.json"));
        module->eval();
        torch::NoGradGuard noGrad;
        (void)module->forward(torch::zeros({1, 1, 8, 8}));
    } catch (const std::exception&) {
    }
    return 0;
}
