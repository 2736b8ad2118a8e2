#include "InventoryBuilder.h"

#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/AnsibleNames.h"
#include "inventory/ansible/PythonStr.h"
#include "inventory/ansible/PythonValue.h"

#include <QCoreApplication>
#include <cmath>
#include <limits>

namespace {

// Messages keep AnsibleInventory's translation context.
using AnsibleNames::kAll;
using AnsibleNames::kPort;
using AnsibleNames::kPriority;
using AnsibleNames::kUngrouped;
using PythonValue::Kind;
using PythonValue::kindOf;

} // namespace

InventoryBuilder::InventoryBuilder()
{
    addGroup(kAll);
    addGroup(kUngrouped);
    (void)addChildGroup(0, 1);
}

int InventoryBuilder::addGroup(const QString& name)
{
    const int existing = groupIndex.value(name, -1);
    if (existing >= 0) {
        return existing;
    }
    GroupEntry g;
    g.name = name;
    groupIndex.insert(name, int(groups.size()));
    groups.append(g);
    return int(groups.size()) - 1;
}

Result<int> InventoryBuilder::addHost(const QString& name, int group, int port)
{
    if (name.isEmpty()) {
        return Error(QCoreApplication::translate("AnsibleInventory", "invalid empty host name"));
    }
    int h = hostIndex.value(name, -1);
    if (h < 0) {
        HostEntry host;
        host.name = name;
        if (port > 0) {
            host.vars.insert(kPort, qlonglong(port));
        }
        h = int(hosts.size());
        hostIndex.insert(name, h);
        hosts.append(host);
    }
    if (group >= 0) {
        addHostToGroup(group, h);
    }
    return h;
}

void InventoryBuilder::addHostToGroup(int g, int h)
{
    GroupEntry& group = groups[g];
    const QString& name = hosts[h].name;
    if (!group.hostSet.contains(name)) {
        group.hostSet.insert(name);
        group.hosts.append(name);
        hosts[h].groups.append(g);
    }
}

void InventoryBuilder::removeHostFromGroup(int g, int h)
{
    GroupEntry& group = groups[g];
    const QString& name = hosts[h].name;
    if (group.hostSet.remove(name)) {
        group.hosts.removeOne(name);
        hosts[h].groups.removeOne(g);
    }
}

QSet<int> InventoryBuilder::ancestors(int g) const
{
    QSet<int> seen;
    QList<int> stack { g };
    while (!stack.isEmpty()) {
        const int cur = stack.takeLast();
        for (const QString& p : groups[cur].parents) {
            const int pi = groupIndex.value(p);
            if (!seen.contains(pi)) {
                seen.insert(pi);
                stack.append(pi);
            }
        }
    }
    return seen;
}

Result<void> InventoryBuilder::addChildGroup(int parent, int child)
{
    if (parent == child) {
        return Error(
            QCoreApplication::translate("AnsibleInventory", "can't add group '%1' to itself").arg(groups[parent].name));
    }
    GroupEntry& p = groups[parent];
    if (p.childSet.contains(groups[child].name)) {
        return {};
    }
    if (child == 0 || ancestors(parent).contains(child)) {
        return Error(QCoreApplication::translate(
            "AnsibleInventory", "adding group '%1' as child to '%2' creates a recursive dependency loop")
                         .arg(groups[child].name, p.name));
    }
    p.childSet.insert(groups[child].name);
    p.children.append(groups[child].name);
    if (!groups[child].parents.contains(p.name)) {
        groups[child].parents.append(p.name);
    }
    return {};
}

Result<void> InventoryBuilder::addChild(int parent, const QString& child)
{
    const int g = groupIndex.value(child, -1);
    if (g >= 0) {
        return addChildGroup(parent, g);
    }
    const int h = hostIndex.value(child, -1);
    if (h >= 0) {
        addHostToGroup(parent, h);
        return {};
    }
    return Error(QCoreApplication::translate("AnsibleInventory", "%1 is not a known host nor group").arg(child));
}

