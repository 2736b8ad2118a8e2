// FactStore: the facts of each host and when they were gathered, kept in the workspace (schema 10), and a version-9
// workspace (the workflows' schema) upgraded to it on open; FactLayer and its package lookup from another thread.
// Also run on PostgreSQL as tst_factstore_pg (tests/TestStore.h).
#include "TestStore.h"
#include "facts/FactLayer.h"
#include "facts/FactStore.h"
#include "store/SqlDialect.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

class TestFactStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { TESTSTORE_INIT(); }
    void putGetListRemove();
    void damagedRowIsAnError();
    void opensAVersion9Workspace();
    void factLayerAndPackageLookupFromAnotherThread();
};

namespace {

QJsonObject someFacts(const QString& distribution)
{
    return QJsonObject { { QStringLiteral("distribution"), distribution }, { QStringLiteral("processor_vcpus"), 4 },
        { QStringLiteral("mounts"), QJsonArray { QJsonObject { { QStringLiteral("mount"), QStringLiteral("/") } } } } };
}

} // namespace

void TestFactStore::putGetListRemove()
{
    QTemporaryDir dir;
    auto ws = TestStore::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    FactStore store(**ws);
    auto none = store.get(QStringLiteral("web-01"));
    QVERIFY(none);
    QVERIFY(!none->has_value());

    const QDateTime t1 = QDateTime::fromMSecsSinceEpoch(1796629784123, Qt::UTC);
    QVERIFY(store.put(QStringLiteral("web-01"), someFacts(QStringLiteral("Debian")), t1));
    QVERIFY(store.put(QStringLiteral("db-01"), someFacts(QStringLiteral("Rocky")), t1.addSecs(5)));
    auto got = store.get(QStringLiteral("web-01"));
    QVERIFY(got && got->has_value());
    QCOMPARE((*got)->facts, someFacts(QStringLiteral("Debian")));
    QCOMPARE((*got)->gatheredAt, t1);

    // A new gathering replaces the host's facts and time.
    const QDateTime t2 = t1.addSecs(3600);
    QVERIFY(store.put(QStringLiteral("web-01"), someFacts(QStringLiteral("Ubuntu")), t2));
    got = store.get(QStringLiteral("web-01"));
    QCOMPARE((*got)->facts.value(QStringLiteral("distribution")).toString(), QStringLiteral("Ubuntu"));
    QCOMPARE((*got)->gatheredAt, t2);

    auto list = store.list();
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).host, QStringLiteral("db-01"));
    QCOMPARE(list->at(1).host, QStringLiteral("web-01"));
    QCOMPARE(list->at(1).gatheredAt, t2);

    // Kept across opening the workspace again.
    ws->reset();
    auto again = TestStore::open(dir.filePath(QStringLiteral("w.opsdeck")));
    QVERIFY(again);
    FactStore reopened(**again);
    QCOMPARE(reopened.get(QStringLiteral("db-01"))->value().facts, someFacts(QStringLiteral("Rocky")));
    QVERIFY(reopened.remove(QStringLiteral("db-01")));
    QVERIFY(!reopened.get(QStringLiteral("db-01"))->has_value());
    QCOMPARE(reopened.list()->size(), 1);
    QVERIFY(!reopened.put(QString(), someFacts(QStringLiteral("Debian")), t1));
}

void TestFactStore::damagedRowIsAnError()
{
    QTemporaryDir dir;
    auto ws = TestStore::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY(ws);
    QSqlQuery q((*ws)->database());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO host_facts VALUES ('h', '{not json', 0)")));
    auto got = FactStore(**ws).get(QStringLiteral("h"));
    QVERIFY(!got);
    QVERIFY2(got.errorString().contains(QLatin1String("stored facts of h")), qPrintable(got.errorString()));
}

void TestFactStore::opensAVersion9Workspace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.opsdeck"));
    QVERIFY(TestStore::createAtVersion(path, 9).ok());
    // A version-9 workspace has no facts table.
    QVERIFY(TestStore::hasTable(path, QStringLiteral("host_groups")));
    QVERIFY(!TestStore::hasTable(path, QStringLiteral("host_facts")));
    auto ws = TestStore::open(path);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    QCOMPARE((*ws)->schemaVersionOnOpen(), 9);
    QVERIFY(Workspace::kSchemaVersion >= 10);
    QCOMPARE(SqlDialect::schemaVersion((*ws)->database()).value(), Workspace::kSchemaVersion);
    FactStore store(**ws);
    QVERIFY(store.put(QStringLiteral("web-01"), someFacts(QStringLiteral("Debian")), QDateTime::currentDateTimeUtc()));
    QCOMPARE(store.list()->size(), 1);
}

// FactLayer on either store: the facts without packages and services in the inventory, and the package lookup of
// `drift:` reading on a connection of its own from another thread (Qt SQL connections belong to one thread).
void TestFactStore::factLayerAndPackageLookupFromAnotherThread()
{
    QTemporaryDir dir;
    auto ws = TestStore::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    Inventory hosts;
    for (const char* name : { "web-01", "web-02", "db-01" }) {
        Host h;
        h.name = QLatin1String(name);
        hosts.upsertHost(h);
    }
    QVERIFY((*ws)->saveInventory(hosts));
    const auto withNginx = [](const QString& version) {
        QJsonObject facts = someFacts(QStringLiteral("Debian"));
        facts.insert(QStringLiteral("packages"),
            QJsonObject {
                { QStringLiteral("nginx"), QJsonArray { QJsonObject { { QStringLiteral("version"), version } } } } });
        facts.insert(QStringLiteral("services"), QJsonObject { { QStringLiteral("nginx.service"), QJsonObject {} } });
        return facts;
    };
    FactStore store(**ws);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(1'780'000'000'123, Qt::UTC);
    QVERIFY(store.put(QStringLiteral("web-01"), withNginx(QStringLiteral("1.22.1-9")), at));
    QVERIFY(store.put(QStringLiteral("web-02"), withNginx(QStringLiteral("1.18.0-6")), at));
    QVERIFY(store.put(QStringLiteral("db-01"), someFacts(QStringLiteral("Rocky")), at)); // no package list
    auto inv = FactLayer::loadWithFacts(**ws);
    QVERIFY2(inv, qPrintable(inv.errorString()));
    QCOMPARE(inv->hostFacts(QStringLiteral("web-01"))->gatheredAt, at);
    QVERIFY(!inv->hostFacts(QStringLiteral("web-01"))->facts.contains(QStringLiteral("packages")));
    QVERIFY(!inv->hostFacts(QStringLiteral("web-01"))->facts.contains(QStringLiteral("services")));
    QCOMPARE(inv->hostFacts(QStringLiteral("db-01"))->facts.value(QStringLiteral("distribution")).toString(),
        QStringLiteral("Rocky"));
    const Inventory::PackageVersions lookup = inv->packageVersions();
    QVERIFY(lookup);
    QHash<QString, QString> versions;
    QThread* worker = QThread::create([&] { versions = lookup(QStringLiteral("nginx")); });
    worker->start();
    QVERIFY(worker->wait(30'000));
    delete worker;
    QCOMPARE(versions.size(), 2);
    QCOMPARE(versions.value(QStringLiteral("web-01")), QStringLiteral("1.22.1-9"));
    QCOMPARE(versions.value(QStringLiteral("web-02")), QStringLiteral("1.18.0-6"));
    QCOMPARE(lookup(QStringLiteral("curl")).value(QStringLiteral("web-01"), QStringLiteral("absent")), QString());
}

QTEST_GUILESS_MAIN(TestFactStore)
#include "tst_factstore.moc"
