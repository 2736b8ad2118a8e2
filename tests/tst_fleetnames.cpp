// The fleet-wide names a template sees (groups, hostvars, group_names, inventory_hostname(_short),
// ansible_play_hosts/play_hosts/ansible_play_batch, inventory_file/inventory_dir), checked byte for byte against
// Ansible itself: `ansible -i INV PATTERN -c local -m template` renders the same templates for the same inventory.

#include "inventory/Inventory.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "jinja/LazyMapping.h"
#include "store/Workspace.h"
#include "templates/TemplatePreview.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// The groups nest at most one group per level below the first (canary under web): below that Ansible orders a
// group's hosts by Python set iteration, which changes from run to run (see docs/templates.md).
const QByteArray kInventory = R"(lb1 ansible_host=10.0.0.1
[web]
web2 ansible_host=10.0.1.2 http_port=8080
web1 ansible_host=10.0.1.1
[web:children]
canary
[canary]
web9.example.com ansible_host=10.0.1.9 http_port=8081
[db]
db1 ansible_host=10.0.2.1 role=primary
db2 ansible_host=10.0.2.2
[prod:children]
web
db
[prod:vars]
env=prod
[web:vars]
http_port=80
)";

struct Case {
    const char* name;
    const char* pattern; // the hosts Ansible renders for: also the play hosts
    const char* source;
};

const Case kCases[] = {
    { "haproxy", "web", R"(backend web
{% for h in groups['web'] %}    server {{ h }} {{ hostvars[h]['ansible_host'] }}:{{ hostvars[h].http_port }} check
{% endfor %}
)" },
    { "extract", "web:db",
        "{{ groups['web'] | map('extract', hostvars, 'ansible_host') | join(',') }}\n"
        "{{ groups.db | map('extract', hostvars, 'role') | select('defined') | list }}\n"
        "{{ groups['db'] | map('extract', hostvars) | map(attribute='ansible_host') | join(' ') }}\n" },
    { "groups", "all",
        "{% for g, hs in groups | dictsort %}{{ g }}={{ hs | join(',') }}\n{% endfor %}"
        "{{ groups | length }} {{ groups.all | length }} {{ 'canary' in groups }} {{ groups['ungrouped'] }}\n" },
    { "self", "web:db:lb1",
        "{{ inventory_hostname }} {{ inventory_hostname_short }} {{ group_names }} {{ group_names | length }}\n"
        "{{ hostvars[inventory_hostname].inventory_hostname }} {{ hostvars[inventory_hostname]['group_names'] }}\n"
        "{{ hostvars['db1'].group_names }} {{ hostvars['db1'].env }} {{ hostvars.lb1.inventory_hostname_short }}\n"
        "{{ hostvars['web9.example.com'].inventory_hostname_short }} {{ hostvars['web9.example.com'].http_port }}\n"
        "{% if 'db2' in hostvars %}db2 known{% endif %} {{ hostvars['db2'].ansible_host }}\n" },
    { "play", "web:db",
        "{{ ansible_play_hosts | join(',') }} / {{ play_hosts | length }} / {{ ansible_play_batch }}\n"
        "{{ ansible_play_hosts_all }} {{ inventory_hostname in ansible_play_batch }}\n" },
    { "etchosts", "db",
        "127.0.0.1 localhost\n{% for h in groups['all'] | sort %}{{ hostvars[h].ansible_host }} {{ h }}"
        "{% if h != hostvars[h].inventory_hostname_short %} {{ hostvars[h].inventory_hostname_short }}{% endif %}\n"
        "{% endfor %}" },
    { "mongo", "db",
        "replication:\n  members:\n{% for h in groups.db %}    - { _id: {{ loop.index0 }}, host: "
        "\"{{ hostvars[h].ansible_host }}:27017\"{% if h == inventory_hostname %}, self: true{% endif %} }\n"
        "{% endfor %}" },
    { "inventoryfile", "lb1", "{{ inventory_file }}\n{{ inventory_dir }}\n{{ inventory_file | basename }}\n" },
};

} // namespace

class TestFleetNames : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsAnsible_data();
    void sameAsAnsible();
    void orderedHosts();
    void hostvarsLazy();
    void playDefaultsOutsideAJob();
    void inventoryFileKept();

private:
    // Runs Ansible's template module for every case on its pattern; the outputs land in m_dir/out/CASE/HOST.
    bool renderWithAnsible(QString* error);
    QTemporaryDir m_dir;
    QString m_ansible;
    Inventory m_inventory;
    bool m_ansibleRendered = false;
    QString m_ansibleError;
};

void TestFleetNames::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile inv(m_dir.filePath(QStringLiteral("hosts.ini")));
    QVERIFY(inv.open(QIODevice::WriteOnly));
    inv.write(kInventory);
    inv.close();
    auto imported = AnsibleInventory::importText(kInventory, inv.fileName());
    QVERIFY2(imported.ok(), qPrintable(imported.errorString()));
    m_inventory = *imported;
    m_ansible = QStandardPaths::findExecutable(QStringLiteral("ansible"));
    if (m_ansible.isEmpty()) {
        qWarning("ansible is not installed: the comparisons with Ansible are skipped");
        return;
    }
    m_ansibleRendered = renderWithAnsible(&m_ansibleError);
}

