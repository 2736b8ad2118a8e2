#include "Workspace.h"

#include "core/VarCodec.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentMap>
#include <QtEndian>
#include <algorithm>
#include <sqlite3.h>

namespace {

QAtomicInt g_connectionCounter;

QString newConnectionName()
{
    return QStringLiteral("opsdeck-ws-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
}

// Forward migrations: entry i brings a workspace from version i to i + 1. Never edit an entry once released;
// add a new one.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps {
        // 0 → 1: the inventory.
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "address TEXT NOT NULL DEFAULT '', port INTEGER NOT NULL DEFAULT 0, "
                           "user TEXT NOT NULL DEFAULT '', idc TEXT NOT NULL DEFAULT '', "
                           "business TEXT NOT NULL DEFAULT '', env TEXT NOT NULL DEFAULT '', "
                           "status TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]', "
                           "vars TEXT NOT NULL DEFAULT '{}', position INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE host_groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "kind TEXT NOT NULL DEFAULT 'custom', priority INTEGER NOT NULL DEFAULT 1, "
                           "vars TEXT NOT NULL DEFAULT '{}', position INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE group_children (parent_id INTEGER NOT NULL REFERENCES host_groups(id) "
                           "ON DELETE CASCADE, child_id INTEGER NOT NULL REFERENCES host_groups(id) ON DELETE "
                           "CASCADE, position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (parent_id, child_id))"),
            QStringLiteral("CREATE TABLE group_hosts (group_id INTEGER NOT NULL REFERENCES host_groups(id) "
                           "ON DELETE CASCADE, host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE, "
                           "position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (group_id, host_id))"),
        },
        // 1 → 2: the group_vars/ and host_vars/ layers of imported Ansible inventories; settings.
        {
            QStringLiteral("ALTER TABLE hosts ADD COLUMN file_vars TEXT NOT NULL DEFAULT '{}'"),
            QStringLiteral("ALTER TABLE host_groups ADD COLUMN file_vars TEXT NOT NULL DEFAULT '{}'"),
            QStringLiteral("CREATE INDEX group_hosts_by_host ON group_hosts(host_id)"),
            QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        },
        // 2 → 3: the script library. `scripts` holds the current version of each script (what lists and searches
        // read); `script_versions` every saved version in full (nothing is ever overwritten); tags are not
        // versioned.
        {
            QStringLiteral("CREATE TABLE scripts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "language TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'user', "
                           "description TEXT NOT NULL DEFAULT '', run_as TEXT NOT NULL DEFAULT '', "
                           "parameters TEXT NOT NULL DEFAULT '[]', content TEXT NOT NULL DEFAULT '', "
                           "version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
                           "author TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE script_versions (script_id INTEGER NOT NULL REFERENCES scripts(id) "
                           "ON DELETE CASCADE, version INTEGER NOT NULL, created_at TEXT NOT NULL, "
                           "author TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', name TEXT NOT NULL, "
                           "language TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, "
                           "run_as TEXT NOT NULL, parameters TEXT NOT NULL, content TEXT NOT NULL, "
                           "PRIMARY KEY (script_id, version))"),
            QStringLiteral("CREATE TABLE script_tags (script_id INTEGER NOT NULL REFERENCES scripts(id) "
                           "ON DELETE CASCADE, tag TEXT NOT NULL, PRIMARY KEY (script_id, tag))"),
            QStringLiteral("CREATE INDEX script_tags_by_tag ON script_tags(tag)"),
        },
        // 3 → 4: the job history (models/jobs/JobStore). `job_events` is the record (every event as its JSON line,
        // with the columns that reads filter on); `jobs` a summary row per job kept equal to the fold of its events;
        // `job_hosts` the targets, for the search by host. Times are UTC milliseconds since the epoch.
        {
            QStringLiteral("CREATE TABLE jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', "
                           "created_at INTEGER NOT NULL, created_by TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, "
                           "spec TEXT NOT NULL, target_description TEXT NOT NULL DEFAULT '', "
                           "host_count INTEGER NOT NULL DEFAULT 0, steps TEXT NOT NULL DEFAULT '[]', "
                           "finished_at INTEGER, last_seq INTEGER NOT NULL DEFAULT 0, "
                           "runner TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX jobs_by_created ON jobs(created_at)"),
            QStringLiteral("CREATE TABLE job_hosts (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, "
                           "host TEXT NOT NULL, PRIMARY KEY (job_id, host))"),
            QStringLiteral("CREATE INDEX job_hosts_by_host ON job_hosts(host)"),
            QStringLiteral("CREATE TABLE job_events (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, "
                           "seq INTEGER NOT NULL, time INTEGER NOT NULL, type TEXT NOT NULL, step INTEGER, "
                           "host TEXT, payload TEXT NOT NULL, PRIMARY KEY (job_id, seq))"),
            QStringLiteral("CREATE INDEX job_events_by_host ON job_events(job_id, host, seq)"),
        },
        // 4 → 5: dynamic groups. A group with a non-empty `rule` (a Jinja2 expression over `host`) has its members
        // computed from it; none are stored in group_hosts.
        {
            QStringLiteral("ALTER TABLE host_groups ADD COLUMN rule TEXT NOT NULL DEFAULT ''"),
        },
        // 5 → 6: the template library, versioned as the script library is (models/VersionedTable): `templates` holds
        // the current version of each template, `template_versions` every saved version in full.
        {
            QStringLiteral("CREATE TABLE templates (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "destination TEXT NOT NULL DEFAULT '', mode TEXT NOT NULL DEFAULT '', "
                           "owner TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', "
                           "content TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL, created_at TEXT NOT NULL, "
                           "updated_at TEXT NOT NULL, author TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE template_versions (template_id INTEGER NOT NULL REFERENCES templates(id) "
                           "ON DELETE CASCADE, version INTEGER NOT NULL, created_at TEXT NOT NULL, "
                           "author TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', name TEXT NOT NULL, "
                           "destination TEXT NOT NULL, mode TEXT NOT NULL, owner TEXT NOT NULL, "
                           "description TEXT NOT NULL, content TEXT NOT NULL, PRIMARY KEY (template_id, version))"),
        },
    };
    return steps;
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

