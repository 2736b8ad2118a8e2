#include "FactsPage.h"

#include "Backend.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/LayerText.h"
#include "common/MessageBar.h"
#include "facts/FactStore.h"
#include "jobs/RunDialog.h"
#include "runner/FactsGathering.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeView>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace {

// The library script the Upgrade… button chooses (models/demo adds one to a new workspace).
const char* const kUpgradeScript = "package-upgrade";
constexpr int kHostRole = Qt::UserRole + 1; // a host item's host name; a version item's hosts (QStringList)

struct Loaded {
    bool ok = false;
    QString error;
    QList<FleetFacts::Package> packages;
    QList<FleetFacts::Service> services;
    int hosts = 0;
    QDateTime oldest;
    QDateTime newest;
};

// Runs in a worker, on a connection of its own (a Workspace belongs to the thread that opened it).
Loaded loadInWorker(const QString& path, const QStringList& scope)
{
    Loaded out;
    auto ws = Workspace::open(path);
    if (!ws) {
        out.error = ws.errorString();
        return out;
    }
    FactStore store(**ws);
    auto entries = store.list();
    if (!entries) {
        out.error = entries.errorString();
        return out;
    }
    const QSet<QString> wanted(scope.cbegin(), scope.cend());
    QList<FactStore::HostFacts> facts;
    for (const FactStore::Entry& e : *entries) {
        if (!wanted.isEmpty() && !wanted.contains(e.host)) {
            continue;
        }
        auto one = store.get(e.host);
        if (!one) {
            out.error = one.errorString();
            return out;
        }
        if (*one) {
            facts.append(**one);
            if (!out.oldest.isValid() || e.gatheredAt < out.oldest) {
                out.oldest = e.gatheredAt;
            }
            if (!out.newest.isValid() || e.gatheredAt > out.newest) {
                out.newest = e.gatheredAt;
            }
        }
    }
    out.hosts = int(facts.size());
    out.packages = FleetFacts::packages(facts);
    out.services = FleetFacts::services(facts);
    out.ok = true;
    return out;
}

