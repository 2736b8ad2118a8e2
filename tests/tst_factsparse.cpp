// The facts parser on the gather script's output for Debian 12, Ubuntu 22.04, Rocky 9 and Alpine 3.19
// (tests/data/facts, written from each system's documented command outputs) and one recorded here with BusyBox's
// applets, its errors (section and line), and the script itself run here by /bin/sh.
#include "facts/FactsParser.h"
#include "facts/GatherScript.h"
#include "scripts/DangerRules.h"
#include "scripts/ShellCheck.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(OPSDECK_FACTS_DATA_DIR "/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return f.readAll();
}

QJsonObject parsed(const QString& name)
{
    const QByteArray text = fixture(name);
    if (text.isEmpty()) {
        qWarning("missing fixture %s", qPrintable(name));
        return {};
    }
    auto facts = FactsParser::parse(text);
    if (!facts) {
        qWarning("%s", qPrintable(facts.errorString()));
        return {};
    }
    return *facts;
}

QJsonValue at(const QJsonObject& facts, const QString& path)
{
    QJsonValue v = facts;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        bool isIndex = false;
        const int index = part.toInt(&isIndex);
        v = isIndex ? v.toArray().at(index) : v.toObject().value(part);
    }
    return v;
}

QString json(const QJsonValue& v)
{
    if (v.isObject()) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    if (v.isArray()) {
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

} // namespace

class TestFactsParse : public QObject {
    Q_OBJECT
private slots:
    void systems_data();
    void systems();
    void debianDetails();
    void packagesAndServices();
    void serviceTimesAsText();
    void errorsNameSectionAndLine_data();
    void errorsNameSectionAndLine();
    void scriptRunsHere();
    void scriptIsPlainSh();
};

void TestFactsParse::systems_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // as compact JSON
    const auto row = [](const char* file, const char* path, const char* expected) {
        QTest::addRow("%s %s", file, path)
            << QString::fromLatin1(file) << QString::fromLatin1(path) << QString::fromUtf8(expected);
    };
    row("debian12.txt", "distribution", "\"Debian\"");
    row("debian12.txt", "distribution_version", "\"12.5\"");
    row("debian12.txt", "distribution_major_version", "\"12\"");
    row("debian12.txt", "distribution_release", "\"bookworm\"");
    row("debian12.txt", "os_family", "\"Debian\"");
    row("debian12.txt", "kernel", "\"6.1.0-18-amd64\"");
    row("debian12.txt", "architecture", "\"x86_64\"");
    row("debian12.txt", "processor_count", "1");
    row("debian12.txt", "processor_cores", "2");
    row("debian12.txt", "processor_threads_per_core", "2");
    row("debian12.txt", "processor_vcpus", "4");
    row("debian12.txt", "processor_nproc", "4");
    row("debian12.txt", "memtotal_mb", "7950");
    row("debian12.txt", "memfree_mb", "5114");
    row("debian12.txt", "swaptotal_mb", "976");
    row("debian12.txt", "hostname", "\"db-01\"");
    row("debian12.txt", "fqdn", "\"db-01.example.net\"");
    row("debian12.txt", "domain", "\"example.net\"");
    row("debian12.txt", "uptime_seconds", "351234");
    row("debian12.txt", "date_time", "{\"tz\":\"CET\",\"tz_offset\":\"+0100\"}");
    row("debian12.txt", "timezone", "\"Europe/Berlin\"");
    row("debian12.txt", "interfaces", "[\"ens3\",\"lo\"]");
    row("debian12.txt", "default_ipv4",
        "{\"address\":\"10.20.0.15\",\"alias\":\"ens3\",\"broadcast\":\"10.20.0.255\",\"gateway\":\"10.20.0.1\","
        "\"interface\":\"ens3\",\"macaddress\":\"52:54:00:12:34:56\",\"mtu\":1500,\"netmask\":\"255.255.255.0\","
        "\"network\":\"10.20.0.0\",\"prefix\":\"24\",\"type\":\"ether\"}");
    row("debian12.txt", "default_ipv6",
        "{\"address\":\"2001:db8:20::15\",\"gateway\":\"2001:db8:20::1\",\"interface\":\"ens3\","
        "\"macaddress\":\"52:54:00:12:34:56\",\"mtu\":1500,\"prefix\":\"64\",\"scope\":\"global\",\"type\":\"ether\"}");
    row("debian12.txt", "all_ipv4_addresses", "[\"10.20.0.15\",\"10.20.0.16\"]");
    row("debian12.txt", "ens3.ipv4_secondaries",
        "[{\"address\":\"10.20.0.16\",\"broadcast\":\"10.20.0.255\",\"netmask\":\"255.255.255.0\","
        "\"network\":\"10.20.0.0\",\"prefix\":\"24\"}]");

    row("ubuntu2204.txt", "distribution", "\"Ubuntu\"");
    row("ubuntu2204.txt", "distribution_version", "\"22.04\"");
    row("ubuntu2204.txt", "distribution_major_version", "\"22\"");
    row("ubuntu2204.txt", "distribution_release", "\"jammy\"");
    row("ubuntu2204.txt", "os_family", "\"Debian\"");
    row("ubuntu2204.txt", "processor_count", "2");
    row("ubuntu2204.txt", "processor_cores", "4");
    row("ubuntu2204.txt", "processor_threads_per_core", "1");
    row("ubuntu2204.txt", "processor_vcpus", "8");
    row("ubuntu2204.txt", "memtotal_mb", "15982");
    row("ubuntu2204.txt", "fqdn", "\"web-07\"");
    row("ubuntu2204.txt", "domain", "\"\"");
    row("ubuntu2204.txt", "interfaces", "[\"docker0\",\"enp1s0\",\"lo\",\"veth1a2b3c\"]");
    row("ubuntu2204.txt", "docker0.active", "false");
    row("ubuntu2204.txt", "enp1s0.ipv4",
        "{\"address\":\"192.168.10.42\",\"broadcast\":\"192.168.11.255\",\"netmask\":\"255.255.254.0\","
        "\"network\":\"192.168.10.0\",\"prefix\":\"23\"}");
    row("ubuntu2204.txt", "default_ipv4.alias", "\"enp1s0\"");
    row("ubuntu2204.txt", "default_ipv4.gateway", "\"192.168.10.1\"");
    row("ubuntu2204.txt", "default_ipv6", "{}");
    row("ubuntu2204.txt", "mounts.3",
        "{\"device\":\"nfs.example.net:/export/home\",\"fstype\":\"nfs4\",\"mount\":\"/home\","
        "\"options\":\"rw,relatime,vers=4.2,rsize=1048576,wsize=1048576,hard,proto=tcp\","
        "\"size_available\":436207616000,\"size_total\":536870912000}");

    row("rocky9.txt", "distribution", "\"Rocky\"");
    row("rocky9.txt", "distribution_version", "\"9.3\"");
    row("rocky9.txt", "distribution_major_version", "\"9\"");
    row("rocky9.txt", "distribution_release", "\"Blue Onyx\"");
    row("rocky9.txt", "os_family", "\"RedHat\"");
    row("rocky9.txt", "kernel", "\"5.14.0-362.8.1.el9_3.x86_64\"");
    row("rocky9.txt", "processor_count", "2");
    row("rocky9.txt", "processor_cores", "1");
    row("rocky9.txt", "processor_vcpus", "2");
    row("rocky9.txt", "hostname", "\"app-3\"");
    row("rocky9.txt", "nodename", "\"app-3.lab.example.org\"");
    row("rocky9.txt", "fqdn", "\"app-3.lab.example.org\"");
    row("rocky9.txt", "eth0.macaddress", "\"bc:24:11:8a:2b:01\"");
    row("rocky9.txt", "eth0.mtu", "9000");
    row("rocky9.txt", "default_ipv4.address", "\"10.0.5.21\"");
    row("rocky9.txt", "default_ipv6.address", "\"fd12:3456:789a::21\"");
    row("rocky9.txt", "date_time.tz", "\"EST\"");

    row("alpine319.txt", "distribution", "\"Alpine\"");
    row("alpine319.txt", "distribution_version", "\"3.19.1\"");
    row("alpine319.txt", "distribution_major_version", "\"3\"");
    row("alpine319.txt", "distribution_release", "\"NA\"");
    row("alpine319.txt", "os_family", "\"Alpine\"");
    row("alpine319.txt", "architecture", "\"aarch64\"");
    row("alpine319.txt", "processor_count", "4");
    row("alpine319.txt", "processor_cores", "1");
    row("alpine319.txt", "processor_vcpus", "4");
    row("alpine319.txt", "memtotal_mb", "980");
    row("alpine319.txt", "fqdn", "\"edge-2.example.com\"");
    row("alpine319.txt", "mounts",
        "[{\"device\":\"/dev/vda3\",\"fstype\":\"ext4\",\"mount\":\"/\",\"options\":\"rw,relatime\","
        "\"size_available\":6517301248,\"size_total\":7321993216},{\"device\":\"/dev/vda1\",\"fstype\":\"ext4\","
        "\"mount\":\"/boot\",\"options\":\"rw,relatime\",\"size_available\":241003520,\"size_total\":288246784}]");
    row("alpine319.txt", "default_ipv4.address", "\"192.168.122.57\"");
    row("alpine319.txt", "default_ipv4.gateway", "\"192.168.122.1\"");
    row("alpine319.txt", "uptime_seconds", "600");

    // Recorded here with BusyBox 1.35's applets first on PATH (its ip prints no operstate, its df other spacing).
    row("busybox135-debian12.txt", "ifb0.active", "false");
    row("busybox135-debian12.txt", "eth0.active", "true");
    row("busybox135-debian12.txt", "lo.active", "true");
    row("busybox135-debian12.txt", "eth0.mtu", "1400");
    row("busybox135-debian12.txt", "default_ipv4.gateway", "\"192.0.2.1\"");
    row("busybox135-debian12.txt", "default_ipv6.address", "\"fd00::2\"");
    row("busybox135-debian12.txt", "default_ipv6.scope", "\"global\"");
    row("busybox135-debian12.txt", "mounts.0.size_total", "270553174016");
    row("busybox135-debian12.txt", "processor_vcpus", "2");
    row("busybox135-debian12.txt", "packages.dash.0.version", "\"0.5.12-2\"");
}

