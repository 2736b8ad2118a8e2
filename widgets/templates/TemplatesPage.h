#pragma once

#include "common/LibraryPage.h"
#include "inventory/Inventory.h"

#include <memory>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class TemplateEditorTab;
class TemplateListModel;
class TemplateStore;

// The template library and editor page: the library (search over names, destinations, descriptions and content;
// a table of templates) beside tabs of open templates, each with a live preview for a host of the inventory
// (TemplateEditorTab). Saving a changed template makes a new version; history compares versions side by side and
// restores one as a new version; unsaved drafts are kept and offered back after a crash (LibraryPage).
class TemplatesPage : public LibraryPage {
    Q_OBJECT
public:
    explicit TemplatesPage(Workspace* workspace, QWidget* parent = nullptr);
    ~TemplatesPage() override;

    // The inventory the previews render from (a copy: the inventory page may reload its own meanwhile).
    void setInventory(const Inventory& inventory);
    const Inventory& inventory() const { return m_inventory; }

    TemplateListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* searchField() const { return m_search; }
    TemplateEditorTab* currentTab() const;
    TemplateEditorTab* tabAt(int index) const;

    void reload();
    TemplateEditorTab* openTemplate(qint64 id);
    TemplateEditorTab* newTemplate();
    // Saves the tab (a new version when something changed). False when refused (message shown).
    bool saveTab(TemplateEditorTab* tab);
    void showHistory(qint64 id);
    qint64 currentTemplateId() const;

protected:
    void changeEvent(QEvent* event) override;
    bool saveLibraryTab(LibraryTab* tab) override;
    QString newTabToolTip() const override;
    void openCurrent() override;
    LibraryTab* recoverDraft(const QJsonObject& draft, const QString& key) override;
    void tabsChanged() override { updateActions(); }

private:
    // The preview's job variables of a stored template are kept in the workspace's settings: restored when its
    // tab opens, written as they change (and when a new template is first saved).
    void keepJobVariables(TemplateEditorTab* tab);
    void storeJobVariables(TemplateEditorTab* tab);
    static QString jobVariablesKey(qint64 id);
    void buildUi();
    void createActions();
    void retranslateUi();
    void updateActions();

    std::unique_ptr<TemplateStore> m_store;
    Inventory m_inventory;

    QLineEdit* m_search = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_countLabel = nullptr;
    TemplateListModel* m_model = nullptr;
    QSortFilterProxyModel* m_filter = nullptr;
    int m_untitledCounter = 0;
};
