#pragma once

#include "common/LibraryPage.h"
#include "scripts/DangerRules.h"
#include "scripts/Script.h"

#include <QHash>
#include <QList>
#include <QWidget>
#include <memory>

class MessageBar;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSplitter;
class QTabWidget;
class QTableView;
class ScriptEditorTab;
class ScriptFilterModel;
class ScriptListModel;
class ScriptStore;
class Workspace;

// The script library and editor page: the library (full-text search, tag list with counts to filter by several
// tags, kind filter, table of scripts; drop files here to import them) beside tabs of open scripts. Saving a
// changed script makes a new version; history shows every version side by side with changes highlighted and
// restores an old one as a new version. Unsaved drafts are kept in the workspace every few seconds so that a
// crash loses nothing; they are offered back on the next start (LibraryPage).
class ScriptsPage : public LibraryPage {
    Q_OBJECT
public:
    explicit ScriptsPage(Workspace* workspace, QWidget* parent = nullptr);
    ~ScriptsPage() override;

    ScriptListModel* model() const { return m_model; }
    ScriptFilterModel* filter() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QListWidget* tagList() const { return m_tagList; }
    QLineEdit* searchField() const { return m_search; }
    ScriptEditorTab* currentTab() const;
    ScriptEditorTab* tabAt(int index) const;
    QList<DangerRule> dangerRules() const { return m_rules; }

    // Re-reads the library from the workspace.
    void reload();
    ScriptEditorTab* openScript(qint64 id);
    ScriptEditorTab* newScript(ScriptLanguage language = ScriptLanguage::Bash);
    // Saves the tab (a new version when something changed). False when refused (message shown).
    bool saveTab(ScriptEditorTab* tab);
    // Imports files (new scripts, or new versions of scripts with the same name). Returns how many.
    int importFiles(const QStringList& paths);
    void exportScript(qint64 id, const QString& path);
    qint64 currentScriptId() const;
    void setTagFilter(const QStringList& tags);
    void showHistory(qint64 id);
    // Renames a tag on every script (asks for the new name) / removes it from every script (asks to confirm).
    void renameTag(const QString& tag);
    void removeTag(const QString& tag);

protected:
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool saveLibraryTab(LibraryTab* tab) override;
    QString newTabToolTip() const override;
    void openCurrent() override;
    LibraryTab* recoverDraft(const QJsonObject& draft, const QString& key) override;
    void tabsChanged() override { updateActions(); }

private:
    void buildUi();
    void createActions();
    void retranslateUi();
    void refreshTags();
    void updateActions();
    void cloneCurrent();
    void importWithDialog();
    void exportCurrent();
    void editDangerRules();
    void loadRules();

    std::unique_ptr<ScriptStore> m_store;
    QList<DangerRule> m_rules;

    QLineEdit* m_search = nullptr;
    QComboBox* m_kind = nullptr;
    QLabel* m_tagsTitle = nullptr;
    QListWidget* m_tagList = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_countLabel = nullptr;
    ScriptListModel* m_model = nullptr;
    ScriptFilterModel* m_filter = nullptr;
    int m_untitledCounter = 0;
};
