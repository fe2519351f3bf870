// The "folder" dataset on real PNG and JPEG files written here with stb_image_write: layout,
// resizing, grey and colour, the seeded split, the cache, bad files, and training on it.
#include <QtTest>

#include <random>

#include <stb_image_write.h>

#include "nemo/dataset.h"
#include "nemo/trainer.h"

using namespace nemo;

namespace {

// A w x h image of `channels` whose pixels are `colour` plus uniform noise of +-noise.
std::vector<uint8_t> noisyImage(int w, int h, int channels, std::array<int, 3> colour, int noise,
                                std::mt19937& random) {
    std::uniform_int_distribution<int> jitter(-noise, noise);
    std::vector<uint8_t> pixels(size_t(w) * h * channels);
    for (size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = uint8_t(std::clamp(colour[i % size_t(channels)] + jitter(random), 0, 255));
    return pixels;
}

void writeImage(const QString& path, int w, int h, int channels,
                const std::vector<uint8_t>& pixels) {
    QDir().mkpath(QFileInfo(path).path());
    const std::string file = path.toStdString();
    const bool ok = path.endsWith(".png")
                        ? stbi_write_png(file.c_str(), w, h, channels, pixels.data(), w * channels)
                        : stbi_write_jpg(file.c_str(), w, h, channels, pixels.data(), 95);
    QVERIFY2(ok, qPrintable(path));
}

// Three classes told apart by colour; every other file a JPEG; sizes that need a resize and a
// crop (landscape and portrait).
const std::array<std::array<int, 3>, 3> kColours = {{{220, 40, 40}, {40, 200, 60}, {50, 60, 210}}};
const char* const kClasses[] = {"apples", "leaves", "sky"};

void writeClassTree(const QString& root, int perClass, std::mt19937& random, int noise = 30) {
    for (int c = 0; c < 3; ++c) {
        for (int i = 0; i < perClass; ++i) {
            const int w = i % 2 ? 48 : 36, h = i % 2 ? 40 : 60;
            const QString name = QString("%1/%2/img%3.%4")
                                     .arg(root, kClasses[c])
                                     .arg(i, 3, 10, QChar('0'))
                                     .arg(i % 2 ? "jpg" : "png");
            writeImage(name, w, h, 3, noisyImage(w, h, 3, kColours[size_t(c)], noise, random));
        }
    }
}

// The mean of channel `channel` of image i.
double channelMean(const ImageSet& set, int64_t i, int channel) {
    const int64_t plane = int64_t(set.height) * set.width;
    const uint8_t* p = set.image(i) + channel * plane;
    double sum = 0;
    for (int64_t j = 0; j < plane; ++j) sum += p[j];
    return sum / double(plane);
}

}  // namespace

class TestImageFolder : public QObject {
    Q_OBJECT

  private slots:
    // Each test its own empty cache folder.
    void init() {
        cacheDir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(cacheDir_->isValid());
        qputenv("NEMO_CACHE_DIR", cacheDir_->path().toUtf8());
    }

    void readsTrainAndTestFolders() {
        QTemporaryDir dir;
        std::mt19937 random(1);
        writeClassTree(dir.path() + "/train", 6, random);
        writeClassTree(dir.path() + "/test", 2, random);
        const Dataset data = loadDataset("folder", dir.path().toStdString(), 24);
        QCOMPARE(data.info.classNames, (std::vector<std::string>{"apples", "leaves", "sky"}));
        QCOMPARE(data.train.size(), int64_t(18));
        QCOMPARE(data.test.size(), int64_t(6));
        QCOMPARE(data.train.channels, 3);
        QCOMPARE(data.train.height, 24);
        QCOMPARE(data.train.width, 24);
        QCOMPARE(classCounts(data.test, 3), (std::vector<int64_t>{2, 2, 2}));
        // Every image keeps its class's colour through decoding (PNG and JPEG) and resizing.
        for (int64_t i = 0; i < data.train.size(); ++i) {
            const auto& colour = kColours[size_t(data.train.labels[size_t(i)])];
            for (int c = 0; c < 3; ++c)
                QVERIFY2(std::abs(channelMean(data.train, i, c) - colour[size_t(c)]) < 6,
                         qPrintable(QString("image %1 channel %2").arg(i).arg(c)));
        }
        // Normalization measured on the training pixels: the red channel's mean of the three
        // colours.
        QVERIFY(std::abs(data.info.mean[0] - (220 + 40 + 50) / 3.0 / 255.0) < 0.02);
    }

    void solidPngKeepsItsPixelsExactly() {
        QTemporaryDir dir;
        std::mt19937 random(2);
        for (const char* c : {"a", "b"})
            writeImage(dir.path() + "/train/" + c + "/x.png", 50, 30, 3,
                       noisyImage(50, 30, 3, {17, 130, 251}, 0, random));
        writeClassTree(dir.path() + "/test", 0, random);
        QDir().mkpath(dir.path() + "/test");
        const Dataset data = loadDataset("folder", dir.path().toStdString(), 16);
        const uint8_t* p = data.train.image(0);
        const int expected[3] = {17, 130, 251};
        for (int c = 0; c < 3; ++c)
            for (int j = 0; j < 16 * 16; ++j) QCOMPARE(int(p[c * 256 + j]), expected[c]);
    }

