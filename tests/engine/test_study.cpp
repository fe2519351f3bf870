// `nemo study` (issue: NeMo vs MwT measured fairly): the statistics, the seeded class sets, and
// a small study on real Fashion-MNIST that is stopped mid-training, continued, reused and read
// back from its study.json as the workbench reads it.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "nemo/dataset.h"
#include "nemo/study.h"
#include "nemo/trainer.h"
#include "study/study_plot.h"

using namespace nemo;

namespace {

bool haveFashionMnist() {
    const std::string dir = defaultDataDir("fashion-mnist");
    return !dir.empty() &&
           QFile::exists(QString::fromStdString(dir) + "/train-images-idx3-ubyte.gz");
}

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

// Stops the study once the NeMo run has finished its first epoch (as Ctrl-C would).
class StopDuringNemo : public TrainingObserver {
  public:
    explicit StopDuringNemo(ControlToken* control) : control_(control) {}
    void onMessage(const std::string& text) override {
        if (text.find("training runs/nemo-seed") != std::string::npos) inNemo_ = true;
    }
    void onMetrics(const MetricsEvent& e) override {
        if (inNemo_ && e.kind == MetricsEvent::Kind::Epoch && e.phase == "test")
            control_->requestStop();
    }

  private:
    ControlToken* control_;
    bool inNemo_ = false;
};

const StudyModule* find(const StudyResult& r, const std::string& method,
                        const std::vector<int>& classes) {
    for (const auto& m : r.modules)
        if (m.method == method && m.classes == classes) return &m;
    return nullptr;
}

// The continued study of TestStudy::smallStudyStopsContinuesAndIsReadBack: its runs, and every
// module compared with the standard model.
void continuedStudyComparesEveryModule(const StudyOptions& o, const StudyResult& r) {
    QCOMPARE(r.reusedRuns, 1);
    QCOMPARE(r.reusedModules, 0);
    QCOMPARE(int(r.runs.size()), 3);
    QCOMPARE(int(r.modules.size()), 6);  // nemo, mwt and standard on 2 class sets
    for (const auto& run : r.runs) QVERIFY2(run.testAccuracy > 0.3, run.method.c_str());
    for (const auto& set : o.classSets) {
        const StudyModule* standard = find(r, "standard", set);
        QVERIFY(standard);
        QCOMPARE(standard->paramShare(), 1.0);
        for (const char* method : {"nemo", "mwt"}) {
            const StudyModule* m = find(r, method, set);
            QVERIFY(m);
            // Every module is compared with the same seed's standard model on its classes.
            QCOMPARE(m->standardAccuracy, standard->moduleAccuracy);
            QVERIFY(m->moduleAccuracy > 1.0 / double(set.size()));
            QVERIFY(m->params < m->paramsFull);
            const auto manifest = readJson(o.outDir + "/" + m->moduleDir + "/module.json");
            QCOMPARE(manifest["standard_accuracy"].get<double>(), m->standardAccuracy);
        }
    }
}

// The study folder's study.json, study.csv, report.md and (with cairo) PNG plots of `r`.
void studyFilesAreWritten(const QString& dirPath, const StudyResult& r) {
    for (const char* file : {"study.json", "study.csv", "report.md"})
        QVERIFY2(QFile::exists(dirPath + "/study/" + file), file);
    if (plotsAvailable()) {
        QCOMPARE(int(r.plots.size()), 2);
        for (const auto& plot : r.plots) {
            // A PNG: signature, then the IHDR chunk with width and height (big-endian).
            QFile png(dirPath + "/study/" + QString::fromStdString(plot));
            QVERIFY2(png.open(QIODevice::ReadOnly), plot.c_str());
            const QByteArray head = png.read(24);
            QVERIFY(head.startsWith("\x89PNG\r\n\x1a\n"));
            const auto be32 = [&](int at) {
                return (uint32_t(uint8_t(head[at])) << 24) |
                       (uint32_t(uint8_t(head[at + 1])) << 16) |
                       (uint32_t(uint8_t(head[at + 2])) << 8) | uint32_t(uint8_t(head[at + 3]));
            };
            QVERIFY2(be32(16) >= 640 && be32(20) >= 400, plot.c_str());
        }
    }
    QFile csv(dirPath + "/study/study.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(QString(csv.readAll()).trimmed().split('\n').size(), 1 + 6);
    QFile report(dirPath + "/study/report.md");
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QString md = report.readAll();
    QVERIFY(md.contains("nemo study (test)"));
    QVERIFY(md.contains("## NeMo minus MwT, paired"));
    QVERIFY(md.contains(QString::fromStdString(r.conclusion.substr(0, 40))));
}

void readBackGivesTheSameNumbers(const StudyOptions& o, const StudyResult& r) {
    QVERIFY(isStudyFolder(o.outDir));
    const StudyResult read = readStudy(o.outDir);
    QCOMPARE(read.command, r.command);
    QCOMPARE(read.options.model, std::string("minivgg"));
    QVERIFY(read.classSets == o.classSets);
    QCOMPARE(read.modules.size(), r.modules.size());
    for (size_t i = 0; i < r.modules.size(); ++i) {
        QCOMPARE(read.modules[i].method, r.modules[i].method);
        QCOMPARE(read.modules[i].moduleAccuracy, r.modules[i].moduleAccuracy);
        QCOMPARE(read.modules[i].params, r.modules[i].params);
    }
    QCOMPARE(read.summaries.size(), r.summaries.size());
    QCOMPARE(read.comparisons.size(), r.comparisons.size());
    QCOMPARE(read.comparisons[0].accuracyDifference.mean, r.comparisons[0].accuracyDifference.mean);
    QCOMPARE(read.conclusion, r.conclusion);
    QVERIFY(read.plots == r.plots);
}

}  // namespace

class TestStudy : public QObject {
    Q_OBJECT
  private slots:
    void estimatesUseStudentIntervals() {
        QCOMPARE(studentT975(1), 12.706);
        QCOMPARE(studentT975(23), 2.069);
        QVERIFY(std::abs(studentT975(60) - 2.000) < 0.002);
        const Estimate e = estimate({1.0, 2.0, 3.0, NAN});  // NaN (a missing value) is skipped
        QCOMPARE(e.n, 3);
        QCOMPARE(e.mean, 2.0);
        QVERIFY(std::abs(e.ci95 - 4.303 / std::sqrt(3.0)) < 1e-12);
        const Estimate one = estimate({0.5});
        QCOMPARE(one.mean, 0.5);
        QVERIFY(std::isnan(one.ci95));
        QCOMPARE(estimate({}).n, 0);
    }

