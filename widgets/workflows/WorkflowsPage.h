#pragma once

#include "core/Result.h"

#include <QMap>
#include <QWidget>
#include <map>
#include <memory>

class Backend;
class RemoteBackend;
class WorkflowRunHandle;
class WorkflowRunner;
class WorkflowSource;
class EventSink;
class Inventory;
class QToolButton;
class WorkflowRun;
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
//
// Where the workflows are and where they run is a WorkflowSource and a WorkflowRunner: the open workspace and this
// process (setRunBackend) or, while the window is connected to a control server, the server (useServer): its
// workflows listed, opened and saved as its versions, runs started on it and shown live from its event stream,
// approvals and the other decisions sent through its routes.
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
    // Where the workflows are (the workspace's store or the server's routes).
    WorkflowSource* source() const { return m_source.get(); }
    // The shown workflow's versions, compared and restored (WorkflowHistoryDialog); after a restore the restored
    // version is shown.
    void showHistory();
    QPushButton* historyButton() const { return m_historyButton; }
    QTreeWidget* problems() const;

    // Where workflows run: the backend their node jobs are submitted to and the sink that stores the run's own
    // events (the direct backend's writer). Null: running is not offered. Running workflows are stopped when the
    // backend changes (their runs end as interrupted).
    void setRunBackend(Backend* backend, EventSink* sink);
    // The workflows of the control server `server` (null: back to the workspace's, as setRunBackend gives them).
    // Runs of this process are kept going meanwhile, shown again when the workspace's workflows are.
    void useServer(RemoteBackend* server);
    bool isOnServer() const;
    // Shows another workspace (the window opened one); running workflows must have been stopped first.
    void setWorkspace(Workspace* workspace);
    // The workspace whose inventory and library the editor and the run dialog show (target counts, script and
    // template pickers, the preview): the window's mirror of a server's while connected; null: the workspace's.
    // Must outlive the page's use of it (set back before it closes).
    void setLibraryWorkspace(Workspace* library);
    // Asks for parameters and hosts with the what-if preview (WorkflowRunDialog), then starts the shown workflow.
    void showRunDialog();
    // Starts the shown (saved) workflow: the canvas then shows the run live. Errors say why nothing started.
    Result<QString> startRun(const QMap<QString, QString>& params, const QString& hostsQuery = {});
    // The run of the shown workflow (running or finished, until Back to Editing), or null.
    WorkflowRunHandle* shownRun() const;
    int runningCount() const;
    QWidget* runBar() const { return m_runBar; }
    // The shown workflow's past runs (newest first, from the job history): activating one shows it replayed from
    // its stored events — a run the console was closed or killed during shows as interrupted with all it had done.
    QListWidget* runsList() const { return m_runsList; }
    Result<void> showStoredRun(const QString& jobId);
    QLabel* runStatus() const { return m_runStatus; }
    // Decides the waiting approval `node` of the shown run (the Approve…/Reject… buttons ask for the comment).
    Result<void> decide(const QString& node, bool approve, const QString& comment);
    void backToEditing();

signals:
    // Open a job's view (a node's job, double-clicked on a running workflow's canvas).
    void openJobRequested(const QString& jobId);
    // A run started here needs a person or ended (for desktop notifications): `kind` "approval" (`detail` the
    // waiting step's title) or "finished" (`detail` the outcome: succeeded, failed, cancelled …).
    void runNotice(const QString& workflow, const QString& kind, const QString& detail);
    // A run's gather-facts node stored facts (the window reads the inventory again).
    void factsGathered();

public:
    WorkflowEditor* editor() const { return m_editor; }
    QLabel* status() const { return m_status; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void showCurrent();
    void retranslate();
    void refreshLookup();
    void refreshRun();
    void showRunState(const WorkflowRun& run, bool live);
    void fillRuns();
    QString selectedRunNode() const;
    QString waitingApprovalNode() const;
    void setPlace(std::unique_ptr<WorkflowSource> source, std::unique_ptr<WorkflowRunner> runner);
    // Shows `run` as the shown workflow's run (started here or followed) and keeps it.
    void adopt(std::unique_ptr<WorkflowRunHandle> run);
    void updateHint();
    Workspace* library() const;

    Workspace* m_workspace;
    Workspace* m_library = nullptr; // the mirror of a server's, while the window has one
    QListWidget* m_list;
    QPushButton* m_new;
    QPushButton* m_historyButton;
    WorkflowEditor* m_editor;
    QLabel* m_status;
    QLabel* m_hint;
    QString m_shown; // the stored name of the workflow in the editor (empty: a new one)
    int m_shownRow = -1;
    bool m_switching = false;
    std::unique_ptr<Inventory> m_inventory;
    int m_shownVersion = 0; // the stored version the editor started from (0: a new workflow)
    std::unique_ptr<WorkflowSource> m_source;
    std::unique_ptr<WorkflowRunner> m_runner;
    QString m_serverText; // the server's URL while on a server
    RemoteBackend* m_server = nullptr;
    Backend* m_runBackend = nullptr; // setRunBackend's (kept while on a server)
    EventSink* m_runSink = nullptr;
    std::map<QString, std::unique_ptr<WorkflowRunHandle>> m_runs; // by workflow name, of the place shown
    std::map<QString, std::unique_ptr<WorkflowRunHandle>> m_localRuns; // this process's, while on a server
    std::unique_ptr<WorkflowRun> m_replayed; // a stored run shown (not live)
    QListWidget* m_runsList;
    QLabel* m_runsTitle;
    QWidget* m_runBar;
    QLabel* m_runStatus;
    QToolButton* m_pause;
    QToolButton* m_resume;
    QToolButton* m_cancel;
    QToolButton* m_approve;
    QToolButton* m_reject;
    QToolButton* m_retry;
    QToolButton* m_rerun;
    QToolButton* m_openJob;
    QToolButton* m_edit;
};
