#include "MainWindow.h"

#include "JobNotifications.h"
#include "WorkspaceInstance.h"

#include "WindowLaunchQuestions.h"
#include "runner/JobLauncher.h"

#include "BackendInfo.h"
#include "HandoverBackend.h"
#include "Startup.h"
#include "Theme.h"
#include "common/CommandPalette.h"
#include "common/Dialogs.h"
#include "common/EmptyStatePage.h"
#include "common/MessageBar.h"
#include "connect/ConnectDialog.h"
#include "connect/MemorySecretStore.h"
#include "connect/PublishDialog.h"
#include "connect/SecretStore.h"
#include "connect/TlsPinStore.h"
#include "facts/FactsPage.h"
#include "inventory/HostTableModel.h"
#include "jobs/JobsPage.h"
#include "jobs/RunDialog.h"
#include "remote/RemoteBackend.h"
#include "runner/DirectBackend.h"
#include "scripts/ScriptEditorTab.h"
#include "scripts/ScriptStore.h"
#include "scripts/ScriptsPage.h"
#include "ssh/SshTransport.h"
#include "store/SqliteStatement.h"
#include "store/Workspace.h"
#include "sync/LibrarySync.h"
#include "templates/TemplateEditorTab.h"
#include "templates/TemplatePreview.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowsPage.h"

#include <sqlite3.h>

#include <QAbstractItemView>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>
#include <functional>

#include "inventory/InventoryPage.h"

namespace {

const char* const kSettingsGroup = "MainWindow";
// The run dialog's last plan, pause, failure policy, timeout and concurrency (workspace setting, JSON).
const char* const kRunSettingsKey = RunDialog::kSettingsKey;

// Menu texts carry mnemonics ("&File"); the palette and its search want the plain words.
QString plainText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('&')) {
                out += QLatin1Char('&');
                ++i;
            }
            continue;
        }
        out += text.at(i);
    }
    // "Open (&O)…"-style mnemonics in CJK menus leave an empty "()" behind.
    out.remove(QRegularExpression(QStringLiteral("\\s*\\([A-Za-z0-9]?\\)")));
    return out;
}

// Header states are saved per view: "<view objectName>/<orientation>".
QString headerKey(const QHeaderView* header)
{
    const QWidget* view = header->parentWidget();
    if (!view || view->objectName().isEmpty()) {
        return {};
    }
    return view->objectName() + (header->orientation() == Qt::Horizontal ? QLatin1String("/h") : QLatin1String("/v"));
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, QWidget* parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
    , m_undoStack(new QUndoStack(this))
    , m_backend(new BackendInfo(this))
    , m_secrets(std::make_unique<MemorySecretStore>())
    , m_pinFile(TlsPinStore::defaultPath())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/opsdeck.svg")));

    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_messageBar = new MessageBar(central);
    m_messageBar->hide();
    centralLayout->addWidget(m_messageBar);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(1);
    centralLayout->addWidget(m_splitter, 1);

    m_sidebar = new QWidget(m_splitter);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setAttribute(Qt::WA_StyledBackground);
    auto* sidebarLayout = new QVBoxLayout(m_sidebar);
    sidebarLayout->setContentsMargins(0, 12, 0, 8);
    sidebarLayout->setSpacing(8);
    auto* brand = new QHBoxLayout;
    brand->setContentsMargins(16, 0, 12, 4);
    brand->setSpacing(8);
    auto* logo = new QLabel(m_sidebar);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/opsdeck.svg")).pixmap(QSize(24, 24), devicePixelRatioF()));
    brand->addWidget(logo);
    m_sidebarTitle = new QLabel(QStringLiteral("OpsDeck"), m_sidebar); // the product name is not translated
    m_sidebarTitle->setObjectName(QStringLiteral("sidebarTitle"));
    QFont brandFont = m_sidebarTitle->font();
    brandFont.setPointSizeF(brandFont.pointSizeF() * 1.25);
    brandFont.setWeight(QFont::DemiBold);
    m_sidebarTitle->setFont(brandFont);
    brand->addWidget(m_sidebarTitle, 1);
    sidebarLayout->addLayout(brand);

    m_navigation = new QListWidget(m_sidebar);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    for (int i = 0; i < PageCount; ++i) {
        new QListWidgetItem(m_navigation);
    }
    sidebarLayout->addWidget(m_navigation, 1);

    m_stack = new QStackedWidget(m_splitter);
    m_stack->setObjectName(QStringLiteral("pages"));
    createInventoryPage();
    createScriptsPage();
    createTemplatesPage();
    m_workflowsPage = new ::WorkflowsPage(m_workspace.get(), m_stack);
    m_stack->addWidget(m_workflowsPage);
    connect(m_workflowsPage, &::WorkflowsPage::factsGathered, this, [this] {
        if (m_inventory) {
            m_inventory->reload(); // a gather-facts node stored facts
        }
    });
    connect(m_workflowsPage, &::WorkflowsPage::openJobRequested, this, [this](const QString& id) {
        setCurrentPage(JobsPage);
        m_jobs->refresh();
        m_jobs->showJob(id);
    });
    m_notifications = new JobNotifications(this);
    m_notifications->setInFront([this] { return isActiveWindow() && !isMinimized(); });
    connect(m_workflowsPage, &::WorkflowsPage::runNotice, m_notifications, &JobNotifications::workflowNotice);
    createJobsPage();
    createFactsPage();
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_stack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 200, 1000 });
    setCentralWidget(central);

    m_palette = new CommandPalette(this);

    createActions();
    createMenus();
    createStatusBar();

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            setCurrentPage(row);
        }
    });
    connect(m_stack, &QStackedWidget::currentChanged, this, [this](int index) {
        m_navigation->setCurrentRow(index);
        if (index == TemplatesPage && m_templates && m_inventory && !m_inventory->isLoading()) {
            // Edits made on the inventory page since it loaded reach the previews.
            m_templates->setInventory(m_inventory->currentInventory());
        }
        if (index == FactsPageIndex && m_facts) {
            // The views follow the inventory: its selection, else what its search shows.
            QString description;
            const QStringList hosts = inventoryScope(&description);
            m_facts->setScope(hosts, description);
        }
        if (index >= 0 && index < m_goActions.size()) {
            m_goActions.at(index)->setChecked(true);
        }
    });
    connect(Theme::instance(), &Theme::changed, this, [this] { applyTheme(); });
    connect(m_backend, &BackendInfo::changed, this, [this] { retranslateUi(); });
    connect(m_messageBar, &MessageBar::closed, this, [this] {
        m_messageBar->hide();
        m_serverMessageShown = false;
    });
    connect(m_messageBar, &MessageBar::actionTriggered, this, [this] {
        if (const auto action = m_messageAction) {
            action();
        }
    });
    // Ctrl+K must open the palette even from a line edit, which would otherwise take it (delete to end of line).
    qApp->installEventFilter(this);

    retranslateUi();
    applyTheme();
    resize(1280, 800);
    restoreLayout();
    m_navigation->setCurrentRow(m_stack->currentIndex());

    m_instance = new WorkspaceInstance(this);
    connect(m_instance, &WorkspaceInstance::activationRequested, this, &MainWindow::activateFor);
    m_instance->listen(m_workspace->path());
}

void MainWindow::activateFor(const QJsonObject& request)
{
    const QString page = request.value(QStringLiteral("page")).toString().toLower();
    if (const int index = pageNames().indexOf(page); index >= 0) {
        setCurrentPage(index);
    }
    const QString search = request.value(QStringLiteral("search")).toString();
    const QString select = request.value(QStringLiteral("select")).toString();
    if ((!search.isEmpty() || !select.isEmpty()) && m_inventory) {
        setCurrentPage(InventoryPageIndex);
        m_inventory->showHost(search, select);
    }
    if (isMinimized()) {
        showNormal();
    }
    show();
    raise();
    activateWindow();
    statusBar()->showMessage(tr("Another start of OpsDeck asked for this workspace: it is open here."), 6000);
}

InventoryPage* MainWindow::inventoryPage() const
{
    return m_inventory;
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    // The pages refer to the workspace and push on the undo stack: let them go first.
    delete m_inventory.data();
    delete m_scripts.data();
    delete m_templates.data();
    delete m_jobs.data();
    delete m_facts.data();
    if (m_workflowsPage) {
        // Before the mirror and the backends go: the page lets go of them.
        m_workflowsPage->setLibraryWorkspace(nullptr);
        m_workflowsPage->setRunBackend(nullptr, nullptr);
    }
    m_mirror.reset();
    m_handover.reset();
    m_server.reset();
    m_direct.reset();
    m_undoStack->clear();
}

