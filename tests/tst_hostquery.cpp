// The inventory search syntax: every field, negation, OR, AND, globs, groups with subgroups, and errors.
#include "demo/DemoInventory.h"
#include "inventory/HostExpression.h"
#include "inventory/HostQuery.h"

#include <QTest>

class TestHostQuery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_inv = DemoInventory::make(); }
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void expressionAgrees_data();
    void expressionAgrees();
    void exprTerms_data();
    void exprTerms();

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
    // The hosts matches() accepts one by one, after bind().
    QStringList slowMatches(const QString& text)
    {
        auto q = HostQuery::parse(text);
        q->bind(m_inv);
        QStringList names;
        for (int i = 0; i < m_inv.hosts().size(); ++i) {
            if (q->matches(m_inv.hosts()[i], i)) {
                names.append(m_inv.hosts()[i].name);
            }
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
    QCOMPARE(slowMatches(query), names);
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
    QTest::newRow("expr syntax") << "idc:js expr:(host.idc ==)" << 25 << "";
    QTest::newRow("expr unquoted syntax") << "idc:js expr:host.idc = 'js'" << 22 << "";
    QTest::newRow("expr unclosed") << "expr:(host.idc == 'js'" << 6 << "unclosed parenthesis";
    QTest::newRow("expr empty") << "idc:js -expr:" << 8 << "needs an expression";
    // Columns inside a quoted expression count from its first character, not from the quote (25: its end).
    QTest::newRow("expr single-quoted syntax") << "idc:js expr:'host.idc =='" << 25 << "";
    QTest::newRow("expr double-quoted syntax") << "idc:js expr:\"host.idc ==\"" << 25 << "";
    QTest::newRow("expr single quote unclosed") << "expr:'host.idc" << 6 << "unclosed quote";
    // A string is true for every host: refused rather than matching the whole inventory.
    QTest::newRow("expr only a string") << "expr:\"'host.idc == js'\"" << 7 << "only a quoted string";
    QTest::newRow("expr string then more")
        << "expr:'mongodb' in host.tags tag:web" << 16 << "put the whole expression in parentheses";
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

// "The search syntax compiles to the same evaluator": toExpression() evaluated over every host selects exactly the
// hosts the indexed filter does.
void TestHostQuery::expressionAgrees_data()
{
    QTest::addColumn<QString>("query");
    for (const char* q : { "", "mongodb", "MONGODB-JS", "web js", "10.1.*", "10.2.12.*", "*-0?", "web-[jb]?-0[!1]",
             "ip:10.2.10.", "ip:10.1.1*", "addr:192.0.2.10", "name:web-js-01", "name:WEB-*", "name:web-*-0?",
             "host:bastion*", "idc:bj", "idc:bj,js", "-idc:js", "idc:j?", "dc:*", "biz:billing idc:js", "biz:shop,b*",
             "env:staging", "-env:prod", "env:PROD", "status:online", "status:standby,maintenance", "status:*ing",
             "tag:mongodb", "tag:MongoDB", "tag:mongo*", "tag:*a*", "-tag:canary", "tag:mongodb,redis -tag:canary",
             "idc:js tag:mongodb -tag:canary", "group:idc_js", "group:mongodb", "group:redis_*", "group:ungrouped",
             "group:all", "group:IDC_BJ", "-group:prod", "group:canary,staging", "group:nope", "tag:nope",
             "\"bastion\"", "192.0.2", "jump", "canary status:online", "expr:(host.port != 22)",
             "tag:mongodb expr:(host.vars.mongodb.replset == 'rs_js')", "-expr:(host.idc == 'js') tag:web",
             "expr:('canary' in host.groups) idc:bj", "web expr:host.vars.http_port == 8080" }) {
        QTest::newRow(q) << QString::fromUtf8(q);
    }
}

void TestHostQuery::expressionAgrees()
{
    QFETCH(QString, query);
    auto q = HostQuery::parse(query);
    QVERIFY2(q.ok(), qPrintable(q.errorString()));
    q->bind(m_inv);
    const QString text = q->toExpression();
    auto expression = HostExpression::parse(text);
    QVERIFY2(expression.ok(), qPrintable(expression.errorString() + QStringLiteral("\n") + text));
    const HostExpression::Matches m = expression->matchingHosts(m_inv);
    QVERIFY2(m.errorCount == 0, qPrintable(m.firstError + QStringLiteral("\n") + text));
    QCOMPARE(m.hosts, q->filter(m_inv));
}

void TestHostQuery::exprTerms_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("count");
    QTest::newRow("parenthesised") << "expr:(host.idc == 'js' and 'mongodb' in host.tags)" << 3;
    QTest::newRow("with other terms") << "expr:(host.idc == 'js') tag:mongodb" << 3;
    QTest::newRow("to the end") << "tag:mongodb expr:host.idc == 'js'" << 3;
    QTest::newRow("double quotes") << "tag:mongodb expr:\"host.idc == 'js'\"" << 3;
    QTest::newRow("single quotes") << "tag:mongodb expr:'host.idc == \"js\"'" << 3;
    QTest::newRow("single quotes, false") << "expr:'false'" << 0;
    QTest::newRow("single quotes, negated") << "tag:mongodb -expr:'host.idc == \"js\"'" << 3;
    // Not a quoted expression: an unquoted one (to the end of the query) that starts with a string literal.
    QTest::newRow("leading string literal") << "expr:'canary' in host.groups" << 12;
    QTest::newRow("leading string literal, parenthesised") << "expr:('canary' in host.groups)" << 12;
    QTest::newRow("parentheses in strings") << "expr:(host.name != ')(' and host.idc in ['js'])" << 33;
    QTest::newRow("negated") << "tag:mongodb -expr:(host.idc == 'js')" << 3;
    QTest::newRow("case of field") << "EXPR:(host.port == 2222)" << 1;
    QTest::newRow("variables") << "expr:(host.vars.region.id == 'bj')" << 29;
    // Ansible's tests work in rules too.
    QTest::newRow("ansible match test") << "expr:(host.name is match('mongodb-js'))" << 3;
    QTest::newRow("ansible version test") << "expr:(host.port is version('22', '>'))" << 1;
}

void TestHostQuery::exprTerms()
{
    QFETCH(QString, query);
    QFETCH(int, count);
    const QStringList names = run(query);
    QCOMPARE(names.size(), count);
    QCOMPARE(slowMatches(query), names); // bind() + matches() agree with filter() here too
}

QTEST_GUILESS_MAIN(TestHostQuery)
#include "tst_hostquery.moc"
