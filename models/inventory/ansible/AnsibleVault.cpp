#include "AnsibleVault.h"

#include <QCoreApplication>

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

Error encryptedFile(const QString& path, const QString& what, const QByteArray& data)
{
    return Error(QCoreApplication::translate("AnsibleInventory",
                     "this %1 is encrypted with Ansible Vault (format %2); OpsDeck cannot decrypt vault files yet: "
                     "decrypt it first (ansible-vault decrypt --output - FILE > PLAIN) and import that, or keep "
                     "its secrets out of the inventory")
                     .arg(what, describeHeader(data)),
        SourceLocation { path, 1, 1 });
}

Error encryptedValue(const SourceLocation& location)
{
    return Error(QCoreApplication::translate("AnsibleInventory",
                     "this value is encrypted with Ansible Vault (!vault); OpsDeck cannot decrypt vault values yet: "
                     "replace it with its plain value (ansible-vault decrypt) or keep the secret out of the "
                     "inventory"),
        location);
}

} // namespace AnsibleVault
