#pragma once

#include "core/Result.h"
#include "inventory/Group.h"
#include "inventory/Host.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QVector>
#include <functional>
#include <memory>
#include <mutex>

class SearchIndex;

// One layer that can supply variables to a host, for provenance.
struct VarLayer {
    // Facts: the host's gathered facts, below every inventory layer (Ansible ranks them above host_vars; OpsDeck
    // puts them below so that an operator's inventory value always wins; docs/facts.md).
    enum class Kind { Group, GroupFile, Host, HostFile, Job, Facts };
    VarLayer(Kind k = Kind::Group, QString n = {}, QDateTime gathered = {})
        : kind(k)
        , name(std::move(n))
        , gatheredAt(std::move(gathered))
    {
    }
    Kind kind = Kind::Group;
    QString name; // group or host name
    QDateTime gatheredAt; // Facts: when they were gathered (UTC)

    // "group web", "group_vars/web", "host web01", "host_vars/web01", "fact, gathered 2 h ago"
    QString toString() const;
    // "just now", "5 min ago", "2 h ago", "3 d ago": how long before `now` `when` was.
    static QString ageText(const QDateTime& when, const QDateTime& now);
    bool operator==(const VarLayer&) const = default;
};

// The gathered facts of one host as the variable layer sees them: Ansible's fact names without the `ansible_`
// prefix (FactsParser), without `packages` and `services` (those are read on demand, Inventory::PackageVersions).
struct HostFactsLayer {
    QVariantMap facts; // `ansible_facts`
    QDateTime gatheredAt; // UTC
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

    // Variables of a host with Ansible's precedence: the gathered facts (lowest: below what Ansible does), then
    // inventory-layer group vars (all, then groups by depth, ansible_group_priority, name), group_vars/ files in the
    // same order, host inventory vars, host_vars/ file. The inventory-only form leaves the facts out: what the
    // inventory itself holds (exports, the ansible-inventory listing).
    QVariantMap resolveVars(const QString& host) const;
    QVariantMap resolveInventoryVars(const QString& host) const;
    QList<ResolvedVar> resolveVarsWithProvenance(const QString& host) const;
    // The layers of a host in precedence order (lowest first), the facts' layer first when it has facts.
    QList<QPair<VarLayer, QVariantMap>> layersOf(const QString& host, bool withFacts = true) const;

    // Gathered facts (FactLayer in opsdeck_facts loads them from the workspace's FactStore): not inventory data — no
    // export, listing or diff includes them, and they stay when the inventory is changed or reloaded with
    // setContents(); clear() drops them. Keyed by host name (a host renamed keeps none until gathered again).
    // `facts` under Ansible's names without the prefix; `packages` and `services` are dropped here.
    void setHostFacts(const QString& host, QVariantMap facts, const QDateTime& gatheredAt);
    void clearHostFacts();
    const HostFactsLayer* hostFacts(const QString& host) const;
    int hostFactsCount() const { return int(m_facts.size()); }
    // The variables the facts' layer supplies for `facts`: `ansible_facts` and `ansible_KEY` for every top-level
    // key, but never a connection variable or a magic variable (ansible_host, ansible_port, ansible_user …).
    static QVariantMap factVariables(const QVariantMap& facts);

    // The installed versions of one package on every host with gathered facts (host → the versions, ", "-joined and
    // sorted; "" when the host's facts have packages but not this one); hosts without facts or without a package
    // list are absent. Set by whoever loaded the facts (FactLayer), read by the `drift:` query term; may be called
    // on any thread. Unset: no package is known.
    using PackageVersions = std::function<QHash<QString, QString>(const QString& package)>;
    void setPackageVersions(PackageVersions lookup) { m_packageVersions = std::move(lookup); }
    const PackageVersions& packageVersions() const { return m_packageVersions; }

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
    QHash<QString, HostFactsLayer> m_facts;
    PackageVersions m_packageVersions;
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
