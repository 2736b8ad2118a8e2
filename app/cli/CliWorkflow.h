#pragma once

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli workflow import|export|list|show|validate|versions|diff …` (docs/workflows.md "CLI"). `args` are
// the words after `workflow`. Returns the exit status: 0 success, 1 failure (for `validate` and `import`: the
// workflow has problems), 2 usage error.
int runWorkflowCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
