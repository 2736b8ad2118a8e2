#include "Inventory.h"

#include "inventory/HostExpression.h"
#include "inventory/SearchIndex.h"

#include <QSet>
#include <algorithm>

namespace {
const QString kAll = QStringLiteral("all");
const QString kUngrouped = QStringLiteral("ungrouped");
} // namespace

QString VarLayer::toString() const
{
    switch (kind) {
    case Kind::Group:
        return QStringLiteral("group ") + name;
    case Kind::GroupFile:
        return QStringLiteral("group_vars/") + name;
    case Kind::Host:
        return QStringLiteral("host ") + name;
    case Kind::HostFile:
        return QStringLiteral("host_vars/") + name;
    case Kind::Job:
        return QStringLiteral("job");
    case Kind::Facts:
        return gatheredAt.isValid()
            ? QStringLiteral("fact, gathered %1").arg(ageText(gatheredAt, QDateTime::currentDateTimeUtc()))
            : QStringLiteral("fact");
    }
    return name;
}

QString VarLayer::ageText(const QDateTime& when, const QDateTime& now)
{
    const qint64 s = std::max<qint64>(0, when.secsTo(now));
    if (s < 60) {
        return QStringLiteral("just now");
    }
    if (s < 3600) {
        return QStringLiteral("%1 min ago").arg(s / 60);
    }
    if (s < 86400) {
        return QStringLiteral("%1 h ago").arg(s / 3600);
    }
    return QStringLiteral("%1 d ago").arg(s / 86400);
}

Inventory::Inventory()
{
    clear();
}

void Inventory::invalidate()
{
    m_derivedValid = false;
    m_dynamicValid = false;
    // Copies made before this change keep the old index; this state gets a new one when asked.
    if (m_index.use_count() > 1 || m_index->index) {
        m_index = std::make_shared<IndexHolder>();
    }
}

std::shared_ptr<const SearchIndex> Inventory::searchIndex() const
{
    std::shared_ptr<IndexHolder> holder = m_index;
    std::lock_guard<std::mutex> lock(holder->mutex);
    if (!holder->index) {
        holder->index = std::make_shared<const SearchIndex>(*this);
    }
    return holder->index;
}

void Inventory::clear()
{
    m_sourceFile.clear();
    m_facts.clear();
    m_hosts.clear();
    m_groups.clear();
    m_hostIndex.clear();
    m_groupIndex.clear();
    Group all;
    all.name = kAll;
    upsertGroup(all);
}

void Inventory::setContents(QVector<Host> hosts, QVector<Group> groups)
{
    invalidate();
    m_hosts = std::move(hosts);
    m_groups = std::move(groups);
    m_hostIndex.clear();
    m_hostIndex.reserve(m_hosts.size());
    for (int i = 0; i < m_hosts.size(); ++i) {
        m_hostIndex.insert(m_hosts[i].name, i);
    }
    m_groupIndex.clear();
    for (int i = 0; i < m_groups.size(); ++i) {
        m_groupIndex.insert(m_groups[i].name, i);
    }
    if (!m_groupIndex.contains(kAll)) {
        Group all;
        all.name = kAll;
        upsertGroup(all);
    }
}

const Host* Inventory::host(const QString& name) const
{
    const int i = hostIndex(name);
    return i < 0 ? nullptr : &m_hosts[i];
}

const Group* Inventory::group(const QString& name) const
{
    ensureDynamic();
    const int i = groupIndex(name);
    // Const access: m_groups is mutable, and its non-const operator[] would detach the list an inventory copy on a
    // worker thread (group counts, rule matches) is reading.
    return i < 0 ? nullptr : &std::as_const(m_groups)[i];
}

Host* Inventory::mutableHost(const QString& name)
{
    const int i = hostIndex(name);
    invalidate();
    return i < 0 ? nullptr : &m_hosts[i];
}

Group* Inventory::mutableGroup(const QString& name)
{
    const int i = groupIndex(name);
    invalidate();
    return i < 0 ? nullptr : &m_groups[i];
}

void Inventory::upsertHost(const Host& host)
{
    invalidate();
    const int i = hostIndex(host.name);
    if (i >= 0) {
        m_hosts[i] = host;
        return;
    }
    m_hostIndex.insert(host.name, int(m_hosts.size()));
    m_hosts.append(host);
}

