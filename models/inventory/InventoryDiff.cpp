#include "InventoryDiff.h"

#include "core/VarCodec.h"

#include <QSet>
#include <algorithm>

namespace {

using VarChange = InventoryDiff::VarChange;
using Entry = InventoryDiff::Entry;

// Typed comparison: 1 and 1.0 differ (Ansible prints them differently), so compare the storage form.
bool sameValue(const QVariant& a, const QVariant& b)
{
    return VarCodec::toStorageJson(a) == VarCodec::toStorageJson(b);
}

void diffLayer(const QVariantMap& before, const QVariantMap& after, bool fileLayer, QList<VarChange>& out)
{
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto old = before.constFind(it.key());
        if (old == before.cend()) {
            out.append({ VarChange::Kind::Added, fileLayer, it.key(), {}, it.value() });
        } else if (!sameValue(*old, it.value())) {
            out.append({ VarChange::Kind::Changed, fileLayer, it.key(), *old, it.value() });
        }
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key())) {
            out.append({ VarChange::Kind::Removed, fileLayer, it.key(), it.value(), {} });
        }
    }
}

void diffList(const QStringList& before, const QStringList& after, QStringList& added, QStringList& removed)
{
    const QSet<QString> b(before.cbegin(), before.cend());
    const QSet<QString> a(after.cbegin(), after.cend());
    for (const QString& s : after) {
        if (!b.contains(s)) {
            added.append(s);
        }
    }
    for (const QString& s : before) {
        if (!a.contains(s)) {
            removed.append(s);
        }
    }
}

bool hasChanges(const Entry& e)
{
    return e.state != Entry::State::Changed || !e.vars.isEmpty() || !e.hostsAdded.isEmpty() || !e.hostsRemoved.isEmpty()
        || !e.childrenAdded.isEmpty() || !e.childrenRemoved.isEmpty() || !e.other.isEmpty();
}

Entry groupEntry(const Group* before, const Group* after)
{
    Entry e;
    e.kind = Entry::Kind::Group;
    e.name = after ? after->name : before->name;
    e.state = !before ? Entry::State::Added : !after ? Entry::State::Removed : Entry::State::Changed;
    const Group empty;
    const Group& b = before ? *before : empty;
    const Group& a = after ? *after : empty;
    diffLayer(b.inventoryVars(), a.inventoryVars(), false, e.vars);
    diffLayer(b.fileVars, a.fileVars, true, e.vars);
    diffList(b.children, a.children, e.childrenAdded, e.childrenRemoved);
    // A dynamic group's members follow its rule: they are not something an import adds or removes.
    if (!a.isDynamic() && !b.isDynamic()) {
        diffList(b.hosts, a.hosts, e.hostsAdded, e.hostsRemoved);
    }
    if (before && after) {
        if (b.kind != a.kind) {
            e.other.append(QStringLiteral("kind: %1 → %2").arg(Group::kindName(b.kind), Group::kindName(a.kind)));
        }
        if (b.rule != a.rule) {
            e.other.append(QStringLiteral("rule: %1 → %2")
                               .arg(b.rule.isEmpty() ? QStringLiteral("(static)") : b.rule,
                                   a.rule.isEmpty() ? QStringLiteral("(static)") : a.rule));
        }
    }
    return e;
}

Entry hostEntry(const Host* before, const Host* after)
{
    Entry e;
    e.kind = Entry::Kind::Host;
    e.name = after ? after->name : before->name;
    e.state = !before ? Entry::State::Added : !after ? Entry::State::Removed : Entry::State::Changed;
    diffLayer(before ? before->inventoryVars() : QVariantMap(), after ? after->inventoryVars() : QVariantMap(), false,
        e.vars);
    diffLayer(before ? before->fileVars : QVariantMap(), after ? after->fileVars : QVariantMap(), true, e.vars);
    return e;
}

QString plural(int n, const char* one, const char* many)
{
    return QString::number(n) + QLatin1Char(' ') + QLatin1String(n == 1 ? one : many);
}

} // namespace

QString InventoryDiff::valueText(const QVariant& value, int max)
{
    const QString s = QString::fromUtf8(VarCodec::toJson(value, -1, VarCodec::Ascii::Keep));
    return s.size() > max ? s.left(max) + QStringLiteral("…") : s;
}

int InventoryDiff::Entry::count(VarChange::Kind k) const
{
    return int(std::count_if(vars.cbegin(), vars.cend(), [k](const VarChange& c) { return c.kind == k; }));
}

