#include "explanations.h"

#include <QCoreApplication>

namespace {

QString section(const QString& title, const QStringList& paragraphs) {
    QString html = "<h3>" + title + "</h3>";
    for (const QString& p : paragraphs) html += "<p>" + p + "</p>";
    return html;
}

// The Training tab: what the curves of the run's method are.
QString trainingExplanation(bool nemo, bool mwt, bool standard) {
    QStringList p;
    p << QCoreApplication::translate(
        "Explanations",
        "Each curve is a number the training reports every few steps; the x axis counts "
        "epochs (passes over the training images), so 1.5 is halfway through the second.");
    if (nemo)
        p << QCoreApplication::translate(
            "Explanations",
            "<b>Total loss</b> = cross-entropy (is the answer right?) + alpha x "
            "<b>contrastive</b> loss (do images of one class use the same neurons, and "
            "other classes different ones?). Both falling means the network learns and "
            "forms modules at once.");
    if (mwt)
        p << QCoreApplication::translate(
            "Explanations",
            "<b>Total loss</b> = cross-entropy + alpha x <b>cohesion loss</b> (images of "
            "one class should use the same kernels) + beta x <b>coupling loss</b> "
            "(different classes should not).");
    if (standard)
        p << QCoreApplication::translate(
            "Explanations",
            "Standard training has no masks: only the cross-entropy is minimized, and "
            "no modules form. It is the yardstick the modular methods are measured "
            "against.");
    else
        p << QCoreApplication::translate(
            "Explanations",
            "<b>Neuron retention</b> is the share of neurons an image switches on. It "
            "falls as each class learns to use only its own small set.");
    p << QCoreApplication::translate(
        "Explanations",
        "Dashed orange lines mark settings changed during the run. Thick lines are "
        "smoothed; the faint ones behind them are the raw values.");
    return section(QCoreApplication::translate("Explanations", "Training curves"), p);
}

QString neuronsExplanation(bool standard) {
    if (standard)
        return section(
            QCoreApplication::translate("Explanations", "Neurons"),
            {QCoreApplication::translate("Explanations",
                                         "A standard run has no masks, so there is nothing "
                                         "to show here. Train in NeMo or MwT mode.")});
    return section(
        QCoreApplication::translate("Explanations", "Which class uses which neuron"),
        {QCoreApplication::translate(
             "Explanations",
             "Every <b>row</b> is a class, every <b>column</b> a neuron of the chosen "
             "layer. "
             "The colour is the neuron's mean mask over that class's probe images: yellow "
             "= "
             "on (1), dark purple = off (0)."),
         QCoreApplication::translate(
             "Explanations",
             "With sorting on, the columns are reordered: neurons that one class uses most "
             "stand together. Hover to read which neuron a column is. As modules form, the "
             "picture turns into a <b>block diagonal</b>: each class its own block."),
         QCoreApplication::translate(
             "Explanations",
             "Below: one image's own masks, every layer a strip, in the same column order. "
             "Pick a class and an image to see which neurons that single picture switches "
             "on.")});
}

QString networkExplanation(bool standard) {
    if (standard)
        return section(
            QCoreApplication::translate("Explanations", "Network"),
            {QCoreApplication::translate(
                "Explanations", "A standard run has no masks: no neuron belongs to a class.")});
    return section(
        QCoreApplication::translate("Explanations", "The network, neuron by neuron"),
        {QCoreApplication::translate(
             "Explanations",
             "Each column block is a masked layer, from the input on the left to the "
             "output "
             "on the right; each square is one neuron, coloured by the class that uses it "
             "most. Pale squares are used weakly, grey ones by no class."),
         QCoreApplication::translate(
             "Explanations",
             "Tick classes in the Modules tab (after Modularize): the neurons their module "
             "keeps stay coloured and framed, the rest turn grey. That is the smaller "
             "network a module is."),
         QCoreApplication::translate(
             "Explanations",
             "Click a neuron to see how much every class uses it and which probe images "
             "switch it on most.")});
}

QString modulesExplanation() {
    return section(
        QCoreApplication::translate("Explanations", "Cutting modules"),
        {QCoreApplication::translate(
             "Explanations",
             "<b>Modularize</b> runs the trained network over the training images and "
             "counts "
             "how often each class switches each neuron on. A neuron belongs to a class's "
             "module when that share reaches the <b>threshold</b>."),
         QCoreApplication::translate(
             "Explanations",
             "Tick classes to see how many neurons their module keeps. The overlap map "
             "shows "
             "how many neurons two classes' modules share: small numbers mean independent "
             "modules."),
         QCoreApplication::translate(
             "Explanations",
             "<b>Quick cut</b> builds the smaller network in seconds; <b>Extract</b> also "
             "fine-tunes it. Both compare it with the full model on the ticked classes.")});
}

}  // namespace

QString explanationFor(ExplainedTab tab, const QString& mode) {
    const bool nemo = mode == "nemo", mwt = mode == "mwt", standard = mode == "standard";
    switch (tab) {
        case ExplainedTab::Training:
            return trainingExplanation(nemo, mwt, standard);
        case ExplainedTab::Neurons:
            return neuronsExplanation(standard);
        case ExplainedTab::Network:
            return networkExplanation(standard);
        case ExplainedTab::Modules:
            return modulesExplanation();
        case ExplainedTab::Data:
            return section(QCoreApplication::translate("Explanations", "The data"),
                           {QCoreApplication::translate(
                               "Explanations",
                               "A few images of every class, as the network sees them (before "
                               "normalization), and how many images each split holds.")});
        case ExplainedTab::Compare:
            return section(
                QCoreApplication::translate("Explanations", "Comparing methods"),
                {QCoreApplication::translate(
                    "Explanations",
                    "A study trains the same model with NeMo, MwT and standard training, cuts "
                    "modules for the same classes, and compares accuracy, module size and speed. "
                    "The table gives each method's means with 95% intervals over seeds and class "
                    "sets.")});
        case ExplainedTab::Log:
            return section(QCoreApplication::translate("Explanations", "Log"),
                           {QCoreApplication::translate(
                               "Explanations",
                               "Everything the engine reported, with the time: dataset "
                               "sizes, epochs, changed settings, errors.")});
    }
    return {};
}
