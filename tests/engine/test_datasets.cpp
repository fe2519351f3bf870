// Dataset readers: tiny files in each real on-disk format (gzip idx, CIFAR binary records, SVHN
// MATLAB v5) are written into a temporary directory and read back through loadDataset and the
// individual readers, checking exact pixels, labels, metadata and every error path.
#include <matio.h>
#include <zlib.h>

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "nemo/dataset.h"

namespace {

using nemo::DataError;
using nemo::Dataset;
using nemo::ImageSet;
using Bytes = std::vector<uint8_t>;
namespace fs = std::filesystem;

// ---- generic helpers ------------------------------------------------------------------------

std::string pathIn(const QTemporaryDir& dir, const std::string& name) {
    return dir.filePath(QString::fromStdString(name)).toStdString();
}

std::string makeDir(const QTemporaryDir& dir, const std::string& name) {
    const std::string path = pathIn(dir, name);
    fs::create_directories(path);
    return path;
}

void writeRaw(const std::string& path, const Bytes& data) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

void writeGz(const std::string& path, const Bytes& data) {
    gzFile f = gzopen(path.c_str(), "wb");
    if (f == nullptr) throw std::runtime_error("cannot create " + path);
    const int written = data.empty() ? 0 : gzwrite(f, data.data(), unsigned(data.size()));
    gzclose(f);
    if (written != int(data.size())) throw std::runtime_error("gzwrite failed for " + path);
}

Bytes readRaw(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The DataError message `f` throws, or a marker that cannot contain a file name.
template <typename F>
std::string dataErrorOf(F&& f) {
    try {
        f();
    } catch (const DataError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<not a DataError: ") + e.what() + ">";
    }
    return "<no exception>";
}

#define VERIFY_DATA_ERROR(expr, needle)                                                        \
    do {                                                                                       \
        const std::string msg_ = dataErrorOf([&] { (void)(expr); });                           \
        const std::string needle_ = (needle);                                                  \
        QVERIFY2(msg_.find(needle_) != std::string::npos && msg_[0] != '<',                    \
                 ("expected a DataError mentioning '" + needle_ + "', got: " + msg_).c_str()); \
    } while (0)

uint8_t pixelAt(const ImageSet& set, int64_t i, int c, int y, int x) {
    return set.image(i)[(int64_t(c) * set.height + y) * set.width + x];
}

// ---- idx (MNIST / Fashion-MNIST) ------------------------------------------------------------

void putBigEndian(Bytes& b, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) b.push_back(uint8_t(v >> shift));
}

uint8_t idxPixel(int image, int row, int col) {
    return uint8_t((image * 31 + row * 7 + col * 3) % 251);
}

Bytes idxImages(uint32_t count, uint32_t rows, uint32_t cols, int pixelsWritten = -1,
                uint32_t magic = 2051) {
    Bytes b;
    putBigEndian(b, magic);
    putBigEndian(b, count);
    putBigEndian(b, rows);
    putBigEndian(b, cols);
    const int images = pixelsWritten < 0 ? int(count) : pixelsWritten;
    for (int i = 0; i < images; ++i) {
        for (uint32_t r = 0; r < rows; ++r) {
            for (uint32_t c = 0; c < cols; ++c) b.push_back(idxPixel(i, int(r), int(c)));
        }
    }
    return b;
}

Bytes idxLabels(const Bytes& labels, uint32_t magic = 2049) {
    Bytes b;
    putBigEndian(b, magic);
    putBigEndian(b, uint32_t(labels.size()));
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}

// Four idx files in `dir`: 5 training and 3 test images, gzip except the test labels (raw).
void writeIdxSet(const std::string& dir) {
    writeGz(dir + "/train-images-idx3-ubyte.gz", idxImages(5, 28, 28));
    writeGz(dir + "/train-labels-idx1-ubyte.gz", idxLabels({9, 0, 3, 3, 7}));
    writeGz(dir + "/t10k-images-idx3-ubyte.gz", idxImages(3, 28, 28));
    writeRaw(dir + "/t10k-labels-idx1-ubyte", idxLabels({1, 2, 8}));
}

// ---- CIFAR binary ---------------------------------------------------------------------------

uint8_t cifarPixel(int record, int ch, int row, int col) {
    return uint8_t((record * 17 + ch * 80 + row * 3 + col * 5) % 256);
}

void appendCifarRecord(Bytes& b, const Bytes& labelBytes, int record) {
    b.insert(b.end(), labelBytes.begin(), labelBytes.end());
    for (int ch = 0; ch < 3; ++ch) {
        for (int row = 0; row < 32; ++row) {
            for (int col = 0; col < 32; ++col) b.push_back(cifarPixel(record, ch, row, col));
        }
    }
}

bool sameCifarImage(const ImageSet& set, int64_t i, int record) {
    for (int ch = 0; ch < 3; ++ch) {
        for (int row = 0; row < 32; ++row) {
            for (int col = 0; col < 32; ++col) {
                if (pixelAt(set, i, ch, row, col) != cifarPixel(record, ch, row, col)) return false;
            }
        }
    }
    return true;
}

// data_batch_b.bin holds records 2(b-1) and 2(b-1)+1 with labels (2b-1) % 10 and (2b) % 10;
// test_batch.bin holds record 100 with label 4.
void writeCifar10(const std::string& folder) {
    for (int b = 1; b <= 5; ++b) {
        Bytes data;
        appendCifarRecord(data, {uint8_t((2 * b - 1) % 10)}, 2 * (b - 1));
        appendCifarRecord(data, {uint8_t((2 * b) % 10)}, 2 * (b - 1) + 1);
        writeRaw(folder + "/data_batch_" + std::to_string(b) + ".bin", data);
    }
    Bytes test;
    appendCifarRecord(test, {4}, 100);
    writeRaw(folder + "/test_batch.bin", test);
}

const std::vector<int> kCifar100TrainFine = {0, 99, 50, 12, 15};
const std::vector<int> kCifar100TestFine = {55, 1};

void writeCifar100(const std::string& folder) {
    const auto& coarse = nemo::cifar100CanonicalCoarse();
    Bytes train, test;
    for (size_t i = 0; i < kCifar100TrainFine.size(); ++i) {
        const int fine = kCifar100TrainFine[i];
        appendCifarRecord(train, {uint8_t(coarse[fine]), uint8_t(fine)}, int(i));
    }
    for (size_t i = 0; i < kCifar100TestFine.size(); ++i) {
        const int fine = kCifar100TestFine[i];
        appendCifarRecord(test, {uint8_t(coarse[fine]), uint8_t(fine)}, 50 + int(i));
    }
    writeRaw(folder + "/train.bin", train);
    writeRaw(folder + "/test.bin", test);
}

// ---- SVHN (MATLAB v5) -----------------------------------------------------------------------

// Distinct for (row, col) and (col, row), so a transposed read cannot pass.
uint8_t svhnPixel(size_t n, size_t ch, size_t row, size_t col) {
    return uint8_t((row + 2 * col + 50 * ch + 7 * n) % 256);
}

struct SvhnFile {
    size_t height = 32, width = 32, count = 1;
    int xRank = 4;
    matio_classes xClass = MAT_C_UINT8;
    std::vector<double> y;
    matio_classes yClass = MAT_C_DOUBLE;
    bool yRow = false;        // 1 x N instead of N x 1
    bool compressed = false;  // zlib, as SVHN's own files
};

template <typename T>
void* copyAs(const std::vector<double>& values, std::vector<T>& storage) {
    storage.assign(values.begin(), values.end());
    return storage.data();
}

void writeMatVar(mat_t* mat, const char* name, matio_classes cls, int rank, size_t* dims,
                 const std::vector<double>& values, bool compressed) {
    std::vector<double> d;
    std::vector<uint8_t> u8;
    std::vector<int32_t> i32;
    void* data = nullptr;
    matio_types type = MAT_T_DOUBLE;
    switch (cls) {
        case MAT_C_UINT8:
            data = copyAs(values, u8);
            type = MAT_T_UINT8;
            break;
        case MAT_C_INT32:
            data = copyAs(values, i32);
            type = MAT_T_INT32;
            break;
        default:
            data = copyAs(values, d);
            type = MAT_T_DOUBLE;
            break;
    }
    matvar_t* var = Mat_VarCreate(name, cls, type, rank, dims, data, 0);
    if (var == nullptr) throw std::runtime_error(std::string("Mat_VarCreate failed for ") + name);
    const int rc = Mat_VarWrite(mat, var, compressed ? MAT_COMPRESSION_ZLIB : MAT_COMPRESSION_NONE);
    Mat_VarFree(var);
    if (rc != 0) throw std::runtime_error(std::string("Mat_VarWrite failed for ") + name);
}

void writeSvhn(const std::string& path, const SvhnFile& f) {
    // X(row, col, ch, n) in MATLAB's column-major order: row varies fastest.
    std::vector<double> x(f.height * f.width * 3 * f.count);
    for (size_t n = 0; n < f.count; ++n) {
        for (size_t ch = 0; ch < 3; ++ch) {
            for (size_t col = 0; col < f.width; ++col) {
                for (size_t row = 0; row < f.height; ++row) {
                    x[row + f.height * (col + f.width * (ch + 3 * n))] = svhnPixel(n, ch, row, col);
                }
            }
        }
    }
    mat_t* mat = Mat_CreateVer(path.c_str(), nullptr, MAT_FT_MAT5);
    if (mat == nullptr) throw std::runtime_error("Mat_CreateVer failed for " + path);
    size_t xDims[4] = {f.height, f.width, 3, f.count};
    size_t yDims[2] = {f.yRow ? 1 : f.y.size(), f.yRow ? f.y.size() : 1};
    writeMatVar(mat, "X", f.xClass, f.xRank, xDims, x, f.compressed);
    writeMatVar(mat, "y", f.yClass, 2, yDims, f.y, f.compressed);
    Mat_Close(mat);
}

// Overwrites the 32-bit word `at` bytes into the first occurrence of `pattern` (an element of an
// uncompressed .mat file, e.g. a variable's dimensions).
void patchWord(Bytes& file, const Bytes& pattern, size_t at, uint32_t value) {
    const auto found = std::search(file.begin(), file.end(), pattern.begin(), pattern.end());
    if (found == file.end()) throw std::runtime_error("pattern not found in the .mat file");
    for (int i = 0; i < 4; ++i) found[at + i] = uint8_t(value >> (8 * i));
}

Bytes littleEndianWords(const std::vector<uint32_t>& words) {
    Bytes b;
    for (uint32_t w : words) {
        for (int i = 0; i < 4; ++i) b.push_back(uint8_t(w >> (8 * i)));
    }
    return b;
}

bool sameSvhnImages(const ImageSet& set, const SvhnFile& f) {
    if (set.channels != 3 || size_t(set.height) != f.height || size_t(set.width) != f.width ||
        size_t(set.size()) != f.count) {
        return false;
    }
    for (size_t n = 0; n < f.count; ++n) {
        for (size_t ch = 0; ch < 3; ++ch) {
            for (size_t row = 0; row < f.height; ++row) {
                for (size_t col = 0; col < f.width; ++col) {
                    if (pixelAt(set, n, ch, row, col) != svhnPixel(n, ch, row, col)) return false;
                }
            }
        }
    }
    return true;
}

// ---- in-memory sets -------------------------------------------------------------------------

ImageSet makeSet(int channels, int height, int width, const std::vector<int64_t>& labels) {
    ImageSet set;
    set.channels = channels;
    set.height = height;
    set.width = width;
    set.labels = labels;
    set.pixels.resize(labels.size() * set.imageBytes());
    for (size_t i = 0; i < set.pixels.size(); ++i) set.pixels[i] = uint8_t(i % 251 + 1);
    return set;
}

}  // namespace

