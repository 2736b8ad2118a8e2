#pragma once

#include <QStringList>
#include <QTextStream>

// The command dispatcher of opsdeck-cli. Each command prints its result on stdout and, on failure, one line on
// stderr, returning the process exit code (0 success, 1 failure, 2 usage error). Kept out of main() so that tests
// can run commands in-process as well as through the binary.
namespace Cli {
int run(const QStringList& arguments);
int run(const QStringList& arguments, QTextStream& out, QTextStream& err);
} // namespace Cli
