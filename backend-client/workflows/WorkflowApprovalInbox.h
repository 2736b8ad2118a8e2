#pragma once

#include "core/Result.h"
#include "workflows/WorkflowEngine.h"

#include <QList>
#include <QString>

class Workspace;

// How a second process reaches a workflow that runs in another one on the same local workspace
// (`opsdeck-cli workflow approve JOB NODE`): the decision is left as a workspace setting
// `workflows/approvals/JOB/NODE` (JSON: decision, by, comment), and the engine running JOB polls for it while an
// approval waits (WorkflowEngine::Environment::takeApprovals = take()), takes it (removes it) and applies it as if
// decided in-process — refused (and logged) when the person is no approver or a required comment is missing.
// The workspace's SQLite database is shared by the processes; nothing else needs to run.
class WorkflowApprovalInbox {
public:
    explicit WorkflowApprovalInbox(Workspace& workspace)
        : m_workspace(workspace)
    {
    }
    Result<void> post(const QString& jobId, const WorkflowApprovalAnswer& answer);
    QList<WorkflowApprovalAnswer> take(const QString& jobId);
    static QString prefix(const QString& jobId);

private:
    Workspace& m_workspace;
};
