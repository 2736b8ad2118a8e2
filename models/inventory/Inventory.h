#pragma once

#include "core/Result.h"
#include "inventory/Group.h"
#include "inventory/Host.h"

#include <QHash>
#include <QList>
#include <QVector>
#include <memory>
#include <mutex>

class SearchIndex;

// One layer that can supply variables to a host, for provenance.
struct VarLayer {
    enum class Kind { Group, GroupFile, Host, HostFile, Job };
    Kind kind = Kind::Group;
    QString name; // group or host name

    // "group web", "group_vars/web", "host web01", "host_vars/web01"
    QString toString() const;
    bool operator==(const VarLayer&) const = default;
};

// A resolved variable: its value, the layer that supplied it, and the layers it overrode (lowest first) with
// the values they had.
struct ResolvedVar {
    QString key;
    QVariant value;
    VarLayer source;
    QList<QPair<VarLayer, QVariant>> overridden;
};

// The whole inventory in memory: hosts and groups by name, with the derived structure (parents, depth, which
// groups a host belongs to) that variable resolution and search need. "all" always exists; groups without a
// parent are children of "all"; hosts in no group are in "ungrouped" as Ansible does it.
class Inventory {
public:
    Inventory();

    const QVector<Host>& hosts() const { return m_hosts; }
    const QVector<Group>& groups() const
    {
        ensureDynamic();
        return m_groups;
    }
    int hostIndex(const QString& name) const { return m_hostIndex.value(name, -1); }
    int groupIndex(const QString& name) const { return m_groupIndex.value(name, -1); }
    // Dynamic groups (Group::rule): their `hosts` are the hosts the rule matches, recomputed on first use after
    // any change. Rules see only static memberships (`host.groups`, and `host.vars` from static groups), so they
    // cannot depend on each other. What went wrong with a rule at its last evaluation (a parse error, or the
    // first host whose evaluation failed and how many did); empty when nothing did.
    QString dynamicGroupProblem(const QString& group) const;
    const Host* host(const QString& name) const;
    const Group* group(const QString& name) const;
    // For changing a host or group in place: invalidates derived data and the search index (so only call these to
    // change something; the const host()/group() are for reading).
    Host* mutableHost(const QString& name);
    Group* mutableGroup(const QString& name);

    // Adds or replaces (by name). Groups referenced as children or members must exist when derived data is used.
    void upsertHost(const Host& host);
    void upsertGroup(const Group& group);
    // Ensures a group exists (empty, custom) and returns it.
    Group& ensureGroup(const QString& name);
    bool removeHost(const QString& name);
    bool removeGroup(const QString& name);
    void addHostToGroup(const QString& host, const QString& group);
    void removeHostFromGroup(const QString& host, const QString& group);
    // Reorders nothing; renames keep memberships.
    bool renameHost(const QString& from, const QString& to);

    // Derived structure. Recomputed lazily after a change.
    QStringList parentsOf(const QString& group) const; // direct parents ("all" for top-level groups)
    QStringList topLevelGroups() const; // children of "all", in order, "ungrouped" last when it has hosts
    QStringList hostGroupsDirect(const QString& host) const; // groups naming the host directly (not "all")
    QStringList hostStaticGroups(const QString& host) const; // of those, the static ones (what a host edit saves)
    QStringList hostGroupsAll(const QString& host) const; // every group the host is in, with ancestors and "all"
    QStringList ungroupedHosts() const;
    int depth(const QString& group) const;
    // Host indexes of the members of a group, including those of its descendants.
    QVector<int> membersRecursive(const QString& group) const;
    // Error when the child graph has a cycle (names the groups).
    Result<void> validate() const;

    // Variables of a host with Ansible's precedence: inventory-layer group vars (all, then groups by depth,
    // ansible_group_priority, name), group_vars/ files in the same order, host inventory vars, host_vars/ file.
    QVariantMap resolveVars(const QString& host) const;
    QList<ResolvedVar> resolveVarsWithProvenance(const QString& host) const;
    // The layers of a host in precedence order (lowest first).
    QList<QPair<VarLayer, QVariantMap>> layersOf(const QString& host) const;

    // The search index of this state of the inventory: built on first use (on any thread) and shared by every copy
    // of the inventory until one of them changes.
    std::shared_ptr<const SearchIndex> searchIndex() const;

    // The file the inventory was imported from (a template's inventory_file and inventory_dir), absolute; empty when
    // it came from a directory, from several sources, from the server or was built here.
    QString sourceFile() const { return m_sourceFile; }
    void setSourceFile(const QString& path) { m_sourceFile = path; }

    void clear();
    // Replaces everything at once (bulk loading): faster than upserting one by one. "all" is added if missing.
    void setContents(QVector<Host> hosts, QVector<Group> groups);
    // Merges another inventory into this one as Ansible merges a second inventory source (`-i a -i b`): hosts and
    // groups are added by name, memberships and children united, and the variables of a host or group that both
    // define combined key by key (each layer apart), the other's value winning for a key both have. No variable
    // of this inventory is removed.
    void merge(const Inventory& other);

private:
    void ensureDerived() const;
    void ensureDynamic() const;
    void invalidate();
    QStringList sortedGroupsForHost(const QString& host) const;

    QString m_sourceFile;
    QVector<Host> m_hosts;
    mutable QVector<Group> m_groups; // mutable: ensureDynamic() fills the members of dynamic groups lazily
    QHash<QString, int> m_hostIndex;
    QHash<QString, int> m_groupIndex;

    mutable bool m_derivedValid = false;
    mutable bool m_dynamicValid = false;
    mutable QHash<QString, QString> m_dynamicProblems;
    mutable QHash<QString, QStringList> m_parents;
    mutable QHash<QString, int> m_depth;
    mutable QHash<QString, QStringList> m_hostGroups;

    struct IndexHolder {
        std::mutex mutex;
        std::shared_ptr<const SearchIndex> index;
    };
    std::shared_ptr<IndexHolder> m_index = std::make_shared<IndexHolder>();
};
