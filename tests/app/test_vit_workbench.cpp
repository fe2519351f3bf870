// A Transformer in the workbench end to end (offscreen): the model picker offers the attention
// masks for Transformers only; a real vit_tiny run started from the GUI sends heatmap frames
// whose layers the Neurons tab groups by encoder; the Modules tab modularizes the run, extracts a
// module and totals its kept attention and MLP neurons per encoder as module.json has them.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

#include <map>

#include "class_picker.h"
#include "encoder_kept_tree.h"
#include "encoder_layers.h"
#include "heatmap_view.h"
#include "main_window.h"
#include "module_results.h"
#include "module_worker.h"
#include "modules_tab.h"
#include "nemo/dataset.h"
#include "sample_mask_view.h"
#include "training_worker.h"
#include "window_fixtures.h"

namespace {

const QStringList kParts = {"query", "key", "value", "attn_out", "inter", "out"};

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The Neurons tab after the vit_tiny run of TestVitWorkbench::vitTinyRunIsShownByEncoder.
void heatmapViewGroupsByEncoder(HeatmapView* view) {
    // Frames carry vit_tiny's masked layers: encoders 1-3 (encoder 0 is not masked), six
    // parts each, 64 wide and the MLP's hidden layer 128.
    const nemo::HeatmapFrame& frame = view->frame();
    QCOMPARE(view->layerCount(), 18);
    for (int e = 1; e <= 3; ++e)
        for (int p = 0; p < 6; ++p) {
            const auto& layer = frame.layers[size_t(6 * (e - 1) + p)];
            QCOMPARE(QString::fromStdString(layer.name),
                     QString("encoder_%1.%2").arg(e).arg(kParts[p]));
            QCOMPARE(layer.units, kParts[p] == "inter" ? 128 : 64);
            QCOMPARE(int(layer.values.size()), 10 * layer.units);
        }
    // The selector: a header per encoder, then its six layers.
    QComboBox* box = view->layerSelector();
    QCOMPARE(box->count(), 21);
    QCOMPARE(box->itemText(0), QString("Encoder 1: 256 attention and 192 MLP neurons"));
    QCOMPARE(box->itemData(0).toInt(), -1);
    QCOMPARE(view->currentLayer(), 17);  // the deepest: encoder 3's MLP output
    QCOMPARE(box->currentText(), QString("Encoder 3 · MLP output (64 neurons)"));
    for (int i = 0; i < box->count(); ++i) {
        const int layer = box->itemData(i).toInt();
        if (layer < 0) continue;
        box->setCurrentIndex(i);
        QCOMPARE(view->currentLayer(), layer);
        const auto part = parseEncoderPart(QString::fromStdString(frame.layers[layer].name));
        QVERIFY(part);
        QVERIFY(box->currentText().startsWith(EncoderNames::layer(*part)));
        QVERIFY(view->caption().contains(
            part->block == EncoderBlock::Attention ? "Attention neurons" : "MLP neurons"));
    }
    const double v = view->cell(0, 0);
    QVERIFY(v >= 0.0 && v <= 1.0);
    // One image's masks: a strip per encoder, 4 x 64 attention then 128 + 64 MLP neurons.
    SampleMaskView* samples = view->sampleView();
    QCOMPARE(samples->strips().rows, 3);
    QCOMPARE(samples->strips().width, 4 * 64 + 128 + 64);
    QVERIFY(samples->sample() >= 0);
    QVERIFY2(samples->summary().contains("Encoder 3: "), qPrintable(samples->summary()));
    QCOMPARE(samples->cell(17, 5), double(frame.layers[17].sampleAt(samples->sample(), 5)));
}

// The Modules tab's per-encoder totals of the module extracted from `run` (classes 1 and 8).
void encoderTotalsMatchTheManifest(ModulesTab* tab, const QString& run) {
    // Per-encoder totals as module.json records the kept units of each layer.
    const QJsonObject manifest = readJson(run + "/modules/classes_1_8/module.json");
    const QJsonArray layers = manifest["layers"].toArray();
    QCOMPARE(layers.size(), 18);
    struct Sum {
        qint64 attention = 0, attentionTotal = 0, mlp = 0, mlpTotal = 0;
    };
    std::map<int, Sum> sums;
    for (const QJsonValue& l : layers) {
        const auto part = parseEncoderPart(l["name"].toString());
        QVERIFY(part);
        Sum& s = sums[part->encoder];
        (part->block == EncoderBlock::Attention ? s.attention : s.mlp) += l["kept"].toInteger();
        (part->block == EncoderBlock::Attention ? s.attentionTotal : s.mlpTotal) +=
            l["total"].toInteger();
    }
    EncoderKeptTree* tree = tab->results()->encoderTree();
    QVERIFY(tree->isVisibleTo(tab->results()));
    QCOMPARE(tree->topLevelItemCount(), 4);  // three encoders and the total
    Sum all;
    for (int e = 1; e <= 3; ++e) {
        const Sum& s = sums[e];
        QCOMPARE(tree->text(e - 1, 0), QString("Encoder %1").arg(e));
        QCOMPARE(tree->text(e - 1, 1), QString("%1 of %2").arg(s.attention).arg(256));
        QCOMPARE(tree->text(e - 1, 2), QString("%1 of %2").arg(s.mlp).arg(192));
        QCOMPARE(s.attentionTotal, qint64(256));
        QCOMPARE(s.mlpTotal, qint64(192));
        all.attention += s.attention;
        all.mlp += s.mlp;
    }
    QCOMPARE(tree->text(3, 1), QString("%1 of 768").arg(all.attention));
    QCOMPARE(tree->text(3, 2), QString("%1 of 576").arg(all.mlp));
    QVERIFY(all.attention + all.mlp < 768 + 576);  // the module is smaller
}

}  // namespace

