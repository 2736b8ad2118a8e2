#pragma once

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli facts gather|show|list` (docs/facts.md, docs/cli.md): gather the facts of the hosts matching a query
// over SSH — one job through the direct-SSH backend, the gather script on each host — and store them in the
// workspace (FactStore); show a host's facts as text or JSON; list the hosts with facts. Returns the exit status.
int runFactsCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