void Inventory::upsertGroup(const Group& group)
{
    invalidate();
    const int i = groupIndex(group.name);
    if (i >= 0) {
        m_groups[i] = group;
        return;
    }
    m_groupIndex.insert(group.name, int(m_groups.size()));
    m_groups.append(group);
}

Group& Inventory::ensureGroup(const QString& name)
{
    invalidate();
    int i = groupIndex(name);
    if (i < 0) {
        Group g;
        g.name = name;
        upsertGroup(g);
        i = groupIndex(name);
    }
    return m_groups[i];
}

bool Inventory::removeHost(const QString& name)
{
    const int i = hostIndex(name);
    if (i < 0) {
        return false;
    }
    invalidate();
    for (Group& g : m_groups) {
        g.hosts.removeAll(name);
    }
    m_hosts.removeAt(i);
    m_hostIndex.remove(name);
    for (int j = i; j < m_hosts.size(); ++j) {
        m_hostIndex[m_hosts[j].name] = j;
    }
    return true;
}

bool Inventory::removeGroup(const QString& name)
{
    const int i = groupIndex(name);
    if (i < 0 || name == kAll) {
        return false;
    }
    invalidate();
    for (Group& g : m_groups) {
        g.children.removeAll(name);
    }
    m_groups.removeAt(i);
    m_groupIndex.remove(name);
    for (int j = i; j < m_groups.size(); ++j) {
        m_groupIndex[m_groups[j].name] = j;
    }
    return true;
}

void Inventory::addHostToGroup(const QString& host, const QString& group)
{
    Group& g = ensureGroup(group);
    if (!g.hosts.contains(host)) {
        g.hosts.append(host);
    }
}

void Inventory::removeHostFromGroup(const QString& host, const QString& group)
{
    if (Group* g = mutableGroup(group)) {
        g->hosts.removeAll(host);
    }
}

bool Inventory::renameHost(const QString& from, const QString& to)
{
    const int i = hostIndex(from);
    if (i < 0 || hostIndex(to) >= 0) {
        return false;
    }
    invalidate();
    m_hosts[i].name = to;
    m_hostIndex.remove(from);
    m_hostIndex.insert(to, i);
    for (Group& g : m_groups) {
        const qsizetype k = g.hosts.indexOf(from);
        if (k >= 0) {
            g.hosts[k] = to;
        }
    }
    return true;
}

void Inventory::ensureDynamic() const
{
    if (m_dynamicValid) {
        return;
    }
    // Valid from here on: evaluating the rules reads groups and derived data, which must then see the static
    // memberships only (dynamic groups cleared) instead of recursing.
    m_dynamicValid = true;
    m_dynamicProblems.clear();
    QVector<int> dynamic;
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i].isDynamic()) {
            dynamic.append(i);
        }
    }
    if (dynamic.isEmpty()) {
        return;
    }
    for (int i : dynamic) {
        m_groups[i].hosts.clear();
    }
    m_derivedValid = false;
    QList<QStringList> members;
    for (int i : dynamic) {
        const Group& g = m_groups[i];
        QStringList names;
        auto rule = HostExpression::parse(g.rule, g.name);
        if (!rule) {
            m_dynamicProblems.insert(g.name, rule.errorString());
        } else {
            const HostExpression::Matches m = rule->matchingHosts(*this);
            names.reserve(m.hosts.size());
            for (int h : m.hosts) {
                names.append(m_hosts[h].name);
            }
            if (m.errorCount > 0) {
                m_dynamicProblems.insert(g.name,
                    m.errorCount == 1
                        ? m.firstError
                        : QStringLiteral("%1 (and %2 more hosts)").arg(m.firstError).arg(m.errorCount - 1));
            }
        }
        members.append(names);
    }
    for (int k = 0; k < dynamic.size(); ++k) {
        m_groups[dynamic[k]].hosts = members[k];
    }
    m_derivedValid = false;
}

QString Inventory::dynamicGroupProblem(const QString& group) const
{
    ensureDynamic();
    return m_dynamicProblems.value(group);
}