class TestDatasets : public QObject {
    Q_OBJECT

  private slots:
    void idxReadsGzipAndRawFiles();
    void idxErrorsNameTheFile();
    void idxSizesCheckedBeforeReading();
    void loadsFashionMnistAndMnistFromDirectory();
    void missingFilesSayWhereAndWhatToDo();
    void cifar10Binary();
    void cifar10Errors();
    void cifar100LabelSets();
    void cifar100Tables();
    void svhnMatThroughLoadDataset();
    void svhnRowLabelsCompressedAndSingleImage();
    void svhnErrors();
    void svhnDeclaredSizesMatchTheFile();
    void selectClassesRemapsLabels();
    void selectClassesRejectsBadIds();
    void takeFirstAndClassCounts();
    void padToCentres();
    void defaultDataDirFollowsEnvironment();
    void unknownDatasetListsNames();
    void realFashionMnist();
};

void TestDatasets::idxReadsGzipAndRawFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Bytes labels = {3, 0, 9};
    writeGz(pathIn(dir, "img.gz"), idxImages(3, 28, 28));
    writeGz(pathIn(dir, "lab.gz"), idxLabels(labels));
    writeRaw(pathIn(dir, "img"), idxImages(3, 28, 28));
    writeRaw(pathIn(dir, "lab"), idxLabels(labels));

    for (const auto& [images, labelFile] :
         {std::pair<std::string, std::string>{"img.gz", "lab.gz"}, {"img", "lab"}}) {
        const ImageSet set = nemo::readIdx(pathIn(dir, images), pathIn(dir, labelFile));
        QCOMPARE(set.channels, 1);
        QCOMPARE(set.height, 28);
        QCOMPARE(set.width, 28);
        QCOMPARE(set.size(), int64_t(3));
        QCOMPARE(set.pixels.size(), size_t(3 * 28 * 28));
        QCOMPARE(set.labels, (std::vector<int64_t>{3, 0, 9}));
        for (int i = 0; i < 3; ++i) {
            for (int r = 0; r < 28; ++r) {
                for (int c = 0; c < 28; ++c) {
                    if (pixelAt(set, i, 0, r, c) != idxPixel(i, r, c)) {
                        QFAIL(qPrintable(QString("pixel %1,%2,%3 differs").arg(i).arg(r).arg(c)));
                    }
                }
            }
        }
        QCOMPARE(pixelAt(set, 2, 0, 27, 1), idxPixel(2, 27, 1));
    }
}

