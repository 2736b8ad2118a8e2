#include "WorkflowsPage.h"

#include "Theme.h"
#include "WorkflowCanvas.h"
#include "WorkflowEditor.h"
#include "WorkflowHistoryDialog.h"
#include "WorkflowRunDialog.h"
#include "common/Dialogs.h"
#include "facts/FactLayer.h"
#include "inventory/Inventory.h"
#include "jobs/JobStatus.h"
#include "jobs/JobStore.h"
#include "remote-workflows/RemoteWorkflowRunner.h"
#include "remote-workflows/RemoteWorkflowSource.h"
#include "remote/RemoteBackend.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowEnvironment.h"
#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowRunner.h"
#include "workflows/WorkflowSource.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowValidation.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

WorkflowsPage::WorkflowsPage(Workspace* workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_list(new QListWidget(this))
    , m_new(new QPushButton(this))
    , m_historyButton(new QPushButton(this))
    , m_editor(new WorkflowEditor(this))
    , m_status(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_runsList(new QListWidget(this))
    , m_runsTitle(new QLabel(this))
    , m_runBar(new QWidget(this))
    , m_runStatus(new QLabel(m_runBar))
    , m_pause(new QToolButton(m_runBar))
    , m_resume(new QToolButton(m_runBar))
    , m_cancel(new QToolButton(m_runBar))
    , m_approve(new QToolButton(m_runBar))
    , m_reject(new QToolButton(m_runBar))
    , m_retry(new QToolButton(m_runBar))
    , m_rerun(new QToolButton(m_runBar))
    , m_openJob(new QToolButton(m_runBar))
    , m_edit(new QToolButton(m_runBar))
{
    setObjectName(QStringLiteral("workflowsPage"));
    if (m_workspace) {
        m_source = std::make_unique<LocalWorkflowSource>(*m_workspace);
    }
    m_list->setObjectName(QStringLiteral("workflowList"));
    m_new->setObjectName(QStringLiteral("newWorkflow"));
    m_status->setObjectName(QStringLiteral("workflowStatus"));
    m_status->setWordWrap(true);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);

    auto* split = new QSplitter(this);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_new);
    m_historyButton->setObjectName(QStringLiteral("workflowHistory"));
    m_historyButton->setEnabled(false);
    leftLayout->addWidget(m_historyButton);
    leftLayout->addWidget(m_list, 2);
    m_runsList->setObjectName(QStringLiteral("workflowRuns"));
    leftLayout->addWidget(m_runsTitle);
    leftLayout->addWidget(m_runsList, 1);
    leftLayout->addWidget(m_hint);
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    // The run bar: what the shown run is doing, and what can be done with it.
    m_runBar->setObjectName(QStringLiteral("workflowRunBar"));
    m_runStatus->setObjectName(QStringLiteral("workflowRunStatus"));
    m_runStatus->setWordWrap(true);
    auto* runLayout = new QHBoxLayout(m_runBar);
    runLayout->setContentsMargins(4, 2, 4, 2);
    runLayout->addWidget(m_runStatus, 1);
    const QList<QPair<QToolButton*, const char*>> buttons { { m_approve, "runApprove" }, { m_reject, "runReject" },
        { m_pause, "runPause" }, { m_resume, "runResume" }, { m_cancel, "runCancel" }, { m_retry, "runRetryNode" },
        { m_rerun, "runRerunFrom" }, { m_openJob, "runOpenJob" }, { m_edit, "runBackToEditing" } };
    for (const auto& [button, name] : buttons) {
        button->setObjectName(QLatin1String(name));
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        runLayout->addWidget(button);
    }
    m_runBar->hide();
    rightLayout->addWidget(m_runBar);
    rightLayout->addWidget(m_editor, 1);
    rightLayout->addWidget(m_status);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({ 180, 1100 });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    m_editor->setInventory([this]() -> const Inventory* {
        if (!m_inventory && library()) {
            auto loaded = FactLayer::loadWithFacts(*library());
            m_inventory = std::make_unique<Inventory>(loaded ? *loaded : Inventory());
        }
        return m_inventory.get();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_switching || row == m_shownRow) {
            return;
        }
        if (!maySwitchAway()) {
            m_switching = true;
            m_list->setCurrentRow(m_shownRow);
            m_switching = false;
            return;
        }
        showCurrent();
    });
    connect(m_new, &QPushButton::clicked, this, &WorkflowsPage::newWorkflow);
    connect(m_historyButton, &QPushButton::clicked, this, &WorkflowsPage::showHistory);
    connect(m_editor, &WorkflowEditor::saveRequested, this, &WorkflowsPage::save);
    connect(m_editor, &WorkflowEditor::runRequested, this, &WorkflowsPage::showRunDialog);
    connect(m_editor->canvas(), &WorkflowCanvas::selectionChanged, this, [this] {
        if (shownRun()) {
            refreshRun();
        }
    });
    connect(m_editor->canvas(), &WorkflowCanvas::nodeActivated, this, [this](const QString& node) {
        const WorkflowRun* run = m_replayed ? m_replayed.get() : (shownRun() ? &shownRun()->run() : nullptr);
        if (run) {
            if (const WorkflowNodeRun* n = run->node(node); n && !n->nodeJob.isEmpty()) {
                emit openJobRequested(n->nodeJob);
            }
        }
    });
    const auto act = [this](Result<void> done) {
        if (!done) {
            m_runStatus->setText(done.error().message);
        }
        refreshRun();
    };
    connect(m_pause, &QToolButton::clicked, this, [this, act] {
        if (WorkflowRunHandle* run = shownRun()) {
            act(run->pause(ScriptStore::currentAuthor()));
        }
    });
    connect(m_resume, &QToolButton::clicked, this, [this, act] {
        if (WorkflowRunHandle* run = shownRun()) {
            act(run->resume(ScriptStore::currentAuthor()));
        }
    });
    connect(m_cancel, &QToolButton::clicked, this, [this, act] {
        WorkflowRunHandle* run = shownRun();
        if (run
            && Dialogs::confirmDestructive(this, tr("Cancel Workflow"),
                tr("Cancel “%1”? Running steps are cancelled (their hosts in flight end as cancelled); nothing after "
                   "them starts.")
                    .arg(m_shown),
                tr("Cancel Workflow"))) {
            act(run->cancel(ScriptStore::currentAuthor()));
        }
    });
    const auto decideAsking = [this](bool approve) {
        const QString node = waitingApprovalNode();
        if (node.isEmpty()) {
            return;
        }
        QString comment;
        if (!Dialogs::getText(this, approve ? tr("Approve") : tr("Reject"),
                tr("Your comment (recorded with your name):"), &comment)) {
            return;
        }
        (void)decide(node, approve, comment);
    };
    connect(m_approve, &QToolButton::clicked, this, [decideAsking] { decideAsking(true); });
    connect(m_reject, &QToolButton::clicked, this, [decideAsking] { decideAsking(false); });
    connect(m_retry, &QToolButton::clicked, this, [this, act] {
        if (WorkflowRunHandle* run = shownRun(); run && !selectedRunNode().isEmpty()) {
            act(run->retryNode(selectedRunNode(), ScriptStore::currentAuthor()));
        }
    });
    connect(m_rerun, &QToolButton::clicked, this, [this, act] {
        if (WorkflowRunHandle* run = shownRun(); run && !selectedRunNode().isEmpty()) {
            act(run->rerunFrom(selectedRunNode(), ScriptStore::currentAuthor()));
        }
    });
    connect(m_openJob, &QToolButton::clicked, this, [this] {
        if (WorkflowRunHandle* run = shownRun()) {
            if (const WorkflowNodeRun* n = run->run().node(selectedRunNode()); n && !n->nodeJob.isEmpty()) {
                emit openJobRequested(n->nodeJob);
            }
        }
    });
    connect(m_edit, &QToolButton::clicked, this, &WorkflowsPage::backToEditing);
    connect(m_runsList, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { (void)showStoredRun(item->data(Qt::UserRole).toString()); });
    connect(m_runsList, &QListWidget::itemClicked, this,
        [this](QListWidgetItem* item) { (void)showStoredRun(item->data(Qt::UserRole).toString()); });
    connect(m_editor, &WorkflowEditor::modifiedChanged, this, [this](bool modified) {
        if (modified) {
            m_status->setText(tr("Unsaved changes: Ctrl+S saves a new version."));
        }
    });
    retranslate();
    reload();
}

