#include "extract/module_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/program_json.h"
#include "io/crc32.h"
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
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        check.crc = crc32Of(buffer.data(), uint64_t(n), check.crc);
        check.bytes += n;
    }
    return check;
}

// CRC-32 of the manifest without its "checksum" entry, so an edited module.json (other classes,
// another dataset) is caught instead of evaluating the module on the wrong images.
uint32_t manifestChecksum(json manifest) {
    manifest.erase("checksum");
    return crc32Of(manifest.dump());
}

}  // namespace

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
    // Serialized in memory first: LibTorch's zip writer throws again from its destructor when the
    // disk fills, which ends the process; our own writer reports it and leaves no partial file.
    std::ostringstream exported;
    script.save(exported);
    writeFileAtomically(dir + "/module.pt", exported.str());
    try {
        writeSafetensors(dir + "/module.safetensors", module.namedTensors(),
                         {{"format", "nemo-module"}, {"program", "see module.json"}});
    } catch (const SafetensorsError& e) {
        throw ModuleFileError(e.what());
    }
    json files = json::object();
    for (const char* name : {"module.pt", "module.safetensors"}) {
        FileCheck c = checkFile(dir + "/" + name);
        files[name] = {{"bytes", c.bytes}, {"crc32", c.crc}};
    }
    manifest["files"] = files;
    manifest["format"] = "nemo-module";
    manifest["format_version"] = 2;
    manifest["program"] = programToJson(module.ops());
    manifest["checksum"] = manifestChecksum(manifest);
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
    if (!manifest.contains("program") || !manifest.contains("checksum"))
        throw ModuleFileError(manifestPath +
                              ": saved by NeMo Workbench 0.1, whose modules are rebuilt only by "
                              "running module.pt; extract the module again");
    if (!manifest["checksum"].is_number_unsigned() ||
        manifest["checksum"].get<uint64_t>() != manifestChecksum(manifest))
        throw ModuleFileError(manifestPath +
                              ": checksum differs (the manifest was edited after saving, e.g. its "
                              "classes or dataset); extract the module again");
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

ProgramModule loadModuleProgram(const std::string& dir, const json& manifest) {
    const std::string path = dir + "/module.safetensors";
    SafetensorsContents contents;
    try {
        contents = readSafetensorsFile(path);
    } catch (const SafetensorsError& e) {
        throw ModuleFileError(e.what());
    }
    try {
        ProgramModule module(
            programFromJson(manifest.at("program"), contents.tensors, dir + "/module.json"));
        module->eval();
        return module;
    } catch (const std::exception& e) {
        throw ModuleFileError(e.what());
    }
}

}  // namespace nemo