    void greyFilesGiveOneChannel() {
        QTemporaryDir dir;
        std::mt19937 random(3);
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < 5; ++i)
                writeImage(QString("%1/%2/%3.png").arg(dir.path()).arg(c).arg(i), 20, 20, 1,
                           noisyImage(20, 20, 1, {c ? 200 : 60, 0, 0}, 10, random));
        const Dataset data = loadDataset("folder", dir.path().toStdString(), 20);
        QCOMPARE(data.train.channels, 1);
        QCOMPARE(data.info.mean.size(), size_t(1));
    }

    // Without DIR/test: 20% of each class is held out, the same images every time.
    void splitsByAFixedSeed() {
        QTemporaryDir dir;
        std::mt19937 random(4);
        writeClassTree(dir.path(), 10, random);
        const Dataset first = loadDataset("folder", dir.path().toStdString(), 16);
        QCOMPARE(classCounts(first.test, 3), (std::vector<int64_t>{2, 2, 2}));
        QCOMPARE(classCounts(first.train, 3), (std::vector<int64_t>{8, 8, 8}));
        QVERIFY(QDir(cachePath()).removeRecursively());  // decode again, not from the cache
        const Dataset second = loadDataset("folder", dir.path().toStdString(), 16);
        QCOMPARE(second.test.pixels, first.test.pixels);
        QCOMPARE(second.train.labels, first.train.labels);
    }

    void cacheIsReusedAndFollowsTheFiles() {
        QTemporaryDir dir;
        std::mt19937 random(5);
        writeClassTree(dir.path(), 5, random);
        const Dataset first = loadDataset("folder", dir.path().toStdString(), 16);
        const QStringList cached = QDir(cachePath()).entryList(QDir::Files);
        QCOMPARE(cached.size(), 1);
        // A second load reads the cache: same pixels even if decoding were to differ.
        const Dataset again = loadDataset("folder", dir.path().toStdString(), 16);
        QCOMPARE(again.train.pixels, first.train.pixels);
        QCOMPARE(QDir(cachePath()).entryList(QDir::Files), cached);
        // A damaged cache (cut short) is decoded again and rewritten, never trusted.
        const QString cacheFile = cachePath() + "/" + cached.front();
        QVERIFY(QFile::resize(cacheFile, QFileInfo(cacheFile).size() / 2));
        const Dataset repaired = loadDataset("folder", dir.path().toStdString(), 16);
        QCOMPARE(repaired.train.pixels, first.train.pixels);
        // A changed file changes the key: the new image is decoded.
        const QString changed = dir.path() + "/sky/img000.png";
        writeImage(changed, 36, 60, 3, noisyImage(36, 60, 3, {255, 255, 255}, 0, random));
        const Dataset after = loadDataset("folder", dir.path().toStdString(), 16);
        double brightest = 0;
        for (const ImageSet* set : {&after.train, &after.test})
            for (int64_t i = 0; i < set->size(); ++i)
                brightest = std::max(brightest, channelMean(*set, i, 0));
        QCOMPARE(brightest, 255.0);
    }

    void badFilesAreNamed() {
        QTemporaryDir dir;
        std::mt19937 random(6);
        writeClassTree(dir.path(), 3, random);
        QFile broken(dir.path() + "/leaves/broken.jpg");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("this is not a JPEG");
        broken.close();
        QString message;
        try {
            loadDataset("folder", dir.path().toStdString(), 16);
        } catch (const DataError& e) {
            message = e.what();
        }
        QVERIFY2(message.contains("broken.jpg") && message.contains("replace or remove"),
                 qPrintable(message));
        // An empty class folder and a single class are refused by name too.
        QVERIFY(broken.remove());
        QDir().mkpath(dir.path() + "/empty");
        message.clear();
        try {
            loadDataset("folder", dir.path().toStdString(), 16);
        } catch (const DataError& e) {
            message = e.what();
        }
        QVERIFY2(message.contains("empty") && message.contains("no .png"), qPrintable(message));
        QTemporaryDir one;
        writeImage(one.path() + "/only/a.png", 8, 8, 1, std::vector<uint8_t>(64, 9));
        QVERIFY_EXCEPTION_THROWN(loadDataset("folder", one.path().toStdString(), 16), DataError);
    }

    // A model trains on the user's images: well above the 1/3 of chance.
    void trainsOnAFolderAboveChance() {
        QTemporaryDir dir;
        std::mt19937 random(7);
        writeClassTree(dir.path() + "/train", 40, random, 60);
        writeClassTree(dir.path() + "/test", 10, random, 60);
        TrainConfig c = TrainConfig::defaultsFor(TrainMode::Nemo, "tinycnn");
        c.dataset = "folder";
        c.dataDir = dir.path().toStdString();
        c.model = "tinycnn";
        c.epochs = 3;
        c.batchSize = 32;
        c.threads = 1;
        const TrainResult r = train(c);
        qInfo("test accuracy %.3f after 3 epochs (chance 0.333)", r.testAccuracy);
        QVERIFY2(r.testAccuracy > 0.8, qPrintable(QString::number(r.testAccuracy)));
    }

  private:
    QString cachePath() const { return cacheDir_->path(); }
    std::unique_ptr<QTemporaryDir> cacheDir_;
};

QTEST_GUILESS_MAIN(TestImageFolder)
#include "test_image_folder.moc"
