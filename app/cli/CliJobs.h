#pragma once

#include <QStringList>
#include <QTextStream>

class CliServer;

// `opsdeck-cli jobs list|show|events …` (docs/cli.md): the job history of the workspace, read through the Backend
// interface (the in-process DirectBackend, without a transport), or of a control server (RemoteBackend) when
// `server` is active. `args` are the words after `jobs`. Returns the
// exit status: 0 success, 1 failure (no such job, unreadable store), 2 usage error.
int runJobsCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);
