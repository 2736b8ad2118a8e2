#pragma once

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli group add-dynamic|members …` (docs/cli.md). `args` are the words after `group`; `workspacePath` is
// the --workspace given (or the default). Returns the exit status: 0 success, 1 failure, 2 usage error.
int runGroupCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