void TestDatasets::idxErrorsNameTheFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string labels = pathIn(dir, "labels.gz");
    writeGz(labels, idxLabels({1, 2, 3, 4, 5, 6, 7, 8, 9, 0}));

    // Header promises 10 images, the file holds 3.
    const std::string truncated = pathIn(dir, "truncated.gz");
    writeGz(truncated, idxImages(10, 28, 28, 3));
    VERIFY_DATA_ERROR(nemo::readIdx(truncated, labels), truncated);
    VERIFY_DATA_ERROR(nemo::readIdx(truncated, labels), "truncated");

    // A label file where the images should be, and plain garbage.
    const std::string swapped = pathIn(dir, "swapped.gz");
    writeGz(swapped, idxLabels({1}));
    VERIFY_DATA_ERROR(nemo::readIdx(swapped, labels), swapped);
    VERIFY_DATA_ERROR(nemo::readIdx(swapped, labels), "magic");
    const std::string garbage = pathIn(dir, "garbage");
    writeRaw(garbage, Bytes(64, 0x42));
    VERIFY_DATA_ERROR(nemo::readIdx(garbage, labels), garbage);
    VERIFY_DATA_ERROR(nemo::readIdx(garbage, labels), "magic");

    // 4 images but 10 labels: the label file is named.
    const std::string four = pathIn(dir, "four.gz");
    writeGz(four, idxImages(4, 28, 28));
    VERIFY_DATA_ERROR(nemo::readIdx(four, labels), labels);
    VERIFY_DATA_ERROR(nemo::readIdx(four, labels), "10 labels");

    // Labels cut short (header promises 4, file has 2).
    const std::string shortLabels = pathIn(dir, "short-labels");
    Bytes cut = idxLabels({1, 2, 3, 4});
    cut.resize(cut.size() - 2);
    writeRaw(shortLabels, cut);
    VERIFY_DATA_ERROR(nemo::readIdx(four, shortLabels), shortLabels);

    // A gzip header followed by an invalid deflate block.
    const std::string corrupt = pathIn(dir, "corrupt.gz");
    Bytes bad = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    bad.insert(bad.end(), 64, 0xff);
    writeRaw(corrupt, bad);
    VERIFY_DATA_ERROR(nemo::readIdx(corrupt, labels), corrupt);
    VERIFY_DATA_ERROR(nemo::readIdx(corrupt, labels), "gzip");

    // A valid gzip file cut in half.
    const std::string halfGz = pathIn(dir, "half.gz");
    writeGz(pathIn(dir, "full.gz"), idxImages(10, 28, 28));
    Bytes full = readRaw(pathIn(dir, "full.gz"));
    full.resize(full.size() / 2);
    writeRaw(halfGz, full);
    VERIFY_DATA_ERROR(nemo::readIdx(halfGz, labels), halfGz);

    // Cut in its last byte: every image arrives, but the gzip trailer (length) is incomplete.
    const std::string lastByteGz = pathIn(dir, "last-byte.gz");
    Bytes whole = readRaw(pathIn(dir, "full.gz"));
    whole.pop_back();
    writeRaw(lastByteGz, whole);
    writeGz(pathIn(dir, "lab10.gz"), idxLabels({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    QVERIFY(nemo::readIdx(pathIn(dir, "full.gz"), pathIn(dir, "lab10.gz")).size() == 10);

    // Larger files cut inside the trailer: whether zlib notices depends on where its reads end
    // (Fashion-MNIST's t10k-images cut by 1 to 5 bytes was read), so the reader checks the
    // trailer's length field itself.
    std::mt19937 noise(5);
    for (uint32_t count : {300u, 700u, 1000u, 1500u}) {
        Bytes images = idxImages(count, 28, 28, 0);
        for (uint32_t i = 0; i < count * 28 * 28; ++i) images.push_back(uint8_t(noise()));
        const std::string name = "noise" + std::to_string(count);
        writeGz(pathIn(dir, name + ".gz"), images);
        Bytes labelBytes;
        for (uint32_t i = 0; i < count; ++i) labelBytes.push_back(uint8_t(i % 10));
        writeGz(pathIn(dir, name + "-labels.gz"), idxLabels(labelBytes));
        QCOMPARE(nemo::readIdx(pathIn(dir, name + ".gz"), pathIn(dir, name + "-labels.gz")).size(),
                 int64_t(count));
        for (size_t cut : {1, 4, 5}) {
            Bytes shorter = readRaw(pathIn(dir, name + ".gz"));
            shorter.resize(shorter.size() - cut);
            writeRaw(pathIn(dir, name + "-cut.gz"), shorter);
            VERIFY_DATA_ERROR(
                nemo::readIdx(pathIn(dir, name + "-cut.gz"), pathIn(dir, name + "-labels.gz")),
                "cut short");
        }
    }
    VERIFY_DATA_ERROR(nemo::readIdx(lastByteGz, pathIn(dir, "lab10.gz")), "cut short");

    // Label 10 does not exist in MNIST.
    const std::string badLabel = pathIn(dir, "bad-label.gz");
    writeGz(badLabel, idxLabels({1, 10, 2, 3}));
    VERIFY_DATA_ERROR(nemo::readIdx(four, badLabel), badLabel);
    VERIFY_DATA_ERROR(nemo::readIdx(four, badLabel), "label 10");

    // Absurd image size in the header.
    const std::string huge = pathIn(dir, "huge");
    writeRaw(huge, idxImages(1, 100000, 100000, 0));
    VERIFY_DATA_ERROR(nemo::readIdx(huge, labels), huge);

    const std::string missing = pathIn(dir, "missing.gz");
    VERIFY_DATA_ERROR(nemo::readIdx(missing, labels), missing);
}

void TestDatasets::idxSizesCheckedBeforeReading() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A raw file's size is known up front: the header's promise is checked against it.
    const std::string labels = pathIn(dir, "labels");
    writeRaw(labels, idxLabels(Bytes(60000, 7)));
    const std::string images = pathIn(dir, "train-images-idx3-ubyte");
    Bytes cut = idxImages(60000, 28, 28, 0);
    cut.resize(cut.size() + 34000, 1);
    writeRaw(images, cut);
    VERIFY_DATA_ERROR(nemo::readIdx(images, labels),
                      images +
                          ": truncated: header says 60000 images of 28x28 (47040016 bytes) but "
                          "the file has 34016; download it again");

    Bytes longer = idxImages(2, 3, 3);
    longer.push_back(0);
    writeRaw(images, longer);
    const std::string two = pathIn(dir, "two-labels");
    writeRaw(two, idxLabels({1, 2}));
    VERIFY_DATA_ERROR(nemo::readIdx(images, two), "longer than its header says");
    writeRaw(images, idxImages(2, 3, 3));
    Bytes twoPlus = idxLabels({1, 2});
    twoPlus.push_back(3);
    writeRaw(two, twoPlus);
    VERIFY_DATA_ERROR(nemo::readIdx(images, two), two);

    // A well-formed but empty set would only fail much later, far from the file.
    writeGz(images, idxImages(0, 28, 28));
    writeGz(two, idxLabels({}));
    VERIFY_DATA_ERROR(nemo::readIdx(images, two), images);
    VERIFY_DATA_ERROR(nemo::readIdx(images, two), "no images");
}

void TestDatasets::loadsFashionMnistAndMnistFromDirectory() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeIdxSet(dir.path().toStdString());

    const Dataset fashion = nemo::loadDataset("fashion-mnist", dir.path().toStdString());
    QCOMPARE(fashion.info.name, std::string("fashion-mnist"));
    QCOMPARE(fashion.info.numClasses(), 10);
    QCOMPARE(fashion.info.classNames.front(), std::string("T-shirt/top"));
    QCOMPARE(fashion.info.classNames[1], std::string("Trouser"));
    QCOMPARE(fashion.info.classNames.back(), std::string("Ankle boot"));
    QCOMPARE(fashion.info.mean, std::vector<float>{0.2860f});
    QCOMPARE(fashion.info.std, std::vector<float>{0.3530f});
    QVERIFY(fashion.info.horizontalFlip);
    QCOMPARE(fashion.info.cropPadding, 4);
    QCOMPARE(fashion.train.size(), int64_t(5));
    QCOMPARE(fashion.test.size(), int64_t(3));
    QCOMPARE(fashion.train.labels, (std::vector<int64_t>{9, 0, 3, 3, 7}));
    QCOMPARE(fashion.test.labels, (std::vector<int64_t>{1, 2, 8}));
    QCOMPARE(pixelAt(fashion.train, 4, 0, 13, 21), idxPixel(4, 13, 21));
    QCOMPARE(pixelAt(fashion.test, 2, 0, 27, 27), idxPixel(2, 27, 27));

    const Dataset mnist = nemo::loadDataset("mnist", dir.path().toStdString());
    QCOMPARE(mnist.info.classNames.front(), std::string("0"));
    QCOMPARE(mnist.info.classNames.back(), std::string("9"));
    QCOMPARE(mnist.info.mean, std::vector<float>{0.1307f});
    QCOMPARE(mnist.info.std, std::vector<float>{0.3081f});
    QVERIFY(!mnist.info.horizontalFlip);
    QCOMPARE(mnist.info.cropPadding, 4);
    QCOMPARE(mnist.train.pixels, fashion.train.pixels);
}

