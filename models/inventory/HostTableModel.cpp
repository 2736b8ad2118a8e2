#include "HostTableModel.h"

#include <QMimeData>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <numeric>

namespace {

const QString kAll = QStringLiteral("all");

// Runs in a worker thread on its own copy of the inventory (implicitly shared, so the copy is cheap and the GUI
// thread's later edits detach instead of racing).
QStringList filterAndSort(Inventory inventory, HostQuery query, const QString& group, int column, Qt::SortOrder order)
{
    query.bind(inventory);
    const QVector<Host>& hosts = inventory.hosts();
    QVector<int> indexes;
    if (group.isEmpty() || group == kAll) {
        if (query.isEmpty()) {
            indexes.resize(hosts.size());
            std::iota(indexes.begin(), indexes.end(), 0);
        } else {
            indexes = query.filter(inventory);
        }
    } else {
        const QVector<int> members = inventory.membersRecursive(group);
        indexes.reserve(members.size());
        for (int i : members) {
            if (query.isEmpty() || query.matches(hosts[i], i)) {
                indexes.append(i);
            }
        }
    }
    if (column >= 0) {
        if (column == HostTableModel::Port) {
            std::stable_sort(
                indexes.begin(), indexes.end(), [&](int a, int b) { return hosts[a].port < hosts[b].port; });
        } else {
            QVector<QString> keys(hosts.size());
            for (int i : indexes) {
                keys[i] = HostTableModel::cellText(inventory, hosts[i], column);
            }
            std::stable_sort(indexes.begin(), indexes.end(),
                [&](int a, int b) { return keys[a].compare(keys[b], Qt::CaseInsensitive) < 0; });
        }
        if (order == Qt::DescendingOrder) {
            std::reverse(indexes.begin(), indexes.end());
        }
    }
    QStringList names;
    names.reserve(indexes.size());
    for (int i : indexes) {
        names.append(hosts[i].name);
    }
    return names;
}

} // namespace

HostTableModel::HostTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_watcher(new QFutureWatcher<FilterResult>(this))
{
    connect(m_watcher, &QFutureWatcher<FilterResult>::finished, this, &HostTableModel::onFilterDone);
}

HostTableModel::~HostTableModel()
{
    // The worker owns copies of everything it reads; waiting keeps the watcher from outliving its future's result.
    m_watcher->waitForFinished();
}