QStringList MainWindow::pageNames()
{
    return { QStringLiteral("inventory"), QStringLiteral("scripts"), QStringLiteral("templates"),
        QStringLiteral("workflows"), QStringLiteral("jobs"), QStringLiteral("facts") };
}

int MainWindow::currentPage() const
{
    return m_stack->currentIndex();
}

void MainWindow::setCurrentPage(int page)
{
    if (page >= 0 && page < m_stack->count()) {
        m_stack->setCurrentIndex(page);
    }
}

void MainWindow::createInventoryPage()
{
    m_inventory = new InventoryPage(libraryWorkspace(), m_undoStack, nullptr);
    m_inventory->setObjectName(QStringLiteral("inventoryPage"));
    m_stack->insertWidget(InventoryPageIndex, m_inventory);
    connect(m_inventory, &InventoryPage::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 6000); });
    connect(m_inventory, &InventoryPage::hostCountChanged, this, [this](int total, int shown) {
        m_hostsTotal = total;
        m_hostsShown = shown;
        updateHostCount();
    });
}

void MainWindow::createScriptsPage()
{
    m_scripts = new ::ScriptsPage(libraryWorkspace(), nullptr);
    m_scripts->setObjectName(QStringLiteral("scriptsPage"));
    m_stack->insertWidget(ScriptsPage, m_scripts);
    connect(m_scripts, &::ScriptsPage::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 6000); });
}

void MainWindow::createTemplatesPage()
{
    m_templates = new ::TemplatesPage(libraryWorkspace(), nullptr);
    m_templates->setObjectName(QStringLiteral("templatesPage"));
    m_stack->insertWidget(TemplatesPage, m_templates);
    connect(m_templates, &::TemplatesPage::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 6000); });
    // The previews render from the inventory the inventory page loaded (in a worker).
    connect(m_inventory, &InventoryPage::loaded, m_templates,
        [this] { m_templates->setInventory(m_inventory->currentInventory()); });
    if (!m_inventory->isLoading()) {
        m_templates->setInventory(m_inventory->currentInventory());
    }
    // An inventory edit (or its undo) made while the Templates page is shown reaches the previews at once; other
    // edits arrive when the page is next shown.
    connect(m_undoStack, &QUndoStack::indexChanged, m_templates, [this] {
        if (currentPage() == TemplatesPage && m_inventory && !m_inventory->isLoading()) {
            m_templates->setInventory(m_inventory->currentInventory());
        }
    });
}

void MainWindow::createJobsPage()
{
    if (!m_transport) {
        SshTransport::Options options;
        options.hostKeyPolicy = SshTransport::HostKeyPolicy::Ask;
        m_transport = std::make_unique<SshTransport>(options);
        // Where hosts are reached, the preview's template context and key passphrases are worked out per job by
        // the launcher; what only the operator can answer (a passphrase, an unknown host key) it asks through the
        // questions below, in dialogs over this window. This window only submits specs.
        m_launchQuestions = std::make_unique<WindowLaunchQuestions>(
            this, [this] { return static_cast<SecretStore*>(m_secrets.get()); });
        m_launcher = std::make_unique<JobLauncher>(
            m_transport.get(), [this] { return m_inventory ? m_inventory->currentInventory() : Inventory(); },
            m_launchQuestions.get());
    }
    if (m_workspace) {
        DirectBackend::Options options;
        options.launcher = m_launcher.get();
        auto backend = DirectBackend::open(*m_workspace, m_transport.get(), options);
        if (backend) {
            m_direct = std::move(*backend);
            if (!m_direct->interruptedOnOpen().isEmpty()) {
                m_messageBar->showMessage(tr("%n job(s) were interrupted when OpsDeck last stopped; their output is "
                                             "kept in the Jobs page.",
                                              nullptr, int(m_direct->interruptedOnOpen().size())),
                    MessageBar::Type::Warning);
                m_messageBar->show();
            }
        } else {
            m_messageBar->showMessage(
                tr("Job history unavailable: %1").arg(backend.errorString()), MessageBar::Type::Error);
            m_messageBar->show();
        }
    }
    m_jobs = new ::JobsPage(jobBackend(), nullptr);
    m_jobs->setObjectName(QStringLiteral("jobsPage"));
    // Re-runs are checked against the workspace's danger rules as they are now, as a new run would be.
    m_jobs->setDangerRulesProvider([this] {
        if (m_workspace) {
            if (auto effective = ScriptStore::effectiveDangerRules(*m_workspace)) {
                return *effective;
            }
        }
        return DangerRules::defaults();
    });
    m_stack->insertWidget(JobsPage, m_jobs);
    connect(m_jobs, &::JobsPage::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 6000); });
    placeWorkflows();
}

void MainWindow::placeWorkflows()
{
    if (!m_workflowsPage) {
        return;
    }
    if (auto* remote = dynamic_cast<RemoteBackend*>(m_server.get()); remote && m_newWorkOnServer) {
        m_workflowsPage->useServer(remote); // listed, saved and run on the server
        return;
    }
    // Workflows run here over the direct backend: their node jobs are jobs of this window, their own events stored
    // with the job history.
    m_workflowsPage->setRunBackend(m_direct.get(), m_direct ? &m_direct->writer() : nullptr);
}

void MainWindow::createFactsPage()
{
    // The facts are the open workspace's (gathered over the window's backend), not a server's mirror.
    m_facts = new FactsPage(m_workspace.get(), jobBackend(), nullptr);
    m_stack->insertWidget(FactsPageIndex, m_facts);
    m_facts->setSubmit([this](const JobSpec& spec) { return submitJob(spec); });
    m_facts->setInventoryProvider(
        [this]() -> const Inventory* { return m_inventory ? &m_inventory->currentInventory() : nullptr; });
    connect(m_facts, &FactsPage::gatherRequested, this, [this] {
        if (m_facts->scope().isEmpty()) {
            gatherFacts(); // the inventory's selection or search
        } else {
            (void)m_facts->gatherFacts(m_facts->scope());
        }
    });
    // The gathering is a job like any other: the Jobs page lists it at once (the Facts page shows its progress).
    connect(m_facts, &FactsPage::jobSubmitted, this, [this] {
        if (m_jobs) {
            m_jobs->refresh();
        }
    });
    // New facts: the inventory is read again with them (host details, rules, fact: searches, templates, renders).
    connect(m_facts, &FactsPage::gatheringFinished, this, [this] {
        if (m_inventory) {
            m_inventory->reload();
        }
    });
}

QStringList MainWindow::inventoryScope(QString* description) const
{
    if (!m_inventory) {
        return {};
    }
    const QStringList selected = m_inventory->selectedHosts();
    if (!selected.isEmpty()) {
        *description = tr("%n selected host(s)", "", int(selected.size()));
        return selected;
    }
    const QStringList shown = m_inventory->hostModel()->shownHosts();
    if (shown.size() != m_inventory->currentInventory().hosts().size()) { // a search or a group narrows it
        *description = tr("the %n host(s) the inventory shows", "", int(shown.size()));
        return shown;
    }
    *description = tr("all hosts");
    return {};
}

void MainWindow::showFacts(int tab)
{
    if (!m_facts) {
        return;
    }
    QString description;
    const QStringList hosts = inventoryScope(&description);
    m_facts->setScope(hosts, description);
    if (tab >= 0) {
        m_facts->tabs()->setCurrentIndex(tab);
    }
    setCurrentPage(FactsPageIndex);
}

void MainWindow::gatherFacts()
{
    if (!m_facts || !m_inventory) {
        return;
    }
    QString description;
    QStringList hosts = inventoryScope(&description);
    if (hosts.isEmpty()) {
        for (const Host& h : m_inventory->currentInventory().hosts()) {
            hosts << h.name;
        }
    }
    showFacts(-1);
    (void)m_facts->gatherFacts(hosts); // errors are shown on the page
}

