#include "InventoryCommands.h"

#include "store/Workspace.h"

#include <QSet>

namespace {

const QString kAll = QStringLiteral("all");

// Sets the direct groups of a host in the inventory to exactly `groups`, touching only the groups that differ.
void setHostGroups(Inventory& inventory, const QString& host, const QStringList& groups)
{
    const QStringList current = inventory.hostStaticGroups(host);
    for (const QString& g : current) {
        if (!groups.contains(g)) {
            inventory.removeHostFromGroup(host, g);
        }
    }
    for (const QString& g : groups) {
        if (!current.contains(g)) {
            inventory.addHostToGroup(host, g);
        }
    }
}

// Writes a host state through the workspace, then into the inventory. `oldName` is the name the host has now
// (differs from state.host.name on a rename; empty for a new host).
Result<void> applyHostState(InventoryEditTarget* target, const HostEditState& state, const QString& oldName)
{
    Workspace* ws = target->workspace();
    Inventory& inv = target->inventory();
    const bool rename = !oldName.isEmpty() && oldName != state.host.name;
    if (rename) {
        if (auto r = ws->renameHost(oldName, state.host.name); !r) {
            return r;
        }
    }
    if (auto r = ws->saveHost(state.host, state.groups); !r) {
        if (rename) {
            // Put the name back so the workspace and the inventory still agree.
            (void)ws->renameHost(state.host.name, oldName);
        }
        return r;
    }
    if (rename) {
        inv.renameHost(oldName, state.host.name);
    }
    inv.upsertHost(state.host);
    setHostGroups(inv, state.host.name, state.groups);
    return {};
}

} // namespace

QString InventoryCommand::hostCount(int n)
{
    return tr("%n host(s)", nullptr, n);
}

void InventoryCommand::redo()
{
    const Result<void> r = doRedo();
    m_error = r ? QString() : r.errorString();
    if (!r) {
        // Never done: QUndoStack drops an obsolete command instead of keeping a step that did nothing.
        setObsolete(true);
        m_target->editFailed(tr("%1 failed: %2").arg(text(), m_error));
    }
}

void InventoryCommand::undo()
{
    const Result<void> r = doUndo();
    m_error = r ? QString() : r.errorString();
    if (!r) {
        setObsolete(true);
        m_target->editFailed(tr("Undo of %1 failed: %2").arg(text(), m_error));
    }
}

// --- SaveHostCommand

SaveHostCommand::SaveHostCommand(InventoryEditTarget* target, std::optional<HostEditState> before, HostEditState after)
    : InventoryCommand(target)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(m_before ? tr("Edit host %1").arg(m_after.host.name) : tr("Add host %1").arg(m_after.host.name));
}

Result<void> SaveHostCommand::doRedo()
{
    const QString oldName = m_before ? m_before->host.name : QString();
    if (auto r = applyHostState(m_target, m_after, oldName); !r) {
        return r;
    }
    if (!oldName.isEmpty() && oldName != m_after.host.name) {
        m_target->hostsDeleted({ oldName });
    }
    m_target->hostsUpdated({ m_after.host.name });
    m_target->groupsUpdated();
    return {};
}

Result<void> SaveHostCommand::doUndo()
{
    if (!m_before) {
        if (auto r = m_target->workspace()->deleteHosts({ m_after.host.name }); !r) {
            return r;
        }
        m_target->inventory().removeHost(m_after.host.name);
        m_target->hostsDeleted({ m_after.host.name });
        m_target->groupsUpdated();
        return {};
    }
    if (auto r = applyHostState(m_target, *m_before, m_after.host.name); !r) {
        return r;
    }
    if (m_before->host.name != m_after.host.name) {
        m_target->hostsDeleted({ m_after.host.name });
    }
    m_target->hostsUpdated({ m_before->host.name });
    m_target->groupsUpdated();
    return {};
}

// --- DeleteHostsCommand

DeleteHostsCommand::DeleteHostsCommand(InventoryEditTarget* target, const QStringList& names)
    : InventoryCommand(target)
{
    const Inventory& inv = target->inventory();
    for (const QString& n : names) {
        if (const Host* h = inv.host(n)) {
            m_hosts.append(*h);
            for (const QString& g : inv.hostStaticGroups(n)) {
                if (!m_groupMembers.contains(g)) {
                    m_groupMembers.insert(g, inv.group(g)->hosts);
                }
            }
        }
    }
    setText(m_hosts.size() == 1 ? tr("Delete host %1").arg(m_hosts.first().name)
                                : tr("Delete %n host(s)", nullptr, int(m_hosts.size())));
}

Result<void> DeleteHostsCommand::doRedo()
{
    QStringList names;
    for (const Host& h : m_hosts) {
        names.append(h.name);
    }
    if (auto r = m_target->workspace()->deleteHosts(names); !r) {
        return r;
    }
    Inventory& inv = m_target->inventory();
    // Strip memberships group by group (cheaper than Inventory::removeHost scanning every group per host).
    const QSet<QString> gone(names.begin(), names.end());
    for (auto it = m_groupMembers.cbegin(); it != m_groupMembers.cend(); ++it) {
        if (Group* g = inv.mutableGroup(it.key())) {
            g->hosts.removeIf([&](const QString& h) { return gone.contains(h); });
        }
    }
    for (const QString& n : names) {
        inv.removeHost(n);
    }
    m_target->hostsDeleted(names);
    m_target->groupsUpdated();
    return {};
}

