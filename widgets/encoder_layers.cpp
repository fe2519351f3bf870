#include "encoder_layers.h"

#include <QRegularExpression>
#include <algorithm>

EncoderBlock blockOf(const QString& part) {
    return part == "inter" || part == "out" ? EncoderBlock::Mlp : EncoderBlock::Attention;
}

std::optional<EncoderPart> parseEncoderPart(const QString& layerName) {
    static const QRegularExpression pattern(
        "^encoder_(\\d+)\\.(query|key|value|attn_out|inter|out)$");
    const QRegularExpressionMatch m = pattern.match(layerName);
    if (!m.hasMatch()) return std::nullopt;
    EncoderPart p;
    p.encoder = m.captured(1).toInt();
    p.part = m.captured(2);
    p.block = blockOf(p.part);
    return p;
}

EncoderLayout groupByEncoder(const QStringList& layerNames) {
    EncoderLayout layout;
    if (layerNames.isEmpty()) return layout;
    for (int l = 0; l < layerNames.size(); ++l) {
        const std::optional<EncoderPart> p = parseEncoderPart(layerNames[l]);
        if (!p) return {};  // one layer that is not an encoder part: no grouping at all
        layout.parts.push_back(*p);
        auto group = std::find_if(layout.encoders.begin(), layout.encoders.end(),
                                  [&](const EncoderGroup& g) { return g.encoder == p->encoder; });
        if (group == layout.encoders.end())
            layout.encoders.push_back({p->encoder, {l}});
        else
            group->layers.push_back(l);
    }
    layout.byEncoder = true;
    return layout;
}

std::vector<EncoderCount> countByEncoder(const EncoderLayout& layout,
                                         const std::vector<int64_t>& counts,
                                         const std::vector<int64_t>& totals) {
    std::vector<EncoderCount> out;
    if (!layout.byEncoder) return out;
    for (const EncoderGroup& g : layout.encoders) {
        EncoderCount c;
        c.encoder = g.encoder;
        for (int l : g.layers) {
            const int64_t n = size_t(l) < counts.size() ? counts[size_t(l)] : 0;
            const int64_t total = size_t(l) < totals.size() ? totals[size_t(l)] : 0;
            if (layout.parts[size_t(l)].block == EncoderBlock::Attention) {
                c.attention += n;
                c.attentionTotal += total;
            } else {
                c.mlp += n;
                c.mlpTotal += total;
            }
        }
        out.push_back(c);
    }
    return out;
}

QString EncoderNames::encoder(int encoder) {
    return tr("Encoder %1").arg(encoder);
}

QString EncoderNames::part(const QString& part) {
    if (part == "query") return tr("attention query");
    if (part == "key") return tr("attention key");
    if (part == "value") return tr("attention value");
    if (part == "attn_out") return tr("attention output");
    if (part == "inter") return tr("MLP hidden");
    if (part == "out") return tr("MLP output");
    return part;
}

QString EncoderNames::shortPart(const QString& part) {
    if (part == "query") return tr("query");
    if (part == "key") return tr("key");
    if (part == "value") return tr("value");
    if (part == "attn_out") return tr("attn out");
    if (part == "inter") return tr("MLP hidden");
    if (part == "out") return tr("MLP out");
    return part;
}

QString EncoderNames::block(EncoderBlock block) {
    return block == EncoderBlock::Attention ? tr("attention") : tr("MLP");
}

QString EncoderNames::describe(const EncoderPart& p) {
    const QString n = QString::number(p.encoder);
    if (p.part == "query")
        return tr("Attention neurons: the query projection of encoder %1").arg(n);
    if (p.part == "key") return tr("Attention neurons: the key projection of encoder %1").arg(n);
    if (p.part == "value")
        return tr("Attention neurons: the value projection of encoder %1").arg(n);
    if (p.part == "attn_out")
        return tr("Attention neurons: the output projection of encoder %1's attention").arg(n);
    if (p.part == "inter")
        return tr("MLP neurons: the hidden layer of encoder %1's feed-forward block").arg(n);
    return tr("MLP neurons: the output layer of encoder %1's feed-forward block").arg(n);
}

QString EncoderNames::layer(const EncoderPart& p) {
    return tr("%1 · %2").arg(encoder(p.encoder), part(p.part));
}

QString EncoderNames::totals(const EncoderCount& c) {
    return tr("%1: attention %2 of %3, MLP %4 of %5")
        .arg(encoder(c.encoder))
        .arg(c.attention)
        .arg(c.attentionTotal)
        .arg(c.mlp)
        .arg(c.mlpTotal);
}