void TestDatasets::missingFilesSayWhereAndWhatToDo() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string empty = makeDir(dir, "empty");
    VERIFY_DATA_ERROR(nemo::loadDataset("fashion-mnist", empty), "train-images-idx3-ubyte.gz");
    VERIFY_DATA_ERROR(nemo::loadDataset("fashion-mnist", empty), empty);
    VERIFY_DATA_ERROR(nemo::loadDataset("fashion-mnist", empty), "dataset-fashion-mnist");
    VERIFY_DATA_ERROR(nemo::loadDataset("fashion-mnist", empty), "--data-dir");

    // Only the test labels missing: that file is named.
    const std::string partial = makeDir(dir, "partial");
    writeIdxSet(partial);
    fs::remove(partial + "/t10k-labels-idx1-ubyte");
    VERIFY_DATA_ERROR(nemo::loadDataset("mnist", partial), "t10k-labels-idx1-ubyte");

    const std::string nowhere = pathIn(dir, "does-not-exist");
    VERIFY_DATA_ERROR(nemo::loadDataset("fashion-mnist", nowhere), nowhere);
    VERIFY_DATA_ERROR(nemo::loadDataset("cifar10", empty), "data_batch_1.bin");
    VERIFY_DATA_ERROR(nemo::loadDataset("cifar100", empty), "train.bin");
    VERIFY_DATA_ERROR(nemo::loadDataset("svhn", empty), "train_32x32.mat");
}

