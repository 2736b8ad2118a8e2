#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

// What differs between the two databases a workspace can live in — SQLite (a file, the default) and PostgreSQL
// (the control server's shared store) — kept in one place so that every store runs one code path of portable SQL.
//
// The migration steps (WorkspaceMigrations) are written once, in SQLite's words, and translated for PostgreSQL by
// `translate()`: outside string literals, `INTEGER PRIMARY KEY [AUTOINCREMENT]` becomes a BIGINT identity column,
// `INTEGER` BIGINT (times are ms since the epoch), `REAL` DOUBLE PRECISION, `BLOB` BYTEA, and a column named by a
// word PostgreSQL reserves (`user`) is quoted. A new step written in the same style (CREATE TABLE / ALTER TABLE ADD
// COLUMN / CREATE INDEX with those types, no SQLite-only clause such as WITHOUT ROWID or STRICT) translates as is.
namespace SqlDialect {

enum class Kind { Sqlite, Postgres };

Kind of(const QSqlDatabase& db);
inline bool isPostgres(const QSqlDatabase& db)
{
    return of(db) == Kind::Postgres;
}

// A migration statement for `kind` (unchanged for SQLite).
QString translate(const QString& sql, Kind kind);

// The schema version: SQLite's user_version; PostgreSQL's row in `opsdeck_schema` (-1: the table is missing).
Result<int> schemaVersion(const QSqlDatabase& db);
// Sets it (and the application id), inside the caller's transaction.
Result<void> setSchemaVersion(const QSqlDatabase& db, int version, int applicationId);

// After rows were inserted with explicit ids into `table` (whose `id` is an identity column on PostgreSQL): the
// next generated id continues after the highest one. Nothing to do on SQLite.
Result<void> resyncIdentity(const QSqlDatabase& db, const QString& table);

// A number that changes whenever anybody committed a write to the database (SQLite's data_version, PostgreSQL's
// WAL position); -1 when unknown. Equal twice means nothing was written in between.
qint64 changeCounter(const QSqlDatabase& db);

} // namespace SqlDialect
