// Class-name tables and small helpers shared by the dataset readers (private to nemo_data).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace nemo::detail {

const std::vector<std::string>& fashionMnistClassNames();
const std::vector<std::string>& digitClassNames();  // "0".."9" (MNIST, SVHN)
const std::vector<std::string>& cifar10ClassNames();
const std::vector<std::string>& cifar100FineNames();
const std::vector<std::string>& cifar100CoarseNames();
std::vector<std::string> customGroupNames();  // "group 0".."group 19"

// One name per non-empty line (batches.meta.txt, fine_label_names.txt, ...). Returns an empty
// list when the file is absent or does not hold exactly `expected` names, so that callers fall
// back to the standard names instead of failing on an optional file.
std::vector<std::string> readClassNameFile(const std::string& path, std::size_t expected);

}  // namespace nemo::detail
