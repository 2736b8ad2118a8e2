#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

// Host patterns as the inventory plugins expand them (parsing/utils/addresses.py parse_address() and
// plugins/inventory/__init__.py expand_hostname_range()): "web[01:03]:2222" -> web01..web03, port 2222.
namespace HostPattern {

// The host names of `pattern`, and its port in *port (0: none).
Result<QStringList> expand(const QString& pattern, int* port = nullptr);
// Whether Ansible reads `name` back as this one host name (no range, no ":PORT", nothing the ini plugin refuses).
bool roundTrips(const QString& name);

} // namespace HostPattern