void MainWindow::runOnHosts()
{
    if (!jobBackend() || !m_inventory) {
        return;
    }
    // From the Templates page, Ctrl+R means "put this template on hosts", with the job variables its preview
    // renders with. Unsaved changes are not pushed silently as the saved version: the operator saves them first or
    // pushes the editor's text as it is.
    TemplateEditorTab* templateTab
        = currentPage() == TemplatesPage && m_templates ? m_templates->currentTab() : nullptr;
    bool pushEdited = false;
    if (templateTab && (templateTab->isModified() || templateTab->isNew())) {
        const QString text = templateTab->isNew()
            ? tr("“%1” is not in the library yet. Save it and push it, or push the editor's text without saving it?")
                  .arg(templateTab->title())
            : tr("“%1” has changes that are not saved. Save them as a new version and push that, or push the "
                 "editor's text as it is (the library keeps version %2)?")
                  .arg(templateTab->title())
                  .arg(templateTab->stored().version);
        const auto answer = Dialogs::question(this, tr("Unsaved Template"), text,
            QMessageBox::Save | QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Save,
            { { QMessageBox::Save, tr("Save and Push") }, { QMessageBox::Apply, tr("Push Unsaved Text") } });
        if (answer == QMessageBox::Save) {
            if (!m_templates->saveTab(templateTab)) {
                return; // refused: the page says why
            }
        } else if (answer == QMessageBox::Apply) {
            pushEdited = true;
        } else {
            return;
        }
    }
    QList<Script> scripts;
    QList<DangerRule> rules = DangerRules::defaults();
    if (m_workspace) {
        if (auto all = ScriptStore(*m_workspace).loadAll()) {
            scripts = *all;
        }
        if (auto effective = ScriptStore::effectiveDangerRules(*m_workspace)) {
            rules = *effective;
        }
    }
    QList<ConfigTemplate> templates;
    if (m_workspace) {
        if (auto all = TemplateStore(*m_workspace).loadAll()) {
            templates = *all;
        }
    }
    const Inventory& inventory = m_inventory->currentInventory();
    RunDialog dialog(&inventory, scripts, rules, this);
    dialog.setTemplates(templates);
    dialog.setPushHistory(RunDialog::historyOf(jobBackend()));
    // The last run's plan, pause, policy, timeout and concurrency, kept in the workspace (they fit its fleet).
    if (m_workspace) {
        dialog.setRunSettings(
            QJsonDocument::fromJson(m_workspace->setting(QLatin1String(kRunSettingsKey)).toUtf8()).object());
    }
    if (currentPage() == InventoryPageIndex && !m_inventory->selectedHosts().isEmpty()) {
        dialog.setHosts(m_inventory->selectedHosts());
    }
    if (currentPage() == ScriptsPage && m_scripts && m_scripts->currentTab() && !m_scripts->currentTab()->isNew()) {
        dialog.selectScript(m_scripts->currentTab()->stored().id);
    }
    if (templateTab) {
        if (pushEdited) {
            dialog.setEditedTemplate(templateTab->edited());
        } else {
            dialog.selectTemplate(templateTab->stored().id);
        }
        dialog.setJobVariables(templateTab->jobVariablesText());
    } else if (currentPage() == TemplatesPage && m_templates && m_templates->currentTemplateId() > 0) {
        dialog.selectTemplate(m_templates->currentTemplateId()); // the one highlighted in the library
    }
    const bool accepted = dialog.exec() == QDialog::Accepted;
    if (m_workspace) {
        // Kept when the dialog is cancelled too: what was typed last is what the next run starts from. A failed
        // write only loses the remembered settings.
        (void)m_workspace->setSetting(QLatin1String(kRunSettingsKey),
            QString::fromUtf8(QJsonDocument(dialog.runSettings()).toJson(QJsonDocument::Compact)));
    }
    if (!accepted) {
        return;
    }
    (void)submitJob(dialog.spec()); // errors are shown in the message bar
}

Result<QString> MainWindow::submitJob(const JobSpec& spec)
{
    Backend* backend = jobBackend();
    if (!backend || !m_inventory) {
        return Error(tr("No workspace is open: jobs cannot run."));
    }
    auto id = backend->submit(spec);
    if (!id) {
        m_messageBar->showMessage(tr("The job could not start: %1").arg(id.errorString()), MessageBar::Type::Error);
        m_messageBar->show();
        return id;
    }
    m_notifications->watch(backend, *id, spec.name);
    setCurrentPage(JobsPage);
    m_jobs->refresh();
    m_jobs->showJob(*id);
    return id;
}

void MainWindow::setWorkspace(std::unique_ptr<Workspace> workspace)
{
    const int page = currentPage();
    saveLayout();
    delete m_inventory.data();
    delete m_scripts.data();
    delete m_templates.data();
    delete m_jobs.data();
    delete m_facts.data();
    // The jobs of the old workspace's direct backend end with it (as when the window closes, after asking).
    if (m_workflowsPage) {
        m_workflowsPage->setRunBackend(nullptr, nullptr);
    }
    m_handover.reset();
    m_direct.reset();
    m_undoStack->clear();
    m_workspace = std::move(workspace);
    if (m_workflowsPage) {
        m_workflowsPage->setWorkspace(m_workspace.get());
    }
    m_hostsTotal = m_hostsShown = -1;
    createInventoryPage();
    createScriptsPage();
    createTemplatesPage();
    if (m_workflowsPage) {
        m_workflowsPage->setLibraryWorkspace(libraryWorkspace());
    }
    createJobsPage();
    createFactsPage();
    refillLibraryMenus();
    restoreLayout();
    setCurrentPage(page);
    updateWorkspaceLabel();
    updateHostCount();
    updateServerStatus();
    if (m_instance) {
        m_instance->listen(m_workspace->path());
    }
}

void MainWindow::refillLibraryMenus()
{
    if (m_scriptsMenu) {
        m_scriptsMenu->clear();
        m_scriptsMenu->addActions(m_scripts->actions());
    }
    if (m_templatesMenu) {
        m_templatesMenu->clear();
        m_templatesMenu->addActions(m_templates->actions());
        m_templatesMenu->addSeparator();
        m_templatesMenu->addAction(m_runAction); // pushes the template shown
    }
    if (m_inventoryMenu) {
        m_inventoryMenu->clear();
        m_inventoryMenu->addActions(m_inventory->actions());
        m_inventoryMenu->menuAction()->setVisible(!m_inventory->actions().isEmpty());
        m_inventoryMenu->addSeparator();
        m_inventoryMenu->addAction(m_gatherFactsAction);
        m_inventoryMenu->addAction(m_softwareAction);
        m_inventoryMenu->addAction(m_servicesAction);
    }
}

void MainWindow::rebuildLibraryPages()
{
    // The library pages refer to the workspace they show and push on the undo stack: made again on the other one.
    const int page = currentPage();
    saveLayout();
    delete m_inventory.data();
    delete m_scripts.data();
    delete m_templates.data();
    m_undoStack->clear();
    m_hostsTotal = m_hostsShown = -1;
    createInventoryPage();
    createScriptsPage();
    createTemplatesPage();
    if (m_workflowsPage) {
        m_workflowsPage->setLibraryWorkspace(libraryWorkspace()); // targets and pickers as the other pages show
    }
    refillLibraryMenus();
    restoreLayout();
    setCurrentPage(page);
    updateWorkspaceLabel();
    updateHostCount();
}

QString MainWindow::mirrorPath() const
{
    QString dir = m_mirrorDir;
    if (dir.isEmpty()) {
        dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/mirrors");
    }
    QDir().mkpath(dir);
    // One file per server: its host and port, in characters every file system takes.
    const QUrl url = m_serverProfile.url;
    QString name = QStringLiteral("%1-%2").arg(
        url.host(), QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)));
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return dir + QLatin1Char('/') + name + QStringLiteral(".opsdeck");
}

qint64 MainWindow::mirrorChanges() const
{
    if (!m_mirror) {
        return -1;
    }
    sqlite3* db = SqliteStatement::nativeHandle(m_mirror->database());
    return db ? sqlite3_total_changes64(db) : -1;
}

