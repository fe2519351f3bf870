// What an extracted module is worth next to the full model on the same sub-task: accuracy,
// parameters, FLOPs, measured latency (batch 1 and 128), and the neurons each layer keeps
// (Transformers: grouped by encoder, with attention and MLP totals).
#pragma once

#include <QWidget>

#include "nemo/modules.h"

class EncoderKeptTree;
class QLabel;
class QTableWidget;

class ModuleResults : public QWidget {
    Q_OBJECT
  public:
    explicit ModuleResults(QWidget* parent = nullptr);

    // caption says where the numbers come from (a fresh extraction or a saved module.json).
    void setResult(const nemo::ExtractResult& result, const QString& caption);
    void clear(const QString& message);

    bool hasResult() const { return has_; }
    const nemo::ExtractResult& result() const { return result_; }
    QString text(int row, int column) const;                    // comparison table, for tests
    QString layerText(int row, int column) const;               // per-layer table (CNNs)
    EncoderKeptTree* encoderTree() const { return encoders_; }  // shown for Transformers
    QString caption() const;
    void setExportTitle(const QString& title) { exportTitle_ = title; }
    // The panel as PNG or SVG, or its numbers as CSV (quantity, module, full_model), unrounded.
    bool exportTo(const QString& path, QString* error);

  private:
    void fillLayerTable(const nemo::ExtractResult& result);

    nemo::ExtractResult result_;
    bool has_ = false;
    QLabel* caption_;
    QTableWidget* compare_;
    QTableWidget* layers_;
    EncoderKeptTree* encoders_;
    QString exportTitle_;
};