void TestDatasets::cifar10Binary() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // As the archive unpacks: the parent directory is given.
    const std::string folder = makeDir(dir, "cifar-10-batches-bin");
    writeCifar10(folder);

    const Dataset data = nemo::loadDataset("cifar10", dir.path().toStdString());
    QCOMPARE(data.info.classNames,
             (std::vector<std::string>{"airplane", "automobile", "bird", "cat", "deer", "dog",
                                       "frog", "horse", "ship", "truck"}));
    QCOMPARE(data.info.mean, (std::vector<float>{0.4914f, 0.4822f, 0.4465f}));
    QCOMPARE(data.info.std, (std::vector<float>{0.2471f, 0.2435f, 0.2616f}));
    QVERIFY(data.info.horizontalFlip);
    QCOMPARE(data.info.cropPadding, 4);
    QCOMPARE(data.train.channels, 3);
    QCOMPARE(data.train.height, 32);
    QCOMPARE(data.train.width, 32);
    QCOMPARE(data.train.labels, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 0}));
    QCOMPARE(data.test.labels, (std::vector<int64_t>{4}));
    for (int i = 0; i < 10; ++i)
        QVERIFY2(sameCifarImage(data.train, i, i), qPrintable(QString::number(i)));
    QVERIFY(sameCifarImage(data.test, 0, 100));
    // Green plane starts 1024 bytes into the record: pixel (G, 5, 7) of record 3.
    QCOMPARE(data.train.image(3)[1024 + 5 * 32 + 7], cifarPixel(3, 1, 5, 7));

    // The folder itself, with names from batches.meta.txt.
    writeRaw(folder + "/batches.meta.txt",
             Bytes{'a',  '0',  '\n', 'a',  '1',  '\n', 'a',  '2', '\n', 'a',  '3',
                   '\n', 'a',  '4',  '\n', 'a',  '5',  '\n', 'a', '6',  '\n', 'a',
                   '7',  '\n', 'a',  '8',  '\n', 'a',  '9',  ' ', '\n', '\n'});
    const Dataset named = nemo::loadDataset("cifar10", folder);
    QCOMPARE(named.info.classNames.front(), std::string("a0"));
    QCOMPARE(named.info.classNames.back(), std::string("a9"));
    QCOMPARE(named.train.pixels, data.train.pixels);
}

void TestDatasets::cifar10Errors() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string folder = dir.path().toStdString();
    writeCifar10(folder);

    const std::string batch3 = folder + "/data_batch_3.bin";
    Bytes data = readRaw(batch3);
    fs::remove(batch3);
    VERIFY_DATA_ERROR(nemo::loadDataset("cifar10", folder), "data_batch_3.bin");

    data.pop_back();
    writeRaw(batch3, data);
    VERIFY_DATA_ERROR(nemo::loadDataset("cifar10", folder), batch3);
    VERIFY_DATA_ERROR(nemo::readCifarBinary({batch3}, false), batch3);

    Bytes badLabel;
    appendCifarRecord(badLabel, {10}, 0);
    writeRaw(batch3, badLabel);
    VERIFY_DATA_ERROR(nemo::loadDataset("cifar10", folder), batch3);
    VERIFY_DATA_ERROR(nemo::loadDataset("cifar10", folder), "label 10");
}

void TestDatasets::cifar100LabelSets() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string folder = makeDir(dir, "cifar-100-binary");
    writeCifar100(folder);
    const std::string parent = dir.path().toStdString();
    const auto& coarse = nemo::cifar100CanonicalCoarse();
    const auto& custom = nemo::cifar100CustomGrouping();

    const Dataset fine = nemo::loadDataset("cifar100", parent);
    QCOMPARE(fine.info.numClasses(), 100);
    QCOMPARE(fine.info.classNames[0], std::string("apple"));
    QCOMPARE(fine.info.classNames[1], std::string("aquarium_fish"));
    QCOMPARE(fine.info.classNames[47], std::string("maple_tree"));
    QCOMPARE(fine.info.classNames[55], std::string("otter"));
    QCOMPARE(fine.info.classNames[89], std::string("tractor"));
    QCOMPARE(fine.info.classNames[99], std::string("worm"));
    QCOMPARE(fine.info.mean, (std::vector<float>{0.4914f, 0.4822f, 0.4465f}));
    QCOMPARE(fine.info.std, (std::vector<float>{0.2471f, 0.2435f, 0.2616f}));
    QCOMPARE(fine.train.size(), int64_t(kCifar100TrainFine.size()));
    for (size_t i = 0; i < kCifar100TrainFine.size(); ++i) {
        QCOMPARE(fine.train.labels[i], int64_t(kCifar100TrainFine[i]));
        QVERIFY(sameCifarImage(fine.train, int64_t(i), int(i)));
    }
    QCOMPARE(fine.test.labels, (std::vector<int64_t>{55, 1}));
    QVERIFY(sameCifarImage(fine.test, 1, 51));

    const Dataset sc = nemo::loadDataset("cifar100-coarse", folder);
    QCOMPARE(sc.info.numClasses(), 20);
    QCOMPARE(sc.info.classNames[0], std::string("aquatic_mammals"));
    QCOMPARE(sc.info.classNames[9], std::string("large_man-made_outdoor_things"));
    QCOMPARE(sc.info.classNames[19], std::string("vehicles_2"));
    for (size_t i = 0; i < kCifar100TrainFine.size(); ++i) {
        QCOMPARE(sc.train.labels[i], int64_t(coarse[kCifar100TrainFine[i]]));
    }
    QCOMPARE(sc.train.pixels, fine.train.pixels);

    const Dataset c20 = nemo::loadDataset("cifar100-custom20", parent);
    QCOMPARE(c20.info.numClasses(), 20);
    QCOMPARE(c20.info.classNames[0], std::string("group 0"));
    QCOMPARE(c20.info.classNames[19], std::string("group 19"));
    for (size_t i = 0; i < kCifar100TrainFine.size(); ++i) {
        QCOMPARE(c20.train.labels[i], int64_t(custom[kCifar100TrainFine[i]]));
    }
    // apple (0) is in group 12, camel (15) alone in group 19.
    QCOMPARE(c20.train.labels[0], int64_t(12));
    QCOMPARE(c20.train.labels[4], int64_t(19));
    QCOMPARE(c20.test.labels, (std::vector<int64_t>{int64_t(custom[55]), int64_t(custom[1])}));

    // The coarse labels come from the file's first byte, whatever it holds.
    const std::string odd = pathIn(dir, "odd.bin");
    Bytes records;
    appendCifarRecord(records, {17, 3}, 0);
    appendCifarRecord(records, {0, 98}, 1);
    writeRaw(odd, records);
    QCOMPARE(nemo::readCifar100CoarseLabels({odd}), (std::vector<int64_t>{17, 0}));
    QCOMPARE(nemo::readCifarBinary({odd}, true).labels, (std::vector<int64_t>{3, 98}));

    Bytes badCoarse;
    appendCifarRecord(badCoarse, {20, 3}, 0);
    writeRaw(odd, badCoarse);
    VERIFY_DATA_ERROR(nemo::readCifar100CoarseLabels({odd}), odd);
    // A CIFAR-10 record length is not a whole number of CIFAR-100 records.
    Bytes cifar10;
    appendCifarRecord(cifar10, {3}, 0);
    appendCifarRecord(cifar10, {3}, 1);
    writeRaw(odd, cifar10);
    VERIFY_DATA_ERROR(nemo::readCifarBinary({odd}, true), odd);
}

