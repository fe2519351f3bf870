// `nemo bench`: time training (or inference) steps on synthetic data; optional convolution
// ceilings, per-layer kernels and op counts.
#include <iostream>

#include "json_output.h"
#include "nemo/model_catalog.h"
#include "nemo/tools.h"
#include "subcommand.h"

namespace nemo::cli {
namespace {

class BenchCommand : public Subcommand {
  public:
    CLI::App* add(CLI::App& app, bool& jsonOut) override {
        auto* b = app.add_subcommand("bench", "Time training steps on synthetic data");
        b->add_option("--model", bench_.model, modelNameList())->capture_default_str();
        b->add_option("--mode", bench_.mode)->capture_default_str();
        b->add_option("--batch-size", bench_.batchSize)->capture_default_str();
        b->add_option("--steps", bench_.steps)->capture_default_str();
        b->add_option("--warmup", bench_.warmup)->capture_default_str();
        b->add_option("--threads", bench_.threads, "0: every core")->capture_default_str();
        b->add_option("--device", bench_.device)->capture_default_str();
        b->add_flag(
            "--nchw", [this](int64_t) { bench_.channelsLast = false; },
            "Keep the NCHW layout instead of channels-last");
        b->add_flag("--cuda-graph", bench_.cudaGraph,
                    "GPU: replay the whole training step as one CUDA graph");
        b->add_flag("--inference", bench_.inference,
                    "Time the forward pass only (eval mode, no gradients)");
        b->add_option("--conv", bench_.conv, "auto (Winograd where it pays) or direct")
            ->capture_default_str();
        b->add_option("--precision", bench_.precision, "fp32 or bf16 (autocast forward pass)")
            ->capture_default_str();
        b->add_flag("--conv-ceiling", bench_.convCeiling,
                    "Also time a plain 3x3 convolution and report the fraction of its rate");
        b->add_flag("--conv-layers", bench_.convLayers,
                    "Also time each distinct 3x3 convolution of the model, LibTorch's kernels "
                    "against the Winograd path (CPU)");
        b->add_flag("--count-ops", bench_.countOps,
                    "Also count the operations of one step that do work (GPU kernels)");
        b->add_option("--alpha", bench_.alpha)->capture_default_str();
        b->add_option("--beta", bench_.beta)->capture_default_str();
        b->add_option("--temperature", bench_.temperature)->capture_default_str();
        b->add_flag("--json", jsonOut, "Print one JSON object");
        return b;
    }

    int run(const RunContext& context) override {
        const BenchResult r = runBench(bench_);
        nlohmann::json j = {{"impl", bench_.cudaGraph ? "nemo-cpp-cuda-graph" : "nemo-cpp"},
                            {"model", bench_.model},
                            {"mode", bench_.mode},
                            {"batch_size", bench_.batchSize},
                            {"threads", r.threads},
                            {"device", bench_.device},
                            {"step_ms", r.stepMs},
                            {"img_per_s", r.imagesPerSecond},
                            {"conv", r.conv},
                            {"precision", bench_.precision},
                            {"pass", bench_.inference ? "inference" : "train"},
                            {"macs_per_image", r.multiplyAddsPerImage}};
        if (bench_.convCeiling) {
            j["conv_gflops"] = r.convGflops;
            j["ceiling_img_per_s"] = r.ceilingImagesPerSecond;
            j["ceiling_fraction"] = r.ceilingFraction;
        }
        if (bench_.convLayers) j["conv_layers"] = convLayers(r);
        if (bench_.countOps) {
            j["ops_per_step"] = r.opsPerStep;
            nlohmann::json top = nlohmann::json::array();  // [name, count], most frequent first
            for (size_t i = 0; i < r.opsByName.size() && i < 60; ++i)
                top.push_back({r.opsByName[i].first, r.opsByName[i].second});
            j["top_ops"] = top;
        }
        if (context.json)
            printJson(j);
        else
            std::cout << j.dump(2) << std::endl;
        return 0;
    }

  private:
    static nlohmann::json convLayers(const BenchResult& r) {
        nlohmann::json layers = nlohmann::json::array();
        for (const auto& l : r.convLayers)
            layers.push_back({{"in", l.in},
                              {"out", l.out},
                              {"height", l.height},
                              {"width", l.width},
                              {"count", l.count},
                              {"direct_ms", l.directMs},
                              {"winograd_ms", l.winogradMs},
                              {"engine_uses", l.engineUsesWinograd ? "winograd" : "direct"}});
        return layers;
    }

    BenchConfig bench_;
};

}  // namespace

std::unique_ptr<Subcommand> benchCommand() {
    return std::make_unique<BenchCommand>();
}

}  // namespace nemo::cli
