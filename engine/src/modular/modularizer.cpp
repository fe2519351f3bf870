// `nemo modularize`: sample masks -> per-class frequencies -> module masks -> metrics, on disk.
#include <chrono>

#include "dist/data_parallel.h"

#include "modular/sample_masks.h"
#include "nemo/module_masks.h"
#include "nemo/modules.h"
#include "nemo/run_folder.h"
#include "nemo/trainer.h"
#include "run/atomic_file.h"

namespace nemo {

ModularizeResult modularize(const ModularizeOptions& options, TrainingObserver* observer,
                            ControlToken* control, const DistributedEnvironment* distributed) {
    const auto started = std::chrono::steady_clock::now();
    checkThreshold(options.threshold);
    std::unique_ptr<DataParallel> group;
    if (distributed && distributed->active()) {
        group = std::make_unique<DataParallel>(*distributed);
        if (!group->leader()) observer = nullptr;  // rank 0 reports
    }
    setThreadCount(threadsForRank(options.threads, distributed));
    LoadedRun run = loadRun(options.runDir, options.dataDir);
    // A run trained on a GPU collects its sample masks there too (inference is most of the pass).
    if (run.config.device != "cpu" && torch::cuda::is_available())
        run.model->to(torch::Device(run.config.device));
    const auto passStarted = std::chrono::steady_clock::now();
    SampleMasks samples =
        sampleMasksForRun(run, options.runDir, options.augmented, observer, control, group.get());
    const double passSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - passStarted).count();
    ModularizeResult r;
    r.threshold = options.threshold;
    if (group && !group->leader()) {
        // Its share of the pass is done and gathered: rank 0 computes and writes the rest.
        r.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return r;
    }
    const int numClasses = run.data.info.numClasses();
    auto freq = classFrequencies(samples.bits, samples.labels, numClasses);
    BitMatrix modules = moduleMasks(freq, samples.widths, options.threshold);
    auto cohesion = classCohesion(samples.bits, samples.labels, modules);

    r.retention = moduleRetention(modules);
    r.cohesion = finiteMean(cohesion);
    r.coupling = moduleCoupling(modules);
    r.samples = samples.bits.rows();
    r.units = samples.bits.cols();
    r.sampleMaskBytes = samples.bits.memoryBytes();
    r.reusedSampleMasks = samples.reused;
    if (!samples.reused) r.sampleMaskImagesPerSecond = double(samples.labels.size()) / passSeconds;
    const RunFolder folder(options.runDir);
    r.modularDir = folder.modularDir();
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
    std::vector<MaskedLayerSize> layers;
    for (size_t l = 0; l < samples.widths.size(); ++l)
        layers.push_back({samples.names[l], samples.widths[l]});
    ModularMetricsFile metrics;
    metrics.threshold = r.threshold;
    metrics.retention = r.retention;
    metrics.cohesion = r.cohesion;
    metrics.coupling = r.coupling;
    metrics.samples = r.samples;
    metrics.units = r.units;
    metrics.augmentedSampleMasks = options.augmented;
    metrics.checkpoint = run.checkpoint;
    metrics.layers = layers;
    metrics.perClass = r.perClass;
    for (const ClassModule& m : r.perClass) {
        std::string bits(modules.cols(), '0');
        for (int64_t j = 0; j < modules.cols(); ++j)
            bits[j] = modules.get(m.classId, j) ? '1' : '0';
        metrics.moduleMasks.push_back(bits);
    }
    const std::string metricsJson = modularMetricsToJson(metrics);
    writeFileAtomically(folder.modularMetricsPath(r.threshold), metricsJson);
    writeFileAtomically(folder.latestModularMetricsPath(), metricsJson);
    ClassFrequencies frequencies;
    frequencies.classNames = run.data.info.classNames;
    frequencies.layers = layers;
    frequencies.frequencies = freq;
    writeFileAtomically(folder.frequenciesPath(), frequenciesToJson(frequencies));
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

}  // namespace nemo
