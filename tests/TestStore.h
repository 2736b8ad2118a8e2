#pragma once

#include "PostgresFixture.h"
#include "store/Workspace.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

// The store suite on both databases: a test opens its workspaces through TestStore instead of Workspace, naming
// each by a file path as always. With OPSDECK_TEST_DATABASE=postgresql (the `_pg` CTest entries) every path is a
// PostgreSQL database of its own on the binary's one PostgresFixture — created on first use, so reopening a path
// reopens its database —; otherwise the path is the SQLite file.
namespace TestStore {

inline bool postgres()
{
    return qEnvironmentVariable("OPSDECK_TEST_DATABASE") == QLatin1String("postgresql");
}

inline QHash<QString, QString>& databases()
{
    static QHash<QString, QString> urls;
    return urls;
}

// Why the PostgreSQL run cannot go on here (the binaries are missing: for QSKIP), or empty.
inline QString unavailableReason()
{
    return postgres() ? PostgresFixture::unavailableReason() : QString();
}

inline PostgresFixture* fixture()
{
    QString error;
    return PostgresFixture::shared(&error);
}

// The URL that stands for `path` (a new database on first use; empty on failure).
inline QString urlFor(const QString& path, bool create)
{
    if (const auto it = databases().constFind(path); it != databases().constEnd()) {
        return *it;
    }
    if (!create) {
        return {};
    }
    QString error;
    PostgresFixture* pg = PostgresFixture::shared(&error);
    const QString url = pg ? pg->createDatabase(&error) : QString();
    if (url.isEmpty()) {
        qWarning("PostgreSQL: %s", qPrintable(error));
        return {};
    }
    databases().insert(path, url);
    return url;
}

inline Result<std::unique_ptr<Workspace>> open(
    const QString& path, Workspace::OpenMode mode = Workspace::OpenMode::OpenExisting)
{
    if (!postgres()) {
        return Workspace::open(path, mode);
    }
    const QString url = urlFor(path, mode == Workspace::OpenMode::CreateIfMissing);
    if (url.isEmpty()) {
        return Error(QStringLiteral("no workspace here (no database stands for this path yet)"), { path });
    }
    return Workspace::openUrl(url, mode);
}

inline Result<void> createAtVersion(const QString& path, int version)
{
    if (!postgres()) {
        return Workspace::createAtVersion(path, version);
    }
    if (databases().contains(path)) {
        return Error(QStringLiteral("refusing to overwrite an existing database"), { path });
    }
    const QString url = urlFor(path, true);
    if (url.isEmpty()) {
        return Error(QStringLiteral("cannot create a database"), { path });
    }
    auto location = StoreLocation::parseUrl(url);
    return location ? Workspace::createAtVersion(*location, version) : Result<void>(location.error());
}

// The database's name in the fixture for `path` (PostgreSQL only).
inline QString databaseName(const QString& path)
{
    const QString url = databases().value(path);
    return url.mid(url.lastIndexOf(u'/') + 1);
}

// Runs raw SQL on the store that stands for `path` (writing data as an older version did, looking at a table),
// on a connection of its own; the first failure's statement and error, or empty.
inline QString exec(const QString& path, const QStringList& statements)
{
    if (postgres()) {
        for (const QString& sql : statements) {
            QString error;
            if (!fixture() || !fixture()->exec(databaseName(path), sql, &error)) {
                return sql + QStringLiteral(": ") + error;
            }
        }
        return {};
    }
    static int serial = 0;
    const QString conn = QStringLiteral("teststore-raw-%1").arg(++serial);
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(path);
        if (!db.open()) {
            failure = db.lastError().text();
        }
        QSqlQuery q(db);
        for (const QString& sql : statements) {
            if (failure.isEmpty() && !q.exec(sql)) {
                failure = sql + QStringLiteral(": ") + q.lastError().text();
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(conn);
    return failure;
}

// Whether the store for `path` has a table `table`.
inline bool hasTable(const QString& path, const QString& table)
{
    const QString probe = QStringLiteral("SELECT 1 FROM %1 LIMIT 1").arg(table);
    return exec(path, { probe }).isEmpty();
}

} // namespace TestStore

// In a test's initTestCase(): the PostgreSQL run skips (saying why) where PostgreSQL is not installed, and fails
// where it is but does not start.
#define TESTSTORE_INIT()                                                                                               \
    do {                                                                                                               \
        if (const QString why = TestStore::unavailableReason(); !why.isEmpty()) {                                      \
            QSKIP(qPrintable(why));                                                                                    \
        }                                                                                                              \
        if (TestStore::postgres()) {                                                                                   \
            QString pgError;                                                                                           \
            QVERIFY2(PostgresFixture::shared(&pgError), qPrintable(pgError));                                          \
        }                                                                                                              \
    } while (false)

// In a test function about a SQLite file as such (its header, locking, damage): skipped on the PostgreSQL run.
#define TESTSTORE_SQLITE_ONLY()                                                                                        \
    do {                                                                                                               \
        if (TestStore::postgres()) {                                                                                   \
            QSKIP("about the SQLite file itself");                                                                     \
        }                                                                                                              \
    } while (false)
