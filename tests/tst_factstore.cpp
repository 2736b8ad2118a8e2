// FactStore: the facts of each host and when they were gathered, kept in the workspace (schema 10), and a version-9
// workspace (the workflows' schema) upgraded to it on open.
#include "facts/FactStore.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestFactStore : public QObject {
    Q_OBJECT
private slots:
    void putGetListRemove();
    void damagedRowIsAnError();
    void opensAVersion9Workspace();
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
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
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
    auto again = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")));
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
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
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
    QVERIFY(Workspace::createAtVersion(path, 9).ok());
    {
        // A version-9 workspace has no facts table.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v9"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'host_facts'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 9);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v9"));
    auto ws = Workspace::open(path);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    QCOMPARE((*ws)->schemaVersionOnOpen(), 9);
    QVERIFY(Workspace::kSchemaVersion >= 10);
    QSqlQuery q((*ws)->database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
    QCOMPARE(q.value(0).toInt(), Workspace::kSchemaVersion);
    FactStore store(**ws);
    QVERIFY(store.put(QStringLiteral("web-01"), someFacts(QStringLiteral("Debian")), QDateTime::currentDateTimeUtc()));
    QCOMPARE(store.list()->size(), 1);
}

QTEST_GUILESS_MAIN(TestFactStore)
#include "tst_factstore.moc"
