#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "inventory/ansible/AnsibleInventory.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

// Inventory sources read as inventory/manager.py parse_source() reads them with the static plugins (host_list,
// script and auto are not run: we never execute files or load plugins): each file through the yaml plugin, then
// the ini plugin; then host_group_vars for every group and host.
namespace InventorySources {

// The files of a source: the file itself, or a directory's files recursively in sorted order without the ones
// Ansible ignores (hidden, group_vars/, host_vars/, *.ini, *.md …).
void collect(const QString& path, QStringList& files);
// Reads `files` (from `inMemory` where it has them) into one inventory, with the group_vars/ and host_vars/ of
// `baseDir` (none when empty).
Result<Inventory> read(const QString& source, const QStringList& files, const QString& baseDir,
    const QHash<QString, QByteArray>& inMemory, const AnsibleInventory::Progress& progress,
    const AnsibleVault::Secrets& vaultSecrets);

} // namespace InventorySources
