#include "InventoryPage.h"

#include "common/AsyncTask.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "facts/FactLayer.h"
#include "inventory/GroupDialog.h"
#include "inventory/GroupPropertiesDialog.h"
#include "inventory/GroupTreeModel.h"
#include "inventory/HostDetailsPanel.h"
#include "inventory/HostEditDialog.h"
#include "inventory/HostQuery.h"
#include "inventory/HostTableModel.h"
#include "inventory/ImportDialog.h"
#include "inventory/VariablesEditor.h"
#include "store/Workspace.h"

#include <QAction>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace {

const QString kAll = QStringLiteral("all");
const QString kUngrouped = QStringLiteral("ungrouped");

struct LoadResult {
    bool ok = false;
    QString error;
    QString factsError; // the inventory loaded, but the gathered facts could not be read
    Inventory inventory;
    QHash<QString, int> counts;
    qint64 elapsedMs = 0;
};

// Runs in a worker: a Workspace belongs to the thread that opened it, so the worker opens its own connection
// (SQLite in WAL mode lets it read while the GUI thread's connection stays open). Loading 100,000 hosts takes
// about a second, far too long for the GUI thread.
LoadResult loadInWorker(const QString& path)
{
    QElapsedTimer timer;
    timer.start();
    LoadResult out;
    auto ws = Workspace::open(path);
    if (!ws) {
        out.error = ws.errorString();
        return out;
    }
    auto inv = (*ws)->loadInventory();
    if (!inv) {
        out.error = inv.errorString();
        return out;
    }
    out.inventory = std::move(*inv);
    if (auto facts = FactLayer::apply(**ws, out.inventory); !facts) { // the facts' variable layer
        out.factsError = facts.errorString();
    }
    out.counts = GroupTreeModel::computeHostCounts(out.inventory); // also warms the derived structure
    (void)out.inventory.searchIndex(); // so that the first keystroke does not pay for building it
    out.ok = true;
    out.elapsedMs = timer.elapsed();
    return out;
}

bool isRealGroup(const QString& name)
{
    return !name.isEmpty() && name != kAll && name != kUngrouped;
}

QStringList splitTags(const QString& text)
{
    static const QRegularExpression sep(QStringLiteral("[,\\s]+"));
    QStringList tags = text.split(sep, Qt::SkipEmptyParts);
    tags.removeDuplicates();
    return tags;
}

} // namespace

