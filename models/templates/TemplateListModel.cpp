#include "TemplateListModel.h"

#include <QLocale>

TemplateListModel::TemplateListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TemplateListModel::setTemplates(const QList<ConfigTemplate>& templates)
{
    beginResetModel();
    m_templates = templates;
    endResetModel();
}

void TemplateListModel::upsert(const ConfigTemplate& tmpl)
{
    if (const int row = rowOfId(tmpl.id); row >= 0) {
        m_templates[row] = tmpl;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int at = int(m_templates.size());
    beginInsertRows({}, at, at);
    m_templates.append(tmpl);
    endInsertRows();
}

void TemplateListModel::removeId(qint64 id)
{
    if (const int row = rowOfId(id); row >= 0) {
        beginRemoveRows({}, row, row);
        m_templates.removeAt(row);
        endRemoveRows();
    }
}

const ConfigTemplate* TemplateListModel::templateById(qint64 id) const
{
    const int row = rowOfId(id);
    return row >= 0 ? &m_templates[row] : nullptr;
}

int TemplateListModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_templates.size(); ++i) {
        if (m_templates[i].id == id) {
            return i;
        }
    }
    return -1;
}

int TemplateListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_templates.size());
}

int TemplateListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TemplateListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_templates.size()) {
        return {};
    }
    const ConfigTemplate& t = m_templates[index.row()];
    switch (role) {
    case TemplateIdRole:
        return t.id;
    case SearchTextRole:
        // Computed on demand: template libraries are small (hundreds), and a filter pass reads each row once.
        return QStringList { t.name, t.destination, t.description, t.content }.join(QLatin1Char('\n')).toLower();
    case Qt::ToolTipRole:
        return t.description.isEmpty() ? QVariant() : QVariant(t.description);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return t.name;
        case Destination:
            return t.destination;
        case Version:
            return t.version;
        case Updated:
            return QLocale().toString(t.updatedAt.toLocalTime(), QLocale::ShortFormat);
        default:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant TemplateListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Destination:
        return tr("Destination");
    case Version:
        return tr("Version");
    case Updated:
        return tr("Updated");
    default:
        break;
    }
    return {};
}
