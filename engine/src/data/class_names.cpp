// Class names of the supported datasets and the CIFAR-100 fine -> superclass tables.
#include "data/class_names.h"

#include <fstream>
#include <stdexcept>

#include "nemo/dataset.h"

namespace nemo {
namespace detail {

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

const std::vector<std::string>& digitClassNames() {
    static const std::vector<std::string> names = {"0", "1", "2", "3", "4",
                                                   "5", "6", "7", "8", "9"};
    return names;
}

const std::vector<std::string>& cifar10ClassNames() {
    static const std::vector<std::string> names = {
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
    return names;
}

// Alphabetical, as in the dataset's fine_label_names.txt: label i is names[i].
const std::vector<std::string>& cifar100FineNames() {
    static const std::vector<std::string> names = {
        "apple",       "aquarium_fish", "baby",      "bear",       "beaver",       "bed",
        "bee",         "beetle",        "bicycle",   "bottle",     "bowl",         "boy",
        "bridge",      "bus",           "butterfly", "camel",      "can",          "castle",
        "caterpillar", "cattle",        "chair",     "chimpanzee", "clock",        "cloud",
        "cockroach",   "couch",         "crab",      "crocodile",  "cup",          "dinosaur",
        "dolphin",     "elephant",      "flatfish",  "forest",     "fox",          "girl",
        "hamster",     "house",         "kangaroo",  "keyboard",   "lamp",         "lawn_mower",
        "leopard",     "lion",          "lizard",    "lobster",    "man",          "maple_tree",
        "motorcycle",  "mountain",      "mouse",     "mushroom",   "oak_tree",     "orange",
        "orchid",      "otter",         "palm_tree", "pear",       "pickup_truck", "pine_tree",
        "plain",       "plate",         "poppy",     "porcupine",  "possum",       "rabbit",
        "raccoon",     "ray",           "road",      "rocket",     "rose",         "sea",
        "seal",        "shark",         "shrew",     "skunk",      "skyscraper",   "snail",
        "snake",       "spider",        "squirrel",  "streetcar",  "sunflower",    "sweet_pepper",
        "table",       "tank",          "telephone", "television", "tiger",        "tractor",
        "train",       "trout",         "tulip",     "turtle",     "wardrobe",     "whale",
        "willow_tree", "wolf",          "woman",     "worm"};
    return names;
}

const std::vector<std::string>& cifar100CoarseNames() {
    static const std::vector<std::string> names = {"aquatic_mammals",
                                                   "fish",
                                                   "flowers",
                                                   "food_containers",
                                                   "fruit_and_vegetables",
                                                   "household_electrical_devices",
                                                   "household_furniture",
                                                   "insects",
                                                   "large_carnivores",
                                                   "large_man-made_outdoor_things",
                                                   "large_natural_outdoor_scenes",
                                                   "large_omnivores_and_herbivores",
                                                   "medium_mammals",
                                                   "non-insect_invertebrates",
                                                   "people",
                                                   "reptiles",
                                                   "small_mammals",
                                                   "trees",
                                                   "vehicles_1",
                                                   "vehicles_2"};
    return names;
}

std::vector<std::string> customGroupNames() {
    std::vector<std::string> names;
    for (int g = 0; g < 20; ++g) names.push_back("group " + std::to_string(g));
    return names;
}

std::vector<std::string> readClassNameFile(const std::string& path, std::size_t expected) {
    std::ifstream in(path);
    if (!in) return {};
    std::vector<std::string> names;
    std::string line;
    const char* space = " \t\r\n";
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(space);
        if (first == std::string::npos) continue;  // the files end with blank lines
        names.push_back(line.substr(first, line.find_last_not_of(space) - first + 1));
    }
    if (names.size() != expected) return {};
    return names;
}

}  // namespace detail

const std::vector<int>& cifar100CanonicalCoarse() {
    // The coarse label stored next to each fine label in the CIFAR-100 files, indexed by fine
    // label.
    static const std::vector<int> table = {
        4,  1,  14, 8,  0,  6,  7,  7,  18, 3,  3,  14, 9,  18, 7,  11, 3,  9,  7,  11,
        6,  11, 5,  10, 7,  6,  13, 15, 3,  15, 0,  11, 1,  10, 12, 14, 16, 9,  11, 5,
        5,  19, 8,  8,  15, 13, 14, 17, 18, 10, 16, 4,  17, 4,  2,  0,  17, 4,  18, 17,
        10, 3,  2,  12, 12, 16, 12, 1,  9,  19, 2,  10, 0,  1,  16, 12, 9,  13, 15, 13,
        16, 19, 2,  4,  6,  19, 5,  5,  8,  19, 18, 1,  2,  15, 6,  0,  17, 8,  14, 13};
    return table;
}

const std::vector<int>& cifar100CustomGrouping() {
    // The reference trainers' custom_defined = true grouping (docs/method.md §5.3), written as
    // superclass -> fine classes like the reference and inverted once.
    static const std::vector<int> table = [] {
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
        std::vector<int> fineToGroup(100, -1);
        for (int g = 0; g < static_cast<int>(groups.size()); ++g) {
            for (int fine : groups[g]) {
                if (fineToGroup.at(fine) != -1) {
                    throw std::logic_error("cifar100CustomGrouping: a fine class is in two groups");
                }
                fineToGroup[fine] = g;
            }
        }
        // A typo in the table above must not silently leave a class without a superclass.
        for (int g : fineToGroup) {
            if (g < 0) throw std::logic_error("cifar100CustomGrouping: a fine class has no group");
        }
        return fineToGroup;
    }();
    return table;
}

}  // namespace nemo
