// `opsdeck-cli run`, `push` and `push-template` end to end: the real binary against real sshd processes on loopback
// (tests/SshdFixture.h), each port a "host" of a workspace made by `inventory import` of a generated INI file.
#include "CliRunner.h"
#include "SshdInventory.h"
#include "inventory/ansible/VaultCipher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/stat.h>

class TestCliRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void runEcho();
    void runFailing();
    void runJson();
    void proxyJumpAndSshConfig();
    void unknownHostKeys();
    void dangerGate();
    void push();
    void pushTemplate();
    void usageAndTargetErrors();
    void ctrlCCancels();
    void killedConsoleShowsInterrupted();

private:
    QStringList ws() const { return { QStringLiteral("--workspace"), m_ws }; }
    QStringList known() const { return { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath() }; }
    QString writeFile(const QString& name, const QByteArray& content) const;
    int jobCount() const;

    std::unique_ptr<SshdFixture> m_sshd;
    QTemporaryDir m_dir;
    QString m_ws;
    bool m_skip = false;
};

static constexpr int kHosts = 6;

QString TestCliRun::writeFile(const QString& name, const QByteArray& content) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return {};
    }
    f.write(content);
    return path;
}

int TestCliRun::jobCount() const
{
    const CliRun r = runCli(ws() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") });
    if (r.code != 0) {
        return -1;
    }
    return int(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size());
}

void TestCliRun::initTestCase()
{
    if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
        m_skip = true;
        QSKIP(qPrintable(why));
    }
    QVERIFY(m_dir.isValid());
    m_sshd = std::make_unique<SshdFixture>();
    QString error;
    QVERIFY2(m_sshd->start(kHosts, &error), qPrintable(error));
    const QByteArray ini = "[web]\n" + sshdInventoryIni(*m_sshd, kHosts, QStringLiteral("lb"));
    const QString iniPath = writeFile(QStringLiteral("hosts.ini"), ini);
    m_ws = m_dir.filePath(QStringLiteral("ws.opsdeck"));
    const CliRun r = runCli(ws() + QStringList { QStringLiteral("inventory"), QStringLiteral("import"), iniPath });
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

void TestCliRun::cleanupTestCase()
{
    if (m_sshd) {
        m_sshd->stop();
    }
}

void TestCliRun::runEcho()
{
    // One handshake at a time (--handshakes 1): every host still runs, the others wait queued.
    const CliRun r = runCli(ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-"),
            QStringLiteral("--handshakes"), QStringLiteral("1") }
        + known() + QStringList { QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("hi") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    QStringList expected;
    for (int i = 0; i < kHosts; ++i) {
        expected << QStringLiteral("lb-%1: hi").arg(i + 1, 2, 10, QLatin1Char('0'));
    }
    QCOMPARE(lines, expected);
    QVERIFY2(r.err.contains(QLatin1String("6 hosts: 6 success")), qPrintable(r.err));

    // A script file with repeated --param: $1, $2, $3 in the order given.
    const QString script = writeFile(QStringLiteral("args.sh"), "echo \"$1|$2|$3\"\n");
    const CliRun p = runCli(ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-01"),
            QStringLiteral("--script"), script, QStringLiteral("--param"), QStringLiteral("first"),
            QStringLiteral("--param=second one"), QStringLiteral("--param"), QStringLiteral("third") }
        + known());
    QVERIFY2(p.code == 0, qPrintable(p.err));
    QCOMPARE(p.out, QStringLiteral("lb-01: first|second one|third\n"));

    // Job variables reach the script as its environment: a file, and --var over it.
    const QString vars = writeFile(QStringLiteral("job.yml"), "release: 2.4.1\nTIER: web\n");
    const CliRun e = runCli(ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-02"),
            QStringLiteral("--job-vars"), vars, QStringLiteral("--var"), QStringLiteral("TIER=db") }
        + known() + QStringList { QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("\"$release/$TIER\"") });
    QVERIFY2(e.code == 0, qPrintable(e.err));
    QCOMPARE(e.out, QStringLiteral("lb-02: 2.4.1/db\n"));
}

