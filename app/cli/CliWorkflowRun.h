#pragma once

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli workflow run NAME [--param K=V]... [--hosts QUERY] [--what-if [--fail NODE]]` and
// `workflow approve JOB NODE --comment C [--reject]` (docs/workflows.md "CLI", docs/cli.md). `run` runs the
// workflow in this process with the workflow engine over the direct-SSH backend and prints node and host progress;
// exit 0 only when the workflow succeeded, 1 otherwise, 2 on a usage error. `--what-if` prints the preview and
// runs nothing. `approve` decides an approval of a workflow that another process runs on the same workspace
// (WorkflowApprovalInbox) and waits until that process took the decision.
int runWorkflowRunCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
// `workflow status JOB`: a run's state from its stored events (a run whose program died shows interrupted).
int runWorkflowStatusCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
int runWorkflowApproveCommand(
    const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err);
