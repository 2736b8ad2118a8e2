#pragma once

#include <QString>

// Names with a meaning of their own in Ansible's inventory: the two implicit groups and the variables the inventory
// plugins consume.
namespace AnsibleNames {

inline const QString kAll = QStringLiteral("all");
inline const QString kUngrouped = QStringLiteral("ungrouped");
inline const QString kPriority = QStringLiteral("ansible_group_priority");
inline const QString kPort = QStringLiteral("ansible_port");

} // namespace AnsibleNames
