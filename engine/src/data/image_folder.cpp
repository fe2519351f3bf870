// The "folder" dataset: a user's own PNG and JPEG images, one subfolder per class (the layout of
// torchvision's ImageFolder), decoded with stb_image and kept in a uint8 cache.
#include <sys/stat.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#if NEMO_HAVE_STB
#include <stb_image.h>
#include <stb_image_resize.h>
#endif

#include "nemo/dataset.h"

namespace nemo {

#if NEMO_HAVE_STB
namespace {

namespace fs = std::filesystem;

constexpr double kTestShare = 0.2;         // without DIR/test: this share of each class is test
constexpr uint64_t kSplitSeed = 20251208;  // ... chosen by this seed (the same split every time)
constexpr int64_t kMaxPixels = int64_t(1) << 26;  // 64 megapixels: larger files are refused
constexpr const char* kCacheMagic = "NEMO-IMAGE-FOLDER-CACHE 1\n";

struct ClassFiles {
    std::string name;
    std::vector<fs::path> files;
};

bool isImageFile(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

std::vector<fs::path> sortedEntries(const fs::path& dir, bool directories) {
    std::vector<fs::path> out;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir, error)) {
        if (directories ? entry.is_directory(error) : entry.is_regular_file(error))
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The classes under `root` (its subfolders, sorted by name) and their image files.
std::vector<ClassFiles> classFolders(const fs::path& root) {
    std::vector<ClassFiles> classes;
    for (const fs::path& dir : sortedEntries(root, true)) {
        if (dir.filename().string().rfind('.', 0) == 0) continue;  // hidden (e.g. .cache)
        ClassFiles c;
        c.name = dir.filename().string();
        for (const fs::path& file : sortedEntries(dir, false))
            if (isImageFile(file)) c.files.push_back(file);
        if (c.files.empty())
            throw DataError(dir.string() +
                            ": no .png, .jpg or .jpeg images in this class folder; add some or "
                            "remove the folder");
        classes.push_back(std::move(c));
    }
    return classes;
}

// One image, decoded, its shorter side resized to `size` and centre-cropped to size x size, as
// RGB in CHW order. `colour` is set when the file has colour channels.
std::vector<uint8_t> decodeImage(const fs::path& path, int size, bool& colour) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw DataError(path.string() + ": cannot be read");
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), int(bytes.size()),
                               &w, &h, &channels))
        throw DataError(path.string() + ": not a PNG or JPEG image that can be decoded (" +
                        stbi_failure_reason() + "); replace or remove it");
    if (int64_t(w) * h > kMaxPixels)
        throw DataError(path.string() + ": " + std::to_string(w) + "x" + std::to_string(h) +
                        " pixels is too large (at most 64 megapixels); scale it down");
    stbi_uc* rgb = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                         int(bytes.size()), &w, &h, &channels, 3);
    if (!rgb)
        throw DataError(path.string() + ": cannot be decoded (" + stbi_failure_reason() +
                        "); replace or remove it");
    colour = colour || channels >= 3;
    const double scale = double(size) / double(std::min(w, h));
    const int rw = std::max(size, int(std::lround(w * scale)));
    const int rh = std::max(size, int(std::lround(h * scale)));
    std::vector<uint8_t> resized(size_t(rw) * rh * 3);
    const int ok = stbir_resize_uint8(rgb, w, h, 0, resized.data(), rw, rh, 0, 3);
    stbi_image_free(rgb);
    if (!ok) throw DataError(path.string() + ": cannot be resized");
    const int left = (rw - size) / 2, top = (rh - size) / 2;
    std::vector<uint8_t> chw(size_t(3) * size * size);
    for (int c = 0; c < 3; ++c)
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                chw[(size_t(c) * size + y) * size + x] =
                    resized[(size_t(y + top) * rw + (x + left)) * 3 + c];
    return chw;
}

struct Listing {
    std::vector<std::string> classNames;
    std::vector<std::pair<fs::path, int64_t>> train, test;  // file and label
};

