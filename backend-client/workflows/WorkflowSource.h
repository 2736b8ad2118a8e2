#pragma once

#include "core/Result.h"
#include "workflows/WorkflowStore.h"

#include <QList>
#include <QString>
#include <optional>

class Workspace;

// One workflow as a list shows it.
struct WorkflowEntry {
    QString name;
    int version = 0;
    int nodeCount = 0;
    QString description;
};

// What saving gave: the version now current, and whether a version was written (an unchanged save writes none).
struct WorkflowSaved {
    int version = 0;
    bool changed = false;
};

// Where the Workflows page lists, opens and saves workflows: the open workspace (LocalWorkflowSource, the
// WorkflowStore) or a control server (RemoteWorkflowSource, its /api/v1/workflows routes). Errors say why.
class WorkflowSource {
public:
    virtual ~WorkflowSource() = default;
    // Every workflow at its current version, by name.
    virtual Result<QList<WorkflowEntry>> list() = 0;
    // The current version of one workflow, or nullopt when there is none of that name.
    virtual Result<std::optional<StoredWorkflow>> find(const QString& name) = 0;
    // Saves a new version of `workflow` (by its name). `baseVersion` is the version the edit started from (0: a new
    // workflow); a server refuses the save when its workflow moved on since. `*problems` (when given) receives the
    // problems a server named when it refused an invalid workflow, one a line.
    virtual Result<WorkflowSaved> save(
        const Workflow& workflow, int baseVersion, const QString& message = {}, QStringList* problems = nullptr)
        = 0;
    // Every version, oldest first, each with its YAML.
    virtual Result<QList<WorkflowVersion>> versions(const QString& name) = 0;
    // Saves version `version` as the newest ("restored version N"), based on `baseVersion` (the current one as the
    // caller read it: a server refuses when it moved on).
    virtual Result<WorkflowSaved> restore(const QString& name, int version, int baseVersion) = 0;
    // Whether the workflows are a control server's (the page says where they are).
    virtual bool isRemote() const = 0;
};

// The workflows of a workspace (WorkflowStore); the workspace must outlive the source.
class LocalWorkflowSource : public WorkflowSource {
public:
    explicit LocalWorkflowSource(Workspace& workspace)
        : m_workspace(workspace)
    {
    }
    Result<QList<WorkflowEntry>> list() override;
    Result<std::optional<StoredWorkflow>> find(const QString& name) override;
    Result<WorkflowSaved> save(
        const Workflow& workflow, int baseVersion, const QString& message, QStringList* problems) override;
    Result<QList<WorkflowVersion>> versions(const QString& name) override;
    Result<WorkflowSaved> restore(const QString& name, int version, int baseVersion) override;
    bool isRemote() const override { return false; }

private:
    Workspace& m_workspace;
};
