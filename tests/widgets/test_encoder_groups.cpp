// Transformer layers grouped by encoder, with hand-made frames and module results: layer names
// parse into encoder parts (CNN names do not), the Neurons tab's selector lists layers under a
// header per encoder and maps each entry to its layer, the per-image view draws one strip per
// encoder, and a module's kept neurons are totalled per encoder as attention and MLP. CNN data
// looks as before.
#include <QComboBox>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

#include <qcustomplot.h>

#include "encoder_kept_tree.h"
#include "encoder_layers.h"
#include "heatmap_view.h"
#include "module_results.h"
#include "sample_mask_view.h"

namespace {

const QStringList kParts = {"query", "key", "value", "attn_out", "inter", "out"};

// Two encoders (1 and 2) of a tiny Transformer: width 4, MLP hidden 8; three classes. The mean
// mask of class c, layer l, neuron j is (l + 1) / 100 + j / 1000 + c / 10, so every cell says
// where it came from. Two probe images (class 0 and 2) whose masks are 1 on even neurons.
nemo::HeatmapFrame transformerFrame() {
    nemo::HeatmapFrame f;
    f.epoch = 0;
    f.globalStep = 10;
    f.classNames = {"cat", "dog", "ship"};
    for (int e = 1; e <= 2; ++e)
        for (const QString& part : kParts) {
            nemo::HeatmapFrame::Layer l;
            l.name = QString("encoder_%1.%2").arg(e).arg(part).toStdString();
            l.units = part == "inter" ? 8 : 4;
            const int index = int(f.layers.size());
            for (int c = 0; c < 3; ++c)
                for (int j = 0; j < l.units; ++j)
                    l.values.push_back(float((index + 1) / 100.0 + j / 1000.0 + c / 10.0));
            for (int i = 0; i < 2; ++i)
                for (int j = 0; j < l.units; ++j) l.samples.push_back(j % 2 == 0 ? 1.0f : 0.0f);
            f.layers.push_back(l);
        }
    auto images = std::make_shared<nemo::ImageSet>();
    images->channels = 1;
    images->height = images->width = 2;
    images->pixels = {0, 50, 100, 150, 10, 20, 30, 40};
    images->labels = {0, 2};
    f.probeImages = images;
    return f;
}

nemo::HeatmapFrame cnnFrame() {
    nemo::HeatmapFrame f;
    f.classNames = {"cat", "dog"};
    for (int l = 0; l < 2; ++l) {
        nemo::HeatmapFrame::Layer layer;
        layer.name = "conv_" + std::to_string(l + 1);
        layer.units = 2 + 2 * l;
        layer.values.assign(size_t(2 * layer.units), 0.5f);
        layer.samples.assign(size_t(layer.units), 1.0f);
        f.layers.push_back(layer);
    }
    auto images = std::make_shared<nemo::ImageSet>();
    images->channels = 1;
    images->height = images->width = 1;
    images->pixels = {7};
    images->labels = {0};
    f.probeImages = images;
    return f;
}

int entryOf(const QComboBox* box, const QString& text) {
    for (int i = 0; i < box->count(); ++i)
        if (box->itemText(i) == text) return i;
    return -1;
}

nemo::ExtractResult transformerModule() {
    nemo::ExtractResult r;
    r.classes = {0, 1};
    const int kept[2][6] = {{1, 2, 3, 4, 5, 1}, {4, 4, 4, 4, 8, 4}};
    for (int e = 1; e <= 2; ++e)
        for (int p = 0; p < 6; ++p)
            r.layers.push_back({QString("encoder_%1.%2").arg(e).arg(kParts[p]).toStdString(),
                                kept[e - 1][p], kParts[p] == "inter" ? 8 : 4});
    return r;
}

}  // namespace

