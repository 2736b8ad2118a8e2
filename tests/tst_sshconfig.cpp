// The OpenSSH client configuration parser (backend-client/SshConfig) and the precedence of inventory values over
// it (SshConfig::complete, SshTarget::fromInventory), as Ansible's ssh connection plugin has it.
#include "inventory/Host.h"
#include "ssh/SshConfig.h"
#include "ssh/SshTarget.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

namespace {

SshConfig parse(const char* text, const QString& sshDir = {})
{
    return SshConfig::parse(QByteArray(text), QStringLiteral("config"), sshDir);
}

bool writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

} // namespace

class TestSshConfig : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void patterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("match");
        const struct {
            const char* pattern;
            const char* text;
            bool match;
        } rows[] = { { "web1", "web1", true }, { "WEB1", "web1", true }, { "web*", "web12.dc", true },
            { "*.dc1.*", "a.dc1.example", true }, { "web*", "web", true }, { "web?", "web1", true },
            { "web?", "web", false }, { "web?", "web12", false }, { "*a*b", "xxaxxbxb", true },
            { "db*", "web1", false }, { "*", "anything", true } };
        for (const auto& row : rows) {
            QTest::addRow("%s ~ %s", row.pattern, row.text)
                << QString::fromLatin1(row.pattern) << QString::fromLatin1(row.text) << row.match;
        }
    }
    void patterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, match);
        QCOMPARE(SshConfig::matchPattern(pattern, text), match);
    }

    void hostLines()
    {
        const QStringList list { QStringLiteral("*.dc1"), QStringLiteral("!bastion.dc1"), QStringLiteral("db?") };
        QVERIFY(SshConfig::matchHost(list, QStringLiteral("web.dc1")));
        QVERIFY(SshConfig::matchHost(list, QStringLiteral("db1")));
        QVERIFY(!SshConfig::matchHost(list, QStringLiteral("bastion.dc1"))); // negation wins
        QVERIFY(!SshConfig::matchHost(list, QStringLiteral("web.dc2")));
        // A negation alone matches nothing.
        QVERIFY(!SshConfig::matchHost({ QStringLiteral("!x") }, QStringLiteral("y")));
    }

    void firstValueWins()
    {
        const SshConfig c = parse("# comment\n"
                                  "Host web1\n"
                                  "  Port 2201\n"
                                  "  User alice\n"
                                  "  IdentityFile ~/.ssh/web\n"
                                  "Host web*\n"
                                  "  Port 2299\n"
                                  "  HostName %h.example.net\n"
                                  "  IdentityFile ~/.ssh/all_web\n"
                                  "Host *\n"
                                  "  User=nobody\n"
                                  "  Port = 22\n"
                                  "  ConnectTimeout 7\n"
                                  "  IdentitiesOnly yes\n");
        QCOMPARE(c.warnings(), QStringList());
        const SshConfig::Settings web1 = c.lookup(QStringLiteral("web1"));
        QCOMPARE(web1.port, 2201);
        QCOMPARE(web1.user, QStringLiteral("alice"));
        QCOMPARE(web1.hostName, QStringLiteral("%h.example.net"));
        QCOMPARE(web1.identityFiles, QStringList({ QStringLiteral("~/.ssh/web"), QStringLiteral("~/.ssh/all_web") }));
        QCOMPARE(web1.connectTimeoutSeconds, 7);
        QCOMPARE(web1.identitiesOnly, std::optional<bool>(true));
        const SshConfig::Settings web2 = c.lookup(QStringLiteral("web2"));
        QCOMPARE(web2.port, 2299);
        QCOMPARE(web2.user, QStringLiteral("nobody"));
        const SshConfig::Settings db = c.lookup(QStringLiteral("db"));
        QCOMPARE(db.port, 22);
        QVERIFY(db.hostName.isEmpty());
        QVERIFY(db.identityFiles.isEmpty());
    }

    void quotingAndComments()
    {
        const SshConfig c = parse("Host \"two words\" web\n"
                                  "  IdentityFile \"/keys/my key\" # trailing comment\n"
                                  "  User 'bob'\n");
        QCOMPARE(c.warnings(), QStringList());
        QCOMPARE(c.lookup(QStringLiteral("web")).identityFiles, QStringList { QStringLiteral("/keys/my key") });
        QCOMPARE(c.lookup(QStringLiteral("two words")).user, QStringLiteral("bob"));
        QCOMPARE(SshConfig::splitArguments(QStringLiteral("-o 'ProxyJump a@b:2' -x\\ y \"q\\\"r\"")),
            QStringList({ QStringLiteral("-o"), QStringLiteral("ProxyJump a@b:2"), QStringLiteral("-x y"),
                QStringLiteral("q\"r") }));
    }

    // Problems are warnings naming file:line; the line is skipped and the rest still applies.
    void errorsAreWarnings()
    {
        const SshConfig c = parse("Host a\n"
                                  "  Port 99999\n"
                                  "  Port 2200\n"
                                  "  User\n"
                                  "  IdentitiesOnly maybe\n"
                                  "  ProxyJump a@b:notaport\n"
                                  "  HostName \"unterminated\n"
                                  "  ProxyCommand nc %h %p\n"
                                  "Host\n"
                                  "  User nobody\n");
        const QStringList w = c.warnings();
        QCOMPARE(w.size(), 7);
        QVERIFY2(w.at(0).startsWith(QLatin1String("config:2: invalid Port")), qPrintable(w.at(0)));
        QVERIFY2(w.at(1).startsWith(QLatin1String("config:4: User needs a value")), qPrintable(w.at(1)));
        QVERIFY2(w.at(2).startsWith(QLatin1String("config:5: IdentitiesOnly")), qPrintable(w.at(2)));
        QVERIFY2(w.at(3).startsWith(QLatin1String("config:6: ProxyJump")), qPrintable(w.at(3)));
        QVERIFY2(w.at(4).startsWith(QLatin1String("config:7: unterminated quote")), qPrintable(w.at(4)));
        QVERIFY2(w.at(5).startsWith(QLatin1String("config:8: ProxyCommand")), qPrintable(w.at(5)));
        QVERIFY2(w.at(6).startsWith(QLatin1String("config:9: Host needs")), qPrintable(w.at(6)));
        const SshConfig::Settings a = c.lookup(QStringLiteral("a"));
        QCOMPARE(a.port, 2200);
        QVERIFY(a.user.isEmpty()); // "User nobody" belongs to the ignored block
        QVERIFY(a.proxyJump.isEmpty());
    }

    void matchBlocksAreSkipped()
    {
        const SshConfig c = parse("Host a\n"
                                  "  User first\n"
                                  "Match host a exec \"true\"\n"
                                  "  Port 1234\n"
                                  "  User matched\n"
                                  "Host *\n"
                                  "  Port 2222\n");
        QCOMPARE(c.warnings().size(), 1);
        QVERIFY2(c.warnings().first().startsWith(QLatin1String("config:3: Match blocks are not supported")),
            qPrintable(c.warnings().first()));
        const SshConfig::Settings a = c.lookup(QStringLiteral("a"));
        QCOMPARE(a.user, QStringLiteral("first"));
        QCOMPARE(a.port, 2222);
    }

    void includes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString sshDir = dir.filePath(QStringLiteral("ssh"));
        QVERIFY(writeFile(sshDir + QStringLiteral("/config.d/10-web"),
            "Port 2010\n" // before any Host: belongs to the including block
            "Host web*\n"
            "  User webuser\n"));
        QVERIFY(writeFile(sshDir + QStringLiteral("/config.d/20-db"), "Host db*\n  User dbuser\n  Port 2020\n"));
        QVERIFY(writeFile(sshDir + QStringLiteral("/other"), "Host *\n  User fallback\n"));
        QVERIFY(writeFile(sshDir + QStringLiteral("/config"),
            "Host web1 db1\n"
            "  Include config.d/*\n"
            "Host *\n"
            "  Include "
                + QFile::encodeName(sshDir)
                + "/other missing-file-is-fine\n"
                  "  Port 2099\n"));
        const SshConfig c = SshConfig::load(sshDir + QStringLiteral("/config"), sshDir);
        QCOMPARE(c.warnings(), QStringList());
        QCOMPARE(c.files().size(), 4);
        QCOMPARE(c.lookup(QStringLiteral("web1")).port, 2010);
        QCOMPARE(c.lookup(QStringLiteral("web1")).user, QStringLiteral("webuser"));
        QCOMPARE(c.lookup(QStringLiteral("db1")).port, 2010); // the included "Port 2010" came first
        QCOMPARE(c.lookup(QStringLiteral("db1")).user, QStringLiteral("dbuser"));
        // web2 is outside "Host web1 db1": nothing of config.d applies.
        QCOMPARE(c.lookup(QStringLiteral("web2")).user, QStringLiteral("fallback"));
        QCOMPARE(c.lookup(QStringLiteral("web2")).port, 2099);
        // A missing main file is an empty configuration.
        const SshConfig none = SshConfig::load(dir.filePath(QStringLiteral("nope")), sshDir);
        QCOMPARE(none.warnings(), QStringList());
        QCOMPARE(none.lookup(QStringLiteral("x")), SshConfig::Settings {});
        // An include loop stops at the depth limit with a warning.
        QVERIFY(writeFile(sshDir + QStringLiteral("/loop"), "Include loop\n"));
        const SshConfig loop = SshConfig::load(sshDir + QStringLiteral("/loop"), sshDir);
        QCOMPARE(loop.warnings().size(), 1);
        QVERIFY2(
            loop.warnings().first().contains(QLatin1String("nested more than")), qPrintable(loop.warnings().first()));
    }

    void jumpLists()
    {
        QString error;
        auto hops = SshConfig::parseJumpList(QStringLiteral("bastion"), &error);
        QVERIFY(hops);
        QCOMPARE(*hops, QList<SshConfig::Hop>({ { {}, QStringLiteral("bastion"), 0 } }));
        hops = SshConfig::parseJumpList(QStringLiteral("ops@gw1:2201, ssh://gw2,[::1]:22,fe80::1"), &error);
        QVERIFY(hops);
        QCOMPARE(*hops,
            QList<SshConfig::Hop>(
                { { QStringLiteral("ops"), QStringLiteral("gw1"), 2201 }, { {}, QStringLiteral("gw2"), 0 },
                    { {}, QStringLiteral("::1"), 22 }, { {}, QStringLiteral("fe80::1"), 0 } }));
        hops = SshConfig::parseJumpList(QStringLiteral("none"), &error);
        QVERIFY(hops && hops->isEmpty());
        QVERIFY(!SshConfig::parseJumpList(QStringLiteral("gw:0"), &error));
        QVERIFY(!SshConfig::parseJumpList(QStringLiteral("a,,b"), &error));
        QVERIFY(!SshConfig::parseJumpList(QStringLiteral("[::1"), &error));

        QCOMPARE(SshConfig::jumpFromProxyCommand(QStringLiteral("ssh -W %h:%p -q ops@bastion")),
            QStringLiteral("ops@bastion"));
        QCOMPARE(SshConfig::jumpFromProxyCommand(QStringLiteral("/usr/bin/ssh -p 2201 -l ops -W %h:%p bastion")),
            QStringLiteral("ops@bastion:2201"));
        QCOMPARE(
            SshConfig::jumpFromProxyCommand(QStringLiteral("ssh -J gw1 -W [%h]:%p gw2")), QStringLiteral("gw1,gw2"));
        QCOMPARE(SshConfig::jumpFromProxyCommand(QStringLiteral("nc -X connect %h %p")), QString());
        QCOMPARE(SshConfig::jumpFromProxyCommand(QStringLiteral("ssh bastion nc %h %p")), QString());
        QCOMPARE(SshConfig::jumpFromProxyCommand(QStringLiteral("none")), QStringLiteral("none"));

        // ProxyCommand and ProxyJump share one slot: the first obtained wins; `none` counts as a value.
        const SshConfig c = parse("Host a\n  ProxyCommand ssh -W %h:%p gw-a\n"
                                  "Host b\n  ProxyJump none\n"
                                  "Host *\n  ProxyJump gw-all\n");
        QCOMPARE(c.warnings(), QStringList());
        QCOMPARE(c.lookup(QStringLiteral("a")).proxyJump, QStringLiteral("gw-a"));
        QCOMPARE(c.lookup(QStringLiteral("b")).proxyJump, QStringLiteral("none"));
        QCOMPARE(c.lookup(QStringLiteral("c")).proxyJump, QStringLiteral("gw-all"));
    }

    void tokens()
    {
        const QHash<QChar, QString> t { { QLatin1Char('h'), QStringLiteral("web1") },
            { QLatin1Char('r'), QStringLiteral("ops") } };
        QCOMPARE(
            SshConfig::expandTokens(QStringLiteral("~/.ssh/%h-%r_%%_%x"), t), QStringLiteral("~/.ssh/web1-ops_%_%x"));
        QCOMPARE(SshConfig::expandTilde(QStringLiteral("~/k")), QDir::homePath() + QStringLiteral("/k"));
        QCOMPARE(SshConfig::expandTilde(QStringLiteral("/abs/~/k")), QStringLiteral("/abs/~/k"));
    }

    // Ansible's precedence: the inventory's values win, the configuration fills in what it leaves unset.
    void inventoryWins()
    {
        const SshConfig c = parse("Host web1.alias\n"
                                  "  HostName 10.0.0.%h\n" // odd, but shows that %h is the name given
                                  "Host web*\n"
                                  "  HostName %h.dc1.example\n"
                                  "  Port 2201\n"
                                  "  User cfguser\n"
                                  "  IdentityFile ~/.ssh/%r@%h\n"
                                  "  IdentityFile %d/second\n"
                                  "  ProxyJump gw.dc1\n"
                                  "  UserKnownHostsFile ~/.ssh/known_%h\n"
                                  "  ConnectTimeout 3\n");
        // Nothing from the inventory but the name: everything from the configuration.
        SshTarget t = c.complete(QStringLiteral("web1"), SshTarget {});
        QCOMPARE(t.address, QStringLiteral("web1.dc1.example"));
        QCOMPARE(t.port, 2201);
        QCOMPARE(t.user, QStringLiteral("cfguser"));
        QCOMPARE(t.identityFiles,
            QStringList({ QDir::homePath() + QStringLiteral("/.ssh/cfguser@web1.dc1.example"),
                QDir::homePath() + QStringLiteral("/second") }));
        QCOMPARE(t.jumpHost, QStringLiteral("gw.dc1"));
        QCOMPARE(t.knownHostsPath, QDir::homePath() + QStringLiteral("/.ssh/known_web1.dc1.example"));
        QCOMPARE(t.connectTimeoutMs, 3000);

        // Everything from the inventory: the configuration only maps the name (HostName) as ssh does.
        SshTarget inv;
        inv.address = QStringLiteral("web9");
        inv.port = 22;
        inv.user = QStringLiteral("root");
        inv.identityFiles = { QStringLiteral("/inv/key") };
        inv.jumpHost = QStringLiteral("none");
        inv.vars = { { QStringLiteral("x"), 1 } };
        t = c.complete(QStringLiteral("inventory-name"), inv);
        QCOMPARE(t.address, QStringLiteral("web9.dc1.example"));
        QCOMPARE(t.port, 22);
        QCOMPARE(t.user, QStringLiteral("root"));
        QCOMPARE(t.identityFiles, QStringList { QStringLiteral("/inv/key") });
        QCOMPARE(t.jumpHost, QStringLiteral("none"));
        QCOMPARE(t.vars, inv.vars);

        // No Host matches: ssh's defaults; the address is the name given.
        t = c.complete(QStringLiteral("db1"), SshTarget {});
        QCOMPARE(t.address, QStringLiteral("db1"));
        QCOMPARE(t.port, 22);
        QVERIFY(t.user.isEmpty());
        QVERIFY(t.jumpHost.isEmpty());
        // The name matched is ansible_host when set, not the inventory name.
        inv = SshTarget {};
        inv.address = QStringLiteral("web1.alias");
        t = c.complete(QStringLiteral("db1"), inv);
        QCOMPARE(t.address, QStringLiteral("10.0.0.web1.alias"));
        QCOMPARE(t.port, 2201);
    }

    void fromInventory()
    {
        Host h;
        h.name = QStringLiteral("web1");
        h.address = QStringLiteral("10.1.2.3");
        QVariantMap vars { { QStringLiteral("ansible_ssh_private_key_file"), QStringLiteral("~/.ssh/ops") },
            { QStringLiteral("ansible_ssh_common_args"),
                QStringLiteral("-o StrictHostKeyChecking=no -o ProxyJump=ops@gw.dc1:2201") } };
        SshTarget t = SshTarget::fromInventory(h, vars);
        QCOMPARE(t.address, QStringLiteral("10.1.2.3"));
        QCOMPARE(t.port, 0); // not set: the configuration or 22
        QVERIFY(t.user.isEmpty());
        QCOMPARE(t.identityFiles, QStringList { QDir::homePath() + QStringLiteral("/.ssh/ops") });
        QCOMPARE(t.jumpHost, QStringLiteral("ops@gw.dc1:2201"));
        QCOMPARE(t.vars, vars);

        h.port = 2222;
        h.user = QStringLiteral("deploy");
        vars = { { QStringLiteral("ansible_ssh_common_args"),
                     QStringLiteral("-o ProxyCommand=\"ssh -W %h:%p -q jump@gw.dc2\"") },
            { QStringLiteral("ansible_ssh_extra_args"), QStringLiteral("-J ignored") } };
        t = SshTarget::fromInventory(h, vars);
        QCOMPARE(t.port, 2222);
        QCOMPARE(t.user, QStringLiteral("deploy"));
        QCOMPARE(t.jumpHost, QStringLiteral("jump@gw.dc2"));
        QCOMPARE(SshTarget::jumpHostFromArgs(QStringLiteral("-C -J a,b")), QStringLiteral("a,b"));
        QCOMPARE(SshTarget::jumpHostFromArgs(QStringLiteral("-o 'ProxyJump gw'")), QStringLiteral("gw"));
        QCOMPARE(SshTarget::jumpHostFromArgs(QStringLiteral("-oProxyJump=none")), QStringLiteral("none"));
        QCOMPARE(SshTarget::jumpHostFromArgs(QStringLiteral("-o ControlMaster=auto")), QString());
        QVERIFY(t.password.isEmpty());
        // Password login as Ansible names it: ansible_password, else the older ansible_ssh_pass.
        t = SshTarget::fromInventory(h, { { QStringLiteral("ansible_ssh_pass"), QStringLiteral("old") } });
        QCOMPARE(t.password, QStringLiteral("old"));
        t = SshTarget::fromInventory(h,
            { { QStringLiteral("ansible_ssh_pass"), QStringLiteral("old") },
                { QStringLiteral("ansible_password"), QStringLiteral("new") } });
        QCOMPARE(t.password, QStringLiteral("new"));
    }
};

QTEST_GUILESS_MAIN(TestSshConfig)
#include "tst_sshconfig.moc"