QString shortTime(const QDateTime& t)
{
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

QTreeView* makeListView(QSortFilterProxyModel* proxy, const QString& name)
{
    auto* view = new QTreeView;
    view->setObjectName(name);
    view->setModel(proxy);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setSortingEnabled(true);
    view->sortByColumn(0, Qt::AscendingOrder);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->header()->setStretchLastSection(true);
    view->header()->setMinimumSectionSize(60);
    view->header()->resizeSection(0, 240);
    return view;
}

QStandardItem* countItem(int n)
{
    auto* item = new QStandardItem;
    item->setData(n, Qt::DisplayRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

bool selectByName(QTreeView* view, QSortFilterProxyModel* proxy, QLineEdit* filter, const QString& name)
{
    auto find = [&] {
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QModelIndex index = proxy->index(row, 0);
            if (index.data().toString() == name) {
                return index;
            }
        }
        return QModelIndex();
    };
    QModelIndex index = find();
    if (!index.isValid() && !filter->text().isEmpty()) {
        filter->clear();
        index = find();
    }
    if (!index.isValid()) {
        return false;
    }
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
    return true;
}

QString selectedName(const QTreeView* view)
{
    const QModelIndexList rows = view->selectionModel() ? view->selectionModel()->selectedRows() : QModelIndexList {};
    return rows.isEmpty() ? QString() : rows.first().data().toString();
}

// systemctl/journalctl with sudo when not root (sudo -n: never a password prompt on a job's terminal-less session).
const char* const kServiceScript = R"sh(#!/bin/sh
# Runs systemctl ACTION UNIT (or journalctl for "journal"), through sudo -n when not root.
set -eu
action=$1
unit=$2
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    set -- sudo -n
else
    set --
fi
if [ "$action" = journal ]; then
    exec "$@" journalctl --no-pager -n 200 -u "$unit"
fi
"$@" systemctl "$action" "$unit"
"$@" systemctl --no-pager --lines=5 status "$unit" || true
)sh";

// One tab of the page: a filter over a list (a proxy over a plain model), beside it a label, a tree of what the
// picked row holds and a row of buttons.
struct Pane {
    QWidget* tab = nullptr;
    QLineEdit* filter = nullptr;
    QStandardItemModel* model = nullptr;
    QSortFilterProxyModel* proxy = nullptr;
    QTreeView* view = nullptr;
    QWidget* side = nullptr;
    QLabel* label = nullptr;
    QTreeWidget* tree = nullptr;
    QHBoxLayout* buttons = nullptr;
};

Pane makePane(QTabWidget* tabs, const QString& name, int treeColumns)
{
    Pane p;
    p.tab = new QWidget(tabs);
    auto* layout = new QVBoxLayout(p.tab);
    p.filter = new QLineEdit(p.tab);
    p.filter->setObjectName(name + QStringLiteral("Filter"));
    p.filter->setClearButtonEnabled(true);
    layout->addWidget(p.filter);
    auto* split = new QSplitter(Qt::Horizontal, p.tab);
    p.model = new QStandardItemModel(0, 4, p.tab);
    p.proxy = new QSortFilterProxyModel(p.tab);
    p.proxy->setSourceModel(p.model);
    p.proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    p.proxy->setFilterKeyColumn(0);
    QObject::connect(p.filter, &QLineEdit::textChanged, p.proxy,
        [proxy = p.proxy](const QString& text) { proxy->setFilterFixedString(text.trimmed()); });
    p.view = makeListView(p.proxy, name + QStringLiteral("View"));
    split->addWidget(p.view);
    p.side = new QWidget(split);
    auto* side = new QVBoxLayout(p.side);
    side->setContentsMargins(0, 0, 0, 0);
    p.label = new QLabel(p.side);
    p.label->setWordWrap(true);
    side->addWidget(p.label);
    p.tree = new QTreeWidget(p.side);
    p.tree->setObjectName(
        name == QLatin1String("package") ? QStringLiteral("versionTree") : name + QStringLiteral("Tree"));
    p.tree->setColumnCount(treeColumns);
    p.tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    p.tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    p.tree->header()->setStretchLastSection(false);
    for (int column = 1; column < treeColumns; ++column) {
        p.tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    side->addWidget(p.tree, 1);
    p.buttons = new QHBoxLayout;
    p.buttons->addStretch(1);
    side->addLayout(p.buttons);
    split->addWidget(p.side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    return p;
}

// At most ten host names, for a question (a thousand would not fit in a message box).
QString someHosts(const QStringList& hosts)
{
    constexpr int kShown = 10;
    return hosts.size() <= kShown ? hosts.join(QStringLiteral(", "))
                                  : hosts.mid(0, kShown).join(QStringLiteral(", ")) + QStringLiteral(", …");
}

} // namespace

FactsPage::FactsPage(Workspace* workspace, Backend* backend, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_backend(backend)
{
    setObjectName(QStringLiteral("factsPage"));
    auto* layout = new QVBoxLayout(this);
    m_message = new MessageBar(this);
    m_message->hide();
    layout->addWidget(m_message);

    auto* top = new QHBoxLayout;
    m_scopeLabel = new QLabel(this);
    m_scopeLabel->setObjectName(QStringLiteral("factsScope"));
    m_scopeLabel->setWordWrap(true);
    top->addWidget(m_scopeLabel, 1);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("factsProgress"));
    m_progress->setMaximumWidth(240);
    m_progress->hide();
    top->addWidget(m_progress);
    m_gather = new QPushButton(this);
    m_gather->setObjectName(QStringLiteral("factsGather"));
    connect(m_gather, &QPushButton::clicked, this, [this] { emit gatherRequested(); });
    top->addWidget(m_gather);
    layout->addLayout(top);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("factsTabs"));
    layout->addWidget(m_tabs, 1);

    // Software: the packages, and the picked package's versions with their hosts.
    Pane software = makePane(m_tabs, QStringLiteral("package"), 2);
    m_packageFilter = software.filter;
    m_packageModel = software.model;
    m_packageProxy = software.proxy;
    m_packageView = software.view;
    m_versionLabel = software.label;
    m_versionTree = software.tree;
    m_upgrade = new QPushButton(software.side);
    m_upgrade->setObjectName(QStringLiteral("packageUpgrade"));
    software.buttons->addWidget(m_upgrade);
    m_tabs->addTab(software.tab, QString());

    // Services: the units, and the picked unit on each host.
    Pane services = makePane(m_tabs, QStringLiteral("service"), 5);
    m_serviceFilter = services.filter;
    m_serviceModel = services.model;
    m_serviceProxy = services.proxy;
    m_serviceView = services.view;
    m_serviceLabel = services.label;
    m_serviceHosts = services.tree;
    m_serviceHosts->setObjectName(QStringLiteral("serviceHosts"));
    m_serviceHosts->setRootIsDecorated(false);
    const QList<std::pair<QPushButton**, ServiceAction>> serviceButtons { { &m_start, ServiceAction::Start },
        { &m_stop, ServiceAction::Stop }, { &m_restart, ServiceAction::Restart },
        { &m_journal, ServiceAction::Journal } };
    const QStringList names { QStringLiteral("serviceStart"), QStringLiteral("serviceStop"),
        QStringLiteral("serviceRestart"), QStringLiteral("serviceJournal") };
    for (int i = 0; i < serviceButtons.size(); ++i) {
        auto* button = new QPushButton(services.side);
        button->setObjectName(names.at(i));
        const ServiceAction action = serviceButtons.at(i).second;
        connect(button, &QPushButton::clicked, this, [this, action] { runServiceAction(action); });
        *serviceButtons.at(i).first = button;
        services.buttons->addWidget(button);
    }
    m_tabs->addTab(services.tab, QString());

    connect(m_packageView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FactsPage::showVersions);
    connect(
        m_serviceView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FactsPage::showServiceHosts);
    connect(m_versionTree, &QTreeWidget::itemSelectionChanged, this, &FactsPage::updateButtons);
    connect(m_serviceHosts, &QTreeWidget::itemSelectionChanged, this, &FactsPage::updateButtons);
    connect(m_upgrade, &QPushButton::clicked, this, &FactsPage::upgradeSelected);

    retranslateUi();
    updateButtons();
    refresh();
}

FactsPage::~FactsPage()
{
    delete m_gathering; // before the store it writes to
}

void FactsPage::setBackend(Backend* backend)
{
    m_backend = backend;
}

void FactsPage::setScope(const QStringList& hosts, const QString& description)
{
    if (hosts == m_scope && description == m_scopeDescription) {
        return;
    }
    m_scope = hosts;
    m_scopeDescription = description;
    refresh();
}

void FactsPage::refresh()
{
    if (!m_workspace) {
        return;
    }
    updateScopeLabel();
    m_load.run(
        this, [path = m_workspace->path(), scope = m_scope] { return loadInWorker(path, scope); },
        [this](const Loaded& result) {
            if (!result.ok) {
                m_message->showMessage(tr("Cannot read the facts: %1").arg(result.error), MessageBar::Type::Error);
                m_message->show();
            } else {
                m_packages = result.packages;
                m_services = result.services;
                m_hostsWithFacts = result.hosts;
                m_oldest = result.oldest;
                m_newest = result.newest;
                fillPackages();
                fillServices();
            }
            updateScopeLabel();
            emit loaded();
        });
}

void FactsPage::fillPackages()
{
    const QString current = selectedPackage();
    m_packageModel->removeRows(0, m_packageModel->rowCount());
    QList<QList<QStandardItem*>> rows;
    rows.reserve(m_packages.size());
    for (const FleetFacts::Package& p : m_packages) {
        QStringList versions;
        for (const FleetFacts::VersionHosts& v : p.versions) {
            versions << tr("%1 (%n host(s))", "", int(v.hosts.size())).arg(v.version);
        }
        auto* newest = new QStandardItem(p.newest());
        const int onNewest = p.versions.isEmpty() ? 0 : int(p.versions.first().hosts.size());
        newest->setToolTip(tr("%n host(s) on the newest version", "", onNewest));
        auto* name = new QStandardItem(p.name);
        if (p.versions.size() > 1) {
            name->setToolTip(tr("%n version(s) installed", "", int(p.versions.size())));
        }
        rows.append({ name, countItem(p.hostCount), newest, new QStandardItem(versions.join(QStringLiteral(", "))) });
    }
    for (QList<QStandardItem*>& row : rows) {
        m_packageModel->appendRow(row);
    }
    if (!current.isEmpty()) {
        selectByName(m_packageView, m_packageProxy, m_packageFilter, current);
    }
    showVersions();
}

void FactsPage::fillServices()
{
    const QString current = selectedService();
    m_serviceModel->removeRows(0, m_serviceModel->rowCount());
    for (const FleetFacts::Service& s : m_services) {
        auto* name = new QStandardItem(s.name);
        m_serviceModel->appendRow({ name, countItem(s.active), countItem(s.failed), countItem(s.inactive) });
    }
    if (!current.isEmpty()) {
        selectByName(m_serviceView, m_serviceProxy, m_serviceFilter, current);
    }
    showServiceHosts();
}

void FactsPage::showVersions()
{
    m_versionTree->clear();
    const QString name = selectedPackage();
    const auto it = std::find_if(
        m_packages.cbegin(), m_packages.cend(), [&](const FleetFacts::Package& p) { return p.name == name; });
    if (it == m_packages.cend()) {
        m_versionLabel->setText(tr("Pick a package to see its versions and the hosts on each."));
        updateButtons();
        return;
    }
    const QString versionCount = tr("%n version(s)", "", int(it->versions.size()));
    const QString hostCount = tr("%n host(s)", "", it->hostCount);
    m_versionLabel->setText(
        tr("%1: %2 on %3. Pick a version (or hosts) to upgrade them.").arg(it->name, versionCount, hostCount));
    for (int i = 0; i < it->versions.size(); ++i) {
        const FleetFacts::VersionHosts& v = it->versions.at(i);
        auto* item = new QTreeWidgetItem(m_versionTree);
        item->setText(0, i == 0 ? tr("%1 (newest)").arg(v.version) : v.version);
        item->setText(1, tr("%n host(s)", "", int(v.hosts.size())));
        item->setData(0, kHostRole, v.hosts);
        for (const QString& host : v.hosts) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(0, host);
            child->setData(0, kHostRole, host);
        }
        item->setExpanded(it->versions.size() <= 3);
    }
    updateButtons();
}

