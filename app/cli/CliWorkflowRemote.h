#pragma once

#include "CliServer.h"

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli --server URL --token-file F workflow list|show|import|export|versions|run|approve|status`
// (docs/workflows.md "On the control server"): the same commands and the same output as against a workspace, over
// the server's workflow routes. `run` starts the run on the server and follows its events (and its nodes' jobs)
// over the event stream, printing what a local run prints; exit 0 only when the workflow succeeded, 1 otherwise, 2
// for wrong usage or parameters; Ctrl+C cancels the run on the server. `approve` decides as the token's name.
int runWorkflowServerCommand(const QStringList& args, const CliServer& server, QTextStream& out, QTextStream& err);
