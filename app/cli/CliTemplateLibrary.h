#pragma once

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli template add|list|show|versions|diff …` (docs/cli.md): the template library of the workspace, as
// `script …` is for scripts. `args` are the words after `template`. Returns 0 on success, 1 on failure, 2 on a usage
// error. (`template render` is CliTemplate.)
int runTemplateLibraryCommand(
    const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
