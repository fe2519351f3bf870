// `nemo check-device`: the engine's training step on a GPU reproduces the CPU's to rounding.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "data/batch_loader.h"
#include "models/network.h"
#include "nemo/tools.h"
#include "train/checkpoint.h"
#include "train/step_runner.h"
#include "train/train_step.h"

namespace nemo {
namespace {

// Dropout draws differ between devices; switch it off so both runs do the same arithmetic.
void disableDropout(NetworkImpl& model) {
    for (auto& m : model.modules(false)) {
        if (auto* d = dynamic_cast<torch::nn::DropoutImpl*>(m.get())) d->options.p(0.0);
    }
}

// |a - b| / |a| over all parameters together: a per-tensor maximum would be dominated by conv
// biases followed by batch norm, whose true gradient is zero, so their updates are pure rounding
// noise on either device.
double relativeParameterDifference(NetworkImpl& a, NetworkImpl& b) {
    double diff2 = 0, norm2 = 0;
    auto pa = a.parameters();
    auto pb = b.parameters();
    for (size_t i = 0; i < pa.size(); ++i) {
        const torch::Tensor x = pa[i].detach().cpu(), y = pb[i].detach().cpu();
        diff2 += (x - y).pow(2).sum().item<double>();
        norm2 += x.pow(2).sum().item<double>();
    }
    return std::sqrt(diff2 / std::max(norm2, 1e-30));
}

}  // namespace

DeviceCheckResult checkDeviceAgreement(const DeviceCheckConfig& config) {
    if (config.device == "cpu" || !torch::cuda::is_available())
        throw std::runtime_error("check-device needs a CUDA device (none is available)");
    // Plain fp32 on the GPU too: TF32 would round convolutions to 10-bit mantissas.
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
    const torch::Device device(config.device);
    const TrainMode mode = trainModeFromString(config.mode);
    const ModelSpec spec = syntheticSpec(config.model, mode != TrainMode::Standard);
    torch::manual_seed(0);
    Network cpu = buildModel(config.model, spec);
    const NamedTensors snapshot = snapshotState(*cpu);  // the starting weights, for every copy
    const std::map<std::string, torch::Tensor> initial(snapshot.begin(), snapshot.end());
    auto copyOnDevice = [&] {
        Network copy = buildModel(config.model, spec);
        restoreState(*copy, initial, "the starting weights");
        copy->to(device);
        disableDropout(*copy);
        copy->train();
        return copy;
    };
    Network gpu = copyOnDevice();
    disableDropout(*cpu);
    cpu->train();
    auto optCpu = makeOptimizer(*cpu, 0.05, 0.05);
    auto optGpu = makeOptimizer(*gpu, 0.05, 0.05);
    LossSettings settings;
    settings.mode = mode;
    settings.alpha = 1.0;
    settings.temperature = 0.2;
    torch::Tensor x =
        torch::randn({config.batchSize, spec.inChannels, spec.inputSize, spec.inputSize});
    torch::Tensor y = torch::arange(config.batchSize, torch::kLong).remainder(4);  // pairs exist

    DeviceCheckResult r;
    r.config = config;
    // The trainer's own step on both devices.
    StepRunner onCpu(*cpu, *optCpu, settings, false);
    StepRunner onDevice(*gpu, *optGpu, settings, false);
    const torch::Tensor xd = x.to(device), yd = y.to(device);
    for (int s = 0; s < config.steps; ++s) {
        r.lossCpu.push_back(onCpu.run(x, y).stats[kStatLoss].item<double>());
        r.lossDevice.push_back(onDevice.run(xd, yd).stats[kStatLoss].item<double>());
        r.maxLossDifference =
            std::max(r.maxLossDifference, std::abs(r.lossCpu.back() - r.lossDevice.back()));
    }
    r.maxParameterDifference = relativeParameterDifference(*cpu, *gpu);

    // The trainer's step replayed from a CUDA graph against the same steps run eagerly, both on
    // the device from the same weights, a new batch each step (the first steps of the graphed
    // runner are its eager warm-up; the rest are replays).
    {
        Network eagerModel = copyOnDevice();
        Network graphModel = copyOnDevice();
        auto eagerOpt = makeOptimizer(*eagerModel, 0.05, 0.05);
        auto graphOpt = makeOptimizer(*graphModel, 0.05, 0.05);
        StepRunner eagerSteps(*eagerModel, *eagerOpt, settings, false);
        StepRunner graphSteps(*graphModel, *graphOpt, settings, true);
        for (int s = 0; s < config.steps + 5; ++s) {
            const torch::Tensor xs = torch::randn_like(x).to(device);
            const double a = eagerSteps.run(xs, yd).stats[kStatLoss].item<double>();
            const double b = graphSteps.run(xs, yd).stats[kStatLoss].item<double>();
            r.graphMaxLossDifference = std::max(r.graphMaxLossDifference, std::abs(a - b));
        }
        r.graphReplays = graphSteps.replays();
        r.graphFailure = graphSteps.graphFailure();
        r.graphParameterDifference = relativeParameterDifference(*eagerModel, *graphModel);
    }

    // The loader builds batches on the device from the same CPU random draws: shuffled, cropped,
    // flipped and normalized batches must be the same as the CPU's.
    {
        ImageSet images;
        images.channels = 3;
        images.height = images.width = 8;
        images.pixels.resize(50 * 3 * 8 * 8);
        for (size_t i = 0; i < images.pixels.size(); ++i) images.pixels[i] = uint8_t(i * 37 % 251);
        for (int i = 0; i < 50; ++i) images.labels.push_back(i % 10);
        DatasetInfo info;
        info.mean = {0.4f, 0.5f, 0.6f};
        info.std = {0.2f, 0.25f, 0.3f};
        info.cropPadding = 2;
        BatchLoader onCpu(toTensors(images), info, 16, true, true);
        BatchLoader onDevice(toTensors(images), info, 16, true, true, device);
        onCpu.startEpoch(7);
        onDevice.startEpoch(7);
        for (int64_t b = 0; b < onCpu.batches(); ++b) {
            auto [x1, y1] = onCpu.batch(b);
            auto [x2, y2] = onDevice.batch(b);
            r.maxLoaderDifference =
                std::max({r.maxLoaderDifference, (x1 - x2.cpu()).abs().max().item<double>(),
                          (y1 - y2.cpu()).abs().max().item<double>()});
        }
    }
    return r;
}

}  // namespace nemo