InventoryPage::InventoryPage(Workspace* workspace, QUndoStack* undoStack, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_undoStack(undoStack)
    , m_groupModel(new GroupTreeModel(this))
    , m_hostModel(new HostTableModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(6, 6, 6, 6);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("inventorySearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search hosts: web  10.1.*  idc:js  tag:mongodb,redis  -status:retired  "
                                    "group:web"));
    m_search->setToolTip(tr("Terms are ANDed; a comma inside a value means OR; a leading '-' negates.\n"
                            "Fields: name, ip, idc, biz, env, status, tag, group."));
    m_search->setAccessibleName(tr("Search hosts"));
    m_searchError = new QAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QString(), m_search);
    m_search->addAction(m_searchError, QLineEdit::TrailingPosition);
    m_searchError->setVisible(false); // after addAction(): the line edit shows what is added
    m_countLabel = new QLabel(this);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_countLabel);
    layout->addLayout(searchRow);

    m_message = new MessageBar(this);
    layout->addWidget(m_message);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("inventorySplitter"));
    m_splitter->setChildrenCollapsible(false);

    m_tree = new QTreeView(m_splitter);
    m_tree->setObjectName(QStringLiteral("groupTree"));
    m_tree->setModel(m_groupModel);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->setDragDropOverwriteMode(true); // a drop anywhere on a row means "onto this group"
    m_tree->setDefaultDropAction(Qt::CopyAction);
    m_tree->setDropIndicatorShown(true);
    m_tree->setAcceptDrops(true);
    m_tree->viewport()->setAcceptDrops(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(GroupTreeModel::Name, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(GroupTreeModel::Kind, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(GroupTreeModel::Hosts, QHeaderView::ResizeToContents);
    m_tree->setAccessibleName(tr("Groups"));

    m_table = new QTableView(m_splitter);
    m_table->setObjectName(QStringLiteral("hostTable"));
    m_table->setModel(m_hostModel);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSortIndicatorClearable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: with 100,000 rows the view must never measure rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->setDragEnabled(true);
    m_table->setDragDropMode(QAbstractItemView::DragOnly);
    m_table->setDefaultDropAction(Qt::CopyAction);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setAccessibleName(tr("Hosts"));
    const QList<QPair<int, int>> widths { { HostTableModel::Name, 150 }, { HostTableModel::Address, 110 },
        { HostTableModel::Port, 50 }, { HostTableModel::User, 70 }, { HostTableModel::Idc, 60 },
        { HostTableModel::Business, 80 }, { HostTableModel::Env, 50 }, { HostTableModel::Status, 80 },
        { HostTableModel::Tags, 130 } };
    for (const auto& [column, width] : widths) {
        m_table->setColumnWidth(column, width);
    }

    m_empty = new QLabel(m_table->viewport());
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->hide();
    m_table->viewport()->installEventFilter(this);

    m_details = new HostDetailsPanel(m_splitter);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({ 230, 640, 410 });
    layout->addWidget(m_splitter, 1);

    m_detailsTimer = new QTimer(this);
    m_detailsTimer->setSingleShot(true);
    m_detailsTimer->setInterval(0);
    connect(m_detailsTimer, &QTimer::timeout, this, &InventoryPage::updateDetails);
    m_groupsTimer = new QTimer(this);
    m_groupsTimer->setSingleShot(true);
    m_groupsTimer->setInterval(0);
    connect(m_groupsTimer, &QTimer::timeout, this, [this] {
        rebuildGroupTree();
        recountGroups();
        // Memberships changed: a group restriction or a group: term may now select other hosts.
        bool groupTerms = false;
        const HostQuery query = m_hostModel->query(); // a copy: terms() must not outlive it
        for (const HostQuery::Term& t : query.terms()) {
            groupTerms = groupTerms || t.field == HostQuery::Field::Group || t.field == HostQuery::Field::Expr;
        }
        if (groupTerms || isRealGroup(m_hostModel->groupFilter()) || m_hostModel->groupFilter() == kUngrouped) {
            m_hostModel->refresh();
        }
    });

    createActions();

    connect(m_search, &QLineEdit::textChanged, this, &InventoryPage::applySearch);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &InventoryPage::applySearch);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_detailsTimer->start();
        updateActions();
    });
    connect(m_table, &QTableView::activated, this, [this] { editHost(); });
    connect(m_hostModel, &HostTableModel::filterFinished, this, &InventoryPage::onFilterFinished);
    connect(m_hostModel, &QAbstractItemModel::rowsInserted, this, &InventoryPage::emitCounts);
    connect(m_hostModel, &QAbstractItemModel::rowsRemoved, this, &InventoryPage::emitCounts);
    connect(m_hostModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_savedSelection = selectedHosts();
        m_savedCurrent = m_hostModel->hostName(m_table->currentIndex().row());
    });
    connect(m_hostModel, &QAbstractItemModel::modelReset, this, [this] {
        if (m_savedSelection.isEmpty() && m_savedCurrent.isEmpty()) {
            m_detailsTimer->start();
            return;
        }
        QItemSelection selection;
        for (const QString& name : std::as_const(m_savedSelection)) {
            const int row = m_hostModel->rowOfHost(name);
            if (row >= 0) {
                selection.select(m_hostModel->index(row, 0), m_hostModel->index(row, HostTableModel::ColumnCount - 1));
            }
        }
        const int current = m_hostModel->rowOfHost(m_savedCurrent);
        if (current >= 0) {
            m_table->selectionModel()->setCurrentIndex(m_hostModel->index(current, 0), QItemSelectionModel::NoUpdate);
        }
        if (!selection.isEmpty()) {
            m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        }
        m_detailsTimer->start();
    });
    connect(m_groupModel, &GroupTreeModel::hostsDropped, this, &InventoryPage::dropHostsOnGroup);

    m_empty->setText(tr("Loading inventory…"));
    m_empty->show();
    updateActions();
    reload();
}

InventoryPage::~InventoryPage()
{
    // The models point into m_inventory, which dies before QWidget's destructor hides (and repaints) the views.
    m_groupModel->setInventory(nullptr);
    m_hostModel->setInventory(nullptr);
}

