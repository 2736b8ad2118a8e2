#include "Workspace.h"

#include "store/SqlDialect.h"
#include "store/WorkspaceMigrations.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtEndian>

namespace {

QAtomicInt g_connectionCounter;

QString newConnectionName()
{
    return QStringLiteral("opsdeck-ws-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
}

struct HeaderInfo {
    bool isSqlite = false;
    quint32 userVersion = 0;
    quint32 applicationId = 0;
};

HeaderInfo readHeader(const QString& path, QString* error)
{
    HeaderInfo info;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return info;
    }
    const QByteArray head = f.read(100);
    if (head.size() < 100 || !head.startsWith(QByteArrayLiteral("SQLite format 3\0"))) {
        return info;
    }
    info.isSqlite = true;
    info.userVersion = qFromBigEndian<quint32>(head.constData() + 60);
    info.applicationId = qFromBigEndian<quint32>(head.constData() + 68);
    return info;
}

Error sqlError(const QString& what, const QSqlError& e, const QString& path)
{
    return Error(QStringLiteral("%1: %2").arg(what, e.text()), { path });
}

// Every step up to `version`, then the version itself, on `db` inside the caller's transaction.
Result<void> createSchema(QSqlDatabase db, int version, const QString& where)
{
    QSqlQuery q(db);
    const SqlDialect::Kind kind = SqlDialect::of(db);
    for (int v = 0; v < version; ++v) {
        for (const QString& sql : WorkspaceMigrations::steps().at(v)) {
            if (!q.exec(SqlDialect::translate(sql, kind))) {
                return Error(QStringLiteral("cannot create: %1").arg(q.lastError().text()), { where });
            }
        }
    }
    if (auto set = SqlDialect::setSchemaVersion(db, version, Workspace::kApplicationId); !set) {
        return Error(set.errorString(), { where });
    }
    return {};
}

} // namespace

Workspace::Workspace(StoreLocation location, QString connection)
    : m_location(std::move(location))
    , m_path(m_location.display())
    , m_connection(std::move(connection))
    , m_inventory(*this)
{
}

Workspace::~Workspace()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen()) {
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QString Workspace::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace.opsdeck");
}

QSqlDatabase Workspace::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

Result<void> Workspace::exec(const QString& sql) const
{
    QSqlQuery q(database());
    if (!q.exec(sql)) {
        return sqlError(QStringLiteral("database error"), q.lastError(), m_path);
    }
    return {};
}

template <typename F> Result<void> Workspace::transaction(F&& body)
{
    // Nested calls run inside the outermost transaction, which alone commits or rolls back.
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        Result<void> r = body();
        --m_transactionDepth;
        return r;
    }
    QSqlDatabase db = database();
    if (!db.transaction()) {
        return Error(QStringLiteral("cannot start a transaction (is another program writing to the workspace?): %1")
                         .arg(db.lastError().text()),
            { m_path });
    }
    ++m_transactionDepth;
    Result<void> r = body();
    --m_transactionDepth;
    if (!r) {
        db.rollback();
        return r;
    }
    if (!db.commit()) {
        const QString msg = db.lastError().text();
        db.rollback();
        return Error(QStringLiteral("cannot save: %1").arg(msg), { m_path });
    }
    return {};
}

Result<void> Workspace::inTransaction(const std::function<Result<void>()>& body)
{
    return transaction(body);
}

