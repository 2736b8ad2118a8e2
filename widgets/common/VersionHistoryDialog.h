#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QDialog>
#include <QList>

class DiffView;
class QLabel;
class QPushButton;
class QTreeWidget;

// Every version of a library item — a script, a template — (number, time, author, message). Selecting one version
// compares it with the version before it; selecting two compares them; the diff is side by side with changes
// highlighted. "Restore" saves the selected old version as the newest version: nothing is overwritten. Subclasses
// read the versions from their store, restore through it, and pick the diff's syntax.
class VersionHistoryDialog : public QDialog {
    Q_OBJECT
public:
    struct Entry {
        int version = 0;
        QDateTime createdAt;
        QString author;
        QString message;
        QString name;
        QString content;
    };

    QTreeWidget* versionList() const { return m_list; }
    DiffView* diffView() const { return m_diff; }
    QPushButton* restoreButton() const { return m_restore; }
    // Selects versions (1-based numbers) as if clicked: one or two.
    void selectVersions(int first, int second = 0);
    // Restores the selected version (what the button does).
    bool restoreSelected();

protected:
    explicit VersionHistoryDialog(QWidget* parent = nullptr);
    // Fills the list (call at the end of the subclass's constructor, and after a restore).
    void load();

    virtual Result<QList<Entry>> readVersions() = 0;
    virtual Result<void> restoreVersion(int version) = 0;
    virtual void showDiff(const Entry& older, const Entry& newer, const QString& olderTitle, const QString& newerTitle)
        = 0;

private:
    void updateDiff();

    QList<Entry> m_versions;
    QTreeWidget* m_list = nullptr;
    DiffView* m_diff = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_restore = nullptr;
};