class TestEncoderGroups : public QObject {
    Q_OBJECT
  private slots:
    void layerNamesParseIntoEncoderParts() {
        const auto q = parseEncoderPart("encoder_3.query");
        QVERIFY(q);
        QCOMPARE(q->encoder, 3);
        QCOMPARE(q->part, QString("query"));
        QVERIFY(q->block == EncoderBlock::Attention);
        QVERIFY(parseEncoderPart("encoder_1.attn_out")->block == EncoderBlock::Attention);
        QVERIFY(parseEncoderPart("encoder_1.inter")->block == EncoderBlock::Mlp);
        QVERIFY(parseEncoderPart("encoder_11.out")->block == EncoderBlock::Mlp);
        QVERIFY(!parseEncoderPart("conv_1"));
        QVERIFY(!parseEncoderPart("encoder_1.ln"));
        QVERIFY(!parseEncoderPart("layer1.0.conv1"));

        // Unmasked q/k/v: three parts per encoder, still grouped.
        const EncoderLayout layout =
            groupByEncoder({"encoder_1.attn_out", "encoder_1.inter", "encoder_1.out",
                            "encoder_2.attn_out", "encoder_2.inter", "encoder_2.out"});
        QVERIFY(layout.byEncoder);
        QCOMPARE(int(layout.encoders.size()), 2);
        QCOMPARE(layout.encoders[1].encoder, 2);
        QCOMPARE(layout.encoders[1].layers, (std::vector<int>{3, 4, 5}));
        const std::vector<EncoderCount> counts =
            countByEncoder(layout, {1, 2, 3, 4, 5, 6}, {10, 20, 30, 40, 50, 60});
        QCOMPARE(counts[0].attention, int64_t(1));
        QCOMPARE(counts[0].attentionTotal, int64_t(10));
        QCOMPARE(counts[0].mlp, int64_t(5));
        QCOMPARE(counts[0].mlpTotal, int64_t(50));
        QCOMPARE(counts[1].mlp, int64_t(11));
        QCOMPARE(EncoderNames::totals(counts[1]),
                 QString("Encoder 2: attention 4 of 40, MLP 11 of 110"));

        // CNNs (and any mix) are not grouped.
        QVERIFY(!groupByEncoder({"conv_1", "conv_2"}).byEncoder);
        QVERIFY(!groupByEncoder({"encoder_1.query", "conv_2"}).byEncoder);
        QVERIFY(countByEncoder(groupByEncoder({"conv_1"}), {1}, {2}).empty());
    }

    void selectorListsLayersUnderAHeaderPerEncoder() {
        HeatmapView view;
        view.setFrame(transformerFrame());
        QCOMPARE(view.layerCount(), 12);
        QComboBox* box = view.layerSelector();
        QCOMPARE(box->count(), 14);  // two headers and twelve layers
        QCOMPARE(box->itemText(0), QString("Encoder 1: 16 attention and 12 MLP neurons"));
        QCOMPARE(box->itemText(7), QString("Encoder 2: 16 attention and 12 MLP neurons"));
        auto* model = qobject_cast<QStandardItemModel*>(box->model());
        QVERIFY(!(model->item(0)->flags() & Qt::ItemIsEnabled));  // a header cannot be chosen
        QVERIFY(model->item(1)->flags() & Qt::ItemIsEnabled);
        QCOMPARE(box->itemText(1), QString("Encoder 1 · attention query (4 neurons)"));
        QCOMPARE(box->itemText(13), QString("Encoder 2 · MLP output (4 neurons)"));

        // The deepest layer first, as for CNNs: encoder 2's MLP output.
        QCOMPARE(view.currentLayer(), 11);
        QCOMPARE(box->currentIndex(), 13);
        QVERIFY2(view.caption().contains("MLP neurons: the output layer of encoder 2"),
                 qPrintable(view.caption()));
        // Sorted (the default), the columns are positions, not neuron numbers, and say so.
        QCOMPARE(view.plot()->xAxis->label(),
                 QString("MLP neurons, sorted by the class that uses them most"));

        // Each entry shows its own layer.
        view.setSortByClass(false);
        QCOMPARE(view.plot()->xAxis->label(), QString("MLP neuron"));
        const int hidden = entryOf(box, "Encoder 1 · MLP hidden (8 neurons)");
        QVERIFY(hidden > 0);
        box->setCurrentIndex(hidden);
        QCOMPARE(view.currentLayer(), 4);
        QVERIFY(std::abs(view.cell(7, 2) - (0.05 + 0.007 + 0.2)) < 1e-6);
        QVERIFY(view.caption().contains("MLP neurons: the hidden layer of encoder 1"));
        const int key = entryOf(box, "Encoder 2 · attention key (4 neurons)");
        box->setCurrentIndex(key);
        QCOMPARE(view.currentLayer(), 7);
        QVERIFY(std::abs(view.cell(1, 0) - (0.08 + 0.001)) < 1e-6);
        QVERIFY(view.caption().contains("Attention neurons: the key projection of encoder 2"));
        QCOMPARE(view.plot()->xAxis->label(), QString("attention neuron"));

        // Choosing a header changes nothing; setLayer selects the layer's entry.
        box->setCurrentIndex(0);
        QCOMPARE(view.currentLayer(), 7);
        view.setLayer(3);
        QCOMPARE(box->currentText(), QString("Encoder 1 · attention output (4 neurons)"));

        // A new frame with the same layers keeps the choice.
        view.setFrame(transformerFrame());
        QCOMPARE(view.currentLayer(), 3);
    }