QString varsJson(const QVariantMap& vars)
{
    return QString::fromUtf8(VarCodec::toStorageJson(vars));
}

QString tagsJson(const QStringList& tags)
{
    QVariantList list;
    for (const QString& t : tags) {
        list.append(t);
    }
    return QString::fromUtf8(VarCodec::toStorageJson(list));
}

QStringList parseTags(const QString& json)
{
    QStringList out;
    if (json.isEmpty() || json == QLatin1String("[]")) {
        return out;
    }
    auto r = VarCodec::fromJson(json.toUtf8());
    if (r) {
        for (const QVariant& v : r->toList()) {
            out.append(v.toString());
        }
    }
    return out;
}

// Empty QStrings are often null, which Qt SQL binds as NULL; our text columns are NOT NULL.
QString nn(const QString& s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

Error sqlError(const QString& what, const QSqlError& e, const QString& path)
{
    return Error(QStringLiteral("%1: %2").arg(what, e.text()), { path });
}

} // namespace

Workspace::Workspace(QString path, QString connection)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
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
            db.transaction();
            for (int v = 0; v < version && result.ok(); ++v) {
                for (const QString& sql : migrations().at(v)) {
                    if (!q.exec(sql)) {
                        result = Error(QStringLiteral("cannot create: %1").arg(q.lastError().text()), { path });
                        break;
                    }
                }
            }
            q.exec(QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId));
            q.exec(QStringLiteral("PRAGMA user_version=%1").arg(version));
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
    std::unique_ptr<Workspace> ws(new Workspace(absolute, conn));
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
    return transaction([&]() -> Result<void> {
        QSqlQuery q(database());
        for (int v = from; v < kSchemaVersion; ++v) {
            for (const QString& sql : migrations().at(v)) {
                if (!q.exec(sql)) {
                    return sqlError(
                        QStringLiteral("cannot upgrade the workspace from version %1").arg(v), q.lastError(), m_path);
                }
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion))) {
            return sqlError(QStringLiteral("cannot upgrade the workspace"), q.lastError(), m_path);
        }
        return {};
    });
}

namespace {

// Reading through the sqlite3 C API rather than QSqlQuery: a QVariant per cell made loading 100,000 hosts take
// several times longer (the workspace must open in well under a second).
class Statement {
public:
    Statement(sqlite3* db, const char* sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(db));
            m_stmt = nullptr;
        }
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return m_stmt != nullptr; }
    QString error() const { return m_error; }
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }
    qint64 integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    QString text(int col) const
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col)) : QString();
    }
    QByteArray bytes(int col) const
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        return p ? QByteArray(p, sqlite3_column_bytes(m_stmt, col)) : QByteArray();
    }

private:
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
};

