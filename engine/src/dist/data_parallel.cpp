#include "dist/data_parallel.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#if NEMO_WITH_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

namespace nemo {
namespace {

// An integer environment variable, or `fallback` when it is not set.
int integerVariable(const char* name, int fallback, int minimum) {
    const char* text = std::getenv(name);
    if (!text || !*text) return fallback;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < minimum || value > 1000000)
        throw std::invalid_argument(std::string(name) + "=" + text +
                                    " is not a whole number >= " + std::to_string(minimum));
    return int(value);
}

constexpr int64_t kBucketElements = int64_t(1) << 22;  // 16 MiB of float per all-reduce

}  // namespace

DistributedEnvironment DistributedEnvironment::fromEnvironment() {
    DistributedEnvironment e;
    e.worldSize = integerVariable("WORLD_SIZE", 1, 1);
    e.rank = integerVariable("RANK", 0, 0);
    if (e.rank >= e.worldSize)
        throw std::invalid_argument("RANK=" + std::to_string(e.rank) +
                                    " is not below WORLD_SIZE=" + std::to_string(e.worldSize));
    e.localRank = integerVariable("LOCAL_RANK", e.rank, 0);
    e.localWorldSize = integerVariable("LOCAL_WORLD_SIZE", e.worldSize, 1);
    if (const char* address = std::getenv("MASTER_ADDR"); address && *address)
        e.masterAddress = address;
    e.masterPort = integerVariable("MASTER_PORT", e.masterPort, 1);
    if (e.masterPort > 65535) throw std::invalid_argument("MASTER_PORT must be below 65536");
    e.timeoutSeconds = integerVariable("NEMO_DIST_TIMEOUT", e.timeoutSeconds, 1);
    return e;
}

int threadsForRank(int requested, const DistributedEnvironment* environment) {
    if (requested != 0 || !environment || !environment->active()) return requested;
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    return std::max(1, cores / std::max(1, environment->localWorldSize));
}

RowRange DataParallel::shard(int64_t rows, int rank) const {
    const int64_t w = environment_.worldSize;
    return {rows * rank / w, rows * (rank + 1) / w};
}

#if NEMO_WITH_GLOO

bool distributedAvailable() {
    return true;
}

struct DataParallel::Group {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
    std::chrono::milliseconds timeout;

    void wait(const c10::intrusive_ptr<c10d::Work>& work) const { work->wait(timeout); }
};

DataParallel::DataParallel(const DistributedEnvironment& environment)
    : environment_(environment), group_(std::make_unique<Group>()) {
    const std::chrono::milliseconds timeout(int64_t(environment.timeoutSeconds) * 1000);
    group_->timeout = timeout;
    try {
        c10d::TCPStoreOptions options;
        options.port = uint16_t(environment.masterPort);
        options.isServer = environment.rank == 0;
        options.numWorkers = size_t(environment.worldSize);
        options.waitWorkers = true;
        options.timeout = timeout;
        group_->store = c10::make_intrusive<c10d::TCPStore>(environment.masterAddress, options);
        auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeout);
        // GLOO_SOCKET_IFNAME picks the network interface (as in PyTorch); ranks that meet on
        // the loopback address stay on it; otherwise the address this host's name resolves to.
        if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
            glooOptions->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForInterface(interface));
        else if (environment.masterAddress == "127.0.0.1" ||
                 environment.masterAddress == "localhost")
            glooOptions->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        glooOptions->threads = 2;
        group_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(
            group_->store, environment.rank, environment.worldSize, glooOptions);
    } catch (const std::exception& e) {
        fail("joining the group at " + environment.masterAddress + ":" +
                 std::to_string(environment.masterPort),
             e);
    }
}

DataParallel::~DataParallel() = default;

void DataParallel::collective(const std::string& what, const std::function<void()>& call) const {
    try {
        call();
    } catch (const std::exception& e) {
        fail(what, e);
    }
}

void DataParallel::fail(const std::string& what, const std::exception& e) const {
    std::string message = e.what();
    if (auto nl = message.find('\n'); nl != std::string::npos) message.resize(nl);
    throw DistributedError(
        "rank " + std::to_string(rank()) + " of " + std::to_string(worldSize()) + ": " + what +
        " failed (" + message + "). Another rank has probably ended (see its error) or stopped " +
        "answering for " + std::to_string(environment_.timeoutSeconds) +
        " s (NEMO_DIST_TIMEOUT); start all ranks again with --resume to continue from the last " +
        "checkpoint");
}

