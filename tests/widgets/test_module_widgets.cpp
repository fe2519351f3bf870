// The Modules and Data tabs' widgets: the threshold preview reproduces the engine's module-mask
// rule (fallback included) on hand-computed frequencies, the overlap view shows and reads out
// Jaccard values, files written by modularize/extract are read back, samples are drawn crisply.
#include <QtTest>

#include <cmath>

#include <qcustomplot.h>

#include "class_picker.h"
#include "modular_data.h"
#include "module_preview.h"
#include "module_results.h"
#include "overlap_view.h"
#include "sample_gallery.h"
#include "sample_image.h"

namespace {

QStringList readLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

// Three classes, layers of 4 and 2 units. At threshold 0.9:
//   class 0 keeps {0, 1} and {4} directly;
//   class 1 keeps {1, 2}; its second layer has nothing >= 0.9, so the threshold drops by 0.05
//     steps until 0.85 keeps {5};
//   class 2's first layer is all zero: no threshold keeps anything, so the fallback keeps
//     max(1, int(0.05 * 4)) = 1 unit, the lowest index on ties: {0}; its second layer keeps
//     {4, 5} once the threshold falls to 0.6.
ModularFrequencies handFrequencies() {
    ModularFrequencies f;
    f.classNames = {"cat", "dog", "ship"};
    f.layerNames = {"conv_1", "conv_2"};
    f.layerWidths = {4, 2};
    f.frequencies = {{1.0f, 0.95f, 0.2f, 0.0f, 0.9f, 0.5f},
                     {0.1f, 0.95f, 0.92f, 0.0f, 0.3f, 0.89f},
                     {0.0f, 0.0f, 0.0f, 0.0f, 0.62f, 0.62f}};
    return f;
}

QString maskString(const nemo::BitMatrix& m, int row) {
    QString s;
    for (int64_t j = 0; j < m.cols(); ++j) s += m.get(row, j) ? '1' : '0';
    return s;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

}  // namespace

class TestModuleWidgets : public QObject {
    Q_OBJECT
  private slots:
    void previewFollowsTheEnginesThresholdRule() {
        const ModulePreview p = previewModules(handFrequencies(), 0.9);
        QCOMPARE(maskString(p.masks, 0), QString("110010"));
        QCOMPARE(maskString(p.masks, 1), QString("011001"));
        QCOMPARE(maskString(p.masks, 2), QString("100011"));
        for (double r : p.classRetention) QCOMPARE(r, 0.5);
        QCOMPARE(p.retention, 0.5);
        // |0&1| = 1 of |0|1| = 5; |0&2| = 2 of 4; |1&2| = 1 of 5.
        QCOMPARE(p.overlap[0][1], 0.2);
        QCOMPARE(p.overlap[1][0], 0.2);
        QCOMPARE(p.overlap[0][2], 0.5);
        QCOMPARE(p.overlap[1][2], 0.2);
        QCOMPARE(p.overlap[2][2], 1.0);
        QVERIFY(std::abs(p.coupling - 0.3) < 1e-12);
        // Module for cat + dog: the union keeps units 0-2 of conv_1 and both of conv_2.
        QCOMPARE(p.keptPerLayer({0, 1}), (std::vector<int64_t>{3, 2}));
        QCOMPARE(p.keptPerLayer({2}), (std::vector<int64_t>{1, 2}));
    }

    void lowerThresholdsKeepMoreUnits() {
        const ModularFrequencies f = handFrequencies();
        const ModulePreview high = previewModules(f, 0.9);
        const ModulePreview low = previewModules(f, 0.15);
        QCOMPARE(maskString(low.masks, 0), QString("111011"));  // 0.2 and 0.5 now count
        QVERIFY(low.retention > high.retention);
        // Frequencies exactly at the threshold are in (>=), as float32 comparisons in the engine.
        QCOMPARE(maskString(previewModules(f, 0.95).masks, 0).left(2), QString("11"));
    }

    void readsModularizeAndExtractFiles() {
        QTemporaryDir dir;
        writeFile(dir.filePath("frequencies.json"),
                  R"({"layers":[{"name":"conv_1","units":4},{"name":"conv_2","units":2}],
                      "class_names":["cat","dog","ship"],
                      "frequencies":[[1.0,0.95,0.2,0.0,0.9,0.5],[0.1,0.95,0.92,0.0,0.3,0.89],
                                     [0,0,0,0,0.62,0.62]]})");
        ModularFrequencies f;
        QString error;
        QVERIFY2(ModularFrequencies::load(dir.filePath("frequencies.json"), &f, &error),
                 qPrintable(error));
        QCOMPARE(f.classNames, QStringList({"cat", "dog", "ship"}));
        QCOMPARE(f.unitCount(), int64_t(6));
        QCOMPARE(f.frequencies[1][2], 0.92f);
        QCOMPARE(maskString(previewModules(f, 0.9).masks, 1), QString("011001"));

