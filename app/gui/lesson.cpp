#include "lesson.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Lesson", text);
}

struct NumberRule {
    const char* key;
    double min, max;
    bool integer;
};

// The form's own ranges (main_window.cpp), so a lesson cannot ask for what the form refuses.
const NumberRule kNumbers[] = {
    {"epochs", 1, 1000, true},          {"batch_size", 2, 4096, true},
    {"limit_train", 0, 10000000, true}, {"seed", 0, 1 << 30, true},
    {"threads", 0, 256, true},          {"lr", 0.0001, 1.0, false},
    {"lr_mask", 0.0001, 1.0, false},    {"alpha", 0.0, 10.0, false},
    {"beta", 0.0, 10.0, false},         {"temperature", 0.01, 5.0, false},
};
const char* const kTexts[] = {"dataset", "model", "mode"};

}  // namespace

QStringList lessonSettingKeys() {
    QStringList keys;
    for (const NumberRule& r : kNumbers) keys << r.key;
    for (const char* k : kTexts) keys << k;
    return keys;
}

QStringList lessonEvents() {
    return {"training_started", "training_finished", "modularized", "module_extracted"};
}

bool Lesson::load(const QString& path, Lesson* out, QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = tr("%1 is not a usable lesson file: %2").arg(path, why);
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return fail(file.errorString());
    if (file.size() > 1 << 20) return fail(tr("it is larger than 1 MiB"));
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(tr("invalid JSON at byte %1 (%2)").arg(parse.offset).arg(parse.errorString()));
    const QJsonObject o = doc.object();
    if (!doc.isObject() || o["nemo_lesson"].toInt() != 1)
        return fail(tr("it needs \"nemo_lesson\": 1"));
    static const QStringList known = {"nemo_lesson", "title",     "preset", "settings",
                                      "speed_ms",    "presenter", "tab",    "steps"};
    for (const QString& key : o.keys())
        if (!known.contains(key)) return fail(tr("unknown key \"%1\"").arg(key));

    Lesson l;
    l.title = o["title"].toString();
    l.preset = o["preset"].toString();
    if (!QStringList({"", "quick-demo", "transformer-demo"}).contains(l.preset))
        return fail(tr("\"preset\" must be \"quick-demo\" or \"transformer-demo\""));
    const QJsonObject settings = o["settings"].toObject();
    for (const QString& key : settings.keys()) {
        const QJsonValue v = settings[key];
        const NumberRule* rule = nullptr;
        for (const NumberRule& r : kNumbers)
            if (key == r.key) rule = &r;
        if (rule) {
            const double x = v.toDouble(NAN);
            if (!v.isDouble() || !(x >= rule->min && x <= rule->max) ||
                (rule->integer && x != std::floor(x)))
                return fail(tr("setting \"%1\" must be a number from %2 to %3")
                                .arg(key)
                                .arg(rule->min)
                                .arg(rule->max));
            l.settings[key] = x;
        } else if (lessonSettingKeys().contains(key)) {
            if (!v.isString()) return fail(tr("setting \"%1\" must be text").arg(key));
            l.settings[key] = v.toString();
        } else {
            return fail(
                tr("unknown setting \"%1\" (known: %2)").arg(key, lessonSettingKeys().join(", ")));
        }
    }
    const double speed = o["speed_ms"].toDouble(0);
    if (!(speed >= 0 && speed <= 10000)) return fail(tr("\"speed_ms\" must be 0 to 10000"));
    l.speedMs = int(speed);
    l.presenter = o["presenter"].toBool(false);
    l.tab = o["tab"].toInt(-1);
    if (l.tab < -1 || l.tab > 6) return fail(tr("\"tab\" must be 0 to 6"));
    const QJsonArray steps = o["steps"].toArray();
    for (int i = 0; i < steps.size(); ++i) {
        const QJsonObject s = steps[i].toObject();
        LessonStep step{s["text"].toString(), s["done_when"].toString()};
        if (step.text.isEmpty()) return fail(tr("step %1 has no \"text\"").arg(i + 1));
        if (!step.doneWhen.isEmpty() && !lessonEvents().contains(step.doneWhen))
            return fail(tr("step %1: \"done_when\" must be one of %2")
                            .arg(i + 1)
                            .arg(lessonEvents().join(", ")));
        l.steps.push_back(step);
    }
    *out = l;
    return true;
}

Lesson quickDemoLesson() {
    Lesson l;
    l.title = QCoreApplication::translate("Lesson", "Modules in ten minutes");
    l.preset = "quick-demo";
    l.tab = 1;
    l.steps = {
        {QCoreApplication::translate(
             "Lesson",
             "Press <b>Start</b>. minivgg learns Fashion-MNIST and, at the same time, a mask for "
             "every neuron."),
         "training_started"},
        {QCoreApplication::translate(
             "Lesson",
             "Watch the Neurons tab: rows are classes, columns neurons. Within a minute a "
             "<b>block diagonal</b> forms: each class keeps its own neurons. Try <b>Pause</b> and "
             "<b>Step</b>, or change <b>Alpha</b> while it runs."),
         "training_finished"},
        {QCoreApplication::translate(
             "Lesson",
             "Open the Modules tab and press <b>Modularize</b>: the network runs over the "
             "training images once and records which neurons each class uses."),
         "modularized"},
        {QCoreApplication::translate(
             "Lesson",
             "Tick Trouser and Bag and press <b>Quick cut</b>: a network several times smaller "
             "that still tells the two apart."),
         "module_extracted"},
        {QCoreApplication::translate(
             "Lesson",
             "Compare its accuracy, parameters and speed with the full model in the results "
             "below. Which classes share the most neurons? The overlap map tells."),
         ""},
    };
    return l;
}