QStringList HostTableModel::hostNamesFromMime(const QMimeData* data)
{
    if (!data || !data->hasFormat(mimeType())) {
        return {};
    }
    return QString::fromUtf8(data->data(mimeType())).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void HostTableModel::setInventory(const Inventory* inventory)
{
    beginResetModel();
    m_inventory = inventory;
    m_rows.clear();
    if (m_inventory && m_query.isEmpty() && (m_group.isEmpty() || m_group == kAll) && m_sortColumn < 0) {
        // Nothing to filter: show every host now rather than after a round trip through the worker.
        m_rows.reserve(m_inventory->hosts().size());
        for (const Host& h : m_inventory->hosts()) {
            m_rows.append(h.name);
        }
    }
    const bool complete = m_inventory && !m_rows.isEmpty();
    m_rowOfValid = false;
    endResetModel();
    if (complete || (m_inventory && m_inventory->hosts().isEmpty())) {
        // Already showing the final rows: any request in flight is for the old inventory.
        ++m_generation;
        m_pending = false;
        emit filterFinished(int(m_rows.size()), totalHosts());
        return;
    }
    refresh();
}

void HostTableModel::setFilter(const HostQuery& query, const QString& group)
{
    m_query = query;
    m_group = group;
    refresh();
}

void HostTableModel::refresh()
{
    ++m_generation;
    if (!m_inventory) {
        return;
    }
    if (m_running) {
        // Only one worker at a time: the newest request waits for the running one, intermediate ones are skipped.
        m_pending = true;
        return;
    }
    startFilter();
}

void HostTableModel::startFilter()
{
    m_running = true;
    m_pending = false;
    const quint64 generation = m_generation;
    m_watcher->setFuture(QtConcurrent::run([inventory = *m_inventory, query = m_query, group = m_group,
                                               column = m_sortColumn, order = m_sortOrder, generation]() {
        return FilterResult { generation, filterAndSort(inventory, query, group, column, order) };
    }));
}

void HostTableModel::onFilterDone()
{
    m_running = false;
    const FilterResult result = m_watcher->result();
    if (result.generation != m_generation) {
        // Stale: the query or the inventory changed while this ran; run the newest request, if any.
        if (m_inventory && m_pending) {
            startFilter();
        }
        return;
    }
    m_pending = false;
    beginResetModel();
    m_rows = result.rows;
    m_rowOfValid = false;
    endResetModel();
    emit filterFinished(int(m_rows.size()), totalHosts());
}

int HostTableModel::totalHosts() const
{
    return m_inventory ? int(m_inventory->hosts().size()) : 0;
}

QString HostTableModel::hostName(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QString();
}

int HostTableModel::rowOfHost(const QString& name) const
{
    if (!m_rowOfValid) {
        m_rowOf.clear();
        m_rowOf.reserve(m_rows.size());
        for (int i = 0; i < m_rows.size(); ++i) {
            m_rowOf.insert(m_rows.at(i), i);
        }
        m_rowOfValid = true;
    }
    return m_rowOf.value(name, -1);
}

void HostTableModel::hostsChanged(const QStringList& names)
{
    if (!m_inventory) {
        return;
    }
    QStringList added;
    HostQuery bound = m_query;
    bool boundDone = false;
    for (const QString& name : names) {
        const int row = rowOfHost(name);
        if (row >= 0) {
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        const int hostIndex = m_inventory->hostIndex(name);
        if (hostIndex < 0) {
            continue;
        }
        if (!boundDone) {
            bound.bind(*m_inventory);
            boundDone = true;
        }
        const bool inGroup = m_group.isEmpty() || m_group == kAll || m_inventory->hostGroupsAll(name).contains(m_group);
        if (inGroup && (bound.isEmpty() || bound.matches(m_inventory->hosts().at(hostIndex), hostIndex))) {
            added.append(name);
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        m_rowOfValid = false;
        endInsertRows();
    }
    // Rows that are shown but whose data the worker has not seen yet would come back stale: re-filter quietly if
    // a request is in flight.
    if (isFiltering()) {
        refresh();
    }
}

void HostTableModel::hostsRemoved(const QStringList& names)
{
    QVector<int> rows;
    for (const QString& name : names) {
        const int row = rowOfHost(name);
        if (row >= 0) {
            rows.append(row);
        }
    }
    std::sort(rows.begin(), rows.end());
    // Remove contiguous ranges from the bottom up so earlier row numbers stay valid.
    int i = int(rows.size()) - 1;
    while (i >= 0) {
        int j = i;
        while (j > 0 && rows[j - 1] == rows[j] - 1) {
            --j;
        }
        beginRemoveRows({}, rows[j], rows[i]);
        m_rows.remove(rows[j], rows[i] - rows[j] + 1);
        m_rowOfValid = false;
        endRemoveRows();
        i = j - 1;
    }
    if (isFiltering()) {
        refresh();
    }
}

const Host* HostTableModel::hostAt(int row) const
{
    if (!m_inventory || row < 0 || row >= m_rows.size()) {
        return nullptr;
    }
    return m_inventory->host(m_rows.at(row));
}

QString HostTableModel::cellText(const Inventory& inventory, const Host& host, int column)
{
    switch (column) {
    case Name:
        return host.name;
    case Address:
        return host.address;
    case Port:
        return host.port > 0 ? QString::number(host.port) : QString();
    case User:
        return host.user;
    case Idc:
        return host.idc;
    case Business:
        return host.business;
    case Env:
        return host.env;
    case Status:
        return host.status;
    case Tags:
        return host.tags.join(QLatin1String(", "));
    case Groups:
        return inventory.hostGroupsDirect(host.name).join(QLatin1String(", "));
    default:
        return {};
    }
}

int HostTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HostTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HostTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Host* host = hostAt(index.row());
    if (!host) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        if (index.column() == Port) {
            return host->port > 0 ? QVariant(host->port) : QVariant();
        }
        return cellText(*m_inventory, *host, index.column());
    case Qt::EditRole:
        return cellText(*m_inventory, *host, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Port) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case HostNameRole:
        return host->name;
    default:
        return {};
    }
}

QVariant HostTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Address:
        return tr("Address");
    case Port:
        return tr("Port");
    case User:
        return tr("User");
    case Idc:
        return tr("IDC");
    case Business:
        return tr("Business");
    case Env:
        return tr("Env");
    case Status:
        return tr("Status");
    case Tags:
        return tr("Tags");
    case Groups:
        return tr("Groups");
    default:
        return {};
    }
}

Qt::ItemFlags HostTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

void HostTableModel::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    refresh();
}

QStringList HostTableModel::mimeTypes() const
{
    return { mimeType() };
}

QMimeData* HostTableModel::mimeData(const QModelIndexList& indexes) const
{
    QStringList names;
    QSet<int> seen;
    for (const QModelIndex& idx : indexes) {
        if (idx.isValid() && !seen.contains(idx.row())) {
            seen.insert(idx.row());
            names.append(hostName(idx.row()));
        }
    }
    if (names.isEmpty()) {
        return nullptr;
    }
    auto* data = new QMimeData;
    data->setData(mimeType(), names.join(QLatin1Char('\n')).toUtf8());
    data->setText(names.join(QLatin1Char('\n')));
    return data;
}

Qt::DropActions HostTableModel::supportedDragActions() const
{
    return Qt::CopyAction;
}
