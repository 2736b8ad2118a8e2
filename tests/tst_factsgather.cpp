// `opsdeck-cli facts gather|show|list` end to end: the real binary against real sshd processes on loopback
// (tests/SshdFixture.h), the gathering one job through the ordinary launch path; and the oracle: for the loopback
// host (this machine), every fact we gather that `ansible localhost -m setup` also reports has the same value.
#include "CliRunner.h"
#include "SshdInventory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

class TestFactsGather : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void gatherShowList();
    void failedHostIsNamed();
    void usageErrors();
    void sameAsAnsibleSetup();

private:
    QStringList ws() const { return { QStringLiteral("--workspace"), m_ws }; }
    QStringList known() const { return { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath() }; }
    QJsonObject storedFacts(const QString& host);

    std::unique_ptr<SshdFixture> m_sshd;
    QTemporaryDir m_dir;
    QString m_ws;
};

void TestFactsGather::initTestCase()
{
    if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
        QSKIP(qPrintable(why));
    }
    QVERIFY(m_dir.isValid());
    m_sshd = std::make_unique<SshdFixture>();
    QString error;
    QVERIFY2(m_sshd->start(2, &error), qPrintable(error));
    QByteArray ini = "[web]\n" + sshdInventoryIni(*m_sshd, 2, QStringLiteral("lb"));
    ini += QStringLiteral("[down]\ndown-01 ansible_host=127.0.0.1 ansible_port=%1 ansible_user=root\n")
               .arg(SshdFixture::closedPort())
               .toUtf8();
    const QString iniPath = m_dir.filePath(QStringLiteral("hosts.ini"));
    QFile f(iniPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(ini);
    f.close();
    m_ws = m_dir.filePath(QStringLiteral("ws.opsdeck"));
    const CliRun r = runCli(ws() + QStringList { QStringLiteral("inventory"), QStringLiteral("import"), iniPath });
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

void TestFactsGather::cleanupTestCase()
{
    if (m_sshd) {
        m_sshd->stop();
    }
}

QJsonObject TestFactsGather::storedFacts(const QString& host)
{
    const CliRun r = runCli(
        ws() + QStringList { QStringLiteral("facts"), QStringLiteral("show"), host, QStringLiteral("--json") });
    if (r.code != 0) {
        qWarning("%s", qPrintable(r.err));
        return {};
    }
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

void TestFactsGather::gatherShowList()
{
    const CliRun r = runCli(ws()
        + QStringList { QStringLiteral("facts"), QStringLiteral("gather"), QStringLiteral("--hosts"),
            QStringLiteral("group:web") }
        + known());
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("lb-01: ok: ")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(QLatin1String("lb-02: ok: ")), qPrintable(lines.at(1)));
    QVERIFY2(r.err.contains(QLatin1String("2 hosts: 2 gathered, 0 failed")), qPrintable(r.err));

    // Stored, with the time gathered.
    const CliRun list = runCli(ws() + QStringList { QStringLiteral("facts"), QStringLiteral("list") });
    QCOMPARE(list.code, 0);
    const QStringList rows = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 2);
    QVERIFY(rows.at(0).startsWith(QLatin1String("lb-01\t")));
    const QDateTime when = QDateTime::fromString(rows.at(0).section(QLatin1Char('\t'), 1), Qt::ISODate);
    QVERIFY(when.isValid());
    QVERIFY(qAbs(when.secsTo(QDateTime::currentDateTimeUtc())) < 120);

    const QJsonObject doc = storedFacts(QStringLiteral("lb-01"));
    QCOMPARE(doc.value(QStringLiteral("host")).toString(), QStringLiteral("lb-01"));
    const QJsonObject facts = doc.value(QStringLiteral("ansible_facts")).toObject();
    QVERIFY(facts.value(QStringLiteral("memtotal_mb")).toInt() > 0);
    QVERIFY(facts.value(QStringLiteral("interfaces")).toArray().contains(QStringLiteral("lo")));

    const CliRun text
        = runCli(ws() + QStringList { QStringLiteral("facts"), QStringLiteral("show"), QStringLiteral("lb-02") });
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains(QLatin1String("\nkernel: ")), qPrintable(text.out));
    QVERIFY(text.out.contains(QLatin1String("\nprocessor_vcpus: ")));

    // The gathered facts are the lowest variable layer: vars and templates see them.
    const CliRun vars = runCli(
        ws() + QStringList { QStringLiteral("vars"), QStringLiteral("lb-01"), QStringLiteral("--provenance") });
    QCOMPARE(vars.code, 0);
    QVERIFY2(vars.out.contains(QRegularExpression(
                 QStringLiteral("\\nansible_kernel = \"%1\"    # fact, gathered (just now|\\d+ min ago)\\n")
                     .arg(QRegularExpression::escape(facts.value(QStringLiteral("kernel")).toString())))),
        qPrintable(vars.out));
    const QString tpl = m_dir.filePath(QStringLiteral("cpus.j2"));
    QFile t(tpl);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write("{{ ansible_processor_vcpus }} {{ ansible_facts.memtotal_mb }}");
    t.close();
    const CliRun rendered = runCli(ws()
        + QStringList { QStringLiteral("template"), QStringLiteral("render"), tpl, QStringLiteral("--host"),
            QStringLiteral("lb-01") });
    QVERIFY2(rendered.code == 0, qPrintable(rendered.err));
    QCOMPARE(rendered.out,
        QStringLiteral("%1 %2")
            .arg(facts.value(QStringLiteral("processor_vcpus")).toInteger())
            .arg(facts.value(QStringLiteral("memtotal_mb")).toInteger()));

    // It ran as a job through the ordinary launch path: in the history, one step on both hosts.
    const CliRun jobs = runCli(ws() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") });
    QCOMPARE(jobs.code, 0);
    QVERIFY2(jobs.out.contains(QLatin1String("Gather facts")), qPrintable(jobs.out));
}

