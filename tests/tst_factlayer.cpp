// Gathered facts as the inventory's lowest variable layer: precedence (a host or group variable beats a fact, a fact
// beats nothing, connection variables never come from facts), provenance ("fact, gathered 2 h ago"), exports and the
// ansible-inventory listing without facts, `host.facts` in rules and `expr:`, the `fact:` and `drift:` query terms,
// FactLayer reading the workspace's FactStore, and templates rendered with facts byte for byte as Ansible renders
// them from its fact cache (`ansible -m template` with the jsonfile cache holding the same facts).
#include "facts/FactLayer.h"
#include "facts/FactStore.h"
#include "facts/FactsParser.h"
#include "inventory/HostExpression.h"
#include "inventory/HostQuery.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "store/Workspace.h"
#include "templates/TemplatePreview.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestFactLayer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void precedence();
    void connectionVariablesNeverFromFacts();
    void provenance();
    void notInventoryData();
    void rulesSeeFacts();
    void factQuery_data();
    void factQuery();
    void factQueryErrors();
    void drift();
    void factLayerReadsTheStore();
    void templateSameAsAnsible();
    void hostVarBeatsFactUnlikeAnsible();

private:
    QTemporaryDir m_dir;
    Inventory m_inventory;
    QJsonObject m_debian;
    QJsonObject m_rocky;
};

namespace {

const QByteArray kInventory = R"([web]
web1 ansible_host=10.0.1.1 http_port=8080
web2 ansible_host=10.0.1.2 ansible_distribution=Custom
web3 ansible_host=10.0.1.3
[db]
db1 ansible_host=10.0.2.1
[all:vars]
ansible_memtotal_mb=1
)";

QJsonObject parsedFixture(const QString& name)
{
    QFile f(QStringLiteral(OPSDECK_FACTS_DATA_DIR "/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    auto parsed = FactsParser::parse(f.readAll());
    return parsed ? *parsed : QJsonObject();
}

QStringList names(const Inventory& inv, const QVector<int>& indexes)
{
    QStringList out;
    for (int i : indexes) {
        out.append(inv.hosts()[i].name);
    }
    return out;
}

const QDateTime kGathered = QDateTime::fromMSecsSinceEpoch(1796629784000, Qt::UTC);

} // namespace

void TestFactLayer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_debian = parsedFixture(QStringLiteral("debian12.txt"));
    m_rocky = parsedFixture(QStringLiteral("rocky9.txt"));
    QVERIFY(m_debian.contains(QLatin1String("distribution")));
    QVERIFY(m_debian.contains(QLatin1String("packages")));
    QVERIFY(m_rocky.contains(QLatin1String("distribution")));
    auto inv = AnsibleInventory::importText(kInventory, QStringLiteral("hosts.ini"));
    QVERIFY2(inv, qPrintable(inv.errorString()));
    m_inventory = *inv;
    m_inventory.setHostFacts(QStringLiteral("web1"), m_debian.toVariantMap(), kGathered);
    m_inventory.setHostFacts(QStringLiteral("web2"), m_debian.toVariantMap(), kGathered);
    m_inventory.setHostFacts(QStringLiteral("db1"), m_rocky.toVariantMap(), kGathered);
}