void FactsPage::showServiceHosts()
{
    m_serviceHosts->clear();
    const QString name = selectedService();
    const auto it = std::find_if(
        m_services.cbegin(), m_services.cend(), [&](const FleetFacts::Service& s) { return s.name == name; });
    if (it == m_services.cend()) {
        m_serviceLabel->setText(tr("Pick a service to see it on each host."));
        updateButtons();
        return;
    }
    m_serviceLabel->setText(
        tr("%1: active on %2, failed on %3, inactive on %4 of %n host(s). The state is as of each host's gathering.",
            "", int(it->hosts.size()))
            .arg(it->name)
            .arg(it->active)
            .arg(it->failed)
            .arg(it->inactive));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (it->oldestSince.isValid()) {
        const QString oldest = LayerText::age(it->oldestSince, now);
        const QString newest = LayerText::age(it->newestSince, now);
        // Sentences are joined by the language's own rule (a space in English, nothing in Chinese).
        m_serviceLabel->setText(tr("%1 %2", "two sentences, one after the other")
                                    .arg(m_serviceLabel->text(),
                                        oldest == newest ? tr("Last state change: %1.").arg(oldest)
                                                         : tr("State changes between %1 and %2.").arg(oldest, newest)));
    }
    for (const FleetFacts::ServiceHost& h : it->hosts) {
        auto* item = new QTreeWidgetItem(m_serviceHosts);
        item->setText(0, h.host);
        item->setData(0, kHostRole, h.host);
        const QString condition = FleetFacts::serviceCondition(h.state, h.status);
        item->setText(1,
            condition == QLatin1String("active")       ? tr("active")
                : condition == QLatin1String("failed") ? tr("failed")
                                                       : tr("inactive"));
        if (h.since.isValid()) {
            item->setText(2, LayerText::age(h.since, now));
            item->setToolTip(2, tr("In this state since %1 (as of the gathering)").arg(shortTime(h.since)));
        }
        item->setText(3, h.status);
        item->setText(4, h.gatheredAt.isValid() ? shortTime(h.gatheredAt) : QString());
        if (condition == QLatin1String("failed")) {
            item->setForeground(1, Theme::color(QStringLiteral("job.failed")));
        } else if (condition == QLatin1String("active")) {
            item->setForeground(1, Theme::color(QStringLiteral("job.success")));
        }
    }
    updateButtons();
}

