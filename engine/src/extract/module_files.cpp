#include "extract/module_files.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "nemo/modules.h"
#include "run/atomic_file.h"

namespace nemo {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct FileCheck {
    int64_t bytes = 0;
    uint32_t crc = 0;
};

FileCheck checkFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ModuleFileError(path + ": missing; save the module again with `nemo extract`");
    FileCheck check;
    uLong crc = crc32(0L, Z_NULL, 0);
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        crc = crc32(crc, reinterpret_cast<const Bytef*>(buffer.data()), uInt(n));
        check.bytes += n;
    }
    check.crc = uint32_t(crc);
    return check;
}

std::string dtypeName(torch::ScalarType t) {
    switch (t) {
        case torch::kFloat:
            return "F32";
        case torch::kLong:
            return "I64";
        case torch::kDouble:
            return "F64";
        case torch::kInt:
            return "I32";
        default:
            throw std::invalid_argument("safetensors: unsupported tensor type");
    }
}

torch::ScalarType dtypeFrom(const std::string& name) {
    if (name == "F32") return torch::kFloat;
    if (name == "I64") return torch::kLong;
    if (name == "F64") return torch::kDouble;
    if (name == "I32") return torch::kInt;
    throw std::runtime_error("unsupported dtype " + name);
}

}  // namespace

void writeSafetensors(const std::string& path,
                      const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata) {
    json header = json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::vector<torch::Tensor> data;
    int64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        torch::Tensor t = tensor.detach().cpu().contiguous();
        const int64_t bytes = t.numel() * int64_t(t.element_size());
        header[name] = {{"dtype", dtypeName(t.scalar_type())},
                        {"shape", t.sizes().vec()},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        data.push_back(t);
    }
    std::string text = header.dump();
    while (text.size() % 8) text.push_back(' ');  // the format pads the header to 8 bytes
    replaceFileAtomically(path, [&](const std::string& temp) {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        const uint64_t length = text.size();  // little-endian on every machine we build for
        out.write(reinterpret_cast<const char*>(&length), 8);
        out.write(text.data(), std::streamsize(text.size()));
        for (const auto& t : data)
            out.write(static_cast<const char*>(t.data_ptr()),
                      std::streamsize(t.numel() * t.element_size()));
        out.flush();
        if (!out) throw std::runtime_error(path + ": writing failed; is the disk full?");
    });
}

std::map<std::string, torch::Tensor> readSafetensors(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ModuleFileError(path + ": cannot open");
    const auto fileSize = int64_t(fs::file_size(path));
    uint64_t length = 0;
    if (!in.read(reinterpret_cast<char*>(&length), 8) || int64_t(length) > fileSize - 8)
        throw ModuleFileError(path + ": not a safetensors file (bad header length)");
    std::string text(length, '\0');
    in.read(text.data(), std::streamsize(length));
    json header = json::parse(text, nullptr, false);
    if (header.is_discarded() || !header.is_object())
        throw ModuleFileError(path + ": not a safetensors file (header is not JSON)");
    const int64_t dataStart = 8 + int64_t(length);
    std::map<std::string, torch::Tensor> out;
    try {
        for (auto& [name, entry] : header.items()) {
            if (name == "__metadata__") continue;
            const auto offsets = entry.at("data_offsets").get<std::vector<int64_t>>();
            const auto shape = entry.at("shape").get<std::vector<int64_t>>();
            torch::Tensor t = torch::empty(shape, dtypeFrom(entry.at("dtype").get<std::string>()));
            const int64_t bytes = t.numel() * int64_t(t.element_size());
            if (offsets.size() != 2 || offsets[1] - offsets[0] != bytes ||
                dataStart + offsets[1] > fileSize)
                throw ModuleFileError(path + ": tensor " + name +
                                      " lies outside the file (truncated?)");
            in.seekg(dataStart + offsets[0]);
            in.read(static_cast<char*>(t.data_ptr()), std::streamsize(bytes));
            out[name] = t;
        }
    } catch (const json::exception& e) {
        throw ModuleFileError(path + ": malformed safetensors header (" + e.what() + ")");
    }
    return out;
}

void saveModuleFolder(const std::string& dir, ProgramModuleImpl& module, json manifest) {
    ensureDirectory(dir);
    module.eval();
    // TorchScript built in C++: the same parameters, and forward() generated from the program.
    torch::jit::Module script("NemoModule");
    for (const auto& [name, tensor] : module.namedTensors()) {
        torch::Tensor t = tensor.detach().cpu().contiguous();
        if (t.is_floating_point() &&
            (name.size() > 7 &&
             (name.rfind("_weight") == name.size() - 7 || name.rfind("_bias") == name.size() - 5)))
            script.register_parameter(name, t, false);
        else
            script.register_buffer(name, t);
    }
    script.define(module.torchScriptSource());
    script.eval();
    replaceFileAtomically(dir + "/module.pt", [&](const std::string& temp) { script.save(temp); });
    writeSafetensors(dir + "/module.safetensors", module.namedTensors(),
                     {{"format", "nemo-module"}, {"program", "see module.json"}});
    json files = json::object();
    for (const char* name : {"module.pt", "module.safetensors"}) {
        FileCheck c = checkFile(dir + "/" + name);
        files[name] = {{"bytes", c.bytes}, {"crc32", c.crc}};
    }
    manifest["files"] = files;
    manifest["format"] = "nemo-module";
    manifest["format_version"] = 1;
    writeFileAtomically(dir + "/module.json", manifest.dump(2));
}

json verifyModuleFolder(const std::string& dir) {
    const std::string manifestPath = dir + "/module.json";
    if (!fs::exists(manifestPath))
        throw ModuleFileError(dir + ": not a module folder (no module.json)");
    json manifest = json::parse(readTextFile(manifestPath), nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object() ||
        manifest.value("format", std::string()) != "nemo-module")
        throw ModuleFileError(manifestPath +
                              ": not a NeMo module manifest (damaged or another "
                              "format)");
    if (!manifest.contains("files") || !manifest["files"].is_object())
        throw ModuleFileError(manifestPath + ": lists no files");
    for (const char* name : {"module.pt", "module.safetensors"}) {
        if (!manifest["files"].contains(name))
            throw ModuleFileError(manifestPath + ": does not list " + name);
        const auto& want = manifest["files"][name];
        FileCheck got = checkFile(dir + "/" + name);
        if (got.bytes != want.value("bytes", int64_t(-1)))
            throw ModuleFileError(dir + "/" + name + ": " + std::to_string(got.bytes) +
                                  " bytes where the manifest says " +
                                  std::to_string(want.value("bytes", int64_t(-1))) +
                                  " (truncated or replaced); extract the module again");
        if (got.crc != want.value("crc32", uint32_t(0)))
            throw ModuleFileError(dir + "/" + name +
                                  ": checksum differs from the manifest (the "
                                  "file was changed after saving); extract the "
                                  "module again");
    }
    return manifest;
}

torch::jit::Module loadTorchScriptModule(const std::string& dir) {
    try {
        torch::jit::Module m = torch::jit::load(dir + "/module.pt");
        m.eval();
        return m;
    } catch (const c10::Error& e) {
        throw ModuleFileError(dir + "/module.pt: cannot be loaded as TorchScript (" +
                              std::string(e.what_without_backtrace()).substr(0, 200) + ")");
    }
}

}  // namespace nemo