void TestFactLayer::precedence()
{
    const QVariantMap web1 = m_inventory.resolveVars(QStringLiteral("web1"));
    // A fact beats nothing: the injected forms and the whole mapping.
    QCOMPARE(web1.value(QStringLiteral("ansible_distribution")).toString(), QStringLiteral("Debian"));
    QCOMPARE(web1.value(QStringLiteral("ansible_os_family")).toString(), QStringLiteral("Debian"));
    QCOMPARE(web1.value(QStringLiteral("ansible_processor_vcpus")),
        m_debian.value(QLatin1String("processor_vcpus")).toVariant());
    QCOMPARE(web1.value(QStringLiteral("ansible_default_ipv4")).toMap().value(QStringLiteral("address")),
        m_debian.value(QLatin1String("default_ipv4")).toObject().value(QLatin1String("address")).toVariant());
    const QVariantMap facts = web1.value(QStringLiteral("ansible_facts")).toMap();
    QCOMPARE(facts.value(QStringLiteral("distribution")).toString(), QStringLiteral("Debian"));
    QVERIFY(facts.contains(QStringLiteral("mounts")));
    // Packages and services stay out of the variable layer.
    QVERIFY(!facts.contains(QStringLiteral("packages")));
    QVERIFY(!web1.contains(QStringLiteral("ansible_packages")));
    QVERIFY(!web1.contains(QStringLiteral("ansible_services")));
    // A host variable beats a fact; so does a group variable (all:vars), the lowest inventory layer.
    QCOMPARE(m_inventory.resolveVars(QStringLiteral("web2")).value(QStringLiteral("ansible_distribution")).toString(),
        QStringLiteral("Custom"));
    QCOMPARE(web1.value(QStringLiteral("ansible_memtotal_mb")).toString(), QStringLiteral("1"));
    // ansible_facts itself keeps the gathered value (as in Ansible).
    QCOMPARE(m_inventory.resolveVars(QStringLiteral("web2"))
                 .value(QStringLiteral("ansible_facts"))
                 .toMap()
                 .value(QStringLiteral("distribution"))
                 .toString(),
        QStringLiteral("Debian"));
    // A host without facts has none of these.
    const QVariantMap web3 = m_inventory.resolveVars(QStringLiteral("web3"));
    QVERIFY(!web3.contains(QStringLiteral("ansible_facts")));
    QVERIFY(!web3.contains(QStringLiteral("ansible_distribution")));
    // The inventory-only resolution leaves facts out.
    QVERIFY(!m_inventory.resolveInventoryVars(QStringLiteral("web1")).contains(QStringLiteral("ansible_facts")));
}

void TestFactLayer::connectionVariablesNeverFromFacts()
{
    Inventory inv = m_inventory;
    QVariantMap evil = m_debian.toVariantMap();
    for (const char* key : { "host", "port", "user", "password", "connection", "ssh_common_args", "become_user",
             "python_interpreter", "private_key_file", "shell_type", "local_tmp" }) {
        evil.insert(QLatin1String(key), QStringLiteral("evil"));
    }
    inv.setHostFacts(QStringLiteral("web3"), evil, kGathered);
    const QVariantMap vars = inv.resolveVars(QStringLiteral("web3"));
    QCOMPARE(vars.value(QStringLiteral("ansible_host")).toString(), QStringLiteral("10.0.1.3"));
    for (const char* key : { "ansible_port", "ansible_user", "ansible_password", "ansible_connection",
             "ansible_ssh_common_args", "ansible_become_user", "ansible_python_interpreter", "ansible_private_key_file",
             "ansible_shell_type", "ansible_local_tmp" }) {
        QVERIFY2(!vars.contains(QLatin1String(key)), key);
    }
    // They stay under ansible_facts, as Ansible's namespace_facts() keeps them.
    QCOMPARE(vars.value(QStringLiteral("ansible_facts")).toMap().value(QStringLiteral("host")).toString(),
        QStringLiteral("evil"));
    // A fact whose name merely starts like one is injected (ansible_hostname, ansible_user_id).
    QVERIFY(vars.contains(QStringLiteral("ansible_hostname")));
}

