// What the app suites share to reach the workbench's form: its fields have no object names the
// user would see, but every one has a tooltip, which is what a user reads too.
#pragma once

#include <QString>

#include "main_window.h"

// The first child of type T whose tooltip starts with `start` (nullptr when there is none).
template <typename T>
T* findByToolTip(const MainWindow& w, const QString& start) {
    for (T* child : w.findChildren<T*>())
        if (child->toolTip().startsWith(start)) return child;
    return nullptr;
}