// A host behind a jump host that is an inventory host (ansible_ssh_common_args=-oProxyJump=…), whose ansible_host
// is an alias that --ssh-config resolves; and a host behind a jump host that is down.
void TestCliRun::proxyJumpAndSshConfig()
{
    const QString config = writeFile(QStringLiteral("ssh_config"),
        QStringLiteral("Host far-alias\n  HostName 127.0.0.1\n  Port %1\n  User root\n  IdentityFile %2\n")
            .arg(m_sshd->ports().at(1))
            .arg(m_sshd->clientKeyPath())
            .toUtf8());
    const int closed = SshdFixture::closedPort();
    const QString ini = writeFile(QStringLiteral("jump.ini"),
        QStringLiteral(
            "gw ansible_host=127.0.0.1 ansible_port=%1 ansible_user=root ansible_ssh_private_key_file=%2\n"
            "far ansible_host=far-alias ansible_ssh_common_args=-oProxyJump=gw\n"
            "cut ansible_host=127.0.0.1 ansible_port=%3 ansible_ssh_common_args=-oProxyJump=root@127.0.0.1:%4\n")
            .arg(m_sshd->ports().at(0))
            .arg(m_sshd->clientKeyPath())
            .arg(m_sshd->ports().at(2))
            .arg(closed)
            .toUtf8());
    const QStringList jumpWs { QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("jump.opsdeck")) };
    CliRun r = runCli(jumpWs + QStringList { QStringLiteral("inventory"), QStringLiteral("import"), ini });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList sshConfig { QStringLiteral("--ssh-config"), config };
    r = runCli(jumpWs + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("far") }
        + known() + sshConfig
        + QStringList { QStringLiteral("--"), QStringLiteral("set -- $SSH_CONNECTION; echo port=$4") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("far: port=%1\n").arg(m_sshd->ports().at(1)));
    r = runCli(jumpWs + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("cut") }
        + known() + sshConfig + QStringList { QStringLiteral("--"), QStringLiteral("true") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("jump host 127.0.0.1:%1: ").arg(closed)), qPrintable(r.err));
}

void TestCliRun::runFailing()
{
    const CliRun r
        = runCli(ws() + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-") }
            + known() + QStringList { QStringLiteral("--"), QStringLiteral("echo oops >&2; exit 3") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("6 hosts: 6 failed")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("lb-01: oops")), qPrintable(r.err)); // stderr lines, prefixed
    QVERIFY2(r.err.contains(QLatin1String("lb-04: failed (exit 3)")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCliRun::runJson()
{
    const CliRun r = runCli(ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-"),
            QStringLiteral("--json") }
        + known() + QStringList { QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("hi") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > kHosts * 2);
    qint64 seq = 0;
    int outputs = 0;
    QString last;
    for (const QString& line : lines) {
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &e);
        QVERIFY2(e.error == QJsonParseError::NoError && doc.isObject(), qPrintable(line));
        const QJsonObject o = doc.object();
        QCOMPARE(o.value(QStringLiteral("seq")).toInteger(), seq + 1);
        seq = o.value(QStringLiteral("seq")).toInteger();
        last = o.value(QStringLiteral("type")).toString();
        outputs += last == QLatin1String("host.output") ? 1 : 0;
    }
    QVERIFY(outputs >= kHosts);
    QCOMPARE(last, QStringLiteral("job.finished"));
}

void TestCliRun::unknownHostKeys()
{
    const QString empty = m_dir.filePath(QStringLiteral("known_hosts_empty"));
    QVERIFY(m_sshd->writeKnownHosts(empty, {}, false));
    const QStringList base = ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-"),
              QStringLiteral("--known-hosts"), empty };
    const QStringList cmd { QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("hi") };
    CliRun r = runCli(base + cmd);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("6 hosts: 6 host-key-rejected")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(QFileInfo(empty).size(), 0);

    r = runCli(base + QStringList { QStringLiteral("--accept-new-host-keys") } + cmd);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out.count(QLatin1String(": hi\n")), kHosts);
    QFile f(empty);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray entries = f.readAll();
    for (int port : m_sshd->ports()) {
        QVERIFY2(entries.contains(QStringLiteral("[127.0.0.1]:%1").arg(port).toUtf8()), entries.constData());
    }
}