WorkflowsPage::~WorkflowsPage() = default;

QTreeWidget* WorkflowsPage::problems() const
{
    return m_editor->problems();
}

void WorkflowsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && m_runBar->isVisible()) {
        refreshRun(); // the run bar's tint is the theme's
    }
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        const bool modified = m_editor->isModified();
        m_switching = true;
        reload();
        m_switching = false;
        if (modified) {
            m_status->setText(tr("Unsaved changes: Ctrl+S saves a new version."));
        }
    }
    QWidget::changeEvent(event);
}

void WorkflowsPage::retranslate()
{
    m_new->setText(tr("New Workflow"));
    m_historyButton->setText(tr("Version History…"));
    m_historyButton->setToolTip(tr("Compare the saved versions of this workflow and restore one"));
    m_pause->setText(tr("Pause"));
    m_resume->setText(tr("Resume"));
    m_cancel->setText(tr("Cancel…"));
    m_approve->setText(tr("Approve…"));
    m_reject->setText(tr("Reject…"));
    m_retry->setText(tr("Retry Step"));
    m_retry->setToolTip(tr("Try the selected step's failed hosts again and go on from there"));
    m_rerun->setText(tr("Re-run From Step"));
    m_rerun->setToolTip(tr("Run the selected step again from scratch, and everything after it"));
    m_openJob->setText(tr("Open Job"));
    m_openJob->setToolTip(tr("The selected step's job: hosts, output, timeline (or double-click the step)"));
    m_edit->setText(tr("Back to Editing"));
    m_runsTitle->setText(tr("Runs"));
    updateHint();
}