void TestFactsParse::systems()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const QJsonObject facts = parsed(file);
    QVERIFY(!facts.isEmpty());
    QCOMPARE(json(at(facts, path)), expected);
}

void TestFactsParse::debianDetails()
{
    const QJsonObject facts = parsed(QStringLiteral("debian12.txt"));
    QVERIFY(!facts.isEmpty());
    // Mounts of block devices only, /proc/mounts' \040 decoded and matched with df's row of the same mount point.
    const QJsonArray mounts = facts.value(QStringLiteral("mounts")).toArray();
    QCOMPARE(mounts.size(), 3);
    QCOMPARE(mounts.at(1).toObject().value(QStringLiteral("mount")).toString(), QStringLiteral("/srv/data files"));
    QCOMPARE(mounts.at(1).toObject().value(QStringLiteral("size_total")).toInteger(), 104805380LL * 1024);
    QCOMPARE(mounts.at(0).toObject().value(QStringLiteral("size_available")).toInteger(), 24471756LL * 1024);
    // The secondary address and the interface's own fact.
    QCOMPARE(json(at(facts, QStringLiteral("ens3.ipv4_secondaries.0.address"))), QStringLiteral("\"10.20.0.16\""));
    QCOMPARE(json(at(facts, QStringLiteral("ens3.ipv6.1"))),
        QStringLiteral("{\"address\":\"fe80::5054:ff:fe12:3456\",\"prefix\":\"64\",\"scope\":\"link\"}"));
    QCOMPARE(json(at(facts, QStringLiteral("lo"))),
        QStringLiteral("{\"active\":true,\"device\":\"lo\",\"ipv4\":{\"address\":\"127.0.0.1\",\"broadcast\":\"\","
                       "\"netmask\":\"255.0.0.0\",\"network\":\"127.0.0.0\",\"prefix\":\"8\"},\"ipv6\":[{\"address\":"
                       "\"::1\",\"prefix\":\"128\",\"scope\":\"host\"}],\"mtu\":65536,\"promisc\":false,"
                       "\"type\":\"loopback\"}"));

    // A default route whose source is a secondary address: default_ipv4 is that address, with its label.
    QByteArray text = fixture(QStringLiteral("debian12.txt"));
    text.replace("dev ens3 src 10.20.0.15 uid 0", "dev ens3 src 10.20.0.16 uid 0");
    auto secondary = FactsParser::parse(text);
    QVERIFY(secondary);
    QCOMPARE(json(at(*secondary, QStringLiteral("default_ipv4.address"))), QStringLiteral("\"10.20.0.16\""));
    QCOMPARE(json(at(*secondary, QStringLiteral("default_ipv4.alias"))), QStringLiteral("\"ens3:1\""));

    // Lines a login shell's rc files print before the script are skipped; errors still count the whole output.
    QByteArray banner = "Welcome to db-01!\n\n" + fixture(QStringLiteral("debian12.txt"));
    QCOMPARE(FactsParser::parse(banner)->value(QStringLiteral("hostname")).toString(), QStringLiteral("db-01"));
    banner.replace("MemTotal:        8141436 kB", "MemTotal: x kB");
    QVERIFY(FactsParser::parse(banner).errorString().startsWith(QLatin1String("facts output:47: section 'meminfo'")));

    // fqdn: no answer to the reverse lookup gives the node name (as Python's getfqdn); without getent, hostname -f.
    QByteArray unanswered = fixture(QStringLiteral("debian12.txt"));
    unanswered.replace("10.20.0.15      db-01.example.net db-01\n", "");
    QCOMPARE(FactsParser::parse(unanswered)->value(QStringLiteral("fqdn")).toString(), QStringLiteral("db-01"));
    QByteArray noGetent = fixture(QStringLiteral("debian12.txt"));
    noGetent.replace("10.20.0.15      db-01.example.net db-01\n", "no-getent\n");
    QCOMPARE(
        FactsParser::parse(noGetent)->value(QStringLiteral("fqdn")).toString(), QStringLiteral("db-01.example.net"));
}

