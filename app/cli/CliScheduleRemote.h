#pragma once

#include "CliServer.h"

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli --server URL --token-file F schedule add|list|show|rm|pause|resume` (docs/schedules.md "API and
// CLI"): the server's schedules over /api/v1/schedules. `add` makes a script job (a command after `--` or a script
// file, on the hosts --hosts selects when it is added) or a workflow run (by name, with --param K=V and --hosts) run
// by a cron expression or once at a date and time, in a zone. A schedule is named by its name or its id. Exit 0, 1
// (the server refused: its message names the field) or 2 (wrong usage, no --server).
int runScheduleServerCommand(const QStringList& args, const CliServer& server, QTextStream& out, QTextStream& err);
// The subcommands above (`schedule next` is not one: it needs no server).
bool isScheduleServerCommand(const QString& subcommand);