void TestDatasets::cifar100Tables() {
    const auto& coarse = nemo::cifar100CanonicalCoarse();
    QCOMPARE(coarse.size(), size_t(100));
    QCOMPARE(std::vector<int>(coarse.begin(), coarse.begin() + 10),
             (std::vector<int>{4, 1, 14, 8, 0, 6, 7, 7, 18, 3}));
    std::vector<int> perCoarse(20, 0);
    for (int c : coarse) {
        QVERIFY(c >= 0 && c < 20);
        ++perCoarse[c];
    }
    QCOMPARE(perCoarse, std::vector<int>(20, 5));
    // Spot checks by meaning: worm -> non-insect invertebrates, whale -> aquatic mammals,
    // tractor -> vehicles 2, maple tree -> trees, woman -> people.
    QCOMPARE(coarse[99], 13);
    QCOMPARE(coarse[95], 0);
    QCOMPARE(coarse[89], 19);
    QCOMPARE(coarse[47], 17);
    QCOMPARE(coarse[98], 14);

    const std::vector<std::vector<int>> groups = {
        {12, 17, 23, 69, 71, 76, 85},
        {9, 10, 16, 22, 28, 61},
        {6, 14, 54, 62, 70, 82, 92},
        {32, 67, 77, 93},
        {36, 38, 50, 65},
        {3, 4, 18, 21, 27, 29, 31, 44, 51, 55, 63, 72, 74, 75, 80},
        {7, 24, 26, 45, 79},
        {19, 33, 37, 47, 49, 52, 56, 59, 60, 68, 96},
        {30, 73, 95},
        {5, 20, 25, 40, 84, 87, 94},
        {13, 58, 81, 90},
        {2, 8, 11, 35, 46, 98},
        {0, 53, 57, 83},
        {1, 91},
        {41, 48, 89},
        {64, 66, 97},
        {34, 42, 43, 88},
        {39, 86},
        {78, 99},
        {15}};
    const auto& custom = nemo::cifar100CustomGrouping();
    QCOMPARE(custom.size(), size_t(100));
    std::set<int> covered;
    for (int g = 0; g < 20; ++g) {
        for (int fine : groups[g]) {
            QCOMPARE(custom[fine], g);
            QVERIFY(covered.insert(fine).second);
        }
    }
    QCOMPARE(covered.size(), size_t(100));
}

void TestDatasets::svhnMatThroughLoadDataset() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SvhnFile train;
    train.count = 3;
    train.y = {10, 1, 5};
    SvhnFile test;
    test.count = 2;
    test.y = {10, 3};
    test.yClass = MAT_C_UINT8;
    writeSvhn(pathIn(dir, "train_32x32.mat"), train);
    writeSvhn(pathIn(dir, "test_32x32.mat"), test);

    const Dataset data = nemo::loadDataset("svhn", dir.path().toStdString());
    QCOMPARE(data.info.classNames,
             (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
    QCOMPARE(data.info.mean, (std::vector<float>{0.485f, 0.456f, 0.406f}));
    QCOMPARE(data.info.std, (std::vector<float>{0.229f, 0.224f, 0.225f}));
    QVERIFY(!data.info.horizontalFlip);
    QCOMPARE(data.info.cropPadding, 4);
    QCOMPARE(data.train.labels, (std::vector<int64_t>{0, 1, 5}));
    QCOMPARE(data.test.labels, (std::vector<int64_t>{0, 3}));
    QVERIFY(sameSvhnImages(data.train, train));
    QVERIFY(sameSvhnImages(data.test, test));
    // X(row 1, col 4, ch 2, n 2) = 1 + 8 + 100 + 14 = 123 lands at CHW (2, 1, 4) of image 2.
    QCOMPARE(data.train.image(2)[2 * 1024 + 1 * 32 + 4], uint8_t(123));
    QCOMPARE(data.train.image(2)[2 * 1024 + 4 * 32 + 1], uint8_t(4 + 2 + 100 + 14));
}

void TestDatasets::svhnRowLabelsCompressedAndSingleImage() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // int32 labels in a 1 x N row, zlib-compressed variables (as SVHN distributes them).
    SvhnFile row;
    row.count = 2;
    row.y = {2, 10};
    row.yClass = MAT_C_INT32;
    row.yRow = true;
    row.compressed = true;
    const std::string rowPath = pathIn(dir, "row.mat");
    writeSvhn(rowPath, row);
    const ImageSet set = nemo::readSvhnMat(rowPath);
    QCOMPARE(set.labels, (std::vector<int64_t>{2, 0}));
    QVERIFY(sameSvhnImages(set, row));
    QCOMPARE(set.image(1)[1 * 1024 + 3 * 32 + 2], svhnPixel(1, 1, 3, 2));

    // One image: MATLAB drops the trailing singleton, X is 32x32x3.
    SvhnFile one;
    one.count = 1;
    one.xRank = 3;
    one.y = {10};
    const std::string onePath = pathIn(dir, "one.mat");
    writeSvhn(onePath, one);
    const ImageSet single = nemo::readSvhnMat(onePath);
    QCOMPARE(single.labels, (std::vector<int64_t>{0}));
    QVERIFY(sameSvhnImages(single, one));
}

