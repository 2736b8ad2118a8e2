// Dynamic groups: membership from a Jinja2 rule over `host`, recomputed on change, in queries, variable precedence,
// the workspace (schema 5 and the migration from 4), Ansible export, and the `group add-dynamic` / `expr:` CLI.
#include "demo/DemoInventory.h"
#include "inventory/HostExpression.h"
#include "inventory/HostQuery.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "CliRunner.h"

namespace {

const QString kMongoJs = QStringLiteral("mongo_js");
const QString kMongoJsRule = QStringLiteral("host.idc == 'js' and 'mongodb' in host.tags");

QStringList names(const Inventory& inv, const QVector<int>& indexes)
{
    QStringList out;
    for (int i : indexes) {
        out.append(inv.hosts()[i].name);
    }
    return out;
}

Inventory demoWithDynamic()
{
    Inventory inv = DemoInventory::make();
    Group g;
    g.name = kMongoJs;
    g.rule = kMongoJsRule;
    inv.upsertGroup(g);
    return inv;
}

QByteArray sha(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestDynamicGroups : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void membership();
    void recomputedWhenHostsChange();
    void hostObject();
    void rulesSeeStaticGroupsOnly();
    void bigInventoriesEvaluateInSlices();
    void badRules();
    void queriesAndPrecedence();
    void workspaceRoundTrip();
    void migratesFromVersion4();
    void ansibleExportKeepsRule();
    void cliAddDynamic();
    void cliBadExpressionWritesNothing();
    void cliQueryExpr();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString demoWorkspace(const QString& name);
    QTemporaryDir m_dir;
};

void TestDynamicGroups::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

QString TestDynamicGroups::demoWorkspace(const QString& name)
{
    const QString p = path(name);
    auto ws = Workspace::open(p, Workspace::OpenMode::CreateIfMissing);
    if (!ws || !(*ws)->saveInventory(DemoInventory::make())) {
        return {};
    }
    return p;
}

void TestDynamicGroups::membership()
{
    const Inventory inv = demoWithDynamic();
    const Group* g = inv.group(kMongoJs);
    QVERIFY(g && g->isDynamic());
    QCOMPARE(g->hosts,
        QStringList(
            { QStringLiteral("mongodb-js-01"), QStringLiteral("mongodb-js-02"), QStringLiteral("mongodb-js-03") }));
    QVERIFY(inv.dynamicGroupProblem(kMongoJs).isEmpty());
    QCOMPARE(names(inv, inv.membersRecursive(kMongoJs)), g->hosts);
    QVERIFY(inv.hostGroupsAll(QStringLiteral("mongodb-js-02")).contains(kMongoJs));
    QVERIFY(!inv.hostGroupsAll(QStringLiteral("mongodb-bj-02")).contains(kMongoJs));
    // A dynamic group is a top-level group of the tree like any other.
    QVERIFY(inv.topLevelGroups().contains(kMongoJs));
    // The same hosts as the search syntax selects.
    auto q = HostQuery::parse(QStringLiteral("idc:js tag:mongodb"));
    QVERIFY(q.ok());
    q->bind(inv);
    QCOMPARE(names(inv, q->filter(inv)), g->hosts);
}

void TestDynamicGroups::recomputedWhenHostsChange()
{
    Inventory inv = demoWithDynamic();
    QCOMPARE(inv.group(kMongoJs)->hosts.size(), 3);
    inv.mutableHost(QStringLiteral("redis-js-01"))->tags.append(QStringLiteral("mongodb"));
    QCOMPARE(inv.group(kMongoJs)->hosts.size(), 4);
    QVERIFY(inv.group(kMongoJs)->hosts.contains(QStringLiteral("redis-js-01")));
    inv.mutableHost(QStringLiteral("mongodb-js-01"))->idc = QStringLiteral("bj");
    QCOMPARE(inv.group(kMongoJs)->hosts.size(), 3);
    QVERIFY(!inv.hostGroupsAll(QStringLiteral("mongodb-js-01")).contains(kMongoJs));
    QVERIFY(inv.removeHost(QStringLiteral("mongodb-js-02")));
    QCOMPARE(inv.group(kMongoJs)->hosts.size(), 2);
    Host h;
    h.name = QStringLiteral("mongodb-js-09");
    h.idc = QStringLiteral("js");
    h.tags = { QStringLiteral("mongodb") };
    inv.upsertHost(h);
    QVERIFY(inv.group(kMongoJs)->hosts.contains(h.name));
    // A changed rule.
    inv.mutableGroup(kMongoJs)->rule = QStringLiteral("host.port == 2222");
    QCOMPARE(inv.group(kMongoJs)->hosts, QStringList { QStringLiteral("bastion-01") });
    // Static again: the members it had are kept (frozen), and no longer follow the hosts.
    inv.mutableGroup(kMongoJs)->rule.clear();
    QCOMPARE(inv.group(kMongoJs)->hosts, QStringList { QStringLiteral("bastion-01") });
    inv.mutableHost(QStringLiteral("bastion-01"))->port = 22;
    QCOMPARE(inv.group(kMongoJs)->hosts, QStringList { QStringLiteral("bastion-01") });
}

void TestDynamicGroups::hostObject()
{
    const Inventory inv = DemoInventory::make();
    const QVariantMap h = HostExpression::hostObject(inv, *inv.host(QStringLiteral("mongodb-js-01")));
    QCOMPARE(h.value(QStringLiteral("name")).toString(), QStringLiteral("mongodb-js-01"));
    QCOMPARE(h.value(QStringLiteral("address")).toString(), QStringLiteral("10.1.12.11"));
    QCOMPARE(h.value(QStringLiteral("port")).toInt(), 22);
    QCOMPARE(h.value(QStringLiteral("idc")).toString(), QStringLiteral("js"));
    QCOMPARE(h.value(QStringLiteral("status")).toString(), QStringLiteral("online"));
    QVERIFY(h.value(QStringLiteral("tags")).toList().contains(QStringLiteral("canary")));
    const QVariantList groups = h.value(QStringLiteral("groups")).toList();
    for (const char* g : { "all", "prod", "idc_js", "mongodb_js", "mongodb", "canary" }) {
        QVERIFY2(groups.contains(QString::fromLatin1(g)), g);
    }
    const QVariantMap vars = h.value(QStringLiteral("vars")).toMap();
    QCOMPARE(vars.value(QStringLiteral("log_level")).toString(), QStringLiteral("debug"));
    QCOMPARE(vars.value(QStringLiteral("mongodb")).toMap().value(QStringLiteral("replset")).toString(),
        QStringLiteral("rs_js"));
    // A host without ansible_host: the address is the name; no port: 22.
    Inventory small;
    Host bare;
    bare.name = QStringLiteral("db1.example.net");
    small.upsertHost(bare);
    const QVariantMap b = HostExpression::hostObject(small, bare);
    QCOMPARE(b.value(QStringLiteral("address")).toString(), bare.name);
    QCOMPARE(b.value(QStringLiteral("port")).toInt(), 22);
    QCOMPARE(b.value(QStringLiteral("groups")).toStringList(),
        QStringList({ QStringLiteral("all"), QStringLiteral("ungrouped") }));

    // Rules over variables and groups; chainable undefined: hosts without the variable simply do not match.
    for (const auto& [rule, count] : std::initializer_list<std::pair<const char*, int>> {
             { "host.vars.mongodb.replset == 'rs_bj'", 3 }, { "host.vars.mongodb_primary", 2 },
             { "'canary' in host.groups and host.idc == 'bj'", 6 }, { "host.vars.http_port == 8080", 10 },
             { "host.port != 22", 1 },
             { "host.vars.http_port + 1 > 81", -1 }, // undefined + 1 fails on hosts without http_port
         }) {
        auto x = HostExpression::parse(QString::fromLatin1(rule));
        QVERIFY2(x.ok(), qPrintable(x.errorString()));
        const HostExpression::Matches m = x->matchingHosts(inv);
        if (count >= 0) {
            QVERIFY2(m.errorCount == 0, qPrintable(m.firstError));
            QCOMPARE(m.hosts.size(), count);
        } else {
            QVERIFY(m.errorCount > 0);
        }
    }
}

void TestDynamicGroups::bigInventoriesEvaluateInSlices()
{
    // Enough hosts for the parallel path; the same answer as one host after the other, errors included.
    Inventory inv;
    const QStringList idcs { QStringLiteral("js"), QStringLiteral("bj"), QStringLiteral("sh") };
    for (int i = 0; i < 3 * HostExpression::kParallelFrom + 7; ++i) {
        Group g;
        g.name = QStringLiteral("rack%1").arg(i % 40);
        g.vars.insert(QStringLiteral("rack_port"), 9000 + i % 40);
        if (!inv.group(g.name)) {
            inv.upsertGroup(g);
        }
        Host h;
        h.name = QStringLiteral("h%1.example.net").arg(i, 5, 10, QLatin1Char('0'));
        h.idc = idcs.at(i % 3);
        if (i % 7 == 0) {
            h.vars.insert(QStringLiteral("http_port"), 8000 + i % 5);
        }
        inv.upsertHost(h);
        inv.mutableGroup(g.name)->hosts.append(h.name);
    }
    for (const char* rule : { "host.idc == 'bj' and host.vars.http_port == 8002",
             "'rack7' in host.groups or host.vars.rack_port > 9035", "host.vars.http_port + 1 > 8003" }) {
        auto x = HostExpression::parse(QString::fromLatin1(rule));
        QVERIFY2(x.ok(), qPrintable(x.errorString()));
        HostExpression::Matches serial;
        for (int i = 0; i < inv.hosts().size(); ++i) {
            const Result<bool> hit = x->matches(inv, inv.hosts().at(i));
            if (!hit) {
                if (serial.errorCount++ == 0) {
                    serial.firstError = QStringLiteral("host %1: %2").arg(inv.hosts().at(i).name, hit.errorString());
                }
            } else if (*hit) {
                serial.hosts.append(i);
            }
        }
        const HostExpression::Matches sliced = x->matchingHosts(inv);
        QVERIFY(!serial.hosts.isEmpty());
        QCOMPARE(sliced.hosts, serial.hosts);
        QCOMPARE(sliced.errorCount, serial.errorCount);
        QCOMPARE(sliced.firstError, serial.firstError);
    }
    // Cancelled before it starts: every slice stops at once.
    auto x = HostExpression::parse(QStringLiteral("host.idc == 'js'"));
    const std::atomic_bool cancelled { true };
    QVERIFY(x->matchingHosts(inv, &cancelled).hosts.isEmpty());
}

void TestDynamicGroups::rulesSeeStaticGroupsOnly()
{
    Inventory inv = demoWithDynamic();
    Group other;
    other.name = QStringLiteral("from_dynamic");
    other.rule = QStringLiteral("'mongo_js' in host.groups");
    inv.upsertGroup(other);
    Group viaStatic;
    viaStatic.name = QStringLiteral("from_static");
    viaStatic.rule = QStringLiteral("'mongodb_js' in host.groups");
    inv.upsertGroup(viaStatic);
    QVERIFY(inv.group(QStringLiteral("from_dynamic"))->hosts.isEmpty());
    QCOMPARE(inv.group(QStringLiteral("from_static"))->hosts.size(), 3);
    // A static parent of a dynamic group contains its members.
    Group parent;
    parent.name = QStringLiteral("databases");
    parent.children = { kMongoJs };
    inv.upsertGroup(parent);
    QCOMPARE(names(inv, inv.membersRecursive(QStringLiteral("databases"))), inv.group(kMongoJs)->hosts);
    QVERIFY(inv.hostGroupsAll(QStringLiteral("mongodb-js-01")).contains(QStringLiteral("databases")));
}

void TestDynamicGroups::badRules()
{
    auto x = HostExpression::parse(QStringLiteral("host.idc == 'js' and"));
    QVERIFY(!x.ok());
    QCOMPARE(x.error().where.file, QStringLiteral("expr"));
    QCOMPARE(x.error().where.line, 1);
    QVERIFY(x.error().where.column > 0);
    QVERIFY2(x.errorString().startsWith(QStringLiteral("expr:1:")), qPrintable(x.errorString()));

    Inventory inv = DemoInventory::make();
    Group g;
    g.name = QStringLiteral("broken");
    g.rule = QStringLiteral("host.idc ==");
    inv.upsertGroup(g);
    QVERIFY(inv.group(g.name)->hosts.isEmpty());
    QVERIFY(inv.dynamicGroupProblem(g.name).startsWith(QStringLiteral("broken:1:")));
    // An evaluation error on some hosts: those hosts are not members; the first error is reported with a count.
    g.rule = QStringLiteral("host.vars.http_port + 1 > 81");
    inv.upsertGroup(g);
    QCOMPARE(inv.group(g.name)->hosts.size(), 10);
    QVERIFY2(inv.dynamicGroupProblem(g.name).contains(QLatin1String("more hosts")),
        qPrintable(inv.dynamicGroupProblem(g.name)));
}

void TestDynamicGroups::queriesAndPrecedence()
{
    Inventory inv = demoWithDynamic();
    Group& g = *inv.mutableGroup(kMongoJs);
    g.vars = { { QStringLiteral("log_level"), QStringLiteral("trace") } };
    // group: terms see dynamic groups.
    auto q = HostQuery::parse(QStringLiteral("group:mongo_js -tag:canary"));
    QVERIFY(q.ok());
    q->bind(inv);
    QCOMPARE(
        names(inv, q->filter(inv)), QStringList({ QStringLiteral("mongodb-js-02"), QStringLiteral("mongodb-js-03") }));
    // Variable precedence: a dynamic group takes part like any group at its depth (1, top level): it beats
    // prod (depth 1, name order: "mongo_js" > "prod"? no: 'm' < 'p', so prod wins) …
    const auto resolved = inv.resolveVarsWithProvenance(QStringLiteral("mongodb-js-02"));
    QString level;
    VarLayer source;
    for (const ResolvedVar& v : resolved) {
        if (v.key == QLatin1String("log_level")) {
            level = v.value.toString();
            source = v.source;
        }
    }
    QCOMPARE(level, QStringLiteral("warning"));
    QCOMPARE(source.name, QStringLiteral("prod"));
    // … and with a higher ansible_group_priority it wins over prod at the same depth.
    inv.mutableGroup(kMongoJs)->priority = 5;
    QCOMPARE(inv.resolveVars(QStringLiteral("mongodb-js-02")).value(QStringLiteral("log_level")).toString(),
        QStringLiteral("trace"));
    // canary (priority 10) still beats it on the canary host.
    QCOMPARE(inv.resolveVars(QStringLiteral("mongodb-js-01")).value(QStringLiteral("log_level")).toString(),
        QStringLiteral("debug"));
}

void TestDynamicGroups::workspaceRoundTrip()
{
    const QString p = path(QStringLiteral("roundtrip.opsdeck"));
    {
        auto ws = Workspace::open(p, Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        QVERIFY((*ws)->saveInventory(demoWithDynamic()).ok());
        // Members of a dynamic group are never stored.
        QSqlQuery q((*ws)->database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM group_hosts JOIN host_groups ON id = group_id WHERE "
                                      "name = 'mongo_js'"))
            && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Fine-grained save: a new dynamic group, then turning a static group dynamic.
        Group g;
        g.name = QStringLiteral("bastions");
        g.rule = QStringLiteral("'bastion' in host.tags");
        QVERIFY((*ws)->saveGroup(g).ok());
        Group staging = *demoWithDynamic().group(QStringLiteral("staging"));
        staging.rule = QStringLiteral("host.env == 'staging' and host.status == 'online'");
        QVERIFY((*ws)->saveGroup(staging).ok());
    }
    auto ws = Workspace::open(p);
    QVERIFY(ws.ok());
    auto inv = (*ws)->loadInventory();
    QVERIFY(inv.ok());
    QCOMPARE(inv->group(kMongoJs)->rule, kMongoJsRule);
    QCOMPARE(inv->group(kMongoJs)->hosts.size(), 3);
    QCOMPARE(inv->group(QStringLiteral("bastions"))->hosts, QStringList { QStringLiteral("bastion-01") });
    QVERIFY(inv->group(QStringLiteral("staging"))->hosts.isEmpty());
    QVERIFY(inv->group(QStringLiteral("prod"))->rule.isEmpty());
}

void TestDynamicGroups::migratesFromVersion4()
{
    const QString p = path(QStringLiteral("v4.opsdeck"));
    QVERIFY(Workspace::createAtVersion(p, 4).ok());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4"));
        db.setDatabaseName(p);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO hosts (id, name, idc) VALUES (1, 'web01', 'js'), (2, 'web02', "
                                      "'bj')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO host_groups (id, name) VALUES (1, 'all'), (2, 'web')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO group_hosts (group_id, host_id) VALUES (2, 1), (2, 2)")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v4"));
    auto ws = Workspace::open(p);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    QCOMPARE((*ws)->schemaVersionOnOpen(), 4);
    QSqlQuery q((*ws)->database());
    QVERIFY(q.exec(QStringLiteral("SELECT rule FROM host_groups WHERE name = 'web'")) && q.next());
    QCOMPARE(q.value(0).toString(), QString());
    auto inv = (*ws)->loadInventory();
    QVERIFY(inv.ok());
    QVERIFY(!inv->group(QStringLiteral("web"))->isDynamic());
    QCOMPARE(inv->group(QStringLiteral("web"))->hosts.size(), 2);
    // The migrated workspace stores dynamic groups.
    Group g;
    g.name = QStringLiteral("js");
    g.rule = QStringLiteral("host.idc == 'js'");
    QVERIFY((*ws)->saveGroup(g).ok());
    auto again = (*ws)->loadInventory();
    QVERIFY(again.ok());
    QCOMPARE(again->group(QStringLiteral("js"))->hosts, QStringList { QStringLiteral("web01") });
}

void TestDynamicGroups::ansibleExportKeepsRule()
{
    const Inventory inv = demoWithDynamic();
    for (const bool ini : { true, false }) {
        const QByteArray text = ini ? AnsibleInventory::exportIni(inv) : AnsibleInventory::exportYaml(inv);
        QVERIFY2(text.contains("# opsdeck: rule=\"host.idc == 'js' and 'mongodb' in host.tags\""),
            text.left(2000).constData());
        // Read back: the rule comes back (and with it the same members).
        auto back = AnsibleInventory::importText(text, ini ? QStringLiteral("hosts.ini") : QStringLiteral("hosts.yml"));
        QVERIFY2(back.ok(), qPrintable(back.errorString()));
        QCOMPARE(back->group(kMongoJs)->rule, kMongoJsRule);
        QCOMPARE(back->group(kMongoJs)->hosts, inv.group(kMongoJs)->hosts);
    }
    // Exported as a static group with its current members, which is what Ansible sees.
    const QString ini = QString::fromUtf8(AnsibleInventory::exportIni(inv));
    const qsizetype at = ini.indexOf(QStringLiteral("[mongo_js]"));
    QVERIFY(at >= 0);
    QVERIFY(ini.mid(at, 200).contains(QLatin1String("mongodb-js-03")));
}

void TestDynamicGroups::cliAddDynamic()
{
    const QString w = demoWorkspace(QStringLiteral("cli-add.opsdeck"));
    QVERIFY(!w.isEmpty());
    CliRun r = runCli({ QStringLiteral("--workspace"), w, QStringLiteral("group"), QStringLiteral("add-dynamic"),
        kMongoJs, kMongoJsRule });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), QStringLiteral("mongo_js: 3 host(s) match"));
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("members"), kMongoJs });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("mongodb-js-01\nmongodb-js-02\nmongodb-js-03\n"));
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("query"),
        QStringLiteral("group:mongo_js") });
    QCOMPARE(r.out.count(QLatin1Char('\n')), 3);
    // Existing groups are not overwritten by accident.
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("add-dynamic"), kMongoJs,
        QStringLiteral("true") });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("--replace")));
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("add-dynamic"),
        QStringLiteral("prod"), QStringLiteral("true") });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("static")));
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("add-dynamic"), kMongoJs,
        QStringLiteral("host.idc == 'bj' and 'mongodb' in host.tags"), QStringLiteral("--replace"),
        QStringLiteral("--parent"), QStringLiteral("prod") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("members"), kMongoJs });
    QCOMPARE(r.out, QStringLiteral("mongodb-bj-01\nmongodb-bj-02\nmongodb-bj-03\n"));
    auto ws = Workspace::open(w);
    QVERIFY(ws.ok());
    auto inv = (*ws)->loadInventory();
    QVERIFY(inv->group(QStringLiteral("prod"))->children.contains(kMongoJs));
    // Usage errors.
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("add-dynamic"), kMongoJs });
    QCOMPARE(r.code, 2);
    r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group") });
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QLatin1String("add-dynamic")));
}