QString FactsPage::selectedPackage() const
{
    return selectedName(m_packageView);
}

QStringList FactsPage::selectedPackageHosts() const
{
    QStringList hosts;
    for (QTreeWidgetItem* item : m_versionTree->selectedItems()) {
        const QVariant v = item->data(0, kHostRole);
        hosts += v.typeId() == QMetaType::QStringList ? v.toStringList() : QStringList { v.toString() };
    }
    hosts.removeDuplicates();
    hosts.sort();
    return hosts;
}

QString FactsPage::selectedService() const
{
    return selectedName(m_serviceView);
}

QStringList FactsPage::selectedServiceHosts() const
{
    QStringList hosts;
    const QList<QTreeWidgetItem*> selected = m_serviceHosts->selectedItems();
    for (int i = 0; i < m_serviceHosts->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_serviceHosts->topLevelItem(i);
        if (selected.isEmpty() || selected.contains(item)) {
            hosts << item->data(0, kHostRole).toString();
        }
    }
    return hosts;
}

bool FactsPage::selectPackage(const QString& name)
{
    return selectByName(m_packageView, m_packageProxy, m_packageFilter, name);
}

bool FactsPage::selectService(const QString& name)
{
    return selectByName(m_serviceView, m_serviceProxy, m_serviceFilter, name);
}

