#pragma once

#include "inventory/Inventory.h"
#include "inventory/ansible/AnsibleInventory.h"

#include <QString>
#include <QStringList>
#include <functional>

// What a single exported file cannot carry, and what happens instead:
// - The group_vars/host_vars layers as layers: they are folded into the inventory layer, and wherever that would
//   change a host's resolved value (a group_vars file beats a deeper group's inline vars), the value is pinned on
//   the host. Resolved variables stay identical; provenance is flattened. exportToDirectory() keeps both layers.
// - ansible_group_priority in a group_vars file is an ordinary variable there but would be consumed inline: it is
//   not folded into the group; the pin puts it on the hosts.
// - INI only: variable names containing '=' (dropped, they cannot be written as key=value); group variable names
//   that start with '#', ';' or '[' or have surrounding spaces (pinned on the hosts instead); group names with
//   ':', ']', '#', ';' or whitespace (the group is left out); NaN (written as the string 'nan').
// - Both formats: host names that Ansible would read as a pattern (a '[' range, a trailing ":PORT") are left out.
// The export copy of the inventory: file layers folded into the inventory layer when `fold`, keys the format
// cannot carry dropped; then every host whose resolved variables changed by that gets the differences pinned
// as host variables (host variables are applied last, so this always restores the resolved result).
namespace ExportPreparation {

using FoldPredicate = std::function<bool(const QString& name)>;

Inventory prepare(const Inventory& original, const FoldPredicate& foldGroup, const FoldPredicate& foldHost,
    AnsibleInventory::Format format);
// Groups in creation order without "all" (and "ungrouped" only when it carries something).
QStringList groups(const Inventory& inv);

} // namespace ExportPreparation
