#pragma once

#include "scripts/Script.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <optional>

// The script library as a table: one row per script at its current version. Keeps, per script, a lower-cased
// copy of its name, description and content so that full-text search over 10,000 scripts is a plain substring
// scan per keystroke.
class ScriptListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Language, Kind, Tags, Version, Updated, Description, ColumnCount };
    enum Role { ScriptIdRole = Qt::UserRole + 1, TagsRole, SearchTextRole, KindRole };

    explicit ScriptListModel(QObject* parent = nullptr);

    void setScripts(const QList<Script>& scripts);
    // Replaces the row of script.id, or appends one.
    void upsert(const Script& script);
    const QList<Script>& scripts() const { return m_scripts; }
    const Script* scriptById(qint64 id) const;
    int rowOfId(qint64 id) const;
    // Tag → number of scripts carrying it, sorted by tag.
    QList<QPair<QString, int>> tagCounts() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Script> m_scripts;
    QList<QString> m_search; // lower-cased name + description + content, per row
};

// Filters the library: every selected tag must be present (AND), the text must occur (case-insensitively) in
// the name, description or content, and optionally one kind.
class ScriptFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ScriptFilterModel(QObject* parent = nullptr);

    void setTags(const QStringList& tags);
    QStringList tags() const { return m_tags; }
    void setText(const QString& text);
    QString text() const { return m_text; }
    void setKind(std::optional<Script::Kind> kind);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QStringList m_tags;
    QString m_text; // lower-cased
    std::optional<Script::Kind> m_kind;
};
