// `nemo bench`: the same work as ../shared/bench/pytorch_nemo_step.py (synthetic batch, full
// training step with the mode's loss), timed after a warm-up.
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>

#if NEMO_WITH_CUDA
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include <cstdlib>

#include <torch/csrc/autograd/profiler_legacy.h>

#include "extract/program_builder.h"
#include "models/masked_conv.h"
#include "models/network.h"
#include "models/winograd_conv.h"
#include "nemo/tools.h"
#include "nemo/trainer.h"
#include "tools/op_counter.h"
#include "train/step_runner.h"
#include "train/train_step.h"

namespace nemo {

namespace {

// Random input and filters of one 3x3 convolution, both requiring gradients.
std::pair<torch::Tensor, torch::Tensor> convOperands(int64_t batch, int64_t in, int64_t out,
                                                     int64_t height, int64_t width,
                                                     const torch::Device& device,
                                                     bool channelsLast) {
    const auto format =
        channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
    torch::Tensor x = torch::randn({batch, in, height, width}).to(device).contiguous(format);
    torch::Tensor w = (torch::randn({out, in, 3, 3}) * 0.05).to(device).contiguous(format);
    return {x.requires_grad_(), w.requires_grad_()};
}

// Seconds of forward + backward (input and weight gradients) of one convolution, LibTorch's or
// the Winograd path, best of a few repeats (the first call plans and allocates).
double convStepSeconds(const torch::Tensor& x, const torch::Tensor& w, bool winograd) {
    const torch::Tensor gy = torch::randn_like(torch::conv2d(x, w, {}, 1, 1));
    auto sync = [&] {
        if (x.is_cuda()) torch::cuda::synchronize();
    };
    double best = 1e30;
    for (int rep = 0; rep < 4; ++rep) {
        sync();
        const auto start = std::chrono::steady_clock::now();
        const torch::Tensor y = winograd ? winogradConv3x3(x, w) : torch::conv2d(x, w, {}, 1, 1);
        torch::autograd::grad({y}, {x, w}, {gy});
        sync();
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (rep > 0) best = std::min(best, s);
    }
    return best;
}

// GFLOP/s of one 3x3 convolution, 64 -> 64 channels on 32x32 maps, forward and backward: the
// kernel that sets the CPU ceiling (issue "Fast modular training").
double plainConvGflops(int64_t batch, const torch::Device& device, bool channelsLast) {
    const auto [x, w] = convOperands(batch, 64, 64, 32, 32, device, channelsLast);
    const double flops = 2.0 * 3.0 * double(batch) * 64 * 64 * 9 * 32 * 32;
    return flops / convStepSeconds(x, w, false) / 1e9;
}

// The model's distinct 3x3, stride-1 convolutions, each timed on its own on the CPU.
std::vector<BenchResult::ConvLayer> timeConvLayers(NetworkImpl& model, const torch::Tensor& x,
                                                   bool channelsLast) {
    std::vector<BenchResult::ConvLayer> layers;
    {
        ConvShapeRecorder recorder;
        torch::NoGradGuard noGrad;
        model.forward(x);
        for (const auto& e : recorder.entries()) {
            const ConvUnitOptions& o = e.options;
            if (o.kernel != 3 || o.stride != 1 || o.padding != 1) continue;
            auto same = [&](const BenchResult::ConvLayer& l) {
                return l.in == o.in && l.out == o.out && l.height == e.inputSizes[2] &&
                       l.width == e.inputSizes[3];
            };
            auto it = std::find_if(layers.begin(), layers.end(), same);
            if (it == layers.end()) {
                BenchResult::ConvLayer l;
                l.in = o.in;
                l.out = o.out;
                l.height = e.inputSizes[2];
                l.width = e.inputSizes[3];
                layers.push_back(l);
                it = layers.end() - 1;
            }
            ++it->count;
        }
    }
    for (auto& l : layers) {
        const auto [in, w] = convOperands(x.size(0), l.in, l.out, l.height, l.width,
                                          torch::Device(torch::kCPU), channelsLast);
        l.engineUsesWinograd = winogradSuits(in, 3, 1, 1, 1, 1);
        l.directMs = convStepSeconds(in, w, false) * 1e3;
        l.winogradMs = convStepSeconds(in, w, true) * 1e3;
    }
    return layers;
}

// The loss settings of the benchmarked step: the mode's loss as --alpha, --beta, --temperature
// and --precision set it.
LossSettings benchLossSettings(const BenchConfig& config, TrainMode mode) {
    LossSettings settings;
    settings.mode = mode;
    settings.alpha = config.alpha;
    settings.beta = config.beta;
    settings.temperature = config.temperature;
    if (config.precision != "fp32" && config.precision != "bf16")
        throw std::invalid_argument("--precision must be fp32 or bf16");
    settings.bf16 = config.precision == "bf16";
    return settings;
}

// Waits for the work queued on a GPU; nothing to wait for on the CPU.
void waitForDevice(const torch::Device& device) {
    if (device.is_cuda()) torch::cuda::synchronize();
}

// --count-ops: the operators one steady step calls, in total and by name (most frequent first).
void countStepOps(const std::function<void()>& step, const torch::Device& device,
                  BenchResult& result) {
    step();  // first calls plan and allocate; count a steady step
    OpCounter counter;
    step();
    waitForDevice(device);
    result.opsPerStep = counter.total();
    for (const auto& item : counter.byName()) result.opsByName.push_back(item);
    std::stable_sort(result.opsByName.begin(), result.opsByName.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
}

// Mean seconds of one of `steps` calls of timedStep.
double secondsPerStep(const std::function<void()>& timedStep, int steps,
                      const torch::Device& device) {
    waitForDevice(device);
    const auto start = std::chrono::steady_clock::now();
    {
        // NEMO_PROFILE=FILE writes a Chrome trace of the timed steps (per-op CPU time), to see
        // where a step's time goes; off by default (the profiler itself costs time).
        std::unique_ptr<torch::autograd::profiler::RecordProfile> profile;
        if (const char* path = std::getenv("NEMO_PROFILE"))
            profile = std::make_unique<torch::autograd::profiler::RecordProfile>(path);
        for (int i = 0; i < steps; ++i) timedStep();
        waitForDevice(device);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
           std::max(1, steps);
}

#if NEMO_WITH_CUDA
// Warm up on a side stream (creates momentum buffers, cuDNN plans), then capture one whole step;
// gradients are set to none first so backward allocates them in the graph's own memory pool, and
// every replay refills them.
std::unique_ptr<at::cuda::CUDAGraph> captureStep(const std::function<void()>& step,
                                                 const std::function<void()>& forwardBackwardStep,
                                                 torch::optim::SGD& optimizer, int warmup) {
    auto stream = c10::cuda::getStreamFromPool();
    c10::cuda::CUDAStreamGuard guard(stream);
    for (int i = 0; i < std::max(3, warmup); ++i) step();
    stream.synchronize();
    clearGradients(optimizer);
    auto graph = std::make_unique<at::cuda::CUDAGraph>();
    graph->capture_begin();
    forwardBackwardStep();
    graph->capture_end();
    return graph;
}
#endif

// --conv-ceiling: the plain convolution's rate, and the images/s the step would reach if all its
// multiply-adds ran at that rate.
void addConvCeiling(const BenchConfig& config, const torch::Device& device, BenchResult& result) {
    result.convGflops = plainConvGflops(config.batchSize, device, config.channelsLast);
    const double passes = config.inference ? 1.0 : 3.0;
    result.ceilingImagesPerSecond =
        result.convGflops * 1e9 / (2.0 * passes * double(result.multiplyAddsPerImage));
    result.ceilingFraction = result.imagesPerSecond / result.ceilingImagesPerSecond;
}

}  // namespace

BenchResult runBench(const BenchConfig& config) {
    BenchResult result;
    result.config = config;
    result.threads = setThreadCount(config.threads);
    if (config.device != "cpu" && !torch::cuda::is_available()) {
        throw std::runtime_error("device '" + config.device + "' is not available");
    }
    const torch::Device device(config.device);
    torch::manual_seed(0);
    if (config.conv != "auto" && config.conv != "direct")
        throw std::invalid_argument("--conv must be auto or direct");
    // "direct" switches the Winograd path off for this run only; "auto" leaves it as the process
    // has it (NEMO_CONV=direct turns it off for every command).
    struct RestoreWinograd {
        bool before = winogradEnabled();
        ~RestoreWinograd() { setWinogradEnabled(before); }
    } restoreWinograd;
    if (config.conv == "direct") setWinogradEnabled(false);
    result.conv = winogradEnabled() ? "auto" : "direct";

    const TrainMode mode = trainModeFromString(config.mode);
    const ModelSpec spec = syntheticSpec(config.model, mode != TrainMode::Standard);
    Network model = buildModel(config.model, spec);
    model->to(device);
    if (config.channelsLast) useChannelsLast(*model);
    model->train();
    auto optimizer = makeOptimizer(*model, 0.05, 0.05);
    LossSettings settings = benchLossSettings(config, mode);

    torch::Tensor x =
        torch::randn({config.batchSize, spec.inChannels, spec.inputSize, spec.inputSize})
            .to(device);
    if (config.channelsLast) x = x.contiguous(torch::MemoryFormat::ChannelsLast);
    torch::Tensor y = torch::randint(0, 10, {config.batchSize}, torch::kLong).to(device);
    auto forwardBackwardStep = [&] {
        LossParts parts = computeLoss(*model, x, y, settings);
        parts.loss.backward();
        sgdStep(*optimizer);
    };
    std::function<void()> step = [&] {
        clearGradients(*optimizer);
        forwardBackwardStep();
    };
    if (config.inference) {
        // Forward only, as modularization's sample-mask pass: eval mode, no autograd.
        if (config.cudaGraph) throw std::invalid_argument("--inference has no CUDA-graph path");
        model->eval();
        step = [&] {
            torch::NoGradGuard noGrad;
            model->forward(x);
        };
    }
    std::function<void()> timedStep = step;
    if (config.countOps) countStepOps(step, device, result);
#if NEMO_WITH_CUDA
    std::unique_ptr<at::cuda::CUDAGraph> graph;
    if (config.cudaGraph && device.is_cuda()) {
        graph = captureStep(step, forwardBackwardStep, *optimizer, config.warmup);
        waitForDevice(device);
        timedStep = [&] { graph->replay(); };
    } else
#endif
    {
        if (config.cudaGraph)
            throw std::runtime_error("--cuda-graph needs a CUDA build and device");
        for (int i = 0; i < config.warmup; ++i) step();
    }
    const double seconds = secondsPerStep(timedStep, config.steps, device);
    result.stepMs = seconds * 1e3;
    result.imagesPerSecond = config.batchSize / seconds;
    {
        ProgramModule full(buildPrunedProgram(*model, {}));
        result.multiplyAddsPerImage =
            full->multiplyAdds(spec.inChannels, spec.inputSize, spec.inputSize);
    }
    if (config.convCeiling) addConvCeiling(config, device, result);
    if (config.convLayers) {
        if (!device.is_cpu()) throw std::invalid_argument("--conv-layers times CPU kernels");
        result.convLayers = timeConvLayers(*model, x, config.channelsLast);
    }
    return result;
}

}  // namespace nemo
