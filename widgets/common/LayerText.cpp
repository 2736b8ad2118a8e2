#include "LayerText.h"

#include <algorithm>

QString LayerText::fact(const VarLayer& layer, const QDateTime& now)
{
    return layer.gatheredAt.isValid() ? tr("fact, gathered %1").arg(age(layer.gatheredAt, now)) : tr("fact");
}

QString LayerText::age(const QDateTime& when, const QDateTime& now)
{
    const qint64 s = std::max<qint64>(0, when.secsTo(now));
    if (s < 60) {
        return tr("just now");
    }
    if (s < 3600) {
        return tr("%n min ago", nullptr, int(s / 60));
    }
    if (s < 86400) {
        return tr("%n h ago", nullptr, int(s / 3600));
    }
    return tr("%n d ago", nullptr, int(s / 86400));
}