void TestCliRun::dangerGate()
{
    const QString script
        = writeFile(QStringLiteral("wipe.sh"), "#!/bin/bash\nif false; then mkfs.ext4 /dev/sdz; fi\necho ok\n");
    const int before = jobCount();
    QVERIFY(before >= 0);
    const QStringList base = ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-"),
              QStringLiteral("--script"), script }
        + known();
    CliRun r = runCli(base);
    QCOMPARE(r.code, 1);
    QVERIFY2(
        r.err.contains(QRegularExpression(QRegularExpression::escape(script) + QStringLiteral(":2:\\d+: block: "))),
        qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("--acknowledge-danger")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(jobCount(), before); // nothing ran

    r = runCli(base + QStringList { QStringLiteral("--acknowledge-danger") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out.count(QLatin1String(": ok\n")), kHosts);
    QCOMPARE(jobCount(), before + 1);
}

void TestCliRun::push()
{
    QTemporaryDir remote;
    const QString src = writeFile(QStringLiteral("motd"), "hello from opsdeck\n");
    const QString dest = remote.filePath(QStringLiteral("motd"));
    const QStringList args = ws()
        + QStringList { QStringLiteral("push"), src, dest, QStringLiteral("--hosts"), QStringLiteral("lb-"),
              QStringLiteral("--mode"), QStringLiteral("0640") }
        + known();
    CliRun r = runCli(args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // All hosts are this machine: the first to finish writes, later ones may already find it there.
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), kHosts);
    for (const QString& line : lines) {
        QVERIFY2(line.contains(QRegularExpression(QStringLiteral("^lb-0\\d: (written \\(19 bytes\\)|unchanged)"))),
            qPrintable(line));
    }
    QVERIFY(r.err.contains(QLatin1String("6 hosts: 6 success")));
    QFile f(dest);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("hello from opsdeck\n"));
    struct stat st { };
    QCOMPARE(::stat(QFile::encodeName(dest).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0640);

    r = runCli(args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QStringList again = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    again.sort();
    QStringList expected;
    for (int i = 0; i < kHosts; ++i) {
        expected << QStringLiteral("lb-%1: unchanged").arg(i + 1, 2, 10, QLatin1Char('0'));
    }
    QCOMPARE(again, expected);

    // A missing SRC is refused with its path; nothing runs.
    r = runCli(ws()
        + QStringList { QStringLiteral("push"), m_dir.filePath(QStringLiteral("nope.txt")), dest,
            QStringLiteral("--hosts"), QStringLiteral("lb-") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(m_dir.filePath(QStringLiteral("nope.txt"))), qPrintable(r.err));
    // A bad mode is a usage error.
    r = runCli(ws()
        + QStringList { QStringLiteral("push"), src, dest, QStringLiteral("--hosts"), QStringLiteral("lb-"),
            QStringLiteral("--mode"), QStringLiteral("rw-") });
    QCOMPARE(r.code, 2);
}

void TestCliRun::pushTemplate()
{
    QTemporaryDir remote;
    const QString tpl = writeFile(QStringLiteral("who.j2"), "host={{ inventory_hostname }} port={{ ansible_port }}\n");
    const QString dest = remote.filePath(QStringLiteral("who.conf"));
    CliRun r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), tpl, QStringLiteral("--dest"), dest, QStringLiteral("--hosts"),
            QStringLiteral("lb-03") }
        + known());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.startsWith(QLatin1String("lb-03: written")), qPrintable(r.out));
    QFile f(dest);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QStringLiteral("host=lb-03 port=%1\n").arg(m_sshd->ports().at(2)).toUtf8());
    f.close();

    // Job variables are the top layer: over the host's own ansible_port here.
    r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), tpl, QStringLiteral("--dest"), dest, QStringLiteral("--hosts"),
            QStringLiteral("lb-03"), QStringLiteral("--var"), QStringLiteral("ansible_port=2222") }
        + known());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("host=lb-03 port=2222\n"));
    f.close();
    // Broken job variables: nothing is pushed, the file and place are named.
    const QString badVars = writeFile(QStringLiteral("badjob.yml"), "a: [1,\n");
    r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), tpl, QStringLiteral("--dest"), dest, QStringLiteral("--hosts"),
            QStringLiteral("lb-03"), QStringLiteral("--job-vars"), badVars }
        + known());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(badVars + QStringLiteral(":")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());

    // A syntax error is reported once, with its place.
    const QString bad = writeFile(QStringLiteral("bad.j2"), "ok\n{{ x \n");
    r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), bad, QStringLiteral("--dest"), dest, QStringLiteral("--hosts"),
            QStringLiteral("lb-03") }
        + known());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(bad + QStringLiteral(":2:")), qPrintable(r.err));

    // A template of the library by name: its destination and mode are the defaults.
    const QString storedDest = remote.filePath(QStringLiteral("motd"));
    const QString motd = writeFile(QStringLiteral("motd.j2"), "welcome to {{ inventory_hostname }}\n");
    r = runCli(ws()
        + QStringList { QStringLiteral("template"), QStringLiteral("add"), motd, QStringLiteral("--dest"), storedDest,
            QStringLiteral("--mode"), QStringLiteral("0600") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), QStringLiteral("motd"), QStringLiteral("--hosts"),
            QStringLiteral("lb-03") }
        + known());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.startsWith(QLatin1String("lb-03: written")), qPrintable(r.out));
    QFile m(storedDest);
    QVERIFY(m.open(QIODevice::ReadOnly));
    QCOMPARE(m.readAll(), QByteArray("welcome to lb-03\n"));
    QCOMPARE(int(QFileInfo(storedDest).permissions() & (QFile::ReadOther | QFile::ReadGroup)), 0);
    // The same again: unchanged (checksum skip).
    r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), QStringLiteral("motd"), QStringLiteral("--hosts"),
            QStringLiteral("lb-03") }
        + known());
    QVERIFY2(r.code == 0 && r.out.startsWith(QLatin1String("lb-03: unchanged")), qPrintable(r.out + r.err));
    // A `!vault` value of the host: never pushed as ciphertext; decrypted with --vault-password-file.
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("vaulted/host_vars"))));
    writeFile(QStringLiteral("vaulted/hosts"), "[web]\nlb-03\n");
    QByteArray indented;
    for (const QByteArray& line :
        AnsibleVault::encrypt("s3cret", { QStringLiteral("default"), "vault pw" }).split('\n')) {
        indented += "  " + line + '\n';
    }
    writeFile(QStringLiteral("vaulted/host_vars/lb-03.yml"), "db_password: !vault |\n" + indented);
    const QString vaultPass = writeFile(QStringLiteral("vault-pass"), "vault pw\n");
    r = runCli(ws()
        + QStringList {
            QStringLiteral("inventory"), QStringLiteral("import"), m_dir.filePath(QStringLiteral("vaulted")) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString secretTpl = writeFile(QStringLiteral("db.j2"), "password={{ db_password }}\n");
    const QString secretDest = remote.filePath(QStringLiteral("db.conf"));
    r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), secretTpl, QStringLiteral("--dest"), secretDest,
            QStringLiteral("--hosts"), QStringLiteral("lb-03") }
        + known());
    QCOMPARE(r.code, 1);
    QVERIFY2(QString(r.out + r.err).contains(QLatin1String("encrypted with Ansible Vault")), qPrintable(r.out + r.err));
    QVERIFY(!QFile::exists(secretDest));
    r = runCli(ws()
        + QStringList { QStringLiteral("--vault-password-file"), vaultPass, QStringLiteral("push-template"), secretTpl,
            QStringLiteral("--dest"), secretDest, QStringLiteral("--hosts"), QStringLiteral("lb-03") }
        + known());
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    QFile secretFile(secretDest);
    QVERIFY(secretFile.open(QIODevice::ReadOnly));
    QCOMPARE(secretFile.readAll(), QByteArray("password=s3cret\n"));

    // Neither a stored template nor a file.
    r = runCli(ws()
        + QStringList { QStringLiteral("push-template"), QStringLiteral("nosuch"), QStringLiteral("--hosts"),
            QStringLiteral("lb-03") }
        + known());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("no template named 'nosuch'")), qPrintable(r.err));
}

