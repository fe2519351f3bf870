// A lesson file: the settings and preset a lecturer prepared, and the steps the class follows,
// as JSON. `nemo-workbench lesson.json` opens it; the "What you see" panel shows the steps and
// moves to the next one when the window sees the step done (training started or finished,
// modularized, a module cut) or when the lecturer presses Next.
//
//   {"nemo_lesson": 1, "title": "...", "preset": "quick-demo",
//    "settings": {"epochs": 3, "alpha": 1.3, ...}, "speed_ms": 300, "presenter": false,
//    "tab": 1, "steps": [{"text": "...", "done_when": "training_started"}, ...]}
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <vector>

struct LessonStep {
    QString text;      // rich text
    QString doneWhen;  // an event of lessonEvents(), or empty: the lecturer presses Next
};

struct Lesson {
    QString title;
    QString preset;                    // "", "quick-demo" or "transformer-demo"
    QMap<QString, QVariant> settings;  // lessonSettingKeys() -> value, checked
    int speedMs = 0;
    bool presenter = false;
    int tab = -1;  // the tab to show first (-1: leave it)
    std::vector<LessonStep> steps;

    // Reads and checks a lesson file; on failure returns false and says what is wrong and
    // where (the key, the step), so the lecturer can fix the file.
    static bool load(const QString& path, Lesson* out, QString* error);
};

// The built-in guided lesson of the Quick demo (Help menu), translated.
Lesson quickDemoLesson();

// The settings a lesson may set, and the events a step may wait for.
QStringList lessonSettingKeys();
QStringList lessonEvents();
