// The Neurons tab's heatmap: shows the values it is given on a fixed scale, switches layers,
// sorts neurons by the class that uses them most.
#include <QtTest>

#include <cmath>

#include <qcustomplot.h>

#include "heatmap_view.h"
#include "network_view.h"
#include "sample_mask_view.h"

namespace {

nemo::HeatmapFrame sampleFrame() {
    nemo::HeatmapFrame f;
    f.epoch = 1;
    f.globalStep = 40;
    f.classNames = {"cat", "dog", "ship"};
    nemo::HeatmapFrame::Layer a;
    a.name = "conv_1";
    a.units = 4;
    // Neuron 0 used by ship, 1 by cat, 2 by dog, 3 by cat (weaker than 1).
    a.values = {0.1f, 0.9f, 0.0f, 0.5f,   // cat
                0.2f, 0.1f, 0.8f, 0.1f,   // dog
                0.7f, 0.0f, 0.3f, 0.2f};  // ship
    nemo::HeatmapFrame::Layer b;
    b.name = "conv_2";
    b.units = 2;
    b.values = {1.0f, 0.0f, 0.0f, 1.0f, 0.5f, 0.5f};
    f.layers = {a, b};
    return f;
}

// 2x2 grayscale probe images with these labels (pixel values are of no interest here).
std::shared_ptr<const nemo::ImageSet> tinyProbes(const std::vector<int64_t>& labels) {
    auto images = std::make_shared<nemo::ImageSet>();
    images->channels = 1;
    images->height = images->width = 2;
    images->pixels.resize(labels.size() * 4);
    for (size_t i = 0; i < images->pixels.size(); ++i) images->pixels[i] = uint8_t(i * 20);
    images->labels.assign(labels.begin(), labels.end());
    return images;
}

}  // namespace

class TestHeatmapView : public QObject {
    Q_OBJECT
  private slots:
    void showsTheDeepestLayerFirst() {
        HeatmapView view;
        view.setFrame(sampleFrame());
        QCOMPARE(view.layerCount(), 2);
        view.setSortByClass(false);
        // Layer conv_2 (the last) is shown first.
        QCOMPARE(view.cell(0, 0), 1.0);
        QCOMPARE(view.cell(1, 1), 1.0);
        QCOMPARE(view.cell(1, 2), 0.5);
    }

    void unsortedColumnsAreNeurons() {
        HeatmapView view;
        view.setFrame(sampleFrame());
        view.setLayer(0);
        view.setSortByClass(false);
        for (int j = 0; j < 4; ++j) QCOMPARE(view.neuronAt(j), j);
        QVERIFY(std::abs(view.cell(0, 2) - 0.7) < 1e-6);
        QVERIFY(std::abs(view.cell(3, 0) - 0.5) < 1e-6);
    }

    void sortingGroupsNeuronsByTheirClass() {
        HeatmapView view;
        view.setFrame(sampleFrame());
        view.setLayer(0);
        view.setSortByClass(true);
        // cat's neurons first (1 stronger than 3), then dog's (2), then ship's (0).
        QCOMPARE(view.neuronAt(0), 1);
        QCOMPARE(view.neuronAt(1), 3);
        QCOMPARE(view.neuronAt(2), 2);
        QCOMPARE(view.neuronAt(3), 0);
        QVERIFY(std::abs(view.cell(0, 0) - 0.9) < 1e-6);
    }

    void newFramesKeepTheChosenLayer() {
        HeatmapView view;
        view.setFrame(sampleFrame());
        view.setLayer(0);
        nemo::HeatmapFrame next = sampleFrame();
        next.layers[0].values[1] = 0.25f;  // cat, neuron 1
        view.setFrame(next);
        view.setSortByClass(false);
        QVERIFY(std::abs(view.cell(1, 0) - 0.25) < 1e-6);
    }

    void perSampleViewShowsOneImagesMasks() {
        // Three probe images (cat, ship, cat) of 2x2 pixels with their masks in both layers.
        nemo::HeatmapFrame f = sampleFrame();
        f.probeImages = tinyProbes({0, 2, 0});
        f.layers[0].samples = {0.0f, 1.0f, 0.0f, 0.6f,   // image 0 (cat)
                               0.9f, 0.0f, 0.2f, 0.0f,   // image 1 (ship)
                               0.2f, 0.8f, 0.0f, 0.4f};  // image 2 (cat)
        f.layers[1].samples = {1.0f, 0.0f, 0.5f, 0.5f, 0.0f, 1.0f};
        HeatmapView view;
        view.setFrame(f);
        SampleMaskView* samples = view.sampleView();
        QCOMPARE(samples->sampleCount(), 3);
        QCOMPARE(samples->sample(), 0);      // first image of the first class
        QVERIFY(samples->showSample(0, 2));  // the second cat is probe image 2
        QCOMPARE(samples->sample(), 2);
        QVERIFY(std::abs(samples->cell(0, 1) - 0.8) < 1e-6);
        QCOMPARE(samples->cell(1, 1), 1.0);
        QVERIFY(std::isnan(samples->cell(1, 3)));  // conv_2 has two neurons
        QVERIFY2(samples->summary().contains("conv_1: 3 of 4 neurons active"),
                 qPrintable(samples->summary()));
        QVERIFY(samples->showSample(2, 1));  // the ship
        QCOMPARE(samples->sample(), 1);
        QVERIFY(!samples->showSample(1, 1));  // no dog among the probe images
        QCOMPARE(samples->sample(), -1);
    }

