#include "LayerText.h"

#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleVault.h"

#include <algorithm>

QString LayerText::value(const QVariant& v)
{
    if (AnsibleVault::isEncryptedValue(v)) {
        return tr("•••••• encrypted (vault id %1)")
            .arg(AnsibleVault::envelopeVaultId(AnsibleVault::envelopeOf(v).toUtf8()));
    }
    return QString::fromUtf8(VarCodec::toJson(v));
}

QString LayerText::valueToolTip(const QVariant& v)
{
    if (AnsibleVault::isEncryptedValue(v)) {
        return tr("Encrypted with Ansible Vault: the workspace keeps it encrypted, jobs decrypt it with the vault "
                  "password. Double-click (or right-click › Reveal Value) to see it.");
    }
    return QString::fromUtf8(VarCodec::toYaml(v)).trimmed();
}

QString LayerText::source(const QString& layer, const QVariant& v)
{
    return AnsibleVault::isEncryptedValue(v) ? tr("%1 · vault").arg(layer) : layer;
}

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