void TestCliRun::usageAndTargetErrors()
{
    const QStringList cmd { QStringLiteral("--"), QStringLiteral("true") };
    CliRun r = runCli(
        ws() + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("nosuchhost") } + cmd);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("no host matches 'nosuchhost'")), qPrintable(r.err));

    r = runCli(ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-"),
            QStringLiteral("--batch"), QStringLiteral("banana") }
        + cmd);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QLatin1String("plan:1:1: ")), qPrintable(r.err));

    r = runCli(ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-"),
            QStringLiteral("--pause"), QStringLiteral("manual") }
        + cmd);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QLatin1String("--pause manual")), qPrintable(r.err));

    r = runCli(ws()
        + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-"),
            QStringLiteral("--handshakes"), QStringLiteral("0") }
        + cmd);
    QCOMPARE(r.code, 2);
    QVERIFY2(
        r.err.contains(QLatin1String("--handshakes must be a whole number, 1 or more, not '0'")), qPrintable(r.err));

    r = runCli(ws() + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("lb-") });
    QCOMPARE(r.code, 2);
    r = runCli(ws() + QStringList { QStringLiteral("run"), QStringLiteral("--help") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QLatin1String("--acknowledge-danger")));
    QVERIFY(r.out.contains(QLatin1String("--handshakes N")));
}