Result<void> DeleteHostsCommand::doUndo()
{
    Workspace* ws = m_target->workspace();
    if (auto r = ws->saveHosts(m_hosts); !r) {
        return r;
    }
    for (auto it = m_groupMembers.cbegin(); it != m_groupMembers.cend(); ++it) {
        if (auto r = ws->setGroupMembers(it.key(), it.value()); !r) {
            return r;
        }
    }
    Inventory& inv = m_target->inventory();
    QStringList names;
    for (const Host& h : m_hosts) {
        inv.upsertHost(h);
        names.append(h.name);
    }
    for (auto it = m_groupMembers.cbegin(); it != m_groupMembers.cend(); ++it) {
        inv.ensureGroup(it.key()).hosts = it.value();
    }
    m_target->hostsUpdated(names);
    m_target->groupsUpdated();
    return {};
}

// --- TagHostsCommand

TagHostsCommand::TagHostsCommand(
    InventoryEditTarget* target, const QStringList& names, const QStringList& add, const QStringList& remove)
    : InventoryCommand(target)
{
    const Inventory& inv = target->inventory();
    for (const QString& n : names) {
        const Host* h = inv.host(n);
        if (!h) {
            continue;
        }
        Host after = *h;
        for (const QString& t : remove) {
            after.tags.removeAll(t);
        }
        for (const QString& t : add) {
            if (!after.tags.contains(t)) {
                after.tags.append(t);
            }
        }
        if (after != *h) {
            m_before.append(*h);
            m_after.append(after);
        }
    }
    if (!add.isEmpty()) {
        setText(tr("Tag %1 with %2").arg(hostCount(int(names.size())), add.join(QLatin1String(", "))));
    } else {
        setText(tr("Remove tag %1 from %2").arg(remove.join(QLatin1String(", ")), hostCount(int(names.size()))));
    }
}

Result<void> TagHostsCommand::save(const QList<Host>& hosts)
{
    if (auto r = m_target->workspace()->saveHosts(hosts); !r) {
        return r;
    }
    QStringList names;
    for (const Host& h : hosts) {
        m_target->inventory().upsertHost(h);
        names.append(h.name);
    }
    m_target->hostsUpdated(names);
    return {};
}

Result<void> TagHostsCommand::doRedo()
{
    return save(m_after);
}

Result<void> TagHostsCommand::doUndo()
{
    return save(m_before);
}

// --- SetGroupMembersCommand

SetGroupMembersCommand::SetGroupMembersCommand(
    InventoryEditTarget* target, const QString& group, const QStringList& members, const QString& text)
    : InventoryCommand(target)
    , m_group(group)
    , m_after(members)
{
    if (const Group* g = target->inventory().group(group)) {
        m_before = g->hosts;
    }
    setText(text);
}

SetGroupMembersCommand* SetGroupMembersCommand::addHosts(
    InventoryEditTarget* target, const QString& group, const QStringList& hosts)
{
    QStringList members;
    if (const Group* g = target->inventory().group(group)) {
        members = g->hosts;
    }
    const QSet<QString> present(members.begin(), members.end());
    int added = 0;
    for (const QString& h : hosts) {
        if (!present.contains(h) && !members.contains(h)) {
            members.append(h);
            ++added;
        }
    }
    return new SetGroupMembersCommand(target, group, members, tr("Add %1 to group %2").arg(hostCount(added), group));
}

Result<void> SetGroupMembersCommand::apply(const QStringList& members)
{
    if (auto r = m_target->workspace()->setGroupMembers(m_group, members); !r) {
        return r;
    }
    Group& g = m_target->inventory().ensureGroup(m_group);
    QSet<QString> touched(g.hosts.begin(), g.hosts.end());
    touched.unite(QSet<QString>(members.begin(), members.end()));
    g.hosts = members;
    m_target->hostsUpdated(QStringList(touched.begin(), touched.end()));
    m_target->groupsUpdated();
    return {};
}

Result<void> SetGroupMembersCommand::doRedo()
{
    return apply(m_after);
}

Result<void> SetGroupMembersCommand::doUndo()
{
    return apply(m_before);
}

// --- NewGroupCommand

NewGroupCommand::NewGroupCommand(InventoryEditTarget* target, const Group& group, const QString& parent)
    : InventoryCommand(target)
    , m_group(group)
    , m_parent(parent.isEmpty() ? kAll : parent)
{
    if (m_parent != kAll) {
        if (const Group* p = target->inventory().group(m_parent)) {
            m_parentBefore = *p;
        }
    }
    setText(tr("New group %1").arg(group.name));
}