Result<void> MainWindow::reloadFromServer()
{
    auto* remote = dynamic_cast<RemoteBackend*>(m_server.get());
    if (!remote) {
        return Error(tr("Not connected to a server."));
    }
    QApplication::setOverrideCursor(Qt::BusyCursor);
    const auto restoreCursor = qScopeGuard([] { QApplication::restoreOverrideCursor(); });
    statusBar()->showMessage(tr("Reading the inventory and libraries of %1…").arg(m_serverProfile.url.toString()));
    const auto failed = [this](const QString& why) {
        showMessage(tr("The server's inventory and libraries could not be read: %1. The pages show this workspace's "
                       "own.")
                        .arg(why),
            int(MessageBar::Type::Warning), tr("Reload from Server"), [this] { (void)reloadFromServer(); });
        return Error(why);
    };
    std::unique_ptr<Workspace> mirror;
    bool fresh = false;
    if (m_mirror) {
        mirror = std::move(m_mirror);
        rebuildLibraryPages(); // on the workspace while the mirror is replaced
    } else {
        const QString path = mirrorPath();
        fresh = !QFileInfo::exists(path);
        auto opened = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        if (!opened) {
            return failed(opened.error().toString());
        }
        mirror = std::move(*opened);
    }
    LibrarySync sync(*mirror, remote->http());
    // Edits the mirror holds that did not reach the server yet (the connection dropped) go first; one the server
    // changed meanwhile is kept and shown, never overwritten by the pull. A new mirror has nothing of its own.
    std::optional<LibrarySync::Plan> plan;
    if (!fresh) {
        if (auto compared = sync.plan()) {
            plan = *compared;
        }
    }
    if (plan) {
        int conflicts = 0;
        for (const LibrarySync::Item& item : std::as_const(plan->items)) {
            conflicts += item.state == LibrarySync::State::Conflict && item.baseVersion > 0 ? 1 : 0;
        }
        if (conflicts > 0) {
            m_mirror = std::move(mirror);
            m_mirrorSaved = mirrorChanges();
            rebuildLibraryPages();
            showMessage(tr("%n item(s) changed both here and on the server since they were last read: nothing was "
                           "reloaded. Publish to Server… shows them side by side.",
                            nullptr, conflicts),
                int(MessageBar::Type::Warning), tr("Publish to Server…"),
                [this] { showPublishDialog(m_mirror.get()); });
            return {};
        }
        if (plan->count(LibrarySync::State::New) + plan->count(LibrarySync::State::Changed) > 0) {
            (void)sync.publish(*plan);
        }
    }
    auto pulled = sync.pull();
    if (!pulled) {
        return failed(pulled.error().message);
    }
    m_mirror = std::move(mirror);
    m_mirrorSaved = mirrorChanges();
    rebuildLibraryPages();
    statusBar()->showMessage(tr("Showing the server's inventory (%n host(s)) and libraries (%1 scripts, %2 templates).",
                                 nullptr, pulled->hosts)
                                 .arg(pulled->scripts)
                                 .arg(pulled->templates),
        8000);
    if (m_reloadServerAction) {
        m_reloadServerAction->setEnabled(true);
    }
    return {};
}

void MainWindow::publishServerEdits()
{
    auto* remote = dynamic_cast<RemoteBackend*>(m_server.get());
    if (!m_mirror || !remote || m_publishing || mirrorChanges() == m_mirrorSaved) {
        return;
    }
    if (remote->connectionState() != Backend::ConnectionState::Connected) {
        return; // kept in the mirror; published once the server answers again
    }
    m_publishing = true;
    const auto done = qScopeGuard([this] { m_publishing = false; });
    LibrarySync sync(*m_mirror, remote->http());
    // The inventory goes as Ansible INI (a replace based on the revision last read), which has no form for a
    // dynamic group's rule: while the server's inventory has dynamic groups, inventory edits stay in the mirror
    // rather than turn the server's rules into plain member lists.
    int parts = LibrarySync::Everything;
    if (auto groups = remote->http().get(QStringLiteral("/api/v1/groups"))) {
        for (const QJsonValue& g : groups->value(QStringLiteral("groups")).toArray()) {
            if (!g.toObject().value(QStringLiteral("rule")).toString().isEmpty()) {
                parts = LibrarySync::Scripts | LibrarySync::Templates;
                break;
            }
        }
    }
    auto plan = sync.plan(parts);
    if (!plan) {
        statusBar()->showMessage(tr("Not saved on the server yet: %1").arg(plan.error().message), 8000);
        return;
    }
    if (parts != LibrarySync::Everything) {
        if (auto inventory = sync.plan(LibrarySync::InventoryPart); inventory && !inventory->items.isEmpty()
            && (inventory->items.first().state == LibrarySync::State::Changed
                || inventory->items.first().state == LibrarySync::State::Conflict)) {
            showMessage(tr("Inventory edits made here are not saved on the server: its inventory has dynamic groups, "
                           "whose rules the saving format cannot carry. Edit the server's inventory with opsdeck-cli "
                           "--server (inventory import, group add-dynamic) instead."),
                int(MessageBar::Type::Warning));
        }
    }
    const LibrarySync::Outcome outcome = sync.publish(*plan);
    m_mirrorSaved = mirrorChanges();
    if (!outcome.published.isEmpty()) {
        statusBar()->showMessage(
            tr("Saved on %1: %2").arg(m_serverProfile.url.host(), outcome.published.join(QStringLiteral(", "))), 6000);
    }
    QStringList conflicts;
    for (const LibrarySync::Item& item : std::as_const(plan->items)) {
        if (item.state == LibrarySync::State::Conflict) {
            conflicts.append(item.key());
        }
    }
    if (!outcome.failed.isEmpty() || !conflicts.isEmpty()) {
        showMessage(conflicts.isEmpty()
                ? tr("Not saved on the server: %1").arg(outcome.failed.join(QStringLiteral("; ")))
                : tr("Not saved on the server: %1 changed there too since it was read. Publish to Server… shows both "
                     "sides; nothing is overwritten until you choose.")
                      .arg(conflicts.join(QStringLiteral(", "))),
            int(MessageBar::Type::Warning), tr("Publish to Server…"), [this] { showPublishDialog(m_mirror.get()); });
    }
}

void MainWindow::closeServerLibrary()
{
    if (!m_mirror) {
        return;
    }
    publishServerEdits();
    std::unique_ptr<Workspace> mirror = std::move(m_mirror);
    rebuildLibraryPages(); // back on the workspace before the mirror closes
    mirror.reset();
    m_mirrorSaved = -1;
    if (m_reloadServerAction) {
        m_reloadServerAction->setEnabled(false);
    }
}

Backend* MainWindow::newWorkBackend() const
{
    if (m_server && m_newWorkOnServer) {
        return m_server.get();
    }
    return m_direct.get();
}

Backend* MainWindow::jobBackend() const
{
    if (m_handover) {
        return m_handover.get();
    }
    return newWorkBackend();
}

QSet<QString> MainWindow::unfinishedJobs(Backend* backend) const
{
    QSet<QString> ids;
    if (!backend) {
        return ids;
    }
    JobFilter filter;
    filter.statuses = HandoverBackend::unfinishedStatuses();
    // An unreachable server lists nothing: its jobs go on there, out of this window's view.
    if (auto jobs = backend->jobs(filter)) {
        for (const JobSummary& j : *jobs) {
            // DirectBackend also lists jobs another program on this machine runs: only this window's are handed over.
            if (backend != m_direct.get() || m_direct->isRunningHere(j.id)) {
                ids.insert(j.id);
            }
        }
    }
    return ids;
}

void MainWindow::newWorkChanged(Backend* before, Backend* goingAway)
{
    Backend* next = newWorkBackend();
    std::unique_ptr<HandoverBackend> old = std::move(m_handover);
    Backend* previous = nullptr;
    QSet<QString> running;
    if (before && before != next && before != goingAway) {
        previous = before;
        running = unfinishedJobs(before);
    } else if (old && old->previous() && old->previous() != next && old->previous() != goingAway) {
        // The backend of new work is replaced (another server): the jobs handed over before stay in view.
        previous = old->previous();
        running = old->handedOver();
    }
    if (next && previous && !running.isEmpty()) {
        m_handover = std::make_unique<HandoverBackend>(next, previous, running);
        connect(m_handover.get(), &HandoverBackend::handoverFinished, this,
            [this] { QTimer::singleShot(0, this, [this] { endHandoverIfDone(); }); });
    }
    if (m_jobs) {
        m_jobs->setBackend(jobBackend());
    }
    if (m_facts) {
        m_facts->setBackend(jobBackend());
    }
    placeWorkflows(); // before a server going away is let go
    old.reset(); // after the page let go of it
    if (m_server && m_newWorkOnServer) {
        m_backend->setServer(m_serverProfile.url.toString());
    } else {
        m_backend->setDirectSsh();
    }
    updateServerStatus();
}

void MainWindow::endHandoverIfDone()
{
    if (m_handover && m_handover->handedOver().isEmpty()) {
        if (m_jobs) {
            m_jobs->setBackend(newWorkBackend());
        }
        if (m_facts) {
            m_facts->setBackend(newWorkBackend());
        }
        m_handover.reset();
    }
}

