// A module's program as JSON in module.json, so a saved module is rebuilt from data (the program
// plus module.safetensors) and never by executing module.pt. Reading validates everything the
// interpreter relies on (slots written before they are read, tensor kinds and shapes, indices in
// range), so a damaged or hostile manifest gives a clear error, not a crash.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "extract/module_program.h"

namespace nemo {

nlohmann::json programToJson(const std::vector<ProgramOp>& ops);

// `tensors` are module.safetensors' contents (keys NAME_SUFFIX). Every tensor must be used exactly
// once. Throws std::runtime_error naming `source` and the op.
std::vector<ProgramOp> programFromJson(const nlohmann::json& program,
                                       const std::map<std::string, torch::Tensor>& tensors,
                                       const std::string& source);

}  // namespace nemo