void InventoryPage::createActions()
{
    auto make = [this](const QString& name, const QString& text, const QKeySequence& shortcut,
                    const std::function<void()>& handler, const QString& tip = {}) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        // The page's shortcuts act only while focus is inside the page, so other pages can reuse the keys.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tip.isEmpty() ? QString(text).remove(QLatin1Char('&')) : tip);
        connect(action, &QAction::triggered, this, handler);
        addAction(action);
        m_actions.append(action);
        m_actionByName.insert(name, action);
        return action;
    };
    make(QStringLiteral("inventory.import"), tr("&Import Ansible Inventory…"), QKeySequence(tr("Ctrl+I")),
        [this] { openImportDialog(); });
    make(QStringLiteral("inventory.addHost"), tr("&Add Host…"), QKeySequence::New, [this] { addHost(); });
    make(QStringLiteral("inventory.editHost"), tr("&Edit Host…"), QKeySequence(Qt::Key_F2), [this] { editHost(); });
    make(
        QStringLiteral("inventory.delete"), tr("&Delete"), QKeySequence::Delete, [this] { deleteSelected(); },
        tr("Delete the selected hosts (or the selected group when the group tree has focus)"));
    make(QStringLiteral("inventory.deleteHosts"), tr("Delete Selected &Hosts…"), {}, [this] { deleteHosts(); });
    make(QStringLiteral("inventory.addTag"), tr("Add &Tag to Selected Hosts…"), QKeySequence(tr("Ctrl+T")),
        [this] { addTag(); });
    make(QStringLiteral("inventory.removeTag"), tr("&Remove Tag from Selected Hosts…"),
        QKeySequence(tr("Ctrl+Shift+T")), [this] { removeTag(); });
    make(QStringLiteral("inventory.removeFromGroup"), tr("Remove Selected Hosts from &Group"), {},
        [this] { removeFromGroup(); });
    make(QStringLiteral("inventory.newGroup"), tr("New &Group…"), QKeySequence(tr("Ctrl+Shift+N")),
        [this] { newGroup(); });
    make(QStringLiteral("inventory.editGroup"), tr("Edit Group (Kind, Priority, Variables)…"),
        QKeySequence(tr("Ctrl+Shift+E")), [this] { editGroup(); });
    make(QStringLiteral("inventory.deleteGroup"), tr("Delete Group…"), {}, [this] { deleteGroup(); });
    make(
        QStringLiteral("inventory.editVariables"), tr("Edit &Variables…"), QKeySequence(tr("Ctrl+Shift+V")),
        [this] { openVariablesEditor(); },
        tr("Edit the variable layers of the selected host (or of the current group) as YAML or as a flattened "
           "table"));
    make(QStringLiteral("inventory.focusSearch"), tr("&Find Hosts"), QKeySequence::Find, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    auto* clear = make(QStringLiteral("inventory.clearSearch"), tr("Clear Search"), QKeySequence(Qt::Key_Escape),
        [this] { m_search->clear(); });
    // Escape clears the search only while typing in it (elsewhere Escape belongs to dialogs and popups).
    removeAction(clear);
    clear->setShortcutContext(Qt::WidgetShortcut);
    m_search->addAction(clear);
    make(QStringLiteral("inventory.reload"), tr("Re&load Inventory"), QKeySequence::Refresh, [this] { reload(); });

    // Context menus offer the same actions.
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const char* name : { "inventory.addHost", "inventory.editHost", "inventory.deleteHosts", "inventory.addTag",
             "inventory.removeTag", "inventory.removeFromGroup", "inventory.editVariables" }) {
        m_table->addAction(m_actionByName.value(QLatin1String(name)));
    }
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const char* name :
        { "inventory.newGroup", "inventory.editGroup", "inventory.deleteGroup", "inventory.editVariables" }) {
        m_tree->addAction(m_actionByName.value(QLatin1String(name)));
    }
}

QList<QAction*> InventoryPage::actions() const
{
    return m_actions;
}

QAction* InventoryPage::action(const QString& objectName) const
{
    return m_actionByName.value(objectName);
}