Result<void> MainWindow::connectToServer(const ServerProfile& profile)
{
    if (!m_backendFactory) {
        const Error error(tr("This console cannot connect to a server: it was built without the remote backend."));
        showMessage(error.message, int(MessageBar::Type::Error));
        return error;
    }
    auto made = m_backendFactory(profile);
    if (!made) {
        showMessage(tr("Cannot connect to %1: %2").arg(profile.url.toString(), made.errorString()),
            int(MessageBar::Type::Error));
        return made.error();
    }
    Backend* before = newWorkBackend();
    closeServerLibrary(); // a previous server's: its edits saved there first
    std::unique_ptr<Backend> old = std::move(m_server);
    m_server = std::move(*made);
    m_serverProfile = profile;
    m_serverProfile.token.clear(); // kept in the secret store, not in the window
    m_newWorkOnServer = true;
    m_lastServerState = m_server->connectionState();
    connect(m_server.get(), &Backend::connectionStateChanged, this, [this] { onServerStateChanged(); });
    newWorkChanged(before, old.get());
    old.reset();
    if (m_serverMessageShown) {
        m_messageBar->hideMessage();
        m_serverMessageShown = false;
    }
    onServerStateChanged();
    statusBar()->showMessage(tr("Connected to %1").arg(m_serverProfile.url.toString()), 6000);
    if (m_secrets && !m_secrets->persistent() && m_server->connectionState() == Backend::ConnectionState::Connected) {
        // Said once, where it stays until read (the status bar would cut it short).
        showMessage(tr("Connected to %1. Secrets are kept only until you quit: no keychain is available.")
                        .arg(m_serverProfile.url.toString()),
            int(MessageBar::Type::Info));
    }
    if (dynamic_cast<RemoteBackend*>(m_server.get())
        && m_server->connectionState() == Backend::ConnectionState::Connected && !m_mirror) {
        (void)reloadFromServer(); // errors are shown in the message bar
    }
    return {};
}

void MainWindow::disconnectFromServer()
{
    if (!m_server) {
        return;
    }
    Backend* before = newWorkBackend();
    closeServerLibrary(); // its edits saved on the server first; the pages show the workspace again
    std::unique_ptr<Backend> server = std::move(m_server);
    m_newWorkOnServer = false;
    newWorkChanged(before, server.get());
    server.reset();
    if (m_serverMessageShown) {
        m_messageBar->hideMessage();
        m_serverMessageShown = false;
    }
    statusBar()->showMessage(
        tr("Disconnected from %1. Jobs running there go on on the server.").arg(m_serverProfile.url.toString()), 8000);
    m_serverProfile = {};
}

void MainWindow::useDirectForNewWork()
{
    if (!m_server || !m_newWorkOnServer) {
        return;
    }
    Backend* before = newWorkBackend();
    m_newWorkOnServer = false;
    newWorkChanged(before, nullptr);
    onServerStateChanged();
}

void MainWindow::useServerForNewWork()
{
    if (!m_server || m_newWorkOnServer) {
        return;
    }
    Backend* before = newWorkBackend();
    m_newWorkOnServer = true;
    newWorkChanged(before, nullptr);
    onServerStateChanged();
}

void MainWindow::showMessage(const QString& text, int type, const QString& actionText, std::function<void()> action)
{
    m_messageAction = std::move(action);
    m_messageBar->showMessage(text, static_cast<MessageBar::Type>(type), actionText);
    m_messageBar->show();
    m_serverMessageShown = false;
}

void MainWindow::onServerStateChanged()
{
    updateServerStatus();
    if (!m_server) {
        return;
    }
    const Backend::ConnectionState state = m_server->connectionState();
    const Backend::ConnectionState was = m_lastServerState;
    m_lastServerState = state;
    const QString url = m_serverProfile.url.toString();
    const QString error = m_server->connectionError();
    switch (state) {
    case Backend::ConnectionState::Reconnecting:
        if (m_newWorkOnServer) {
            showMessage(tr("The server %1 cannot be reached: %2. OpsDeck keeps trying to reconnect; jobs running "
                           "there go on.")
                            .arg(url, error),
                int(MessageBar::Type::Warning), tr("Use Direct SSH for New Work"), [this] { useDirectForNewWork(); });
        } else {
            showMessage(tr("The server %1 cannot be reached: %2. OpsDeck keeps trying to reconnect; new work runs "
                           "over direct SSH.")
                            .arg(url, error),
                int(MessageBar::Type::Warning));
        }
        m_serverMessageShown = true;
        break;
    case Backend::ConnectionState::Unauthorized:
        showMessage(tr("The server %1 refused the token: %2. Connect again with a valid token.").arg(url, error),
            int(MessageBar::Type::Error), tr("Connect to Server…"), [this] { showConnectDialog(); });
        m_serverMessageShown = true;
        break;
    case Backend::ConnectionState::Connected:
    case Backend::ConnectionState::Local:
        if (state == Backend::ConnectionState::Connected && !m_mirror && was != Backend::ConnectionState::Connected
            && dynamic_cast<RemoteBackend*>(m_server.get())) {
            QTimer::singleShot(0, this, [this] {
                if (!m_mirror && m_server && m_server->connectionState() == Backend::ConnectionState::Connected) {
                    (void)reloadFromServer();
                }
            });
        }
        if (!m_newWorkOnServer && was != Backend::ConnectionState::Connected) {
            showMessage(tr("The server %1 is reachable again. New work still runs over direct SSH.").arg(url),
                int(MessageBar::Type::Info), tr("Use the Server for New Work"), [this] { useServerForNewWork(); });
            m_serverMessageShown = true;
        } else if (m_serverMessageShown) {
            m_messageBar->hideMessage();
            m_messageBar->hide();
            m_serverMessageShown = false;
        }
        break;
    }
}

void MainWindow::showPublishDialog(Workspace* source)
{
    auto* remote = dynamic_cast<RemoteBackend*>(m_server.get());
    if (!remote) {
        return;
    }
    PublishDialog dialog(source ? source : m_workspace.get(), &remote->http(), this);
    dialog.compare();
    dialog.exec();
    if (source && source == m_mirror.get()) {
        m_mirrorSaved = mirrorChanges();
    }
}

void MainWindow::updateServerStatus()
{
    if (m_disconnectAction) {
        m_disconnectAction->setEnabled(m_server != nullptr);
    }
    if (m_publishAction) {
        m_publishAction->setEnabled(dynamic_cast<RemoteBackend*>(m_server.get()) != nullptr);
    }
    if (!m_serverLabel) {
        return;
    }
    if (!m_server) {
        m_serverLabel->hide();
        return;
    }
    const QString server = TlsPinStore::serverKey(m_serverProfile.url);
    const QString error = m_server->connectionError();
    QString text;
    QString tip;
    QString colour;
    switch (m_server->connectionState()) {
    case Backend::ConnectionState::Connected:
    case Backend::ConnectionState::Local:
        text = tr("Server %1: connected").arg(server);
        tip = m_newWorkOnServer
            ? tr("Connected to %1. New work runs on the server.").arg(m_serverProfile.url.toString())
            : tr("Connected to %1. New work runs over direct SSH (your choice).").arg(m_serverProfile.url.toString());
        colour = QStringLiteral("job.success");
        break;
    case Backend::ConnectionState::Reconnecting:
        text = tr("Server %1: reconnecting…").arg(server);
        tip = tr("Last error: %1").arg(error);
        colour = QStringLiteral("job.skipped"); // amber: a warning
        break;
    case Backend::ConnectionState::Unauthorized:
        text = tr("Server %1: unauthorized").arg(server);
        tip = tr("The server refused the token: %1").arg(error);
        colour = QStringLiteral("job.failed");
        break;
    }
    m_serverLabel->setText(QStringLiteral("● ") + text);
    m_serverLabel->setToolTip(tip);
    m_serverLabel->setProperty("stateColour", colour);
    m_serverLabel->setStyleSheet(QStringLiteral("QLabel#statusServer { color: %1; }").arg(Theme::color(colour).name()));
    m_serverLabel->show();
}

void MainWindow::showConnectDialog(const QString& url)
{
    ConnectDialog dialog(m_secrets.get(), m_pinFile, this);
    if (!url.isEmpty()) {
        dialog.setServer(url);
    } else if (m_server) {
        dialog.setServer(m_serverProfile.url.toString());
    }
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    (void)connectToServer(dialog.profile()); // errors are shown in the message bar
}

void MainWindow::setSecretStore(std::unique_ptr<SecretStore> store)
{
    if (store) {
        m_secrets = std::move(store);
    }
}

