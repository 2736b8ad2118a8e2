#pragma once

#include "Script.h"

#include <QDialog>

class DiffView;
class QLabel;
class QPushButton;
class QTreeWidget;
class ScriptStore;

// Every version of a script (number, time, author, message). Selecting one version compares it with the version
// before it; selecting two compares them; the diff is side by side with changes highlighted. "Restore" saves the
// selected old version as the newest version: nothing is overwritten.
class ScriptHistoryDialog : public QDialog {
    Q_OBJECT
public:
    ScriptHistoryDialog(ScriptStore* store, qint64 scriptId, QWidget* parent = nullptr);

    QTreeWidget* versionList() const { return m_list; }
    DiffView* diffView() const { return m_diff; }
    QPushButton* restoreButton() const { return m_restore; }
    // Selects versions (1-based numbers) as if clicked: one or two.
    void selectVersions(int first, int second = 0);
    // Restores the selected version (what the button does).
    bool restoreSelected();

signals:
    void restored(const Script& script);

private:
    void load();
    void updateDiff();

    ScriptStore* m_store = nullptr;
    qint64 m_id = 0;
    QList<ScriptVersion> m_versions;
    QTreeWidget* m_list = nullptr;
    DiffView* m_diff = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_restore = nullptr;
};