sqlite3* nativeHandle(const QSqlDatabase& db)
{
    const QVariant v = db.driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0) {
        return *static_cast<sqlite3* const*>(v.constData());
    }
    return nullptr;
}

QVariantMap parseVarsBytes(const QByteArray& json, const QString& what)
{
    if (json.isEmpty() || json == "{}") {
        return {};
    }
    auto r = VarCodec::fromJson(json, what);
    return r ? r->toMap() : QVariantMap {};
}

} // namespace

Result<Inventory> Workspace::loadInventory() const
{
    sqlite3* db = nativeHandle(database());
    if (!db) {
        return Error(QStringLiteral("cannot read the workspace: no SQLite handle"), { m_path });
    }
    const auto readError = [&](const QString& what, const QString& detail) {
        return Error(QStringLiteral("cannot read %1: %2").arg(what, detail), { m_path });
    };
    // Groups first: ids → indexes.
    QHash<qint64, int> groupRow;
    QVector<Group> groups;
    {
        Statement st(
            db, "SELECT id, name, kind, priority, vars, file_vars, rule FROM host_groups ORDER BY position, id");
        if (!st.ok()) {
            return readError(QStringLiteral("groups"), st.error());
        }
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            Group g;
            g.name = st.text(1);
            g.kind = Group::kindFromName(st.text(2));
            g.priority = int(st.integer(3));
            g.vars = parseVarsBytes(st.bytes(4), g.name);
            g.fileVars = parseVarsBytes(st.bytes(5), g.name);
            g.rule = st.text(6);
            groupRow.insert(st.integer(0), int(groups.size()));
            groups.append(g);
        }
        if (rc != SQLITE_DONE) {
            return readError(QStringLiteral("groups"), QString::fromUtf8(sqlite3_errmsg(db)));
        }
    }
    // Hosts: read raw rows, then parse variables on all cores.
    struct Row {
        qint64 id;
        qint64 position;
        Host host;
        QByteArray tags;
        QByteArray vars;
        QByteArray fileVars;
    };
    std::vector<Row> rows;
    {
        Statement count(db, "SELECT COUNT(*) FROM hosts");
        if (count.ok() && count.step() == SQLITE_ROW) {
            rows.reserve(size_t(count.integer(0)));
        }
        Statement st(db,
            "SELECT id, name, address, port, user, idc, business, env, status, tags, vars, file_vars, "
            "position FROM hosts");
        if (!st.ok()) {
            return readError(QStringLiteral("hosts"), st.error());
        }
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            Row r;
            r.id = st.integer(0);
            r.host.name = st.text(1);
            r.host.address = st.text(2);
            r.host.port = int(st.integer(3));
            r.host.user = st.text(4);
            r.host.idc = st.text(5);
            r.host.business = st.text(6);
            r.host.env = st.text(7);
            r.host.status = st.text(8);
            r.tags = st.bytes(9);
            r.vars = st.bytes(10);
            r.fileVars = st.bytes(11);
            r.position = st.integer(12);
            rows.push_back(std::move(r));
        }
        if (rc != SQLITE_DONE) {
            return readError(QStringLiteral("hosts"), QString::fromUtf8(sqlite3_errmsg(db)));
        }
    }
    std::stable_sort(rows.begin(), rows.end(),
        [](const Row& a, const Row& b) { return a.position != b.position ? a.position < b.position : a.id < b.id; });
    QtConcurrent::blockingMap(rows, [](Row& r) {
        r.host.tags = parseTags(QString::fromUtf8(r.tags));
        r.host.vars = parseVarsBytes(r.vars, r.host.name);
        r.host.fileVars = parseVarsBytes(r.fileVars, r.host.name);
        r.tags.clear();
        r.vars.clear();
        r.fileVars.clear();
    });
    QHash<qint64, int> hostRow;
    hostRow.reserve(qsizetype(rows.size()));
    QVector<Host> hosts;
    hosts.reserve(qsizetype(rows.size()));
    for (Row& r : rows) {
        hostRow.insert(r.id, int(hosts.size()));
        hosts.append(std::move(r.host));
    }
    rows.clear();
    {
        Statement st(db, "SELECT parent_id, child_id FROM group_children ORDER BY parent_id, position");
        if (!st.ok()) {
            return readError(QStringLiteral("groups"), st.error());
        }
        while (st.step() == SQLITE_ROW) {
            const int parent = groupRow.value(st.integer(0), -1);
            const int child = groupRow.value(st.integer(1), -1);
            if (parent >= 0 && child >= 0) {
                groups[parent].children.append(groups[child].name);
            }
        }
    }
    {
        Statement st(db, "SELECT group_id, host_id FROM group_hosts ORDER BY group_id, position");
        if (!st.ok()) {
            return readError(QStringLiteral("memberships"), st.error());
        }
        while (st.step() == SQLITE_ROW) {
            const int g = groupRow.value(st.integer(0), -1);
            const int h = hostRow.value(st.integer(1), -1);
            if (g >= 0 && h >= 0) {
                groups[g].hosts.append(hosts[h].name);
            }
        }
    }
    Inventory inv;
    inv.setContents(std::move(hosts), std::move(groups));
    return inv;
}