void TestFactLayer::provenance()
{
    const QDateTime now = kGathered.addSecs(2 * 3600 + 10);
    QCOMPARE(VarLayer::ageText(kGathered, kGathered.addSecs(30)), QStringLiteral("just now"));
    QCOMPARE(VarLayer::ageText(kGathered, kGathered.addSecs(5 * 60)), QStringLiteral("5 min ago"));
    QCOMPARE(VarLayer::ageText(kGathered, now), QStringLiteral("2 h ago"));
    QCOMPARE(VarLayer::ageText(kGathered, kGathered.addDays(3)), QStringLiteral("3 d ago"));

    Inventory inv = m_inventory;
    const QDateTime twoHoursAgo = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600 - 60);
    inv.setHostFacts(QStringLiteral("web2"), m_debian.toVariantMap(), twoHoursAgo);
    QHash<QString, ResolvedVar> byKey;
    for (const ResolvedVar& v : inv.resolveVarsWithProvenance(QStringLiteral("web2"))) {
        byKey.insert(v.key, v);
    }
    const ResolvedVar kernel = byKey.value(QStringLiteral("ansible_kernel"));
    QCOMPARE(kernel.source.kind, VarLayer::Kind::Facts);
    QCOMPARE(kernel.source.gatheredAt, twoHoursAgo);
    QCOMPARE(kernel.source.toString(), QStringLiteral("fact, gathered 2 h ago"));
    // The host variable overrode the fact, and says so.
    const ResolvedVar distribution = byKey.value(QStringLiteral("ansible_distribution"));
    QCOMPARE(distribution.source.toString(), QStringLiteral("host web2"));
    QCOMPARE(distribution.overridden.size(), 1);
    QCOMPARE(distribution.overridden.first().first.kind, VarLayer::Kind::Facts);
    QCOMPARE(distribution.overridden.first().second.toString(), QStringLiteral("Debian"));
    // The facts' layer is the lowest.
    QCOMPARE(inv.layersOf(QStringLiteral("web2")).first().first.kind, VarLayer::Kind::Facts);
    QCOMPARE(inv.layersOf(QStringLiteral("web3")).first().first.kind, VarLayer::Kind::Group);
}

