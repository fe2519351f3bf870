// `nemo modularize`: sample masks -> per-class frequencies -> module masks -> metrics, on disk.
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "modular/sample_masks.h"
#include "nemo/module_masks.h"
#include "nemo/modules.h"
#include "nemo/trainer.h"
#include "run/atomic_file.h"

namespace nemo {

namespace {

std::string thresholdTag(double threshold) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", threshold);
    return buf;
}

nlohmann::json jsonOrNull(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

}  // namespace

ModularizeResult modularize(const ModularizeOptions& options, TrainingObserver* observer,
                            ControlToken* control) {
    const auto started = std::chrono::steady_clock::now();
    checkThreshold(options.threshold);
    setThreadCount(options.threads);
    LoadedRun run = loadRun(options.runDir, options.dataDir);
    // A run trained on a GPU collects its sample masks there too (inference is most of the pass).
    if (run.config.device != "cpu" && torch::cuda::is_available())
        run.model->to(torch::Device(run.config.device));
    const auto passStarted = std::chrono::steady_clock::now();
    SampleMasks samples =
        sampleMasksForRun(run, options.runDir, options.augmented, observer, control);
    const double passSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - passStarted).count();
    const int numClasses = run.data.info.numClasses();
    auto freq = classFrequencies(samples.bits, samples.labels, numClasses);
    BitMatrix modules = moduleMasks(freq, samples.widths, options.threshold);
    auto cohesion = classCohesion(samples.bits, samples.labels, modules);

    ModularizeResult r;
    r.threshold = options.threshold;
    r.retention = moduleRetention(modules);
    r.cohesion = finiteMean(cohesion);
    r.coupling = moduleCoupling(modules);
    r.samples = samples.bits.rows();
    r.units = samples.bits.cols();
    r.sampleMaskBytes = samples.bits.memoryBytes();
    r.reusedSampleMasks = samples.reused;
    if (!samples.reused) r.sampleMaskImagesPerSecond = double(samples.labels.size()) / passSeconds;
    r.modularDir = options.runDir + "/modular";
    const auto counts = classCounts(run.data.train, numClasses);
    for (int c = 0; c < numClasses; ++c) {
        ClassModule m;
        m.classId = c;
        m.name = run.data.info.classNames[c];
        m.samples = counts[c];
        m.retention = double(modules.rowCount(c)) / double(modules.cols());
        m.cohesion = cohesion[c];
        r.perClass.push_back(m);
    }

    // metrics_thr_<t>.json (and metrics.json, the latest) hold the module masks as 0/1 strings;
    // frequencies.json lets the GUI preview any threshold without the sample masks.
    nlohmann::json layers = nlohmann::json::array();
    for (size_t l = 0; l < samples.widths.size(); ++l)
        layers.push_back({{"name", samples.names[l]}, {"units", samples.widths[l]}});
    nlohmann::json perClass = nlohmann::json::array();
    nlohmann::json masks = nlohmann::json::array();
    for (const ClassModule& m : r.perClass) {
        perClass.push_back({{"class", m.classId},
                            {"name", m.name},
                            {"samples", m.samples},
                            {"retention", m.retention},
                            {"cohesion", jsonOrNull(m.cohesion)}});
        std::string bits(modules.cols(), '0');
        for (int64_t j = 0; j < modules.cols(); ++j)
            bits[j] = modules.get(m.classId, j) ? '1' : '0';
        masks.push_back(bits);
    }
    nlohmann::json metrics = {{"threshold", r.threshold},
                              {"retention", r.retention},
                              {"cohesion", jsonOrNull(r.cohesion)},
                              {"coupling", jsonOrNull(r.coupling)},
                              {"samples", r.samples},
                              {"units", r.units},
                              {"augmented_sample_masks", options.augmented},
                              {"checkpoint", run.checkpoint},
                              {"layers", layers},
                              {"per_class", perClass},
                              {"module_masks", masks}};
    writeFileAtomically(r.modularDir + "/metrics_thr_" + thresholdTag(r.threshold) + ".json",
                        metrics.dump(1));
    writeFileAtomically(r.modularDir + "/metrics.json", metrics.dump(1));
    nlohmann::json frequencies = {
        {"layers", layers}, {"class_names", run.data.info.classNames}, {"frequencies", freq}};
    writeFileAtomically(r.modularDir + "/frequencies.json", frequencies.dump());
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

}  // namespace nemo
