// From binary per-sample masks to per-class module masks and the modularity metrics of
// docs/method.md §6.2-6.3. Plain C++: the GUI's threshold slider previews retention with it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nemo/bit_matrix.h"

namespace nemo {

// Per class, the fraction of its samples in which each unit is active (float32, as the
// published code computes it). A class without samples has all-zero frequencies.
std::vector<std::vector<float>> classFrequencies(const BitMatrix& sampleMasks,
                                                 const std::vector<int64_t>& labels,
                                                 int numClasses);

// Module masks (numClasses x K) with the threshold rule of §6.2, layer by layer: keep units with
// frequency >= thr; while a layer keeps nothing, lower thr by 0.05 (double, compared against
// float32). Deterministic fallback (the published code draws random units here): when thr falls to
// 0 or below, keep the max(1, int(0.05 * N_l)) units of highest frequency, lowest index first on
// ties.
BitMatrix moduleMasks(const std::vector<std::vector<float>>& frequencies,
                      const std::vector<int64_t>& layerWidths, double threshold);

// Throws std::invalid_argument unless 0 < threshold <= 1, naming `option` (how the user gave it).
void checkThreshold(double threshold, const std::string& option = "--threshold");

// Mean over classes of |module_c| / K.
double moduleRetention(const BitMatrix& modules);

// Per class: the mean Jaccard index over all pairs of its samples, each sample mask restricted to
// the class's module (§6.3). Pairs with an empty union are skipped (the published code would give
// NaN); a class with fewer than two samples (or only empty pairs) gets NaN.
std::vector<double> classCohesion(const BitMatrix& sampleMasks, const std::vector<int64_t>& labels,
                                  const BitMatrix& modules);

// Mean Jaccard index over all unordered pairs of distinct class modules (§6.3). Pairs with an
// empty union are skipped.
double moduleCoupling(const BitMatrix& modules);

// Mean of the finite values (NaN when there are none).
double finiteMean(const std::vector<double>& values);

}  // namespace nemo