    void cnnSelectorIsUnchanged() {
        HeatmapView view;
        view.setFrame(cnnFrame());
        QComboBox* box = view.layerSelector();
        QCOMPARE(box->count(), 2);
        QCOMPARE(box->itemText(0), QString("conv_1 (2 neurons)"));
        QCOMPARE(box->itemText(1), QString("conv_2 (4 neurons)"));
        QCOMPARE(view.currentLayer(), 1);
        QVERIFY(!view.caption().contains('\n'));
        QCOMPARE(view.plot()->xAxis->label(),
                 QString("neurons, sorted by the class that uses them most"));
        view.setSortByClass(false);
        QCOMPARE(view.plot()->xAxis->label(), QString("neuron"));
        box->setCurrentIndex(0);
        QCOMPARE(view.currentLayer(), 0);

        // The per-image view: a strip per layer, as before.
        const MaskStrips& s = view.sampleView()->strips();
        QCOMPARE(s.rows, 2);
        QCOMPARE(s.width, 4);
        QCOMPARE(s.rowLabels, QStringList({"conv_1", "conv_2"}));
        QVERIFY(s.parts.empty());
        QVERIFY(view.sampleView()->summary().contains("conv_2: 4 of 4 neurons active"));
    }

    void perImageViewDrawsAStripPerEncoder() {
        HeatmapView view;
        view.setFrame(transformerFrame());
        SampleMaskView* samples = view.sampleView();
        const MaskStrips& s = samples->strips();
        QCOMPARE(s.rows, 2);
        QCOMPARE(s.width, 4 * 5 + 8);
        QCOMPARE(s.rowLabels, QStringList({"Encoder 1", "Encoder 2"}));
        QCOMPARE(int(s.parts.size()), 6);
        QCOMPARE(s.parts[4].label, QString("MLP hidden"));
        QCOMPARE(s.parts[4].begin, 16);
        QCOMPARE(s.parts[4].end, 24);
        QCOMPARE(int(s.blocks.size()), 2);
        QCOMPARE(s.blocks[0].end, 16);
        QCOMPARE(s.blocks[1].label, QString("MLP"));
        // Layer 10 (encoder 2's MLP hidden) sits in strip 1 from column 16.
        QCOMPARE(s.places[10].row, 1);
        QCOMPARE(s.places[10].offset, 16);
        int layer = -1, neuron = -1;
        QVERIFY(s.locate(1, 18, &layer, &neuron));
        QCOMPARE(layer, 10);
        QCOMPARE(neuron, 2);
        QVERIFY(s.locate(0, 27, &layer, &neuron));
        QCOMPARE(layer, 5);
        QCOMPARE(neuron, 3);
        QVERIFY(!s.locate(2, 0, &layer, &neuron));

        QCOMPARE(samples->sample(), 0);
        QCOMPARE(samples->cell(10, 2), 1.0);
        QCOMPARE(samples->cell(10, 3), 0.0);
        // Half of every layer is on: 8 of 16 attention and 6 of 12 MLP neurons per encoder.
        QVERIFY2(samples->summary().contains("Encoder 1: attention 8/16, MLP 6/12 active\n"
                                             "Encoder 2: attention 8/16, MLP 6/12 active"),
                 qPrintable(samples->summary()));
        // Unsorted, strip columns are neuron numbers; sorted, the read-out names the neuron the
        // heatmap's order put in that column.
        view.setSortByClass(false);
        samples->showValueAtCell(1, 18);
        QCOMPARE(samples->readout(), QString("Encoder 2 · MLP hidden, neuron 2: mask 1.000"));
        view.setLayer(10);
        view.setSortByClass(true);
        samples->showValueAtCell(1, 16 + 2);
        QCOMPARE(samples->readout(),
                 QString("Encoder 2 · MLP hidden, neuron %1: mask %2")
                     .arg(samples->neuronAtColumn(10, 2))
                     .arg(samples->cell(10, samples->neuronAtColumn(10, 2)), 0, 'f', 3));
    }