    void classSetsAreSeededDistinctAndCycleTheSizes() {
        const auto sets = drawClassSets(8, 10, 2, 5, 7);
        QCOMPARE(int(sets.size()), 8);
        for (size_t i = 0; i < sets.size(); ++i) {
            QCOMPARE(int(sets[i].size()), 2 + int(i % 4));
            QVERIFY(std::is_sorted(sets[i].begin(), sets[i].end()));
            QVERIFY(std::adjacent_find(sets[i].begin(), sets[i].end()) == sets[i].end());
            for (size_t j = 0; j < i; ++j) QVERIFY(sets[i] != sets[j]);
        }
        QVERIFY(drawClassSets(8, 10, 2, 5, 7) == sets);
        QVERIFY(drawClassSets(8, 10, 2, 5, 8) != sets);
        // Three classes have only three pairs: no endless redraw, just fewer sets.
        QCOMPARE(int(drawClassSets(5, 3, 2, 2, 1).size()), 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, drawClassSets(2, 3, 4, 5, 0));
    }

    void summaryPairsNemoWithMwtOnTheSameSetAndSeed() {
        StudyResult r;
        r.options.thresholds = {0.9};
        auto add = [&](const char* method, uint64_t seed, std::vector<int> classes, double acc,
                       int64_t params) {
            StudyModule m;
            m.method = method;
            m.seed = seed;
            m.classes = classes;
            m.threshold = std::string(method) == "standard" ? NAN : 0.9;
            m.moduleAccuracy = acc;
            m.standardAccuracy = 0.9;
            m.params = params;
            m.paramsFull = 1000;
            m.flops = params;
            m.flopsFull = 1000;
            r.modules.push_back(m);
        };
        add("nemo", 1, {0, 1}, 0.95, 400);
        add("mwt", 1, {0, 1}, 0.93, 500);
        add("nemo", 2, {0, 1}, 0.91, 300);
        add("mwt", 2, {0, 1}, 0.92, 600);
        add("mwt", 3, {0, 1}, 0.50, 100);  // no NeMo partner: not in the paired comparison
        add("standard", 1, {0, 1}, 0.90, 1000);
        summarizeStudy(r);
        QCOMPARE(int(r.comparisons.size()), 1);
        const StudyComparison& c = r.comparisons[0];
        QCOMPARE(c.accuracyDifference.n, 2);
        QVERIFY(std::abs(c.accuracyDifference.mean - 0.5) < 1e-9);  // (+2 - 1) / 2 points
        QVERIFY(std::abs(c.paramShareDifference.mean - (-20.0)) < 1e-9);
        QVERIFY(std::abs(c.relativeSizeChange.mean - (-35.0)) < 1e-9);  // -20% and -50%
        QCOMPARE(int(r.summaries.size()), 3);
        QVERIFY(r.conclusion.find("0.90") != std::string::npos);
        QVERIFY(r.conclusion.find("not distinguishable") != std::string::npos);
        for (const auto& s : r.summaries)
            if (s.method == "mwt") QCOMPARE(s.moduleAccuracy.n, 3);
    }