void InventoryPage::updateActions()
{
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    const QString group = currentGroup();
    const bool ready = !m_loading;
    m_actionByName.value(QStringLiteral("inventory.addHost"))->setEnabled(ready);
    m_actionByName.value(QStringLiteral("inventory.editHost"))->setEnabled(ready && selected == 1);
    m_actionByName.value(QStringLiteral("inventory.deleteHosts"))->setEnabled(ready && selected > 0);
    m_actionByName.value(QStringLiteral("inventory.delete"))->setEnabled(ready);
    m_actionByName.value(QStringLiteral("inventory.addTag"))->setEnabled(ready && selected > 0);
    m_actionByName.value(QStringLiteral("inventory.removeTag"))->setEnabled(ready && selected > 0);
    m_actionByName.value(QStringLiteral("inventory.removeFromGroup"))
        ->setEnabled(ready && selected > 0 && isRealGroup(group));
    m_actionByName.value(QStringLiteral("inventory.newGroup"))->setEnabled(ready);
    m_actionByName.value(QStringLiteral("inventory.deleteGroup"))->setEnabled(ready && isRealGroup(group));
    m_actionByName.value(QStringLiteral("inventory.editGroup"))
        ->setEnabled(ready && (isRealGroup(group) || group == kAll) && m_inventory.group(group));
}

void InventoryPage::reload()
{
    m_loading = true;
    updateActions();
    emit statusMessage(tr("Loading inventory…"));
    m_load.run(
        this, [path = m_workspace->path()] { return loadInWorker(path); },
        [this](LoadResult result) {
            m_loading = false;
            if (!result.ok) {
                m_message->showMessage(
                    tr("Cannot load the inventory: %1").arg(result.error), MessageBar::Type::Error, tr("Retry"));
                connect(
                    m_message, &MessageBar::actionTriggered, this, &InventoryPage::reload, Qt::SingleShotConnection);
                emit statusMessage(tr("Cannot load the inventory"));
                updateActions();
                return;
            }
            m_inventory = std::move(result.inventory);
            rebuildGroupTree();
            m_groupModel->setHostCounts(result.counts);
            m_hostModel->setInventory(&m_inventory);
            updateActions();
            if (!result.factsError.isEmpty()) {
                // The hosts are there, only their facts are not: say what that means and what to do.
                m_message->showMessage(tr("The hosts are shown without their facts (%1): templates, rules and "
                                          "fact: or drift: searches do not see them. Gather Facts again to store "
                                          "them anew, or Retry.")
                                           .arg(result.factsError),
                    MessageBar::Type::Warning, tr("Retry"));
                connect(
                    m_message, &MessageBar::actionTriggered, this, &InventoryPage::reload, Qt::SingleShotConnection);
                m_factsWarning = true;
            } else if (m_factsWarning) {
                m_message->hideMessage();
                m_factsWarning = false;
            }
            emit statusMessage(tr("Loaded %1").arg(InventoryCommand::hostCount(int(m_inventory.hosts().size()))));
            emit loaded();
        });
}

void InventoryPage::rebuildGroupTree()
{
    // Keep expansion and the current group across the rebuild (paths identify occurrences in the tree).
    QList<QStringList> expanded;
    std::function<void(const QModelIndex&)> collect = [&](const QModelIndex& parent) {
        for (int r = 0; r < m_groupModel->rowCount(parent); ++r) {
            const QModelIndex idx = m_groupModel->index(r, 0, parent);
            if (m_tree->isExpanded(idx)) {
                expanded.append(m_groupModel->pathOf(idx));
                collect(idx);
            }
        }
    };
    collect({});
    const QStringList current = m_groupModel->pathOf(m_tree->currentIndex());
    const bool first = m_groupModel->rowCount() == 0;

    const QSignalBlocker blocker(m_tree->selectionModel());
    m_groupModel->setInventory(&m_inventory);
    if (first) {
        m_tree->expand(m_groupModel->index(0, 0));
    }
    for (const QStringList& path : std::as_const(expanded)) {
        m_tree->expand(m_groupModel->indexForPath(path));
    }
    QModelIndex currentIndex = m_groupModel->indexForPath(current);
    if (!currentIndex.isValid() && !current.isEmpty()) {
        // The group went away (deleted): fall back to its nearest surviving ancestor.
        QStringList path = current;
        while (!path.isEmpty() && !currentIndex.isValid()) {
            path.removeLast();
            currentIndex = m_groupModel->indexForPath(path);
        }
    }
    if (!currentIndex.isValid()) {
        currentIndex = m_groupModel->index(0, 0);
    }
    m_tree->selectionModel()->setCurrentIndex(currentIndex, QItemSelectionModel::ClearAndSelect);
    if (m_groupModel->pathOf(currentIndex) != current && !first) {
        applySearch();
    }
}