void TestCliRun::ctrlCCancels()
{
    QProcess p;
    p.start(QStringLiteral(OPSDECK_CLI_PATH),
        ws() + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("name:lb-01,lb-02") }
            + known() + QStringList { QStringLiteral("--"), QStringLiteral("echo started; exec sleep 47.5") });
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).count("started") == 2, 15000);
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("2 hosts: 2 cancelled")), qPrintable(err));
    // The remote processes are gone.
    QTRY_COMPARE_WITH_TIMEOUT(
        [] {
            QProcess g;
            g.start(QStringLiteral("pgrep"), { QStringLiteral("-f"), QStringLiteral("^sleep 47.5") });
            g.waitForFinished();
            return g.exitCode();
        }(),
        1, 5000);
}

// The program running a job is killed (SIGKILL: nothing flushed on the way out): the next program that opens the
// workspace shows the job interrupted, with the output it had received.
void TestCliRun::killedConsoleShowsInterrupted()
{
    QProcess p;
    p.start(QStringLiteral(OPSDECK_CLI_PATH),
        ws() + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("name:lb-01,lb-02") }
            + known() + QStringList { QStringLiteral("--"), QStringLiteral("echo started $$; exec sleep 48.5") });
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).count("started") == 2, 15000);
    QTest::qWait(300); // the store's batched write (100 ms) has run
    p.kill();
    QVERIFY(p.waitForFinished(10000));
    CliRun r = runCli(ws() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString line = r.out.section(QLatin1Char('\n'), 0, 0);
    QVERIFY2(line.contains(QLatin1String("\tinterrupted\t")), qPrintable(r.out));
    const QString id = line.section(QLatin1Char('\t'), 0, 0);
    r = runCli(ws() + QStringList { QStringLiteral("jobs"), QStringLiteral("events"), id });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out.count(QLatin1String("\"type\":\"host.output\"")), 2);
    QVERIFY2(r.out.contains(QLatin1String("\"status\":\"interrupted\"")), qPrintable(r.out.right(600)));
    QCOMPARE(r.out.count(QLatin1String("\"chunk\":\"started ")), 2);
    QProcess::execute(QStringLiteral("pkill"), { QStringLiteral("-f"), QStringLiteral("^sleep 48.5") });
}

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_clirun.moc"