void WorkflowsPage::updateHint()
{
    m_hint->setText(isOnServer()
            ? tr("The workflows of the server %1: saving writes a version there, runs run there. Also from a shell: "
                 "opsdeck-cli --server URL workflow list | import FILE.yml | run NAME.")
                  .arg(m_serverText)
            : tr("Also from a shell: opsdeck-cli workflow import FILE.yml | export NAME | validate FILE.yml."));
}

void WorkflowsPage::refreshLookup()
{
    QSet<QString> scripts;
    QSet<QString> templates;
    QSet<QString> workflows;
    WorkflowProperties::Names names;
    if (auto s = library() ? ScriptStore(*library()).loadAll() : Result<QList<Script>>(QList<Script>())) {
        for (const Script& x : *s) {
            scripts.insert(x.name);
            names.scripts.append(x.name);
        }
    }
    if (auto t
        = library() ? TemplateStore(*library()).loadAll() : Result<QList<ConfigTemplate>>(QList<ConfigTemplate>())) {
        for (const ConfigTemplate& x : *t) {
            templates.insert(x.name);
            names.templates.append(x.name);
        }
    }
    if (auto all = m_source ? m_source->list() : Result<QList<WorkflowEntry>>(QList<WorkflowEntry>())) {
        for (const WorkflowEntry& x : *all) {
            workflows.insert(x.name);
            names.workflows.append(x.name);
        }
    }
    WorkflowLookup lookup { [scripts](const QString& n) { return scripts.contains(n); },
        [templates](const QString& n) { return templates.contains(n); },
        [workflows](const QString& n) { return workflows.contains(n); } };
    if (isOnServer()) {
        // The server's libraries are not this workspace's: it checks scripts and templates itself when saving.
        lookup.scriptExists = {};
        lookup.templateExists = {};
    }
    m_editor->setLookup(lookup, names);
}

void WorkflowsPage::reload()
{
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : m_shown;
    m_inventory.reset();
    m_switching = true;
    m_list->clear();
    auto all = m_source ? m_source->list() : Result<QList<WorkflowEntry>>(QList<WorkflowEntry>());
    if (!all) {
        m_switching = false;
        m_status->setText(tr("The workflows cannot be read: %1").arg(all.error().toString()));
        return;
    }
    int select = 0;
    for (const WorkflowEntry& w : *all) {
        auto* item = new QListWidgetItem(
            tr("%1\n%n step(s) · version %2", "", w.nodeCount).arg(w.name).arg(w.version), m_list);
        item->setData(Qt::UserRole, w.name);
        item->setToolTip(w.description);
        if (w.name == current) {
            select = m_list->count() - 1;
        }
    }
    if (m_list->count() > 0) {
        m_list->setCurrentRow(select);
    }
    m_switching = false;
    refreshLookup();
    if (!m_editor->isModified()) {
        showCurrent();
    } else {
        m_shownRow = m_list->currentRow();
    }
}