void TestDatasets::svhnErrors() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = pathIn(dir, "bad.mat");

    SvhnFile outOfRange;
    outOfRange.count = 2;
    outOfRange.y = {3, 11};
    writeSvhn(path, outOfRange);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), path);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), "y(2)");

    SvhnFile fraction;
    fraction.y = {2.5};
    writeSvhn(path, fraction);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), path);

    // SVHN writes the digit 0 as 10: a 0 is what zeroed memory or another writer leaves.
    SvhnFile zero;
    zero.count = 2;
    zero.y = {10, 0};
    writeSvhn(path, zero);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), "y(2)");

    // The cropped digits are 32x32; anything else would reach the model with the wrong shape.
    SvhnFile small;
    small.height = 4;
    small.width = 3;
    small.y = {1};
    writeSvhn(path, small);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), path);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), "32 x 32 x 3");

    SvhnFile doubles;
    doubles.y = {1};
    doubles.xClass = MAT_C_DOUBLE;
    writeSvhn(path, doubles);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), path);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), "uint8");

    SvhnFile countMismatch;
    countMismatch.count = 2;
    countMismatch.y = {1, 2, 3};
    writeSvhn(path, countMismatch);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(path), path);

    const std::string notMat = pathIn(dir, "not.mat");
    writeRaw(notMat, Bytes(200, 0x20));
    VERIFY_DATA_ERROR(nemo::readSvhnMat(notMat), notMat);
    const std::string missing = pathIn(dir, "missing.mat");
    VERIFY_DATA_ERROR(nemo::readSvhnMat(missing), missing);

    // Through loadDataset: the file at fault is named.
    SvhnFile good;
    good.y = {4};
    writeSvhn(pathIn(dir, "train_32x32.mat"), good);
    writeSvhn(pathIn(dir, "test_32x32.mat"), outOfRange);
    VERIFY_DATA_ERROR(nemo::loadDataset("svhn", dir.path().toStdString()), "test_32x32.mat");
}

// matio fills whatever a file does not hold with uninitialised memory and reports success, so
// the reader checks every declared size against the bytes that are really there first.
void TestDatasets::svhnDeclaredSizesMatchTheFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SvhnFile f;
    f.count = 11;
    f.y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1};
    const std::string goodPath = pathIn(dir, "good.mat");
    writeSvhn(goodPath, f);
    const Bytes good = readRaw(goodPath);
    QCOMPARE(nemo::readSvhnMat(goodPath).size(), int64_t(11));

    // 34 KB claiming 300,000 images and labels: the dimensions promise 921 MB the file lacks.
    const std::string claims = pathIn(dir, "claims-300000.mat");
    Bytes patched = good;
    patchWord(patched, littleEndianWords({5, 16, 32, 32, 3, 11}), 20, 300000);  // X: miINT32 dims
    patchWord(patched, littleEndianWords({5, 8, 11, 1}), 8, 300000);            // y
    writeRaw(claims, patched);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(claims), claims);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(claims), "'X' is 32x32x3x300000");
    VERIFY_DATA_ERROR(nemo::readSvhnMat(claims), "33792 bytes");

    // Cut inside y's data, and with stray bytes after the last variable.
    const std::string cut = pathIn(dir, "cut.mat");
    writeRaw(cut, Bytes(good.begin(), good.end() - 4));
    VERIFY_DATA_ERROR(nemo::readSvhnMat(cut), cut);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(cut), "download it again");
    Bytes longer = good;
    longer.insert(longer.end(), {1, 2, 3});
    writeRaw(cut, longer);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(cut), "3 stray bytes");

    // Compressed: a flipped byte inside the deflate stream, and a stream cut short.
    f.compressed = true;
    const std::string packed = pathIn(dir, "packed.mat");
    writeSvhn(packed, f);
    QCOMPARE(nemo::readSvhnMat(packed).labels.back(), int64_t(1));
    const Bytes zipped = readRaw(packed);
    Bytes flipped = zipped;
    flipped[128 + 8 + 40] ^= 0x55;
    writeRaw(packed, flipped);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(packed), packed);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(packed), "compressed");
    writeRaw(packed, Bytes(zipped.begin(), zipped.end() - 10));
    VERIFY_DATA_ERROR(nemo::readSvhnMat(packed), packed);

    // A MATLAB v7.3 file is HDF5, which SVHN's files are not.
    Bytes v73 = good;
    v73[124] = 0x00;
    v73[125] = 0x02;
    writeRaw(cut, v73);
    VERIFY_DATA_ERROR(nemo::readSvhnMat(cut), "v7.3");
}

void TestDatasets::selectClassesRemapsLabels() {
    Dataset data;
    data.info.name = "toy";
    for (int c = 0; c < 10; ++c) data.info.classNames.push_back("c" + std::to_string(c));
    data.info.mean = {0.5f};
    data.info.std = {0.25f};
    data.info.horizontalFlip = false;
    data.train = makeSet(1, 2, 3, {7, 2, 5, 7, 2, 0});
    data.test = makeSet(1, 2, 3, {2, 9, 7});

    const Dataset sub = nemo::selectClasses(data, {7, 2});
    QCOMPARE(sub.info.classNames, (std::vector<std::string>{"c7", "c2"}));
    QCOMPARE(sub.info.numClasses(), 2);
    QCOMPARE(sub.info.mean, data.info.mean);
    QCOMPARE(sub.info.horizontalFlip, false);
    QCOMPARE(sub.train.labels, (std::vector<int64_t>{0, 1, 0, 1}));
    QCOMPARE(sub.test.labels, (std::vector<int64_t>{1, 0}));
    const std::vector<int64_t> keptTrain = {0, 1, 3, 4};
    for (size_t k = 0; k < keptTrain.size(); ++k) {
        QVERIFY(std::equal(sub.train.image(int64_t(k)), sub.train.image(int64_t(k)) + 6,
                           data.train.image(keptTrain[k])));
    }
    QVERIFY(std::equal(sub.test.image(1), sub.test.image(1) + 6, data.test.image(2)));
    QCOMPARE(sub.train.pixels.size(), size_t(4 * 6));
    QCOMPARE(sub.train.height, 2);
    QCOMPARE(sub.train.width, 3);
}

void TestDatasets::selectClassesRejectsBadIds() {
    Dataset data;
    data.info.name = "toy";
    data.info.classNames = {"a", "b", "c"};
    data.train = makeSet(1, 1, 1, {0, 1, 2});
    data.test = makeSet(1, 1, 1, {2});
    VERIFY_DATA_ERROR(nemo::selectClasses(data, {0, 3}), "3");
    VERIFY_DATA_ERROR(nemo::selectClasses(data, {-1}), "-1");
    VERIFY_DATA_ERROR(nemo::selectClasses(data, {1, 1}), "1");
    VERIFY_DATA_ERROR(nemo::selectClasses(data, {}), "no classes");
}