void MainWindow::rebuildRecentServers()
{
    m_recentMenu->clear();
    const QStringList recent = ServerProfile::recent();
    for (const QString& url : recent) {
        QAction* action = m_recentMenu->addAction(url);
        connect(action, &QAction::triggered, this, [this, url] { showConnectDialog(url); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent servers"))->setEnabled(false);
    }
}

void MainWindow::createActions()
{
    m_openAction = new QAction(this);
    m_openAction->setObjectName(QStringLiteral("action.openWorkspace"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] { openWorkspace(false); });

    m_newAction = new QAction(this);
    m_newAction->setObjectName(QStringLiteral("action.newWorkspace"));
    connect(m_newAction, &QAction::triggered, this, [this] { openWorkspace(true); });

    m_connectAction = new QAction(this);
    m_connectAction->setObjectName(QStringLiteral("action.connectServer"));
    connect(m_connectAction, &QAction::triggered, this, [this] { showConnectDialog(); });
    m_disconnectAction = new QAction(this);
    m_disconnectAction->setObjectName(QStringLiteral("action.disconnectServer"));
    m_disconnectAction->setEnabled(false);
    connect(m_disconnectAction, &QAction::triggered, this, [this] { disconnectFromServer(); });
    m_publishAction = new QAction(this);
    m_publishAction->setObjectName(QStringLiteral("action.publishToServer"));
    m_publishAction->setEnabled(false);
    connect(m_publishAction, &QAction::triggered, this, [this] { showPublishDialog(); });
    m_reloadServerAction = new QAction(this);
    m_reloadServerAction->setObjectName(QStringLiteral("action.reloadFromServer"));
    m_reloadServerAction->setEnabled(false);
    connect(m_reloadServerAction, &QAction::triggered, this, [this] { (void)reloadFromServer(); });
    // Edits made on the server's library are saved there shortly after (a quiet moment, not every keystroke).
    m_mirrorTimer = new QTimer(this);
    m_mirrorTimer->setInterval(2000);
    connect(m_mirrorTimer, &QTimer::timeout, this, [this] { publishServerEdits(); });
    m_mirrorTimer->start();

    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(QStringLiteral("action.quit"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, [this] { close(); });

    // Our own actions rather than QUndoStack::createUndoAction(): its "Undo %1" prefix comes from Qt's catalogue
    // and cannot be retranslated live.
    m_undoAction = new QAction(this);
    m_undoAction->setObjectName(QStringLiteral("action.undo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_undoAction->setEnabled(false);
    connect(m_undoAction, &QAction::triggered, m_undoStack, &QUndoStack::undo);
    connect(m_undoStack, &QUndoStack::canUndoChanged, m_undoAction, &QAction::setEnabled);
    connect(m_undoStack, &QUndoStack::undoTextChanged, this, [this] { retranslateUndoRedo(); });
    m_redoAction = new QAction(this);
    m_redoAction->setObjectName(QStringLiteral("action.redo"));
    m_redoAction->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y) });
    m_redoAction->setEnabled(false);
    connect(m_redoAction, &QAction::triggered, m_undoStack, &QUndoStack::redo);
    connect(m_undoStack, &QUndoStack::canRedoChanged, m_redoAction, &QAction::setEnabled);
    connect(m_undoStack, &QUndoStack::redoTextChanged, this, [this] { retranslateUndoRedo(); });

    m_runAction = new QAction(this);
    m_runAction->setObjectName(QStringLiteral("action.run"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_runAction, &QAction::triggered, this, [this] { runOnHosts(); });
    addAction(m_runAction);

    m_gatherFactsAction = new QAction(this);
    m_gatherFactsAction->setObjectName(QStringLiteral("action.gatherFacts"));
    m_gatherFactsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    m_gatherFactsAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_gatherFactsAction, &QAction::triggered, this, [this] { gatherFacts(); });
    addAction(m_gatherFactsAction);
    m_softwareAction = new QAction(this);
    m_softwareAction->setObjectName(QStringLiteral("action.software"));
    connect(m_softwareAction, &QAction::triggered, this, [this] { showFacts(0); });
    m_servicesAction = new QAction(this);
    m_servicesAction->setObjectName(QStringLiteral("action.services"));
    connect(m_servicesAction, &QAction::triggered, this, [this] { showFacts(1); });

    m_paletteAction = new QAction(this);
    m_paletteAction->setObjectName(QStringLiteral("action.commandPalette"));
    m_paletteAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P) });
    m_paletteAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_paletteAction, &QAction::triggered, this, [this] { showCommandPalette(); });

    m_notificationsAction = new QAction(this);
    m_notificationsAction->setObjectName(QStringLiteral("action.notifications"));
    m_notificationsAction->setCheckable(true);
    m_notificationsAction->setChecked(JobNotifications::enabled());
    connect(m_notificationsAction, &QAction::toggled, this, [](bool on) { JobNotifications::setEnabled(on); });

    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setObjectName(QStringLiteral("action.fullScreen"));
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence::FullScreen);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        if (on) {
            showFullScreen();
        } else {
            showNormal();
        }
    });

    m_themeGroup = new QActionGroup(this);
    const QStringList themeNames { QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark") };
    for (int i = 0; i < themeNames.size(); ++i) {
        auto* action = new QAction(m_themeGroup);
        action->setObjectName(QStringLiteral("action.theme.") + themeNames.at(i));
        action->setCheckable(true);
        connect(action, &QAction::triggered, this, [this, i] { setThemeMode(i); });
        m_themeActions.append(action);
    }
    m_themeActions.value(static_cast<int>(Theme::instance()->mode()))->setChecked(true);

    m_languageGroup = new QActionGroup(this);
    const QStringList languages { QString(), QStringLiteral("en"), QStringLiteral("zh_CN") };
    for (const QString& language : languages) {
        auto* action = new QAction(m_languageGroup);
        action->setObjectName(
            QStringLiteral("action.language.") + (language.isEmpty() ? QStringLiteral("system") : language));
        action->setCheckable(true);
        action->setData(language);
        connect(action, &QAction::triggered, this, [this, language] { setLanguage(language); });
        m_languageActions.append(action);
    }
    const QString savedLanguage = QSettings().value(QStringLiteral("ui/language")).toString();
    m_languageActions.value(std::max<int>(0, languages.indexOf(savedLanguage)))->setChecked(true);

    m_goGroup = new QActionGroup(this);
    for (int i = 0; i < PageCount; ++i) {
        auto* action = new QAction(m_goGroup);
        action->setObjectName(QStringLiteral("action.go.") + pageNames().at(i));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { setCurrentPage(i); });
        m_goActions.append(action);
    }

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(QStringLiteral("action.about"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        Dialogs::information(this, tr("About OpsDeck"),
            tr("OpsDeck %1\n\nAn operator console for fleet operations: inventory, scripts, templates, "
               "workflows and jobs, over a control server or direct SSH.")
                .arg(QCoreApplication::applicationVersion()));
    });
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setObjectName(QStringLiteral("action.aboutQt"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, this, [this] { QApplication::aboutQt(); });
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_connectAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("menu.recentServers"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { rebuildRecentServers(); });
    rebuildRecentServers();
    m_fileMenu->addAction(m_publishAction);
    m_fileMenu->addAction(m_reloadServerAction);
    m_fileMenu->addAction(m_disconnectAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_paletteAction);
    m_viewMenu->addSeparator();
    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeMenu->addActions(m_themeActions);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageActions);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_notificationsAction);
    m_viewMenu->addAction(m_fullScreenAction);

    m_goMenu = menuBar()->addMenu(QString());
    m_goMenu->addActions(m_goActions);

    m_inventoryMenu = menuBar()->addMenu(QString());
    m_inventoryMenu->addActions(m_inventory->actions());
    m_inventoryMenu->menuAction()->setVisible(!m_inventory->actions().isEmpty());
    m_inventoryMenu->addSeparator();
    m_inventoryMenu->addAction(m_gatherFactsAction);
    m_inventoryMenu->addAction(m_softwareAction);
    m_inventoryMenu->addAction(m_servicesAction);

    m_scriptsMenu = menuBar()->addMenu(QString());
    m_scriptsMenu->addActions(m_scripts->actions());

    m_templatesMenu = menuBar()->addMenu(QString());
    m_templatesMenu->addActions(m_templates->actions());
    m_templatesMenu->addSeparator();
    m_templatesMenu->addAction(m_runAction); // pushes the template shown

    m_jobsMenu = menuBar()->addMenu(QString());
    m_jobsMenu->addAction(m_runAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createStatusBar()
{
    m_backendLabel = new QLabel(this);
    m_backendLabel->setObjectName(QStringLiteral("statusBackend"));
    m_workspaceLabel = new QLabel(this);
    m_workspaceLabel->setObjectName(QStringLiteral("statusWorkspace"));
    m_hostsLabel = new QLabel(this);
    m_hostsLabel->setObjectName(QStringLiteral("statusHosts"));
    m_serverLabel = new QLabel(this);
    m_serverLabel->setObjectName(QStringLiteral("statusServer"));
    m_serverLabel->hide();
    statusBar()->addPermanentWidget(m_hostsLabel);
    statusBar()->addPermanentWidget(m_workspaceLabel);
    statusBar()->addPermanentWidget(m_backendLabel);
    statusBar()->addPermanentWidget(m_serverLabel);
}

void MainWindow::retranslateUi()
{
    const QStringList titles { tr("Inventory"), tr("Scripts"), tr("Templates"), tr("Workflows"), tr("Jobs"),
        tr("Facts") };
    for (int i = 0; i < PageCount; ++i) {
        m_navigation->item(i)->setText(titles.at(i));
        m_navigation->item(i)->setToolTip(tr("%1 (%2)").arg(titles.at(i),
            m_goActions.value(i) ? m_goActions.at(i)->shortcut().toString(QKeySequence::NativeText) : QString()));
    }

    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_themeMenu->setTitle(tr("&Theme"));
    m_languageMenu->setTitle(tr("&Language"));
    m_goMenu->setTitle(tr("&Go"));
    m_inventoryMenu->setTitle(tr("&Inventory"));
    m_scriptsMenu->setTitle(tr("&Scripts"));
    m_templatesMenu->setTitle(tr("&Templates"));
    m_jobsMenu->setTitle(tr("&Jobs"));
    m_runAction->setText(tr("&Run or Push on Hosts…"));
    m_gatherFactsAction->setText(tr("&Gather Facts"));
    m_gatherFactsAction->setToolTip(
        tr("Gather the facts of the selected hosts (or of those the search shows): packages, services, OS"));
    m_softwareAction->setText(tr("Soft&ware of Hosts"));
    m_servicesAction->setText(tr("Ser&vices of Hosts"));
    m_helpMenu->setTitle(tr("&Help"));

    m_openAction->setText(tr("&Open Workspace…"));
    m_newAction->setText(tr("&New Workspace…"));
    m_quitAction->setText(tr("&Quit"));
    m_connectAction->setText(tr("&Connect to Server…"));
    m_recentMenu->setTitle(tr("&Recent Servers"));
    m_disconnectAction->setText(tr("&Disconnect from Server"));
    m_publishAction->setText(tr("&Publish to Server…"));
    m_reloadServerAction->setText(tr("&Reload from Server"));
    m_reloadServerAction->setToolTip(tr("Read the server's inventory and libraries again (edits made here are saved "
                                        "there first)"));
    retranslateUndoRedo();
    m_paletteAction->setText(tr("&Command Palette…"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_notificationsAction->setText(tr("Desktop &Notifications"));
    m_notificationsAction->setToolTip(
        tr("Tell me when a job or workflow I started ends, fails or waits for me while this window is not in front"));
    m_themeActions.at(0)->setText(tr("Follow &System"));
    m_themeActions.at(1)->setText(tr("&Light"));
    m_themeActions.at(2)->setText(tr("&Dark"));
    m_languageActions.at(0)->setText(tr("&System Language"));
    // Language names are shown in their own language, so that anyone can find theirs: not translated.
    m_languageActions.at(1)->setText(QStringLiteral("English"));
    m_languageActions.at(2)->setText(QStringLiteral("中文 (简体)"));
    for (int i = 0; i < PageCount; ++i) {
        m_goActions.at(i)->setText(titles.at(i));
        m_goActions.at(i)->setProperty("paletteText", tr("Go to %1").arg(titles.at(i)));
    }
    m_aboutAction->setText(tr("&About OpsDeck"));
    m_aboutQtAction->setText(tr("About &Qt"));

    m_backendLabel->setText(tr("Backend: %1").arg(m_backend->displayName()));
    m_backendLabel->setToolTip(tr("Where jobs run: the control server, or direct SSH from this workstation"));
    updateWorkspaceLabel();
    updateHostCount();
    updateServerStatus();
}

void MainWindow::retranslateUndoRedo()
{
    const QString undo = m_undoStack->undoText();
    const QString redo = m_undoStack->redoText();
    m_undoAction->setText(undo.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(undo));
    m_redoAction->setText(redo.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(redo));
}

void MainWindow::applyTheme()
{
    const QStringList icons { QStringLiteral("inventory"), QStringLiteral("scripts"), QStringLiteral("templates"),
        QStringLiteral("workflows"), QStringLiteral("jobs"), QStringLiteral("facts") };
    for (int i = 0; i < PageCount; ++i) {
        m_navigation->item(i)->setIcon(Theme::icon(icons.at(i)));
        m_goActions.at(i)->setIcon(Theme::icon(icons.at(i)));
    }
    m_paletteAction->setIcon(Theme::icon(QStringLiteral("command")));
    m_openAction->setIcon(Theme::icon(QStringLiteral("workspace")));
    const auto c = [](const char* role) { return Theme::color(QLatin1String(role)).name(); };
    m_sidebar->setStyleSheet(
        QStringLiteral("QWidget#sidebar { background: %1; }"
                       "QLabel#sidebarTitle { color: %2; }"
                       "QListWidget#navigation { background: transparent; border: none; outline: 0; }"
                       "QListWidget#navigation::item { color: %2; padding: 7px 8px; margin: 1px 8px;"
                       " border-radius: 6px; }"
                       "QListWidget#navigation::item:hover { background: %3; }"
                       "QListWidget#navigation::item:selected { background: %4; color: %5; }")
            .arg(c("sidebar.background"), c("sidebar.text"), c("midlight"), c("sidebar.selection"),
                c("sidebar.selectionText")));
    m_splitter->setStyleSheet(QStringLiteral("QSplitter#mainSplitter::handle { background: %1; }").arg(c("border")));
    statusBar()->setStyleSheet(QStringLiteral(
        "QStatusBar { background: %1; color: %2; border-top: 1px solid %3; }"
        "QStatusBar::item { border: none; }"
        "QStatusBar QLabel { color: %2; padding: 0 10px; }"
        "QLabel#statusWorkspace, QLabel#statusBackend, QLabel#statusServer { border-left: 1px solid %3; }")
                                   .arg(c("statusbar.background"), c("statusbar.text"), c("border")));
    m_themeActions.value(static_cast<int>(Theme::instance()->mode()))->setChecked(true);
    updateServerStatus(); // its colour is the theme's
}

void MainWindow::updateWorkspaceLabel()
{
    if (!m_workspaceLabel) {
        return;
    }
    const QString path = m_workspace ? QDir::toNativeSeparators(m_workspace->path()) : QString();
    const QString shown = m_workspaceLabel->fontMetrics().elidedText(path, Qt::ElideMiddle, 380);
    if (m_mirror) {
        // The library pages show the server's: say so where the workspace is named.
        m_workspaceLabel->setText(tr("Inventory and libraries: %1").arg(m_serverProfile.url.host()));
        m_workspaceLabel->setToolTip(tr("The pages show the server's inventory and libraries (a mirror kept in %1); "
                                        "edits are saved on the server. Jobs are kept in %2.")
                                         .arg(QDir::toNativeSeparators(m_mirror->path()), path));
    } else {
        m_workspaceLabel->setText(tr("Workspace: %1").arg(shown));
        m_workspaceLabel->setToolTip(path);
    }
    setWindowTitle(m_workspace ? QFileInfo(m_workspace->path()).fileName() : QString());
}

void MainWindow::updateHostCount()
{
    if (m_hostsTotal < 0) {
        m_hostsLabel->clear();
        m_hostsLabel->hide();
        return;
    }
    m_hostsLabel->show();
    const QString total = tr("%n host(s)", nullptr, m_hostsTotal);
    m_hostsLabel->setText(m_hostsShown == m_hostsTotal ? total : tr("%1 of %2 shown").arg(m_hostsShown).arg(total));
}

QList<QPair<QAction*, QString>> MainWindow::paletteActions() const
{
    QList<QPair<QAction*, QString>> result;
    QList<QAction*> seen;
    const auto add = [&](QAction* action, const QString& category) {
        if (!action || action->isSeparator() || action == m_paletteAction || seen.contains(action)) {
            return;
        }
        seen.append(action);
        const QString custom = action->property("paletteText").toString();
        const QString text = plainText(action->text());
        result.append({ action,
            !custom.isEmpty()        ? custom
                : category.isEmpty() ? text
                                     : category + QLatin1String(": ") + text });
    };
    std::function<void(const QList<QAction*>&, const QString&)> walk;
    walk = [&](const QList<QAction*>& actions, const QString& category) {
        for (QAction* action : actions) {
            if (QMenu* menu = action->menu()) {
                if (!action->isVisible()) {
                    continue;
                }
                const QString title = plainText(menu->title());
                walk(menu->actions(), category.isEmpty() ? title : category + QStringLiteral(" › ") + title);
            } else {
                add(action, category);
            }
        }
    };
    walk(menuBar()->actions(), QString());
    if (m_inventory) {
        for (QAction* action : m_inventory->actions()) {
            add(action, tr("Inventory"));
        }
    }
    return result;
}

void MainWindow::showCommandPalette()
{
    QList<CommandPalette::Entry> entries;
    for (const auto& [action, label] : paletteActions()) {
        entries.append({ action, label });
    }
    m_palette->setEntries(entries);
    m_palette->popup();
}

void MainWindow::openWorkspace(bool create)
{
    if (m_scripts && !m_scripts->maybeSaveAll()) {
        setCurrentPage(ScriptsPage);
        return;
    }
    if (m_templates && !m_templates->maybeSaveAll()) {
        setCurrentPage(TemplatesPage);
        return;
    }
    const QString path = Startup::chooseWorkspaceFile(this, create);
    if (path.isEmpty()) {
        return;
    }
    if (QFileInfo(path).canonicalFilePath() == QFileInfo(m_workspace->path()).canonicalFilePath()) {
        statusBar()->showMessage(tr("%1 is the workspace open here.").arg(QDir::toNativeSeparators(path)), 6000);
        return;
    }
    if (WorkspaceInstance::forward(path)) {
        // Open in another window: that one comes forward, and the file is not opened twice.
        statusBar()->showMessage(tr("%1 is open in another OpsDeck window: it was brought to the front.")
                                     .arg(QDir::toNativeSeparators(path)),
            8000);
        return;
    }
    auto opened = Startup::openOrCreate(path, false);
    if (!opened) {
        // The current workspace stays open; the refused file was not touched.
        m_messageBar->showMessage(
            tr("Cannot open the workspace: %1").arg(opened.errorString()), MessageBar::Type::Error);
        m_messageBar->show();
        return;
    }
    QSettings().setValue(QStringLiteral("workspace/last"), opened.value()->path());
    setWorkspace(std::move(opened.value()));
    m_messageBar->hideMessage();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_workspace->path())), 6000);
}

