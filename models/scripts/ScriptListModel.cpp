#include "ScriptListModel.h"

#include <QLocale>
#include <QMap>

namespace {

QString searchTextOf(const Script& s)
{
    return (s.name + QLatin1Char('\n') + s.description + QLatin1Char('\n') + s.content).toLower();
}

} // namespace

ScriptListModel::ScriptListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ScriptListModel::setScripts(const QList<Script>& scripts)
{
    beginResetModel();
    m_scripts = scripts;
    m_search.clear();
    m_search.reserve(m_scripts.size());
    for (const Script& s : std::as_const(m_scripts)) {
        m_search.append(searchTextOf(s));
    }
    endResetModel();
}

void ScriptListModel::upsert(const Script& script)
{
    const int row = rowOfId(script.id);
    if (row >= 0) {
        m_scripts[row] = script;
        m_search[row] = searchTextOf(script);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int at = int(m_scripts.size());
    beginInsertRows({}, at, at);
    m_scripts.append(script);
    m_search.append(searchTextOf(script));
    endInsertRows();
}

const Script* ScriptListModel::scriptById(qint64 id) const
{
    const int row = rowOfId(id);
    return row >= 0 ? &m_scripts[row] : nullptr;
}

int ScriptListModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_scripts.size(); ++i) {
        if (m_scripts[i].id == id) {
            return i;
        }
    }
    return -1;
}

QList<QPair<QString, int>> ScriptListModel::tagCounts() const
{
    QMap<QString, int> counts;
    for (const Script& s : m_scripts) {
        for (const QString& t : s.tags) {
            ++counts[t];
        }
    }
    QList<QPair<QString, int>> out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        out.append({ it.key(), it.value() });
    }
    return out;
}

int ScriptListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_scripts.size());
}

int ScriptListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScriptListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_scripts.size()) {
        return {};
    }
    const Script& s = m_scripts[index.row()];
    switch (role) {
    case ScriptIdRole:
        return s.id;
    case TagsRole:
        return s.tags;
    case SearchTextRole:
        return m_search[index.row()];
    case KindRole:
        return int(s.kind);
    case Qt::ToolTipRole:
        if (index.column() == Name && !s.description.isEmpty()) {
            return s.description;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return s.name;
        case Language:
            return ScriptLanguages::name(s.language);
        case Kind:
            return s.kind == Script::Kind::System ? tr("system") : tr("user");
        case Tags:
            return s.tags.join(QLatin1String(", "));
        case Version:
            return s.version;
        case Updated:
            return QLocale().toString(s.updatedAt.toLocalTime(), QLocale::ShortFormat);
        case Description:
            return s.description.section(QLatin1Char('\n'), 0, 0);
        default:
            return {};
        }
    case Qt::EditRole:
        if (index.column() == Updated) {
            return s.updatedAt;
        }
        return data(index, Qt::DisplayRole);
    default:
        return {};
    }
}

QVariant ScriptListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Language:
        return tr("Language");
    case Kind:
        return tr("Kind");
    case Tags:
        return tr("Tags");
    case Version:
        return tr("Version");
    case Updated:
        return tr("Updated");
    case Description:
        return tr("Description");
    default:
        return {};
    }
}

ScriptFilterModel::ScriptFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::EditRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ScriptFilterModel::setTags(const QStringList& tags)
{
    m_tags = tags;
    invalidateFilter();
}

void ScriptFilterModel::setText(const QString& text)
{
    m_text = text.trimmed().toLower();
    invalidateFilter();
}

void ScriptFilterModel::setKind(std::optional<Script::Kind> kind)
{
    m_kind = kind;
    invalidateFilter();
}

bool ScriptFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_kind && sourceModel()->data(idx, ScriptListModel::KindRole).toInt() != int(*m_kind)) {
        return false;
    }
    if (!m_tags.isEmpty()) {
        const QStringList tags = sourceModel()->data(idx, ScriptListModel::TagsRole).toStringList();
        for (const QString& t : m_tags) {
            if (!tags.contains(t)) {
                return false;
            }
        }
    }
    if (!m_text.isEmpty()) {
        return sourceModel()->data(idx, ScriptListModel::SearchTextRole).toString().contains(m_text);
    }
    return true;
}