std::vector<torch::Tensor> DataParallel::gatherRows(const std::vector<torch::Tensor>& local,
                                                    int64_t globalRows) const {
    // One all-gather for all tensors: each rank's rows flattened side by side (as float; labels
    // are small whole numbers, exact in float).
    std::vector<int64_t> widths;
    std::vector<torch::Tensor> columns;
    for (const auto& t : local) {
        int64_t perRow = 1;
        for (int64_t d = 1; d < t.dim(); ++d) perRow *= t.size(d);
        widths.push_back(perRow);
        columns.push_back(t.detach().to(torch::kFloat).reshape({t.size(0), perRow}));
    }
    std::vector<int64_t> rowsPerRank;
    for (int r = 0; r < worldSize(); ++r) rowsPerRank.push_back(shard(globalRows, r).size());
    const torch::Tensor all = gatherBlocks(torch::cat(columns, 1), rowsPerRank);
    // Not under a NoGradGuard: the concatenation below must keep this rank's rows' history.
    const RowRange mine = shard(globalRows);
    std::vector<torch::Tensor> gathered;
    int64_t column = 0;
    for (size_t i = 0; i < local.size(); ++i) {
        std::vector<int64_t> shape = local[i].sizes().vec();
        auto rowsOf = [&](int64_t begin, int64_t count) {
            shape[0] = count;
            return all.narrow(0, begin, count)
                .narrow(1, column, widths[i])
                .reshape(shape)
                .to(local[i].scalar_type());
        };
        // Live in the middle: the loss's gradient reaches this rank's rows.
        gathered.push_back(torch::cat(
            {rowsOf(0, mine.begin), local[i], rowsOf(mine.end, globalRows - mine.end)}, 0));
        column += widths[i];
    }
    return gathered;
}

torch::Tensor DataParallel::gatherBlocks(const torch::Tensor& local,
                                         const std::vector<int64_t>& rowsPerRank) const {
    torch::NoGradGuard noGrad;
    const int64_t padded = *std::max_element(rowsPerRank.begin(), rowsPerRank.end());
    std::vector<int64_t> shape = local.sizes().vec();
    shape[0] = padded;
    torch::Tensor mine = torch::zeros(shape, local.options());
    mine.narrow(0, 0, local.size(0)).copy_(local);
    std::vector<std::vector<torch::Tensor>> outputs(1);
    for (int r = 0; r < worldSize(); ++r) outputs[0].push_back(torch::empty_like(mine));
    std::vector<torch::Tensor> inputs{mine};
    collective("gathering the ranks' rows",
               [&] { group_->wait(group_->group->allgather(outputs, inputs)); });
    std::vector<torch::Tensor> blocks;
    for (int r = 0; r < worldSize(); ++r)
        blocks.push_back(outputs[0][size_t(r)].narrow(0, 0, rowsPerRank[size_t(r)]));
    return torch::cat(blocks, 0);
}

void DataParallel::sumInPlace(const std::vector<torch::Tensor>& tensors) const {
    torch::NoGradGuard noGrad;
    size_t first = 0;
    while (first < tensors.size()) {
        // One bucket: consecutive tensors up to kBucketElements (at least one).
        size_t last = first;
        int64_t elements = 0;
        while (last < tensors.size() &&
               (last == first || elements + tensors[last].numel() <= kBucketElements))
            elements += tensors[last++].numel();
        std::vector<torch::Tensor> flat;
        for (size_t i = first; i < last; ++i) flat.push_back(tensors[i].reshape({-1}));
        std::vector<torch::Tensor> bucket{torch::cat(flat)};
        collective("summing the gradients",
                   [&] { group_->wait(group_->group->allreduce(bucket)); });
        int64_t offset = 0;
        for (size_t i = first; i < last; ++i) {
            const int64_t n = tensors[i].numel();
            tensors[i].copy_(bucket[0].narrow(0, offset, n).view_as(tensors[i]));
            offset += n;
        }
        first = last;
    }
}

bool DataParallel::any(bool flag) const {
    std::vector<torch::Tensor> t{torch::full({1}, flag ? 1.0f : 0.0f)};
    collective("agreeing on a stop", [&] { group_->wait(group_->group->allreduce(t)); });
    return t[0].item<float>() > 0;
}

void DataParallel::broadcastFromLeader(const std::vector<torch::Tensor>& tensors) const {
    torch::NoGradGuard noGrad;
    for (const auto& tensor : tensors) {
        std::vector<torch::Tensor> one{tensor.is_contiguous() ? tensor : tensor.contiguous()};
        collective("receiving rank 0's weights",
                   [&] { group_->wait(group_->group->broadcast(one)); });
        if (!tensor.is_contiguous()) tensor.copy_(one[0]);
    }
}

void DataParallel::barrier(const std::string& what) const {
    collective("waiting for " + what, [&] { group_->wait(group_->group->barrier()); });
}

#else  // no Gloo in this build

bool distributedAvailable() {
    return false;
}

struct DataParallel::Group {};

DataParallel::DataParallel(const DistributedEnvironment& environment) : environment_(environment) {
    throw DistributedError(
        "this build of nemo has no data-parallel training (LibTorch's c10d with Gloo was not "
        "found when it was built: install libgloo-dev and rebuild)");
}
DataParallel::~DataParallel() = default;
void DataParallel::fail(const std::string& what, const std::exception& e) const {
    throw DistributedError(what + ": " + e.what());
}
std::vector<torch::Tensor> DataParallel::gatherRows(const std::vector<torch::Tensor>& local,
                                                    int64_t) const {
    return local;
}
torch::Tensor DataParallel::gatherBlocks(const torch::Tensor& local,
                                         const std::vector<int64_t>&) const {
    return local;
}
void DataParallel::sumInPlace(const std::vector<torch::Tensor>&) const {}
bool DataParallel::any(bool flag) const {
    return flag;
}
void DataParallel::broadcastFromLeader(const std::vector<torch::Tensor>&) const {}
void DataParallel::barrier(const std::string&) const {}

#endif

}  // namespace nemo
