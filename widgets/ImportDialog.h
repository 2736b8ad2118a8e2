#pragma once

#include <QDialog>
#include <QFutureWatcher>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class MessageBar;

// Imports an Ansible inventory (a file, or a directory with group_vars/ and host_vars/) into the workspace.
// Parsing, merging and saving run in a worker with their own workspace connection (a Workspace belongs to the
// thread that opened it), with a progress bar and cancel. Errors ("file:line: message") are shown inline and
// nothing changes: the save is one transaction.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    struct Outcome {
        bool ok = false;
        bool cancelled = false;
        QString error;
        int hosts = 0;
        int groups = 0;
    };

    ImportDialog(const QString& workspacePath, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setPath(const QString& path);
    QString path() const;
    // Starts the import of path() (what the Import button does).
    void startImport();
    bool isRunning() const { return m_watcher.isRunning(); }
    MessageBar* messageBar() const { return m_message; }
    QProgressBar* progressBar() const { return m_progress; }

    // Cancels a running import (rolled back), or closes the dialog.
    void reject() override;

signals:
    // The workspace now holds the merged inventory.
    void imported(int hosts, int groups);

private:
    void finished();
    void setRunning(bool running);

    QString m_workspacePath;
    QLineEdit* m_path = nullptr;
    QPushButton* m_fileButton = nullptr;
    QPushButton* m_dirButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_phase = nullptr;
    MessageBar* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_importButton = nullptr;
    QFutureWatcher<Outcome> m_watcher;
};