void TestFactsGather::failedHostIsNamed()
{
    const CliRun r = runCli(ws()
        + QStringList { QStringLiteral("facts"), QStringLiteral("gather"), QStringLiteral("--hosts"),
            QStringLiteral("lb-01,down-01") }
        + known());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(QLatin1String("lb-01: ok: ")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("down-01: failed: unreachable")), qPrintable(r.out));
    QVERIFY2(r.err.contains(QLatin1String("2 hosts: 1 gathered, 1 failed")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("  down-01: unreachable")), qPrintable(r.err));
    const CliRun none
        = runCli(ws() + QStringList { QStringLiteral("facts"), QStringLiteral("show"), QStringLiteral("down-01") });
    QCOMPARE(none.code, 1);
    QVERIFY2(none.err.contains(QLatin1String("no facts of 'down-01' were gathered")), qPrintable(none.err));
}

void TestFactsGather::usageErrors()
{
    CliRun r = runCli(ws() + QStringList { QStringLiteral("facts"), QStringLiteral("gather") });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QLatin1String("needs --hosts QUERY")), qPrintable(r.err));
    r = runCli(ws()
        + QStringList { QStringLiteral("facts"), QStringLiteral("gather"), QStringLiteral("--hosts"),
            QStringLiteral("nothing-like-this") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("no host matches")), qPrintable(r.err));
    r = runCli(ws() + QStringList { QStringLiteral("facts"), QStringLiteral("frobnicate") });
    QCOMPARE(r.code, 2);
    r = runCli(ws() + QStringList { QStringLiteral("facts"), QStringLiteral("show") });
    QCOMPARE(r.code, 2);
}

