// The workspace store: creation, round trips, migrations from every older version, and refusal of files that are
// not ours, damaged, newer or locked — which must be left byte-for-byte untouched. Runs on SQLite (tst_workspace)
// and on PostgreSQL (tst_workspace_pg: OPSDECK_TEST_DATABASE=postgresql, tests/TestStore.h), where the file cases
// are skipped and the database's own ones (URL, foreign database, newer version) run.
#include "TestStore.h"
#include "core/VarCodec.h"
#include "demo/DemoInventory.h"
#include "store/SqlDialect.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Canonical text of an inventory: everything that matters, in a stable order.
QByteArray dump(const Inventory& inv)
{
    QVariantList hosts;
    for (const Host& h : inv.hosts()) {
        hosts.append(QVariantMap { { QStringLiteral("name"), h.name }, { QStringLiteral("vars"), h.inventoryVars() },
            { QStringLiteral("file"), h.fileVars } });
    }
    QVariantList groups;
    for (const Group& g : inv.groups()) {
        groups.append(QVariantMap { { QStringLiteral("name"), g.name }, { QStringLiteral("vars"), g.inventoryVars() },
            { QStringLiteral("file"), g.fileVars }, { QStringLiteral("children"), g.children },
            { QStringLiteral("hosts"), g.hosts } });
    }
    return VarCodec::toJson(
        QVariantMap { { QStringLiteral("hosts"), hosts }, { QStringLiteral("groups"), groups } }, 1);
}