void WorkflowsPage::showCurrent()
{
    m_shownRow = m_list->currentRow();
    const QListWidgetItem* item = m_list->currentItem();
    if (!item) {
        m_shown.clear();
        m_shownVersion = 0;
        m_historyButton->setEnabled(false);
        m_editor->open(Workflow {});
        m_status->setText(tr("No workflows yet: New Workflow starts one; drag steps onto the canvas."));
        return;
    }
    if (!m_source) {
        return;
    }
    auto stored = m_source->find(item->data(Qt::UserRole).toString());
    if (!stored || !*stored) {
        m_status->setText(tr("The workflow cannot be read: %1").arg(stored ? QString() : stored.error().toString()));
        return;
    }
    m_shown = (*stored)->workflow.name;
    m_shownVersion = (*stored)->version;
    m_historyButton->setEnabled(true);
    m_replayed.reset();
    fillRuns();
    if (WorkflowRunHandle* run = shownRun()) {
        // A run of it is shown as it ran (its own version of the workflow).
        m_editor->open(run->run().workflow());
        m_editor->setRunMode(true);
        refreshRun();
        return;
    }
    m_editor->setRunMode(false);
    m_runBar->hide();
    m_editor->open((*stored)->workflow);
    m_status->setText(
        tr("Version %1, saved %2 by %3.")
            .arg((*stored)->version)
            .arg(QLocale().toString((*stored)->updatedAt.toLocalTime(), QLocale::ShortFormat), (*stored)->author));
}

bool WorkflowsPage::maySwitchAway()
{
    if (!m_editor->isModified()) {
        return true;
    }
    const auto answer = Dialogs::question(this, tr("Unsaved Workflow"),
        tr("“%1” has unsaved changes. Save them as a new version?").arg(m_editor->workflow().name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    if (answer == QMessageBox::Discard) {
        m_editor->markSaved();
        return true;
    }
    return false;
}

void WorkflowsPage::newWorkflow()
{
    if (!maySwitchAway()) {
        return;
    }
    QSet<QString> taken;
    for (int i = 0; i < m_list->count(); ++i) {
        taken.insert(m_list->item(i)->data(Qt::UserRole).toString());
    }
    Workflow w;
    w.name = tr("New workflow");
    for (int n = 2; taken.contains(w.name); ++n) {
        w.name = tr("New workflow %1").arg(n);
    }
    m_switching = true;
    m_list->clearSelection();
    m_list->setCurrentRow(-1);
    m_switching = false;
    m_shownRow = -1;
    m_shown.clear();
    m_shownVersion = 0;
    m_historyButton->setEnabled(false);
    m_editor->open(w);
    // Not saved yet: an edit away from "modified", so that leaving asks.
    m_status->setText(tr("A new workflow: drag steps from the palette onto the canvas, then Ctrl+S."));
}

bool WorkflowsPage::save()
{
    const Workflow w = m_editor->workflow();
    if (const QString why = Workflow::nameProblem(w.name); !why.isEmpty()) {
        m_status->setText(tr("Not saved: the name %1").arg(why));
        return false;
    }
    if (!m_source) {
        m_status->setText(tr("Not saved: no workspace is open."));
        return false;
    }
    const bool renamed = m_shown != w.name;
    if (renamed) {
        // New, or renamed in the editor: saved under the new name (the old one stays, with its versions).
        if (auto existing = m_source->find(w.name); existing && *existing) {
            m_status->setText(tr("Not saved: a workflow named “%1” exists already.").arg(w.name));
            return false;
        }
    }
    QStringList refused;
    auto saved = m_source->save(w, renamed ? 0 : m_shownVersion, {}, &refused);
    if (!saved) {
        m_status->setText(refused.isEmpty()
                ? tr("Not saved: %1").arg(saved.error().toString())
                : tr("Not saved: the server refuses a workflow with problems:\n%1").arg(refused.join(u'\n')));
        return false;
    }
    m_editor->markSaved();
    m_shown = w.name;
    m_shownVersion = saved->version;
    const int problems = int(m_editor->currentProblems().size());
    m_status->setText(problems == 0
            ? tr("Saved as version %1.").arg(saved->version)
            : tr("Saved as version %1, with %n problem(s) to fix before it can run.", "", problems)
                  .arg(saved->version));
    m_switching = true;
    reload();
    m_switching = false;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == w.name) {
            m_switching = true;
            m_list->setCurrentRow(i);
            m_switching = false;
            m_shownRow = i;
        }
    }
    return true;
}

void WorkflowsPage::setLibraryWorkspace(Workspace* library)
{
    m_library = library == m_workspace ? nullptr : library;
    m_inventory.reset();
    refreshLookup(); // the canvas is drawn again: a run shown gets its states back
    if (m_editor->isRunMode()) {
        refreshRun();
    }
}

Workspace* WorkflowsPage::library() const
{
    return m_library ? m_library : m_workspace;
}