        writeFile(dir.filePath("metrics_thr_0.90.json"),
                  R"({"threshold":0.9,"coupling":0.3,"per_class":[
                      {"class":0,"samples":10,"retention":0.5,"cohesion":0.8},
                      {"class":1,"samples":12,"retention":0.5,"cohesion":null}]})");
        writeFile(dir.filePath("metrics.json"), R"({"threshold":0.5,"per_class":[
                      {"class":0,"samples":10,"retention":0.6,"cohesion":0.7}]})");
        const auto all = loadModularMetrics(dir.path());
        QCOMPARE(all.keys(), QList<int>({50, 90}));
        QCOMPARE(all[90].samples[1], int64_t(12));
        QCOMPARE(all[90].cohesion[0], 0.8);
        QVERIFY(std::isnan(all[90].cohesion[1]));  // null: no pair to compare

        writeFile(dir.filePath("broken.json"), "{\"layers\": [");
        QVERIFY(!ModularFrequencies::load(dir.filePath("broken.json"), &f, &error));
        QVERIFY(error.contains("not valid JSON"));
        QVERIFY(!ModularFrequencies::load(dir.filePath("missing.json"), &f, &error));
        QVERIFY(error.contains("missing.json"));
        // A negative layer width (it used to end the workbench in std::terminate) and a
        // frequency outside [0, 1] are refused with the file's name.
        writeFile(dir.filePath("negative.json"),
                  R"({"layers":[{"name":"conv_1","units":-4}],"class_names":["cat"],
                      "frequencies":[[]]})");
        QVERIFY(!ModularFrequencies::load(dir.filePath("negative.json"), &f, &error));
        QVERIFY2(error.contains("negative.json") && error.contains("-4 units"), qPrintable(error));
        writeFile(dir.filePath("range.json"),
                  R"({"layers":[{"name":"conv_1","units":2}],"class_names":["cat"],
                      "frequencies":[[0.5,7]]})");
        QVERIFY(!ModularFrequencies::load(dir.filePath("range.json"), &f, &error));
        QVERIFY2(error.contains("between 0 and 1"), qPrintable(error));

        writeFile(dir.filePath("module.json"),
                  R"({"classes":[0,2],"class_names":["cat","ship"],"module_accuracy":0.95,
                      "full_accuracy":0.9,"params":500,"params_full":1000,"flops":2000,
                      "flops_full":8000,"latency_ms":{"batch1":0.5,"batch128":10.0},
                      "latency_ms_full":{"batch1":1.0,"batch128":40.0},
                      "layers":[{"name":"conv_1","kept":3,"total":4}],"best_epoch":2})");
        nemo::ExtractResult r;
        QVERIFY(readModuleManifest(dir.path(), &r, &error));
        QCOMPARE(r.classes, (std::vector<int>{0, 2}));
        QCOMPARE(r.flopsFull, int64_t(8000));
        QCOMPARE(r.latencyMs128, 10.0);
        QCOMPARE(moduleFolderName(r.classes), QString("classes_0_2"));

        ModuleResults results;
        results.setResult(r, "test");
        QVERIFY(results.hasResult());
        QCOMPARE(results.text(0, 1), QString("95.0 %"));
        QCOMPARE(results.text(0, 2), QString("90.0 %"));
        QCOMPARE(results.text(1, 3), QString("0.50x"));  // parameters
        QCOMPARE(results.text(2, 3), QString("0.25x"));  // FLOPs
        QCOMPARE(results.text(4, 3), QString("0.25x"));  // latency at batch 128
        QCOMPARE(results.layerText(0, 1), QString("3 of 4"));
        QCOMPARE(results.layerText(0, 2), QString("75 %"));

        // Export: the numbers unrounded as CSV, the panel as a titled picture.
        results.setExportTitle("NeMo · minivgg · run-1");
        results.resize(700, 300);
        results.show();
        QVERIFY(QTest::qWaitForWindowExposed(&results));
        QVERIFY2(results.exportTo(dir.filePath("results.csv"), &error), qPrintable(error));
        const QStringList lines = readLines(dir.filePath("results.csv"));
        QCOMPARE(lines.value(0), QString("quantity,module,full_model,standard_model"));
        QCOMPARE(lines.value(1), QString("accuracy,0.95,0.9,"));
        QCOMPARE(lines.value(3), QString("multiply_adds_per_image,2000,8000,"));
        QCOMPARE(lines.value(6), QString("neurons:conv_1,3,4,"));
        QVERIFY2(results.exportTo(dir.filePath("results.png"), &error), qPrintable(error));
        const QImage picture(dir.filePath("results.png"));
        QCOMPARE(picture.width(), 2 * 700);
        QCOMPARE(picture.height(), 2 * (300 + 30));  // the title band on top
        QVERIFY(results.exportTo(dir.filePath("results.svg"), &error));
        QVERIFY(readLines(dir.filePath("results.svg")).join('\n').contains("run-1"));
        QVERIFY(!results.exportTo(dir.filePath("results.bmp"), &error));
        QVERIFY(error.contains(".png"));
    }

    void overlapViewShowsAndReadsOutJaccard() {
        const ModulePreview p = previewModules(handFrequencies(), 0.9);
        OverlapView view;
        view.resize(500, 400);
        view.show();
        view.setOverlap({"cat", "dog", "ship"}, p.overlap);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QCOMPARE(view.classCount(), 3);
        QCOMPARE(view.value(0, 2), 0.5);
        // The colour scale stays [0, 1] whatever the data.
        auto* map = qobject_cast<QCPColorMap*>(view.plot()->plottable(0));
        QVERIFY(map);
        QCOMPARE(map->dataRange().lower, 0.0);
        QCOMPARE(map->dataRange().upper, 1.0);
        QCOMPARE(map->data()->cell(0, 2), 0.5);
        // Hover over cell (x = dog, y = cat).
        const QPointF pixel(view.plot()->xAxis->coordToPixel(1),
                            view.plot()->yAxis->coordToPixel(0));
        view.showValueAt(pixel);
        QVERIFY2(view.readout().contains("dog") && view.readout().contains("cat") &&
                     view.readout().contains("0.200"),
                 qPrintable(view.readout()));
        view.showValueAt(QPointF(-100, -100));
        QVERIFY(view.readout().isEmpty());

        // Export: every class pair as CSV, the map as a titled PNG.
        QTemporaryDir dir;
        QString error;
        view.setExportTitle("MwT · tinycnn · run-2");
        QVERIFY2(view.exportTo(dir.filePath("overlap.csv"), &error), qPrintable(error));
        const QStringList lines = readLines(dir.filePath("overlap.csv"));
        QCOMPARE(lines.size(), 1 + 9);
        QCOMPARE(lines[0], QString("class_a,class_b,jaccard"));
        QCOMPARE(lines[3], QString("cat,ship,0.5"));
        QVERIFY(view.exportTo(dir.filePath("overlap.png"), &error));
        QCOMPARE(QImage(dir.filePath("overlap.png")).height(), 2 * (view.plot()->height() + 30));
        OverlapView empty;
        QVERIFY(!empty.exportTo(dir.filePath("empty.csv"), &error));
        QVERIFY(error.contains("modularize"));
    }

    void imagesAreDrawnCrisplyPerClass() {
        nemo::ImageSet set;
        set.channels = 3;
        set.height = 2;
        set.width = 2;
        set.labels = {1, 0, 1, 1};
        // Image i, channel c, pixel k holds i * 100 + c * 10 + k (wrapping past 255).
        for (int i = 0; i < 4; ++i)
            for (int c = 0; c < 3; ++c)
                for (int k = 0; k < 4; ++k) set.pixels.push_back(uint8_t(i * 100 + c * 10 + k));
        const QImage img = sampleImage(set, 0);
        QCOMPARE(img.size(), QSize(2, 2));
        QCOMPARE(img.pixelColor(1, 0), QColor(1, 11, 21));  // (x=1, y=0) is CHW offset 1
        QCOMPARE(img.pixelColor(0, 1), QColor(2, 12, 22));

        const auto picked = firstSamplesPerClass(set, 2, 2);
        QCOMPARE(picked[0], (std::vector<int64_t>{1}));
        QCOMPARE(picked[1], (std::vector<int64_t>{0, 2}));

        // Nearest-neighbour: every source pixel becomes a solid 4x4 block.
        const QImage big = crispPixmap(img, 8).toImage();
        QCOMPARE(big.size(), QSize(8, 8));
        QCOMPARE(big.pixelColor(4, 0), img.pixelColor(1, 0));
        QCOMPARE(big.pixelColor(7, 3), img.pixelColor(1, 0));
        QCOMPARE(big.pixelColor(3, 7), img.pixelColor(0, 1));

        SampleGallery gallery;
        gallery.setSamples({"cat", "dog"}, {{img}, {img, sampleImage(set, 2)}});
        QCOMPARE(gallery.rowCount(), 2);
        QCOMPARE(gallery.imageCount(1), 2);
        QVERIFY(gallery.message().isEmpty());
        gallery.showMessage("no data");
        QCOMPARE(gallery.rowCount(), 0);
        QCOMPARE(gallery.message(), QString("no data"));
    }

    void classPickerReportsTickedClasses() {
        ClassPicker picker;
        QSignalSpy changed(&picker, &ClassPicker::selectionChanged);
        picker.setClasses({"cat", "dog", "ship"});
        QCOMPARE(picker.classCount(), 3);
        QVERIFY(picker.checkedClasses().empty());
        picker.setChecked({2, 0});
        QCOMPARE(picker.checkedClasses(), (std::vector<int>{0, 2}));
        QCOMPARE(changed.last().at(0).value<std::vector<int>>(), (std::vector<int>{0, 2}));
        QVERIFY(!picker.hasThumbnail(1));
        QImage thumb(28, 28, QImage::Format_Grayscale8);
        thumb.fill(128);
        picker.setThumbnails({thumb, thumb});
        QVERIFY(picker.hasThumbnail(1));
        QVERIFY(!picker.hasThumbnail(2));
        QCOMPARE(picker.checkedClasses(), (std::vector<int>{0, 2}));  // icons keep the ticks
    }
};

QTEST_MAIN(TestModuleWidgets)
#include "test_module_widgets.moc"