bool TestFleetNames::renderWithAnsible(QString* error)
{
    for (const Case& c : kCases) {
        const QString dir = m_dir.filePath(QStringLiteral("out/") + QLatin1String(c.name));
        QDir().mkpath(dir);
        QFile t(m_dir.filePath(QLatin1String(c.name) + QStringLiteral(".j2")));
        if (!t.open(QIODevice::WriteOnly)) {
            *error = t.errorString();
            return false;
        }
        t.write(c.source);
        t.close();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ANSIBLE_HOME"), m_dir.filePath(QStringLiteral("ansible-home")));
        env.insert(QStringLiteral("ANSIBLE_LOCAL_TEMP"), m_dir.filePath(QStringLiteral("ansible-tmp")));
        env.insert(QStringLiteral("ANSIBLE_HOST_KEY_CHECKING"), QStringLiteral("False"));
        env.insert(QStringLiteral("ANSIBLE_PYTHON_INTERPRETER"), QStringLiteral("auto_silent"));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_dir.path());
        p.start(m_ansible,
            { QStringLiteral("-i"), m_dir.filePath(QStringLiteral("hosts.ini")), QLatin1String(c.pattern),
                QStringLiteral("-c"), QStringLiteral("local"), QStringLiteral("-m"), QStringLiteral("template"),
                QStringLiteral("-a"),
                QStringLiteral("src=%1 dest=%2/{{ inventory_hostname }}").arg(t.fileName(), dir) });
        if (!p.waitForFinished(120000) || p.exitCode() != 0) {
            *error = QStringLiteral("ansible failed on %1: %2%3")
                         .arg(QLatin1String(c.name), QString::fromUtf8(p.readAllStandardOutput()),
                             QString::fromUtf8(p.readAllStandardError()));
            p.kill();
            p.waitForFinished();
            return false;
        }
    }
    return true;
}

void TestFleetNames::sameAsAnsible_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kCases)); ++i) {
        QTest::newRow(kCases[i].name) << i;
    }
}

void TestFleetNames::sameAsAnsible()
{
    QFETCH(int, index);
    if (m_ansible.isEmpty()) {
        QSKIP("ansible is not installed");
    }
    QVERIFY2(m_ansibleRendered, qPrintable(m_ansibleError));
    const Case& c = kCases[index];
    const QDir out(m_dir.filePath(QStringLiteral("out/") + QLatin1String(c.name)));
    const QStringList hosts = out.entryList(QDir::Files, QDir::Name);
    QVERIFY(!hosts.isEmpty());
    // The play hosts in Ansible's order for the pattern: the groups' own order, joined.
    QStringList play;
    for (const QString& part : QString::fromLatin1(c.pattern).split(QLatin1Char(':'))) {
        const QStringList members = m_inventory.group(part) || part == QLatin1String("all")
            ? TemplatePreview::FleetNames::orderedHosts(m_inventory, part)
            : QStringList { part };
        for (const QString& h : members) {
            if (!play.contains(h)) {
                play.append(h);
            }
        }
    }
    QCOMPARE(hosts.size(), play.size());
    const auto fleet = std::make_shared<const TemplatePreview::FleetNames>(m_inventory);
    const TemplatePreview::PlayNames names { play, play, m_dir.filePath(QStringLiteral("hosts.ini")) };
    for (const QString& host : hosts) {
        QFile theirs(out.filePath(host));
        QVERIFY(theirs.open(QIODevice::ReadOnly));
        const auto ours = TemplatePreview::render(QString::fromUtf8(c.source), QLatin1String(c.name), {},
            TemplatePreview::hostContext(m_inventory, host, names, fleet));
        QVERIFY2(ours.ok, qPrintable(host + QStringLiteral(": ") + ours.error.toString()));
        QCOMPARE(ours.output, QString::fromUtf8(theirs.readAll()));
    }
}

void TestFleetNames::orderedHosts()
{
    // Without Ansible: the orders the comparison above relies on, spelled out.
    using TemplatePreview::FleetNames;
    QCOMPARE(FleetNames::orderedHosts(m_inventory, QStringLiteral("web")),
        QStringList({ "web2", "web1", "web9.example.com" }));
    QCOMPARE(FleetNames::orderedHosts(m_inventory, QStringLiteral("prod")),
        QStringList({ "web2", "web1", "db1", "db2", "web9.example.com" }));
    QCOMPARE(FleetNames::orderedHosts(m_inventory, QStringLiteral("ungrouped")), QStringList({ "lb1" }));
    QCOMPARE(FleetNames::orderedHosts(m_inventory, QStringLiteral("all")),
        QStringList({ "lb1", "web2", "web1", "db1", "db2", "web9.example.com" }));
    QVERIFY(FleetNames::orderedHosts(m_inventory, QStringLiteral("nosuch")).isEmpty());
}