void TestFactLayer::notInventoryData()
{
    auto plain = AnsibleInventory::importText(kInventory, QStringLiteral("hosts.ini"));
    QVERIFY(plain);
    QCOMPARE(AnsibleInventory::toAnsibleListJson(m_inventory), AnsibleInventory::toAnsibleListJson(*plain));
    QCOMPARE(AnsibleInventory::exportIni(m_inventory), AnsibleInventory::exportIni(*plain));
    QCOMPARE(AnsibleInventory::exportYaml(m_inventory), AnsibleInventory::exportYaml(*plain));
    QVERIFY(!AnsibleInventory::toAnsibleListJson(m_inventory).contains("ansible_facts"));
    // Saved and loaded again, the inventory has no facts (they live in the FactStore).
    auto ws = Workspace::open(m_dir.filePath(QStringLiteral("plain.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY(ws);
    QVERIFY((*ws)->saveInventory(m_inventory));
    auto loaded = (*ws)->loadInventory();
    QVERIFY(loaded);
    QCOMPARE(loaded->hostFactsCount(), 0);
    QVERIFY(!loaded->resolveVars(QStringLiteral("web1")).contains(QStringLiteral("ansible_facts")));
}

void TestFactLayer::rulesSeeFacts()
{
    Inventory inv = m_inventory;
    Group debian;
    debian.name = QStringLiteral("debian_hosts");
    debian.rule = QStringLiteral("host.facts.os_family == 'Debian'");
    inv.upsertGroup(debian);
    Group big;
    big.name = QStringLiteral("many_cpus");
    big.rule = QStringLiteral("host.facts.processor_vcpus is defined and host.vars.ansible_processor_vcpus >= 1");
    inv.upsertGroup(big);
    QCOMPARE(inv.group(QStringLiteral("debian_hosts"))->hosts, QStringList({ "web1", "web2" }));
    QCOMPARE(inv.group(QStringLiteral("many_cpus"))->hosts, QStringList({ "web1", "web2", "db1" }));
    QVERIFY(inv.dynamicGroupProblem(QStringLiteral("debian_hosts")).isEmpty());
    // New facts re-evaluate the rules.
    inv.setHostFacts(QStringLiteral("web3"), m_debian.toVariantMap(), kGathered);
    QCOMPARE(inv.group(QStringLiteral("debian_hosts"))->hosts, QStringList({ "web1", "web2", "web3" }));
    inv.clearHostFacts();
    QVERIFY(inv.group(QStringLiteral("debian_hosts"))->hosts.isEmpty());
    // expr: sees them too.
    auto q = HostQuery::parse(QStringLiteral("expr:(host.facts.distribution == 'Rocky')"));
    QVERIFY(q);
    q->bind(m_inventory);
    QCOMPARE(names(m_inventory, q->filter(m_inventory)), QStringList({ "db1" }));
}

void TestFactLayer::factQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("hosts");
    QTest::newRow("exact, any case") << "fact:distribution=debian" << QStringList { "web1", "web2" };
    QTest::newRow("OR") << "fact:distribution=Rocky,Alpine" << QStringList { "db1" };
    QTest::newRow("number")
        << QStringLiteral("fact:processor_vcpus=%1").arg(m_debian.value(QLatin1String("processor_vcpus")).toInteger())
        << QStringList { "web1", "web2" };
    QTest::newRow("dotted path, glob")
        << QStringLiteral("fact:default_ipv4.address=%1*")
               .arg(m_rocky.value(QLatin1String("default_ipv4")).toObject().value(QLatin1String("address")).toString())
        << QStringList { "db1" };
    QTest::newRow("presence") << "fact:os_family" << QStringList { "web1", "web2", "db1" };
    QTest::newRow("negated presence") << "-fact:os_family" << QStringList { "web3" };
    QTest::newRow("negated") << "-fact:os_family=Debian" << QStringList { "web3", "db1" };
    QTest::newRow("with group") << "group:web fact:os_family=Debian -name:web2" << QStringList { "web1" };
    QTest::newRow("a list is no value") << "fact:mounts=x" << QStringList {};
    QTest::newRow("no such fact") << "fact:nothing_here=1" << QStringList {};
}

void TestFactLayer::factQuery()
{
    QFETCH(QString, query);
    QFETCH(QStringList, hosts);
    auto q = HostQuery::parse(query);
    QVERIFY2(q, qPrintable(q.errorString()));
    // filter() alone (binding itself) and after bind(), and matches() host by host.
    QCOMPARE(names(m_inventory, q->filter(m_inventory)), hosts);
    q->bind(m_inventory);
    QCOMPARE(names(m_inventory, q->filter(m_inventory)), hosts);
    QStringList one;
    for (int i = 0; i < m_inventory.hosts().size(); ++i) {
        if (q->matches(m_inventory.hosts()[i], i)) {
            one.append(m_inventory.hosts()[i].name);
        }
    }
    QCOMPARE(one, hosts);
    // The expression form selects the same hosts.
    auto x = HostExpression::parse(q->toExpression());
    QVERIFY2(x, qPrintable(q->toExpression() + QStringLiteral(": ") + x.errorString()));
    const HostExpression::Matches m = x->matchingHosts(m_inventory);
    QVERIFY2(m.errorCount == 0, qPrintable(m.firstError));
    QCOMPARE(names(m_inventory, m.hosts), hosts);
}

void TestFactLayer::factQueryErrors()
{
    auto q = HostQuery::parse(QStringLiteral("tag:x fact:=Debian"));
    QVERIFY(!q);
    QCOMPARE(q.error().where.column, 12);
    QVERIFY2(q.errorString().contains(QLatin1String("fact:distribution=Debian")), qPrintable(q.errorString()));
    q = HostQuery::parse(QStringLiteral("fact:distribution="));
    QVERIFY(!q);
    QVERIFY2(q.errorString().contains(QLatin1String("needs a value")), qPrintable(q.errorString()));
    q = HostQuery::parse(QStringLiteral("colour:red"));
    QVERIFY(q.errorString().contains(QLatin1String("fact, drift")));
}

void TestFactLayer::drift()
{
    auto inv
        = AnsibleInventory::importText("[web]\nw1\nw2\nw3\nw4\nw5\nw6\n[db]\nd1\nd2\n", QStringLiteral("hosts.ini"));
    QVERIFY(inv);
    // w1-w3 on 1.22, w4 on 1.18, w5 without nginx, w6 never gathered; d1 on 1.18, d2 on 1.18.
    const QHash<QString, QString> nginx { { "w1", "1.22.1-9" }, { "w2", "1.22.1-9" }, { "w3", "1.22.1-9" },
        { "w4", "1.18.0-6" }, { "w5", "" }, { "d1", "1.18.0-6" }, { "d2", "1.18.0-6" } };
    QStringList asked;
    inv->setPackageVersions([&](const QString& package) {
        asked.append(package);
        return package == QLatin1String("nginx") ? nginx : QHash<QString, QString>();
    });
    const auto run = [&](const QString& text) {
        auto q = HostQuery::parse(text);
        return q ? names(*inv, q->filter(*inv)) : QStringList { q.errorString() };
    };
    QCOMPARE(run(QStringLiteral("drift:nginx group:web")), QStringList({ "w4", "w5" }));
    QCOMPARE(asked, QStringList({ "nginx" }));
    // The majority is the group's: in db 1.18 is the majority, nobody drifts.
    QCOMPARE(run(QStringLiteral("drift:nginx group:db")), QStringList());
    // Over everything (no other term): 1.22 ×3 and 1.18 ×3 tie; only the host without it drifts.
    QCOMPARE(run(QStringLiteral("drift:nginx")), QStringList({ "w5" }));
    QCOMPARE(run(QStringLiteral("-drift:nginx group:web")), QStringList({ "w1", "w2", "w3", "w6" }));
    QCOMPARE(run(QStringLiteral("drift:curl group:web")), QStringList());
    // The expression form names the hosts it selected when bound.
    auto q = HostQuery::parse(QStringLiteral("drift:nginx group:web"));
    QVERIFY(q);
    q->bind(*inv);
    QVERIFY2(q->toExpression().contains(QLatin1String("host.name in ['w4', 'w5']")), qPrintable(q->toExpression()));
    // Without a package lookup nothing drifts.
    Inventory bare = *inv;
    bare.setPackageVersions({});
    auto q2 = HostQuery::parse(QStringLiteral("drift:nginx group:web"));
    QVERIFY(q2);
    QVERIFY(q2->filter(bare).isEmpty());
    QVERIFY(!HostQuery::parse(QStringLiteral("drift:nginx,curl")));
}

void TestFactLayer::factLayerReadsTheStore()
{
    auto ws = Workspace::open(m_dir.filePath(QStringLiteral("store.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY(ws);
    auto plain = AnsibleInventory::importText(kInventory, QStringLiteral("hosts.ini"));
    QVERIFY((*ws)->saveInventory(*plain));
    FactStore store(**ws);
    QVERIFY(store.put(QStringLiteral("web1"), m_debian, kGathered));
    QVERIFY(store.put(QStringLiteral("db1"), m_rocky, kGathered.addSecs(60)));
    QJsonObject noPackages = m_debian;
    noPackages.remove(QLatin1String("packages"));
    QVERIFY(store.put(QStringLiteral("web3"), noPackages, kGathered));
    auto inv = (*ws)->loadInventory();
    QVERIFY(inv);
    auto applied = FactLayer::apply(**ws, *inv);
    QVERIFY2(applied, qPrintable(applied.errorString()));
    QCOMPARE(*applied, 3);
    QCOMPARE(inv->hostFacts(QStringLiteral("db1"))->gatheredAt, kGathered.addSecs(60));
    QVERIFY(!inv->hostFacts(QStringLiteral("web1"))->facts.contains(QStringLiteral("packages")));
    QVERIFY(!inv->hostFacts(QStringLiteral("web1"))->facts.contains(QStringLiteral("services")));
    QCOMPARE(inv->resolveVars(QStringLiteral("db1")).value(QStringLiteral("ansible_distribution")).toString(),
        m_rocky.value(QLatin1String("distribution")).toString());

    // The package lookup reads the file: every host with a package list, "" where the package is missing.
    const QJsonObject debPackages = m_debian.value(QLatin1String("packages")).toObject();
    const QJsonObject rpmPackages = m_rocky.value(QLatin1String("packages")).toObject();
    QVERIFY(!debPackages.isEmpty() && !rpmPackages.isEmpty());
    const QString deb = debPackages.keys().first();
    const QHash<QString, QString> versions = inv->packageVersions()(deb);
    QCOMPARE(versions.size(), 2); // web1 and db1; web3 has no package list
    QCOMPARE(versions.value(QStringLiteral("web1")), FactLayer::versionText(debPackages.value(deb).toArray()));
    QVERIFY(!versions.value(QStringLiteral("web1")).isEmpty());
    QCOMPARE(versions.value(QStringLiteral("db1"), QStringLiteral("absent")),
        rpmPackages.contains(deb) ? FactLayer::versionText(rpmPackages.value(deb).toArray()) : QString());
    QVERIFY(FactLayer::packageVersions(m_dir.filePath(QStringLiteral("store.opsdeck")), QStringLiteral("a\"b"))
                .value(QStringLiteral("web1"), QStringLiteral("x"))
                .isEmpty());

    // Version texts: apt, rpm with and without epoch, two architectures.
    QCOMPARE(FactLayer::versionText(QJsonArray { QJsonObject { { "version", "1.22.1-9" }, { "source", "apt" } } }),
        QStringLiteral("1.22.1-9"));
    QCOMPARE(FactLayer::versionText(QJsonArray { QJsonObject {
                 { "epoch", 1 }, { "version", "1.20.1" }, { "release", "14.el9" }, { "source", "rpm" } } }),
        QStringLiteral("1:1.20.1-14.el9"));
    QCOMPARE(FactLayer::versionText(
                 QJsonArray { QJsonObject { { "epoch", QJsonValue() }, { "version", "2.1" }, { "release", "3" } },
                     QJsonObject { { "epoch", QJsonValue() }, { "version", "2.0" }, { "release", "1" } } }),
        QStringLiteral("2.0-1, 2.1-3"));
}

void TestFactLayer::templateSameAsAnsible()
{
    const QString ansible = QStandardPaths::findExecutable(QStringLiteral("ansible"));
    if (ansible.isEmpty()) {
        QSKIP("ansible is not installed");
    }
    // Names no inventory layer sets, so that Ansible's precedence and ours agree.
    const QByteArray source
        = "worker_processes {{ ansible_processor_vcpus }};\n"
          "listen {{ ansible_default_ipv4.address }}:{{ http_port | default(80) }}/{{ ansible_default_ipv4.prefix }}\n"
          "# {{ ansible_distribution }} {{ ansible_distribution_version }} ({{ ansible_distribution_release }}) "
          "{{ ansible_os_family }} {{ ansible_distribution_major_version | int + 1 }}\n"
          "# {{ ansible_kernel }} {{ ansible_architecture }} {{ ansible_memtotal_mb }} MB "
          "{{ ansible_facts['memtotal_mb'] // 1024 }} GB\n"
          "# {{ ansible_hostname }} {{ ansible_fqdn }} {{ ansible_facts.nodename }}\n"
          "{% for m in ansible_mounts %}mount {{ m.mount }} {{ m.fstype }} {{ m.size_total }}\n{% endfor %}"
          "{% if ansible_os_family == 'Debian' %}apt{% else %}dnf{% endif %} {{ ansible_interfaces | join(',') }}\n"
          "others: {% for h in groups['all'] %}{{ h }}={{ hostvars[h].ansible_distribution | default('?') }} "
          "{% endfor %}\n"
          "{{ ansible_facts | dictsort | map('first') | select('match', 'distribution') | join(',') }}\n";
    const QString tpl = m_dir.filePath(QStringLiteral("facts.j2"));
    QFile t(tpl);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write(source);
    t.close();
    // Without the host variable that overrides a fact (checked apart, below), and without all:vars.
    const QByteArray ini = "[web]\nweb1 ansible_host=10.0.1.1 http_port=8080\nweb3 ansible_host=10.0.1.3\n"
                           "[db]\ndb1 ansible_host=10.0.2.1\n";
    QFile hosts(m_dir.filePath(QStringLiteral("facts-hosts.ini")));
    QVERIFY(hosts.open(QIODevice::WriteOnly));
    hosts.write(ini);
    hosts.close();
    auto inv = AnsibleInventory::importText(ini, hosts.fileName());
    QVERIFY(inv);
    // Ansible's jsonfile fact cache holds what setup reported: the facts with their ansible_ prefix.
    const QString cache = m_dir.filePath(QStringLiteral("fact-cache"));
    QDir().mkpath(cache);
    for (const auto& [host, facts] :
        { std::pair { QStringLiteral("web1"), m_debian }, { QStringLiteral("db1"), m_rocky } }) {
        QJsonObject cached;
        for (auto it = facts.constBegin(); it != facts.constEnd(); ++it) {
            if (it.key() != QLatin1String("packages") && it.key() != QLatin1String("services")) {
                cached.insert(QStringLiteral("ansible_") + it.key(), it.value());
            }
        }
        QFile f(cache + QLatin1Char('/') + host);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(cached).toJson());
        inv->setHostFacts(host, facts.toVariantMap(), kGathered);
    }
    const QString out = m_dir.filePath(QStringLiteral("ansible-out"));
    QDir().mkpath(out);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ANSIBLE_HOME"), m_dir.filePath(QStringLiteral("ansible-home")));
    env.insert(QStringLiteral("ANSIBLE_LOCAL_TEMP"), m_dir.filePath(QStringLiteral("ansible-tmp")));
    env.insert(QStringLiteral("ANSIBLE_CACHE_PLUGIN"), QStringLiteral("jsonfile"));
    env.insert(QStringLiteral("ANSIBLE_CACHE_PLUGIN_CONNECTION"), cache);
    env.insert(QStringLiteral("ANSIBLE_CACHE_PLUGIN_TIMEOUT"), QStringLiteral("0"));
    env.insert(QStringLiteral("ANSIBLE_PYTHON_INTERPRETER"), QStringLiteral("/usr/bin/python3"));
    p.setProcessEnvironment(env);
    p.start(ansible,
        { QStringLiteral("-i"), hosts.fileName(), QStringLiteral("web1,db1"), QStringLiteral("-c"),
            QStringLiteral("local"), QStringLiteral("-m"), QStringLiteral("template"), QStringLiteral("-a"),
            QStringLiteral("src=%1 dest=%2/{{ inventory_hostname }}").arg(tpl, out) });
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        QFAIL("ansible did not finish within 180 s");
    }
    QVERIFY2(p.exitCode() == 0, QByteArray(p.readAllStandardOutput() + p.readAllStandardError()).constData());
    for (const QString& host : { QStringLiteral("web1"), QStringLiteral("db1") }) {
        QFile theirs(out + QLatin1Char('/') + host);
        QVERIFY(theirs.open(QIODevice::ReadOnly));
        const TemplatePreview::PlayNames play { { "web1", "db1" }, { "web1", "db1" }, hosts.fileName() };
        const auto fleet = std::make_shared<const TemplatePreview::FleetNames>(*inv);
        const auto ours = TemplatePreview::render(QString::fromUtf8(source), QStringLiteral("facts.j2"), {},
            TemplatePreview::hostContext(*inv, host, play, fleet));
        QVERIFY2(ours.ok, qPrintable(host + QStringLiteral(": ") + ours.error.toString()));
        QCOMPARE(ours.output, QString::fromUtf8(theirs.readAll()));
        // The facts were there (not all undefined and defaulted).
        const QJsonObject& facts = host == QLatin1String("web1") ? m_debian : m_rocky;
        QVERIFY2(ours.output.startsWith(QStringLiteral("worker_processes %1;\n")
                                            .arg(facts.value(QLatin1String("processor_vcpus")).toInteger())),
            qPrintable(ours.output));
        QVERIFY2(ours.output.contains(QLatin1String("others: web1=Debian web3=? db1=")), qPrintable(ours.output));
    }
}

void TestFactLayer::hostVarBeatsFactUnlikeAnsible()
{
    // Deliberately not Ansible: there gathered facts rank above host_vars, so `ansible_distribution=Custom` on web2
    // would lose to the gathered "Debian". In OpsDeck the operator's inventory value wins.
    const auto ours
        = TemplatePreview::render(QStringLiteral("{{ ansible_distribution }}/{{ ansible_facts.distribution }}"),
            QStringLiteral("t"), {}, TemplatePreview::hostContext(m_inventory, QStringLiteral("web2")));
    QVERIFY2(ours.ok, qPrintable(ours.error.toString()));
    QCOMPARE(ours.output, QStringLiteral("Custom/Debian"));
}

QTEST_GUILESS_MAIN(TestFactLayer)
#include "tst_factlayer.moc"