    void unreadableStudyFilesSayWhatIsWrong() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/study.json").toStdString();
        QVERIFY(!isStudyFolder(dir.path().toStdString()));
        std::ofstream(path) << "{\"format\": \"nemo-study-1\", \"options\": {";
        try {
            readStudy(dir.path().toStdString());
            QFAIL("a cut-off study.json was read");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("not JSON"), e.what());
        }
        std::ofstream(path) << "{\"format\": \"nemo-study-1\", \"options\": {\"dataset\": 3}}";
        try {
            readStudy(dir.path().toStdString());
            QFAIL("a study.json with a wrong type was read");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("study.json"), e.what());
        }
        std::ofstream(path) << "{\"format\": \"something-else\"}";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readStudy(dir.path().toStdString()));
    }

    void badOptionsAreRefusedBeforeAnyWork() {
        QTemporaryDir dir;
        StudyOptions o;
        o.outDir = (dir.path() + "/study").toStdString();
        o.methods = {"nemo", "fancy"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runStudy(o, "test"));
        o.methods = {"nemo", "nemo"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runStudy(o, "test"));
        o.methods = {"nemo"};
        o.thresholds = {1.5};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runStudy(o, "test"));
        o.thresholds = {0.9};
        o.epochs = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runStudy(o, "test"));
        QVERIFY(!QFile::exists(dir.path() + "/study"));
        // A folder with other files is not taken over.
        o.epochs = 1;
        o.outDir = dir.path().toStdString();
        std::ofstream((dir.path() + "/notes.txt").toStdString()) << "mine";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runStudy(o, "test"));
    }

    void smallStudyStopsContinuesAndIsReadBack() {
        if (!haveFashionMnist()) QSKIP("Fashion-MNIST missing: install dataset-fashion-mnist");
        QTemporaryDir dir;
        StudyOptions o;
        o.outDir = (dir.path() + "/study").toStdString();
        o.model = "minivgg";
        o.seeds = {5};
        o.classSets = {{0, 1}, {2, 4, 6}};
        o.epochs = 2;
        o.finetuneEpochs = 1;
        o.limitTrain = 2000;
        o.limitTest = 600;
        o.threads = 1;

        // 1. Stopped after the NeMo run's first epoch: the standard run is finished, the NeMo
        // run has its checkpoint, and no study.json claims a finished study.
        ControlToken control;
        StopDuringNemo stopper(&control);
        QVERIFY_THROWS_EXCEPTION(TrainingError,
                                 runStudy(o, "nemo study (test)", &stopper, &control));
        const QString runs = dir.path() + "/study/runs";
        QVERIFY(QFile::exists(runs + "/standard-seed5/checkpoints/final.pt"));
        QVERIFY(QFile::exists(runs + "/nemo-seed5/checkpoints/last.pt"));
        QVERIFY(!QFile::exists(runs + "/nemo-seed5/checkpoints/final.pt"));
        QVERIFY(!QFile::exists(dir.path() + "/study/study.json"));

        // 2. The same call again continues: the standard run is reused, the NeMo run resumes.
        const StudyResult r = runStudy(o, "nemo study (test)");
        continuedStudyComparesEveryModule(o, r);
        if (QTest::currentTestFailed()) return;
        // The resumed NeMo run logged each epoch once.
        int testEpochs = 0;
        std::ifstream metrics((runs + "/nemo-seed5/metrics.jsonl").toStdString());
        for (std::string line; std::getline(metrics, line);) {
            const auto j = nlohmann::json::parse(line);
            if (j["type"] == "epoch" && j["phase"] == "test") ++testEpochs;
        }
        QCOMPARE(testEpochs, 2);
        studyFilesAreWritten(dir.path(), r);
        if (QTest::currentTestFailed()) return;

        // 3. Read back as the workbench does: the same numbers.
        readBackGivesTheSameNumbers(o, r);
        if (QTest::currentTestFailed()) return;

        // 4. Again, with one module lost: everything else is reused, the numbers stay.
        std::filesystem::remove_all(o.outDir + "/" + find(r, "mwt", {2, 4, 6})->moduleDir);
        const StudyResult again = runStudy(o, "nemo study (test)");
        QCOMPARE(again.reusedRuns, 3);
        QCOMPARE(again.reusedModules, 3);
        QCOMPARE(find(again, "nemo", {0, 1})->moduleAccuracy,
                 find(r, "nemo", {0, 1})->moduleAccuracy);
        QCOMPARE(find(again, "standard", {2, 4, 6})->moduleAccuracy,
                 find(r, "standard", {2, 4, 6})->moduleAccuracy);
        QVERIFY(find(again, "mwt", {2, 4, 6}) != nullptr);

        // 5. Other settings in the same folder are refused, naming the folder.
        StudyOptions other = o;
        other.seeds = {6};
        try {
            runStudy(other, "test");
            QFAIL("a study with other settings took over the folder");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("other settings"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestStudy)
#include "test_study.moc"
