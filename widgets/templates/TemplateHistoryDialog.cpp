#include "TemplateHistoryDialog.h"

#include "DiffView.h"
#include "templates/TemplateStore.h"

TemplateHistoryDialog::TemplateHistoryDialog(TemplateStore* store, qint64 templateId, QWidget* parent)
    : VersionHistoryDialog(parent)
    , m_store(store)
    , m_id(templateId)
{
    setObjectName(QStringLiteral("templateHistoryDialog"));
    load();
}

Result<QList<VersionHistoryDialog::Entry>> TemplateHistoryDialog::readVersions()
{
    auto versions = m_store->versions(m_id);
    if (!versions) {
        return versions.error();
    }
    QList<Entry> entries;
    for (const ConfigTemplateVersion& v : std::as_const(*versions)) {
        entries.append({ v.version, v.createdAt, v.author, v.message, v.snapshot.name, v.snapshot.content });
        m_destination = v.snapshot.destination;
    }
    return entries;
}

Result<void> TemplateHistoryDialog::restoreVersion(int version)
{
    auto saved = m_store->restore(m_id, version);
    if (!saved) {
        return saved.error();
    }
    emit restored(*saved);
    return {};
}

void TemplateHistoryDialog::showDiff(
    const Entry& older, const Entry& newer, const QString& olderTitle, const QString& newerTitle)
{
    diffView()->setTemplateTexts(
        older.content, newer.content, JinjaSyntax::fileSyntaxFor(m_destination), olderTitle, newerTitle);
}