void TestDynamicGroups::cliBadExpressionWritesNothing()
{
    const QString w = demoWorkspace(QStringLiteral("cli-bad.opsdeck"));
    QVERIFY(!w.isEmpty());
    const QByteArray before = sha(w);
    const CliRun r = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("add-dynamic"),
        QStringLiteral("x"), QStringLiteral("host.idc == 'js' and ) or true") });
    QCOMPARE(r.code, 1);
    // One line, naming the column of the stray ")".
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("opsdeck-cli: expr:1:")), qPrintable(r.err));
    const QString column = r.err.section(QLatin1Char(':'), 3, 3);
    QVERIFY2(column.toInt() >= 22 && column.toInt() <= 25, qPrintable(r.err));
    QCOMPARE(sha(w), before);
    QVERIFY(!QFile::exists(w + QStringLiteral("-wal")) || sha(w) == before);
    // A rule pasted with one pair of quotes too many would take every host: refused, nothing written.
    const CliRun quoted = runCli({ QStringLiteral("-w"), w, QStringLiteral("group"), QStringLiteral("add-dynamic"),
        QStringLiteral("x"), QStringLiteral("'host.idc == \"js\"'") });
    QCOMPARE(quoted.code, 1);
    QVERIFY2(quoted.err.startsWith(QStringLiteral("opsdeck-cli: expr:1:1: the expression is only a quoted string")),
        qPrintable(quoted.err));
    QCOMPARE(sha(w), before);
}

