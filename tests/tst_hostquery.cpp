// The inventory search syntax: every field, negation, OR, AND, globs, groups with subgroups, and errors.
#include "DemoInventory.h"
#include "HostQuery.h"

#include <QTest>

class TestHostQuery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_inv = DemoInventory::make(); }
    void matches_data();
    void matches();
    void errors_data();
    void errors();

private:
    QStringList run(const QString& text)
    {
        auto q = HostQuery::parse(text);
        if (!q) {
            return { QStringLiteral("ERROR ") + q.errorString() };
        }
        q->bind(m_inv);
        QStringList names;
        for (int i : q->filter(m_inv)) {
            names.append(m_inv.hosts()[i].name);
        }
        return names;
    }
    Inventory m_inv;
};

void TestHostQuery::matches_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("mustContain");
    QTest::addColumn<QString>("mustNotContain");
    QTest::newRow("empty matches all") << "" << int(DemoInventory::make().hosts().size()) << "bastion-01"
                                       << "";
    QTest::newRow("free text") << "mongodb" << 6 << "mongodb-bj-03"
                               << "web-js-01";
    QTest::newRow("free text case") << "MONGODB-JS" << 3 << "mongodb-js-01"
                                    << "mongodb-bj-01";
    QTest::newRow("ip glob") << "10.1.*" << 32 << "web-js-01"
                             << "web-bj-01";
    QTest::newRow("ip glob narrow") << "10.2.12.*" << 3 << "mongodb-bj-01"
                                    << "mongodb-js-01";
    QTest::newRow("ip prefix") << "ip:10.2.10." << 10 << "web-bj-10"
                               << "web-js-10";
    QTest::newRow("idc") << "idc:bj" << 29 << "kafka-bj-01"
                         << "kafka-js-01";
    QTest::newRow("idc or") << "idc:bj,js" << 62 << "kafka-js-01"
                            << "";
    QTest::newRow("tag") << "tag:mongodb" << 6 << "mongodb-js-02"
                         << "redis-js-01";
    QTest::newRow("and") << "idc:js tag:mongodb" << 3 << "mongodb-js-03"
                         << "mongodb-bj-03";
    QTest::newRow("negation") << "idc:js tag:mongodb -tag:canary" << 2 << "mongodb-js-02"
                              << "mongodb-js-01";
    QTest::newRow("group recursive") << "group:idc_js" << 29 << "web-js-01"
                                     << "stage-js-01";
    QTest::newRow("group of groups") << "group:mongodb" << 6 << "mongodb-bj-01"
                                     << "web-bj-01";
    QTest::newRow("group glob") << "group:redis_*" << 6 << "redis-bj-01"
                                << "";
    QTest::newRow("ungrouped") << "group:ungrouped" << 1 << "bastion-01"
                               << "web-js-01";
    QTest::newRow("status") << "status:maintenance" << 1 << "app-bj-02"
                            << "";
    QTest::newRow("status or") << "status:standby,maintenance" << 5 << "app-bj-02"
                               << "app-js-01";
    QTest::newRow("env") << "env:staging" << 3 << "stage-js-02"
                         << "";
    QTest::newRow("not env") << "-env:prod" << 3 << "stage-js-02"
                             << "bastion-01";
    QTest::newRow("biz") << "biz:billing idc:js" << 5 << "mysql-js-01"
                         << "web-js-01";
    QTest::newRow("name glob") << "name:web-*-0?" << 18 << "web-js-09"
                               << "web-js-10";
    QTest::newRow("quoted") << "\"bastion\"" << 1 << "bastion-01"
                            << "";
    QTest::newRow("nothing") << "tag:nope" << 0 << ""
                             << "web-js-01";
}

void TestHostQuery::matches()
{
    QFETCH(QString, query);
    QFETCH(int, count);
    QFETCH(QString, mustContain);
    QFETCH(QString, mustNotContain);
    const QStringList names = run(query);
    QCOMPARE(names.size(), count);
    // The indexed filter and the per-host matcher (used for single edits) agree.
    auto q = HostQuery::parse(query);
    q->bind(m_inv);
    QVector<int> slow;
    for (int i = 0; i < m_inv.hosts().size(); ++i) {
        if (q->matches(m_inv.hosts()[i], i)) {
            slow.append(i);
        }
    }
    QCOMPARE(q->filter(m_inv), slow);
    if (!mustContain.isEmpty()) {
        QVERIFY2(names.contains(mustContain), qPrintable(names.join(QLatin1Char(' '))));
    }
    if (!mustNotContain.isEmpty()) {
        QVERIFY(!names.contains(mustNotContain));
    }
}

void TestHostQuery::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed quote") << "idc:js \"web" << 8 << "unclosed quote";
    QTest::newRow("unknown field") << "idc:js colour:red" << 8 << "unknown field 'colour:'";
    QTest::newRow("empty value") << "tag:" << 1 << "needs a value";
}

void TestHostQuery::errors()
{
    QFETCH(QString, query);
    QFETCH(int, column);
    QFETCH(QString, message);
    auto q = HostQuery::parse(query);
    QVERIFY(!q.ok());
    QCOMPARE(q.error().where.column, column);
    QVERIFY2(q.errorString().contains(message), qPrintable(q.errorString()));
}

QTEST_GUILESS_MAIN(TestHostQuery)
#include "tst_hostquery.moc"