InventoryDiff InventoryDiff::compute(const Inventory& before, const Inventory& after)
{
    InventoryDiff d;
    for (const Group& g : after.groups()) {
        const Entry e = groupEntry(before.group(g.name), &g);
        if (hasChanges(e)) {
            d.m_entries.append(e);
        }
    }
    for (const Group& g : before.groups()) {
        if (!after.group(g.name)) {
            d.m_entries.append(groupEntry(&g, nullptr));
        }
    }
    for (const Host& h : after.hosts()) {
        const Entry e = hostEntry(before.host(h.name), &h);
        if (hasChanges(e)) {
            d.m_entries.append(e);
        }
    }
    for (const Host& h : before.hosts()) {
        if (!after.host(h.name)) {
            d.m_entries.append(hostEntry(&h, nullptr));
        }
    }
    return d;
}

int InventoryDiff::groups(Entry::State s) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
        [s](const Entry& e) { return e.kind == Entry::Kind::Group && e.state == s; }));
}

int InventoryDiff::hosts(Entry::State s) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
        [s](const Entry& e) { return e.kind == Entry::Kind::Host && e.state == s; }));
}

int InventoryDiff::vars(VarChange::Kind k) const
{
    int n = 0;
    for (const Entry& e : m_entries) {
        if (e.state != Entry::State::Removed) {
            n += e.count(k);
        }
    }
    return n;
}

QString InventoryDiff::summaryLine() const
{
    if (m_entries.isEmpty()) {
        return QStringLiteral("no changes");
    }
    QStringList parts;
    const auto counted = [&](const char* what, Entry::State s) {
        QStringList items;
        if (const int g = groups(s); g > 0) {
            items.append(plural(g, "group", "groups"));
        }
        if (const int h = hosts(s); h > 0) {
            items.append(plural(h, "host", "hosts"));
        }
        if (!items.isEmpty()) {
            parts.append(QLatin1String(what) + QStringLiteral(": ") + items.join(QStringLiteral(", ")));
        }
    };
    counted("added", Entry::State::Added);
    counted("changed", Entry::State::Changed);
    counted("removed", Entry::State::Removed);
    parts.append(QStringLiteral("variables: %1 added, %2 changed, %3 removed")
                     .arg(vars(VarChange::Kind::Added))
                     .arg(vars(VarChange::Kind::Changed))
                     .arg(vars(VarChange::Kind::Removed)));
    return parts.join(QStringLiteral("; "));
}

QString InventoryDiff::toText() const
{
    QString out;
    for (const Entry& e : m_entries) {
        const QString state = e.state == Entry::State::Added ? QStringLiteral("new")
            : e.state == Entry::State::Removed               ? QStringLiteral("removed")
                                                             : QStringLiteral("changed");
        out += (e.kind == Entry::Kind::Group ? QStringLiteral("group ") : QStringLiteral("host ")) + e.name
            + QStringLiteral(" (") + state + QStringLiteral(")\n");
        if (e.state == Entry::State::Removed) {
            continue; // everything in it goes: listing its variables one by one says nothing more
        }
        const QString fileLayer = e.kind == Entry::Kind::Group
            ? QStringLiteral("group_vars/") + e.name + QLatin1Char(' ')
            : QStringLiteral("host_vars/") + e.name + QLatin1Char(' ');
        for (const VarChange& c : e.vars) {
            const QString where = c.fileLayer ? fileLayer : QString();
            switch (c.kind) {
            case VarChange::Kind::Added:
                out += QStringLiteral("  + ") + where + c.key + QStringLiteral(": ") + valueText(c.after) + u'\n';
                break;
            case VarChange::Kind::Changed:
                out += QStringLiteral("  ~ ") + where + c.key + QStringLiteral(": ") + valueText(c.before)
                    + QStringLiteral(" → ") + valueText(c.after) + u'\n';
                break;
            case VarChange::Kind::Removed:
                out += QStringLiteral("  - ") + where + c.key + QStringLiteral(": ") + valueText(c.before) + u'\n';
                break;
            }
        }
        for (const QString& h : e.hostsAdded) {
            out += QStringLiteral("  + member host ") + h + u'\n';
        }
        for (const QString& h : e.hostsRemoved) {
            out += QStringLiteral("  - member host ") + h + u'\n';
        }
        for (const QString& c : e.childrenAdded) {
            out += QStringLiteral("  + child group ") + c + u'\n';
        }
        for (const QString& c : e.childrenRemoved) {
            out += QStringLiteral("  - child group ") + c + u'\n';
        }
        for (const QString& o : e.other) {
            out += QStringLiteral("  ~ ") + o + u'\n';
        }
    }
    return out;
}
