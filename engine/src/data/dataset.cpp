// Dataset names, where their files are looked for, and the whole-set operations (class subsets,
// padding) that the trainer and the workbench apply after reading.
#include "nemo/dataset.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "data/class_names.h"
#include "data/readers.h"

namespace nemo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFashionMnistDebianDir = "/usr/share/datasets/fashion-mnist";
constexpr int kCifar10TrainBatches = 5;

bool isDirectory(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

bool isFile(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
    return text;
}

bool isCifar100(const std::string& name) {
    return name.rfind("cifar100", 0) == 0;
}

// What the user should do when a dataset's files are not where they were looked for.
std::string adviceFor(const std::string& name) {
    if (name == "fashion-mnist") {
        return "install the Debian package dataset-fashion-mnist or pass --data-dir (or set "
               "NEMO_DATA_DIR)";
    }
    if (name == "mnist") {
        return "download the four MNIST idx files (train-images-idx3-ubyte.gz, ...) into one "
               "directory and pass it with --data-dir (or set NEMO_DATA_DIR)";
    }
    if (name == "cifar10") {
        return "unpack cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html "
               "and pass the directory with --data-dir (or set NEMO_DATA_DIR)";
    }
    if (name == "folder") {
        return "pass --data-dir DIR where DIR/train/<class>/ and DIR/test/<class>/ hold .png or "
               ".jpg images (or DIR/<class>/ alone, split 80/20)";
    }
    if (isCifar100(name)) {
        return "unpack cifar-100-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html "
               "and pass the directory with --data-dir (or set NEMO_DATA_DIR)";
    }
    return "download train_32x32.mat and test_32x32.mat from "
           "http://ufldl.stanford.edu/housenumbers/ and pass their directory with --data-dir (or "
           "set NEMO_DATA_DIR)";
}

[[noreturn]] void throwMissing(const std::string& name, const fs::path& file,
                               const std::string& lookedIn) {
    throw DataError(file.string() + ": not found (" + name + ", looked in " + lookedIn +
                    "): " + adviceFor(name));
}

std::string requireFile(const std::string& name, const fs::path& dir, const std::string& file) {
    const fs::path path = dir / file;
    if (!isFile(path)) throwMissing(name, path, dir.string());
    return path.string();
}

// The idx files as distributed (.gz) or unpacked (no suffix).
std::string findIdxFile(const std::string& name, const fs::path& dir, const std::string& base) {
    const fs::path gz = dir / (base + ".gz");
    if (isFile(gz)) return gz.string();
    if (isFile(dir / base)) return (dir / base).string();
    throwMissing(name, gz, dir.string() + ", also without .gz");
}

// The folder holding `marker`: `dir` itself, or `dir/subdir` as the archives unpack.
fs::path findFolder(const std::string& name, const fs::path& dir, const std::string& marker,
                    const std::string& subdir) {
    if (isFile(dir / marker)) return dir;
    if (isFile(dir / subdir / marker)) return dir / subdir;
    throwMissing(name, dir / marker, dir.string() + " and " + (dir / subdir).string());
}

void requireSameShape(const ImageSet& train, const ImageSet& test, const std::string& where) {
    if (train.channels != test.channels || train.height != test.height ||
        train.width != test.width) {
        throw DataError(where + ": the test images (" + std::to_string(test.channels) + "x" +
                        std::to_string(test.height) + "x" + std::to_string(test.width) +
                        ") differ in shape from the training images (" +
                        std::to_string(train.channels) + "x" + std::to_string(train.height) + "x" +
                        std::to_string(train.width) + ")");
    }
}

DatasetInfo makeInfo(const std::string& name, std::vector<std::string> classNames,
                     std::vector<float> mean, std::vector<float> std, bool flip) {
    DatasetInfo info;
    info.name = name;
    info.classNames = std::move(classNames);
    info.mean = std::move(mean);
    info.std = std::move(std);
    info.horizontalFlip = flip;
    info.cropPadding = 4;
    return info;
}

// The reference uses the CIFAR-10 statistics for CIFAR-100 too (docs/method.md §5).
const std::vector<float> kCifarMean = {0.4914f, 0.4822f, 0.4465f};
const std::vector<float> kCifarStd = {0.2471f, 0.2435f, 0.2616f};

Dataset loadIdx(const std::string& name, const fs::path& dir) {
    const std::string trainImages = findIdxFile(name, dir, "train-images-idx3-ubyte");
    const std::string trainLabels = findIdxFile(name, dir, "train-labels-idx1-ubyte");
    const std::string testImages = findIdxFile(name, dir, "t10k-images-idx3-ubyte");
    const std::string testLabels = findIdxFile(name, dir, "t10k-labels-idx1-ubyte");
    Dataset data;
    if (name == "fashion-mnist") {
        data.info = makeInfo(name, detail::fashionMnistClassNames(), {0.2860f}, {0.3530f}, true);
    } else {
        // Mirrored digits are not digits.
        data.info = makeInfo(name, detail::digitClassNames(), {0.1307f}, {0.3081f}, false);
    }
    data.train = readIdx(trainImages, trainLabels);
    data.test = readIdx(testImages, testLabels);
    requireSameShape(data.train, data.test, testImages);
    return data;
}

Dataset loadCifar10(const fs::path& dir) {
    const fs::path folder = findFolder("cifar10", dir, "data_batch_1.bin", "cifar-10-batches-bin");
    std::vector<std::string> trainFiles;
    for (int b = 1; b <= kCifar10TrainBatches; ++b) {
        trainFiles.push_back(
            requireFile("cifar10", folder, "data_batch_" + std::to_string(b) + ".bin"));
    }
    const std::string testFile = requireFile("cifar10", folder, "test_batch.bin");

    auto names = detail::readClassNameFile((folder / "batches.meta.txt").string(), 10);
    if (names.empty()) names = detail::cifar10ClassNames();
    Dataset data;
    data.info = makeInfo("cifar10", std::move(names), kCifarMean, kCifarStd, true);
    data.train = readCifarBinary(trainFiles, false);
    data.test = readCifarBinary({testFile}, false);
    return data;
}

// Fine labels map to a 20-way grouping after reading ("cifar100-custom20").
void regroup(ImageSet& set, const std::vector<int>& fineToGroup) {
    for (auto& label : set.labels) label = fineToGroup.at(static_cast<size_t>(label));
}

Dataset loadCifar100(const std::string& name, const fs::path& dir) {
    const fs::path folder = findFolder(name, dir, "train.bin", "cifar-100-binary");
    const std::string trainFile = requireFile(name, folder, "train.bin");
    const std::string testFile = requireFile(name, folder, "test.bin");

    using detail::CifarLabel;
    const CifarLabel label =
        name == "cifar100-coarse" ? CifarLabel::kCifar100Coarse : CifarLabel::kCifar100Fine;
    Dataset data;
    data.train = detail::readCifarRecords({trainFile}, label);
    data.test = detail::readCifarRecords({testFile}, label);

    std::vector<std::string> names;
    if (name == "cifar100") {
        names = detail::readClassNameFile((folder / "fine_label_names.txt").string(), 100);
        if (names.empty()) names = detail::cifar100FineNames();
    } else if (name == "cifar100-coarse") {
        names = detail::readClassNameFile((folder / "coarse_label_names.txt").string(), 20);
        if (names.empty()) names = detail::cifar100CoarseNames();
    } else {
        names = detail::customGroupNames();
        regroup(data.train, cifar100CustomGrouping());
        regroup(data.test, cifar100CustomGrouping());
    }
    data.info = makeInfo(name, std::move(names), kCifarMean, kCifarStd, true);
    return data;
}

Dataset loadSvhn(const fs::path& dir) {
    const std::string trainFile = requireFile("svhn", dir, "train_32x32.mat");
    const std::string testFile = requireFile("svhn", dir, "test_32x32.mat");
    Dataset data;
    // ImageNet statistics, as the reference uses (docs/method.md §5). No flips: mirrored digits are
    // not digits.
    data.info = makeInfo("svhn", detail::digitClassNames(), {0.485f, 0.456f, 0.406f},
                         {0.229f, 0.224f, 0.225f}, false);
    data.train = readSvhnMat(trainFile);
    data.test = readSvhnMat(testFile);
    requireSameShape(data.train, data.test, testFile);
    return data;
}

// The images of `set` whose label has a new label (>= 0) in `newLabel`.
ImageSet keepRemapped(const ImageSet& set, const std::vector<int64_t>& newLabel) {
    ImageSet out;
    out.channels = set.channels;
    out.height = set.height;
    out.width = set.width;
    const int64_t bytes = set.imageBytes();
    for (int64_t i = 0; i < set.size(); ++i) {
        const int64_t label = set.labels[i];
        if (label < 0 || label >= static_cast<int64_t>(newLabel.size())) continue;
        if (newLabel[label] < 0) continue;
        out.labels.push_back(newLabel[label]);
        out.pixels.insert(out.pixels.end(), set.image(i), set.image(i) + bytes);
    }
    return out;
}

}  // namespace