void execOn(const QString& path, const QStringList& statements)
{
    const QString failure = TestStore::exec(path, statements);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        TESTSTORE_INIT();
    }
    void init() { QVERIFY(m_dir.isValid()); }
    void createAndRoundTrip();
    void openMissingWithoutCreateFails();
    void migratesFromEveryOlderVersion_data();
    void migratesFromEveryOlderVersion();
    void refusesNonSqlite();
    void refusesForeignSqlite();
    void refusesNewerVersion();
    void refusesCorrupt();
    void refusesLocked();
    void cancelledSaveChangesNothing();
    void fineGrainedEdits();
    void settings();
    void translatesSteps();
    void urlErrorsNeverShowThePassword();
    void refusesForeignDatabase();
    void passwordFromTheUrlTheEnvironmentOrAPassfile();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestWorkspace::createAndRoundTrip()
{
    const QString p = path(QStringLiteral("rt.opsdeck"));
    const Inventory demo = DemoInventory::make();
    QVERIFY(demo.hosts().size() >= 50);
    {
        auto ws = TestStore::open(p, Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
        QVERIFY((*ws)->saveInventory(demo).ok());
    }
    auto ws = TestStore::open(p);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    auto loaded = (*ws)->loadInventory();
    QVERIFY(loaded.ok());
    QCOMPARE(dump(*loaded), dump(demo));
    if (TestStore::postgres()) {
        QVERIFY((*ws)->isPostgres());
        return;
    }
    // WAL and foreign keys are on.
    QSqlQuery q((*ws)->database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestWorkspace::openMissingWithoutCreateFails()
{
    auto ws = TestStore::open(path(QStringLiteral("missing.opsdeck")));
    QVERIFY(!ws.ok());
    QVERIFY(ws.errorString().contains(QLatin1String("missing.opsdeck")));
    QVERIFY(!QFile::exists(path(QStringLiteral("missing.opsdeck"))));
}

void TestWorkspace::migratesFromEveryOlderVersion_data()
{
    QTest::addColumn<int>("version");
    for (int v = 1; v < Workspace::kSchemaVersion; ++v) {
        QTest::addRow("v%d", v) << v;
    }
}

void TestWorkspace::migratesFromEveryOlderVersion()
{
    QFETCH(int, version);
    const QString p = path(QStringLiteral("old-v%1.opsdeck").arg(version));
    QVERIFY(TestStore::createAtVersion(p, version).ok());
    // Data as the old version wrote it (version 1's tables exist in every version).
    execOn(p,
        { QStringLiteral("INSERT INTO hosts (id, name, address, port, tags, vars) VALUES (1, 'web01', '10.0.0.1', 22, "
                         "'[\"nginx\"]', '{\"http_port\":80}')"),
            QStringLiteral("INSERT INTO host_groups (id, name, kind, vars) VALUES (1, 'all', 'custom', '{}'), (2, "
                           "'web', 'set', '{\"role\":\"web\"}')"),
            QStringLiteral("INSERT INTO group_hosts (group_id, host_id) VALUES (2, 1)") });
    auto ws = TestStore::open(p);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    QCOMPARE((*ws)->schemaVersionOnOpen(), version);
    QCOMPARE(SqlDialect::schemaVersion((*ws)->database()).value(), Workspace::kSchemaVersion);
    auto inv = (*ws)->loadInventory();
    QVERIFY(inv.ok());
    const Host* h = inv->host(QStringLiteral("web01"));
    QVERIFY(h);
    QCOMPARE(h->address, QStringLiteral("10.0.0.1"));
    QCOMPARE(h->tags, QStringList { QStringLiteral("nginx") });
    QCOMPARE(inv->resolveVars(QStringLiteral("web01")).value(QStringLiteral("role")).toString(), QStringLiteral("web"));
    QCOMPARE(inv->group(QStringLiteral("web"))->kind, Group::Kind::Set);
    // The new version's features work on the migrated file.
    QVERIFY((*ws)->setSetting(QStringLiteral("k"), QStringLiteral("v")).ok());
}

void TestWorkspace::refusesNonSqlite()
{
    TESTSTORE_SQLITE_ONLY();
    const QString p = path(QStringLiteral("notes.txt"));
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("these are my notes, not a workspace\n");
    f.close();
    const QByteArray before = fileHash(p);
    auto ws = TestStore::open(p, Workspace::OpenMode::CreateIfMissing);
    QVERIFY(!ws.ok());
    QVERIFY(ws.errorString().contains(QLatin1String("not an OpsDeck workspace")));
    QVERIFY(ws.errorString().contains(p));
    QCOMPARE(fileHash(p), before);
    // Also an empty file.
    const QString empty = path(QStringLiteral("empty.opsdeck"));
    QFile e(empty);
    QVERIFY(e.open(QIODevice::WriteOnly));
    e.close();
    QVERIFY(!TestStore::open(empty).ok());
    QCOMPARE(QFileInfo(empty).size(), 0);
}

void TestWorkspace::refusesForeignSqlite()
{
    TESTSTORE_SQLITE_ONLY();
    const QString p = path(QStringLiteral("other.db"));
    execOn(p, { QStringLiteral("CREATE TABLE t (x)"), QStringLiteral("INSERT INTO t VALUES (1)") });
    const QByteArray before = fileHash(p);
    auto ws = TestStore::open(p);
    QVERIFY(!ws.ok());
    QVERIFY(ws.errorString().contains(QLatin1String("not an OpsDeck workspace")));
    QCOMPARE(fileHash(p), before);
    QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
}

void TestWorkspace::refusesNewerVersion()
{
    const QString p = path(QStringLiteral("newer.opsdeck"));
    QVERIFY(TestStore::createAtVersion(p, Workspace::kSchemaVersion).ok());
    if (TestStore::postgres()) {
        execOn(p, { QStringLiteral("UPDATE opsdeck_schema SET version = 99") });
        auto ws = TestStore::open(p, Workspace::OpenMode::CreateIfMissing);
        QVERIFY(!ws.ok());
        QVERIFY2(ws.errorString().contains(QStringLiteral("newer OpsDeck (workspace version 99, this OpsDeck "
                                                          "understands up to %1)")
                                               .arg(Workspace::kSchemaVersion)),
            qPrintable(ws.errorString()));
        QVERIFY2(ws.errorString().contains(QLatin1String("left as it is")), qPrintable(ws.errorString()));
        // Left as it is: still version 99, nothing added.
        execOn(p,
            { QStringLiteral("DO $$ BEGIN IF (SELECT version FROM opsdeck_schema) <> 99 THEN RAISE "
                             "EXCEPTION 'changed'; END IF; END $$") });
        return;
    }
    execOn(p, { QStringLiteral("PRAGMA journal_mode=DELETE"), QStringLiteral("PRAGMA user_version=99") });
    const QByteArray before = fileHash(p);
    auto ws = TestStore::open(p);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorString().contains(QLatin1String("newer OpsDeck")), qPrintable(ws.errorString()));
    QCOMPARE(fileHash(p), before);
}

void TestWorkspace::refusesCorrupt()
{
    TESTSTORE_SQLITE_ONLY();
    const QString p = path(QStringLiteral("corrupt.opsdeck"));
    {
        auto ws = TestStore::open(p, Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        QVERIFY((*ws)->saveInventory(DemoInventory::make()).ok());
    }
    execOn(p, { QStringLiteral("PRAGMA journal_mode=DELETE") }); // checkpoint into the main file
    QFile f(p);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 4096 * 3);
    // Garbage over the second and third pages (b-tree pages of the tables).
    f.seek(4096);
    f.write(QByteArray(8192, '\xA5'));
    f.close();
    const QByteArray before = fileHash(p);
    auto ws = TestStore::open(p);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorString().contains(QLatin1String("damaged")), qPrintable(ws.errorString()));
    QCOMPARE(fileHash(p), before);
}

void TestWorkspace::refusesLocked()
{
    TESTSTORE_SQLITE_ONLY();
    const QString p = path(QStringLiteral("locked.opsdeck"));
    {
        auto ws = TestStore::open(p, Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        QVERIFY((*ws)->saveInventory(DemoInventory::make()).ok());
    }
    const QByteArray before = fileHash(p);
    const QString conn = QStringLiteral("writer");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(p);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('busy', '1')")));
        auto ws = TestStore::open(p);
        QVERIFY(!ws.ok());
        QVERIFY2(ws.errorString().contains(QLatin1String("locked")), qPrintable(ws.errorString()));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        db.close();
    }
    QSqlDatabase::removeDatabase(conn);
    QCOMPARE(fileHash(p), before);
    QVERIFY(TestStore::open(p).ok()); // free again
}

void TestWorkspace::cancelledSaveChangesNothing()
{
    const QString p = path(QStringLiteral("cancel.opsdeck"));
    auto ws = TestStore::open(p, Workspace::OpenMode::CreateIfMissing);
    QVERIFY(ws.ok());
    const Inventory demo = DemoInventory::make();
    QVERIFY((*ws)->saveInventory(demo).ok());
    Inventory other;
    for (int i = 0; i < 5000; ++i) {
        Host h;
        h.name = QStringLiteral("h%1").arg(i);
        other.upsertHost(h);
    }
    auto r = (*ws)->saveInventory(other, [](int done, int) { return done < 3000; });
    QVERIFY(!r.ok());
    auto loaded = (*ws)->loadInventory();
    QVERIFY(loaded.ok());
    QCOMPARE(dump(*loaded), dump(demo));
}

void TestWorkspace::fineGrainedEdits()
{
    const QString p = path(QStringLiteral("edits.opsdeck"));
    auto ws = TestStore::open(p, Workspace::OpenMode::CreateIfMissing);
    QVERIFY(ws.ok());
    QVERIFY((*ws)->saveInventory(DemoInventory::make()).ok());
    Host h;
    h.name = QStringLiteral("new-01");
    h.address = QStringLiteral("10.9.9.9");
    h.tags = { QStringLiteral("x") };
    QVERIFY((*ws)->saveHost(h, { QStringLiteral("web_js"), QStringLiteral("brand_new_group") }).ok());
    Group g;
    g.name = QStringLiteral("brand_new_group");
    g.kind = Group::Kind::Set;
    g.vars = { { QStringLiteral("k"), qlonglong(1) } };
    g.children = { QStringLiteral("redis_js") };
    QVERIFY((*ws)->saveGroup(g).ok());
    QVERIFY((*ws)->deleteHosts({ QStringLiteral("web-js-01") }).ok());
    QVERIFY((*ws)->renameHost(QStringLiteral("web-js-02"), QStringLiteral("web-js-02b")).ok());
    QVERIFY((*ws)->setGroupMembers(QStringLiteral("canary"), { QStringLiteral("new-01") }).ok());
    auto inv = (*ws)->loadInventory();
    QVERIFY(inv.ok());
    QVERIFY(!inv->host(QStringLiteral("web-js-01")));
    QVERIFY(inv->host(QStringLiteral("web-js-02b")));
    QVERIFY(inv->group(QStringLiteral("web_js"))->hosts.contains(QStringLiteral("new-01")));
    QVERIFY(!inv->group(QStringLiteral("web_js"))->hosts.contains(QStringLiteral("web-js-01")));
    QVERIFY(inv->group(QStringLiteral("web_js"))->hosts.contains(QStringLiteral("web-js-02b")));
    QCOMPARE(inv->group(QStringLiteral("canary"))->hosts, QStringList { QStringLiteral("new-01") });
    QCOMPARE(inv->group(QStringLiteral("brand_new_group"))->children, QStringList { QStringLiteral("redis_js") });
    QCOMPARE(inv->resolveVars(QStringLiteral("new-01")).value(QStringLiteral("k")).toInt(), 1);
    QVERIFY((*ws)->deleteGroup(QStringLiteral("brand_new_group")).ok());
    inv = (*ws)->loadInventory();
    QVERIFY(!inv->group(QStringLiteral("brand_new_group")));
    QVERIFY(inv->host(QStringLiteral("new-01")));
}

void TestWorkspace::settings()
{
    auto ws = TestStore::open(path(QStringLiteral("settings.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY(ws.ok());
    QVERIFY((*ws)->setting(QStringLiteral("demo")).isEmpty());
    QVERIFY((*ws)->setSetting(QStringLiteral("demo"), QStringLiteral("1")).ok());
    QVERIFY((*ws)->setSetting(QStringLiteral("demo"), QStringLiteral("2")).ok());
    QCOMPARE((*ws)->setting(QStringLiteral("demo")), QStringLiteral("2"));
}

void TestWorkspace::translatesSteps()
{
    using SqlDialect::Kind;
    const QString step = QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, user TEXT NOT NULL DEFAULT 'user', "
                                        "at INTEGER NOT NULL, data BLOB, ratio REAL, note TEXT DEFAULT 'an INTEGER "
                                        "or a BLOB, user''s')");
    QCOMPARE(SqlDialect::translate(step, Kind::Sqlite), step);
    QCOMPARE(SqlDialect::translate(step, Kind::Postgres),
        QStringLiteral("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, \"user\" TEXT NOT NULL "
                       "DEFAULT 'user', at BIGINT NOT NULL, data BYTEA, ratio DOUBLE PRECISION, note TEXT DEFAULT "
                       "'an INTEGER or a BLOB, user''s')"));
    QCOMPARE(SqlDialect::translate(QStringLiteral("ALTER TABLE hosts ADD COLUMN user TEXT"), Kind::Postgres),
        QStringLiteral("ALTER TABLE hosts ADD COLUMN \"user\" TEXT"));
    QCOMPARE(SqlDialect::translate(QStringLiteral("CREATE INDEX i ON hosts(idc, user)"), Kind::Postgres),
        QStringLiteral("CREATE INDEX i ON hosts(idc, \"user\")"));
    // Every released step runs on both databases: migratesFromEveryOlderVersion creates each version with them.
}

void TestWorkspace::urlErrorsNeverShowThePassword()
{
    auto bad = StoreLocation::parseUrl(QStringLiteral("postgresql://ops:s3cret-pw@127.0.0.1:5432"));
    QVERIFY(!bad.ok());
    QVERIFY2(!bad.errorString().contains(QLatin1String("s3cret-pw")), qPrintable(bad.errorString()));
    QVERIFY2(
        bad.errorString().contains(QLatin1String("postgresql://ops@127.0.0.1:5432")), qPrintable(bad.errorString()));
    QVERIFY(!StoreLocation::parseUrl(QStringLiteral("mysql://a@b/c")).ok());
    auto good = StoreLocation::parseUrl(QStringLiteral("postgresql://ops:s3cret-pw@db.example:6543/opsdeck"));
    QVERIFY2(good.ok(), qPrintable(good.errorString()));
    QCOMPARE(good->password, QStringLiteral("s3cret-pw"));
    QCOMPARE(good->port, 6543);
    QCOMPARE(good->display(), QStringLiteral("postgresql://ops@db.example:6543/opsdeck"));
    // Nothing listens there: the connection error names the URL without the password.
    const int closed = [] {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? int(probe.serverPort()) : 1;
    }();
    auto ws = Workspace::openUrl(QStringLiteral("postgresql://ops:s3cret-pw@127.0.0.1:%1/opsdeck").arg(closed),
        Workspace::OpenMode::CreateIfMissing);
    QVERIFY(!ws.ok());
    QVERIFY2(!ws.errorString().contains(QLatin1String("s3cret-pw")), qPrintable(ws.errorString()));
    QVERIFY2(ws.errorString().contains(QStringLiteral("postgresql://ops@127.0.0.1:%1/opsdeck").arg(closed)),
        qPrintable(ws.errorString()));
}

void TestWorkspace::refusesForeignDatabase()
{
    if (!TestStore::postgres()) {
        QSKIP("a PostgreSQL database's own case (tst_workspace_pg)");
    }
    QString error;
    const QString url = TestStore::fixture()->createDatabase(&error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));
    const QString name = url.mid(url.lastIndexOf(u'/') + 1);
    QVERIFY(TestStore::fixture()->exec(name, QStringLiteral("CREATE TABLE orders (id BIGINT)"), &error));
    auto ws = Workspace::openUrl(url, Workspace::OpenMode::CreateIfMissing);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorString().contains(QLatin1String("not an OpsDeck workspace")), qPrintable(ws.errorString()));
    // Left as it is: no table of ours was added.
    QVERIFY(TestStore::fixture()->exec(name, QStringLiteral("CREATE TABLE hosts (x BIGINT)"), &error));
    // An empty database is no workspace until one is created in it.
    const QString empty = TestStore::fixture()->createDatabase(&error);
    auto none = Workspace::openUrl(empty, Workspace::OpenMode::OpenExisting);
    QVERIFY(!none.ok());
    QVERIFY2(none.errorString().contains(QLatin1String("empty")), qPrintable(none.errorString()));
    auto created = Workspace::openUrl(empty, Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(created.ok(), qPrintable(created.errorString()));
    QVERIFY((*created)->createdOnOpen());
    QCOMPARE((*created)->schemaVersionOnOpen(), Workspace::kSchemaVersion);
}

void TestWorkspace::passwordFromTheUrlTheEnvironmentOrAPassfile()
{
    if (!TestStore::postgres()) {
        QSKIP("a PostgreSQL database's own case (tst_workspace_pg)");
    }
    PostgresFixture* pg = TestStore::fixture();
    QString error;
    const QString url = pg->createDatabase(&error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));
    QVERIFY(Workspace::openUrl(url, Workspace::OpenMode::CreateIfMissing)); // PGPASSWORD (the fixture's)
    const QByteArray saved = qgetenv("PGPASSWORD");
    const auto restore = qScopeGuard([&] {
        qputenv("PGPASSWORD", saved);
        qunsetenv("PGPASSFILE");
    });
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", path(QStringLiteral("no-passfile")).toLocal8Bit());
    // In the URL.
    QString inUrl = url;
    inUrl.replace(QLatin1String("opsdeck@"), QStringLiteral("opsdeck:%1@").arg(pg->password()));
    auto ws = Workspace::openUrl(inUrl);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    QCOMPARE((*ws)->path(), url);
    ws = Workspace::openUrl(url); // none at all: refused, saying so
    QVERIFY(!ws);
    QVERIFY2(ws.errorString().contains(QLatin1String("cannot connect")) && ws.errorString().contains(url),
        qPrintable(ws.errorString()));
    QString wrong = url;
    wrong.replace(QLatin1String("opsdeck@"), QLatin1String("opsdeck:not-the-pw-1234@"));
    ws = Workspace::openUrl(wrong);
    QVERIFY(!ws);
    QVERIFY2(!ws.errorString().contains(QLatin1String("not-the-pw-1234")), qPrintable(ws.errorString()));
    QVERIFY2(ws.errorString().contains(url), qPrintable(ws.errorString()));
    // A passfile as psql reads it (host:port:db:user:password, mode 0600).
    QFile passfile(path(QStringLiteral("pgpass")));
    QVERIFY(passfile.open(QIODevice::WriteOnly));
    passfile.write(QStringLiteral("127.0.0.1:%1:*:opsdeck:%2\n").arg(pg->port()).arg(pg->password()).toLatin1());
    passfile.close();
    QVERIFY(passfile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    qputenv("PGPASSFILE", passfile.fileName().toLocal8Bit());
    ws = Workspace::openUrl(url);
    QVERIFY2(ws, qPrintable(ws.errorString()));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
