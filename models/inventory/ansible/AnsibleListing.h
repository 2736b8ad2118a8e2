#pragma once

#include "inventory/Inventory.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

// An inventory as `ansible-inventory --list` shows it (cli/inventory.py): the order of a group's children and
// hosts, the implicit "ungrouped", the host variables without Ansible's internal ones, and the JSON itself. The
// writers use the same order so that Ansible reads their files back to the same listing.
namespace AnsibleListing {

// The hosts Ansible lists under "ungrouped": explicit members that have no other group, then every host without
// a group, in inventory order.
QStringList ungroupedHosts(const Inventory& inv);
// A group's child groups as Ansible lists them (for "all": "ungrouped", the explicit children, then the other
// parentless groups in creation order).
QStringList children(const Inventory& inv, const QString& name);
// A group's hosts as Ansible lists them.
QStringList hosts(const Inventory& inv, const QString& name);
// A host's resolved variables as listed in _meta.hostvars.
QVariantMap hostVars(const Inventory& inv, const QString& host);
// Exactly what `ansible-inventory --list` prints (json.dumps sort_keys, indent 4, ensure_ascii=False, trailing
// newline).
QByteArray toJson(const Inventory& inventory);

} // namespace AnsibleListing
