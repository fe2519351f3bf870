// Reads a whole run folder's metrics.jsonl at once: what the Training tab overlays when a run is
// added for comparison (RunFollower reads the shown run line by line as it grows).
#pragma once

#include <QString>
#include <vector>

#include "nemo/metrics_event.h"

// Returns false and says what to do when the folder holds no run or no metrics.
bool readRunMetrics(const QString& runDir, std::vector<nemo::MetricsEvent>* events, QString* error);