Result<void> Workspace::createAtVersion(const QString& path, int version)
{
    if (QFileInfo::exists(path)) {
        return Error(QStringLiteral("refusing to overwrite an existing file"), { path });
    }
    const QString conn = newConnectionName();
    Result<void> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(path);
        if (!db.open()) {
            result = Error(QStringLiteral("cannot create: %1").arg(db.lastError().text()), { path });
        } else {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
            q.finish(); // a statement left open keeps the close from checkpointing the WAL into the file
            db.transaction();
            result = createSchema(db, version, path);
            if (result.ok()) {
                db.commit();
            } else {
                db.rollback();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(conn);
    return result;
}

Result<void> Workspace::createAtVersion(const StoreLocation& location, int version)
{
    if (location.kind == StoreLocation::Kind::File) {
        return createAtVersion(location.file, version);
    }
    const QString conn = newConnectionName();
    Result<void> result;
    {
        QSqlDatabase db = location.addConnection(conn);
        if (!db.open()) {
            result = Error(QStringLiteral("cannot connect: %1").arg(db.lastError().text()), { location.display() });
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"))
                || !q.next() || q.value(0).toInt() != 0) {
                result = Error(QStringLiteral("refusing to create a workspace in a database that is not empty"),
                    { location.display() });
            } else {
                q.finish();
                db.transaction();
                result = createSchema(db, version, location.display());
                if (result.ok()) {
                    db.commit();
                } else {
                    db.rollback();
                }
            }
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(conn);
    return result;
}

Result<std::unique_ptr<Workspace>> Workspace::openUrl(const QString& url, OpenMode mode)
{
    auto location = StoreLocation::parseUrl(url);
    if (!location) {
        return location.error();
    }
    return openPostgres(*location, mode);
}

Result<std::unique_ptr<Workspace>> Workspace::open(const StoreLocation& location, OpenMode mode)
{
    return location.kind == StoreLocation::Kind::File ? open(location.file, mode) : openPostgres(location, mode);
}

Result<std::unique_ptr<Workspace>> Workspace::openPostgres(const StoreLocation& location, OpenMode mode)
{
    const QString where = location.display();
    const QString conn = newConnectionName();
    {
        QSqlDatabase db = location.addConnection(conn);
        if (!db.open()) {
            const QString msg = db.lastError().text().trimmed();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(conn);
            return Error(QStringLiteral("cannot connect: %1").arg(msg), { where });
        }
    }
    std::unique_ptr<Workspace> ws(new Workspace(location, conn));
    QSqlDatabase db = ws->database();
    // One transaction under an advisory lock: instances starting together on one database create or migrate it
    // once (PostgreSQL's DDL is transactional, so a failed step leaves the old version).
    auto prepared = ws->transaction([&]() -> Result<void> {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kApplicationId))) {
            return sqlError(QStringLiteral("cannot lock the database"), q.lastError(), where);
        }
        auto version = SqlDialect::schemaVersion(db);
        if (!version) {
            return Error(version.errorString(), { where });
        }
        if (*version < 0) {
            if (!q.exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"))
                || !q.next()) {
                return sqlError(QStringLiteral("cannot read the database"), q.lastError(), where);
            }
            if (q.value(0).toInt() > 0) {
                return Error(QStringLiteral("a PostgreSQL database, but not an OpsDeck workspace (it has tables and no "
                                            "opsdeck_schema); the database was left as it is"),
                    { where });
            }
            if (mode == OpenMode::OpenExisting) {
                return Error(QStringLiteral("no workspace in this database (it is empty); `opsdeck-server migrate "
                                            "--database URL` creates one"),
                    { where });
            }
            ws->m_createdOnOpen = true;
            ws->m_versionOnOpen = kSchemaVersion;
            return createSchema(db, kSchemaVersion, where);
        }
        if (*version > kSchemaVersion) {
            return Error(QStringLiteral("made by a newer OpsDeck (workspace version %1, this OpsDeck understands up "
                                        "to %2); upgrade OpsDeck to open it. The database was left as it is")
                             .arg(*version)
                             .arg(kSchemaVersion),
                { where });
        }
        ws->m_versionOnOpen = *version;
        return *version < kSchemaVersion ? WorkspaceMigrations::upgrade(db, *version, where) : Result<void>();
    });
    if (!prepared) {
        return prepared.error();
    }
    return ws;
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& path, OpenMode mode)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const bool exists = QFileInfo::exists(absolute);
    if (!exists && mode == OpenMode::OpenExisting) {
        return Error(QStringLiteral("no workspace here; create one with 'inventory import' or start the console "
                                    "with this path"),
            { absolute });
    }
    if (exists && QFileInfo(absolute).isDir()) {
        return Error(QStringLiteral("is a directory, not a workspace file"), { absolute });
    }
    if (!exists) {
        if (!QDir().mkpath(QFileInfo(absolute).absolutePath())) {
            return Error(QStringLiteral("cannot create the folder for the workspace"), { absolute });
        }
        auto created = createAtVersion(absolute, kSchemaVersion);
        if (!created) {
            return created.error();
        }
    } else {
        // Inspect before opening for writing: SQLite would otherwise happily change a foreign file (WAL mode,
        // journal), and an operator's file must stay byte-for-byte as it was.
        QString readError;
        const HeaderInfo header = readHeader(absolute, &readError);
        if (!readError.isEmpty()) {
            return Error(QStringLiteral("cannot read: %1").arg(readError), { absolute });
        }
        if (!header.isSqlite) {
            return Error(QStringLiteral("not an OpsDeck workspace (not a SQLite database); the file was left as it "
                                        "is"),
                { absolute });
        }
        if (header.applicationId != quint32(kApplicationId)) {
            return Error(QStringLiteral("a SQLite database, but not an OpsDeck workspace; the file was left as it is"),
                { absolute });
        }
        if (header.userVersion > quint32(kSchemaVersion)) {
            return Error(QStringLiteral("made by a newer OpsDeck (workspace version %1, this OpsDeck understands up "
                                        "to %2); upgrade OpsDeck to open it. The file was left as it is")
                             .arg(header.userVersion)
                             .arg(kSchemaVersion),
                { absolute });
        }
        // Read-only integrity check.
        const QString checkConn = newConnectionName();
        QString problem;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), checkConn);
            db.setDatabaseName(absolute);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"));
            if (!db.open()) {
                problem = db.lastError().text();
            } else {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next()) {
                    problem = q.lastError().text();
                } else if (q.value(0).toString() != QLatin1String("ok")) {
                    problem = q.value(0).toString();
                }
                q.finish();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(checkConn);
        if (!problem.isEmpty()) {
            if (problem.contains(QLatin1String("locked"), Qt::CaseInsensitive)) {
                return Error(QStringLiteral("locked by another program that is writing to it; close it there and "
                                            "try again. The file was left as it is"),
                    { absolute });
            }
            return Error(QStringLiteral("the workspace is damaged (%1); restore it from a backup. The file was left "
                                        "as it is")
                             .arg(problem.trimmed()),
                { absolute });
        }
    }

    const QString conn = newConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(absolute);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=1500"));
        if (!db.open()) {
            const QString msg = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(conn);
            return Error(QStringLiteral("cannot open: %1").arg(msg), { absolute });
        }
    }
    std::unique_ptr<Workspace> ws(new Workspace(StoreLocation::ofFile(absolute), conn));
    ws->m_createdOnOpen = !exists;
    QSqlDatabase db = ws->database();
    QSqlQuery q(db);
    // Take the write lock before changing anything: another writer holding it means we must not touch the file.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        return Error(QStringLiteral("locked by another program that is writing to it; close it there and try "
                                    "again. The file was left as it is"),
            { absolute });
    }
    q.exec(QStringLiteral("PRAGMA user_version"));
    q.next();
    const int version = q.value(0).toInt();
    q.finish();
    q.exec(QStringLiteral("ROLLBACK"));
    ws->m_versionOnOpen = version;
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
        return sqlError(QStringLiteral("cannot switch to WAL"), q.lastError(), absolute);
    }
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    if (version < kSchemaVersion) {
        auto migrated = ws->migrate(version);
        if (!migrated) {
            return migrated.error();
        }
    }
    return ws;
}

