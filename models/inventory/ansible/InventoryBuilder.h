#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVector>
#include <optional>

// Ansible's InventoryData (inventory/data.py, group.py, host.py) as far as the file plugins use it: the groups and
// hosts the INI and YAML readers add, with Ansible's rules for adding children, hosts and group variables, and
// reconcile_inventory() at the end.
class InventoryBuilder {
public:
    struct GroupEntry {
        QString name;
        std::optional<Group::Kind> kind; // from an "# opsdeck: kind=…" comment (OpsDeck's own, Ansible ignores it)
        QString rule; // a dynamic group's rule, from "# opsdeck: rule=\"…\""
        QVariantMap vars;
        QVariantMap fileVars;
        int priority = 1;
        QStringList children;
        QSet<QString> childSet;
        QStringList parents;
        QStringList hosts;
        QSet<QString> hostSet;
    };

    struct HostEntry {
        QString name;
        QVariantMap vars;
        QVariantMap fileVars;
        QList<int> groups; // direct groups, indexes into groups
    };

    QVector<GroupEntry> groups;
    QHash<QString, int> groupIndex;
    QVector<HostEntry> hosts;
    QHash<QString, int> hostIndex;

    InventoryBuilder();
    int addGroup(const QString& name);

    // InventoryData.add_host(): the port only counts when the host is new.
    Result<int> addHost(const QString& name, int group, int port);
    void addHostToGroup(int g, int h);
    void removeHostFromGroup(int g, int h);
    QSet<int> ancestors(int g) const;

    // Group.add_child_group(), with its loop checks.
    Result<void> addChildGroup(int parent, int child);

    // InventoryData.add_child(): a group or, failing that, a host.
    Result<void> addChild(int parent, const QString& child);

    // Group.set_variable(): ansible_group_priority is consumed with Python's int(), whose failures are errors.
    Result<void> setGroupVar(int g, const QString& key, const QVariant& value);

    // InventoryData.reconcile_inventory(): parentless groups go under "all"; hosts without a group go to
    // "ungrouped"; hosts with a group leave "ungrouped".
    void reconcile();
    // The result as our model: groups in Ansible's creation order, "all"'s explicit children only
    // (`explicitAllChildren`, taken before reconcile()), the hosts in creation order except that the ungrouped ones
    // are put in the order Ansible lists them.
    Inventory toInventory(const QStringList& explicitAllChildren) const;
};