void MainWindow::setLanguage(const QString& language)
{
    QSettings().setValue(QStringLiteral("ui/language"), language);
    const QString resolved = Startup::resolveLanguage(language);
    if (resolved == Startup::currentLanguage()) {
        return;
    }
    if (!Startup::installTranslators(resolved)) {
        m_messageBar->showMessage(
            tr("The translation for %1 could not be loaded.").arg(resolved), MessageBar::Type::Warning);
        m_messageBar->show();
        return;
    }
    // Everything listening to QEvent::LanguageChange switched already; texts computed once (column headers of
    // some views, open dialogs) follow after a restart.
    m_messageBar->showMessage(tr("Language changed. Restart OpsDeck if some texts still show the previous language."),
        MessageBar::Type::Info);
    m_messageBar->show();
}

void MainWindow::setThemeMode(int mode)
{
    const auto themeMode = static_cast<Theme::Mode>(mode);
    QSettings().setValue(QStringLiteral("ui/theme"), Theme::modeToString(themeMode));
    Theme::instance()->setMode(themeMode);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QLatin1String(kSettingsGroup));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("page"), pageNames().value(currentPage()));
    // Every named splitter and item-view header of the window, generically: pages keep their layout without
    // knowing about settings.
    for (const QSplitter* splitter : findChildren<QSplitter*>()) {
        if (!splitter->objectName().isEmpty()) {
            settings.setValue(QStringLiteral("splitters/") + splitter->objectName(), splitter->saveState());
        }
    }
    for (const QHeaderView* header : findChildren<QHeaderView*>()) {
        const QString key = headerKey(header);
        if (!key.isEmpty() && header->window() == this && header->count() > 0) {
            settings.setValue(QStringLiteral("headers/") + key, header->saveState());
        }
    }
    settings.endGroup();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(QLatin1String(kSettingsGroup));
    if (const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray(); !geometry.isEmpty()) {
        restoreGeometry(geometry);
    }
    if (const QByteArray state = settings.value(QStringLiteral("state")).toByteArray(); !state.isEmpty()) {
        restoreState(state);
    }
    for (QSplitter* splitter : findChildren<QSplitter*>()) {
        const QByteArray state = settings.value(QStringLiteral("splitters/") + splitter->objectName()).toByteArray();
        if (!splitter->objectName().isEmpty() && !state.isEmpty()) {
            splitter->restoreState(state);
        }
    }
    for (QHeaderView* header : findChildren<QHeaderView*>()) {
        const QString key = headerKey(header);
        if (key.isEmpty() || header->window() != this) {
            continue;
        }
        const QByteArray state = settings.value(QStringLiteral("headers/") + key).toByteArray();
        if (!state.isEmpty()) {
            header->restoreState(state);
        }
    }
    const int page = pageNames().indexOf(settings.value(QStringLiteral("page")).toString());
    if (page >= 0) {
        setCurrentPage(page);
    }
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Unsaved scripts are asked about; "Cancel" keeps the window open.
    if (m_scripts && !m_scripts->maybeSaveAll()) {
        setCurrentPage(ScriptsPage);
        event->ignore();
        return;
    }
    if (m_templates && !m_templates->maybeSaveAll()) {
        setCurrentPage(TemplatesPage);
        event->ignore();
        return;
    }
    if (m_workflowsPage && !m_workflowsPage->maySwitchAway()) {
        setCurrentPage(WorkflowsPage);
        event->ignore();
        return;
    }
    if (m_direct) {
        JobFilter running;
        running.statuses
            = { JobStatus::Running, JobStatus::Paused, JobStatus::WaitingForConfirmation, JobStatus::Cancelling };
        int here = 0;
        if (auto jobs = m_direct->jobs(running)) {
            for (const JobSummary& j : *jobs) {
                here += m_direct->isRunningHere(j.id) ? 1 : 0;
            }
        }
        const int workflows = m_workflowsPage ? m_workflowsPage->runningCount() : 0;
        if (workflows > 0
            && !Dialogs::confirmDestructive(this, tr("Workflows Are Running"),
                tr("%n workflow(s) run in this window. Closing stops them: they show as interrupted after the next "
                   "start, with everything they did.",
                    nullptr, workflows),
                tr("Close and Stop Workflows"))) {
            setCurrentPage(WorkflowsPage);
            event->ignore();
            return;
        }
        if (here > 0
            && !Dialogs::confirmDestructive(this, tr("Jobs Are Running"),
                tr("%n job(s) run in this window. Closing stops them: hosts in flight end as interrupted, the rest "
                   "never start. Their output so far is kept.",
                    nullptr, here),
                tr("Close and Stop Jobs"))) {
            setCurrentPage(JobsPage);
            event->ignore();
            return;
        }
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_fileMenu) {
        retranslateUi();
        statusBar()->clearMessage(); // a transient message in the previous language

        const QString language = Startup::currentLanguage();
        for (QAction* action : std::as_const(m_languageActions)) {
            if (action->isChecked()) {
                return;
            }
        }
        m_languageActions.value(language == QLatin1String("zh_CN") ? 2 : 1)->setChecked(true);
    }
}

