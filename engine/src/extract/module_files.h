// A module folder: module.pt (TorchScript, loadable with torch.jit.load), module.safetensors and
// module.json (the manifest, with the size and CRC-32 of both files so tampering or truncation is
// caught before anything is loaded).
#pragma once

#include <map>
#include <string>

#include <torch/script.h>
#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "extract/module_program.h"

namespace nemo {

// Writes the three files atomically; `manifest` gets a "files" entry added.
void saveModuleFolder(const std::string& dir, ProgramModuleImpl& module, nlohmann::json manifest);

// Reads module.json and checks both files against it. Throws ModuleFileError saying which file is
// wrong and how.
nlohmann::json verifyModuleFolder(const std::string& dir);

// Loads module.pt after verifyModuleFolder. Throws ModuleFileError.
torch::jit::Module loadTorchScriptModule(const std::string& dir);

// safetensors: 8-byte little-endian header length, JSON header, raw little-endian data.
void writeSafetensors(const std::string& path,
                      const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata);
std::map<std::string, torch::Tensor> readSafetensors(const std::string& path);

}  // namespace nemo
