// Reader entry points shared inside nemo_data (not part of the public API).
#pragma once

#include <string>
#include <vector>

#include "nemo/dataset.h"

namespace nemo::detail {

// Which label byte of a CIFAR binary record becomes ImageSet::labels.
enum class CifarLabel {
    kCifar10,         // record = label, 3072 pixels
    kCifar100Fine,    // record = coarse, fine, 3072 pixels
    kCifar100Coarse,  // same record, keeping the coarse byte
};

// Reads every record of every file, in order, so that loadDataset can take the coarse labels
// without reading the files twice.
ImageSet readCifarRecords(const std::vector<std::string>& files, CifarLabel label);

}  // namespace nemo::detail
