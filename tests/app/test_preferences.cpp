// Preferences persist in QSettings and reach the window (default threads, data folder); an opened
// run's config.json fills the Experiment form so Start continues or repeats it.
#include <QComboBox>
#include <QSpinBox>
#include <QtTest>

#include "app_settings.h"
#include "main_window.h"
#include "settings_dialog.h"

class TestPreferences : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("NeMo Workbench Tests");
        QCoreApplication::setApplicationName("test_preferences");
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void settingsPersistAndReachTheForm() {
        QTemporaryDir data;
        AppSettings chosen;
        chosen.language = "de";
        chosen.dataDir = data.path();
        chosen.threads = 3;
        chosen.save();
        const AppSettings loaded = AppSettings::load();
        QCOMPARE(loaded.language, QString("de"));
        QCOMPARE(loaded.dataDir, data.path());
        QCOMPARE(loaded.threads, 3);

        // The dialog starts from the stored values and hands them back unchanged.
        SettingsDialog dialog(loaded);
        const AppSettings shown = dialog.settings();
        QCOMPARE(shown.language, loaded.language);
        QCOMPARE(shown.dataDir, loaded.dataDir);
        QCOMPARE(shown.threads, loaded.threads);

        // A new window's form uses the default thread count; the data folder becomes
        // NEMO_DATA_DIR, which the engine and the Data tab read.
        MainWindow w;
        QCOMPARE(w.configFromForm().threads, 3);
        loaded.applyDataDir();
        QCOMPARE(qEnvironmentVariable("NEMO_DATA_DIR"), data.path());
        qunsetenv("NEMO_DATA_DIR");
    }

    void openedRunFillsTheForm() {
        QTemporaryDir dir;
        QFile config(dir.path() + "/config.json");
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"dataset": "mnist", "model": "simcnn", "mode": "mwt", "epochs": 7,
            "batch_size": 64, "lr": 0.02, "lr_mask": 0.03, "alpha": 1.25, "beta": 2.0,
            "temperature": 0.4, "limit_train": 5000, "seed": 9, "threads": 2})");
        config.close();
        MainWindow w;
        QVERIFY(w.openRun(dir.path()));
        const nemo::TrainConfig c = w.configFromForm();
        QCOMPARE(QString::fromStdString(c.dataset), QString("mnist"));
        QCOMPARE(QString::fromStdString(c.model), QString("simcnn"));
        QVERIFY(c.mode == nemo::TrainMode::Mwt);
        QCOMPARE(c.epochs, 7);
        QCOMPARE(c.batchSize, 64);
        QCOMPARE(c.lr, 0.02);
        QCOMPARE(c.lrMask, 0.03);
        QCOMPARE(c.alpha, 1.25);
        QCOMPARE(c.beta, 2.0);
        QCOMPARE(c.temperature, 0.4);
        QCOMPARE(c.limitTrain, 5000);
        QCOMPARE(int(c.seed), 9);
        QCOMPARE(c.threads, 2);
        // Start continues this run: the form's run folder is the opened one.
        QCOMPARE(QString::fromStdString(c.outDir), dir.path());
    }
};

QTEST_MAIN(TestPreferences)
#include "test_preferences.moc"