Result<void> Workspace::saveInventory(const Inventory& inv, const std::function<bool(int, int)>& progress)
{
    return transaction([&]() -> Result<void> {
        QSqlDatabase db = database();
        QSqlQuery q(db);
        for (const char* table : { "group_hosts", "group_children", "hosts", "host_groups" }) {
            if (!q.exec(QStringLiteral("DELETE FROM ") + QLatin1String(table))) {
                return sqlError(QStringLiteral("cannot save the inventory"), q.lastError(), m_path);
            }
        }
        const int total = int(inv.hosts().size() + inv.groups().size());
        int done = 0;
        QSqlQuery gi(db);
        gi.prepare(QStringLiteral("INSERT INTO host_groups (id, name, kind, priority, vars, file_vars, position, "
                                  "rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        QHash<QString, int> gid;
        for (int i = 0; i < inv.groups().size(); ++i) {
            const Group& g = inv.groups()[i];
            gid.insert(g.name, i + 1);
            gi.addBindValue(i + 1);
            gi.addBindValue(g.name);
            gi.addBindValue(Group::kindName(g.kind));
            gi.addBindValue(g.priority);
            gi.addBindValue(varsJson(g.vars));
            gi.addBindValue(varsJson(g.fileVars));
            gi.addBindValue(i);
            gi.addBindValue(nn(g.rule));
            if (!gi.exec()) {
                return sqlError(QStringLiteral("cannot save group %1").arg(g.name), gi.lastError(), m_path);
            }
        }
        QSqlQuery hi(db);
        hi.prepare(QStringLiteral("INSERT INTO hosts (id, name, address, port, user, idc, business, env, status, "
                                  "tags, vars, file_vars, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        QHash<QString, int> hid;
        hid.reserve(inv.hosts().size());
        for (int i = 0; i < inv.hosts().size(); ++i) {
            const Host& h = inv.hosts()[i];
            hid.insert(h.name, i + 1);
            hi.addBindValue(i + 1);
            hi.addBindValue(h.name);
            hi.addBindValue(nn(h.address));
            hi.addBindValue(h.port);
            hi.addBindValue(nn(h.user));
            hi.addBindValue(nn(h.idc));
            hi.addBindValue(nn(h.business));
            hi.addBindValue(nn(h.env));
            hi.addBindValue(nn(h.status));
            hi.addBindValue(tagsJson(h.tags));
            hi.addBindValue(varsJson(h.vars));
            hi.addBindValue(varsJson(h.fileVars));
            hi.addBindValue(i);
            if (!hi.exec()) {
                return sqlError(QStringLiteral("cannot save host %1").arg(h.name), hi.lastError(), m_path);
            }
            if (progress && (++done % 2000) == 0 && !progress(done, total)) {
                return Error(QStringLiteral("cancelled"));
            }
        }
        QSqlQuery ci(db);
        ci.prepare(QStringLiteral("INSERT OR IGNORE INTO group_children (parent_id, child_id, position) VALUES (?, ?, "
                                  "?)"));
        QSqlQuery mi(db);
        mi.prepare(QStringLiteral("INSERT OR IGNORE INTO group_hosts (group_id, host_id, position) VALUES (?, ?, ?)"));
        for (const Group& g : inv.groups()) {
            int pos = 0;
            for (const QString& c : g.children) {
                if (!gid.contains(c)) {
                    return Error(QStringLiteral("group %1 names a child group %2 that does not exist").arg(g.name, c));
                }
                ci.addBindValue(gid.value(g.name));
                ci.addBindValue(gid.value(c));
                ci.addBindValue(pos++);
                if (!ci.exec()) {
                    return sqlError(QStringLiteral("cannot save group %1").arg(g.name), ci.lastError(), m_path);
                }
            }
            pos = 0;
            // A dynamic group's members come from its rule, never from storage.
            for (const QString& h : g.isDynamic() ? QStringList() : g.hosts) {
                if (!hid.contains(h)) {
                    return Error(QStringLiteral("group %1 names a host %2 that does not exist").arg(g.name, h));
                }
                mi.addBindValue(gid.value(g.name));
                mi.addBindValue(hid.value(h));
                mi.addBindValue(pos++);
                if (!mi.exec()) {
                    return sqlError(QStringLiteral("cannot save group %1").arg(g.name), mi.lastError(), m_path);
                }
            }
            if (progress && !progress(++done, total)) {
                return Error(QStringLiteral("cancelled"));
            }
        }
        if (progress) {
            progress(total, total);
        }
        return {};
    });
}

namespace {

Result<qlonglong> upsertHostRow(QSqlDatabase db, const Host& h, const QString& path)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO hosts (name, address, port, user, idc, business, env, status, tags, vars, file_vars, position) "
        "VALUES (:name, :address, :port, :user, :idc, :business, :env, :status, :tags, :vars, :file_vars, "
        "(SELECT COALESCE(MAX(position), -1) + 1 FROM hosts)) "
        "ON CONFLICT(name) DO UPDATE SET address = excluded.address, port = excluded.port, user = excluded.user, "
        "idc = excluded.idc, business = excluded.business, env = excluded.env, status = excluded.status, "
        "tags = excluded.tags, vars = excluded.vars, file_vars = excluded.file_vars"));
    q.bindValue(QStringLiteral(":name"), h.name);
    q.bindValue(QStringLiteral(":address"), nn(h.address));
    q.bindValue(QStringLiteral(":port"), h.port);
    q.bindValue(QStringLiteral(":user"), nn(h.user));
    q.bindValue(QStringLiteral(":idc"), nn(h.idc));
    q.bindValue(QStringLiteral(":business"), nn(h.business));
    q.bindValue(QStringLiteral(":env"), nn(h.env));
    q.bindValue(QStringLiteral(":status"), nn(h.status));
    q.bindValue(QStringLiteral(":tags"), tagsJson(h.tags));
    q.bindValue(QStringLiteral(":vars"), varsJson(h.vars));
    q.bindValue(QStringLiteral(":file_vars"), varsJson(h.fileVars));
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot save host %1").arg(h.name), q.lastError(), path);
    }
    QSqlQuery id(db);
    id.prepare(QStringLiteral("SELECT id FROM hosts WHERE name = ?"));
    id.addBindValue(h.name);
    if (!id.exec() || !id.next()) {
        return sqlError(QStringLiteral("cannot save host %1").arg(h.name), id.lastError(), path);
    }
    return id.value(0).toLongLong();
}

Result<qlonglong> groupId(QSqlDatabase db, const QString& name, const QString& path, bool create)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM host_groups WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next()) {
        return q.value(0).toLongLong();
    }
    if (!create) {
        return Error(QStringLiteral("no group named %1").arg(name), { path });
    }
    QSqlQuery ins(db);
    ins.prepare(QStringLiteral("INSERT INTO host_groups (name, position) VALUES (?, (SELECT COALESCE(MAX(position), "
                               "-1) + 1 FROM host_groups))"));
    ins.addBindValue(name);
    if (!ins.exec()) {
        return sqlError(QStringLiteral("cannot save group %1").arg(name), ins.lastError(), path);
    }
    return ins.lastInsertId().toLongLong();
}

} // namespace