void TestFactsParse::packagesAndServices()
{
    const QJsonObject debian = parsed(QStringLiteral("debian12.txt"));
    const QJsonObject packages = debian.value(QStringLiteral("packages")).toObject();
    // Installed ones only ("rc" is removed with its configuration kept; "hi" is installed and held).
    QVERIFY(!packages.contains(QStringLiteral("apache2")));
    QVERIFY(packages.contains(QStringLiteral("postgresql-15")));
    QCOMPARE(json(packages.value(QStringLiteral("openssh-server"))),
        QStringLiteral("[{\"arch\":\"amd64\",\"category\":\"net\",\"name\":\"openssh-server\",\"source\":\"apt\","
                       "\"version\":\"1:9.2p1-2+deb12u2\"}]"));
    QCOMPARE(packages.value(QStringLiteral("libc6")).toArray().size(), 2); // amd64 and i386
    const QJsonObject services = debian.value(QStringLiteral("services")).toObject();
    // Since when each unit is in its state: systemctl show's StateChangeTimestamp (--timestamp=unix), OpsDeck's own
    // key beside service_facts' names.
    QCOMPARE(json(services.value(QStringLiteral("ssh.service"))),
        QStringLiteral("{\"name\":\"ssh.service\",\"opsdeck_since\":\"2024-03-06T08:00:05Z\",\"source\":\"systemd\","
                       "\"state\":\"running\",\"status\":\"enabled\"}"));
    QCOMPARE(json(services.value(QStringLiteral("nginx.service"))),
        QStringLiteral("{\"name\":\"nginx.service\",\"opsdeck_since\":\"2024-03-07T22:15:03Z\",\"source\":\"systemd\","
                       "\"state\":\"stopped\",\"status\":\"failed\"}"));
    // Never in another state (not-found: an empty timestamp) and never loaded (a unit file only): no time.
    QVERIFY(!services.value(QStringLiteral("apparmor.service")).toObject().contains(QStringLiteral("opsdeck_since")));
    QVERIFY(!services.value(QStringLiteral("rsync.service")).toObject().contains(QStringLiteral("opsdeck_since")));
    QCOMPARE(services.value(QStringLiteral("apparmor.service")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("not-found"));
    QCOMPARE(json(services.value(QStringLiteral("rsync.service"))),
        QStringLiteral(
            "{\"name\":\"rsync.service\",\"source\":\"systemd\",\"state\":\"inactive\",\"status\":\"disabled\"}"));
    QCOMPARE(services.value(QStringLiteral("networking.service")).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("stopped")); // active (exited) is not running
    QCOMPARE(services.value(QStringLiteral("postgresql@15-main.service"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("inactive"));

    const QJsonObject rocky = parsed(QStringLiteral("rocky9.txt"));
    const QJsonObject rpms = rocky.value(QStringLiteral("packages")).toObject();
    QCOMPARE(json(rpms.value(QStringLiteral("openssl"))),
        QStringLiteral(
            "[{\"arch\":\"x86_64\",\"epoch\":1,\"name\":\"openssl\",\"release\":\"24.el9\",\"source\":\"rpm\","
            "\"version\":\"3.0.7\"}]"));
    QCOMPARE(rpms.value(QStringLiteral("kernel")).toArray().size(), 2);
    QVERIFY(rpms.value(QStringLiteral("bash")).toArray().at(0).toObject().value(QStringLiteral("epoch")).isNull());
    QCOMPARE(rocky.value(QStringLiteral("services"))
                 .toObject()
                 .value(QStringLiteral("firewalld.service"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("disabled"));

    const QJsonObject ubuntu = parsed(QStringLiteral("ubuntu2204.txt"));
    QCOMPARE(ubuntu.value(QStringLiteral("services"))
                 .toObject()
                 .value(QStringLiteral("snapd.service"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("masked"));

    const QJsonObject alpine = parsed(QStringLiteral("alpine319.txt"));
    const QJsonObject apks = alpine.value(QStringLiteral("packages")).toObject();
    QCOMPARE(json(apks.value(QStringLiteral("musl"))),
        QStringLiteral(
            "[{\"name\":\"musl\",\"release\":\"r4\",\"source\":\"apk\",\"version\":\"1.2.4_git20230717\"}]"));
    QCOMPARE(json(apks.value(QStringLiteral("openssh-server"))),
        QStringLiteral("[{\"name\":\"openssh-server\",\"release\":\"r0\",\"source\":\"apk\",\"version\":\"9.6_p1\"}]"));
    QVERIFY(!alpine.contains(QStringLiteral("services"))); // no systemd (OpenRC): no services section at all
    QCOMPARE(rocky.value(QStringLiteral("services"))
                 .toObject()
                 .value(QStringLiteral("firewalld.service"))
                 .toObject()
                 .value(QStringLiteral("opsdeck_since"))
                 .toString(),
        QStringLiteral("2024-03-08T08:30:00Z"));
    QCOMPARE(ubuntu.value(QStringLiteral("services"))
                 .toObject()
                 .value(QStringLiteral("docker.service"))
                 .toObject()
                 .value(QStringLiteral("opsdeck_since"))
                 .toString(),
        QStringLiteral("2024-03-08T11:40:00Z"));
}

// systemd before 248 has no --timestamp=unix: the script falls back to systemctl's text in the host's zone, read
// with the host's own offset (date +%z) when the zone is the host's abbreviation or UTC; another zone: no time.
void TestFactsParse::serviceTimesAsText()
{
    QByteArray text = fixture(QStringLiteral("debian12.txt")); // abbrev=CET offset=+0100
    text.replace("StateChangeTimestamp=@1709712005", "StateChangeTimestamp=Wed 2024-03-06 09:00:05 CET");
    text.replace("StateChangeTimestamp=@1709849703", "StateChangeTimestamp=Thu 2024-03-07 22:15:03 UTC");
    text.replace("StateChangeTimestamp=@1709544400", "StateChangeTimestamp=Mon 2024-03-04 10:26:40 CEST");
    auto facts = FactsParser::parse(text);
    QVERIFY2(facts, qPrintable(facts ? QString() : facts.errorString()));
    const QJsonObject services = facts->value(QStringLiteral("services")).toObject();
    const auto since = [&](const char* unit) {
        return services.value(QLatin1String(unit)).toObject().value(QStringLiteral("opsdeck_since")).toString();
    };
    QCOMPARE(since("ssh.service"), QStringLiteral("2024-03-06T08:00:05Z"));
    QCOMPARE(since("nginx.service"), QStringLiteral("2024-03-07T22:15:03Z"));
    QCOMPARE(since("cron.service"), QString()); // CEST is not the host's zone now: cannot be placed
    QCOMPARE(since("postgresql@15-main.service"), QStringLiteral("2024-03-05T17:42:10Z"));
    text.replace("Wed 2024-03-06 09:00:05 CET", "Wed 2024-03-06 25:00:05 CET");
    auto bad = FactsParser::parse(text);
    QVERIFY(!bad);
    QVERIFY2(bad.errorString().contains(QLatin1String("section 'services-show-systemd': not a time")),
        qPrintable(bad.errorString()));
}

void TestFactsParse::errorsNameSectionAndLine_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("meminfo number") << QByteArray("MemTotal:        8141436 kB")
                                    << QByteArray("MemTotal:        lots kB")
                                    << QStringLiteral("facts output:45: section 'meminfo': not a number of kB");
    QTest::newRow("df row") << QByteArray("/dev/sda1         30787492 4726552  24471756      17% /")
                            << QByteArray("/dev/sda1 thirty")
                            << QStringLiteral("facts output:66: section 'df': not a line of df -P -k");
    QTest::newRow("os-release") << QByteArray("ID=debian") << QByteArray("ID debian")
                                << QStringLiteral("facts output:8: section 'os-release': not KEY=VALUE: 'ID debian'");
    QTest::newRow("ip addr") << QByteArray("2: ens3    inet 10.20.0.15/24") << QByteArray("2: ens3    inet 10.20.0.15")
                             << QStringLiteral("facts output:72: section 'ip-addr': the address has no /PREFIX");
    QTest::newRow("cut off") << QByteArray("@@opsdeck-facts@@ end\n") << QByteArray()
                             << QStringLiteral("facts output:159: the output stops before its last section ('end')");
    QTest::newRow("not ours") << QByteArray("@@opsdeck-facts@@ format-1") << QByteArray("bash: sh: not found")
                              << QStringLiteral("facts output:1: not the output of OpsDeck's facts script");
    QTest::newRow("service line") << QByteArray(
        "ssh.service               loaded    active   running OpenBSD Secure Shell server")
                                  << QByteArray("ssh.service               loaded")
                                  << QStringLiteral("facts output:113: section 'services-systemd': not UNIT LOAD");
    QTest::newRow("service since") << QByteArray("StateChangeTimestamp=@1709849703")
                                   << QByteArray("StateChangeTimestamp=@yesterday")
                                   << QStringLiteral("facts output:148: section 'services-show-systemd': not seconds "
                                                     "since the epoch: 'StateChangeTimestamp=@yesterday'");
    QTest::newRow("service show line") << QByteArray("SubState=exited") << QByteArray("SubState exited")
                                       << QStringLiteral("facts output:142: section 'services-show-systemd': not "
                                                         "PROPERTY=VALUE");
}

void TestFactsParse::errorsNameSectionAndLine()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, expected);
    QByteArray text = fixture(QStringLiteral("debian12.txt"));
    QVERIFY(text.contains(from));
    text.replace(from, to);
    auto facts = FactsParser::parse(text);
    QVERIFY(!facts);
    QVERIFY2(facts.errorString().startsWith(expected), qPrintable(facts.errorString()));
}

// The script as a host runs it: fed to /bin/sh on standard input, read here without an error; what it says of
// this machine agrees with the files it read.
void TestFactsParse::scriptRunsHere()
{
    QProcess sh;
    sh.start(GatherScript::interpreter(), QStringList {});
    QVERIFY(sh.waitForStarted());
    sh.write(GatherScript::text().toUtf8());
    sh.closeWriteChannel();
    QVERIFY(sh.waitForFinished(60000));
    QCOMPARE(sh.exitCode(), 0);
    auto facts = FactsParser::parse(sh.readAllStandardOutput());
    QVERIFY2(facts, qPrintable(facts.errorString()));
    QVERIFY(facts->value(QStringLiteral("memtotal_mb")).toInt() > 0);
    QVERIFY(facts->value(QStringLiteral("processor_vcpus")).toInt() > 0);
    QVERIFY(!facts->value(QStringLiteral("kernel")).toString().isEmpty());
    QVERIFY(facts->value(QStringLiteral("interfaces")).toArray().contains(QStringLiteral("lo")));
    QFile os(QStringLiteral("/etc/os-release"));
    if (os.open(QIODevice::ReadOnly) && os.readAll().contains("ID=debian")) {
        QCOMPARE(facts->value(QStringLiteral("distribution")).toString(), QStringLiteral("Debian"));
        QVERIFY(!facts->value(QStringLiteral("packages")).toObject().isEmpty());
    }
}

// No danger rule matches the script (a server's gate would refuse a gathering otherwise) and, where ShellCheck is
// installed, it has nothing to say of it as POSIX sh.
void TestFactsParse::scriptIsPlainSh()
{
    QVERIFY(DangerRules::check(GatherScript::text(), ScriptLanguage::Sh, DangerRules::defaults()).isEmpty());
    if (!ShellCheck::available()) {
        QSKIP("shellcheck is not installed");
    }
    auto findings = ShellCheck::run(GatherScript::text(), ScriptLanguage::Sh);
    QVERIFY2(findings, qPrintable(findings.errorString()));
    QVERIFY2(findings->isEmpty(), qPrintable(findings->isEmpty() ? QString() : findings->first().message));
}

QTEST_GUILESS_MAIN(TestFactsParse)
#include "tst_factsparse.moc"
