#include "nemo/module_masks.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <thread>

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

void checkThreshold(double threshold, const std::string& option) {
    if (threshold > 0.0 && threshold <= 1.0) return;
    throw std::invalid_argument(option +
                                " must be in (0, 1], the share of a class's images a neuron is "
                                "active on (got " +
                                std::to_string(threshold) + ")");
}

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

namespace {

// Sum and count of the Jaccard index over all unordered pairs of a class's restricted sample masks,
// exactly as the all-pairs definition (docs/method.md §6.3), but fast: trained masks repeat a lot
// (a class's samples mostly switch on the same units), so identical masks are grouped first and a
// pair of groups counts count_a * count_b times; a group with itself contributes C(count, 2)
// pairs of J = 1. |a or b| = |a| + |b| - |a and b| needs one popcount per word. Pairs whose union
// is empty (two all-zero masks) are skipped, as documented in the README.
struct PairSums {
    double sum = 0;
    double pairs = 0;
};

PairSums jaccardOverPairs(const std::vector<uint64_t>& masks, int64_t words) {
    const int64_t n = words > 0 ? int64_t(masks.size()) / words : 0;
    auto rowOf = [&](int64_t i) { return masks.data() + i * words; };
    std::vector<int64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return std::lexicographical_compare(rowOf(a), rowOf(a) + words, rowOf(b), rowOf(b) + words);
    });
    std::vector<const uint64_t*> unique;
    std::vector<double> count;
    std::vector<int64_t> ones;
    for (int64_t i = 0; i < n; ++i) {
        const uint64_t* row = rowOf(order[i]);
        if (!unique.empty() && std::equal(row, row + words, unique.back())) {
            count.back() += 1;
            continue;
        }
        unique.push_back(row);
        count.push_back(1);
        int64_t p = 0;
        for (int64_t w = 0; w < words; ++w) p += __builtin_popcountll(row[w]);
        ones.push_back(p);
    }
    const int64_t u = int64_t(unique.size());
    PairSums total;
    for (int64_t a = 0; a < u; ++a) {
        if (ones[a] > 0) {
            const double within = count[a] * (count[a] - 1) / 2;
            total.sum += within;
            total.pairs += within;
        }
    }
    // Across groups: split the rows into fixed chunks (the same for any thread count, so the
    // floating-point sum does not depend on the machine) and run the chunks on all cores.
    const int64_t chunks = std::min<int64_t>(u, 256);
    std::vector<PairSums> partial(std::max<int64_t>(chunks, 1));
    std::atomic<int64_t> next{0};
    auto work = [&] {
        for (int64_t c = next++; c < chunks; c = next++) {
            PairSums local;
            // Interleaved rows balance the triangle: chunk c takes a = c, c + chunks, ...
            for (int64_t a = c; a < u; a += chunks) {
                const uint64_t* ra = unique[a];
                double rowSum = 0, rowPairs = 0;
                for (int64_t b = a + 1; b < u; ++b) {
                    const uint64_t* rb = unique[b];
                    int64_t inter = 0;
                    for (int64_t w = 0; w < words; ++w)
                        inter += __builtin_popcountll(ra[w] & rb[w]);
                    const int64_t uni = ones[a] + ones[b] - inter;
                    if (uni == 0) continue;
                    rowSum += count[b] * (double(inter) / double(uni));
                    rowPairs += count[b];
                }
                local.sum += count[a] * rowSum;
                local.pairs += count[a] * rowPairs;
            }
            partial[c] = local;
        }
    };
    const int64_t threads =
        std::clamp<int64_t>(int64_t(std::thread::hardware_concurrency()), 1, 64);
    if (u > 64 && threads > 1) {
        std::vector<std::thread> pool;
        for (int64_t t = 0; t < threads; ++t) pool.emplace_back(work);
        for (auto& t : pool) t.join();
    } else {
        work();
    }
    for (const PairSums& p : partial) {
        total.sum += p.sum;
        total.pairs += p.pairs;
    }
    return total;
}

}  // namespace

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
        const PairSums sums = jaccardOverPairs(restricted, words);
        if (sums.pairs > 0) cohesion[c] = sums.sum / sums.pairs;
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