Result<void> Workspace::migrate(int from)
{
    // All steps in one transaction: a crash or error mid-way leaves the workspace at its old version.
    return transaction([&]() -> Result<void> { return WorkspaceMigrations::upgrade(database(), from, m_path); });
}

Result<Inventory> Workspace::loadInventory() const
{
    return m_inventory.load();
}

Result<void> Workspace::saveInventory(const Inventory& inventory, const std::function<bool(int, int)>& progress)
{
    return m_inventory.save(inventory, progress);
}

Result<void> Workspace::saveHost(const Host& host, const QStringList& groups)
{
    return m_inventory.saveHost(host, groups);
}

Result<void> Workspace::saveHosts(const QList<Host>& hosts)
{
    return m_inventory.saveHosts(hosts);
}

Result<void> Workspace::deleteHosts(const QStringList& names)
{
    return m_inventory.deleteHosts(names);
}

Result<void> Workspace::renameHost(const QString& from, const QString& to)
{
    return m_inventory.renameHost(from, to);
}

Result<void> Workspace::saveGroup(const Group& group)
{
    return m_inventory.saveGroup(group);
}

Result<void> Workspace::deleteGroup(const QString& name)
{
    return m_inventory.deleteGroup(name);
}

Result<void> Workspace::setGroupMembers(const QString& group, const QStringList& hosts)
{
    return m_inventory.setGroupMembers(group, hosts);
}

QString Workspace::setting(const QString& key) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next()) {
        return q.value(0).toString();
    }
    return {};
}

Result<void> Workspace::setSetting(const QString& key, const QString& value)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                             "excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot save setting %1").arg(key), q.lastError(), m_path);
    }
    return {};
}

Result<void> Workspace::removeSetting(const QString& key)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot remove setting %1").arg(key), q.lastError(), m_path);
    }
    return {};
}

QStringList Workspace::settingKeys(const QString& prefix) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT key FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key"));
    q.addBindValue(prefix.size());
    q.addBindValue(prefix);
    QStringList out;
    if (q.exec()) {
        while (q.next()) {
            out.append(q.value(0).toString());
        }
    }
    return out;
}
