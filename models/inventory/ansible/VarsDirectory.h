#pragma once

#include "core/Result.h"
#include "inventory/ansible/VaultCipher.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>

// A group_vars/ or host_vars/ directory as plugins/vars/host_group_vars.py reads it, listed once (100,000 hosts
// must not mean 400,000 stat calls).
class VarsDirectory {
public:
    explicit VarsDirectory(const QString& path);

    // DataLoader.find_vars_files(): NAME, NAME.yml, NAME.yaml, NAME.json -- the first that exists; a directory
    // contributes its files recursively in sorted order.
    QStringList filesFor(const QString& name) const;

    // DataLoader.load() over the files, merged in order: json.loads() first, then YAML; false-ish documents skipped.
    static Result<QVariantMap> loadFiles(const QStringList& files, const AnsibleVault::Secrets& vaultSecrets = {});
    // A directory's entries (hidden ones too) sorted by name, as Python's sorted(os.listdir()) gives them.
    static QStringList sortedEntries(const QString& dir);

private:
    static void dirFiles(const QString& dir, QStringList& found);

    QString m_path;
    bool m_exists = false;
    QHash<QString, bool> m_entries;
};