Result<void> Workspace::saveHost(const Host& host, const QStringList& groups)
{
    return transaction([&]() -> Result<void> {
        QSqlDatabase db = database();
        auto id = upsertHostRow(db, host, m_path);
        if (!id) {
            return id.error();
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM group_hosts WHERE host_id = ?"));
        q.addBindValue(*id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save host %1").arg(host.name), q.lastError(), m_path);
        }
        for (const QString& g : groups) {
            auto gid = groupId(db, g, m_path, true);
            if (!gid) {
                return gid.error();
            }
            QSqlQuery m(db);
            // Membership of a dynamic group comes from its rule: not stored.
            m.prepare(QStringLiteral("INSERT OR IGNORE INTO group_hosts (group_id, host_id, position) SELECT ?, ?, "
                                     "(SELECT COALESCE(MAX(position), -1) + 1 FROM group_hosts WHERE group_id = ?) "
                                     "WHERE (SELECT rule FROM host_groups WHERE id = ?) = ''"));
            m.addBindValue(*gid);
            m.addBindValue(*id);
            m.addBindValue(*gid);
            m.addBindValue(*gid);
            if (!m.exec()) {
                return sqlError(QStringLiteral("cannot save host %1").arg(host.name), m.lastError(), m_path);
            }
        }
        return {};
    });
}

Result<void> Workspace::saveHosts(const QList<Host>& hosts)
{
    return transaction([&]() -> Result<void> {
        for (const Host& h : hosts) {
            auto id = upsertHostRow(database(), h, m_path);
            if (!id) {
                return id.error();
            }
        }
        return {};
    });
}

Result<void> Workspace::deleteHosts(const QStringList& names)
{
    return transaction([&]() -> Result<void> {
        QSqlQuery q(database());
        q.prepare(QStringLiteral("DELETE FROM hosts WHERE name = ?"));
        for (const QString& n : names) {
            q.addBindValue(n);
            if (!q.exec()) {
                return sqlError(QStringLiteral("cannot delete host %1").arg(n), q.lastError(), m_path);
            }
        }
        return {};
    });
}

Result<void> Workspace::renameHost(const QString& from, const QString& to)
{
    return transaction([&]() -> Result<void> {
        QSqlQuery q(database());
        q.prepare(QStringLiteral("UPDATE hosts SET name = ? WHERE name = ?"));
        q.addBindValue(to);
        q.addBindValue(from);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot rename host %1").arg(from), q.lastError(), m_path);
        }
        return {};
    });
}