void WorkflowsPage::showHistory()
{
    if (!m_source || m_shown.isEmpty() || (m_editor->isModified() && !maySwitchAway())) {
        return;
    }
    const QString name = m_shown;
    WorkflowHistoryDialog dialog(m_source.get(), name, this);
    connect(&dialog, &WorkflowHistoryDialog::restored, this, [this, name](int version, int as) {
        m_shown = name;
        m_editor->markSaved();
        m_switching = true;
        reload();
        m_switching = false;
        showCurrent();
        m_status->setText(tr("Version %1 restored as version %2.").arg(version).arg(as));
    });
    dialog.exec();
}

void WorkflowsPage::setPlace(std::unique_ptr<WorkflowSource> source, std::unique_ptr<WorkflowRunner> runner)
{
    const bool wasRemote = isOnServer();
    if (!wasRemote && runner && runner->isRemote()) {
        // This process's runs go on while the server's workflows are shown.
        for (auto& [name, run] : m_runs) {
            if (run->isRunning()) {
                m_localRuns[name] = std::move(run);
            }
        }
    }
    m_runs.clear(); // a server's runs go on there; this process's engines end interrupted
    m_runner = std::move(runner);
    m_source = std::move(source);
    if (wasRemote && !isOnServer()) {
        m_runs = std::move(m_localRuns);
        m_localRuns.clear();
    }
    m_replayed.reset();
    if (m_editor->isRunMode()) {
        m_editor->setRunMode(false);
        m_runBar->hide();
    }
    if (wasRemote != isOnServer()) {
        m_editor->markSaved(); // another place's workflows: unsaved edits of the last place's are let go
        m_shown.clear();
        m_shownVersion = 0;
    }
    updateHint();
    reload();
}

void WorkflowsPage::setRunBackend(Backend* backend, EventSink* sink)
{
    if (!isOnServer() && backend == m_runBackend && sink == m_runSink && bool(m_runner) == bool(backend)) {
        return; // as it is: the runs going on stay
    }
    m_server = nullptr;
    if (backend != m_runBackend) {
        m_localRuns.clear(); // their backend is gone (their runs end as interrupted)
        if (!isOnServer()) {
            m_runs.clear();
        }
    }
    m_runBackend = backend;
    m_runSink = sink;
    m_serverText.clear();
    std::unique_ptr<WorkflowRunner> runner;
    if (backend && m_workspace) {
        runner = std::make_unique<LocalWorkflowRunner>(*m_workspace, backend, sink, [this] { emit factsGathered(); });
    }
    setPlace(m_workspace ? std::make_unique<LocalWorkflowSource>(*m_workspace) : nullptr, std::move(runner));
}

void WorkflowsPage::useServer(RemoteBackend* server)
{
    if (!server) {
        setRunBackend(m_runBackend, m_runSink);
        return;
    }
    if (isOnServer() && server == m_server) {
        return;
    }
    m_server = server;
    m_serverText = server->http().serverText();
    setPlace(std::make_unique<RemoteWorkflowSource>(server), std::make_unique<RemoteWorkflowRunner>(server));
}

bool WorkflowsPage::isOnServer() const
{
    return m_runner && m_runner->isRemote();
}

void WorkflowsPage::setWorkspace(Workspace* workspace)
{
    m_runs.clear();
    m_localRuns.clear();
    m_workspace = workspace;
    m_library = nullptr;
    m_shown.clear();
    m_shownVersion = 0;
    if (!isOnServer()) {
        m_source = workspace ? std::make_unique<LocalWorkflowSource>(*workspace) : nullptr;
    }
    m_editor->markSaved();
    m_editor->setRunMode(false);
    m_runBar->hide();
    reload();
}

WorkflowRunHandle* WorkflowsPage::shownRun() const
{
    const auto it = m_runs.find(m_shown);
    return it == m_runs.end() ? nullptr : it->second.get();
}

int WorkflowsPage::runningCount() const
{
    int n = 0;
    for (const auto* runs : { &m_runs, &m_localRuns }) {
        for (const auto& [name, run] : *runs) {
            // A server's runs go on there when the window closes: only this process's count.
            n += run->isRunning() && !(isOnServer() && runs == &m_runs) ? 1 : 0;
        }
    }
    return n;
}

