#pragma once

#include "core/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

// The workspace schema as its history: forward migrations, entry i bringing a workspace from version i to i + 1.
// Never edit an entry once released; add a new one (and raise Workspace::kSchemaVersion).
// Steps run on SQLite as written and on PostgreSQL through SqlDialect::translate: write them in SQLite's words with
// the types INTEGER (64-bit on both), INTEGER PRIMARY KEY (an identity column on PostgreSQL), TEXT, REAL and BLOB,
// plain CREATE TABLE / ALTER TABLE … ADD COLUMN / CREATE INDEX, constraints both know (PRIMARY KEY, UNIQUE, NOT NULL,
// DEFAULT literal, REFERENCES … ON DELETE CASCADE, CHECK), and no SQLite-only clause (WITHOUT ROWID, STRICT,
// AUTOINCREMENT is translated but not needed, DEFAULT (expression) with SQLite functions). tst_workspace runs every
// step on both databases.
namespace WorkspaceMigrations {

// The SQL statements of every step, in order.
const QList<QStringList>& steps();
// Runs the steps from version `from` up to Workspace::kSchemaVersion and sets user_version, on `db` inside the
// caller's transaction; `path` names the workspace in errors.
Result<void> upgrade(QSqlDatabase db, int from, const QString& path);

} // namespace WorkspaceMigrations