// The files of each split: DIR/train and DIR/test, or DIR's class folders split by kSplitSeed.
Listing listFolder(const fs::path& dir) {
    Listing listing;
    const bool hasTrain = fs::is_directory(dir / "train");
    const std::vector<ClassFiles> train = classFolders(hasTrain ? dir / "train" : dir);
    if (train.size() < 2)
        throw DataError(dir.string() +
                        ": an image-folder dataset needs at least two class folders, in " +
                        (hasTrain ? (dir / "train").string() : dir.string()) +
                        " (DIR/train/<class>/*.png and DIR/test/<class>/*.png, or DIR/<class>/ "
                        "to split 80/20)");
    for (const ClassFiles& c : train) listing.classNames.push_back(c.name);
    if (hasTrain && fs::is_directory(dir / "test")) {
        for (size_t label = 0; label < train.size(); ++label)
            for (const fs::path& f : train[label].files)
                listing.train.emplace_back(f, int64_t(label));
        for (const ClassFiles& c : classFolders(dir / "test")) {
            const auto found =
                std::find(listing.classNames.begin(), listing.classNames.end(), c.name);
            if (found == listing.classNames.end())
                throw DataError((dir / "test" / c.name).string() +
                                ": a test class without a training folder of the same name");
            for (const fs::path& f : c.files)
                listing.test.emplace_back(f, int64_t(found - listing.classNames.begin()));
        }
        return listing;
    }
    std::mt19937_64 random(kSplitSeed);
    for (size_t label = 0; label < train.size(); ++label) {
        std::vector<fs::path> files = train[label].files;
        std::shuffle(files.begin(), files.end(), random);
        const size_t tests =
            files.size() < 2 ? 0
                             : std::max<size_t>(1, size_t(std::lround(kTestShare * files.size())));
        for (size_t i = 0; i < files.size(); ++i)
            (i < tests ? listing.test : listing.train).emplace_back(files[i], int64_t(label));
    }
    return listing;
}

// What the cache is valid for: every file's path, size and modification time, and the size.
std::string cacheKey(const Listing& listing, int size) {
    std::ostringstream key;
    key << "size " << size << "\n";
    for (const auto* split : {&listing.train, &listing.test}) {
        key << "split\n";
        for (const auto& [file, label] : *split) {
            struct stat s {};
            stat(file.c_str(), &s);
            key << label << ' ' << s.st_size << ' ' << s.st_mtim.tv_sec << '.' << s.st_mtim.tv_nsec
                << ' ' << file.string() << '\n';
        }
    }
    return key.str();
}

fs::path cacheFile(const std::string& key) {
    fs::path dir;
    if (const char* c = std::getenv("NEMO_CACHE_DIR"); c && *c)
        dir = c;
    else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
        dir = fs::path(x) / "nemo";
    else if (const char* h = std::getenv("HOME"); h && *h)
        dir = fs::path(h) / ".cache" / "nemo";
    else
        return {};
    char name[64];
    std::snprintf(name, sizeof name, "image-folder-%016zx.bin", std::hash<std::string>{}(key));
    return dir / name;
}

void writeSet(std::ostream& out, const ImageSet& set) {
    const int64_t header[4] = {set.size(), set.channels, set.height, set.width};
    out.write(reinterpret_cast<const char*>(header), sizeof header);
    out.write(reinterpret_cast<const char*>(set.labels.data()),
              std::streamsize(set.labels.size() * sizeof(int64_t)));
    out.write(reinterpret_cast<const char*>(set.pixels.data()), std::streamsize(set.pixels.size()));
}

// `images`: how many the listing has, so a damaged count never sizes an allocation.
bool readSet(std::istream& in, ImageSet& set, int size, size_t images) {
    int64_t header[4] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return false;
    if (header[0] != int64_t(images) || (header[1] != 1 && header[1] != 3) || header[2] != size ||
        header[3] != size)
        return false;
    set.channels = int(header[1]);
    set.height = set.width = size;
    set.labels.resize(size_t(header[0]));
    set.pixels.resize(size_t(header[0] * set.imageBytes()));
    return bool(in.read(reinterpret_cast<char*>(set.labels.data()),
                        std::streamsize(set.labels.size() * sizeof(int64_t)))) &&
           bool(in.read(reinterpret_cast<char*>(set.pixels.data()),
                        std::streamsize(set.pixels.size())));
}

