#include "workflows/WorkflowSource.h"

Result<QList<WorkflowEntry>> LocalWorkflowSource::list()
{
    auto all = WorkflowStore(m_workspace).loadAll();
    if (!all) {
        return all.error();
    }
    QList<WorkflowEntry> out;
    for (const StoredWorkflow& w : *all) {
        out.append({ w.workflow.name, w.version, int(w.workflow.nodes.size()), w.workflow.description });
    }
    return out;
}

Result<std::optional<StoredWorkflow>> LocalWorkflowSource::find(const QString& name)
{
    return WorkflowStore(m_workspace).findByName(name);
}

Result<WorkflowSaved> LocalWorkflowSource::save(const Workflow& workflow, int, const QString& message, QStringList*)
{
    bool created = false;
    auto saved = WorkflowStore(m_workspace).save(workflow, message, &created);
    if (!saved) {
        return saved.error();
    }
    return WorkflowSaved { saved->version, created };
}

Result<QList<WorkflowVersion>> LocalWorkflowSource::versions(const QString& name)
{
    return WorkflowStore(m_workspace).versions(name);
}

Result<WorkflowSaved> LocalWorkflowSource::restore(const QString& name, int version, int)
{
    auto saved = WorkflowStore(m_workspace).restore(name, version);
    if (!saved) {
        return saved.error();
    }
    return WorkflowSaved { saved->version, true };
}
