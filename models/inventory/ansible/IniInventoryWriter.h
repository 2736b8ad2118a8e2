#pragma once

#include "inventory/Inventory.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

// An inventory as one INI file that the ini plugin reads back to the same groups, memberships and variables
// (what INI cannot carry is dealt with by ExportPreparation first).
namespace IniInventoryWriter {

// The file. Starts with "[ungrouped]" so that the yaml plugin never takes it for YAML.
QByteArray write(const Inventory& inv);
// A value written so that the ini plugin reads it back as the same value (in a :vars section when
// `inlineHostVar` is false, as a host line token otherwise).
QString value(const QVariant& value, bool inlineHostVar);
// Whether a group variable's name can be written as KEY=VALUE in a :vars section.
bool varKeyOk(const QString& key);

} // namespace IniInventoryWriter
