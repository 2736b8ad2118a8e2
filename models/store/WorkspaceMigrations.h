#pragma once

#include "core/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

// The workspace schema as its history: forward migrations, entry i bringing a workspace from version i to i + 1.
// Never edit an entry once released; add a new one (and raise Workspace::kSchemaVersion).
namespace WorkspaceMigrations {

// The SQL statements of every step, in order.
const QList<QStringList>& steps();
// Runs the steps from version `from` up to Workspace::kSchemaVersion and sets user_version, on `db` inside the
// caller's transaction; `path` names the workspace in errors.
Result<void> upgrade(QSqlDatabase db, int from, const QString& path);

} // namespace WorkspaceMigrations
