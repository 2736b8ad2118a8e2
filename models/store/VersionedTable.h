#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <optional>

class Workspace;

// The versioning the script and template libraries share (docs/scripts.md "Versions"): a table with the current
// version of each item — `id`, the item's versioned columns (the first is its unique `name`), `version`,
// `created_at`, `updated_at` (ISO 8601 UTC), `author` — and a table with every saved version in full — the item's
// id, `version`, `created_at`, `author`, `message` and the same columns. Nothing is ever overwritten: every write
// appends version N + 1. The stores turn their items into column values and back; this class only knows columns.
class VersionedTable {
public:
    struct Spec {
        QString table; // "scripts"
        QString versionTable; // "script_versions"
        QString foreignKey; // "script_id"
        QString noun; // "script", in messages
        QStringList columns; // the versioned columns, "name" first
    };
    // One item at its current version; `values` in the order of Spec::columns.
    struct Row {
        qint64 id = 0;
        int version = 0;
        QDateTime createdAt;
        QDateTime updatedAt;
        QString author;
        QVariantList values;
        QString name() const { return values.value(0).toString(); }
    };
    // One saved version.
    struct VersionRow {
        int version = 0;
        QDateTime createdAt;
        QString author;
        QString message;
        QVariantList values;
    };

    VersionedTable(Workspace& workspace, Spec spec);

    // Every item at its current version, sorted by name.
    Result<QList<Row>> loadAll() const;
    Result<Row> load(qint64 id) const;
    // The id of the item of that name (exact match), or nullopt.
    Result<std::optional<qint64>> idOfName(const QString& name) const;
    // Appends version row.version + 1 with `message` and makes it the current row (inserting the item for version 1,
    // which fills in row.id and row.createdAt). Sets row.version, updatedAt and author (the OS login name).
    // Call inside a transaction (Workspace::inTransaction).
    Result<void> writeVersion(Row& row, const QString& message);
    // Every version of an item, oldest first.
    Result<QList<VersionRow>> versions(qint64 id) const;

    // The author recorded with new versions: the OS login name.
    static QString currentAuthor();
    // Records `author` with the versions this table writes instead of the OS login name (the control server names
    // the token that made a change); empty: the OS login name again.
    void setAuthor(const QString& author) { m_author = author; }
    // SQL text columns are NOT NULL: a null QString would bind as NULL.
    static QVariant notNull(const QVariant& value);

private:
    Error queryError(const QString& what, const class QSqlQuery& q) const;

    Workspace& m_workspace;
    Spec m_spec;
    QString m_author;
};
