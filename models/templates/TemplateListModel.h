#pragma once

#include "templates/ConfigTemplate.h"

#include <QAbstractTableModel>

// The template library as a table: one row per template at its current version. SearchTextRole is a lower-cased
// copy of name, destination, description and content, for a QSortFilterProxyModel's fixed-string filter.
class TemplateListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Destination, Version, Updated, ColumnCount };
    enum Role { TemplateIdRole = Qt::UserRole + 1, SearchTextRole };

    explicit TemplateListModel(QObject* parent = nullptr);

    void setTemplates(const QList<ConfigTemplate>& templates);
    // Replaces the row of tmpl.id, or appends one.
    void upsert(const ConfigTemplate& tmpl);
    void removeId(qint64 id);
    const QList<ConfigTemplate>& templates() const { return m_templates; }
    const ConfigTemplate* templateById(qint64 id) const;
    int rowOfId(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ConfigTemplate> m_templates;
};
