#pragma once

#include <QString>
#include <QStringList>
#include <QVariantMap>

// A group of hosts. Children nest (a child's hosts are members of the parent). Like hosts, variables come in the
// inventory layer (`vars`, incl. what OpsDeck edits) and the group_vars/ file layer (`fileVars`).
// The kind is an OpsDeck label (IDC, set, custom); priority is Ansible's ansible_group_priority.
// A dynamic group has a `rule` (a Jinja2 expression over `host`, see HostExpression); its `hosts` are then derived
// by the Inventory from the rule and are never edited or stored.
struct Group {
    enum class Kind { Custom, Idc, Set };

    QString name;
    Kind kind = Kind::Custom;
    int priority = 1; // ansible_group_priority (Ansible's default is 1)
    QVariantMap vars;
    QVariantMap fileVars;
    QStringList children; // group names, in inventory order
    QStringList hosts; // direct member host names, in inventory order (a dynamic group: the rule's matches)
    QString rule; // a dynamic group's membership rule; empty for a static group

    bool isDynamic() const { return !rule.isEmpty(); }

    // The group's inventory-layer variables as Ansible sees them (`vars` plus ansible_group_priority when not 1).
    // The kind is not a variable: it travels through Ansible files as an "# opsdeck: kind=…" comment.
    QVariantMap inventoryVars() const;
    // Sets `vars` and the priority from Ansible inventory-layer variables (the kind is left as it is).
    void setInventoryVars(const QVariantMap& all);

    static QString kindName(Kind k);
    static Kind kindFromName(const QString& name, bool* ok = nullptr);

    bool operator==(const Group&) const = default;
};
