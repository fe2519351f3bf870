// safetensors (huggingface/safetensors): an 8-byte little-endian header length, a JSON header
// giving each tensor's dtype, shape and byte range, then the raw little-endian data. It is data
// only: nothing in such a file is ever run, which is why checkpoints and modules are stored this
// way rather than as TorchScript archives (whose loader executes code stored in the file).
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

namespace nemo {

// A file that is not valid safetensors, or cannot be read or written. The message names the file.
class SafetensorsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

struct SafetensorsContents {
    std::map<std::string, torch::Tensor> tensors;
    std::map<std::string, std::string> metadata;
};

// Writes atomically (F32, F64, I32, I64 and U8 tensors). Throws SafetensorsError, e.g. on a full
// disk; an earlier file of that name is then left as it was.
void writeSafetensors(const std::string& path, const NamedTensors& tensors,
                      const std::map<std::string, std::string>& metadata);

// Validates the whole header (lengths, dtypes, shapes, offsets covering the data exactly once)
// before it allocates anything, so memory never exceeds the file's real size.
SafetensorsContents readSafetensorsFile(const std::string& path);
// The same, from bytes in memory (`name` is used in messages).
SafetensorsContents parseSafetensors(const std::string& bytes, const std::string& name);

// True when the file begins like a ZIP archive (PyTorch/TorchScript .pt files).
bool looksLikeZipArchive(const std::string& path);

}  // namespace nemo