std::vector<std::string> datasetNames() {
    return {"fashion-mnist",     "mnist", "cifar10", "cifar100", "cifar100-coarse",
            "cifar100-custom20", "svhn",  "folder"};
}

std::string defaultDataDir(const std::string& name) {
    const char* env = std::getenv("NEMO_DATA_DIR");
    if (env != nullptr && *env != '\0') {
        const fs::path root(env);
        if (isDirectory(root / name)) return (root / name).string();
        // The three CIFAR-100 label sets share one copy of the files.
        if (isCifar100(name) && isDirectory(root / "cifar100")) return (root / "cifar100").string();
        if (isDirectory(root)) return root.string();
    }
    if (name == "fashion-mnist") return kFashionMnistDebianDir;
    return {};
}

Dataset loadDataset(const std::string& name, const std::string& dataDir, int imageSize) {
    const auto names = datasetNames();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        throw DataError("unknown dataset '" + name + "': valid names are " + joined(names));
    }
    const std::string dir = dataDir.empty() ? defaultDataDir(name) : dataDir;
    if (dir.empty()) {
        throw DataError("no data directory for " + name + " (--data-dir not given, NEMO_DATA_DIR " +
                        "not set): " + adviceFor(name));
    }
    if (!isDirectory(dir)) {
        throw DataError(dir + ": no such directory (looking for " + name + "): " + adviceFor(name));
    }
    if (name == "fashion-mnist" || name == "mnist") return loadIdx(name, dir);
    if (name == "cifar10") return loadCifar10(dir);
    if (name == "folder") return readImageFolder(dir, imageSize);
    if (isCifar100(name)) return loadCifar100(name, dir);
    return loadSvhn(dir);
}

