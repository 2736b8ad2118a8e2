#pragma once

#include "inventory/Inventory.h"

#include <QByteArray>
#include <QVariant>

// An inventory as one YAML file that the yaml plugin reads back to the same groups, memberships and variables,
// and the group_vars/host_vars files of a directory export; scalars and flow collections written so that PyYAML
// (YAML 1.1) reads them back to exactly the value.
namespace YamlInventoryWriter {

QByteArray write(const Inventory& inv);
// A group_vars/ or host_vars/ file holding `vars`.
QByteArray varsFile(const QVariantMap& vars);

} // namespace YamlInventoryWriter
