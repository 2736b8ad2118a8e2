// opsdeck-cli (the real binary) seeing the facts a gathering stored (written here with FactStore, as `facts gather`
// stores them): `vars HOST [--provenance]`, `template render --host`, `inventory query` with fact: and drift:, and
// the listing and export without facts; and the real opsdeck-server's vars and query routes on the same facts.
#include "facts/FactStore.h"
#include "store/Workspace.h"

#include "CliRunner.h"
#include "ServerWithTokens.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestFactLayerCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void varsWithProvenance();
    void templateRenderForHost();
    void queries();
    void listingAndExportWithoutFacts();
    void serverSeesFacts();

private:
    QString ws() const { return m_dir.filePath(QStringLiteral("ws.opsdeck")); }
    CliRun cli(QStringList args) const
    {
        args.prepend(ws());
        args.prepend(QStringLiteral("--workspace"));
        return runCli(args);
    }
    QTemporaryDir m_dir;
};

namespace {

QJsonObject facts(const QString& distribution, int vcpus, const QString& nginx)
{
    QJsonObject packages { { QStringLiteral("curl"),
        QJsonArray { QJsonObject { { "name", "curl" }, { "version", "7.88.1-10" }, { "source", "apt" } } } } };
    if (!nginx.isEmpty()) {
        packages.insert(QStringLiteral("nginx"),
            QJsonArray { QJsonObject { { "name", "nginx" }, { "version", nginx }, { "source", "apt" } } });
    }
    return QJsonObject { { QStringLiteral("distribution"), distribution },
        { QStringLiteral("os_family"), distribution == QLatin1String("Rocky") ? "RedHat" : "Debian" },
        { QStringLiteral("processor_vcpus"), vcpus },
        { QStringLiteral("default_ipv4"),
            QJsonObject { { QStringLiteral("address"), QStringLiteral("10.0.0.%1").arg(vcpus) },
                { QStringLiteral("prefix"), QStringLiteral("24") } } },
        { QStringLiteral("packages"), packages } };
}

} // namespace

void TestFactLayerCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString ini = m_dir.filePath(QStringLiteral("hosts.ini"));
    QFile f(ini);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[web]\nweb1 ansible_host=10.1.0.1\nweb2 ansible_host=10.1.0.2 ansible_distribution=Custom\n"
            "web3 ansible_host=10.1.0.3\nweb4 ansible_host=10.1.0.4\n[db]\ndb1\n");
    f.close();
    const CliRun imported = cli({ QStringLiteral("inventory"), QStringLiteral("import"), ini });
    QVERIFY2(imported.code == 0, qPrintable(imported.err));
    auto w = Workspace::open(ws());
    QVERIFY2(w, qPrintable(w.errorString()));
    FactStore store(**w);
    const QDateTime twoHoursAgo = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600 - 120);
    QVERIFY(
        store.put(QStringLiteral("web1"), facts(QStringLiteral("Debian"), 4, QStringLiteral("1.22.1-9")), twoHoursAgo));
    QVERIFY(
        store.put(QStringLiteral("web2"), facts(QStringLiteral("Debian"), 8, QStringLiteral("1.22.1-9")), twoHoursAgo));
    QVERIFY(
        store.put(QStringLiteral("web3"), facts(QStringLiteral("Debian"), 2, QStringLiteral("1.18.0-6")), twoHoursAgo));
    QVERIFY(store.put(QStringLiteral("db1"), facts(QStringLiteral("Rocky"), 16, QString()), twoHoursAgo));
}

