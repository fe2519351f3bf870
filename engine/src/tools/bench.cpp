// `nemo bench`: the same work as ../shared/bench/pytorch_nemo_step.py (synthetic batch, full
// training step with the mode's loss), timed after a warm-up.
#include <chrono>
#include <functional>
#include <memory>

#if NEMO_WITH_CUDA
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include "models/network.h"
#include "nemo/tools.h"
#include "nemo/trainer.h"
#include "train/train_step.h"

namespace nemo {

BenchResult runBench(const BenchConfig& config) {
    BenchResult result;
    result.config = config;
    result.threads = setThreadCount(config.threads);
    if (config.device != "cpu" && !torch::cuda::is_available()) {
        throw std::runtime_error("device '" + config.device + "' is not available");
    }
    const torch::Device device(config.device);
    torch::manual_seed(0);

    const TrainMode mode = trainModeFromString(config.mode);
    const ModelSpec spec = syntheticSpec(config.model, mode != TrainMode::Standard);
    Network model = buildModel(config.model, spec);
    model->to(device);
    if (config.channelsLast) useChannelsLast(*model);
    model->train();
    auto optimizer = makeOptimizer(*model, 0.05, 0.05);
    LossSettings settings;
    settings.mode = mode;
    settings.alpha = config.alpha;
    settings.beta = config.beta;
    settings.temperature = config.temperature;

    torch::Tensor x =
        torch::randn({config.batchSize, spec.inChannels, spec.inputSize, spec.inputSize})
            .to(device);
    if (config.channelsLast) x = x.contiguous(torch::MemoryFormat::ChannelsLast);
    torch::Tensor y = torch::randint(0, 10, {config.batchSize}, torch::kLong).to(device);
    auto forwardBackwardStep = [&] {
        LossParts parts = computeLoss(*model, x, y, settings);
        parts.loss.backward();
        optimizer->step();
    };
    auto step = [&] {
        optimizer->zero_grad();
        forwardBackwardStep();
    };
    auto sync = [&] {
        if (device.is_cuda()) torch::cuda::synchronize();
    };
    std::function<void()> timedStep = step;
#if NEMO_WITH_CUDA
    std::unique_ptr<at::cuda::CUDAGraph> graph;
    if (config.cudaGraph && device.is_cuda()) {
        // Warm up on a side stream (creates momentum buffers, cuDNN plans), then capture one
        // whole step; gradients are set to none first so backward allocates them in the graph's
        // own memory pool, and every replay refills them.
        auto stream = c10::cuda::getStreamFromPool();
        {
            c10::cuda::CUDAStreamGuard guard(stream);
            for (int i = 0; i < std::max(3, config.warmup); ++i) step();
            stream.synchronize();
            optimizer->zero_grad();
            graph = std::make_unique<at::cuda::CUDAGraph>();
            graph->capture_begin();
            forwardBackwardStep();
            graph->capture_end();
        }
        sync();
        timedStep = [&] { graph->replay(); };
    } else
#endif
    {
        if (config.cudaGraph) throw std::runtime_error("--cuda-graph needs a CUDA build and device");
        for (int i = 0; i < config.warmup; ++i) step();
    }
    sync();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < config.steps; ++i) timedStep();
    sync();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
        std::max(1, config.steps);
    result.stepMs = seconds * 1e3;
    result.imagesPerSecond = config.batchSize / seconds;
    return result;
}

}  // namespace nemo