// The decoded images from an earlier load of the same files, if the cache holds them.
bool readCache(const fs::path& path, const std::string& key, const Listing& listing, int size,
               Dataset& data) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string magic(std::string(kCacheMagic).size(), '\0');
    uint64_t keyLength = 0;
    if (!in.read(magic.data(), std::streamsize(magic.size())) || magic != kCacheMagic ||
        !in.read(reinterpret_cast<char*>(&keyLength), sizeof keyLength) || keyLength != key.size())
        return false;
    std::string stored(key.size(), '\0');
    if (!in.read(stored.data(), std::streamsize(stored.size())) || stored != key) return false;
    return readSet(in, data.train, size, listing.train.size()) &&
           readSet(in, data.test, size, listing.test.size());
}

// Best effort (a read-only home just means decoding again next time); written whole, then renamed.
void writeCache(const fs::path& path, const std::string& key, const Dataset& data) {
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    const fs::path temp = path.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        const uint64_t keyLength = key.size();
        out.write(kCacheMagic, std::streamsize(std::string(kCacheMagic).size()));
        out.write(reinterpret_cast<const char*>(&keyLength), sizeof keyLength);
        out.write(key.data(), std::streamsize(key.size()));
        writeSet(out, data.train);
        writeSet(out, data.test);
        out.flush();
        if (!out) {
            fs::remove(temp, error);
            return;
        }
    }
    fs::rename(temp, path, error);
    if (error) fs::remove(temp, error);
}

ImageSet decodeSplit(const std::vector<std::pair<fs::path, int64_t>>& files, int size,
                     bool& colour) {
    ImageSet set;
    set.channels = 3;
    set.height = set.width = size;
    set.pixels.reserve(files.size() * size_t(set.imageBytes()));
    for (const auto& [file, label] : files) {
        const std::vector<uint8_t> image = decodeImage(file, size, colour);
        set.pixels.insert(set.pixels.end(), image.begin(), image.end());
        set.labels.push_back(label);
    }
    return set;
}

// Grey images keep one channel (the three are equal).
void toGrey(ImageSet& set) {
    if (set.channels == 1) return;
    const int64_t plane = int64_t(set.height) * set.width;
    std::vector<uint8_t> grey(size_t(set.size() * plane));
    for (int64_t i = 0; i < set.size(); ++i)
        std::copy(set.image(i), set.image(i) + plane, grey.begin() + i * plane);
    set.pixels = std::move(grey);
    set.channels = 1;
}

// Per-channel mean and standard deviation of the training pixels, scaled to [0, 1].
void measureNormalization(const ImageSet& set, DatasetInfo& info) {
    const int64_t plane = int64_t(set.height) * set.width;
    info.mean.assign(size_t(set.channels), 0.5f);
    info.std.assign(size_t(set.channels), 0.25f);
    if (set.size() == 0) return;
    for (int c = 0; c < set.channels; ++c) {
        double sum = 0, squares = 0;
        for (int64_t i = 0; i < set.size(); ++i) {
            const uint8_t* p = set.image(i) + c * plane;
            for (int64_t j = 0; j < plane; ++j) {
                const double v = p[j] / 255.0;
                sum += v;
                squares += v * v;
            }
        }
        const double n = double(set.size() * plane);
        const double mean = sum / n;
        info.mean[size_t(c)] = float(mean);
        info.std[size_t(c)] =
            float(std::max(1e-3, std::sqrt(std::max(0.0, squares / n - mean * mean))));
    }
}

}  // namespace

Dataset readImageFolder(const std::string& dirText, int size) {
    if (size < 8 || size > 1024)
        throw DataError("image size " + std::to_string(size) + " is out of range (8 to 1024)");
    const fs::path dir(dirText);
    const Listing listing = listFolder(dir);
    Dataset data;
    data.info.name = "folder";
    data.info.classNames = listing.classNames;
    data.info.horizontalFlip = true;
    data.info.cropPadding = std::max(1, size / 8);
    const std::string key = cacheKey(listing, size);
    const fs::path cache = cacheFile(key);
    if (cache.empty() || !readCache(cache, key, listing, size, data)) {
        bool colour = false;
        data.train = decodeSplit(listing.train, size, colour);
        data.test = decodeSplit(listing.test, size, colour);
        if (!colour) {
            toGrey(data.train);
            toGrey(data.test);
        }
        if (!cache.empty()) writeCache(cache, key, data);
    }
    measureNormalization(data.train, data.info);
    return data;
}
#else
Dataset readImageFolder(const std::string&, int) {
    throw DataError(
        "this build reads no image folders (stb was not found when it was built: "
        "install libstb-dev and rebuild)");
}
#endif

}  // namespace nemo
