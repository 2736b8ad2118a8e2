#include "VarsDirectory.h"

#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/AnsibleVault.h"
#include "inventory/ansible/PythonValue.h"
#include "inventory/ansible/YamlValueReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <optional>

namespace {

// Messages keep AnsibleInventory's translation context.
using PythonValue::Kind;
using PythonValue::kindOf;

} // namespace

VarsDirectory::VarsDirectory(const QString& path)
    : m_path(path)
{
    const QFileInfo fi(path);
    m_exists = fi.isDir();
    if (m_exists) {
        const QFileInfoList list
            = QDir(path).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        for (const QFileInfo& e : list) {
            m_entries.insert(e.fileName(), e.isDir());
        }
    }
}

QStringList VarsDirectory::filesFor(const QString& name) const
{
    QStringList found;
    if (!m_exists || name.startsWith(QLatin1Char('/'))) {
        return found;
    }
    for (const QString& ext : { QString(), QStringLiteral(".yml"), QStringLiteral(".yaml"), QStringLiteral(".json") }) {
        const QString candidate = name + ext;
        bool exists = false;
        bool isDir = false;
        if (candidate.contains(QLatin1Char('/'))) {
            const QFileInfo fi(m_path + QLatin1Char('/') + candidate);
            exists = fi.exists();
            isDir = fi.isDir();
        } else if (m_entries.contains(candidate)) {
            exists = true;
            isDir = m_entries.value(candidate);
        }
        if (!exists) {
            continue;
        }
        if (isDir) {
            dirFiles(m_path + QLatin1Char('/') + candidate, found);
        } else {
            found.append(m_path + QLatin1Char('/') + candidate);
        }
        break;
    }
    return found;
}

void VarsDirectory::dirFiles(const QString& dir, QStringList& found)
{
    for (const QString& name : VarsDirectory::sortedEntries(dir)) {
        if (name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char('~'))) {
            continue;
        }
        const QFileInfo fi(dir + QLatin1Char('/') + name);
        const QString ext = name.contains(QLatin1Char('.')) ? name.mid(name.lastIndexOf(QLatin1Char('.'))) : QString();
        if (fi.isDir() && ext.isEmpty()) {
            dirFiles(fi.filePath(), found);
        } else if (fi.isFile()
            && (ext.isEmpty() || ext == QLatin1String(".yml") || ext == QLatin1String(".yaml")
                || ext == QLatin1String(".json"))) {
            found.append(fi.filePath());
        }
    }
}

Result<QVariantMap> VarsDirectory::loadFiles(const QStringList& files, const AnsibleVault::Secrets& vaultSecrets)
{
    QVariantMap out;
    for (const QString& path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return Error(
                QCoreApplication::translate("AnsibleInventory", "cannot read variables file: %1").arg(f.errorString()),
                SourceLocation { path });
        }
        QByteArray data = f.readAll();
        // A vault-encrypted file: decrypted to read it, its strings kept encrypted (with the same vault id and
        // password) in what it gives.
        std::optional<AnsibleVault::Secret> encryptedWith;
        if (AnsibleVault::isEncrypted(data)) { // not "must hold a mapping": say what it is
            AnsibleVault::Secret opened;
            auto plain = AnsibleVault::decryptFile(
                path, QCoreApplication::translate("AnsibleInventory", "variables file"), data, vaultSecrets, &opened);
            if (!plain) {
                return plain.error();
            }
            // The envelope's own vault id (the password may have been given for another one).
            encryptedWith = AnsibleVault::Secret { AnsibleVault::envelopeVaultId(data), opened.password };
            data = *plain;
        }
        QVariant v;
        // DataLoader.load(): json.loads() first, then YAML.
        auto json = VarCodec::fromJson(data, path);
        if (json.ok() && json->typeId() == QMetaType::QVariantMap) {
            v = *json;
        } else {
            YamlValueReader reader { path };
            try {
                const YAML::Node root = YAML::Load(data.toStdString());
                auto r = reader.value(root);
                if (!r) {
                    return r.error();
                }
                v = *r;
            } catch (const YAML::Exception& e) {
                return Error(QCoreApplication::translate("AnsibleInventory", "malformed YAML: %1")
                                 .arg(QString::fromStdString(e.msg)),
                    SourceLocation {
                        path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0 });
            }
        }
        // `if new_data:` -- empty files (and other false-ish documents) are skipped.
        const Kind k = kindOf(v);
        const bool falsy = k == Kind::Null || (k == Kind::Map && v.toMap().isEmpty())
            || (k == Kind::List && v.toList().isEmpty()) || (k == Kind::String && v.toString().isEmpty())
            || (k == Kind::Bool && !v.toBool()) || (k == Kind::Int && v.toLongLong() == 0)
            || (k == Kind::Float && v.toDouble() == 0);
        if (falsy) {
            continue;
        }
        if (k != Kind::Map) {
            return Error(QCoreApplication::translate(
                             "AnsibleInventory", "a variables file must hold a mapping of variable names to values"),
                SourceLocation { path, 1, 1 });
        }
        if (encryptedWith) {
            AnsibleVault::encryptStrings(v, *encryptedWith);
        }
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

QStringList VarsDirectory::sortedEntries(const QString& dir)
{
    QStringList names
        = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::NoSort);
    std::sort(names.begin(), names.end());
    return names;
}
