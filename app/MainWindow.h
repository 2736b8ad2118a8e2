#pragma once

#include "Backend.h"
#include "connect/ServerProfile.h"
#include "core/Result.h" // QPointer needs the complete types
#include "facts/FactsPage.h"
#include "jobs/JobSpec.h"
#include "jobs/JobsPage.h"
#include "scripts/ScriptsPage.h"
#include "templates/TemplatesPage.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMainWindow>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <functional>
#include <memory>

struct SshTarget;

class BackendInfo;
class CommandPalette;
class EmptyStatePage;

class WorkflowsPage;
class InventoryPage;
class DirectBackend;
class HandoverBackend;
class SecretStore;
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
class QTimer;
class QUndoStack;
class JobLauncher;
class LaunchQuestions;
class Workspace;

// The console's main window: a navigation sidebar (Inventory, Scripts, Templates, Workflows, Jobs, Facts) beside the
// pages, menus, a status bar (backend, workspace, host counts) and the command palette over every action. It
// owns the open workspace and the undo stack the pages push their edits on, and restores its geometry, splitters
// and current page on the next start.
class JobNotifications;
class WorkspaceInstance;
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page { InventoryPageIndex, ScriptsPage, TemplatesPage, WorkflowsPage, JobsPage, FactsPageIndex, PageCount };

    explicit MainWindow(std::unique_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    // "inventory", "scripts", … in page order (command line and settings).
    static QStringList pageNames();

    Workspace* workspace() const { return m_workspace.get(); }
    InventoryPage* inventoryPage() const;
    ::ScriptsPage* scriptsPage() const { return m_scripts; }
    ::TemplatesPage* templatesPage() const { return m_templates; }
    ::JobsPage* jobsPage() const { return m_jobs; }
    FactsPage* factsPage() const { return m_facts; }
    // Inventory › Gather Facts: the selected hosts, else the hosts the search shows, on the Facts page.
    void gatherFacts();
    // Inventory › Software / Services: the Facts page on that view, for the inventory's selection or search.
    void showFacts(int tab);
    // What the Jobs page, the run dialog and the job view use: the backend of new work — the server's when
    // connected (unless the operator chose direct SSH for new work), else DirectBackend — or, while jobs still run
    // on the other one, a HandoverBackend over both (those jobs are never moved; they stay in view until they end).
    Backend* jobBackend() const;
    // The backend new work goes to.
    Backend* newWorkBackend() const;
    // The in-process direct-SSH backend of the open workspace (always there with a workspace; it alone asks the
    // launch questions: key passphrases, unknown host keys).
    DirectBackend* directBackend() const { return m_direct.get(); }
    // The server's backend while connected, else null.
    Backend* serverBackend() const { return m_server.get(); }
    // The server connected to (URL and pin file; the token is not kept here).
    ServerProfile serverProfile() const { return m_serverProfile; }

    // How a server's backend is made (ConsoleMain sets the remote backend's; tests a fake). Unset: connecting
    // reports that this console has no remote backend.
    using BackendFactory = std::function<Result<std::unique_ptr<Backend>>(const ServerProfile& profile)>;
    void setBackendFactory(BackendFactory factory) { m_backendFactory = std::move(factory); }
    // Builds the server's backend and sends new work there. Jobs running over direct SSH keep running here and
    // stay in the Jobs page until they end; a previous server's backend is closed (its jobs go on on that server).
    Result<void> connectToServer(const ServerProfile& profile);
    // File › Disconnect: new work goes over direct SSH again; jobs on the server go on there.
    void disconnectFromServer();
    // While connected: where new work goes (the message bar offers these; nothing switches by itself).
    void useDirectForNewWork();
    void useServerForNewWork();
    // File › Connect to Server… (with `url`: a recent server, its token read from the secret store).
    void showConnectDialog(const QString& url = {});
    // File › Publish to Server…: the workspace's new and changed items to the connected server (PublishDialog).
    // `source` (default: the open workspace) is what is published: the message bar passes the server's mirror when
    // an edit made there met a change on the server.
    void showPublishDialog(Workspace* source = nullptr);

    // The server's library. While connected to a control server, the Inventory, Scripts and Templates pages show the
    // server's inventory and libraries: they work on a mirror workspace (one file per server, kept between runs)
    // pulled from the server on connecting and on File › Reload from Server, and every edit made there is saved on
    // the server within a couple of seconds (LibrarySync::publish, based on the versions the mirror last saw: an
    // item another operator changed meanwhile is never overwritten — the message bar offers Publish to Server… to
    // decide). Disconnecting shows this workspace's own again. Null while the pages show the workspace.
    Workspace* serverLibrary() const { return m_mirror.get(); }
    // The workspace the library pages show: the mirror while connected, else the open workspace.
    Workspace* libraryWorkspace() const { return m_mirror ? m_mirror.get() : m_workspace.get(); }
    // Pulls the server's library into the mirror and shows it (errors: the pages keep showing the workspace).
    Result<void> reloadFromServer();
    // Saves the mirror's edits on the server now (what the timer does); the outcome is shown in the message bar.
    void publishServerEdits();
    // Where mirrors are kept (tests point it at a temporary directory).
    void setMirrorDirectory(const QString& dir) { m_mirrorDir = dir; }

    // Where tokens and remembered passphrases are kept (ConsoleMain sets the keychain's, or memory's when no
    // keychain answers; the default is memory).
    void setSecretStore(std::unique_ptr<SecretStore> store);
    SecretStore* secretStore() const { return m_secrets.get(); }
    // The TLS pins' file (TlsPinStore::defaultPath() unless set).
    void setPinFile(const QString& path) { m_pinFile = path; }
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

    // One window per workspace file (WorkspaceInstance): this window answers for the file it has open; another
    // `opsdeck FILE` or File › Open of it elsewhere brings this one forward with `request` ("page", "search",
    // "select" as the command-line options say).
    WorkspaceInstance* workspaceInstance() const { return m_instance; }
    JobNotifications* jobNotifications() const { return m_notifications; }
    void activateFor(const QJsonObject& request);

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
    void rebuildLibraryPages();
    void refillLibraryMenus();
    QString mirrorPath() const;
    void closeServerLibrary();
    qint64 mirrorChanges() const;
    void createMenus();
    void createStatusBar();
    void createInventoryPage();
    void createScriptsPage();
    void createTemplatesPage();
    void createJobsPage();
    void createFactsPage();
    // The hosts the inventory page picks (its selection, else what its search shows, else none: all) and how.
    QStringList inventoryScope(QString* description) const;
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
    // After the backend of new work changed from `before`: hands the jobs `before` still runs over to a
    // HandoverBackend (unless `before` is going away), and points the Jobs page and the status bar at it.
    // The Workflows page shows the workflows of where new work goes: the control server's, or the workspace's
    // (run in this window over the direct backend).
    void placeWorkflows();
    void newWorkChanged(Backend* before, Backend* goingAway);
    QSet<QString> unfinishedJobs(Backend* backend) const;
    void endHandoverIfDone();
    void onServerStateChanged();
    void updateServerStatus();
    void showMessage(const QString& text, int type, const QString& actionText = {}, std::function<void()> action = {});
    void rebuildRecentServers();

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
    QPointer<FactsPage> m_facts;
    WorkspaceInstance* m_instance = nullptr;
    std::unique_ptr<SshTransport> m_transport; // before the backend: the backend uses it
    // Works out each job's targets and asks what only the operator knows (key passphrases) before it starts.
    std::unique_ptr<LaunchQuestions> m_launchQuestions;
    std::unique_ptr<JobLauncher> m_launcher; // before the backend: the backend uses it
    std::unique_ptr<DirectBackend> m_direct;
    std::unique_ptr<Backend> m_server; // the control server's, while connected
    ServerProfile m_serverProfile;
    bool m_newWorkOnServer = false;
    std::unique_ptr<HandoverBackend> m_handover;
    BackendFactory m_backendFactory;
    std::unique_ptr<SecretStore> m_secrets;
    QString m_pinFile;
    std::function<void()> m_messageAction;
    bool m_serverMessageShown = false; // the message bar shows the server's state (hidden when it recovers)
    Backend::ConnectionState m_lastServerState = Backend::ConnectionState::Connected;
    ::WorkflowsPage* m_workflowsPage = nullptr; // the class, not the Page value
    CommandPalette* m_palette = nullptr;

    QLabel* m_backendLabel = nullptr;
    QLabel* m_serverLabel = nullptr;
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
    QAction* m_gatherFactsAction = nullptr;
    QAction* m_softwareAction = nullptr;
    QAction* m_servicesAction = nullptr;
    QMenu* m_helpMenu = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_connectAction = nullptr;
    QAction* m_disconnectAction = nullptr;
    QAction* m_publishAction = nullptr; // File › Publish to Server…
    QAction* m_reloadServerAction = nullptr; // File › Reload from Server
    std::unique_ptr<Workspace> m_mirror; // the server's library while connected (see serverLibrary())
    QString m_mirrorDir;
    QTimer* m_mirrorTimer = nullptr;
    qint64 m_mirrorSaved = -1; // the mirror's change count when last published or pulled
    bool m_publishing = false;
    QMenu* m_recentMenu = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_paletteAction = nullptr;
    QAction* m_fullScreenAction = nullptr;
    QAction* m_notificationsAction = nullptr;
    JobNotifications* m_notifications = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QList<QAction*> m_themeActions; // System, Light, Dark
    QActionGroup* m_languageGroup = nullptr;
    QList<QAction*> m_languageActions; // System, English, Chinese
    QActionGroup* m_goGroup = nullptr;
    QList<QAction*> m_goActions;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
};