Result<void> NewGroupCommand::doRedo()
{
    Workspace* ws = m_target->workspace();
    if (auto r = ws->saveGroup(m_group); !r) {
        return r;
    }
    if (!m_group.hosts.isEmpty()) {
        if (auto r = ws->setGroupMembers(m_group.name, m_group.hosts); !r) {
            return r;
        }
    }
    std::optional<Group> parentAfter;
    if (m_parentBefore) {
        parentAfter = *m_parentBefore;
        parentAfter->children.append(m_group.name);
        if (auto r = ws->saveGroup(*parentAfter); !r) {
            (void)ws->deleteGroup(m_group.name);
            return r;
        }
    }
    Inventory& inv = m_target->inventory();
    inv.upsertGroup(m_group);
    if (parentAfter) {
        inv.upsertGroup(*parentAfter);
    }
    m_target->groupsUpdated();
    return {};
}

Result<void> NewGroupCommand::doUndo()
{
    Workspace* ws = m_target->workspace();
    if (auto r = ws->deleteGroup(m_group.name); !r) {
        return r;
    }
    Inventory& inv = m_target->inventory();
    inv.removeGroup(m_group.name);
    if (m_parentBefore) {
        inv.upsertGroup(*m_parentBefore);
    }
    m_target->hostsUpdated(m_group.hosts);
    m_target->groupsUpdated();
    return {};
}

// --- EditGroupCommand

EditGroupCommand::EditGroupCommand(InventoryEditTarget* target, const Group& before, const Group& after)
    : InventoryCommand(target)
    , m_before(before)
    , m_after(after)
{
    setText(tr("Edit group %1").arg(after.name));
}

Result<void> EditGroupCommand::apply(const Group& g)
{
    // Only the properties (and a dynamic group's rule) change: children and static membership come from the
    // inventory as it is now. A dynamic group turned static again (undo) gets back the members it had then.
    Group current = g;
    bool restoreMembers = false;
    if (const Group* now = m_target->inventory().group(g.name)) {
        current.children = now->children;
        restoreMembers = now->isDynamic() && !g.isDynamic();
        if (!restoreMembers) {
            current.hosts = now->hosts;
        }
    }
    if (auto r = m_target->workspace()->saveGroup(current); !r) {
        return r;
    }
    if (restoreMembers) {
        if (auto r = m_target->workspace()->setGroupMembers(current.name, current.hosts); !r) {
            return r;
        }
    }
    m_target->inventory().upsertGroup(current);
    m_target->groupsUpdated();
    return {};
}

Result<void> EditGroupCommand::doRedo()
{
    return apply(m_after);
}

Result<void> EditGroupCommand::doUndo()
{
    return apply(m_before);
}

// --- DeleteGroupCommand

DeleteGroupCommand::DeleteGroupCommand(InventoryEditTarget* target, const QString& name)
    : InventoryCommand(target)
{
    const Inventory& inv = target->inventory();
    if (const Group* g = inv.group(name)) {
        m_group = *g;
    }
    m_group.name = name;
    for (const QString& p : inv.parentsOf(name)) {
        if (const Group* pg = inv.group(p); pg && pg->children.contains(name)) {
            m_parents.append(*pg);
        }
    }
    setText(tr("Delete group %1").arg(name));
}

Result<void> DeleteGroupCommand::doRedo()
{
    if (auto r = m_target->workspace()->deleteGroup(m_group.name); !r) {
        return r;
    }
    m_target->inventory().removeGroup(m_group.name);
    m_target->hostsUpdated(m_group.hosts);
    m_target->groupsUpdated();
    return {};
}

Result<void> DeleteGroupCommand::doUndo()
{
    Workspace* ws = m_target->workspace();
    if (auto r = ws->saveGroup(m_group); !r) {
        return r;
    }
    if (auto r = ws->setGroupMembers(m_group.name, m_group.hosts); !r) {
        return r;
    }
    for (const Group& p : m_parents) {
        if (auto r = ws->saveGroup(p); !r) {
            return r;
        }
    }
    Inventory& inv = m_target->inventory();
    inv.upsertGroup(m_group);
    for (const Group& p : m_parents) {
        inv.upsertGroup(p);
    }
    m_target->hostsUpdated(m_group.hosts);
    m_target->groupsUpdated();
    return {};
}

// --- ImportInventoryCommand

ImportInventoryCommand::ImportInventoryCommand(
    InventoryEditTarget* target, Inventory before, Inventory after, const QString& source)
    : InventoryCommand(target)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(tr("Import %1").arg(source));
}

Result<void> ImportInventoryCommand::apply(const Inventory& state)
{
    if (auto r = m_target->workspace()->saveInventory(state); !r) {
        return r;
    }
    m_target->inventory() = state;
    m_target->inventoryReplaced();
    return {};
}

Result<void> ImportInventoryCommand::doRedo()
{
    if (m_saved) {
        m_saved = false; // written by the import dialog; later redos write it again
        m_target->inventory() = m_after;
        m_target->inventoryReplaced();
        return {};
    }
    return apply(m_after);
}

Result<void> ImportInventoryCommand::doUndo()
{
    return apply(m_before);
}