Dataset selectClasses(const Dataset& data, const std::vector<int>& classes) {
    const int numClasses = data.info.numClasses();
    const std::string range = data.info.name + " has classes 0.." + std::to_string(numClasses - 1);
    if (classes.empty()) throw DataError("no classes selected (" + range + ")");

    std::vector<int64_t> newLabel(numClasses, -1);
    std::vector<std::string> names;
    for (size_t i = 0; i < classes.size(); ++i) {
        const int c = classes[i];
        if (c < 0 || c >= numClasses) {
            throw DataError("class " + std::to_string(c) + " is out of range: " + range);
        }
        if (newLabel[c] >= 0) throw DataError("class " + std::to_string(c) + " is listed twice");
        newLabel[c] = static_cast<int64_t>(i);
        names.push_back(data.info.classNames[c]);
    }
    Dataset out;
    out.info = data.info;
    out.info.classNames = std::move(names);
    out.train = keepRemapped(data.train, newLabel);
    out.test = keepRemapped(data.test, newLabel);
    return out;
}

ImageSet takeFirst(const ImageSet& set, int64_t n) {
    if (n <= 0 || n >= set.size()) return set;
    ImageSet out;
    out.channels = set.channels;
    out.height = set.height;
    out.width = set.width;
    out.labels.assign(set.labels.begin(), set.labels.begin() + n);
    out.pixels.assign(set.pixels.begin(), set.pixels.begin() + n * set.imageBytes());
    return out;
}

ImageSet padTo(const ImageSet& set, int size) {
    if (set.height >= size && set.width >= size) return set;
    ImageSet out;
    out.channels = set.channels;
    out.height = std::max(set.height, size);
    out.width = std::max(set.width, size);
    out.labels = set.labels;
    out.pixels.assign(static_cast<size_t>(set.size() * out.imageBytes()), 0);
    // Centred; an odd margin leaves the extra row/column below/right of the image.
    const int top = (out.height - set.height) / 2;
    const int left = (out.width - set.width) / 2;
    for (int64_t i = 0; i < set.size(); ++i) {
        const uint8_t* src = set.image(i);
        uint8_t* dst = out.pixels.data() + i * out.imageBytes();
        for (int c = 0; c < set.channels; ++c) {
            for (int y = 0; y < set.height; ++y) {
                const uint8_t* row = src + (int64_t(c) * set.height + y) * set.width;
                uint8_t* to = dst + (int64_t(c) * out.height + y + top) * out.width + left;
                std::copy(row, row + set.width, to);
            }
        }
    }
    return out;
}

std::vector<int64_t> classCounts(const ImageSet& set, int numClasses) {
    std::vector<int64_t> counts(std::max(numClasses, 0), 0);
    for (int64_t label : set.labels) {
        if (label >= 0 && label < numClasses) ++counts[label];
    }
    return counts;
}

}  // namespace nemo
