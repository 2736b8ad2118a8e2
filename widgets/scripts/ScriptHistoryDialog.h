#pragma once

#include "common/VersionHistoryDialog.h"
#include "scripts/Script.h"

class ScriptStore;

// The history of a script (VersionHistoryDialog over the script library), the diff with the script's lexer.
class ScriptHistoryDialog : public VersionHistoryDialog {
    Q_OBJECT
public:
    ScriptHistoryDialog(ScriptStore* store, qint64 scriptId, QWidget* parent = nullptr);

signals:
    void restored(const Script& script);

protected:
    Result<QList<Entry>> readVersions() override;
    Result<void> restoreVersion(int version) override;
    void showDiff(
        const Entry& older, const Entry& newer, const QString& olderTitle, const QString& newerTitle) override;

private:
    ScriptStore* m_store = nullptr;
    qint64 m_id = 0;
    QList<ScriptVersion> m_scriptVersions;
};
