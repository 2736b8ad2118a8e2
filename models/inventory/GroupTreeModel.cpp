#include "GroupTreeModel.h"

#include "inventory/HostTableModel.h"

#include <QMimeData>
#include <QSet>

namespace {
const QString kAll = QStringLiteral("all");
const QString kUngrouped = QStringLiteral("ungrouped");
} // namespace

GroupTreeModel::GroupTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

GroupTreeModel::~GroupTreeModel() = default;

void GroupTreeModel::setInventory(const Inventory* inventory)
{
    beginResetModel();
    m_inventory = inventory;
    m_root = std::make_unique<Node>();
    if (m_inventory) {
        auto all = std::make_unique<Node>();
        all->name = kAll;
        all->parent = m_root.get();
        QStringList ancestors;
        build(all.get(), ancestors);
        m_root->children.push_back(std::move(all));
    }
    endResetModel();
}

void GroupTreeModel::build(Node* node, QStringList& ancestors)
{
    QStringList children;
    if (node->name == kAll) {
        children = topLevelGroups();
    } else if (const Group* g = m_inventory->group(node->name)) {
        children = g->children;
    }
    ancestors.append(node->name);
    for (const QString& c : children) {
        if (ancestors.contains(c)) {
            continue; // a cycle: Inventory::validate() reports it; the tree just does not recurse forever
        }
        auto child = std::make_unique<Node>();
        child->name = c;
        child->parent = node;
        child->row = int(node->children.size());
        build(child.get(), ancestors);
        node->children.push_back(std::move(child));
    }
    ancestors.removeLast();
}

QStringList GroupTreeModel::topLevelGroups() const
{
    // Like Inventory::topLevelGroups(), but "ungrouped" is always listed (Ansible always has it) so that deciding
    // whether to show it does not walk every host: with 100,000 hosts that walk dominated the tree rebuild.
    QStringList top;
    QSet<QString> seen;
    if (const Group* all = m_inventory->group(kAll)) {
        for (const QString& c : all->children) {
            if (c != kUngrouped && !seen.contains(c)) {
                top.append(c);
                seen.insert(c);
            }
        }
    }
    for (const Group& g : m_inventory->groups()) {
        if (g.name == kAll || g.name == kUngrouped || seen.contains(g.name)) {
            continue;
        }
        const QStringList parents = m_inventory->parentsOf(g.name);
        if (parents.size() == 1 && parents.first() == kAll) {
            top.append(g.name);
            seen.insert(g.name);
        }
    }
    top.append(kUngrouped);
    return top;
}

QHash<QString, int> GroupTreeModel::computeHostCounts(const Inventory& inventory)
{
    QHash<QString, int> counts;
    counts.insert(kAll, int(inventory.hosts().size()));
    // A copy of the list (shared, not copied): the loop below reads groups while membersRecursive() may fill the
    // inventory's lazy caches, which detaches its own list.
    const QVector<Group> groups = inventory.groups();
    for (const Group& g : groups) {
        if (g.name != kAll) {
            counts.insert(g.name, int(inventory.membersRecursive(g.name).size()));
        }
    }
    counts.insert(kUngrouped, int(inventory.ungroupedHosts().size()));
    return counts;
}

void GroupTreeModel::setHostCounts(const QHash<QString, int>& counts)
{
    m_counts = counts;
    if (!m_root->children.empty()) {
        // Every count may have changed: one signal over the whole column per level is enough for the views.
        std::function<void(const QModelIndex&)> notify = [&](const QModelIndex& parent) {
            const int rows = rowCount(parent);
            if (rows == 0) {
                return;
            }
            emit dataChanged(index(0, Hosts, parent), index(rows - 1, Hosts, parent));
            for (int r = 0; r < rows; ++r) {
                notify(index(r, 0, parent));
            }
        };
        notify({});
    }
}