void InventoryPage::recountGroups()
{
    m_count.run(
        this, [inventory = m_inventory] { return GroupTreeModel::computeHostCounts(inventory); },
        [this](const QHash<QString, int>& counts) { m_groupModel->setHostCounts(counts); });
}

QString InventoryPage::currentGroup() const
{
    const QString name = m_groupModel->groupName(m_tree->currentIndex());
    return name.isEmpty() ? kAll : name;
}

QStringList InventoryPage::selectedHosts() const
{
    QStringList names;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    names.reserve(rows.size());
    for (const QModelIndex& idx : rows) {
        names.append(m_hostModel->hostName(idx.row()));
    }
    return names;
}

void InventoryPage::showHost(const QString& query, const QString& host)
{
    const auto apply = [this, query, host] {
        const auto select = [this, host] {
            const int row = m_hostModel->rowOfHost(host);
            if (row >= 0) {
                m_table->selectionModel()->setCurrentIndex(
                    m_hostModel->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                m_table->scrollTo(m_hostModel->index(row, 0));
            }
        };
        if (m_search->text() == query) {
            select();
            return;
        }
        connect(m_hostModel, &HostTableModel::filterFinished, this, select, Qt::SingleShotConnection);
        m_search->setText(query);
    };
    if (m_loading) {
        connect(this, &InventoryPage::loaded, this, apply, Qt::SingleShotConnection);
    } else {
        apply();
    }
}

void InventoryPage::applySearch()
{
    const QString text = m_search->text();
    Result<HostQuery> query = HostQuery::parse(text);
    if (!query) {
        // Keep showing the last good result; say what is wrong and where.
        m_queryError = true;
        m_queryErrorText = query.error().where.column > 0
            ? tr("column %1: %2").arg(query.error().where.column).arg(query.error().message)
            : query.error().message;
        m_message->showMessage(tr("Search: %1").arg(m_queryErrorText), MessageBar::Type::Warning);
        m_search->setToolTip(query.errorString());
        // A warning icon inside the box rather than a tinted background: it reads in every theme.
        m_searchError->setToolTip(query.errorString());
        m_searchError->setVisible(true);
        updateActions();
        updateEmptyState();
        return;
    }
    if (m_queryError) {
        m_queryError = false;
        m_message->hideMessage();
        m_searchError->setVisible(false);
        m_search->setToolTip(tr("Terms are ANDed; a comma inside a value means OR; a leading '-' negates.\n"
                                "Fields: name, ip, idc, biz, env, status, tag, group."));
    }
    m_hostModel->setFilter(*query, currentGroup());
    updateActions();
}

void InventoryPage::onFilterFinished(int shown, int total)
{
    emit hostCountChanged(total, shown);
    updateEmptyState();
}

void InventoryPage::emitCounts()
{
    emit hostCountChanged(m_hostModel->totalHosts(), m_hostModel->rowCount());
    updateEmptyState();
}

void InventoryPage::updateEmptyState()
{
    const int shown = m_hostModel->rowCount();
    const int total = m_hostModel->totalHosts();
    m_countLabel->setText(shown == total ? InventoryCommand::hostCount(total)
                                         : tr("%1 of %2").arg(shown).arg(InventoryCommand::hostCount(total)));
    if (shown > 0) {
        m_empty->hide();
        return;
    }
    // The query shown, which is the last valid one while the box holds a query with an error.
    const QString text = m_hostModel->query().text().trimmed();
    const QString group = currentGroup();
    if (m_queryError && total > 0) {
        // The rows are those of the last valid query: saying that nothing matches the one typed would mislead.
        m_empty->setText(tr("The search is not valid: %1").arg(m_queryErrorText));
    } else if (total == 0) {
        m_empty->setText(tr("The inventory is empty.\nImport an Ansible inventory (Ctrl+I) or add a host (Ctrl+N)."));
    } else if (!text.isEmpty() && group != kAll) {
        m_empty->setText(tr("No hosts in group %1 match '%2'").arg(group, text));
    } else if (!text.isEmpty()) {
        m_empty->setText(tr("No hosts match '%1'").arg(text));
    } else {
        m_empty->setText(tr("Group %1 has no hosts.\nDrag hosts here from another group to add them.").arg(group));
    }
    m_empty->setGeometry(m_table->viewport()->rect());
    m_empty->show();
}

bool InventoryPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_empty->setGeometry(m_table->viewport()->rect());
    }
    return QWidget::eventFilter(watched, event);
}

