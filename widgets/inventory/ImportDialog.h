#pragma once

#include "inventory/InventoryImport.h"

#include <QDialog>
#include <QFutureWatcher>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTreeWidget;
class QTreeWidgetItem;
class MessageBar;

// Imports an Ansible inventory (a file, or a directory with group_vars/ and host_vars/) into the workspace, in two
// steps. First it reads the file and works out, against the workspace's inventory, what would change — merging
// as Ansible merges a second inventory source (nothing removed) or, when chosen, replacing — and shows it per
// group and host. Only when the operator applies that is anything written. Both steps run in a worker with their
// own workspace connection (a Workspace belongs to the thread that opened it), with a progress bar and cancel.
// Errors ("file:line: message") are shown inline and nothing changes: the save is one transaction, and it is
// refused when the workspace's inventory changed since the preview.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    struct Outcome {
        enum class Step { Preview, Save };
        Step step = Step::Preview;
        bool ok = false;
        bool cancelled = false;
        QString error;
        std::shared_ptr<const InventoryImportPlan> plan;
        std::shared_ptr<const Inventory> parsed; // kept between the steps: switching the mode does not read again
    };

    ImportDialog(const QString& workspacePath, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setPath(const QString& path);
    QString path() const;
    void setMode(InventoryImportPlan::Mode mode);
    InventoryImportPlan::Mode mode() const;
    // Reads path() and shows what importing it would change (what the Preview button does).
    void startImport();
    // Writes the previewed import (what the Import button does once the changes are shown).
    void apply();
    bool isRunning() const { return m_watcher.isRunning(); }
    // The changes of the current preview are shown and can be applied.
    bool isReviewing() const { return m_plan != nullptr; }
    const InventoryImportPlan* plan() const { return m_plan.get(); }
    MessageBar* messageBar() const { return m_message; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* summaryLabel() const { return m_summary; }
    QTreeWidget* changesView() const { return m_changes; }
    QPushButton* importButton() const { return m_importButton; }

    // Cancels a running step (a save is rolled back), or closes the dialog.
    void reject() override;

signals:
    // The workspace now holds plan.after; plan.before is what it held (for an undo step).
    void imported(std::shared_ptr<const InventoryImportPlan> plan);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void finished();
    void setRunning(bool running);
    void showPlan();
    void clearPlan();
    void fillEntry(QTreeWidgetItem* item);
    void updateButton();

    QString m_workspacePath;
    QLabel* m_intro = nullptr;
    QLineEdit* m_path = nullptr;
    QPushButton* m_fileButton = nullptr;
    QPushButton* m_dirButton = nullptr;
    QRadioButton* m_merge = nullptr;
    QRadioButton* m_replace = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_phase = nullptr;
    MessageBar* m_message = nullptr;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_changes = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_importButton = nullptr;
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<const InventoryImportPlan> m_plan;
    std::shared_ptr<const Inventory> m_parsed;
    QString m_parsedPath;
};