GroupTreeModel::Node* GroupTreeModel::nodeFor(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QString GroupTreeModel::groupName(const QModelIndex& index) const
{
    return index.isValid() ? nodeFor(index)->name : QString();
}

QStringList GroupTreeModel::pathOf(const QModelIndex& index) const
{
    QStringList path;
    for (Node* n = index.isValid() ? nodeFor(index) : nullptr; n && n != m_root.get(); n = n->parent) {
        path.prepend(n->name);
    }
    return path;
}

QModelIndex GroupTreeModel::indexForPath(const QStringList& path) const
{
    QModelIndex current;
    for (const QString& name : path) {
        Node* node = nodeFor(current);
        QModelIndex next;
        for (const auto& child : node->children) {
            if (child->name == name) {
                next = createIndex(child->row, 0, child.get());
                break;
            }
        }
        if (!next.isValid()) {
            return {};
        }
        current = next;
    }
    return current;
}

QModelIndex GroupTreeModel::indexForGroup(const QString& name) const
{
    QList<Node*> queue;
    for (const auto& c : m_root->children) {
        queue.append(c.get());
    }
    while (!queue.isEmpty()) {
        Node* n = queue.takeFirst();
        if (n->name == name) {
            return createIndex(n->row, 0, n);
        }
        for (const auto& c : n->children) {
            queue.append(c.get());
        }
    }
    return {};
}

QModelIndex GroupTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0)) {
        return {};
    }
    Node* p = nodeFor(parent);
    if (row >= int(p->children.size())) {
        return {};
    }
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex GroupTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid()) {
        return {};
    }
    Node* p = nodeFor(child)->parent;
    if (!p || p == m_root.get()) {
        return {};
    }
    return createIndex(p->row, 0, p);
}

int GroupTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0) {
        return 0;
    }
    return int(nodeFor(parent)->children.size());
}

int GroupTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString GroupTreeModel::kindLabel(Group::Kind kind)
{
    switch (kind) {
    case Group::Kind::Idc:
        return tr("IDC");
    case Group::Kind::Set:
        return tr("Set");
    case Group::Kind::Custom:
        return tr("Custom");
    }
    return {};
}

QVariant GroupTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_inventory) {
        return {};
    }
    const Node* node = nodeFor(index);
    const Group* group = m_inventory->group(node->name);
    const Group::Kind kind = group ? group->kind : Group::Kind::Custom;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return node->name;
        case Kind:
            if (node->name == kAll || node->name == kUngrouped) {
                return QString();
            }
            return group && group->isDynamic() ? tr("%1, dynamic").arg(kindLabel(kind)) : kindLabel(kind);
        case Hosts:
            return m_counts.contains(node->name) ? QVariant(m_counts.value(node->name)) : QVariant();
        }
        return {};
    case Qt::ToolTipRole:
        if (node->name == kAll) {
            return tr("Every host of the inventory");
        }
        if (node->name == kUngrouped) {
            return tr("Hosts that are in no group");
        }
        if (group && group->isDynamic()) {
            const QString problem = m_inventory->dynamicGroupProblem(node->name);
            QString tip = tr("%1 group %2, dynamic: %3").arg(kindLabel(kind), node->name, group->rule);
            if (!problem.isEmpty()) {
                tip += QLatin1Char('\n') + problem;
            }
            return tip;
        }
        return tr("%1 group %2").arg(kindLabel(kind), node->name);
    case Qt::TextAlignmentRole:
        if (index.column() == Hosts) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case GroupNameRole:
        return node->name;
    case KindRole:
        return Group::kindName(kind);
    case HostCountRole:
        return m_counts.value(node->name, -1);
    default:
        return {};
    }
}

QVariant GroupTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractItemModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Group");
    case Kind:
        return tr("Kind");
    case Hosts:
        return tr("Hosts");
    default:
        return {};
    }
}

Qt::ItemFlags GroupTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    const QString name = nodeFor(index)->name;
    // "all" and "ungrouped" are implicit, and dynamic groups computed: nobody is added to them by hand.
    const Group* group = m_inventory ? m_inventory->group(name) : nullptr;
    if (name != kAll && name != kUngrouped && !(group && group->isDynamic())) {
        f |= Qt::ItemIsDropEnabled;
    }
    return f;
}

QStringList GroupTreeModel::mimeTypes() const
{
    return { HostTableModel::mimeType() };
}

Qt::DropActions GroupTreeModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

QString GroupTreeModel::dropTarget(int row, const QModelIndex& parent) const
{
    // Dropped between items (row >= 0) counts as dropped on the item at that row.
    const QModelIndex target = row >= 0 ? index(row, 0, parent) : parent.siblingAtColumn(0);
    if (!target.isValid() || !(flags(target) & Qt::ItemIsDropEnabled)) {
        return {};
    }
    return nodeFor(target)->name;
}

bool GroupTreeModel::canDropMimeData(
    const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) const
{
    Q_UNUSED(column)
    if (!(action & (Qt::CopyAction | Qt::MoveAction)) || !data || !data->hasFormat(HostTableModel::mimeType())) {
        return false;
    }
    return !dropTarget(row, parent).isEmpty();
}

bool GroupTreeModel::dropMimeData(
    const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) {
        return false;
    }
    const QStringList hosts = HostTableModel::hostNamesFromMime(data);
    if (hosts.isEmpty()) {
        return false;
    }
    emit hostsDropped(hosts, dropTarget(row, parent));
    return true;
}
