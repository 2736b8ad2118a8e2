#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"

#include <QString>
#include <QStringList>
#include <functional>

class Workspace;

// The inventory's tables in a workspace (hosts, host_groups, group_children, group_hosts): loading the whole
// inventory, replacing it in one transaction, and the fine-grained edits of the browser. Workspace's inventory
// methods delegate here; the schema itself is WorkspaceMigrations'.
class InventoryStore {
public:
    explicit InventoryStore(Workspace& workspace);

    Result<Inventory> load() const;
    // Replaces the stored inventory by `inventory`, in one transaction. `progress(done, total)` is called now and
    // then; returning false cancels (rolled back, nothing changed).
    Result<void> save(const Inventory& inventory, const std::function<bool(int, int)>& progress = {});

    // Fine-grained edits (each its own transaction, or part of the caller's: see Workspace::inTransaction).
    Result<void> saveHost(const Host& host, const QStringList& groups);
    Result<void> saveHosts(const QList<Host>& hosts);
    Result<void> deleteHosts(const QStringList& names);
    Result<void> renameHost(const QString& from, const QString& to);
    Result<void> saveGroup(const Group& group);
    Result<void> deleteGroup(const QString& name);
    Result<void> setGroupMembers(const QString& group, const QStringList& hosts);

private:
    Workspace& m_workspace;
};