    void sortedViewsNameNeuronsAndShareTheirOrder() {
        // Sorted, column 0 of conv_1 is neuron 1 (cat's strongest); the read-out names both the
        // neuron and its column, the axis says the columns are sorted, and the one-image strip
        // draws the same neuron in the same column.
        nemo::HeatmapFrame f = sampleFrame();
        f.probeImages = tinyProbes({0, 2});
        f.layers[0].samples = {0.0f, 1.0f, 0.25f, 0.6f, 0.9f, 0.0f, 0.2f, 0.0f};
        f.layers[1].samples = {1.0f, 0.0f, 0.5f, 0.5f};
        HeatmapView view;
        view.resize(700, 500);
        view.setFrame(f);
        view.setLayer(0);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QCOMPARE(view.neuronAt(0), 1);
        QVERIFY(view.plot()->xAxis->label().contains("sorted"));
        const QPointF column0(view.plot()->xAxis->coordToPixel(0),
                              view.plot()->yAxis->coordToPixel(0));
        QMouseEvent move(QEvent::MouseMove, column0, view.plot()->mapToGlobal(column0),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view.plot(), &move);
        QVERIFY2(view.readout().contains("neuron 1 (column 0)"), qPrintable(view.readout()));
        SampleMaskView* samples = view.sampleView();
        QCOMPARE(samples->sample(), 0);
        QCOMPARE(samples->drawnAt(0, 0), 1.0);           // neuron 1 of image 0, in column 0
        QCOMPARE(samples->drawnAt(0, 1), double(0.6f));  // then neuron 3 (cat's weaker one)
        QCOMPARE(samples->cell(0, 1), 1.0);              // by neuron number, unchanged
        QVERIFY(samples->axisLabel().contains("order"));
        samples->showValueAtCell(0, 0);
        QVERIFY2(samples->readout().contains("neuron 1"), qPrintable(samples->readout()));
        // Unsorted: columns are neurons again, in both views; the stale read-out is gone.
        view.setSortByClass(false);
        QVERIFY(view.readout().isEmpty());
        QCOMPARE(samples->drawnAt(0, 0), 0.0);
        QCOMPARE(view.plot()->xAxis->label(), QString("neuron"));
        QCOMPARE(samples->axisLabel(), QString("neuron"));
    }

    void captionsCountAsTheStatusBarDoes() {
        nemo::HeatmapFrame f = sampleFrame();
        f.epoch = 1;
        f.step = 45;
        f.stepsPerEpoch = 157;
        f.globalStep = 202;
        f.probeImages = tinyProbes({0, 2, 0});
        f.layers[0].samples.assign(12, 0.5f);
        f.layers[1].samples.assign(6, 0.5f);
        HeatmapView view;
        view.setFrame(f);
        QVERIFY2(view.caption().startsWith("Epoch 2, step 45 of 157"), qPrintable(view.caption()));
        // The image is named as its pickers name it: class, then which of its images.
        QVERIFY(view.sampleView()->showSample(0, 2));
        QVERIFY2(view.sampleView()->summary().startsWith("cat, image 2 of 2"),
                 qPrintable(view.sampleView()->summary()));
        // A checkpoint's masks (an opened run) come from an epoch's end.
        f.stepsPerEpoch = 0;
        view.setFrame(f);
        QVERIFY2(view.caption().startsWith("After epoch 2"), qPrintable(view.caption()));
    }

