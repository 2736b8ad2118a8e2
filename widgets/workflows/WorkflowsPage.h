#pragma once

#include <QWidget>
#include <memory>

class Inventory;
class QLabel;
class QListWidget;
class QPushButton;
class QTreeWidget;
class WorkflowEditor;
class Workspace;

// The Workflows page: the workspace's workflows (name, steps, version) on the left, the builder (WorkflowEditor) for
// the selected one on the right. Saving writes a new version (WorkflowStore); leaving a workflow with unsaved edits
// asks first (save, discard or stay). Problems are checked against the workspace's scripts, templates and
// workflows, each naming the node and field.
class WorkflowsPage : public QWidget {
    Q_OBJECT

public:
    explicit WorkflowsPage(Workspace* workspace, QWidget* parent = nullptr);
    ~WorkflowsPage() override;

    void reload();
    // A new workflow (named "New workflow", "New workflow 2" …) in the editor, not saved until Ctrl+S.
    void newWorkflow();
    // Saves the edited workflow as a new version; false (with the reason shown) when it cannot be saved.
    bool save();
    // Whether the page may be left (asks about unsaved edits).
    bool maySwitchAway();
    QListWidget* list() const { return m_list; }
    QTreeWidget* problems() const;
    WorkflowEditor* editor() const { return m_editor; }
    QLabel* status() const { return m_status; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void showCurrent();
    void retranslate();
    void refreshLookup();

    Workspace* m_workspace;
    QListWidget* m_list;
    QPushButton* m_new;
    WorkflowEditor* m_editor;
    QLabel* m_status;
    QLabel* m_hint;
    QString m_shown; // the stored name of the workflow in the editor (empty: a new one)
    int m_shownRow = -1;
    bool m_switching = false;
    std::unique_ptr<Inventory> m_inventory;
};
