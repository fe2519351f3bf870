// Engine entry points behind `nemo check-golden`, `nemo bench` and `nemo info`. Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace nemo {

// --- check-golden: recompute every loss and metric in a golden file -----------------------------
struct GoldenReport {
    int cases = 0;
    int checks = 0;  // individual numbers compared
    double maxAbsError = 0;
    double tolerance = 1e-5;
    bool passed = false;
    std::vector<std::string> failures;  // "case 2 contrastive t=0.2 grad[1][3][4]: got .. want .."
};
// Throws std::runtime_error when the file cannot be read or is not a golden file.
GoldenReport checkGolden(const std::string& path, double tolerance = 1e-5);

// --- bench: time training steps on synthetic data, as ../shared/bench/pytorch_nemo_step.py ------
struct BenchConfig {
    std::string model = "vgg16";
    std::string mode = "nemo";
    int batchSize = 128;
    int steps = 5;
    int warmup = 2;
    int threads = 0;
    std::string device = "cpu";
    bool channelsLast = true;
    // GPU: capture forward, loss, backward and optimizer step once as a CUDA graph and replay
    // it, removing the host's launch overhead of the many small mask kernels.
    bool cudaGraph = false;
    // Forward pass only, eval mode, no gradients: the work of modularization's sample-mask pass.
    bool inference = false;
    // "auto": Winograd for the deep 3x3 layers where it pays on the CPU; "direct": LibTorch's.
    std::string conv = "auto";
    // Also time a plain 3x3 convolution (64 -> 64 channels, 32x32, forward and backward, the
    // batch size above) and say what fraction of that rate the whole step reaches.
    bool convCeiling = false;
    // Also time every distinct 3x3 convolution of the model on its own (forward and backward,
    // this batch and thread count) through LibTorch's kernels and through the Winograd path, and
    // say which one the engine takes: the measurement behind the engine's rule.
    bool convLayers = false;
    // Also count the ATen operations of one step that do work (a kernel each on a GPU, where
    // their number rather than their size limits the step), in total and per operator.
    bool countOps = false;
    std::string precision = "fp32";                     // or "bf16" (TrainConfig::precision)
    double alpha = 1.4, beta = 1.5, temperature = 0.2;  // the Python baseline's defaults
};
struct BenchResult {
    BenchConfig config;
    int threads = 0;
    double stepMs = 0;
    double imagesPerSecond = 0;
    std::string conv;                  // what ran: "auto" (Winograd where it pays) or "direct"
    int64_t multiplyAddsPerImage = 0;  // the model's conv and linear layers, one forward pass
    double convGflops = 0;             // convCeiling: the plain convolution's rate
    // convCeiling: images/s the step would reach if all its multiply-adds (forward 1x, backward
    // 2x; forward only for inference) ran at convGflops, and measured / ceiling.
    double ceilingImagesPerSecond = 0;
    double ceilingFraction = 0;
    struct ConvLayer {
        int64_t in = 0, out = 0, height = 0, width = 0;
        int count = 0;          // layers of the model with this shape
        double directMs = 0;    // LibTorch's convolution, forward + backward
        double winogradMs = 0;  // the Winograd path (F(4x4, 3x3), or F(2x2, 3x3) on 2x2 maps)
        bool engineUsesWinograd = false;
    };
    std::vector<ConvLayer> convLayers;  // convLayers: one entry per distinct shape
    int64_t opsPerStep = 0;             // countOps
    std::vector<std::pair<std::string, int64_t>> opsByName;  // countOps, most frequent first
};
BenchResult runBench(const BenchConfig& config);

// --- check-device: training steps on another device agree with the CPU -------------------------
struct DeviceCheckConfig {
    std::string model = "tinycnn";
    std::string mode = "nemo";
    std::string device = "cuda";
    int batchSize = 16;
    int steps = 3;
};
struct DeviceCheckResult {
    DeviceCheckConfig config;
    std::vector<double> lossCpu, lossDevice;
    double maxLossDifference = 0;       // over the steps
    double maxParameterDifference = 0;  // after the steps: |a - b| / |a| over all parameters
    double maxLoaderDifference = 0;     // augmented batches built on the device vs the CPU
    // The trainer's CUDA-graph step against eager steps on the device (steps + 5 batches).
    long long graphReplays = 0;  // steps that came from the graph (0: none was captured)
    std::string graphFailure;    // why the capture failed, if it did
    double graphMaxLossDifference = 0;
    double graphParameterDifference = 0;
};
// Same weights, same batch, dropout off, TF32 off: runs the steps on the CPU and on the device.
DeviceCheckResult checkDeviceAgreement(const DeviceCheckConfig& config);

// --- info ---------------------------------------------------------------------------------------
struct SystemInfo {
    std::string engineVersion;
    std::string torchVersion;
    int threads = 0;
    int cores = 0;
    std::string blas;           // the BLAS library LibTorch calls, as loaded in this process
    std::string cpuCapability;  // e.g. AVX2
    bool cudaAvailable = false;
    int cudaDevices = 0;
    std::vector<std::string> datasets;
    std::vector<std::string> models;
};
SystemInfo systemInfo();

// --- upgrade: convert a 0.1 run's TorchScript checkpoints to safetensors ---------------------
struct UpgradeResult {
    std::vector<std::string> converted;       // checkpoints rewritten as safetensors
    std::vector<std::string> keptOriginals;   // the old files, renamed NAME.v0.1
    std::vector<std::string> alreadyCurrent;  // already safetensors: left alone
};
// Without `trusted` it only reports (throws naming the run) when something would be converted:
// reading the old format runs code stored in the file. Throws std::runtime_error.
UpgradeResult upgradeRun(const std::string& runDir, bool trusted);

}  // namespace nemo