    void moduleResultsTotalKeptNeuronsPerEncoder() {
        ModuleResults results;
        results.setResult(transformerModule(), "test");
        EncoderKeptTree* tree = results.encoderTree();
        QVERIFY(tree->isVisibleTo(&results));
        QCOMPARE(tree->topLevelItemCount(), 3);  // two encoders and the total
        QCOMPARE(tree->text(0, 0), QString("Encoder 1"));
        QCOMPARE(tree->text(0, 1), QString("10 of 16"));  // 1 + 2 + 3 + 4
        QCOMPARE(tree->text(0, 2), QString("6 of 12"));   // 5 + 1
        QCOMPARE(tree->text(0, 3), QString("57 %"));      // 16 of 28
        QCOMPARE(tree->text(1, 1), QString("16 of 16"));
        QCOMPARE(tree->text(1, 2), QString("12 of 12"));
        QCOMPARE(tree->text(2, 0), QString("All encoders"));
        QCOMPARE(tree->text(2, 1), QString("26 of 32"));
        QCOMPARE(tree->text(2, 2), QString("18 of 24"));
        // An encoder opens to its layers, each in its block's column.
        QCOMPARE(tree->text(0, 0, 4), QString("MLP hidden"));
        QCOMPARE(tree->text(0, 0, 3), QString("attn out"));
        QCOMPARE(tree->text(0, 1, 4), QString());
        QCOMPARE(tree->text(0, 2, 4), QString("5 of 8"));
        QCOMPARE(tree->text(0, 1, 2), QString("3 of 4"));
        QCOMPARE(tree->text(0, 3, 2), QString("75 %"));
        const int closed = tree->height();
        tree->expandItem(tree->topLevelItem(0));
        QVERIFY(tree->height() > closed);  // the panel grows with the rows shown
        // The layers' names fit their column, indented under their encoder.
        QVERIFY(tree->columnWidth(0) >=
                tree->fontMetrics().horizontalAdvance("MLP hidden") + 2 * tree->indentation());

        // A CNN module shows the per-layer table again.
        nemo::ExtractResult cnn;
        cnn.layers = {{"conv_1", 3, 4}};
        results.setResult(cnn, "test");
        QVERIFY(!tree->isVisibleTo(&results));
        QCOMPARE(results.layerText(0, 1), QString("3 of 4"));
        results.setResult(transformerModule(), "test");
        QVERIFY(tree->isVisibleTo(&results));
        results.clear("none");
        QVERIFY(!tree->isVisibleTo(&results));
    }

    void rendersOffscreen() {
        HeatmapView view;
        view.resize(800, 600);
        view.setFrame(transformerFrame());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.grab().toImage().isNull());
        ModuleResults results;
        results.setResult(transformerModule(), "test");
        results.show();
        QVERIFY(QTest::qWaitForWindowExposed(&results));
        QVERIFY(!results.grab().toImage().isNull());
    }
};

QTEST_MAIN(TestEncoderGroups)
#include "test_encoder_groups.moc"