namespace {

QJsonValue sortedArray(const QJsonValue& v)
{
    QStringList items;
    for (const QJsonValue& x : v.toArray()) {
        items.append(x.toString());
    }
    items.sort();
    return QJsonArray::fromStringList(items);
}

// The keys of `ours` only, from `theirs`: what we report is compared, what Ansible reports besides is not ours.
QJsonObject restricted(const QJsonObject& theirs, const QJsonObject& ours)
{
    QJsonObject r;
    for (auto it = ours.begin(); it != ours.end(); ++it) {
        if (theirs.contains(it.key())) {
            r.insert(it.key(), theirs.value(it.key()));
        }
    }
    return r;
}

QString compact(const QJsonValue& v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

QJsonObject runAnsible(const QString& module)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ANSIBLE_LOCALHOST_WARNING"), QStringLiteral("False"));
    env.insert(QStringLiteral("ANSIBLE_NOCOLOR"), QStringLiteral("1"));
    env.insert(QStringLiteral("ANSIBLE_INVENTORY_UNPARSED_WARNING"), QStringLiteral("False"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("ansible"), { QStringLiteral("localhost"), QStringLiteral("-m"), module });
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        qWarning("ansible -m %s failed: %s", qPrintable(module), p.readAllStandardError().constData());
        return {};
    }
    const QByteArray out = p.readAllStandardOutput();
    return QJsonDocument::fromJson(out.mid(out.indexOf('{')))
        .object()
        .value(QStringLiteral("ansible_facts"))
        .toObject();
}

} // namespace

