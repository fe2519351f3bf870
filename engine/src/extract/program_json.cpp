#include "extract/program_json.h"

#include <set>
#include <stdexcept>

namespace nemo {
namespace {

using Kind = ProgramOp::Kind;
using nlohmann::json;

constexpr int kSlots = 8;            // the interpreter's slot count
constexpr int64_t kMaxWidth = 8192;  // 16x our widest layer (vit_s 1536 hidden) bounds zeros(width)
constexpr size_t kMaxOps = 100000;

struct KindInfo {
    Kind kind;
    const char* name;
    std::vector<const char*> tensors;  // required, in order
    std::vector<const char*> optional;
};

const std::vector<KindInfo>& kinds() {
    static const std::vector<KindInfo> table = {
        {Kind::Conv, "conv", {"weight"}, {"bias"}},
        {Kind::BatchNorm, "batch_norm", {"weight", "bias", "running_mean", "running_var"}, {}},
        {Kind::Relu, "relu", {}, {}},
        {Kind::MaxPool2, "max_pool2", {}, {}},
        {Kind::AvgPool1, "avg_pool1", {}, {}},
        {Kind::Save, "save", {}, {}},
        {Kind::Load, "load", {}, {}},
        {Kind::ScatterAdd, "scatter_add", {"index_x", "index_slot", "index_out"}, {}},
        {Kind::Flatten, "flatten", {}, {}},
        {Kind::Dropout, "dropout", {}, {}},
        {Kind::Linear, "linear", {"weight", "bias"}, {}},
        {Kind::Tokens, "tokens", {}, {}},
        {Kind::Embed, "embed", {"tokens", "position"}, {}},
        {Kind::LayerNorm, "layer_norm", {"weight", "bias"}, {}},
        {Kind::Gelu, "gelu", {}, {}},
        {Kind::Scatter, "scatter", {"index"}, {}},
        {Kind::Gather, "gather", {"index"}, {}},
        {Kind::Attention, "attention", {}, {}},
        {Kind::TakeToken, "take_token", {}, {}},
        {Kind::MeanWithSlot, "mean_with_slot", {}, {}},
    };
    return table;
}

const KindInfo& infoOf(Kind kind) {
    for (const auto& k : kinds())
        if (k.kind == kind) return k;
    throw std::logic_error("program op without a name");
}

bool readsSlot(Kind k) {
    return k == Kind::Load || k == Kind::ScatterAdd || k == Kind::Attention ||
           k == Kind::MeanWithSlot;
}

}  // namespace

json programToJson(const std::vector<ProgramOp>& ops) {
    json out = json::array();
    const ProgramOp defaults;
    for (const ProgramOp& op : ops) {
        json j = {{"op", infoOf(op.kind).name}};
        if (!op.name.empty()) j["name"] = op.name;
        // Only what differs from the defaults, so the manifest stays readable.
        if (op.stride != defaults.stride) j["stride"] = op.stride;
        if (op.padding != defaults.padding) j["padding"] = op.padding;
        if (op.dropout != defaults.dropout) j["dropout"] = op.dropout;
        if (op.slot != defaults.slot) j["slot"] = op.slot;
        if (op.slot2 != defaults.slot2) j["slot2"] = op.slot2;
        if (op.width != defaults.width) j["width"] = op.width;
        if (op.dim != defaults.dim) j["dim"] = op.dim;
        if (op.heads != defaults.heads) j["heads"] = op.heads;
        if (op.index != defaults.index) j["index"] = op.index;
        json tensors = json::array();
        for (const auto& [suffix, t] : op.tensors) tensors.push_back(suffix);
        if (!tensors.empty()) j["tensors"] = tensors;
        out.push_back(j);
    }
    return out;
}

std::vector<ProgramOp> programFromJson(const json& program,
                                       const std::map<std::string, torch::Tensor>& tensors,
                                       const std::string& source) {
    if (!program.is_array() || program.empty() || program.size() > kMaxOps)
        throw std::runtime_error(source + ": has no usable \"program\"; extract the module again");
    std::vector<ProgramOp> ops;
    std::set<std::string> used;
    bool written[kSlots] = {};
    for (size_t i = 0; i < program.size(); ++i) {
        const json& j = program[i];
        auto bad = [&](const std::string& what) {
            return std::runtime_error(source + ": program step " + std::to_string(i + 1) + " " +
                                      what + "; the manifest is damaged, extract the module again");
        };
        if (!j.is_object() || !j.contains("op") || !j["op"].is_string())
            throw bad("is not an operation");
        const KindInfo* info = nullptr;
        for (const auto& k : kinds())
            if (j["op"] == k.name) info = &k;
        if (!info) throw bad("has the unknown operation " + j["op"].dump());
        ProgramOp op;
        op.kind = info->kind;
        try {
            op.name = j.value("name", std::string());
            op.stride = j.value("stride", op.stride);
            op.padding = j.value("padding", op.padding);
            op.dropout = j.value("dropout", op.dropout);
            op.slot = j.value("slot", op.slot);
            op.slot2 = j.value("slot2", op.slot2);
            op.width = j.value("width", op.width);
            op.dim = j.value("dim", op.dim);
            op.heads = j.value("heads", op.heads);
            op.index = j.value("index", op.index);
        } catch (const json::exception&) {
            throw bad("has a field of the wrong type");
        }
        if (op.slot < 0 || op.slot >= kSlots || op.slot2 < 0 || op.slot2 >= kSlots)
            throw bad("uses a slot outside 0.." + std::to_string(kSlots - 1));
        if (readsSlot(op.kind) && !written[op.slot])
            throw bad("reads slot " + std::to_string(op.slot) + " before it is saved");
        if (op.kind == Kind::Attention && !written[op.slot2])
            throw bad("reads slot " + std::to_string(op.slot2) + " before it is saved");
        if (op.kind == Kind::Save) written[op.slot] = true;
        if (op.stride < 1 || op.stride > 64 || op.padding < 0 || op.padding > 64)
            throw bad("has a stride or padding out of range");
        if (!(op.dropout >= 0 && op.dropout < 1)) throw bad("has a dropout outside [0, 1)");
        if (op.width < 0 || op.width > kMaxWidth) throw bad("has a width out of range");
        if (op.dim != 1 && op.dim != 2) throw bad("has a dim other than 1 or 2");
        if (op.heads < 1 || (op.kind == Kind::Attention && op.width < op.heads))
            throw bad("has fewer than one head, or fewer features than heads");
        if (op.index < 0) throw bad("has a negative index");

        std::vector<std::string> suffixes;
        if (j.contains("tensors")) {
            if (!j["tensors"].is_array()) throw bad("lists its tensors wrongly");
            for (const auto& s : j["tensors"]) {
                if (!s.is_string()) throw bad("lists its tensors wrongly");
                suffixes.push_back(s.get<std::string>());
            }
        }
        std::vector<std::string> want(info->tensors.begin(), info->tensors.end());
        for (const char* o : info->optional)
            if (suffixes.size() > want.size()) want.push_back(o);
        if (suffixes != want) throw bad("does not list the tensors a " + j["op"].dump() + " needs");
        for (const auto& suffix : suffixes) {
            const std::string key = op.name + "_" + suffix;
            auto found = tensors.find(key);
            if (found == tensors.end())
                throw bad("needs " + key + ", missing in module.safetensors");
            if (!used.insert(key).second) throw bad("uses " + key + " twice");
            const torch::Tensor& t = found->second;
            const bool isIndex = suffix.rfind("index", 0) == 0;
            if (isIndex) {
                if (t.scalar_type() != torch::kLong || t.dim() != 1)
                    throw bad("needs " + key + " as a list of 64-bit indices");
                const int64_t limit = op.kind == Kind::Gather ? INT64_MAX : op.width;
                if (t.numel() > 0 &&
                    (t.min().item<int64_t>() < 0 || t.max().item<int64_t>() >= limit))
                    throw bad("has indices in " + key + " outside 0.." + std::to_string(limit - 1));
            } else if (t.scalar_type() != torch::kFloat) {
                throw bad("needs " + key + " as 32-bit floats");
            } else if (!torch::isfinite(t).all().item<bool>()) {
                throw bad("has NaN or infinite values in " + key);
            }
            op.tensors.emplace_back(suffix, t);
        }
        ops.push_back(std::move(op));
    }
    if (used.size() != tensors.size())
        throw std::runtime_error(source + ": module.safetensors holds " +
                                 std::to_string(tensors.size() - used.size()) +
                                 " tensors the program does not use; extract the module again");
    return ops;
}

}  // namespace nemo
