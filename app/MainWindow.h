#pragma once

#include "core/Result.h" // QPointer needs the complete types
#include "jobs/JobSpec.h"
#include "jobs/JobsPage.h"
#include "scripts/ScriptsPage.h"
#include "templates/TemplatesPage.h"

#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QMutex>
#include <QPointer>
#include <QStringList>
#include <memory>

struct SshTarget;

class BackendInfo;
class CommandPalette;
class EmptyStatePage;
class InventoryPage;
class DirectBackend;
class SshTransport;
class MessageBar;
class QAction;
class QActionGroup;
class QKeyEvent;
class QLabel;
class QListWidget;
class QMenu;
class QSplitter;
class QStackedWidget;
class QUndoStack;
class JobLauncher;
class LaunchQuestions;
class Workspace;

// The console's main window: a navigation sidebar (Inventory, Scripts, Templates, Workflows, Jobs) beside the
// pages, menus, a status bar (backend, workspace, host counts) and the command palette over every action. It
// owns the open workspace and the undo stack the pages push their edits on, and restores its geometry, splitters
// and current page on the next start.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page { InventoryPageIndex, ScriptsPage, TemplatesPage, WorkflowsPage, JobsPage, PageCount };

    explicit MainWindow(std::unique_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    // "inventory", "scripts", … in page order (command line and settings).
    static QStringList pageNames();

    Workspace* workspace() const { return m_workspace.get(); }
    InventoryPage* inventoryPage() const;
    ::ScriptsPage* scriptsPage() const { return m_scripts; }
    ::TemplatesPage* templatesPage() const { return m_templates; }
    ::JobsPage* jobsPage() const { return m_jobs; }
    DirectBackend* jobBackend() const { return m_jobBackend.get(); }
    SshTransport* sshTransport() const { return m_transport.get(); }
    // Submits a job (what Run on Hosts… does after its dialog): each target is reached at the inventory's
    // address, port, user and ansible_ssh_private_key_file; the Jobs page then shows the job live.
    // Submits a job to the backend (the run dialog's, or one built by tests). Encrypted keys of its hosts are
    // asked for first (Dialogs::getSecret); cancelling one does not start the job.
    Result<QString> submitJob(const JobSpec& spec);
    QUndoStack* undoStack() const { return m_undoStack; }
    BackendInfo* backendInfo() const { return m_backend; }
    CommandPalette* commandPalette() const { return m_palette; }
    MessageBar* messageBar() const { return m_messageBar; }
    QStackedWidget* pages() const { return m_stack; }
    int currentPage() const;
    void setCurrentPage(int page);

    // Every action the palette offers, with its palette label, in menu order.
    QList<QPair<QAction*, QString>> paletteActions() const;

    // Replaces the open workspace (File › Open): the inventory page is rebuilt and the undo history cleared,
    // because its commands refer to the old workspace.
    void setWorkspace(std::unique_ptr<Workspace> workspace);

    void saveLayout() const;
    void restoreLayout();

public slots:
    void showCommandPalette();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void createInventoryPage();
    void createScriptsPage();
    void createTemplatesPage();
    void createJobsPage();
    // Asks for the passphrase of each encrypted key the targets use that is not known yet (three tries each).
    void runOnHosts();
    // The shown page's action for a key pressed while the focus is outside that page (the sidebar, the status
    // bar, nothing), or nullptr.
    QAction* pageShortcutOutsidePage(QObject* watched, const QKeyEvent* key) const;
    void retranslateUi();
    void retranslateUndoRedo();
    void applyTheme();
    void updateWorkspaceLabel();
    void updateHostCount();
    void openWorkspace(bool create);
    void setLanguage(const QString& language);
    void setThemeMode(int mode);

    std::unique_ptr<Workspace> m_workspace;
    QUndoStack* m_undoStack = nullptr;
    BackendInfo* m_backend = nullptr;

    QSplitter* m_splitter = nullptr;
    QWidget* m_sidebar = nullptr;
    QLabel* m_sidebarTitle = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    MessageBar* m_messageBar = nullptr;
    QPointer<InventoryPage> m_inventory;
    QPointer<::ScriptsPage> m_scripts;
    QPointer<::TemplatesPage> m_templates;
    QPointer<::JobsPage> m_jobs;
    std::unique_ptr<SshTransport> m_transport; // before the backend: the backend uses it
    // Works out each job's targets and asks what only the operator knows (key passphrases) before it starts.
    std::unique_ptr<LaunchQuestions> m_launchQuestions;
    std::unique_ptr<JobLauncher> m_launcher; // before the backend: the backend uses it
    std::unique_ptr<DirectBackend> m_jobBackend;
    QList<EmptyStatePage*> m_emptyPages;
    CommandPalette* m_palette = nullptr;

    QLabel* m_backendLabel = nullptr;
    QLabel* m_workspaceLabel = nullptr;
    QLabel* m_hostsLabel = nullptr;
    int m_hostsTotal = -1;
    int m_hostsShown = -1;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_themeMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_goMenu = nullptr;
    QMenu* m_inventoryMenu = nullptr;
    QMenu* m_scriptsMenu = nullptr;
    QMenu* m_templatesMenu = nullptr;
    QMenu* m_jobsMenu = nullptr;
    QAction* m_runAction = nullptr;
    QMenu* m_helpMenu = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_paletteAction = nullptr;
    QAction* m_fullScreenAction = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QList<QAction*> m_themeActions; // System, Light, Dark
    QActionGroup* m_languageGroup = nullptr;
    QList<QAction*> m_languageActions; // System, English, Chinese
    QActionGroup* m_goGroup = nullptr;
    QList<QAction*> m_goActions;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
};
