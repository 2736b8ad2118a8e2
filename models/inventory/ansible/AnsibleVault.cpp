#include "AnsibleVault.h"

#include <QCoreApplication>
#include <functional>

namespace AnsibleVault {

QString describeHeader(const QByteArray& data)
{
    const QByteArray trimmed = data.left(4096).trimmed();
    if (!trimmed.startsWith("$ANSIBLE_VAULT;")) {
        return {};
    }
    const qsizetype end = trimmed.indexOf('\n');
    const QList<QByteArray> fields = (end < 0 ? trimmed : trimmed.left(end)).trimmed().split(';');
    const QString version = QString::fromLatin1(fields.value(1));
    if (fields.size() >= 4 && !fields.at(3).isEmpty()) {
        return QStringLiteral("%1, vault id %2").arg(version, QString::fromUtf8(fields.at(3).left(100)));
    }
    return version.isEmpty() ? QStringLiteral("?") : version;
}

bool isEncrypted(const QByteArray& data)
{
    return !describeHeader(data).isEmpty();
}

Result<QByteArray> decryptFile(
    const QString& path, const QString& what, const QByteArray& data, const Secrets& secrets, Secret* opened)
{
    const SourceLocation where { path, 1, 1 };
    if (secrets.isEmpty()) {
        return Error(QCoreApplication::translate("AnsibleInventory",
                         "this %1 is encrypted with Ansible Vault (format %2): give its vault password with "
                         "--vault-password-file FILE or --vault-id ID@FILE (as ansible-inventory takes it)")
                         .arg(what, describeHeader(data)),
            where);
    }
    return AnsibleVault::decrypt(data, secrets, where, opened);
}

void encryptStrings(QVariant& v, const Secret& secret)
{
    if (isEncryptedValue(v)) {
        return;
    }
    if (v.typeId() == QMetaType::QString) {
        v = encryptedValueOf(QString::fromUtf8(encrypt(v.toString().toUtf8(), secret)));
    } else if (v.typeId() == QMetaType::QVariantMap) {
        QVariantMap m = v.toMap();
        for (auto it = m.begin(); it != m.end(); ++it) {
            encryptStrings(it.value(), secret);
        }
        v = m;
    } else if (v.typeId() == QMetaType::QVariantList) {
        QVariantList l = v.toList();
        for (QVariant& item : l) {
            encryptStrings(item, secret);
        }
        v = l;
    }
}

QVariant encryptedValueOf(const QString& envelope)
{
    return QVariantMap { { QString::fromLatin1(kValueKey), envelope } };
}

bool isEncryptedValue(const QVariant& v)
{
    if (v.typeId() != QMetaType::QVariantMap) {
        return false;
    }
    const QVariantMap& m = *static_cast<const QVariantMap*>(v.constData());
    return m.size() == 1 && m.cbegin().key() == QLatin1String(kValueKey)
        && m.cbegin().value().typeId() == QMetaType::QString;
}

QString envelopeOf(const QVariant& v)
{
    return isEncryptedValue(v) ? v.toMap().value(QString::fromLatin1(kValueKey)).toString() : QString();
}

namespace {

Result<void> revealIn(
    QVariant& v, const Secrets& secrets, const QString& host, const QString& path, int depth, RevealCache* cache)
{
    if (depth > 200) {
        return {};
    }
    if (isEncryptedValue(v)) {
        const QString envelope = envelopeOf(v);
        if (cache) {
            if (const auto hit = cache->constFind(envelope); hit != cache->cend()) {
                v = *hit;
                return {};
            }
        }
        auto plain = decrypt(envelope.toUtf8(), secrets, SourceLocation { host });
        if (!plain) {
            return Error(
                QCoreApplication::translate("AnsibleInventory", "variable %1: %2").arg(path, plain.error().message),
                SourceLocation { host });
        }
        v = QString::fromUtf8(*plain);
        if (cache) {
            cache->insert(envelope, v.toString());
        }
        return {};
    }
    if (v.typeId() == QMetaType::QVariantMap) {
        QVariantMap m = v.toMap();
        bool changed = false;
        for (auto it = m.begin(); it != m.end(); ++it) {
            const QVariant before = it.value();
            if (auto r = revealIn(it.value(), secrets, host, path + QLatin1Char('.') + it.key(), depth + 1, cache);
                !r) {
                return r;
            }
            changed = changed || it.value() != before;
        }
        if (changed) {
            v = m;
        }
    } else if (v.typeId() == QMetaType::QVariantList) {
        QVariantList l = v.toList();
        bool changed = false;
        for (qsizetype i = 0; i < l.size(); ++i) {
            const QVariant before = l.at(i);
            if (auto r = revealIn(l[i], secrets, host, QStringLiteral("%1[%2]").arg(path).arg(i), depth + 1, cache);
                !r) {
                return r;
            }
            changed = changed || l.at(i) != before;
        }
        if (changed) {
            v = l;
        }
    }
    return {};
}

void collectPaths(const QVariant& v, const QString& path, QStringList& out, int depth)
{
    if (depth > 200) {
        return;
    }
    if (isEncryptedValue(v)) {
        out.append(path);
    } else if (v.typeId() == QMetaType::QVariantMap) {
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            collectPaths(it.value(), path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), out, depth + 1);
        }
    } else if (v.typeId() == QMetaType::QVariantList) {
        const QVariantList l = v.toList();
        for (qsizetype i = 0; i < l.size(); ++i) {
            collectPaths(l.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), out, depth + 1);
        }
    }
}

} // namespace

Result<void> reveal(QVariantMap& vars, const Secrets& secrets, const QString& host, RevealCache* cache)
{
    for (auto it = vars.begin(); it != vars.end(); ++it) {
        if (auto r = revealIn(it.value(), secrets, host, it.key(), 0, cache); !r) {
            return r;
        }
    }
    return {};
}

QMap<QString, QString> envelopesByVaultId(const QVariantMap& vars)
{
    QMap<QString, QString> out;
    const QVariant all(vars);
    std::function<void(const QVariant&, int)> walk = [&](const QVariant& v, int depth) {
        if (depth > 200) {
            return;
        }
        if (isEncryptedValue(v)) {
            const QString envelope = envelopeOf(v);
            out.insert(envelopeVaultId(envelope.toUtf8()), envelope);
        } else if (v.typeId() == QMetaType::QVariantMap) {
            const QVariantMap m = v.toMap();
            for (auto it = m.cbegin(); it != m.cend(); ++it) {
                walk(it.value(), depth + 1);
            }
        } else if (v.typeId() == QMetaType::QVariantList) {
            for (const QVariant& item : v.toList()) {
                walk(item, depth + 1);
            }
        }
    };
    walk(all, 0);
    return out;
}

QStringList encryptedPaths(const QVariantMap& vars)
{
    QStringList out;
    collectPaths(QVariant(vars), QString(), out, 0);
    out.sort();
    return out;
}

} // namespace AnsibleVault
