#pragma once

#include "core/Result.h"
#include "store/VersionedTable.h"
#include "workflows/Workflow.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

class Workspace;

// A workflow as stored: the current version of one workflow of the workspace.
struct StoredWorkflow {
    qint64 id = 0;
    int version = 0; // 1, 2, 3 …
    QDateTime createdAt; // UTC, of version 1
    QDateTime updatedAt; // UTC, of the current version
    QString author; // of the current version
    QString yaml; // the YAML form, exactly as saved
    Workflow workflow;
};

// One saved version of a workflow: when, who, why, and its YAML in full.
struct WorkflowVersion {
    int version = 0;
    QDateTime createdAt;
    QString author;
    QString message;
    QString yaml;
};

// The workflows of a workspace (tables workflows, workflow_versions; docs/workflows.md "Versions"), versioned as
// the script library is: every save of a changed workflow appends a version, nothing is overwritten, restoring an
// old version saves it as the newest. A workflow is stored as its YAML form (WorkflowYaml::save), so that a diff
// of two versions is a diff of two texts. Workflows are found by name.
class WorkflowStore {
public:
    explicit WorkflowStore(Workspace& workspace);

    // Every workflow at its current version, sorted by name.
    Result<QList<StoredWorkflow>> loadAll() const;
    Result<std::optional<StoredWorkflow>> findByName(const QString& name) const;
    // Saves by name: version 1 of a new workflow, or a new version when its YAML changed (else the stored one,
    // unchanged). `*created` says whether a version was written.
    Result<StoredWorkflow> save(const Workflow& workflow, const QString& message = {}, bool* created = nullptr);
    // Every version, oldest first.
    Result<QList<WorkflowVersion>> versions(const QString& name) const;
    Result<WorkflowVersion> version(const QString& name, int version) const;
    // The unified diff (core/TextDiff) of two versions' YAML, labelled "NAME vN"; empty when equal.
    Result<QString> diff(const QString& name, int from, int to) const;
    // Saves version `version` as the newest.
    Result<StoredWorkflow> restore(const QString& name, int version, const QString& message = {});
    // Deletes the workflow and every version of it (the control server's DELETE); an error when there is none.
    Result<void> remove(const QString& name);

    // Records `author` with new versions (the control server names the token); empty: the OS login name.
    void setAuthor(const QString& author) { m_table.setAuthor(author); }

private:
    Result<qint64> idOf(const QString& name) const;

    Workspace& m_workspace;
    VersionedTable m_table;
};