void TestFactLayerCli::varsWithProvenance()
{
    CliRun r = cli({ QStringLiteral("vars"), QStringLiteral("web1"), QStringLiteral("--provenance") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QLatin1String("ansible_distribution = \"Debian\"    # fact, gathered 2 h ago\n")),
        qPrintable(r.out));
    QVERIFY2(
        r.out.contains(QLatin1String("ansible_processor_vcpus = 4    # fact, gathered 2 h ago\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("ansible_host = \"10.1.0.1\"    # host web1\n")), qPrintable(r.out));
    QVERIFY(!r.out.contains(QLatin1String("ansible_packages")));
    r = cli({ QStringLiteral("vars"), QStringLiteral("web2"), QStringLiteral("--provenance") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QLatin1String("ansible_distribution = \"Custom\"    # host web2; overrides fact, gathered "
                                          "2 h ago had \"Debian\"\n")),
        qPrintable(r.out));
    r = cli({ QStringLiteral("vars"), QStringLiteral("web1"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QLatin1String("\"ansible_facts\": {")), qPrintable(r.out));
    // A host never gathered has no facts.
    r = cli({ QStringLiteral("vars"), QStringLiteral("web4") });
    QCOMPARE(r.code, 0);
    QVERIFY(!r.out.contains(QLatin1String("ansible_facts")));
}

void TestFactLayerCli::templateRenderForHost()
{
    const QString tpl = m_dir.filePath(QStringLiteral("nginx.conf.j2"));
    QFile f(tpl);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("worker_processes {{ ansible_processor_vcpus }}; # {{ ansible_distribution }} "
            "{{ ansible_facts.distribution }} {{ ansible_default_ipv4.address }}\n");
    f.close();
    CliRun r = cli({ QStringLiteral("template"), QStringLiteral("render"), tpl, QStringLiteral("--host"),
        QStringLiteral("web1") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("worker_processes 4; # Debian Debian 10.0.0.4\n"));
    r = cli({ QStringLiteral("template"), QStringLiteral("render"), tpl, QStringLiteral("--host"),
        QStringLiteral("web2") });
    QCOMPARE(r.out, QStringLiteral("worker_processes 8; # Custom Debian 10.0.0.8\n"));
    // Without facts the template says what is missing.
    r = cli({ QStringLiteral("template"), QStringLiteral("render"), tpl, QStringLiteral("--host"),
        QStringLiteral("web4") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("ansible_processor_vcpus")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("facts gather")), qPrintable(r.err));
}

void TestFactLayerCli::queries()
{
    const auto query = [this](const QString& q) {
        const CliRun r = cli({ QStringLiteral("inventory"), QStringLiteral("query"), QStringLiteral("--"), q });
        return r.code == 0 ? r.out : QStringLiteral("exit %1: %2").arg(r.code).arg(r.err);
    };
    QCOMPARE(query(QStringLiteral("fact:os_family=Debian")), QStringLiteral("web1\nweb2\nweb3\n"));
    QCOMPARE(query(QStringLiteral("fact:processor_vcpus=16")), QStringLiteral("db1\n"));
    QCOMPARE(query(QStringLiteral("-fact:distribution")), QStringLiteral("web4\n"));
    QCOMPARE(query(QStringLiteral("expr:(host.facts.default_ipv4.address == '10.0.0.2')")), QStringLiteral("web3\n"));
    // web3's nginx differs from web's majority; web4 was never gathered.
    QCOMPARE(query(QStringLiteral("drift:nginx group:web")), QStringLiteral("web3\n"));
    QCOMPARE(query(QStringLiteral("drift:curl group:web")), QString());
    // Everything: db1 has no nginx, web3 an older one.
    QCOMPARE(query(QStringLiteral("drift:nginx")), QStringLiteral("web3\ndb1\n"));
    QVERIFY2(query(QStringLiteral("fact:=x")).contains(QLatin1String("query:1:6: 'fact:' needs a fact's name")),
        qPrintable(query(QStringLiteral("fact:=x"))));
}

void TestFactLayerCli::listingAndExportWithoutFacts()
{
    CliRun r = cli({ QStringLiteral("inventory"), QStringLiteral("list"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QLatin1String("10.1.0.1")));
    QVERIFY(!r.out.contains(QLatin1String("ansible_facts")));
    QVERIFY(!r.out.contains(QLatin1String("ansible_processor_vcpus")));
    r = cli(
        { QStringLiteral("inventory"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("ini") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QLatin1String("ansible_distribution=Custom")));
    QVERIFY(!r.out.contains(QLatin1String("processor_vcpus")));
}

void TestFactLayerCli::serverSeesFacts()
{
    // The real server over a copy of this workspace: its vars route and its query see the stored facts.
    const QString data = m_dir.filePath(QStringLiteral("server-data"));
    ServerWithTokens server(QStringLiteral(OPSDECK_SERVER_PATH), data);
    const QString tokens = server.createTokens();
    QVERIFY2(tokens.isEmpty(), qPrintable(tokens));
    {
        // The tokens live in the server's workspace: this one's inventory and facts are copied into it.
        auto from = Workspace::open(ws());
        auto to = Workspace::open(server.workspacePath());
        QVERIFY(from && to);
        auto inv = (*from)->loadInventory();
        QVERIFY(inv && (*to)->saveInventory(*inv));
        FactStore source(**from);
        FactStore target(**to);
        const auto entries = source.list();
        QVERIFY(entries);
        for (const FactStore::Entry& e : *entries) {
            const auto got = source.get(e.host);
            QVERIFY(got && got->has_value());
            QVERIFY(target.put(e.host, (*got)->facts, (*got)->gatheredAt));
        }
    }
    const QString started = server.start();
    QVERIFY2(started.isEmpty(), qPrintable(started));
    Reply r
        = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/hosts/web2/vars"), QStringLiteral("viewer"));
    QCOMPARE(r.status, 200);
    QHash<QString, QJsonObject> byKey;
    for (const QJsonValue& v : r.json.value(QLatin1String("vars")).toArray()) {
        byKey.insert(v.toObject().value(QLatin1String("key")).toString(), v.toObject());
    }
    QCOMPARE(byKey.value(QStringLiteral("ansible_processor_vcpus")).value(QLatin1String("source")).toString(),
        QStringLiteral("fact, gathered 2 h ago"));
    const QJsonObject distribution = byKey.value(QStringLiteral("ansible_distribution"));
    QCOMPARE(distribution.value(QLatin1String("value")).toString(), QStringLiteral("Custom"));
    QCOMPARE(distribution.value(QLatin1String("overridden")).toArray().first().toObject().value(QLatin1String("value")),
        QJsonValue(QStringLiteral("Debian")));
    r = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/inventory/query?q=drift%3Anginx%20group%3Aweb"),
        QStringLiteral("viewer"));
    QCOMPARE(r.status, 200);
    const QJsonArray hosts = r.json.value(QLatin1String("hosts")).toArray();
    QCOMPARE(hosts.size(), 1);
    QCOMPARE(hosts.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("web3"));
    // No rule form: a dynamic group from it would be frozen to today's hosts; the answer says so instead.
    QVERIFY(r.json.value(QLatin1String("expression")).isNull());
    QVERIFY2(r.json.value(QLatin1String("expression_problem"))
                 .toString()
                 .startsWith(QLatin1String("drift:nginx has no rule form")),
        qPrintable(r.json.value(QLatin1String("expression_problem")).toString()));
    r = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/inventory/query?q=fact%3Aos_family%3DDebian"),
        QStringLiteral("viewer"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QLatin1String("expression")).isString());
    QVERIFY(!r.json.contains(QLatin1String("expression_problem")));
    server.stop();
}

QTEST_GUILESS_MAIN(TestFactLayerCli)
#include "tst_factlayercli.moc"
