// Transformer runs name their masked layers encoder_<i>.<part> (part: query, key, value,
// attn_out, inter, out). The Neurons and Modules tabs group such layers by encoder and say which
// are attention and which MLP neurons; any other naming (the CNNs) is left ungrouped, so those
// runs are shown layer by layer as before. Plain data from layer names alone: no engine code.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

enum class EncoderBlock { Attention, Mlp };

struct EncoderPart {
    int encoder = 0;  // i of encoder_<i>: the engine's numbering (encoder 0 is never masked)
    QString part;     // query, key, value, attn_out, inter or out
    EncoderBlock block = EncoderBlock::Attention;
};

// inter and out are the feed-forward block's two Linears; the other parts belong to attention.
EncoderBlock blockOf(const QString& part);
// nullopt unless the name is encoder_<i>.<part> with one of the six parts.
std::optional<EncoderPart> parseEncoderPart(const QString& layerName);

struct EncoderGroup {
    int encoder = 0;
    std::vector<int> layers;  // indices into the run's layer list, in mask order
};

// byEncoder only when every layer is an encoder part; then parts[l] describes layer l and
// encoders lists the encoders in the order their first layer appears.
struct EncoderLayout {
    bool byEncoder = false;
    std::vector<EncoderPart> parts;
    std::vector<EncoderGroup> encoders;
};
EncoderLayout groupByEncoder(const QStringList& layerNames);

// Kept (or active) and total neurons of one encoder, split into its attention and MLP parts.
struct EncoderCount {
    int encoder = 0;
    int64_t attention = 0, attentionTotal = 0;
    int64_t mlp = 0, mlpTotal = 0;
};
// counts[l] of totals[l] for every layer l of the layout, summed per encoder.
std::vector<EncoderCount> countByEncoder(const EncoderLayout& layout,
                                         const std::vector<int64_t>& counts,
                                         const std::vector<int64_t>& totals);

// The words the tabs use for encoders and their parts (translated).
class EncoderNames {
    Q_DECLARE_TR_FUNCTIONS(EncoderNames)
  public:
    static QString encoder(int encoder);               // "Encoder 1"
    static QString part(const QString& part);          // "attention query", "MLP hidden"
    static QString shortPart(const QString& part);     // "query", "MLP hidden": strip ticks
    static QString block(EncoderBlock block);          // "attention", "MLP"
    static QString describe(const EncoderPart& part);  // a sentence for the Neurons tab
    // "Encoder 1 · attention query": a layer named as the tabs show it.
    static QString layer(const EncoderPart& part);
    // "Encoder 1: attention 30 of 256, MLP 20 of 192": one encoder's totals in a line.
    static QString totals(const EncoderCount& count);
};
