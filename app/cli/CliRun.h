#pragma once

#include <QStringList>
#include <QTextStream>

class CliServer;

// `opsdeck-cli run`, `push` and `push-template` (docs/cli.md): a job on hosts of the workspace's inventory, run in
// this process over the direct-SSH backend (DirectBackend + SshTransport), or on a control server (`server`, its
// inventory and SSH settings), and streamed as it happens. `args` are
// the words after the command. Returns the exit status: 0 when every host succeeded, 1 otherwise (or on failure,
// or after Ctrl+C, which cancels the job), 2 on a usage error.
int runRunCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);
int runPushCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);
int runPushTemplateCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);