class TestVitWorkbench : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QCoreApplication::setOrganizationName("NeMo Workbench Tests"); }

    void modelPickerOffersAttentionMasksForTransformers() {
        MainWindow w;
        auto* model = w.findChild<QComboBox*>("model");
        auto* mask = w.findChild<QCheckBox*>("maskAttention");
        QVERIFY(model && mask);
        auto* alpha = findByToolTip<QDoubleSpinBox>(w, "Weight of the contrastive");
        auto* temperature = findByToolTip<QDoubleSpinBox>(w, "Temperature");
        QVERIFY(alpha && temperature);
        QCOMPARE(model->currentText(), QString("minivgg"));
        QVERIFY(!mask->isEnabled());  // CNNs have no attention
        // The published CNN runs' NeMo settings (docs/method.md §4.3), not the argparse defaults.
        QCOMPARE(alpha->value(), 1.3);
        QCOMPARE(temperature->value(), 0.2);
        // Both groups come from the model catalogue.
        QVERIFY2(model->toolTip().contains("minivgg, tinycnn, vit_tiny, deit_tiny are ours") &&
                     model->toolTip().contains("vit_s, deit_s are the paper's"),
                 qPrintable(model->toolTip()));

        model->setCurrentText("vit_tiny");
        QVERIFY(mask->isEnabled());
        QVERIFY(mask->isChecked());
        // The NeMo defaults of the Transformer runs replace the CNN defaults...
        QCOMPARE(alpha->value(), 0.1);
        QCOMPARE(temperature->value(), 0.2);
        // ... and the entry says why vit_tiny trains without augmentation.
        QVERIFY(model->itemData(model->currentIndex(), Qt::ToolTipRole)
                    .toString()
                    .contains("without random crops and flips"));
        QVERIFY(w.configFromForm().maskAttention);
        mask->setChecked(false);
        QVERIFY(!w.configFromForm().maskAttention);

        // A value the user chose stays when the model changes; untouched ones follow it.
        alpha->setValue(0.07);
        model->setCurrentText("tinycnn");
        QVERIFY(!mask->isEnabled());
        QCOMPARE(alpha->value(), 0.07);
        QCOMPARE(temperature->value(), 0.2);
        QVERIFY(w.configFromForm().maskAttention);  // a CNN's config keeps the default

        w.applyTransformerDemo();
        const nemo::TrainConfig demo = w.configFromForm();
        QCOMPARE(QString::fromStdString(demo.model), QString("vit_tiny"));
        QCOMPARE(QString::fromStdString(demo.dataset), QString("fashion-mnist"));
        QVERIFY(demo.maskAttention);
        QCOMPARE(demo.alpha, 0.1);
    }

    // The loss settings follow the method as they follow the model: MwT's alpha is its cohesion
    // weight (0.5), NeMo's the contrastive weight of the model's family; a chosen value stays.
    void lossSettingsFollowTheMethodAndFamily() {
        MainWindow w;
        auto* model = w.findChild<QComboBox*>("model");
        auto* alpha = findByToolTip<QDoubleSpinBox>(w, "Weight of the contrastive");
        auto* beta = findByToolTip<QDoubleSpinBox>(w, "Weight of the coupling");
        QComboBox* mode = nullptr;
        for (auto* box : w.findChildren<QComboBox*>())
            if (box->findData("mwt") >= 0) mode = box;
        QVERIFY(model && alpha && beta && mode);
        mode->setCurrentIndex(mode->findData("mwt"));
        QCOMPARE(alpha->value(), 0.5);
        QCOMPARE(beta->value(), 1.5);
        QCOMPARE(w.configFromForm().alpha, 0.5);
        mode->setCurrentIndex(mode->findData("nemo"));
        QCOMPARE(alpha->value(), 1.3);
        model->setCurrentText("resnet18");
        QCOMPARE(alpha->value(), 1.1);  // the published resnet18 script
        alpha->setValue(0.9);
        mode->setCurrentIndex(mode->findData("mwt"));
        QCOMPARE(alpha->value(), 0.9);
    }

    void vitTinyRunIsShownByEncoder() {
        const QString data = QString::fromStdString(nemo::defaultDataDir("fashion-mnist"));
        if (data.isEmpty() || !QFile::exists(data + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        const QString run = dir.path() + "/run";
        MainWindow w;
        w.show();
        w.applyTransformerDemo();
        findByToolTip<QLineEdit>(w, "Run folder")->setText(run);
        // Small and single-threaded so the test is quick and the GUI thread has a core.
        findByToolTip<QSpinBox>(w, "Use only the first N training images")->setValue(3000);
        findByToolTip<QSpinBox>(w, "Passes over")->setValue(2);
        findByToolTip<QSpinBox>(w, "CPU threads")->setValue(1);
        QSignalSpy frames(w.worker(), &TrainingWorker::heatmap);
        QSignalSpy finished(w.worker(), &TrainingWorker::finished);
        QSignalSpy failed(w.worker(), &TrainingWorker::failed);
        QElapsedTimer clock;  // the phases' times are printed: the test should stay near a minute
        clock.start();
        w.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, 120000);
        const double trainSeconds = clock.restart() / 1000.0;
        QCOMPARE(failed.count(), 0);
        QVERIFY2(finished.first().at(1).toDouble() > 0.5,  // test accuracy; chance 0.1
                 qPrintable(finished.first().at(1).toString()));
        QVERIFY(frames.count() >= 2);

        heatmapViewGroupsByEncoder(w.heatmapView());
        if (QTest::currentTestFailed()) return;

        // The Modules tab: modularize the finished run, then cut out a module for two classes.
        ModulesTab* tab = w.modulesTab();
        // The window hears the worker's `finished` through its event queue, after the spy.
        QTRY_COMPARE_WITH_TIMEOUT(tab->runDir(), run, 10000);
        QSignalSpy moduleFailed(tab->worker(), &ModuleWorker::failed);
        tab->setThreshold(0.9);
        clock.restart();
        tab->modularize();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 120000);
        const double modularizeSeconds = clock.restart() / 1000.0;
        QCOMPARE(moduleFailed.count(), 0);
        QVERIFY(tab->hasModularization());
        tab->classPicker()->setChecked({1, 8});  // Trouser and Bag
        QVERIFY2(tab->selectionSummary().contains("Encoder 1: attention "),
                 qPrintable(tab->selectionSummary()));
        QVERIFY(tab->selectionSummary().contains("Encoder 3: attention "));
        tab->setFineTuneEpochs(1);
        tab->extract();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 120000);
        qInfo("vit_tiny: training %.1f s, modularizing %.1f s, extracting %.1f s", trainSeconds,
              modularizeSeconds, clock.elapsed() / 1000.0);
        QCOMPARE(moduleFailed.count(), 0);
        QVERIFY(tab->results()->hasResult());

        encoderTotalsMatchTheManifest(tab, run);
    }
};

QTEST_MAIN(TestVitWorkbench)
#include "test_vit_workbench.moc"