Result<void> Workspace::saveGroup(const Group& g)
{
    return transaction([&]() -> Result<void> {
        QSqlDatabase db = database();
        auto id = groupId(db, g.name, m_path, true);
        if (!id) {
            return id.error();
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "UPDATE host_groups SET kind = ?, priority = ?, vars = ?, file_vars = ?, rule = ? WHERE id = ?"));
        q.addBindValue(Group::kindName(g.kind));
        q.addBindValue(g.priority);
        q.addBindValue(varsJson(g.vars));
        q.addBindValue(varsJson(g.fileVars));
        q.addBindValue(nn(g.rule));
        q.addBindValue(*id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save group %1").arg(g.name), q.lastError(), m_path);
        }
        if (g.isDynamic()) {
            q.prepare(QStringLiteral("DELETE FROM group_hosts WHERE group_id = ?"));
            q.addBindValue(*id);
            if (!q.exec()) {
                return sqlError(QStringLiteral("cannot save group %1").arg(g.name), q.lastError(), m_path);
            }
        }
        q.prepare(QStringLiteral("DELETE FROM group_children WHERE parent_id = ?"));
        q.addBindValue(*id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save group %1").arg(g.name), q.lastError(), m_path);
        }
        int pos = 0;
        for (const QString& c : g.children) {
            auto cid = groupId(db, c, m_path, true);
            if (!cid) {
                return cid.error();
            }
            QSqlQuery ins(db);
            ins.prepare(QStringLiteral("INSERT OR IGNORE INTO group_children (parent_id, child_id, position) VALUES "
                                       "(?, ?, ?)"));
            ins.addBindValue(*id);
            ins.addBindValue(*cid);
            ins.addBindValue(pos++);
            if (!ins.exec()) {
                return sqlError(QStringLiteral("cannot save group %1").arg(g.name), ins.lastError(), m_path);
            }
        }
        return {};
    });
}

Result<void> Workspace::deleteGroup(const QString& name)
{
    return transaction([&]() -> Result<void> {
        QSqlQuery q(database());
        q.prepare(QStringLiteral("DELETE FROM host_groups WHERE name = ?"));
        q.addBindValue(name);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot delete group %1").arg(name), q.lastError(), m_path);
        }
        return {};
    });
}

Result<void> Workspace::setGroupMembers(const QString& group, const QStringList& hosts)
{
    return transaction([&]() -> Result<void> {
        QSqlDatabase db = database();
        auto gid = groupId(db, group, m_path, true);
        if (!gid) {
            return gid.error();
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM group_hosts WHERE group_id = ?"));
        q.addBindValue(*gid);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save group %1").arg(group), q.lastError(), m_path);
        }
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT OR IGNORE INTO group_hosts (group_id, host_id, position) SELECT ?, id, ? "
                                   "FROM hosts WHERE name = ?"));
        int pos = 0;
        for (const QString& h : hosts) {
            ins.addBindValue(*gid);
            ins.addBindValue(pos++);
            ins.addBindValue(h);
            if (!ins.exec()) {
                return sqlError(QStringLiteral("cannot save group %1").arg(group), ins.lastError(), m_path);
            }
        }
        return {};
    });
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