void TestDynamicGroups::cliQueryExpr()
{
    const QString w = demoWorkspace(QStringLiteral("cli-query.opsdeck"));
    QVERIFY(!w.isEmpty());
    const auto query = [&](const QStringList& words) {
        return runCli(
            QStringList { QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("query") } + words);
    };
    const QString mongoJs = QStringLiteral("mongodb-js-01\nmongodb-js-02\nmongodb-js-03\n");
    CliRun r = query({ QStringLiteral("expr:(host.idc == 'js')"), QStringLiteral("tag:mongodb") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, mongoJs);
    // Unquoted: to the end of the query; in double quotes; negated.
    r = query({ QStringLiteral("tag:mongodb expr:host.idc == 'js'") });
    QCOMPARE(r.out, mongoJs);
    r = query({ QStringLiteral("tag:mongodb"), QStringLiteral("expr:\"host.idc == 'js'\"") });
    QCOMPARE(r.out, mongoJs);
    r = query({ QStringLiteral("tag:mongodb -expr:(host.idc == 'bj') -tag:canary") });
    QCOMPARE(r.out, QStringLiteral("mongodb-js-02\nmongodb-js-03\n"));
    // In single quotes, as a shell user writes it (`inventory query "expr:'host.idc == \"js\"'"`).
    r = query({ QStringLiteral("expr:'host.idc == \"js\"' tag:mongodb") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, mongoJs);
    r = query({ QStringLiteral("expr:'false'") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QString());
    // A quoted string is true for every host: refused, not the whole inventory.
    r = query({ QStringLiteral("expr:\"'host.idc == js'\"") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("only a quoted string")), qPrintable(r.err));
    QCOMPARE(r.out, QString());
    // An error names the column in the query.
    r = query({ QStringLiteral("tag:mongodb expr:(host.idc ==)") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("opsdeck-cli: query:1:")), qPrintable(r.err));
    QVERIFY2(r.err.section(QLatin1Char(':'), 3, 3).toInt() >= 29, qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestDynamicGroups)
#include "tst_dynamicgroups.moc"