    void exportsTheLayerAndEveryValue() {
        HeatmapView view;
        view.resize(700, 500);
        view.setFrame(sampleFrame());
        view.setLayer(0);
        view.setExportTitle("NeMo · tinycnn · run-3");
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(view.exportTo(dir.filePath("h.csv"), &error), qPrintable(error));
        QFile csv(dir.filePath("h.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 3 * 4 + 3 * 2);  // header, then classes x neurons per layer
        QCOMPARE(lines[0], QString("layer,class,neuron,column,mean_mask"));
        // conv_1, cat, neuron 1: 0.9, drawn in column 0 (sorted: cat's strongest first).
        QVERIFY2(lines.contains("conv_1,cat,1,0,0.9"), qPrintable(lines.join('\n')));
        QVERIFY(view.exportTo(dir.filePath("h.svg"), &error));
        QFile svg(dir.filePath("h.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(svg.readAll());
        QVERIFY(text.contains("NeMo · tinycnn · run-3 · conv_1"));
        QVERIFY(view.exportTo(dir.filePath("h.png"), &error));
        QVERIFY(!QImage(dir.filePath("h.png")).isNull());
        HeatmapView empty;
        QVERIFY(!empty.exportTo(dir.filePath("e.png"), &error));
    }

    void networkViewColoursNeuronsByTheirClass() {
        nemo::HeatmapFrame f = sampleFrame();
        f.probeImages = tinyProbes({0, 2});
        f.layers[0].samples = {0.0f, 1.0f, 0.25f, 0.6f, 0.9f, 0.0f, 0.2f, 0.0f};
        f.layers[1].samples = {1.0f, 0.0f, 0.5f, 0.5f};
        // Neuron 2 of conv_1: no class uses it.
        f.layers[0].values[2] = 0.01f;
        f.layers[0].values[6] = 0.02f;
        f.layers[0].values[10] = 0.0f;
        NetworkView view;
        view.resize(800, 400);
        view.setFrame(f);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.ownerOf(0, 0), 2);  // ship
        QCOMPARE(view.ownerOf(0, 1), 0);  // cat
        QCOMPARE(view.ownerOf(0, 2), -1);
        QCOMPARE(view.ownerOf(1, 1), 1);  // dog
        // Coloured by the owner's colour (cat's strong neuron near full colour), unused grey.
        const QColor cat = classColour(0, 3);
        QVERIFY(std::abs(view.cellColour(0, 1).hueF() - cat.hueF()) < 0.02);
        QVERIFY(view.cellColour(0, 3).lightnessF() > view.cellColour(0, 1).lightnessF());
        QCOMPARE(view.cellColour(0, 2), QColor(225, 225, 225));
        // Cats' neurons stand together, as in the sorted heatmap.
        QCOMPARE(view.cellRect(0, 1).top() + 19, view.cellRect(0, 3).top());

        // A module for cat: its neurons stay coloured, the others turn grey.
        view.setModuleHighlight({"conv_1", "conv_2"}, {{false, true, false, true}, {true, false}},
                                "Module for cat");
        QVERIFY(view.hasHighlight());
        QVERIFY(view.isKept(0, 3) && !view.isKept(0, 0));
        QCOMPARE(view.cellColour(0, 0), QColor(238, 238, 238));
        QVERIFY(std::abs(view.cellColour(0, 1).hueF() - cat.hueF()) < 0.02);
        view.setModuleHighlight({"fc_9"}, {{true}}, "another model");  // not this network's
        QVERIFY(!view.hasHighlight());

        // A click on a neuron: every class's use of it, and the probe images that use it most.
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {}, view.cellRect(0, 3).center());
        QCOMPARE(view.selectedLayer(), 0);
        QCOMPARE(view.selectedUnit(), 3);
        QVERIFY2(view.details().contains("conv_1, neuron 3"), qPrintable(view.details()));
        QVERIFY(view.details().indexOf("cat") < view.details().indexOf("ship"));
        QCOMPARE(view.topImages(), std::vector<int>{0});  // image 1 does not switch it on
        const QImage picture = view.grab().toImage();
        QVERIFY(!picture.isNull());
        // Export: every neuron with its class as CSV, the drawing as a titled picture.
        QTemporaryDir dir;
        QString error;
        view.setModuleHighlight({"conv_1", "conv_2"}, {{false, true, false, true}, {true, false}},
                                "Module for cat");
        view.setExportTitle("NeMo · tinycnn · run-4");
        QVERIFY2(view.exportTo(dir.filePath("n.csv"), &error), qPrintable(error));
        QFile csv(dir.filePath("n.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 4 + 2);
        QCOMPARE(lines[0], QString("layer,neuron,class,mean_mask,kept"));
        QCOMPARE(lines[2], QString("conv_1,1,cat,0.9,1"));
        QCOMPARE(lines[3], QString("conv_1,2,,,0"));  // used by no class
        QVERIFY(view.exportTo(dir.filePath("n.png"), &error));
        QCOMPARE(QImage(dir.filePath("n.png")).width(), 2 * view.canvas()->width());
        view.clear("gone");
        QVERIFY(!view.exportTo(dir.filePath("none.png"), &error));
        QCOMPARE(view.selectedLayer(), -1);
    }

    void rendersOffscreen() {
        HeatmapView view;
        view.resize(700, 400);
        view.setFrame(sampleFrame());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), 700);
    }
};

QTEST_MAIN(TestHeatmapView)
#include "test_heatmap_view.moc"