void InventoryPage::updateDetails()
{
    m_details->showHosts(m_inventory, selectedHosts());
}

void InventoryPage::push(QUndoCommand* command)
{
    const QString text = command->text();
    m_undoStack->push(command);
    // A command whose redo failed is deleted by push(): compare pointers only, never touch it afterwards.
    if (m_undoStack->index() > 0 && m_undoStack->command(m_undoStack->index() - 1) == command) {
        emit statusMessage(text);
    }
}

// --- InventoryEditTarget

void InventoryPage::hostsUpdated(const QStringList& names)
{
    m_hostModel->hostsChanged(names);
    if (hasDynamicGroups()) {
        m_groupsTimer->start(); // changed hosts may have joined or left dynamic groups
    }
    if (names.contains(m_details->currentHost()) || !m_details->currentHost().isEmpty()) {
        m_detailsTimer->start();
    }
    emitCounts();
}

void InventoryPage::hostsDeleted(const QStringList& names)
{
    m_hostModel->hostsRemoved(names);
    if (hasDynamicGroups()) {
        m_groupsTimer->start();
    }
    m_detailsTimer->start();
}

bool InventoryPage::hasDynamicGroups() const
{
    const QVector<Group>& groups = m_inventory.groups();
    return std::any_of(groups.cbegin(), groups.cend(), [](const Group& g) { return g.isDynamic(); });
}

void InventoryPage::groupsUpdated()
{
    m_groupsTimer->start();
    updateDetails(); // group variables reach the selected host's resolved variables
}

void InventoryPage::inventoryReplaced()
{
    // The page's inventory is the new state already (edits that follow see it); reloading rebuilds the tree, the
    // counts and the search index in a worker, as at start-up.
    reload();
}

void InventoryPage::editFailed(const QString& message)
{
    m_message->showMessage(message, MessageBar::Type::Error);
    emit statusMessage(message);
}

// --- actions

ImportDialog* InventoryPage::openImportDialog()
{
    auto* dialog = new ImportDialog(m_workspace->path(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this](std::shared_ptr<const InventoryImportPlan> plan) {
        // One undo step for the whole import: undo writes back the inventory as it was before.
        const QString source = QFileInfo(plan->source).fileName();
        push(new ImportInventoryCommand(this, plan->before, plan->after, source));
        emit statusMessage(
            tr("Imported %1 and %2 from %3")
                .arg(tr("%n host(s)", "", plan->importedHosts), tr("%n group(s)", "", plan->importedGroups), source));
    });
    dialog->open();
    return dialog;
}

void InventoryPage::addHost()
{
    const QString group = currentGroup();
    auto* dialog = new HostEditDialog(
        m_inventory, std::nullopt, isRealGroup(group) ? QStringList { group } : QStringList {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { push(new SaveHostCommand(this, std::nullopt, dialog->hostState())); });
    dialog->open();
}

void InventoryPage::editHost()
{
    const QStringList hosts = selectedHosts();
    const QString name = hosts.size() == 1 ? hosts.first() : m_hostModel->hostName(m_table->currentIndex().row());
    const Host* host = m_inventory.host(name);
    if (!host) {
        return;
    }
    const HostEditState before { *host, m_inventory.hostStaticGroups(name) };
    auto* dialog = new HostEditDialog(m_inventory, before, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const HostEditState after = dialog->hostState();
        if (after.host == dialog->originalState()->host && after.groups == dialog->originalState()->groups) {
            return; // nothing changed: no empty undo step
        }
        push(new SaveHostCommand(this, dialog->originalState(), after));
    });
    dialog->open();
}

void InventoryPage::deleteSelected()
{
    if (m_tree->hasFocus()) {
        deleteGroup();
    } else {
        deleteHosts();
    }
}

void InventoryPage::deleteHosts()
{
    const QStringList hosts = selectedHosts();
    if (hosts.isEmpty()) {
        return;
    }
    const QString text = hosts.size() == 1 ? tr("Delete host %1 from the inventory?").arg(hosts.first())
                                           : tr("Delete %n host(s) from the inventory?", nullptr, int(hosts.size()));
    if (!Dialogs::confirmDestructive(
            this, tr("Delete Hosts"), text + QLatin1Char('\n') + tr("You can undo this."), tr("Delete"))) {
        return;
    }
    push(new DeleteHostsCommand(this, hosts));
}