QPushButton* FactsPage::serviceButton(ServiceAction action) const
{
    switch (action) {
    case ServiceAction::Start:
        return m_start;
    case ServiceAction::Stop:
        return m_stop;
    case ServiceAction::Restart:
        return m_restart;
    case ServiceAction::Journal:
        return m_journal;
    }
    return nullptr;
}

void FactsPage::updateButtons()
{
    const bool backend = m_backend != nullptr;
    m_upgrade->setEnabled(backend && !selectedPackageHosts().isEmpty());
    const bool service = backend && !selectedService().isEmpty();
    for (QPushButton* b : { m_start, m_stop, m_restart, m_journal }) {
        b->setEnabled(service);
    }
    m_gather->setEnabled(backend && !m_gathering);
}

void FactsPage::updateScopeLabel()
{
    const QString who = m_scopeDescription.isEmpty() ? (m_scope.isEmpty() ? tr("all hosts") : m_scopeDescription)
                                                     : m_scopeDescription;
    if (m_hostsWithFacts == 0) {
        m_scopeLabel->setText(tr("Software and services of %1: no facts gathered yet. Gather Facts reads them from "
                                 "the hosts (one SSH exchange per host).")
                                  .arg(who));
        return;
    }
    const QString when = shortTime(m_oldest) == shortTime(m_newest)
        ? shortTime(m_oldest)
        : tr("%1 to %2").arg(shortTime(m_oldest), shortTime(m_newest));
    m_scopeLabel->setText(
        tr("Software and services of %1: facts of %n host(s), gathered %2.", "", m_hostsWithFacts).arg(who, when));
}

const Inventory* FactsPage::inventory()
{
    if (m_inventoryProvider) {
        if (const Inventory* inv = m_inventoryProvider()) {
            return inv;
        }
    }
    if (m_workspace) {
        if (auto inv = m_workspace->loadInventory()) {
            m_ownInventory = std::move(*inv);
        }
    }
    return &m_ownInventory;
}

Result<QString> FactsPage::submit(const JobSpec& spec)
{
    Result<QString> id = m_submit ? m_submit(spec)
        : m_backend               ? m_backend->submit(spec)
                                  : Result<QString>(Error(tr("No backend: jobs cannot run.")));
    if (!id) {
        m_message->showMessage(tr("The job could not start: %1").arg(id.errorString()), MessageBar::Type::Error);
        m_message->show();
        return id;
    }
    emit jobSubmitted(*id);
    return id;
}

