// Edit > Preferences: language (applied at the next start), data folder, default thread count.
#pragma once

#include <QDialog>

#include "app_settings.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

class SettingsDialog : public QDialog {
    Q_OBJECT
  public:
    explicit SettingsDialog(const AppSettings& current, QWidget* parent = nullptr);
    AppSettings settings() const;

  private:
    QComboBox* language_;
    QLineEdit* dataDir_;
    QSpinBox* threads_;
    QString startLanguage_;
};