QAction* MainWindow::pageShortcutOutsidePage(QObject* watched, const QKeyEvent* key) const
{
    auto* widget = qobject_cast<QWidget*>(watched);
    QWidget* page = m_stack ? m_stack->currentWidget() : nullptr;
    // Judged at the first receiver only (the focus widget, or the window when nothing has focus): an event the
    // page's widgets leave unaccepted travels on to their parents outside the page, and must not be claimed there.
    const QWidget* focus = QApplication::focusWidget();
    if (!widget || !page || (focus && widget != focus) || widget->window() != this || widget == page
        || page->isAncestorOf(widget)) {
        return nullptr;
    }
    // Plain keys (Delete, letters, Return) act on what has the focus: Delete in the sidebar must not delete
    // the inventory's selected hosts. Chords and function keys are commands, meant for the page shown.
    const bool chord = key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
    const bool functionKey = key->key() >= Qt::Key_F1 && key->key() <= Qt::Key_F35;
    if (!chord && !functionKey) {
        return nullptr;
    }
    const QKeySequence pressed(key->keyCombination());
    for (QAction* action : page->actions()) {
        if (action->shortcutContext() == Qt::WidgetWithChildrenShortcut && action->isEnabled()
            && action->shortcuts().contains(pressed)) {
            return action;
        }
    }
    return nullptr;
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && m_paletteAction) {
        auto* key = static_cast<QKeyEvent*>(event);
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget && widget->window() == this) {
            const QKeySequence pressed(key->keyCombination());
            if (m_paletteAction->shortcuts().contains(pressed)) {
                // Swallowing the override (left unaccepted) lets the shortcut map run our action instead.
                return true;
            }
        }
        // The pages' shortcuts act while the focus is inside the page (so that pages can share keys). After a
        // click in the sidebar, or with nothing focused, the focus is outside every page: the key is claimed here
        // (an accepted override comes back as a key press) and runs the shown page's action.
        if (pageShortcutOutsidePage(watched, key)) {
            key->accept();
            return true;
        }
    }
    if (event->type() == QEvent::KeyPress) {
        if (QAction* action = pageShortcutOutsidePage(watched, static_cast<QKeyEvent*>(event))) {
            action->trigger();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}