void TestDatasets::takeFirstAndClassCounts() {
    const ImageSet set = makeSet(3, 2, 2, {1, 1, 0, 2, 1});
    const ImageSet two = nemo::takeFirst(set, 2);
    QCOMPARE(two.size(), int64_t(2));
    QCOMPARE(two.channels, 3);
    QCOMPARE(two.labels, (std::vector<int64_t>{1, 1}));
    QCOMPARE(two.pixels, Bytes(set.pixels.begin(), set.pixels.begin() + 2 * 12));
    QCOMPARE(nemo::takeFirst(set, 0).size(), int64_t(5));
    QCOMPARE(nemo::takeFirst(set, 100).size(), int64_t(5));
    QCOMPARE(nemo::takeFirst(set, 5).pixels, set.pixels);

    QCOMPARE(nemo::classCounts(set, 3), (std::vector<int64_t>{1, 3, 1}));
    QCOMPARE(nemo::classCounts(set, 4), (std::vector<int64_t>{1, 3, 1, 0}));
}

void TestDatasets::padToCentres() {
    const ImageSet small = makeSet(1, 28, 28, {4, 6});
    const ImageSet padded = nemo::padTo(small, 32);
    QCOMPARE(padded.channels, 1);
    QCOMPARE(padded.height, 32);
    QCOMPARE(padded.width, 32);
    QCOMPARE(padded.labels, small.labels);
    QCOMPARE(padded.pixels.size(), size_t(2 * 32 * 32));
    for (int i = 0; i < 2; ++i) {
        for (int y = 0; y < 32; ++y) {
            for (int x = 0; x < 32; ++x) {
                const bool inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                const uint8_t expected = inside ? pixelAt(small, i, 0, y - 2, x - 2) : 0;
                if (pixelAt(padded, i, 0, y, x) != expected) {
                    QFAIL(qPrintable(QString("image %1 pixel (%2,%3)").arg(i).arg(y).arg(x)));
                }
            }
        }
    }
    QCOMPARE(pixelAt(padded, 1, 0, 2, 2), pixelAt(small, 1, 0, 0, 0));
    QCOMPARE(pixelAt(padded, 1, 0, 29, 29), pixelAt(small, 1, 0, 27, 27));

    // Channels stay separate; a 2x3 image in 4x4 gets 1 row above and 0 columns left.
    const ImageSet rgb = makeSet(2, 2, 3, {0});
    const ImageSet rgbPadded = nemo::padTo(rgb, 4);
    QCOMPARE(rgbPadded.height, 4);
    QCOMPARE(rgbPadded.width, 4);
    QCOMPARE(pixelAt(rgbPadded, 0, 1, 2, 2), pixelAt(rgb, 0, 1, 1, 2));
    QCOMPARE(pixelAt(rgbPadded, 0, 1, 0, 0), uint8_t(0));
    QCOMPARE(pixelAt(rgbPadded, 0, 0, 1, 0), pixelAt(rgb, 0, 0, 0, 0));

    // Already large enough: unchanged.
    const ImageSet big = makeSet(3, 32, 32, {1});
    QCOMPARE(nemo::padTo(big, 32).pixels, big.pixels);
    QCOMPARE(nemo::padTo(big, 28).height, 32);
}

void TestDatasets::defaultDataDirFollowsEnvironment() {
    const QByteArray saved = qgetenv("NEMO_DATA_DIR");
    const bool wasSet = qEnvironmentVariableIsSet("NEMO_DATA_DIR");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string cifar = makeDir(dir, "cifar10");
    const std::string root = dir.path().toStdString();

    qputenv("NEMO_DATA_DIR", dir.path().toLocal8Bit());
    QCOMPARE(fs::path(nemo::defaultDataDir("cifar10")), fs::path(cifar));
    QCOMPARE(fs::path(nemo::defaultDataDir("svhn")), fs::path(root));

    qputenv("NEMO_DATA_DIR", QByteArray::fromStdString(root + "/no-such-dir"));
    QCOMPARE(nemo::defaultDataDir("fashion-mnist"),
             std::string("/usr/share/datasets/fashion-mnist"));
    QCOMPARE(nemo::defaultDataDir("svhn"), std::string());

    qunsetenv("NEMO_DATA_DIR");
    QCOMPARE(nemo::defaultDataDir("fashion-mnist"),
             std::string("/usr/share/datasets/fashion-mnist"));
    QCOMPARE(nemo::defaultDataDir("cifar10"), std::string());
    VERIFY_DATA_ERROR(nemo::loadDataset("cifar10"), "--data-dir");

    if (wasSet) qputenv("NEMO_DATA_DIR", saved);
}

void TestDatasets::unknownDatasetListsNames() {
    const auto names = nemo::datasetNames();
    QCOMPARE(names,
             (std::vector<std::string>{"fashion-mnist", "mnist", "cifar10", "cifar100",
                                       "cifar100-coarse", "cifar100-custom20", "svhn", "folder"}));
    VERIFY_DATA_ERROR(nemo::loadDataset("imagenet", "/tmp"), "imagenet");
    for (const auto& name : names) VERIFY_DATA_ERROR(nemo::loadDataset("imagenet", "/tmp"), name);
}

void TestDatasets::realFashionMnist() {
    const std::string dir = "/usr/share/datasets/fashion-mnist";
    if (!fs::exists(dir + "/train-images-idx3-ubyte.gz")) {
        QSKIP("Fashion-MNIST not installed (Debian package dataset-fashion-mnist)");
    }
    const Dataset data = nemo::loadDataset("fashion-mnist", dir);
    QCOMPARE(data.train.size(), int64_t(60000));
    QCOMPARE(data.test.size(), int64_t(10000));
    QCOMPARE(data.train.channels, 1);
    QCOMPARE(data.train.height, 28);
    QCOMPARE(data.train.width, 28);
    QCOMPARE(data.train.pixels.size(), size_t(60000) * 28 * 28);
    QCOMPARE(nemo::classCounts(data.train, 10), std::vector<int64_t>(10, 6000));
    QCOMPARE(nemo::classCounts(data.test, 10), std::vector<int64_t>(10, 1000));
    // The images are not blank.
    QVERIFY(*std::max_element(data.train.pixels.begin(), data.train.pixels.end()) == 255);
}

QTEST_APPLESS_MAIN(TestDatasets)
#include "test_datasets.moc"
