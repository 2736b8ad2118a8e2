#pragma once

#include "workflows/WorkflowSource.h"

class RemoteBackend;

// The workflows of the control server `server` is connected to (GET/PUT /api/v1/workflows…): saving is a PUT of
// the YAML based on the version the edit started from (the server refuses it, 409, when its workflow moved on, and
// refuses a workflow that does not validate, listing the problems). The author of a version is the token's name.
// `server` must outlive the source.
class RemoteWorkflowSource : public WorkflowSource {
public:
    explicit RemoteWorkflowSource(RemoteBackend* server)
        : m_server(server)
    {
    }
    Result<QList<WorkflowEntry>> list() override;
    Result<std::optional<StoredWorkflow>> find(const QString& name) override;
    Result<WorkflowSaved> save(
        const Workflow& workflow, int baseVersion, const QString& message, QStringList* problems) override;
    // The list, then each version's YAML (asked for in parallel).
    Result<QList<WorkflowVersion>> versions(const QString& name) override;
    // A PUT of the old version's YAML based on `baseVersion`, with the message "restored version N".
    Result<WorkflowSaved> restore(const QString& name, int version, int baseVersion) override;
    bool isRemote() const override { return true; }

    // The route of a workflow (percent-encoded name), with `rest` after it.
    static QString path(const QString& name, const QString& rest = {});

private:
    Result<WorkflowSaved> put(
        const QString& name, const QString& yaml, int baseVersion, const QString& message, QStringList* problems);

    RemoteBackend* m_server;
};
