// Engine data types carried by Qt signals (queued across the worker thread).
#pragma once

#include <QMetaType>

#include "nemo/heatmap_frame.h"
#include "nemo/metrics_event.h"
#include "nemo/modules.h"

Q_DECLARE_METATYPE(nemo::MetricsEvent)
Q_DECLARE_METATYPE(nemo::HeatmapFrame)
Q_DECLARE_METATYPE(nemo::ExtractResult)
