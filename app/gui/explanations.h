// The "What you see" panel's texts: for each tab, what its rows, columns, colours and curves
// mean, in words for a lecture hall; the training method changes some of them.
#pragma once

#include <QString>

enum class ExplainedTab { Training, Neurons, Network, Modules, Data, Compare, Log };

// Rich text (a heading and short paragraphs). mode: "nemo", "mwt" or "standard".
QString explanationFor(ExplainedTab tab, const QString& mode);
