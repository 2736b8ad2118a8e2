#include "workflows/WorkflowStore.h"

#include "core/TextDiff.h"
#include "store/Workspace.h"
#include "workflows/WorkflowYaml.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

VersionedTable::Spec workflowTableSpec()
{
    return { QStringLiteral("workflows"), QStringLiteral("workflow_versions"), QStringLiteral("workflow_id"),
        QStringLiteral("workflow"), { QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("yaml") } };
}

Result<StoredWorkflow> fromRow(const VersionedTable::Row& row, const QString& path)
{
    const QString yaml = row.values.value(2).toString();
    auto w = WorkflowYaml::load(yaml, QStringLiteral("%1 (workflow '%2' v%3)").arg(path, row.name()).arg(row.version));
    if (!w) {
        return w.error();
    }
    return StoredWorkflow { row.id, row.version, row.createdAt, row.updatedAt, row.author, yaml, *w };
}

} // namespace

WorkflowStore::WorkflowStore(Workspace& workspace)
    : m_workspace(workspace)
    , m_table(workspace, workflowTableSpec())
{
}

Result<QList<StoredWorkflow>> WorkflowStore::loadAll() const
{
    auto rows = m_table.loadAll();
    if (!rows) {
        return rows.error();
    }
    QList<StoredWorkflow> out;
    for (const VersionedTable::Row& row : *rows) {
        auto w = fromRow(row, m_workspace.path());
        if (!w) {
            return w.error();
        }
        out.append(*w);
    }
    return out;
}

Result<std::optional<StoredWorkflow>> WorkflowStore::findByName(const QString& name) const
{
    auto id = m_table.idOfName(name);
    if (!id) {
        return id.error();
    }
    if (!*id) {
        return std::optional<StoredWorkflow>();
    }
    auto row = m_table.load(**id);
    if (!row) {
        return row.error();
    }
    auto w = fromRow(*row, m_workspace.path());
    if (!w) {
        return w.error();
    }
    return std::optional<StoredWorkflow>(*w);
}

Result<qint64> WorkflowStore::idOf(const QString& name) const
{
    auto id = m_table.idOfName(name);
    if (!id) {
        return id.error();
    }
    if (!*id) {
        return Error(QStringLiteral("no workflow '%1' in the workspace").arg(name), { m_workspace.path() });
    }
    return **id;
}

Result<StoredWorkflow> WorkflowStore::save(const Workflow& workflow, const QString& message, bool* created)
{
    if (created) {
        *created = false;
    }
    if (const QString problem = Workflow::nameProblem(workflow.name); !problem.isEmpty()) {
        return Error(problem, { m_workspace.path() });
    }
    auto existing = findByName(workflow.name);
    if (!existing) {
        return existing.error();
    }
    const QString yaml = WorkflowYaml::save(workflow);
    if (*existing && (*existing)->yaml == yaml) {
        return **existing;
    }
    VersionedTable::Row row;
    if (*existing) {
        row = { (*existing)->id, (*existing)->version, (*existing)->createdAt, (*existing)->updatedAt,
            (*existing)->author, {} };
    }
    row.values = { workflow.name, workflow.description, yaml };
    const QString why = !message.isEmpty() ? message : *existing ? QString() : QStringLiteral("created");
    Result<void> r = m_workspace.inTransaction([&]() { return m_table.writeVersion(row, why); });
    if (!r) {
        return r.error();
    }
    if (created) {
        *created = true;
    }
    return StoredWorkflow { row.id, row.version, row.createdAt, row.updatedAt, row.author, yaml, workflow };
}

Result<QList<WorkflowVersion>> WorkflowStore::versions(const QString& name) const
{
    auto id = idOf(name);
    if (!id) {
        return id.error();
    }
    auto rows = m_table.versions(*id);
    if (!rows) {
        return rows.error();
    }
    QList<WorkflowVersion> out;
    for (const VersionedTable::VersionRow& v : *rows) {
        out.append({ v.version, v.createdAt, v.author, v.message, v.values.value(2).toString() });
    }
    return out;
}

Result<WorkflowVersion> WorkflowStore::version(const QString& name, int version) const
{
    auto all = versions(name);
    if (!all) {
        return all.error();
    }
    for (const WorkflowVersion& v : *all) {
        if (v.version == version) {
            return v;
        }
    }
    return Error(QStringLiteral("workflow '%1' has no version %2 (it has 1 to %3)")
                     .arg(name)
                     .arg(version)
                     .arg(all->isEmpty() ? 0 : all->constLast().version),
        { m_workspace.path() });
}

Result<QString> WorkflowStore::diff(const QString& name, int from, int to) const
{
    auto a = version(name, from);
    if (!a) {
        return a.error();
    }
    auto b = version(name, to);
    if (!b) {
        return b.error();
    }
    return TextDiff::unified(
        a->yaml, b->yaml, QStringLiteral("%1 v%2").arg(name).arg(from), QStringLiteral("%1 v%2").arg(name).arg(to));
}

Result<StoredWorkflow> WorkflowStore::restore(const QString& name, int version, const QString& message)
{
    auto v = this->version(name, version);
    if (!v) {
        return v.error();
    }
    auto w = WorkflowYaml::load(v->yaml, QStringLiteral("%1 v%2").arg(name).arg(version));
    if (!w) {
        return w.error();
    }
    return save(*w, message.isEmpty() ? QStringLiteral("restored version %1").arg(version) : message);
}

Result<void> WorkflowStore::remove(const QString& name)
{
    auto id = idOf(name);
    if (!id) {
        return id.error();
    }
    // workflow_versions go with it (ON DELETE CASCADE; the workspace turns foreign keys on).
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("DELETE FROM workflows WHERE id = ?"));
    q.addBindValue(*id);
    if (!q.exec()) {
        return Error(
            QStringLiteral("cannot delete workflow '%1': %2").arg(name, q.lastError().text()), { m_workspace.path() });
    }
    return {};
}
