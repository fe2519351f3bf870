// Dataset images (uint8 CHW, nemo/dataset.h) as QImages, and which samples to show per class.
#pragma once

#include <QImage>
#include <vector>

#include "nemo/dataset.h"

// Image i of the set: grayscale for one channel, RGB for three (other counts show channel 0).
QImage sampleImage(const nemo::ImageSet& set, int64_t i);

// The first `perClass` sample indices of each class, in dataset order (deterministic, so the same
// images appear every time a dataset is shown).
std::vector<std::vector<int64_t>> firstSamplesPerClass(const nemo::ImageSet& set, int classes,
                                                       int perClass);

// A small image scaled up by a whole factor with nearest-neighbour sampling: pixels stay square
// and crisp instead of blurring, which is how a 28x28 digit should look.
QPixmap crispPixmap(const QImage& image, int size);
