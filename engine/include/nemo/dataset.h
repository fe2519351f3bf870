// Image datasets held in memory as raw uint8 pixels, in plain C++ (no LibTorch), so that the
// desktop app can show samples without compiling LibTorch and the trainer can normalize and
// augment whole batches at once.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nemo {

// A file is missing, truncated or not in the format it should be in. The message names the file
// and says what is wrong and what to do.
class DataError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// N images of C x H x W uint8 pixels, stored image after image, each in CHW order.
struct ImageSet {
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<uint8_t> pixels;
    std::vector<int64_t> labels;

    int64_t size() const { return static_cast<int64_t>(labels.size()); }
    int64_t imageBytes() const { return int64_t(channels) * height * width; }
    const uint8_t* image(int64_t i) const { return pixels.data() + i * imageBytes(); }
};

// What the trainer needs to know about a dataset besides its pixels.
struct DatasetInfo {
    std::string name;                     // e.g. "fashion-mnist"
    std::vector<std::string> classNames;  // index = label
    std::vector<float> mean;              // per channel, on pixels scaled to [0, 1]
    std::vector<float> std;               // per channel
    bool horizontalFlip = true;           // training augmentation: random horizontal flip
    int cropPadding = 4;                  // training augmentation: zero-pad then random crop
    int numClasses() const { return static_cast<int>(classNames.size()); }
};

struct Dataset {
    DatasetInfo info;
    ImageSet train;
    ImageSet test;
};

// Names accepted by loadDataset: fashion-mnist, mnist, cifar10, cifar100 (100 fine labels),
// cifar100-coarse (the canonical 20 superclasses), cifar100-custom20 (the NeMo code's grouping,
// docs/method.md §5.3), svhn, folder (your own images: readImageFolder).
std::vector<std::string> datasetNames();

// Directory a dataset is read from when the user gives none: $NEMO_DATA_DIR/<name> or
// $NEMO_DATA_DIR when it holds the files, else the Debian package's location for fashion-mnist
// (/usr/share/datasets/fashion-mnist); empty when there is no default.
std::string defaultDataDir(const std::string& name);

// Reads train and test splits. Throws DataError with a message naming the file and the problem.
// imageSize: the side "folder" images are brought to (the other datasets have their own).
Dataset loadDataset(const std::string& name, const std::string& dataDir = {}, int imageSize = 32);

// An image-folder dataset: DIR/train/<class>/*.png|jpg|jpeg with DIR/test/<class>/..., or
// DIR/<class>/... split 80/20 per class by a fixed seed (the same split every time). Classes are
// the subfolders sorted by name (as torchvision's ImageFolder). Each image is decoded (stb_image),
// its shorter side resized to `size` and centre-cropped to size x size; grey when no file has
// colour, else RGB. Mean and std are measured on the training images. The decoded pixels are
// cached under $NEMO_CACHE_DIR (default ~/.cache/nemo), keyed by every file's name, size and
// time, so a second load only reads one file. Throws DataError naming a file that cannot be
// decoded, an empty class folder, or a tree with fewer than two classes.
Dataset readImageFolder(const std::string& dir, int size);

// Keeps only the samples whose label is in `classes` and remaps each label to its position in
// that list (docs/method.md §5.2). Class names follow. Throws DataError on an id out of range or a
// repeated id.
Dataset selectClasses(const Dataset& data, const std::vector<int>& classes);

// The first n samples (all when n <= 0 or n >= size).
ImageSet takeFirst(const ImageSet& set, int64_t n);

// Zero-pads every image to at least size x size (centred), e.g. 28x28 Fashion-MNIST to the 32x32
// the paper's CNNs expect.
ImageSet padTo(const ImageSet& set, int size);

// Samples per class, index = label.
std::vector<int64_t> classCounts(const ImageSet& set, int numClasses);

// Readers for the individual formats (used by loadDataset, exposed for tests and tools).
ImageSet readIdx(const std::string& imagesPath, const std::string& labelsPath);  // gzip or raw
ImageSet readCifarBinary(const std::vector<std::string>& files, bool cifar100);  // 100: fine labels
std::vector<int64_t> readCifar100CoarseLabels(const std::vector<std::string>& files);
ImageSet readSvhnMat(const std::string& path);  // label 10 means digit 0

// CIFAR-100 label groupings: fine label -> superclass.
const std::vector<int>& cifar100CanonicalCoarse();  // the dataset's own 20 coarse labels
const std::vector<int>& cifar100CustomGrouping();   // docs/method.md §5.3 (custom_defined = true)

}  // namespace nemo