Result<void> InventoryBuilder::setGroupVar(int g, const QString& key, const QVariant& value)
{
    if (key == kPriority) {
        std::optional<qlonglong> p;
        switch (kindOf(value)) {
        case Kind::Bool:
            p = value.toBool() ? 1 : 0;
            break;
        case Kind::Int:
            p = value.toLongLong();
            break;
        case Kind::Float:
            if (std::isfinite(value.toDouble())) {
                p = qlonglong(std::trunc(value.toDouble()));
            }
            break;
        case Kind::String:
            p = PythonStr::toInt(value.toString());
            break;
        default:
            break;
        }
        if (!p || *p < std::numeric_limits<int>::min() || *p > std::numeric_limits<int>::max()) {
            return Error(QCoreApplication::translate(
                "AnsibleInventory", "ansible_group_priority of group '%1' must be an integer, got %2")
                             .arg(groups[g].name, QString::fromUtf8(VarCodec::toJson(value))));
        }
        groups[g].priority = int(*p);
        return {};
    }
    groups[g].vars.insert(key, value);
    return {};
}

void InventoryBuilder::reconcile()
{
    for (int g = 1; g < groups.size(); ++g) {
        if (groups[g].parents.isEmpty()) {
            (void)addChildGroup(0, g);
        }
    }
    const int ungrouped = 1;
    // Groups whose members count as members of "ungrouped" (it and its descendants), and its other ancestors.
    QSet<int> underUngrouped { ungrouped };
    QList<int> stack { ungrouped };
    while (!stack.isEmpty()) {
        for (const QString& c : groups[stack.takeLast()].children) {
            const int ci = groupIndex.value(c);
            if (!underUngrouped.contains(ci)) {
                underUngrouped.insert(ci);
                stack.append(ci);
            }
        }
    }
    QSet<int> ungroupedAncestors = ancestors(ungrouped);
    ungroupedAncestors.remove(0);
    for (int h = 0; h < hosts.size(); ++h) {
        bool inUngrouped = false;
        bool other = false;
        for (const int g : std::as_const(hosts[h].groups)) {
            if (underUngrouped.contains(g)) {
                inUngrouped = true;
            }
            if (g != 0 && g != ungrouped) {
                other = true;
            }
        }
        if (inUngrouped) {
            if (other || !ungroupedAncestors.isEmpty()) {
                removeHostFromGroup(ungrouped, h);
            }
        } else if (!other) {
            addHostToGroup(ungrouped, h);
        }
    }
}

Inventory InventoryBuilder::toInventory(const QStringList& explicitAllChildren) const
{
    Inventory inv;
    const GroupEntry& ungrouped = groups[1];
    QSet<QString> ungroupedSet(ungrouped.hosts.cbegin(), ungrouped.hosts.cend());
    qsizetype nextUngrouped = 0;
    for (const HostEntry& bh : std::as_const(hosts)) {
        const HostEntry& src
            = ungroupedSet.contains(bh.name) ? hosts[hostIndex.value(ungrouped.hosts[nextUngrouped++])] : bh;
        Host h;
        h.name = src.name;
        h.setInventoryVars(src.vars);
        h.fileVars = src.fileVars;
        inv.upsertHost(h);
    }
    for (const GroupEntry& bg : std::as_const(groups)) {
        if (bg.name == kAll) {
            Group* all = inv.mutableGroup(kAll);
            all->setInventoryVars(bg.vars);
            all->priority = bg.priority;
            all->kind = bg.kind.value_or(Group::Kind::Custom);
            all->fileVars = bg.fileVars;
            all->children = explicitAllChildren;
            continue;
        }
        Group g;
        g.name = bg.name;
        g.setInventoryVars(bg.vars);
        g.priority = bg.priority;
        g.kind = bg.kind.value_or(Group::Kind::Custom);
        g.rule = bg.rule;
        g.fileVars = bg.fileVars;
        g.children = bg.children;
        if (bg.name == kUngrouped) {
            if (bg.vars.isEmpty() && bg.fileVars.isEmpty() && bg.children.isEmpty() && bg.priority == 1 && !bg.kind) {
                continue; // implied: Inventory derives "ungrouped" itself
            }
        } else {
            g.hosts = bg.hosts;
        }
        inv.upsertGroup(g);
    }
    return inv;
}