void Inventory::ensureDerived() const
{
    ensureDynamic();
    if (m_derivedValid) {
        return;
    }
    m_parents.clear();
    m_depth.clear();
    m_hostGroups.clear();
    for (const Group& g : m_groups) {
        for (const QString& c : g.children) {
            m_parents[c].append(g.name);
        }
        for (const QString& h : g.hosts) {
            m_hostGroups[h].append(g.name);
        }
    }
    // Top-level groups hang off "all".
    for (const Group& g : m_groups) {
        if (g.name != kAll && !m_parents.contains(g.name)) {
            m_parents[g.name].append(kAll);
        } else if (g.name != kAll && m_parents.value(g.name).isEmpty()) {
            m_parents[g.name].append(kAll);
        }
    }
    // Depth = longest path from "all" (Ansible raises a child's depth to parent depth + 1). Cycles are cut.
    m_depth.insert(kAll, 0);
    QHash<QString, int> state; // 0 unvisited, 1 visiting, 2 done
    std::function<int(const QString&)> depthOf = [&](const QString& name) -> int {
        if (name == kAll) {
            return 0;
        }
        if (state.value(name) == 2) {
            return m_depth.value(name);
        }
        if (state.value(name) == 1) {
            return 0; // cycle: validate() reports it
        }
        state[name] = 1;
        int d = 1;
        for (const QString& p : m_parents.value(name)) {
            d = std::max(d, depthOf(p) + 1);
        }
        state[name] = 2;
        m_depth.insert(name, d);
        return d;
    };
    for (const Group& g : m_groups) {
        depthOf(g.name);
    }
    m_derivedValid = true;
}

QStringList Inventory::parentsOf(const QString& group) const
{
    ensureDerived();
    return m_parents.value(group);
}

QStringList Inventory::topLevelGroups() const
{
    ensureDerived();
    QStringList out;
    bool hasUngrouped = false;
    const Group* all = group(kAll);
    for (const QString& c : all->children) {
        if (c == kUngrouped) {
            hasUngrouped = true;
            continue;
        }
        out.append(c);
    }
    for (const Group& g : m_groups) {
        if (g.name == kAll || g.name == kUngrouped || out.contains(g.name)) {
            continue;
        }
        const QStringList parents = m_parents.value(g.name);
        if (parents.size() == 1 && parents.first() == kAll) {
            out.append(g.name);
        }
    }
    if (hasUngrouped || group(kUngrouped) || !ungroupedHosts().isEmpty()) {
        out.append(kUngrouped);
    }
    return out;
}

QStringList Inventory::hostGroupsDirect(const QString& host) const
{
    ensureDerived();
    QStringList direct = m_hostGroups.value(host);
    direct.removeAll(kAll);
    return direct;
}

QStringList Inventory::hostStaticGroups(const QString& host) const
{
    QStringList groups = hostGroupsDirect(host);
    groups.removeIf([this](const QString& g) {
        const Group* group = this->group(g);
        return group && group->isDynamic();
    });
    return groups;
}

QStringList Inventory::ungroupedHosts() const
{
    ensureDerived();
    QStringList out;
    for (const Host& h : m_hosts) {
        const QStringList direct = hostGroupsDirect(h.name);
        if (direct.isEmpty()) {
            out.append(h.name);
        }
    }
    return out;
}

QStringList Inventory::hostGroupsAll(const QString& host) const
{
    ensureDerived();
    QStringList direct = hostGroupsDirect(host);
    if (direct.isEmpty()) {
        direct.append(kUngrouped);
    }
    QSet<QString> seen;
    QStringList out;
    QStringList stack = direct;
    while (!stack.isEmpty()) {
        const QString g = stack.takeLast();
        if (seen.contains(g)) {
            continue;
        }
        seen.insert(g);
        out.append(g);
        for (const QString& p : m_parents.value(g, { kAll })) {
            stack.append(p);
        }
    }
    if (!seen.contains(kAll)) {
        out.append(kAll);
    }
    return out;
}

int Inventory::depth(const QString& group) const
{
    ensureDerived();
    if (group == kUngrouped && !m_depth.contains(group)) {
        return 1;
    }
    return m_depth.value(group, 1);
}

QVector<int> Inventory::membersRecursive(const QString& group) const
{
    ensureDerived();
    QVector<int> out;
    if (group == kAll) {
        out.reserve(m_hosts.size());
        for (int i = 0; i < m_hosts.size(); ++i) {
            out.append(i);
        }
        return out;
    }
    QSet<int> hostSet;
    QSet<QString> seen;
    QStringList stack { group };
    while (!stack.isEmpty()) {
        const QString name = stack.takeLast();
        if (seen.contains(name)) {
            continue;
        }
        seen.insert(name);
        if (name == kUngrouped) {
            for (const QString& h : ungroupedHosts()) {
                hostSet.insert(hostIndex(h));
            }
        }
        const Group* g = this->group(name);
        if (!g) {
            continue;
        }
        for (const QString& h : g->hosts) {
            const int i = hostIndex(h);
            if (i >= 0) {
                hostSet.insert(i);
            }
        }
        stack.append(g->children);
    }
    out = QVector<int>(hostSet.begin(), hostSet.end());
    std::sort(out.begin(), out.end());
    return out;
}

