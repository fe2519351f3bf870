#include "nemo/module_masks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace nemo {

std::vector<std::vector<float>> classFrequencies(const BitMatrix& sampleMasks,
                                                 const std::vector<int64_t>& labels,
                                                 int numClasses) {
    if (int64_t(labels.size()) != sampleMasks.rows()) {
        throw std::invalid_argument("classFrequencies: one label per sample mask expected");
    }
    const int64_t k = sampleMasks.cols();
    std::vector<std::vector<int64_t>> counts(numClasses, std::vector<int64_t>(k, 0));
    std::vector<int64_t> samples(numClasses, 0);
    for (int64_t r = 0; r < sampleMasks.rows(); ++r) {
        const int64_t c = labels[r];
        if (c < 0 || c >= numClasses)
            throw std::out_of_range("classFrequencies: label out of range");
        ++samples[c];
        const uint64_t* words = sampleMasks.row(r);
        for (int64_t w = 0; w < sampleMasks.wordsPerRow(); ++w) {
            for (uint64_t bits = words[w]; bits; bits &= bits - 1) {
                ++counts[c][w * 64 + __builtin_ctzll(bits)];
            }
        }
    }
    std::vector<std::vector<float>> freq(numClasses, std::vector<float>(k, 0.0f));
    for (int c = 0; c < numClasses; ++c) {
        if (samples[c] == 0) continue;
        for (int64_t j = 0; j < k; ++j) freq[c][j] = float(counts[c][j]) / float(samples[c]);
    }
    return freq;
}

namespace {

// Layer slice [begin, begin + n) of one class's frequencies into `modules` row c.
void thresholdLayer(const std::vector<float>& freq, int64_t begin, int64_t n, double threshold,
                    BitMatrix& modules, int64_t c) {
    double thr = threshold;
    while (thr > 0.0) {
        bool any = false;
        for (int64_t j = begin; j < begin + n; ++j) {
            if (freq[j] >= float(thr)) {
                modules.set(c, j, true);
                any = true;
            }
        }
        if (any) return;
        thr -= 0.05;
    }
    // Fallback: the most frequently active units, a deterministic stand-in for the published
    // code's random 5% (which can even be empty).
    std::vector<int64_t> order(n);
    std::iota(order.begin(), order.end(), begin);
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return freq[a] > freq[b]; });
    const int64_t keep = std::max<int64_t>(1, int64_t(0.05 * double(n)));
    for (int64_t i = 0; i < keep; ++i) modules.set(c, order[i], true);
}

}  // namespace

BitMatrix moduleMasks(const std::vector<std::vector<float>>& frequencies,
                      const std::vector<int64_t>& layerWidths, double threshold) {
    const int64_t k = std::accumulate(layerWidths.begin(), layerWidths.end(), int64_t(0));
    BitMatrix modules(int64_t(frequencies.size()), k);
    for (size_t c = 0; c < frequencies.size(); ++c) {
        if (int64_t(frequencies[c].size()) != k) {
            throw std::invalid_argument("moduleMasks: layer widths do not add up to the mask size");
        }
        int64_t begin = 0;
        for (int64_t n : layerWidths) {
            thresholdLayer(frequencies[c], begin, n, threshold, modules, int64_t(c));
            begin += n;
        }
    }
    return modules;
}

double moduleRetention(const BitMatrix& modules) {
    if (modules.rows() == 0 || modules.cols() == 0) return NAN;
    double sum = 0;
    for (int64_t c = 0; c < modules.rows(); ++c)
        sum += double(modules.rowCount(c)) / modules.cols();
    return sum / modules.rows();
}

std::vector<double> classCohesion(const BitMatrix& sampleMasks, const std::vector<int64_t>& labels,
                                  const BitMatrix& modules) {
    const int64_t words = sampleMasks.wordsPerRow();
    std::vector<double> cohesion(modules.rows(), NAN);
    for (int64_t c = 0; c < modules.rows(); ++c) {
        // Restrict each sample of class c to the module's units once, then compare all pairs.
        std::vector<uint64_t> restricted;
        const uint64_t* module = modules.row(c);
        for (int64_t r = 0; r < sampleMasks.rows(); ++r) {
            if (labels[r] != c) continue;
            const uint64_t* sample = sampleMasks.row(r);
            for (int64_t w = 0; w < words; ++w) restricted.push_back(sample[w] & module[w]);
        }
        const int64_t n = int64_t(restricted.size()) / std::max<int64_t>(words, 1);
        double sum = 0;
        int64_t pairs = 0;
        for (int64_t i = 0; i < n; ++i) {
            for (int64_t j = i + 1; j < n; ++j) {
                int64_t inter, uni;
                intersectionAndUnion(&restricted[i * words], &restricted[j * words], words, &inter,
                                     &uni);
                if (uni == 0) continue;
                sum += double(inter) / double(uni);
                ++pairs;
            }
        }
        if (pairs > 0) cohesion[c] = sum / double(pairs);
    }
    return cohesion;
}

double moduleCoupling(const BitMatrix& modules) {
    double sum = 0;
    int64_t pairs = 0;
    for (int64_t a = 0; a < modules.rows(); ++a) {
        for (int64_t b = a + 1; b < modules.rows(); ++b) {
            int64_t inter, uni;
            intersectionAndUnion(modules.row(a), modules.row(b), modules.wordsPerRow(), &inter,
                                 &uni);
            if (uni == 0) continue;
            sum += double(inter) / double(uni);
            ++pairs;
        }
    }
    return pairs > 0 ? sum / double(pairs) : NAN;
}

double finiteMean(const std::vector<double>& values) {
    double sum = 0;
    int64_t n = 0;
    for (double v : values) {
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    }
    return n > 0 ? sum / double(n) : NAN;
}

}  // namespace nemo
