#pragma once

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli script add|list|show|tag|versions|diff|check …` (docs/cli.md). `args` are the words after
// `script`; `workspacePath` is the --workspace given (or the default). Returns the exit status: 0 success, 1
// failure (for `check`: a blocking danger rule matched), 2 usage error.
int runScriptCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
