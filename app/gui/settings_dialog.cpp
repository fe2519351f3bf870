#include "settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(const AppSettings& current, QWidget* parent)
    : QDialog(parent), startLanguage_(current.language) {
    setWindowTitle(tr("Preferences"));
    language_ = new QComboBox;
    // Each language is named in itself, so a user who cannot read the current one finds theirs.
    const QStringList names = {tr("System language"), "English", QString::fromUtf8("简体中文"),
                               "Deutsch"};
    const QStringList codes = AppSettings::languages();
    for (int i = 0; i < codes.size(); ++i) language_->addItem(names[i], codes[i]);
    language_->setCurrentIndex(std::max(0, language_->findData(current.language)));
    language_->setToolTip(tr("Language of the workbench; takes effect at the next start"));
    auto* restartNote =
        new QLabel(tr("A new language takes effect when the workbench is "
                      "started again."));
    restartNote->setWordWrap(true);
    restartNote->setVisible(false);
    connect(language_, &QComboBox::currentIndexChanged, this, [this, restartNote] {
        restartNote->setVisible(language_->currentData().toString() != startLanguage_);
    });

    dataDir_ = new QLineEdit(current.dataDir);
    dataDir_->setPlaceholderText(tr("built-in places"));
    dataDir_->setToolTip(
        tr("Folder with one sub-folder per dataset (e.g. DATA/cifar10), as "
           "NEMO_DATA_DIR on the command line; empty: Debian's Fashion-MNIST "
           "package and the environment"));
    auto* browse = new QPushButton(tr("Browse..."));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Data folder"), dataDir_->text());
        if (!dir.isEmpty()) dataDir_->setText(dir);
    });
    auto* dataRow = new QHBoxLayout;
    dataRow->addWidget(dataDir_, 1);
    dataRow->addWidget(browse);

    threads_ = new QSpinBox;
    threads_->setRange(0, 256);
    threads_->setValue(current.threads);
    threads_->setSpecialValueText(tr("every core (%1)").arg(QThread::idealThreadCount()));
    threads_->setToolTip(
        tr("CPU threads a new training uses unless the Experiment panel says "
           "otherwise"));

    auto* form = new QFormLayout;
    form->addRow(tr("Language"), language_);
    form->addRow(QString(), restartNote);
    form->addRow(tr("Data folder"), dataRow);
    form->addRow(tr("Default threads"), threads_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

AppSettings SettingsDialog::settings() const {
    AppSettings s;
    s.language = language_->currentData().toString();
    s.dataDir = dataDir_->text().trimmed();
    s.threads = threads_->value();
    return s;
}
