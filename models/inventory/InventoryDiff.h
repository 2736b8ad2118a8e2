#pragma once

#include "inventory/Inventory.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

// What changes between two states of an inventory, per group and per host: what an import shows before it writes
// anything (`opsdeck-cli inventory import --dry-run`, the import dialog). Variables are compared per layer as the
// precedence sees them: the inventory layer (with the connection fields and OpsDeck attributes under their
// variable names, and ansible_group_priority) and the group_vars/ or host_vars/ file layer.
class InventoryDiff {
public:
    struct VarChange {
        enum class Kind { Added, Changed, Removed };
        Kind kind = Kind::Added;
        bool fileLayer = false; // group_vars/ or host_vars/ rather than the inventory itself
        QString key;
        QVariant before; // invalid when added
        QVariant after; // invalid when removed
    };

    struct Entry {
        enum class Kind { Group, Host };
        enum class State { Added, Removed, Changed };
        Kind kind = Kind::Group;
        State state = State::Changed;
        QString name;
        QList<VarChange> vars;
        // A group's direct hosts and child groups that were added or removed; for a host, nothing.
        QStringList hostsAdded, hostsRemoved, childrenAdded, childrenRemoved;
        // Other changes of a group, as "kind: custom → idc", "rule: … → …".
        QStringList other;
        int count(VarChange::Kind k) const;
    };

    static InventoryDiff compute(const Inventory& before, const Inventory& after);

    // Groups first (in the order of `after`, removed ones last), then hosts, each only when something differs.
    const QList<Entry>& entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }

    int groups(Entry::State s) const;
    int hosts(Entry::State s) const;
    // Over all entries (removed entries' variables are not counted as removed variables).
    int vars(VarChange::Kind k) const;

    // One line: "added: 2 groups, 5 hosts; changed: 1 group; variables: 4 added, 1 changed, 0 removed".
    QString summaryLine() const;
    // A value as one line of JSON (Python's form, UTF-8 kept), shortened past `max` characters.
    static QString valueText(const QVariant& value, int max = 200);
    // The whole diff as text, one entry per block (what the CLI prints; English, like the CLI).
    QString toText() const;

private:
    QList<Entry> m_entries;
};
