#include "tools/op_counter.h"

#include <mutex>
#include <set>
#include <vector>

#include <ATen/record_function.h>

namespace nemo {
namespace {

// Operators that only make a view, read metadata or allocate: no kernel of their own.
const std::set<std::string>& noKernel() {
    static const std::set<std::string> names = {"aten::view",
                                                "aten::_unsafe_view",
                                                "aten::reshape",
                                                "aten::as_strided",
                                                "aten::t",
                                                "aten::transpose",
                                                "aten::permute",
                                                "aten::expand",
                                                "aten::expand_as",
                                                "aten::select",
                                                "aten::slice",
                                                "aten::narrow",
                                                "aten::unsqueeze",
                                                "aten::squeeze",
                                                "aten::detach",
                                                "aten::detach_",
                                                "aten::alias",
                                                "aten::empty",
                                                "aten::empty_like",
                                                "aten::empty_strided",
                                                "aten::resize_",
                                                "aten::unbind",
                                                "aten::split",
                                                "aten::chunk",
                                                "aten::contiguous",
                                                "aten::to",
                                                "aten::_to_copy",
                                                "aten::lift_fresh",
                                                "aten::numpy_T",
                                                "aten::view_as",
                                                "aten::flatten",
                                                "aten::set_",
                                                "aten::result_type",
                                                "aten::is_nonzero",
                                                "aten::size",
                                                "aten::stride",
                                                "aten::resolve_conj",
                                                "aten::resolve_neg",
                                                "aten::_reshape_alias",
                                                "aten::as_strided_",
                                                "detach_",
                                                "detach"};
    return names;
}

bool doesNoWork(const std::string& name) {
    // autograd::engine::evaluate_function wraps a backward node; the node's own ops are counted.
    return noKernel().count(name) || name.rfind("autograd::", 0) == 0;
}

// Per thread, for each open operator: whether it does no work itself (a view, a wrapper) and
// whether it has called an operator that does. Only operators that do work and call none that
// does (the leaves) are counted, so a composite like aten::linear counts as its addmm, and an
// aten::mm that only calls aten::resolve_conj counts as itself.
//
// A foreach operator (aten::_foreach_add_ on a list of tensors) counts once and its per-tensor
// calls not at all: on a GPU it is one multi-tensor kernel; on the CPU it loops over the list.
//
// Two CPU-only steps are not counted either: the copy that converts a wrapped Python-style scalar
// (a 0-dim tensor: `x / 2.0` copies the double 2.0 to float on the CPU; a GPU kernel takes it as
// an argument) and the fill with which the CPU's sum and mean start their output (CUDA's
// reduction kernel writes its output whole).
bool cpuOnlyStep(const at::RecordFunction& fn, const std::string& name, const std::string& caller) {
    if (name == "aten::copy_") {
        const auto inputs = fn.inputs();
        return !inputs.empty() && inputs[0].isTensor() && inputs[0].toTensor().dim() == 0;
    }
    return name == "aten::fill_" && (caller == "aten::sum" || caller == "aten::mean");
}

struct OpenOp {
    std::string name;
    bool noWork = false;
    bool callsWork = false;
    bool isForeach = false;      // this operator is a foreach one
    bool insideForeach = false;  // it was called by one
};
thread_local std::vector<OpenOp> openOps;

std::mutex countsMutex;
std::map<std::string, int64_t> counts;

std::unique_ptr<at::ObserverContext> onEnter(const at::RecordFunction& fn) {
    const std::string name = fn.name();
    OpenOp op;
    op.name = name;
    op.insideForeach =
        !openOps.empty() && (openOps.back().isForeach || openOps.back().insideForeach);
    op.isForeach = name.rfind("aten::_foreach_", 0) == 0;
    op.noWork = op.insideForeach || doesNoWork(name) ||
                cpuOnlyStep(fn, name, openOps.empty() ? std::string() : openOps.back().name);
    if (!op.noWork && !openOps.empty()) openOps.back().callsWork = true;
    openOps.push_back(op);
    return nullptr;
}

void onExit(const at::RecordFunction& fn, at::ObserverContext*) {
    if (openOps.empty()) return;  // entered before the counter existed
    const OpenOp op = openOps.back();
    openOps.pop_back();
    if (op.noWork || (op.callsWork && !op.isForeach)) return;
    std::lock_guard<std::mutex> lock(countsMutex);
    ++counts[fn.name()];
}

}  // namespace

OpCounter::OpCounter() {
    {
        std::lock_guard<std::mutex> lock(countsMutex);
        counts.clear();
    }
    handle_ = at::addGlobalCallback(at::RecordFunctionCallback(onEnter, onExit)
                                        .needsInputs(true)
                                        .scopes({at::RecordScope::FUNCTION}));
}

OpCounter::~OpCounter() {
    at::removeCallback(handle_);
}

int64_t OpCounter::total() const {
    int64_t sum = 0;
    for (const auto& [name, n] : byName()) sum += n;
    return sum;
}

std::map<std::string, int64_t> OpCounter::byName() const {
    std::lock_guard<std::mutex> lock(countsMutex);
    return counts;
}

}  // namespace nemo
