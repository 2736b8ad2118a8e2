#pragma once

#include "common/AsyncTask.h"
#include "inventory/InventoryCommands.h"

#include <QHash>
#include <QList>
#include <QWidget>

class GroupTreeModel;
class HostDetailsPanel;
class HostTableModel;
class MessageBar;
class QAction;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QTreeView;
class QUndoCommand;
class QUndoStack;
class Workspace;

// The inventory browser: the group tree beside the host table with instant search (HostQuery syntax), the
// details of the selected host with resolved variables and provenance, import, and edits with undo. The
// inventory is loaded from the workspace in a worker (its own connection), filtered and sorted in a worker
// (HostTableModel), and edits write through the workspace and update the models in place.
class InventoryPage : public QWidget, private InventoryEditTarget {
    Q_OBJECT
public:
    InventoryPage(Workspace* workspace, QUndoStack* undoStack, QWidget* parent = nullptr);
    ~InventoryPage() override;

    // Every action of the page, with shortcuts and translated text, for the menus and the command palette.
    QList<QAction*> actions() const;
    // Reloads the inventory from the workspace, asynchronously.
    void reload();

    // For tests and the main window.
    const Inventory& currentInventory() const { return m_inventory; }
    bool isLoading() const { return m_loading; }
    QLineEdit* searchEdit() const { return m_search; }
    QTreeView* groupView() const { return m_tree; }
    QTableView* hostView() const { return m_table; }
    GroupTreeModel* groupModel() const { return m_groupModel; }
    HostTableModel* hostModel() const { return m_hostModel; }
    HostDetailsPanel* detailsPanel() const { return m_details; }
    MessageBar* messageBar() const { return m_message; }
    QLabel* emptyLabel() const { return m_empty; }
    QStringList selectedHosts() const;
    QString currentGroup() const;
    QAction* action(const QString& objectName) const;

    // Shows the hosts matching `query` and selects `host` among them (once the inventory has loaded).
    void showHost(const QString& query, const QString& host);

    // Opens the import dialog (non-modal; returns it so tests can drive it).
    class ImportDialog* openImportDialog();
    // Opens the variables editor for the selected host, or for the current group when not one host is selected.
    class VariablesEditor* openVariablesEditor();

signals:
    void statusMessage(const QString& text);
    void hostCountChanged(int total, int shown);
    // The inventory finished (re)loading.
    void loaded();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // InventoryEditTarget
    Workspace* workspace() const override { return m_workspace; }
    Inventory& inventory() override { return m_inventory; }
    void hostsUpdated(const QStringList& names) override;
    void hostsDeleted(const QStringList& names) override;
    void groupsUpdated() override;
    void inventoryReplaced() override;
    void editFailed(const QString& message) override;

    void createActions();
    void updateActions();
    void applySearch();
    void onFilterFinished(int shown, int total);
    void updateEmptyState();
    void updateDetails();
    void rebuildGroupTree();
    void recountGroups();
    void push(QUndoCommand* command);
    void emitCounts();
    bool hasDynamicGroups() const;

    void addHost();
    void editHost();
    void deleteSelected();
    void deleteHosts();
    void deleteGroup();
    void addTag();
    void removeTag();
    void removeFromGroup();
    void newGroup();
    void editGroup();
    void dropHostsOnGroup(const QStringList& hosts, const QString& group);

    Workspace* m_workspace;
    QUndoStack* m_undoStack;
    Inventory m_inventory;
    bool m_loading = false;
    LatestAsync m_load; // the inventory read by a worker
    LatestAsync m_count; // host counts per group

    GroupTreeModel* m_groupModel = nullptr;
    HostTableModel* m_hostModel = nullptr;
    QLineEdit* m_search = nullptr;
    QAction* m_searchError = nullptr;
    QLabel* m_countLabel = nullptr;
    MessageBar* m_message = nullptr;
    bool m_factsWarning = false; // the message bar says the facts could not be read
    QSplitter* m_splitter = nullptr;
    QTreeView* m_tree = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_empty = nullptr;
    HostDetailsPanel* m_details = nullptr;
    QTimer* m_detailsTimer = nullptr;
    QTimer* m_groupsTimer = nullptr;
    bool m_queryError = false;
    QString m_queryErrorText; // where and what, while m_queryError

    // Selection kept across model resets (a new filter result), by host name.
    QStringList m_savedSelection;
    QString m_savedCurrent;

    QList<QAction*> m_actions;
    QHash<QString, QAction*> m_actionByName;
};