void WorkflowsPage::showRunDialog()
{
    if (!m_runner) {
        m_status->setText(tr("Workflows cannot run here: no job history is open."));
        return;
    }
    if (m_editor->isModified() && !maySwitchAway()) {
        return;
    }
    if (m_shown.isEmpty()) {
        m_status->setText(tr("Save the workflow first (Ctrl+S): a run runs a saved version."));
        return;
    }
    auto stored = m_source ? m_source->find(m_shown) : Result<std::optional<StoredWorkflow>>(std::nullopt);
    if (!stored || !*stored) {
        return;
    }
    // The preview resolves targets against the inventory this window shows (on a server: its mirror, or the
    // workspace's); the server resolves them again when the run starts.
    auto loaded = library() ? FactLayer::loadWithFacts(*library()) : Result<Inventory>(Inventory());
    const auto inventory = std::make_shared<const Inventory>(loaded ? *loaded : Inventory());
    WorkflowRunDialog dialog((*stored)->workflow,
        [inventory](const WorkflowTargets& t) { return WorkflowEnvironment::resolve(*inventory, t); }, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    (void)startRun(dialog.params(), dialog.hostsQuery());
}

void WorkflowsPage::adopt(std::unique_ptr<WorkflowRunHandle> handle)
{
    WorkflowRunHandle* raw = handle.get();
    const QString workflowName = m_shown;
    connect(raw, &WorkflowRunHandle::workflowEvent, this, [this, raw, workflowName](const JobEvent& e) {
        if (e.type == JobEvent::Type::ApprovalRequested) {
            const WorkflowNode* node = raw->run().workflow().node(e.node);
            emit runNotice(
                workflowName, QStringLiteral("approval"), node && !node->title.isEmpty() ? node->title : e.node);
        }
        if (shownRun() == raw) {
            refreshRun();
        }
    });
    connect(raw, &WorkflowRunHandle::nodeJobEvent, this, [this, raw] {
        if (shownRun() == raw) {
            refreshRun();
        }
    });
    connect(raw, &WorkflowRunHandle::finished, this, [this, workflowName](const QString& outcome) {
        fillRuns();
        emit runNotice(workflowName, QStringLiteral("finished"), outcome);
    });
    m_runs[m_shown] = std::move(handle);
}

Result<QString> WorkflowsPage::startRun(const QMap<QString, QString>& params, const QString& hostsQuery)
{
    const auto failed = [this](const QString& why) {
        m_status->setText(tr("The workflow did not start: %1").arg(why));
        return Error(why);
    };
    if (!m_runner || !m_source) {
        return failed(tr("no job history is open"));
    }
    if (WorkflowRunHandle* run = shownRun(); run && run->isRunning()) {
        return failed(tr("it is running already"));
    }
    auto stored = m_source->find(m_shown);
    if (!stored) {
        return failed(stored.error().message);
    }
    if (!*stored) {
        return failed(tr("save it first (Ctrl+S)"));
    }
    if (const QList<WorkflowProblem> problems = validateWorkflow((*stored)->workflow, {}); !problems.isEmpty()) {
        return failed(tr("it has %n problem(s), the first: %1", "", int(problems.size()))
                          .arg(problems.first().toString((*stored)->workflow)));
    }
    auto handle = m_runner->create(**stored);
    if (!handle) {
        return failed(handle.error().message);
    }
    WorkflowRunHandle* raw = handle->get();
    std::unique_ptr<WorkflowRunHandle> previous = std::move(m_runs[m_shown]); // a finished run shown: let go after
    adopt(std::move(*handle));
    auto id = raw->start(params, hostsQuery, ScriptStore::currentAuthor());
    if (!id) {
        m_runs[m_shown] = std::move(previous);
        if (!m_runs[m_shown]) {
            m_runs.erase(m_shown);
        }
        return failed(id.error().message);
    }
    previous.reset();
    fillRuns();
    m_replayed.reset();
    m_editor->open(raw->run().workflow());
    m_editor->setRunMode(true);
    refreshRun();
    return id;
}

Result<void> WorkflowsPage::decide(const QString& node, bool approve, const QString& comment)
{
    WorkflowRunHandle* run = shownRun();
    if (!run) {
        return Error(tr("no run is shown"));
    }
    auto done = run->decide(node, approve, ScriptStore::currentAuthor(), comment);
    if (!done) {
        m_runStatus->setText(done.error().message);
    }
    refreshRun();
    return done;
}

void WorkflowsPage::backToEditing()
{
    if (m_replayed) {
        m_replayed.reset();
        m_runsList->clearSelection();
        m_editor->setRunMode(false);
        m_runBar->hide();
        showCurrent();
        return;
    }
    WorkflowRunHandle* run = shownRun();
    if (run && run->isRunning()) {
        return; // a running workflow stays in view until it ends (or is cancelled)
    }
    m_runs.erase(m_shown);
    m_editor->setRunMode(false);
    m_runBar->hide();
    showCurrent();
}

QString WorkflowsPage::selectedRunNode() const
{
    const QStringList nodes = m_editor->canvas()->selectedNodes();
    return nodes.size() == 1 ? nodes.first() : QString();
}

QString WorkflowsPage::waitingApprovalNode() const
{
    WorkflowRunHandle* run = shownRun();
    if (!run) {
        return {};
    }
    const QString selected = selectedRunNode();
    if (const WorkflowNodeRun* n = run->run().node(selected);
        n && n->status == WorkflowNodeRun::Status::WaitingForApproval) {
        return selected;
    }
    for (const WorkflowNodeRun& n : run->run().nodes()) {
        if (n.status == WorkflowNodeRun::Status::WaitingForApproval) {
            return n.id;
        }
    }
    return {};
}

void WorkflowsPage::refreshRun()
{
    if (m_replayed) {
        showRunState(*m_replayed, false);
        return;
    }
    WorkflowRunHandle* engine = shownRun();
    if (!engine) {
        m_runBar->hide();
        return;
    }
    showRunState(engine->run(), true);
}

void WorkflowsPage::showRunState(const WorkflowRun& run, bool live)
{
    WorkflowCanvas* canvas = m_editor->canvas();
    for (const WorkflowNodeRun& n : run.nodes()) {
        using S = WorkflowNodeRun::Status;
        using N = WorkflowCanvas::NodeState;
        N state = N::Pending;
        QString detail;
        const int ok = int(n.succeededHosts.size());
        const int bad = int(n.failedHosts.size());
        switch (n.status) {
        case S::Pending:
            state = N::Pending;
            break;
        case S::Running:
            state = N::Running;
            detail = n.targets.isEmpty() ? tr("running") : tr("running on %n host(s)", "", int(n.targets.size()));
            break;
        case S::WaitingForApproval:
            state = N::Waiting;
            detail = tr("waiting for approval");
            break;
        case S::Succeeded:
            state = N::Succeeded;
            detail = n.targets.isEmpty() ? tr("succeeded") : tr("%n host(s) ok", "", ok);
            break;
        case S::Failed:
        case S::Interrupted:
        case S::Cancelled:
            state = N::Failed;
            detail = n.status == S::Interrupted ? tr("interrupted")
                : n.status == S::Cancelled      ? tr("cancelled")
                : n.targets.isEmpty()           ? tr("failed")
                                                : tr("%1 ok, %2 failed").arg(ok).arg(bad);
            break;
        case S::Skipped:
            state = N::Skipped;
            detail = tr("skipped");
            break;
        }
        if (n.attempt > 1) {
            detail += tr(" · attempt %1").arg(n.attempt);
        }
        canvas->setNodeState(n.id, state, detail);
    }
    for (int e = 0; e < run.workflow().edges.size(); ++e) {
        const WorkflowRun::EdgeState s = run.edgeState(e);
        canvas->setEdgeState(e,
            s == WorkflowRun::EdgeState::Taken          ? WorkflowCanvas::EdgeState::Taken
                : s == WorkflowRun::EdgeState::NotTaken ? WorkflowCanvas::EdgeState::NotTaken
                                                        : WorkflowCanvas::EdgeState::Undecided);
    }
    const WorkflowRun::Status status = run.status();
    const QString waiting = waitingApprovalNode();
    QString text;
    switch (status) {
    case WorkflowRun::Status::Created:
    case WorkflowRun::Status::Running:
        text = waiting.isEmpty()
            ? tr("Running, started by %1.").arg(run.startedBy())
            : tr("Waiting for an approval of “%1”%2")
                  .arg(run.workflow().node(waiting) ? run.workflow().node(waiting)->displayTitle() : waiting,
                      run.node(waiting) && !run.node(waiting)->approvalMessage.isEmpty()
                          ? QStringLiteral(": ") + run.node(waiting)->approvalMessage
                          : QStringLiteral("."));
        break;
    case WorkflowRun::Status::Paused:
        text = tr("Paused: no step starts until Resume; running jobs are paused.");
        break;
    case WorkflowRun::Status::Cancelling:
        text = tr("Cancelling…");
        break;
    case WorkflowRun::Status::Succeeded:
        text = tr("Succeeded.");
        break;
    case WorkflowRun::Status::Failed:
        text = tr("Failed%1").arg(run.message().isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + run.message());
        break;
    case WorkflowRun::Status::Cancelled:
        text = tr("Cancelled.");
        break;
    case WorkflowRun::Status::Interrupted:
        text = tr("Interrupted.");
        break;
    }
    if (!live) {
        text = tr("Run of %1 by %2: %3")
                   .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(run.startedMs()), QLocale::ShortFormat),
                       run.startedBy(), text);
    }
    m_runStatus->setText(text);
    const bool finished = run.isFinished() || !live;
    const WorkflowNodeRun* selected = run.node(selectedRunNode());
    if (!live) {
        m_openJob->setVisible(false);
    }
    if (!live) {
        selected = nullptr; // a stored run is only shown: its steps' jobs open by double-click
    }
    m_pause->setVisible(!finished && status != WorkflowRun::Status::Paused);
    m_resume->setVisible(status == WorkflowRun::Status::Paused);
    m_cancel->setVisible(!finished);
    m_approve->setVisible(live && !waiting.isEmpty());
    m_reject->setVisible(live && !waiting.isEmpty());
    m_retry->setVisible(selected && selected->status == WorkflowNodeRun::Status::Failed);
    m_rerun->setVisible(selected && selected->isFinished() && selected->status != WorkflowNodeRun::Status::Skipped);
    m_openJob->setVisible(selected && !selected->nodeJob.isEmpty());
    m_edit->setVisible(finished);
    QColor tint = Theme::color(
        waiting.isEmpty() ? QStringLiteral("message.info.background") : QStringLiteral("message.warning.background"));
    m_runBar->setStyleSheet(QStringLiteral("#workflowRunBar { background: %1; border-radius: 4px; }").arg(tint.name()));
    m_runBar->show();
}