Result<void> Inventory::validate() const
{
    ensureDynamic(); // before iterating m_groups: it may rewrite them
    QHash<QString, int> state;
    QStringList path;
    std::function<QString(const QString&)> visit = [&](const QString& name) -> QString {
        if (state.value(name) == 2) {
            return {};
        }
        if (state.value(name) == 1) {
            const qsizetype start = path.indexOf(name);
            return (path.mid(start) << name).join(QStringLiteral(" → "));
        }
        state[name] = 1;
        path.append(name);
        if (const Group* g = group(name)) {
            for (const QString& c : g->children) {
                const QString cycle = visit(c);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
            }
        }
        path.removeLast();
        state[name] = 2;
        return {};
    };
    for (const Group& g : m_groups) {
        const QString cycle = visit(g.name);
        if (!cycle.isEmpty()) {
            return Error(QStringLiteral("groups form a cycle: %1").arg(cycle));
        }
    }
    return {};
}

QStringList Inventory::sortedGroupsForHost(const QString& host) const
{
    QStringList groups = hostGroupsAll(host);
    std::sort(groups.begin(), groups.end(), [this](const QString& a, const QString& b) {
        const int da = depth(a);
        const int db = depth(b);
        if (da != db) {
            return da < db;
        }
        const Group* ga = group(a);
        const Group* gb = group(b);
        const int pa = ga ? ga->priority : 1;
        const int pb = gb ? gb->priority : 1;
        if (pa != pb) {
            return pa < pb;
        }
        return a < b;
    });
    return groups;
}

namespace {

// Ansible's clean_facts(): the common connection variables, the magic variables' names, the connection plugins'
// (ansible_ssh_*, ansible_local_* …) and ansible_become*, and interpreters — no fact becomes one of these. Plain
// string tests: this runs for every fact of every host whose variables are resolved.
bool reservedFactName(const QString& key)
{
    static const QSet<QString> exact { QStringLiteral("host"), QStringLiteral("port"), QStringLiteral("user"),
        QStringLiteral("password"), QStringLiteral("connection"), QStringLiteral("timeout"),
        QStringLiteral("pipelining"), QStringLiteral("executable"), QStringLiteral("shell_type"),
        QStringLiteral("shell_executable"), QStringLiteral("module_compression"), QStringLiteral("private_key_file"),
        QStringLiteral("become"), QStringLiteral("facts") };
    static const char* const prefixes[] = { "ssh_", "paramiko_", "local_", "psrp_", "winrm_", "become_" };
    if (exact.contains(key) || key.endsWith(QLatin1String("_interpreter"))) {
        return true;
    }
    for (const char* p : prefixes) {
        const QLatin1String prefix(p);
        if (key.size() > prefix.size() && key.startsWith(prefix)) {
            return true;
        }
    }
    return false;
}

} // namespace

QVariantMap Inventory::factVariables(const QVariantMap& facts)
{
    QVariantMap vars;
    vars.insert(QStringLiteral("ansible_facts"), facts);
    for (auto it = facts.cbegin(); it != facts.cend(); ++it) {
        if (!reservedFactName(it.key())) {
            vars.insert(QStringLiteral("ansible_") + it.key(), it.value());
        }
    }
    return vars;
}

void Inventory::setHostFacts(const QString& hostName, QVariantMap facts, const QDateTime& gatheredAt)
{
    facts.remove(QStringLiteral("packages"));
    facts.remove(QStringLiteral("services"));
    m_facts.insert(hostName, HostFactsLayer { std::move(facts), gatheredAt.toUTC() });
    // Rules may read host.facts and host.vars: dynamic groups and the search index are recomputed.
    invalidate();
}

void Inventory::clearHostFacts()
{
    m_facts.clear();
    invalidate();
}

const HostFactsLayer* Inventory::hostFacts(const QString& hostName) const
{
    const auto it = m_facts.constFind(hostName);
    return it == m_facts.cend() ? nullptr : &*it;
}

