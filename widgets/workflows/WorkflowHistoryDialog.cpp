#include "WorkflowHistoryDialog.h"

#include "DiffView.h"
#include "workflows/WorkflowSource.h"

WorkflowHistoryDialog::WorkflowHistoryDialog(WorkflowSource* source, const QString& name, QWidget* parent)
    : VersionHistoryDialog(parent)
    , m_source(source)
    , m_name(name)
{
    setObjectName(QStringLiteral("workflowHistoryDialog"));
    load();
}

Result<QList<VersionHistoryDialog::Entry>> WorkflowHistoryDialog::readVersions()
{
    auto versions = m_source->versions(m_name);
    if (!versions) {
        return versions.error();
    }
    QList<Entry> entries;
    for (const WorkflowVersion& v : std::as_const(*versions)) {
        entries.append({ v.version, v.createdAt, v.author, v.message, m_name, v.yaml });
        m_newest = std::max(m_newest, v.version);
    }
    return entries;
}

Result<void> WorkflowHistoryDialog::restoreVersion(int version)
{
    auto saved = m_source->restore(m_name, version, m_newest);
    if (!saved) {
        return saved.error();
    }
    emit restored(version, saved->version);
    return {};
}

void WorkflowHistoryDialog::showDiff(
    const Entry& older, const Entry& newer, const QString& olderTitle, const QString& newerTitle)
{
    diffView()->setTemplateTexts(older.content, newer.content, JinjaSyntax::FileSyntax::Yaml, olderTitle, newerTitle);
}
