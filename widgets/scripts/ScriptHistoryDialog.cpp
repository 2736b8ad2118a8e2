#include "ScriptHistoryDialog.h"

#include "DiffView.h"
#include "scripts/ScriptStore.h"

ScriptHistoryDialog::ScriptHistoryDialog(ScriptStore* store, qint64 scriptId, QWidget* parent)
    : VersionHistoryDialog(parent)
    , m_store(store)
    , m_id(scriptId)
{
    setObjectName(QStringLiteral("scriptHistoryDialog"));
    load();
}

Result<QList<VersionHistoryDialog::Entry>> ScriptHistoryDialog::readVersions()
{
    auto versions = m_store->versions(m_id);
    if (!versions) {
        return versions.error();
    }
    m_scriptVersions = *versions;
    QList<Entry> entries;
    for (const ScriptVersion& v : std::as_const(*versions)) {
        entries.append({ v.version, v.createdAt, v.author, v.message, v.script.name, v.script.content });
    }
    return entries;
}

Result<void> ScriptHistoryDialog::restoreVersion(int version)
{
    auto saved = m_store->restore(m_id, version);
    if (!saved) {
        return saved.error();
    }
    emit restored(*saved);
    return {};
}

void ScriptHistoryDialog::showDiff(
    const Entry& older, const Entry& newer, const QString& olderTitle, const QString& newerTitle)
{
    const ScriptLanguage language = m_scriptVersions.value(newer.version - 1).script.language;
    diffView()->setTexts(older.content, newer.content, language, olderTitle, newerTitle);
}