void TestFleetNames::hostvarsLazy()
{
    // A context costs nothing for hostvars until a template reads it: the loader runs on first use, once for every
    // context that shares it.
    int loads = 0;
    const QVariant lazy = QVariant::fromValue(Jinja::LazyMapping([&loads] {
        ++loads;
        return QVariantMap { { QStringLiteral("a"), 1 } };
    }));
    QVariantMap context { { QStringLiteral("m"), lazy } };
    auto out = TemplatePreview::render(QStringLiteral("{{ x }}"), QStringLiteral("t"), {},
        QVariantMap { { QStringLiteral("x"), 1 }, { QStringLiteral("m"), lazy } });
    QVERIFY(out.ok);
    QCOMPARE(loads, 0);
    out = TemplatePreview::render(QStringLiteral("{{ m.a }} {{ m | length }}"), QStringLiteral("t"), {}, context);
    QVERIFY2(out.ok, qPrintable(out.error.toString()));
    QCOMPARE(out.output, QStringLiteral("1 1"));
    out = TemplatePreview::render(QStringLiteral("{{ m['a'] + 1 }}"), QStringLiteral("t"), {}, context);
    QCOMPARE(out.output, QStringLiteral("2"));
    QCOMPARE(loads, 1);
    // The preview's hover path walks into lazy mappings too.
    const QVariantMap ctx = TemplatePreview::hostContext(m_inventory, QStringLiteral("db1"));
    QCOMPARE(TemplatePreview::valueAt(ctx, QStringLiteral("hostvars.web2.http_port")).value_or(QVariant()).toString(),
        QStringLiteral("8080"));
    QCOMPARE(TemplatePreview::valueAt(ctx, QStringLiteral("groups.db")).value_or(QVariant()).toStringList(),
        QStringList({ "db1", "db2" }));
    QVERIFY(!TemplatePreview::valueAt(ctx, QStringLiteral("hostvars.nosuch")));
}

void TestFleetNames::playDefaultsOutsideAJob()
{
    // Outside a job (the preview, `template render --host`) the play is the host alone, as `ansible HOST` has it;
    // without an inventory file there is no inventory_file.
    const QVariantMap ctx = TemplatePreview::hostContext(m_inventory, QStringLiteral("web1"));
    QCOMPARE(ctx.value(QStringLiteral("ansible_play_hosts")).toStringList(), QStringList({ "web1" }));
    QCOMPARE(ctx.value(QStringLiteral("ansible_play_batch")).toStringList(), QStringList({ "web1" }));
    QVERIFY(!ctx.contains(QStringLiteral("inventory_file")));
    const auto out = TemplatePreview::render(QStringLiteral("{{ inventory_file }}"), QStringLiteral("t"), {}, ctx);
    QVERIFY(!out.ok);
}

void TestFleetNames::inventoryFileKept()
{
    // An inventory imported from a file knows it, keeps it through the workspace, and gives it to every context
    // (the preview, the CLI, a job); one from a directory or merged from two files has none.
    const QString file = m_dir.filePath(QStringLiteral("hosts.ini"));
    auto imported = AnsibleInventory::importPath(file);
    QVERIFY(imported.ok());
    QCOMPARE(imported->sourceFile(), QFileInfo(file).absoluteFilePath());
    auto ws = Workspace::open(m_dir.filePath(QStringLiteral("ws.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    QVERIFY((*ws)->saveInventory(*imported).ok());
    auto loaded = (*ws)->loadInventory();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->sourceFile(), imported->sourceFile());
    const auto out = TemplatePreview::render(QStringLiteral("{{ inventory_file }} {{ inventory_dir }}"),
        QStringLiteral("t"), {}, TemplatePreview::hostContext(*loaded, QStringLiteral("db1")));
    QVERIFY2(out.ok, qPrintable(out.error.toString()));
    QCOMPARE(out.output, QFileInfo(file).absoluteFilePath() + QLatin1Char(' ') + QFileInfo(file).absolutePath());
    Inventory merged = *loaded;
    auto other = AnsibleInventory::importText("other1\n", m_dir.filePath(QStringLiteral("other.ini")));
    QVERIFY(other.ok());
    other->setSourceFile(m_dir.filePath(QStringLiteral("other.ini")));
    merged.merge(*other);
    QVERIFY(merged.sourceFile().isEmpty());
    QVERIFY((*ws)->saveInventory(merged).ok());
    QVERIFY((*ws)->loadInventory()->sourceFile().isEmpty());
    auto fromDir = AnsibleInventory::importPath(m_dir.filePath(QStringLiteral("out")));
    if (fromDir) {
        QVERIFY(fromDir->sourceFile().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestFleetNames)
#include "tst_fleetnames.moc"