void FactsPage::upgradeSelected()
{
    const QString package = selectedPackage();
    const QStringList hosts = selectedPackageHosts();
    if (package.isEmpty() || hosts.isEmpty() || !m_workspace) {
        return;
    }
    QList<Script> scripts;
    if (auto all = ScriptStore(*m_workspace).loadAll()) {
        scripts = *all;
    }
    const auto script = std::find_if(
        scripts.cbegin(), scripts.cend(), [](const Script& s) { return s.name == QLatin1String(kUpgradeScript); });
    if (script == scripts.cend()) {
        m_message->showMessage(tr("The library has no script “%1”: add one that upgrades the package named by its "
                                  "first argument.")
                                   .arg(QLatin1String(kUpgradeScript)),
            MessageBar::Type::Warning);
        m_message->show();
        return;
    }
    QList<DangerRule> rules = DangerRules::defaults();
    if (auto effective = ScriptStore::effectiveDangerRules(*m_workspace)) {
        rules = *effective;
    }
    RunDialog dialog(inventory(), scripts, rules, this);
    // The last run's plan, pause, policy, timeout and concurrency, as Run on Hosts starts from them.
    dialog.setRunSettings(
        QJsonDocument::fromJson(m_workspace->setting(QLatin1String(RunDialog::kSettingsKey)).toUtf8()).object());
    dialog.setHosts(hosts);
    dialog.selectScript(script->id);
    if (!script->parameters.isEmpty()) {
        dialog.setParameterValue(script->parameters.first().name, package);
    }
    const int answer = m_dialogRunner ? m_dialogRunner(dialog) : dialog.exec();
    (void)m_workspace->setSetting(QLatin1String(RunDialog::kSettingsKey),
        QString::fromUtf8(QJsonDocument(dialog.runSettings()).toJson(QJsonDocument::Compact)));
    if (answer != QDialog::Accepted || !dialog.canRun()) {
        return;
    }
    (void)submit(dialog.spec());
}

JobSpec FactsPage::serviceJob(ServiceAction action, const QString& service, const QStringList& hosts)
{
    static const char* const verbs[] = { "start", "stop", "restart", "journal" };
    static const char* const names[] = { "Start %1", "Stop %1", "Restart %1", "Journal of %1" };
    const int i = static_cast<int>(action);
    JobSpec spec;
    spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    spec.name = QString::fromLatin1(names[i]).arg(service); // stored in English, as every job name
    spec.targets = hosts;
    spec.targetDescription = someHosts(hosts);
    spec.timeoutSeconds = 120;
    JobStep step;
    step.name = QStringLiteral("%1 %2").arg(QLatin1String(verbs[i]), service);
    RunScript run;
    run.interpreter = QStringLiteral("/bin/sh");
    run.script = QString::fromLatin1(kServiceScript);
    run.args = { QLatin1String(verbs[i]), service };
    step.action = run;
    spec.steps.append(step);
    return spec;
}

void FactsPage::runServiceAction(ServiceAction action)
{
    const QString service = selectedService();
    const QStringList hosts = selectedServiceHosts();
    if (service.isEmpty() || hosts.isEmpty()) {
        return;
    }
    const int count = int(hosts.size());
    if (action == ServiceAction::Stop
        && !Dialogs::confirmDestructive(this, tr("Stop Service"),
            tr("Stop %1 on %n host(s)? %2", "", count).arg(service, someHosts(hosts)), tr("Stop"))) {
        return;
    }
    if (action == ServiceAction::Restart
        && !Dialogs::confirmDestructive(this, tr("Restart Service"),
            tr("Restart %1 on %n host(s)? %2", "", count).arg(service, someHosts(hosts)), tr("Restart"))) {
        return;
    }
    (void)submit(serviceJob(action, service, hosts));
}