QList<QPair<VarLayer, QVariantMap>> Inventory::layersOf(const QString& hostName, bool withFacts) const
{
    QList<QPair<VarLayer, QVariantMap>> layers;
    const Host* h = host(hostName);
    if (!h) {
        return layers;
    }
    if (const HostFactsLayer* f = withFacts ? hostFacts(hostName) : nullptr) {
        // Built when asked (a few µs) rather than kept: it would double the per-host maps' nodes.
        layers.append({ VarLayer { VarLayer::Kind::Facts, hostName, f->gatheredAt }, factVariables(f->facts) });
    }
    const QStringList groups = sortedGroupsForHost(hostName);
    for (const QString& name : groups) {
        if (const Group* g = group(name)) {
            // Ansible consumes ansible_group_priority in a group's inventory vars (it never reaches a host);
            // from a group_vars/ file or a host it is an ordinary variable.
            QVariantMap vars = g->inventoryVars();
            vars.remove(QStringLiteral("ansible_group_priority"));
            layers.append({ VarLayer { VarLayer::Kind::Group, name }, vars });
        }
    }
    for (const QString& name : groups) {
        if (const Group* g = group(name); g && !g->fileVars.isEmpty()) {
            layers.append({ VarLayer { VarLayer::Kind::GroupFile, name }, g->fileVars });
        }
    }
    layers.append({ VarLayer { VarLayer::Kind::Host, hostName }, h->inventoryVars() });
    if (!h->fileVars.isEmpty()) {
        layers.append({ VarLayer { VarLayer::Kind::HostFile, hostName }, h->fileVars });
    }
    return layers;
}

QVariantMap Inventory::resolveVars(const QString& hostName) const
{
    QVariantMap out;
    for (const auto& [layer, vars] : layersOf(hostName)) {
        for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

QVariantMap Inventory::resolveInventoryVars(const QString& hostName) const
{
    QVariantMap out;
    for (const auto& [layer, vars] : layersOf(hostName, false)) {
        for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

QList<ResolvedVar> Inventory::resolveVarsWithProvenance(const QString& hostName) const
{
    QMap<QString, ResolvedVar> byKey;
    for (const auto& [layer, vars] : layersOf(hostName)) {
        for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
            auto found = byKey.find(it.key());
            if (found == byKey.end()) {
                byKey.insert(it.key(), ResolvedVar { it.key(), it.value(), layer, {} });
            } else {
                found->overridden.append({ found->source, found->value });
                found->source = layer;
                found->value = it.value();
            }
        }
    }
    return byKey.values();
}

namespace {

// Ansible's set_variable with hash_behaviour=replace: every key of `over` replaces the key in `base`; keys only in
// `base` stay.
QVariantMap unitedByKey(QVariantMap base, const QVariantMap& over)
{
    for (auto it = over.cbegin(); it != over.cend(); ++it) {
        base.insert(it.key(), it.value());
    }
    return base;
}

void appendMissing(QStringList& into, const QStringList& from)
{
    for (const QString& s : from) {
        if (!into.contains(s)) {
            into.append(s);
        }
    }
}

} // namespace

void Inventory::merge(const Inventory& other)
{
    // Merged into nothing, the other's source is the only one; two sources are no one file.
    if (m_hosts.isEmpty()) {
        m_sourceFile = other.m_sourceFile;
    } else if (m_sourceFile != other.m_sourceFile) {
        m_sourceFile.clear();
    }
    for (const Group& g : other.groups()) {
        Group* mine = mutableGroup(g.name);
        if (!mine) {
            upsertGroup(g);
            continue;
        }
        // As Ansible reads a second inventory source: the variables are combined key by key, the newer source
        // winning; ansible_group_priority is a variable like the others (1 is the default: not set).
        mine->setInventoryVars(unitedByKey(mine->inventoryVars(), g.inventoryVars()));
        mine->fileVars = unitedByKey(mine->fileVars, g.fileVars);
        // The kind and the rule travel as comments: only a file that states them changes them.
        if (g.kind != Group::Kind::Custom) {
            mine->kind = g.kind;
        }
        if (g.isDynamic()) {
            mine->rule = g.rule;
        }
        appendMissing(mine->children, g.children);
        if (!mine->isDynamic()) {
            appendMissing(mine->hosts, g.hosts);
        }
    }
    for (const Host& h : other.hosts()) {
        Host* mine = mutableHost(h.name);
        if (!mine) {
            upsertHost(h);
            continue;
        }
        mine->setInventoryVars(unitedByKey(mine->inventoryVars(), h.inventoryVars()));
        mine->fileVars = unitedByKey(mine->fileVars, h.fileVars);
    }
    invalidate();
}