// The oracle (docs/facts.md lists the keys): gathered over SSH from the loopback host, against Ansible's setup
// and package_facts modules run on the same machine right after.
void TestFactsGather::sameAsAnsibleSetup()
{
    if (QStandardPaths::findExecutable(QStringLiteral("ansible")).isEmpty()) {
        QSKIP("ansible is not installed");
    }
    const CliRun r = runCli(ws()
        + QStringList { QStringLiteral("facts"), QStringLiteral("gather"), QStringLiteral("--hosts"),
            QStringLiteral("lb-01") }
        + known());
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QJsonObject ours = storedFacts(QStringLiteral("lb-01")).value(QStringLiteral("ansible_facts")).toObject();
    QVERIFY(!ours.isEmpty());
    const QJsonObject setup = runAnsible(QStringLiteral("setup"));
    QVERIFY(!setup.isEmpty());
    const auto theirs = [&](const QString& key) { return setup.value(QStringLiteral("ansible_") + key); };

    // Exactly equal.
    const QStringList exact { QStringLiteral("distribution"), QStringLiteral("distribution_version"),
        QStringLiteral("distribution_major_version"), QStringLiteral("distribution_release"),
        QStringLiteral("os_family"), QStringLiteral("system"), QStringLiteral("kernel"),
        QStringLiteral("kernel_version"), QStringLiteral("machine"), QStringLiteral("architecture"),
        QStringLiteral("processor_count"), QStringLiteral("processor_cores"),
        QStringLiteral("processor_threads_per_core"), QStringLiteral("processor_vcpus"),
        QStringLiteral("processor_nproc"), QStringLiteral("memtotal_mb"), QStringLiteral("swaptotal_mb"),
        QStringLiteral("hostname"), QStringLiteral("nodename"), QStringLiteral("fqdn"), QStringLiteral("domain"),
        QStringLiteral("default_ipv4"), QStringLiteral("default_ipv6"), QStringLiteral("all_ipv4_addresses") };
    for (const QString& key : exact) {
        QVERIFY2(ours.contains(key), qPrintable(QStringLiteral("we gathered no %1").arg(key)));
        QVERIFY2(
            setup.contains(QStringLiteral("ansible_") + key), qPrintable(QStringLiteral("setup has no %1").arg(key)));
        QVERIFY2(ours.value(key) == theirs(key),
            qPrintable(
                QStringLiteral("%1: ours %2, Ansible's %3").arg(key, compact(ours.value(key)), compact(theirs(key)))));
    }
    // Equal as sets (Ansible's order is the kernel's directory order).
    for (const QString& key : { QStringLiteral("interfaces"), QStringLiteral("all_ipv6_addresses") }) {
        QCOMPARE(compact(sortedArray(ours.value(key))), compact(sortedArray(theirs(key))));
    }
    // date_time: the time zone's abbreviation and offset (the rest is the moment of gathering).
    for (const QString& key : { QStringLiteral("tz"), QStringLiteral("tz_offset") }) {
        QCOMPARE(ours.value(QStringLiteral("date_time")).toObject().value(key),
            theirs(QStringLiteral("date_time")).toObject().value(key));
    }
    // Every interface's own fact, for the keys we report (Ansible adds pciid, speed, features … from /sys).
    for (const QJsonValue& name : ours.value(QStringLiteral("interfaces")).toArray()) {
        const QJsonObject mine = ours.value(name.toString()).toObject();
        const QJsonObject setupOne = theirs(name.toString()).toObject();
        QVERIFY2(!setupOne.isEmpty(), qPrintable(name.toString()));
        QCOMPARE(compact(mine), compact(restricted(setupOne, mine)));
    }
    // Mounts: the same list; every key equal but size_available, which moves between the two readings (the other
    // tests write files meanwhile): within 1 % of the size.
    const QJsonArray mine = ours.value(QStringLiteral("mounts")).toArray();
    const QJsonArray setupMounts = theirs(QStringLiteral("mounts")).toArray();
    QCOMPARE(mine.size(), setupMounts.size());
    for (qsizetype i = 0; i < mine.size(); ++i) {
        QJsonObject a = mine.at(i).toObject();
        QJsonObject b = restricted(setupMounts.at(i).toObject(), a);
        const double total = double(b.value(QStringLiteral("size_total")).toInteger());
        const double drift = std::abs(double(a.value(QStringLiteral("size_available")).toInteger())
            - double(b.value(QStringLiteral("size_available")).toInteger()));
        QVERIFY2(drift <= total / 100, qPrintable(a.value(QStringLiteral("mount")).toString()));
        a.remove(QStringLiteral("size_available"));
        b.remove(QStringLiteral("size_available"));
        QCOMPARE(compact(a), compact(b));
    }
    // Cannot be equal, so bounded: uptime moves on between the two readings; free memory changes all the time.
    const qint64 uptimeDrift = std::abs(ours.value(QStringLiteral("uptime_seconds")).toInteger()
        - theirs(QStringLiteral("uptime_seconds")).toInteger());
    QVERIFY2(uptimeDrift <= 120, qPrintable(QString::number(uptimeDrift)));
    QVERIFY(
        ours.value(QStringLiteral("memfree_mb")).toInteger() <= ours.value(QStringLiteral("memtotal_mb")).toInteger());
    QVERIFY(ours.value(QStringLiteral("memfree_mb")).toInteger() > 0);

    // package_facts: the same packages with the same name, version, architecture and source ("apt").
    const QJsonObject packageFacts = runAnsible(QStringLiteral("package_facts"));
    const QJsonObject theirPackages = packageFacts.value(QStringLiteral("packages")).toObject();
    const QJsonObject ourPackages = ours.value(QStringLiteral("packages")).toObject();
    if (theirPackages.isEmpty()) {
        QSKIP("package_facts found no package manager it can read here (python3-apt missing?)");
    }
    QCOMPARE(ourPackages.keys(), theirPackages.keys());
    for (auto it = ourPackages.begin(); it != ourPackages.end(); ++it) {
        const QJsonArray a = it.value().toArray();
        const QJsonArray b = theirPackages.value(it.key()).toArray();
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            for (const QString& key : { QStringLiteral("name"), QStringLiteral("version"), QStringLiteral("arch"),
                     QStringLiteral("source") }) {
                QVERIFY2(a.at(i).toObject().value(key) == b.at(i).toObject().value(key),
                    qPrintable(QStringLiteral("%1 %2: ours %3, package_facts %4")
                                   .arg(it.key(), key, compact(a.at(i).toObject().value(key)),
                                       compact(b.at(i).toObject().value(key)))));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestFactsGather)
#include "tst_factsgather.moc"
