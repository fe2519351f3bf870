// A module folder: module.pt (TorchScript, an export for torch.jit.load; our own commands never
// load it, since loading TorchScript runs code stored in the file), module.safetensors (the
// weights) and module.json (the manifest: the program that rebuilds the module from those
// weights, the size and CRC-32 of both files, and a checksum of itself, so tampering or
// truncation is caught before anything is used).
#pragma once

#include <map>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "extract/module_program.h"
#include "io/safetensors.h"

namespace nemo {

// Writes the three files atomically; `manifest` gets a "files" entry added.
void saveModuleFolder(const std::string& dir, ProgramModuleImpl& module, nlohmann::json manifest);

// Reads module.json and checks both files against it. Throws ModuleFileError saying which file is
// wrong and how.
nlohmann::json verifyModuleFolder(const std::string& dir);

// Rebuilds the module from module.json's program and module.safetensors, after
// verifyModuleFolder; no code from the folder runs. Throws ModuleFileError.
ProgramModule loadModuleProgram(const std::string& dir, const nlohmann::json& manifest);

}  // namespace nemo
