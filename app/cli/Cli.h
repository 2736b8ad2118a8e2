#pragma once

#include <QStringList>
#include <QTextStream>
#include <QVariantMap>

class Inventory;

// The command dispatcher of opsdeck-cli. Each command prints its result on stdout and, on failure, one line on
// stderr, returning the process exit code (0 success, 1 failure, 2 usage error). Kept out of main() so that tests
// can run commands in-process as well as through the binary.
namespace Cli {
int run(const QStringList& arguments);
int run(const QStringList& arguments, QTextStream& out, QTextStream& err);
// The template context of a host: its resolved variables plus inventory_hostname, inventory_hostname_short and
// group_names, as Ansible's template module sees them.
QVariantMap hostTemplateContext(const Inventory& inventory, const QString& host);
} // namespace Cli