void WorkflowsPage::fillRuns()
{
    m_runsList->clear();
    Backend* history = m_runner ? m_runner->history() : nullptr;
    if (!history || m_shown.isEmpty()) {
        return;
    }
    JobFilter filter;
    if (m_runner->isRemote()) {
        filter.limit = 200; // the server's newest jobs, picked here (its list filters by host and status only)
    } else {
        filter.script = m_shown;
        filter.limit = 50;
    }
    auto jobs = history->jobs(filter);
    if (!jobs) {
        return;
    }
    const QString description = QStringLiteral("workflow '%1'").arg(m_shown);
    for (const JobSummary& j : *jobs) {
        if (j.name != m_shown || j.targetDescription != description) {
            continue; // a node's job, or another workflow's
        }
        auto* item = new QListWidgetItem(
            tr("%1 · %2 · %3")
                .arg(displayName(j.status),
                    QLocale().toString(QDateTime::fromMSecsSinceEpoch(j.createdMs), QLocale::ShortFormat), j.createdBy),
            m_runsList);
        item->setData(Qt::UserRole, j.id);
        if (m_runsList->count() >= 20) {
            break;
        }
    }
}

Result<void> WorkflowsPage::showStoredRun(const QString& jobId)
{
    Backend* history = m_runner ? m_runner->history() : nullptr;
    if (!history) {
        return Error(tr("no job history is open"));
    }
    if (WorkflowRunHandle* live = shownRun(); live && live->jobId() == jobId) {
        m_replayed.reset();
        refreshRun();
        return {};
    }
    if (m_editor->isModified() && !maySwitchAway()) {
        return Error(tr("kept editing"));
    }
    auto events = history->events(jobId);
    if (!events) {
        m_status->setText(tr("The run cannot be read: %1").arg(events.error().message));
        return events.error();
    }
    auto run = WorkflowRun::replay(*events);
    if (!run) {
        m_status->setText(tr("The run cannot be shown: %1").arg(run.error().message));
        return run.error();
    }
    if (!run->isFinished() && m_runner->isRemote() && !(shownRun() && shownRun()->isRunning())) {
        // A run going on on the server (started by the CLI, another console): followed live from here on.
        if (auto followed = m_runner->follow(jobId)) {
            WorkflowRunHandle* raw = followed->get();
            adopt(std::move(*followed));
            m_replayed.reset();
            m_editor->open(raw->run().workflow());
            m_editor->setRunMode(true);
            refreshRun();
            return {};
        }
    }
    m_replayed = std::make_unique<WorkflowRun>(*run);
    m_editor->open(m_replayed->workflow());
    m_editor->setRunMode(true);
    refreshRun();
    return {};
}