Result<QString> FactsPage::gatherFacts(const QStringList& hosts)
{
    const auto refuse = [this](const QString& why) -> Result<QString> {
        m_message->showMessage(why, MessageBar::Type::Warning);
        m_message->show();
        return Error(why);
    };
    if (!m_backend || !m_workspace) {
        return refuse(tr("No backend: facts cannot be gathered."));
    }
    if (m_gathering) {
        return refuse(tr("A facts gathering is already running."));
    }
    if (hosts.isEmpty()) {
        return refuse(tr("No hosts to gather facts of."));
    }
    m_gatherStore = std::make_unique<FactStore>(*m_workspace);
    m_gathering = new FactsGathering(*m_backend, *m_gatherStore, this);
    m_gatherDone = 0;
    connect(m_gathering, &FactsGathering::hostDone, this, [this] {
        ++m_gatherDone;
        m_progress->setValue(m_gatherDone);
    });
    connect(m_gathering, &FactsGathering::finished, this, &FactsPage::gatheringDone);
    connect(m_gathering, &FactsGathering::failed, this, [this](const QString& message) {
        m_message->showMessage(tr("The gathering cannot be followed: %1").arg(message), MessageBar::Type::Error);
        m_message->show();
    });
    auto id = m_gathering->start(FactsGathering::jobSpec(hosts, QString()));
    if (!id) {
        m_gathering->deleteLater();
        m_gathering = nullptr;
        m_message->showMessage(tr("The gathering could not start: %1").arg(id.errorString()), MessageBar::Type::Error);
        m_message->show();
        updateButtons();
        return id;
    }
    m_progress->setRange(0, int(hosts.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("Gathering facts: %v of %m hosts"));
    m_progress->show();
    updateButtons();
    emit jobSubmitted(*id);
    return id;
}

void FactsPage::gatheringDone()
{
    FactsGathering* done = m_gathering;
    m_gathering = nullptr;
    m_progress->hide();
    const int failed = done->failedCount();
    const int total = int(done->results().size());
    QStringList why;
    for (const FactsGathering::HostResult& r : done->results()) {
        if (!r.ok && why.size() < 3) {
            why << tr("%1: %2").arg(r.host, r.message);
        }
    }
    if (failed == 0) {
        m_message->showMessage(tr("Facts gathered of %n host(s).", "", total), MessageBar::Type::Info);
    } else {
        m_message->showMessage(tr("Facts gathered of %1 of %n host(s); %2 failed: %3", "", total)
                                   .arg(total - failed)
                                   .arg(failed)
                                   .arg(why.join(QStringLiteral("; "))),
            MessageBar::Type::Warning);
    }
    m_message->show();
    done->deleteLater();
    updateButtons();
    refresh();
    emit gatheringFinished();
}

void FactsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void FactsPage::retranslateUi()
{
    m_gather->setText(tr("Gather Facts"));
    m_gather->setToolTip(tr("Read the facts of the hosts in scope again (a job, shown in the Jobs page)"));
    m_tabs->setTabText(0, tr("Software"));
    m_tabs->setTabText(1, tr("Services"));
    m_packageFilter->setPlaceholderText(tr("Filter packages by name"));
    m_serviceFilter->setPlaceholderText(tr("Filter services by name"));
    m_packageModel->setHorizontalHeaderLabels({ tr("Package"), tr("Hosts"), tr("Newest"), tr("Versions") });
    m_serviceModel->setHorizontalHeaderLabels({ tr("Service"), tr("Active"), tr("Failed"), tr("Inactive") });
    m_versionTree->setHeaderLabels({ tr("Version / host"), tr("Hosts") });
    m_serviceHosts->setHeaderLabels({ tr("Host"), tr("State"), tr("Since"), tr("Unit Status"), tr("Gathered") });
    m_upgrade->setText(tr("Upgrade…"));
    m_upgrade->setToolTip(tr("Upgrade the package on the hosts picked (the run dialog, with the library script "
                             "“%1”)")
                              .arg(QLatin1String(kUpgradeScript)));
    m_start->setText(tr("Start"));
    m_stop->setText(tr("Stop…"));
    m_restart->setText(tr("Restart…"));
    m_journal->setText(tr("Journal Tail"));
    m_journal->setToolTip(tr("The last 200 lines of the service's journal on each host, as a job"));
    updateScopeLabel();
    fillPackages(); // the version lists and counts are texts of the language
    fillServices();
}
