#include "io/safetensors.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "io/crc32.h"
#include "run/atomic_file.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "safetensors data is little-endian; this code copies it as it is");

namespace nemo {
namespace {

using nlohmann::json;

// The format's own limit; a larger header is a damaged or hostile file.
constexpr uint64_t kMaxHeaderBytes = 100u << 20;
constexpr size_t kMaxDims = 16;

struct DtypeInfo {
    const char* name;
    torch::ScalarType type;
};
constexpr DtypeInfo kDtypes[] = {{"F32", torch::kFloat},
                                 {"F64", torch::kDouble},
                                 {"I32", torch::kInt},
                                 {"I64", torch::kLong},
                                 {"U8", torch::kByte}};

const char* dtypeName(torch::ScalarType t) {
    for (const auto& d : kDtypes)
        if (d.type == t) return d.name;
    throw SafetensorsError(std::string("safetensors: unsupported tensor type ") + c10::toString(t));
}

bool dtypeFrom(const std::string& name, torch::ScalarType* type) {
    for (const auto& d : kDtypes)
        if (name == d.name) {
            *type = d.type;
            return true;
        }
    return false;
}

bool multiplyChecked(uint64_t a, uint64_t b, uint64_t* out) {
    return !__builtin_mul_overflow(a, b, out);
}

struct Planned {
    std::string name;
    torch::ScalarType type = torch::kFloat;
    std::vector<int64_t> shape;
    uint64_t begin = 0, end = 0;
};

Planned planTensor(const std::string& file, const std::string& name, const json& entry,
                   uint64_t dataSize) {
    auto bad = [&](const std::string& what) {
        return SafetensorsError(file + ": tensor \"" + name + "\" " + what +
                                "; the file is damaged or not a safetensors file");
    };
    if (!entry.is_object()) throw bad("is not described by an object");
    Planned p;
    p.name = name;
    const auto dtype = entry.find("dtype");
    if (dtype == entry.end() || !dtype->is_string()) throw bad("has no dtype");
    if (!dtypeFrom(dtype->get<std::string>(), &p.type))
        throw bad("has the unsupported dtype " + dtype->dump() +
                  " (F32, F64, I32, I64, U8 are read)");
    const auto shape = entry.find("shape");
    if (shape == entry.end() || !shape->is_array() || shape->size() > kMaxDims)
        throw bad("has no usable shape");
    uint64_t elements = 1;
    for (const auto& dim : *shape) {
        // JSON parsing gives non-negative integers as unsigned; anything else is invalid.
        if (!dim.is_number_unsigned() || dim.get<uint64_t>() > uint64_t(INT64_MAX))
            throw bad("has a negative or non-integer dimension in its shape " + shape->dump());
        const uint64_t d = dim.get<uint64_t>();
        if (!multiplyChecked(elements, d, &elements) || elements > dataSize)
            throw bad("claims more elements " + shape->dump() + " than the file holds");
        p.shape.push_back(int64_t(d));
    }
    uint64_t bytes = 0;
    if (!multiplyChecked(elements, torch::elementSize(p.type), &bytes) || bytes > dataSize)
        throw bad("claims more bytes " + shape->dump() + " than the file holds");
    const auto offsets = entry.find("data_offsets");
    if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 ||
        !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned())
        throw bad("has no usable data_offsets");
    p.begin = (*offsets)[0].get<uint64_t>();
    p.end = (*offsets)[1].get<uint64_t>();
    if (p.begin > p.end || p.end > dataSize)
        throw bad("lies outside the file's data (offsets " + offsets->dump() + ", " +
                  std::to_string(dataSize) + " data bytes; truncated?)");
    if (p.end - p.begin != bytes)
        throw bad("has " + std::to_string(p.end - p.begin) + " bytes for a shape needing " +
                  std::to_string(bytes));
    return p;
}

// As the format demands, the tensors cover the data exactly once: no overlaps (a file could
// otherwise ask for its size many times over) and no gaps.
void checkCoverage(const std::string& file, std::vector<Planned*> order, uint64_t dataSize) {
    std::sort(order.begin(), order.end(), [](const Planned* a, const Planned* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    uint64_t expected = 0;
    for (const Planned* p : order) {
        if (p->begin != expected)
            throw SafetensorsError(file + ": tensor \"" + p->name + "\" starts at byte " +
                                   std::to_string(p->begin) + " where " + std::to_string(expected) +
                                   " was expected (overlapping or missing data); the file is "
                                   "damaged");
        expected = p->end;
    }
    if (expected != dataSize)
        throw SafetensorsError(file + ": the tensors cover " + std::to_string(expected) +
                               " of its " + std::to_string(dataSize) +
                               " data bytes; the file is damaged");
}

constexpr const char* kChecksumKey = "nemo_crc32";

std::string hex(uint32_t v) {
    char buffer[9];
    std::snprintf(buffer, sizeof buffer, "%08x", v);
    return buffer;
}

void verifyChecksum(json header, const char* data, uint64_t dataSize, const std::string& name) {
    auto meta = header.find("__metadata__");
    if (meta == header.end() || !meta->is_object() || !meta->contains(kChecksumKey)) return;
    const json stored = (*meta)[kChecksumKey];
    meta->erase(kChecksumKey);
    if (meta->empty()) header.erase("__metadata__");
    const uint32_t crc = crc32Of(data, dataSize, crc32Of(header.dump()));
    if (!stored.is_string() || stored.get<std::string>() != hex(crc))
        throw SafetensorsError(name +
                               ": checksum differs: the file was damaged or changed after it "
                               "was written");
}

}  // namespace

void writeSafetensors(const std::string& path, const NamedTensors& tensors,
                      const std::map<std::string, std::string>& metadata) {
    json header = json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::vector<torch::Tensor> data;
    uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        torch::Tensor t = tensor.detach().cpu().contiguous();
        const uint64_t bytes = uint64_t(t.numel()) * t.element_size();
        header[name] = {{"dtype", dtypeName(t.scalar_type())},
                        {"shape", t.sizes().vec()},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        data.push_back(t);
    }
    // Our checksum covers the header (without itself) and the data, so a flipped bit anywhere,
    // a digit of epochs_done included, is caught; other tools ignore the extra metadata.
    uint32_t crc = crc32Of(header.dump());
    for (const auto& t : data)
        crc = crc32Of(t.data_ptr(), uint64_t(t.numel()) * t.element_size(), crc);
    header["__metadata__"][kChecksumKey] = hex(crc);
    std::string text = header.dump();
    while (text.size() % 8) text.push_back(' ');  // the format pads the header to 8 bytes
    try {
        replaceFileAtomically(path, [&](const std::string& temp) {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            if (!out)
                throw SafetensorsError(path + ": cannot write (" + std::strerror(errno) +
                                       "); check that the folder exists and is writable");
            const uint64_t length = text.size();
            out.write(reinterpret_cast<const char*>(&length), 8);
            out.write(text.data(), std::streamsize(text.size()));
            for (const auto& t : data)
                out.write(static_cast<const char*>(t.data_ptr()),
                          std::streamsize(t.numel() * t.element_size()));
            out.flush();
            if (!out)
                throw SafetensorsError(path + ": writing failed (" + std::strerror(errno) +
                                       "); is the disk full? The previous file is unchanged");
        });
    } catch (const SafetensorsError&) {
        throw;
    } catch (const std::exception& e) {
        throw SafetensorsError(e.what());
    }
}

SafetensorsContents parseSafetensors(const std::string& bytes, const std::string& name) {
    if (bytes.size() < 8)
        throw SafetensorsError(name + ": " + std::to_string(bytes.size()) +
                               " bytes, too short for a safetensors file (truncated?)");
    uint64_t length = 0;
    std::memcpy(&length, bytes.data(), 8);
    if (length > bytes.size() - 8 || length > kMaxHeaderBytes)
        throw SafetensorsError(name + ": header length " + std::to_string(length) +
                               " does not fit the file's " + std::to_string(bytes.size()) +
                               " bytes (truncated, or not a safetensors file)");
    const json header = json::parse(bytes.begin() + 8, bytes.begin() + 8 + int64_t(length), nullptr,
                                    /*allow_exceptions=*/false);
    if (header.is_discarded() || !header.is_object())
        throw SafetensorsError(name + ": header is not a JSON object (damaged or not safetensors)");
    const uint64_t dataSize = bytes.size() - 8 - length;

    SafetensorsContents contents;
    std::vector<Planned> planned;
    planned.reserve(header.size());
    for (const auto& [key, entry] : header.items()) {
        if (key == "__metadata__") {
            if (!entry.is_object())
                throw SafetensorsError(name + ": __metadata__ is not an object");
            for (const auto& [k, v] : entry.items()) {
                if (!v.is_string())
                    throw SafetensorsError(name + ": metadata \"" + k + "\" is not a string");
                contents.metadata[k] = v.get<std::string>();
            }
            continue;
        }
        planned.push_back(planTensor(name, key, entry, dataSize));
    }
    std::vector<Planned*> order;
    for (auto& p : planned) order.push_back(&p);
    checkCoverage(name, order, dataSize);
    verifyChecksum(header, bytes.data() + 8 + length, dataSize, name);

    const char* data = bytes.data() + 8 + length;
    for (const auto& p : planned) {
        torch::Tensor t = torch::empty(p.shape, p.type);
        if (p.end > p.begin) std::memcpy(t.data_ptr(), data + p.begin, p.end - p.begin);
        contents.tensors[p.name] = t;
    }
    return contents;
}

SafetensorsContents readSafetensorsFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SafetensorsError(path + ": cannot open (" + std::strerror(errno) + ")");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw SafetensorsError(path + ": read error (" + std::strerror(errno) + ")");
    return parseSafetensors(bytes, path);
}

bool looksLikeZipArchive(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    return in.read(magic, 4) && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

}  // namespace nemo