void InventoryPage::deleteGroup()
{
    const QString group = currentGroup();
    if (!isRealGroup(group)) {
        emit statusMessage(tr("The groups 'all' and 'ungrouped' cannot be deleted"));
        return;
    }
    if (!Dialogs::confirmDestructive(this, tr("Delete Group"),
            tr("Delete group %1? Its hosts stay in the inventory. You can undo this.").arg(group), tr("Delete"))) {
        return;
    }
    push(new DeleteGroupCommand(this, group));
}

void InventoryPage::addTag()
{
    const QStringList hosts = selectedHosts();
    QString text;
    if (hosts.isEmpty()
        || !Dialogs::getText(
            this, tr("Add Tag"), tr("Tags to add to %1:").arg(InventoryCommand::hostCount(int(hosts.size()))), &text)) {
        return;
    }
    const QStringList tags = splitTags(text);
    if (!tags.isEmpty()) {
        push(new TagHostsCommand(this, hosts, tags, {}));
    }
}

void InventoryPage::removeTag()
{
    const QStringList hosts = selectedHosts();
    QString text;
    if (hosts.isEmpty()
        || !Dialogs::getText(this, tr("Remove Tag"),
            tr("Tags to remove from %1:").arg(InventoryCommand::hostCount(int(hosts.size()))), &text)) {
        return;
    }
    const QStringList tags = splitTags(text);
    if (!tags.isEmpty()) {
        push(new TagHostsCommand(this, hosts, {}, tags));
    }
}

void InventoryPage::removeFromGroup()
{
    const QString group = currentGroup();
    const Group* g = m_inventory.group(group);
    if (!isRealGroup(group) || !g) {
        return;
    }
    if (g->isDynamic()) {
        emit statusMessage(tr("The hosts of dynamic group %1 come from its rule").arg(group));
        return;
    }
    const QStringList hosts = selectedHosts();
    QStringList members = g->hosts;
    const qsizetype before = members.size();
    members.removeIf([&](const QString& h) { return hosts.contains(h); });
    if (members.size() == before) {
        emit statusMessage(tr("The selected hosts are members of %1 only through its subgroups").arg(group));
        return;
    }
    push(new SetGroupMembersCommand(this, group, members,
        tr("Remove %1 from group %2").arg(InventoryCommand::hostCount(int(before - members.size())), group)));
}

void InventoryPage::newGroup()
{
    const QString group = currentGroup();
    auto* dialog = new GroupDialog(m_inventory, isRealGroup(group) ? group : kAll, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { push(new NewGroupCommand(this, dialog->group(), dialog->parentGroup())); });
    dialog->open();
}

void InventoryPage::editGroup()
{
    const Group* g = m_inventory.group(currentGroup());
    if (!g) {
        return;
    }
    auto* dialog = new GroupPropertiesDialog(*g, this, &m_inventory);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const Group before = *g;
    connect(dialog, &QDialog::accepted, this,
        [this, dialog, before] { push(new EditGroupCommand(this, before, dialog->group())); });
    dialog->open();
}

VariablesEditor* InventoryPage::openVariablesEditor()
{
    const QStringList hosts = selectedHosts();
    const QString group = currentGroup();
    auto* dialog = new VariablesEditor(
        this, m_undoStack, hosts.size() == 1 ? hosts.first() : QString(), isRealGroup(group) ? group : kAll, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void InventoryPage::dropHostsOnGroup(const QStringList& hosts, const QString& group)
{
    const Group* g = m_inventory.group(group);
    if (g && g->isDynamic()) {
        emit statusMessage(tr("The hosts of dynamic group %1 come from its rule").arg(group));
        return;
    }
    QStringList missing;
    for (const QString& h : hosts) {
        if (m_inventory.hostIndex(h) >= 0 && (!g || !g->hosts.contains(h))) {
            missing.append(h);
        }
    }
    if (missing.isEmpty()) {
        emit statusMessage(tr("Already in group %1").arg(group));
        return;
    }
    push(SetGroupMembersCommand::addHosts(this, group, missing));
}
