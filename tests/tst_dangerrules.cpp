// Script languages (names, detection, refusal of non-text) and the danger rules: every default rule with positive
// and negative cases, look-alikes that must stay quiet, comments, JSON settings, user overrides and speed.
#include "scripts/DangerRules.h"
#include "scripts/ScriptLanguage.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

namespace {

struct Case {
    const char* rule;
    const char* language;
    const char* line;
    bool matches;
};

// Each default rule needs at least one case of each kind; allRulesHaveCases() enforces it.
const Case cases[] = {
    // rm-root
    { "rm-root", "bash", "rm -rf /", true },
    { "rm-root", "bash", "rm -fr /*", true },
    { "rm-root", "bash", "rm -r -f /", true },
    { "rm-root", "bash", "sudo rm -rf /etc", true },
    { "rm-root", "bash", "rm -rf /usr/", true },
    { "rm-root", "bash", "rm --recursive --force /var", true },
    { "rm-root", "bash", "cd /tmp && rm -rf /", true },
    { "rm-root", "bash", "x=$(rm -rf /)", true },
    { "rm-root", "bash", "if true; then rm -rf /; fi", true },
    { "rm-root", "bash", "/bin/rm -Rf \"/\"", true },
    { "rm-root", "bash", "rm -rf ~", true },
    { "rm-root", "bash", "rm -rf \"$HOME\"", true },
    { "rm-root", "bash", "sudo -u root rm -rf /boot", true },
    { "rm-root", "bash", "bash -c 'rm -rf /'", true },
    { "rm-root", "bash", "ssh web1 'rm -rf /'", true },
    { "rm-root", "bash", "ssh -i key.pem admin@db1 \"cd /srv; sudo rm -rf /srv /var\"", true },
    { "rm-root", "bash", "FORCE=1 nohup rm -rf /opt", true },
    { "rm-root", "sh", "rm -rf / --no-preserve-root", true },
    { "rm-root", "python", "os.system('rm -rf /')", true },
    { "rm-root", "python", "subprocess.run(\"sudo rm -rf /\", shell=True)", true },
    { "rm-root", "perl", "system(\"rm -rf /\");", true },
    { "rm-root", "perl", "my $out = `rm -rf /etc`;", true },
    { "rm-root", "bash", "rm -rf ./build", false },
    { "rm-root", "bash", "rm -rf /tmp/foo", false },
    { "rm-root", "bash", "rm -rf \"${DIR:?}\"/", false },
    { "rm-root", "bash", "rm -rf /var/lib/app/cache", false },
    { "rm-root", "bash", "rm -rf /etcetera", false },
    { "rm-root", "bash", "rm -f /etc/app.conf", false },
    { "rm-root", "bash", "echo rm -rf /", false },
    { "rm-root", "bash", "grep -r \"rm -rf /\" .", false },
    { "rm-root", "bash", "rmdir -p /", false },
    { "rm-root", "bash", "# rm -rf /", false },
    { "rm-root", "bash", "make clean # then rm -rf /", false },
    { "rm-root", "python", "# os.system('rm -rf /')", false },

    // rm-no-preserve-root
    { "rm-no-preserve-root", "bash", "rm -rf --no-preserve-root /", true },
    { "rm-no-preserve-root", "bash", "sudo rm --no-preserve-root -r /mnt/x", true },
    { "rm-no-preserve-root", "bash", "rm -rf /tmp/x", false },
    { "rm-no-preserve-root", "bash", "echo --no-preserve-root", false },

    // rm-empty-var
    { "rm-empty-var", "bash", "rm -rf \"$DIR\"/", true },
    { "rm-empty-var", "bash", "rm -rf $DIR/*", true },
    { "rm-empty-var", "bash", "rm -rf ${DIR}/", true },
    { "rm-empty-var", "bash", "rm -rf \"$STAGING/\"", true },
    { "rm-empty-var", "bash", "sudo rm -rf \"${BUILD}\"/*", true },
    { "rm-empty-var", "bash", "rm -rf \"${DIR:?}\"/", false },
    { "rm-empty-var", "bash", "rm -rf \"${DIR:?}\"/*", false },
    { "rm-empty-var", "bash", "rm -rf \"$DIR/cache\"", false },
    { "rm-empty-var", "bash", "rm -rf \"$DIR\"", false },
    { "rm-empty-var", "bash", "rm -f $DIR/*", false },

    // mkfs
    { "mkfs", "bash", "mkfs.ext4 /dev/sdb1", true },
    { "mkfs", "bash", "mkfs -t xfs /dev/vdb", true },
    { "mkfs", "bash", "sudo mkfs.xfs -f /dev/nvme1n1", true },
    { "mkfs", "bash", "mke2fs -j /dev/sdc", true },
    { "mkfs", "bash", "# mkfs /dev/sda", false },
    { "mkfs", "bash", "echo mkfs is dangerous", false },
    { "mkfs", "bash", "echo \"mkfs is dangerous\"", false },
    { "mkfs", "bash", "man mkfs", false },
    { "mkfs", "bash", "which mkfs.ext4", false },

    // dd-device
    { "dd-device", "bash", "dd if=/dev/zero of=/dev/sda bs=1M", true },
    { "dd-device", "bash", "dd if=image.iso of=/dev/nvme0n1 status=progress", true },
    { "dd-device", "bash", "sudo dd of=/dev/xvdf if=disk.img", true },
    { "dd-device", "bash", "dd if=x.img of=\"/dev/vdb\"", true },
    { "dd-device", "bash", "dd if=/dev/zero of=./disk.img", false },
    { "dd-device", "bash", "dd if=/dev/sda of=/backup/sda.img", false },
    { "dd-device", "bash", "dd if=/dev/zero of=/dev/null count=1", false },

    // fork-bomb
    { "fork-bomb", "bash", ":(){ :|:& };:", true },
    { "fork-bomb", "bash", ":() { : | : & } ; :", true },
    { "fork-bomb", "sh", "bomb(){ bomb|bomb& };bomb", true },
    { "fork-bomb", "bash", "f() { g | h & }; f", false },
    { "fork-bomb", "bash", "echo ':)'", false },
    { "fork-bomb", "python", ":(){ :|:& };:", false },

    // chmod-root
    { "chmod-root", "bash", "chmod -R 777 /", true },
    { "chmod-root", "bash", "chmod 777 -R /", true },
    { "chmod-root", "bash", "sudo chmod -R a+rwx /etc/", true },
    { "chmod-root", "bash", "chmod --recursive 700 /usr", true },
    { "chmod-root", "bash", "chmod -R 755 /opt/app", false },
    { "chmod-root", "bash", "chmod 777 /tmp/x", false },
    { "chmod-root", "bash", "chmod -R 755 ./dist", false },

    // chown-root
    { "chown-root", "bash", "chown -R nobody:nogroup /", true },
    { "chown-root", "bash", "chown -R app /var", true },
    { "chown-root", "bash", "chgrp -R staff /usr/", true },
    { "chown-root", "bash", "chown -R app:app /srv/app", false },
    { "chown-root", "bash", "chown root /etc/app.conf", false },

    // firewall-flush
    { "firewall-flush", "bash", "iptables -F", true },
    { "firewall-flush", "bash", "iptables -t nat -F", true },
    { "firewall-flush", "bash", "sudo ip6tables --flush", true },
    { "firewall-flush", "bash", "iptables -F INPUT", true },
    { "firewall-flush", "bash", "nft flush ruleset", true },
    { "firewall-flush", "bash", "iptables -L", false },
    { "firewall-flush", "bash", "iptables -A INPUT -p tcp --dport 22 -j ACCEPT", false },
    { "firewall-flush", "bash", "nft list ruleset", false },

    // write-block-device
    { "write-block-device", "bash", "cat image > /dev/sda", true },
    { "write-block-device", "bash", "echo x >/dev/nvme0n1", true },
    { "write-block-device", "bash", "printf x >> /dev/vdb1", true },
    { "write-block-device", "bash", "echo x > /dev/null", false },
    { "write-block-device", "bash", "cmd 2>/dev/null", false },
    { "write-block-device", "bash", "echo x > ./dev/sda.txt", false },

    // wipefs
    { "wipefs", "bash", "wipefs -a /dev/sdb", true },
    { "wipefs", "bash", "wipefs --all /dev/sdb", true },
    { "wipefs", "bash", "sudo wipefs -af /dev/vdb", true },
    { "wipefs", "bash", "wipefs /dev/sdb", false },
    { "wipefs", "bash", "echo wipefs -a", false },

    // sql-drop-database
    { "sql-drop-database", "bash", "mysql -e \"DROP DATABASE shop\"", true },
    { "sql-drop-database", "bash", "psql -c 'drop database shop'", true },
    { "sql-drop-database", "python", "cur.execute(\"DROP SCHEMA app CASCADE\")", true },
    { "sql-drop-database", "bash", "mysql -e \"SHOW DATABASES\"", false },
    { "sql-drop-database", "bash", "echo \"dropped databases: 0\"", false },

    // sql-drop-table
    { "sql-drop-table", "bash", "mysql -e 'DROP TABLE users'", true },
    { "sql-drop-table", "python", "cur.execute(\"truncate table logs\")", true },
    { "sql-drop-table", "perl", "$dbh->do('Drop  Table sessions');", true },
    { "sql-drop-table", "bash", "mysql -e \"SELECT * FROM drop_table\"", false },
    { "sql-drop-table", "bash", "echo droptable", false },

    // shutdown-reboot
    { "shutdown-reboot", "bash", "reboot", true },
    { "shutdown-reboot", "bash", "sudo shutdown -h now", true },
    { "shutdown-reboot", "bash", "systemctl reboot", true },
    { "shutdown-reboot", "bash", "init 6", true },
    { "shutdown-reboot", "bash", "poweroff", true },
    { "shutdown-reboot", "bash", "[ -f /run/reboot-required ] && reboot", true },
    { "shutdown-reboot", "python", "os.system(\"reboot\")", true },
    { "shutdown-reboot", "python", "subprocess.run([\"shutdown\", \"-r\", \"now\"])", true },
    { "shutdown-reboot", "bash", "reboot_count=3", false },
    { "shutdown-reboot", "bash", "grep shutdown /var/log/syslog", false },
    { "shutdown-reboot", "bash", "echo \"reboot required\"", false },
    { "shutdown-reboot", "bash", "last reboot", false },
    { "shutdown-reboot", "bash", "init 3", false },
    { "shutdown-reboot", "bash", "systemctl status reboot.target", false },

    // partition-table
    { "partition-table", "bash", "fdisk /dev/sdb", true },
    { "partition-table", "bash", "parted -s /dev/sdb mklabel gpt", true },
    { "partition-table", "bash", "sgdisk --zap-all /dev/sdb", true },
    { "partition-table", "bash", "sfdisk /dev/sdb < layout.txt", true },
    { "partition-table", "bash", "fdisk -l", false },
    { "partition-table", "bash", "parted -l", false },
    { "partition-table", "bash", "parted /dev/sda print", false },
    { "partition-table", "bash", "sudo fdisk -l /dev/sda", false },

    // ssh-stop
    { "ssh-stop", "bash", "systemctl stop sshd", true },
    { "ssh-stop", "bash", "sudo systemctl stop ssh", true },
    { "ssh-stop", "bash", "systemctl disable --now ssh.service", true },
    { "ssh-stop", "bash", "service ssh stop", true },
    { "ssh-stop", "bash", "systemctl restart sshd", false },
    { "ssh-stop", "bash", "systemctl status ssh", false },
    { "ssh-stop", "bash", "systemctl stop nginx", false },
    { "ssh-stop", "bash", "systemctl stop sshguard", false },

    // network-down
    { "network-down", "bash", "ifdown eth0", true },
    { "network-down", "bash", "ip link set eth0 down", true },
    { "network-down", "bash", "ip link set dev ens3 down", true },
    { "network-down", "bash", "systemctl stop NetworkManager", true },
    { "network-down", "bash", "ifup eth0", false },
    { "network-down", "bash", "ip link set eth0 up", false },
    { "network-down", "bash", "systemctl restart networking", false },

    // kill-all
    { "kill-all", "bash", "kill -9 -1", true },
    { "kill-all", "bash", "kill -KILL -1", true },
    { "kill-all", "bash", "kill -s KILL -1", true },
    { "kill-all", "bash", "killall nginx", true },
    { "kill-all", "bash", "sudo killall5 -9", true },
    { "kill-all", "bash", "kill -9 1234", false },
    { "kill-all", "bash", "kill -1 1234", false },
    { "kill-all", "bash", "kill \"$PID\"", false },
    { "kill-all", "bash", "pkill -f myapp", false },

    // curl-pipe-shell
    { "curl-pipe-shell", "bash", "curl -fsSL https://get.example.com | sh", true },
    { "curl-pipe-shell", "bash", "wget -qO- https://x.example | sudo bash", true },
    { "curl-pipe-shell", "bash", "curl https://x.example | sudo -E bash -s -- --yes", true },
    { "curl-pipe-shell", "bash", "bash <(curl -s https://x.example)", true },
    { "curl-pipe-shell", "bash", "sh -c \"$(curl -fsSL https://x.example)\"", true },
    { "curl-pipe-shell", "bash", "curl https://x.example | python3", true },
    { "curl-pipe-shell", "bash", "curl -o install.sh https://x.example", false },
    { "curl-pipe-shell", "bash", "curl https://x.example | jq .", false },
    { "curl-pipe-shell", "bash", "curl https://x.example | sha256sum", false },
    { "curl-pipe-shell", "bash", "wget https://x.example/file.sh", false },

    // crontab-remove
    { "crontab-remove", "bash", "crontab -r", true },
    { "crontab-remove", "bash", "crontab -u deploy -r", true },
    { "crontab-remove", "bash", "crontab -l", false },
    { "crontab-remove", "bash", "crontab -e", false },
    { "crontab-remove", "bash", "crontab newcron.txt", false },

    // py-rmtree-root
    { "py-rmtree-root", "python", "shutil.rmtree('/')", true },
    { "py-rmtree-root", "python", "shutil.rmtree(\"/etc\")", true },
    { "py-rmtree-root", "python", "rmtree(os.sep)", true },
    { "py-rmtree-root", "python", "shutil.rmtree('/tmp/build')", false },
    { "py-rmtree-root", "python", "shutil.rmtree(path)", false },
    { "py-rmtree-root", "bash", "shutil.rmtree('/')", false },

    // pl-rmtree-root
    { "pl-rmtree-root", "perl", "rmtree('/');", true },
    { "pl-rmtree-root", "perl", "remove_tree(\"/usr\");", true },
    { "pl-rmtree-root", "perl", "File::Path::rmtree \"/var\";", true },
    { "pl-rmtree-root", "perl", "rmtree('/tmp/x');", false },
    { "pl-rmtree-root", "perl", "remove_tree($dir);", false },
};

QList<DangerRule> onlyRule(const QString& id)
{
    QList<DangerRule> result;
    for (const DangerRule& rule : DangerRules::defaults()) {
        if (rule.id == id) {
            result.append(rule);
        }
    }
    return result;
}

ScriptLanguage language(const QString& name)
{
    const auto language = ScriptLanguages::fromName(name);
    return language ? *language : ScriptLanguage::Bash;
}

QStringList codes(const ScriptFindings& findings)
{
    QStringList result;
    for (const ScriptFinding& f : findings) {
        result.append(f.code);
    }
    return result;
}

} // namespace

class TestDangerRules : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();

    void languageNames();
    void detect_data();
    void detect();
    void refusalReason_data();
    void refusalReason();
    void decodeStripsBom();

    void defaultsAreValid();
    void allRulesHaveCases();
    void ruleCases_data();
    void ruleCases();
    void lookAlikesStayQuiet_data();
    void lookAlikesStayQuiet();
    void findingPosition();
    void commandPosition_data();
    void commandPosition();
    void userCommandRule();
    void comments();
    void crlfAndSorting();
    void disabledAndLanguageFilter();
    void matchesStayOnTheirLine();
    void validatePattern();
    void jsonRoundTrip();
    void jsonErrors_data();
    void jsonErrors();
    void mergedOverridesBuiltins();
    void largeScriptIsFast();
    void longLinesAreBounded();
};

void TestDangerRules::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestDangerRules::languageNames()
{
    for (const ScriptLanguage l :
        { ScriptLanguage::Bash, ScriptLanguage::Sh, ScriptLanguage::Python, ScriptLanguage::Perl }) {
        QCOMPARE(ScriptLanguages::fromName(ScriptLanguages::name(l)), std::optional(l));
    }
    QCOMPARE(ScriptLanguages::fromName(QStringLiteral("ruby")), std::nullopt);
    QCOMPARE(ScriptLanguages::fromName(QStringLiteral("Bash")), std::nullopt);
    QCOMPARE(ScriptLanguages::interpreter(ScriptLanguage::Python), QStringLiteral("python3"));
    QCOMPARE(ScriptLanguages::interpreter(ScriptLanguage::Sh), QStringLiteral("sh"));
    QCOMPARE(ScriptLanguages::extension(ScriptLanguage::Sh), QStringLiteral("sh"));
    QCOMPARE(ScriptLanguages::extension(ScriptLanguage::Bash), QStringLiteral("sh"));
    QCOMPARE(ScriptLanguages::extension(ScriptLanguage::Perl), QStringLiteral("pl"));
    QCOMPARE(ScriptFinding::severityName(ScriptFinding::Severity::Block), QStringLiteral("block"));
    QCOMPARE(ScriptFinding::severityName(ScriptFinding::Severity::Warning), QStringLiteral("warning"));
    QCOMPARE(ScriptFinding::severityName(ScriptFinding::Severity::Error), QStringLiteral("error"));
    QCOMPARE(ScriptFinding::severityName(ScriptFinding::Severity::Info), QStringLiteral("info"));
}

void TestDangerRules::detect_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // empty: nullopt

    QTest::newRow("bin/bash") << "x" << QByteArray("#!/bin/bash\necho\n") << "bash";
    QTest::newRow("env bash") << "x" << QByteArray("#!/usr/bin/env bash\n") << "bash";
    QTest::newRow("env -S bash -e") << "x" << QByteArray("#!/usr/bin/env -S bash -e\n") << "bash";
    QTest::newRow("env -Sbash") << "x" << QByteArray("#!/usr/bin/env -Sbash -e\n") << "bash";
    QTest::newRow("env VAR=1 python3") << "x" << QByteArray("#!/usr/bin/env -i LC_ALL=C python3\n") << "python";
    QTest::newRow("space after #!") << "x" << QByteArray("#! /bin/bash -eu\r\n") << "bash";
    QTest::newRow("bin/sh") << "x" << QByteArray("#!/bin/sh\n") << "sh";
    QTest::newRow("dash") << "x" << QByteArray("#!/usr/bin/dash\n") << "sh";
    QTest::newRow("python") << "x" << QByteArray("#!/usr/bin/python\n") << "python";
    QTest::newRow("python2") << "x" << QByteArray("#!/usr/bin/python2\n") << "python";
    QTest::newRow("python3.11") << "x" << QByteArray("#!/usr/local/bin/python3.11 -u\n") << "python";
    QTest::newRow("env python3") << "x" << QByteArray("#!/usr/bin/env python3\n") << "python";
    QTest::newRow("perl -w") << "x" << QByteArray("#!/usr/bin/perl -w\n") << "perl";
    QTest::newRow("perl -T") << "x" << QByteArray("#!/usr/bin/perl -wT\nuse strict;\n") << "perl";
    QTest::newRow("env perl") << "x" << QByteArray("#!/usr/bin/env perl\n") << "perl";
    QTest::newRow("bom + shebang") << "x" << QByteArray("\xEF\xBB\xBF#!/bin/sh\n") << "sh";
    QTest::newRow("shebang beats extension") << "deploy.sh" << QByteArray("#!/usr/bin/env python3\n") << "python";
    QTest::newRow("sh shebang in .bash") << "a.bash" << QByteArray("#!/bin/sh\n") << "sh";
    QTest::newRow(".sh is bash") << "deploy.sh" << QByteArray("echo hi\n") << "bash";
    QTest::newRow(".bash") << "x.bash" << QByteArray() << "bash";
    QTest::newRow(".py") << "/tmp/x.py" << QByteArray("print(1)\n") << "python";
    QTest::newRow(".pl") << "x.pl" << QByteArray() << "perl";
    QTest::newRow(".pm") << "Lib/Mod.pm" << QByteArray() << "perl";
    QTest::newRow(".SH upper case") << "X.SH" << QByteArray() << "bash";
    QTest::newRow("unknown shebang falls back to extension") << "x.sh" << QByteArray("#!/bin/zsh\n") << "bash";
    QTest::newRow("unknown shebang, no extension") << "x" << QByteArray("#!/usr/bin/ruby\n") << "";
    QTest::newRow("neither") << "notes.txt" << QByteArray("hello\n") << "";
    QTest::newRow("no name, no shebang") << "" << QByteArray("echo\n") << "";
    QTest::newRow("shebang not on first line") << "x" << QByteArray("\n#!/bin/bash\n") << "";
}

void TestDangerRules::detect()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const auto detected = ScriptLanguages::detect(fileName, content);
    QCOMPARE(detected ? ScriptLanguages::name(*detected) : QString(), expected);
}

void TestDangerRules::refusalReason_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("ascii") << QByteArray("echo hi\n") << "";
    QTest::newRow("utf-8") << QByteArray("echo \xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC\n") << "";
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF"
                                       "echo hi\n")
                         << "";
    QTest::newRow("crlf") << QByteArray("echo hi\r\n") << "";
    QTest::newRow("nul") << QByteArray("echo\nab\0c\n", 10) << "binary file (NUL byte at line 2, offset 7)";
    QTest::newRow("nul first, even after bad utf-8")
        << QByteArray("\xFF\n\0", 3) << "binary file (NUL byte at line 2, offset 2)";
    QTest::newRow("0xff") << QByteArray("a\nb\necho \xFF\n") << "line 3: byte 0xff at offset 9 is not valid UTF-8";
    QTest::newRow("latin-1") << QByteArray("caf\xE9\n") << "line 1: byte 0xe9 at offset 3 is not valid UTF-8";
    QTest::newRow("stray continuation") << QByteArray("x\x80") << "line 1: byte 0x80 at offset 1 is not valid UTF-8";
    QTest::newRow("overlong") << QByteArray("\xC0\xAF") << "line 1: byte 0xc0 at offset 0 is not valid UTF-8";
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << "line 1: byte 0xed at offset 0 is not valid UTF-8";
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80")
                                    << "line 1: byte 0xf4 at offset 0 is not valid UTF-8";
    QTest::newRow("truncated at end") << QByteArray("ok \xE2\x82")
                                      << "line 1: byte 0xe2 at offset 3 is not valid UTF-8";
    QTest::newRow("bom then bad") << QByteArray("\xEF\xBB\xBF\xFE")
                                  << "line 1: byte 0xfe at offset 3 is not valid UTF-8";
}

void TestDangerRules::refusalReason()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    QCOMPARE(ScriptLanguages::refusalReason(content), reason);
}

void TestDangerRules::decodeStripsBom()
{
    QCOMPARE(ScriptLanguages::decode(QByteArray("\xEF\xBB\xBF"
                                                "echo \xC3\xA9\r\n")),
        QStringLiteral("echo \u00e9\r\n"));
    QCOMPARE(ScriptLanguages::decode(QByteArray("x")), QStringLiteral("x"));
}

void TestDangerRules::defaultsAreValid()
{
    QSet<QString> ids;
    for (const DangerRule& rule : DangerRules::defaults()) {
        const Result<void> valid = DangerRules::validatePattern(rule.pattern);
        QVERIFY2(valid.ok(), qPrintable(rule.id + QStringLiteral(": ") + valid.errorString()));
        QVERIFY2(!ids.contains(rule.id), qPrintable(rule.id));
        ids.insert(rule.id);
        QVERIFY(rule.builtin);
        QVERIFY(rule.enabled);
        QVERIFY(rule.severity == ScriptFinding::Severity::Warning || rule.severity == ScriptFinding::Severity::Block);
        QVERIFY2(rule.explanation.endsWith(QLatin1Char('.')) && rule.explanation.contains(QLatin1Char(';')),
            qPrintable(rule.id));
        for (const QString& l : rule.languages) {
            QVERIFY(ScriptLanguages::fromName(l));
        }
    }
    QVERIFY(ids.size() >= 20);
}

void TestDangerRules::allRulesHaveCases()
{
    for (const DangerRule& rule : DangerRules::defaults()) {
        int positive = 0;
        int negative = 0;
        for (const Case& c : cases) {
            if (QLatin1String(c.rule) == rule.id) {
                (c.matches ? positive : negative) += 1;
            }
        }
        QVERIFY2(positive > 0, qPrintable(QStringLiteral("no positive case for ") + rule.id));
        QVERIFY2(negative > 0, qPrintable(QStringLiteral("no negative case for ") + rule.id));
    }
    QSet<QString> ids;
    for (const DangerRule& rule : DangerRules::defaults()) {
        ids.insert(rule.id);
    }
    for (const Case& c : cases) {
        QVERIFY2(ids.contains(QLatin1String(c.rule)), c.rule);
    }
}

void TestDangerRules::ruleCases_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("matches");
    for (const Case& c : cases) {
        QTest::addRow("%s %s: %s", c.rule, c.matches ? "+" : "-", c.line)
            << QString::fromUtf8(c.rule) << QString::fromUtf8(c.language) << QString::fromUtf8(c.line) << c.matches;
    }
}

void TestDangerRules::ruleCases()
{
    QFETCH(QString, rule);
    QFETCH(QString, language);
    QFETCH(QString, line);
    QFETCH(bool, matches);
    const QList<DangerRule> only = onlyRule(rule);
    QCOMPARE(only.size(), 1);
    const ScriptFindings alone = DangerRules::check(line, ::language(language), only);
    QCOMPARE(!alone.isEmpty(), matches);
    // The same with all rules: the rule's own verdict does not depend on the others.
    const ScriptFindings all = DangerRules::check(line, ::language(language), DangerRules::defaults());
    QCOMPARE(codes(all).contains(rule), matches);
    for (const ScriptFinding& f : alone) {
        QCOMPARE(f.code, rule);
        QCOMPARE(f.source, ScriptFinding::Source::Danger);
        QCOMPARE(f.severity, only.first().severity);
        QCOMPARE(f.message, only.first().explanation);
        QCOMPARE(f.line, 1);
        QVERIFY(f.column >= 1 && f.length >= 1 && f.column - 1 + f.length <= line.size());
    }
}

void TestDangerRules::lookAlikesStayQuiet_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("text");
    const char* bash[] = {
        "rm -rf ./build",
        "rm -rf /tmp/foo",
        "rm -rf \"${DIR:?}\"/",
        "rm -rf /var/lib/app/cache",
        "# mkfs /dev/sda",
        "dd if=/dev/zero of=./disk.img",
        "chmod -R 755 /opt/app",
        "chmod 777 /tmp/x",
        "iptables -L",
        "reboot_count=3",
        "grep shutdown log",
        "echo \"mkfs is dangerous\"",
        "echo $# args; echo ${#list[@]}",
        "journalctl -b -1 | grep -i reboot",
        "systemctl restart sshd",
        "kill -HUP \"$(cat /run/nginx.pid)\"",
        "curl -fsSL https://x.example -o /tmp/get.sh",
        "find /var/log -name '*.gz' -mtime +30 -delete",
        "rsync -a --delete /srv/app/ backup:/srv/app/",
        "parted /dev/sda print",
        "shutdown_after=5m",
        "export DROP_TABLES=0",
    };
    for (const char* line : bash) {
        QTest::newRow(line) << "bash" << QString::fromUtf8(line);
    }
    QTest::newRow("python rmtree of a build dir") << "python"
                                                  << "shutil.rmtree(os.path.join(base, 'build'))";
    QTest::newRow("python comment") << "python"
                                    << "x = 1  # os.system('rm -rf /')";
    QTest::newRow("perl comment") << "perl"
                                  << "print $#list; # system('reboot')";
}

void TestDangerRules::lookAlikesStayQuiet()
{
    QFETCH(QString, language);
    QFETCH(QString, text);
    const ScriptFindings findings = DangerRules::check(text, ::language(language), DangerRules::defaults());
    QVERIFY2(findings.isEmpty(), qPrintable(codes(findings).join(QLatin1Char(','))));
}

void TestDangerRules::findingPosition()
{
    const QString text = QStringLiteral("set -e\ncd /; sudo rm -rf / && echo done\n");
    const ScriptFindings findings = DangerRules::check(text, ScriptLanguage::Bash, onlyRule(QStringLiteral("rm-root")));
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().line, 2);
    // The finding starts at the command, not at the separator or sudo, and ends with the target.
    QCOMPARE(findings.first().column, 12);
    QCOMPARE(text.section(QLatin1Char('\n'), 1, 1).mid(11, findings.first().length), QStringLiteral("rm -rf /"));
    QCOMPARE(findings.first().severity, ScriptFinding::Severity::Block);
    QVERIFY(findings.first().url.isEmpty());

    // Two commands on one line are two findings.
    const ScriptFindings two
        = DangerRules::check(QStringLiteral("rm -rf /etc; rm -rf /usr"), ScriptLanguage::Bash, DangerRules::defaults());
    QCOMPARE(two.size(), 2);
    QCOMPARE(two.at(0).column, 1);
    QCOMPARE(two.at(1).column, 14);
}

void TestDangerRules::commandPosition_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("flagged");
    QTest::newRow("line start") << "reboot" << true;
    QTest::newRow("indented") << "\t  reboot" << true;
    QTest::newRow("after ;") << "sync;reboot" << true;
    QTest::newRow("after &&") << "sync && reboot" << true;
    QTest::newRow("after ||") << "false || reboot" << true;
    QTest::newRow("after |") << "yes | reboot" << true;
    QTest::newRow("background") << "sleep 5 & reboot" << true;
    QTest::newRow("$(") << "x=$(reboot)" << true;
    QTest::newRow("backtick") << "x=`reboot`" << true;
    QTest::newRow("subshell") << "(sleep 1; reboot)" << true;
    QTest::newRow("group") << "{ reboot; }" << true;
    QTest::newRow("negated") << "! reboot" << true;
    QTest::newRow("then") << "if true; then reboot; fi" << true;
    QTest::newRow("do") << "while true; do reboot; done" << true;
    QTest::newRow("else") << "else reboot" << true;
    QTest::newRow("sudo") << "sudo reboot" << true;
    QTest::newRow("sudo -u root") << "sudo -u root reboot" << true;
    QTest::newRow("sudo -n -E") << "sudo -n -E reboot" << true;
    QTest::newRow("env") << "env -i PATH=/bin reboot" << true;
    QTest::newRow("assignment") << "LANG=C reboot" << true;
    QTest::newRow("quoted assignment") << "MSG='bye now' reboot" << true;
    QTest::newRow("nohup") << "nohup reboot &" << true;
    QTest::newRow("timeout") << "timeout 10s reboot" << true;
    QTest::newRow("bash -c") << "bash -c 'reboot'" << true;
    QTest::newRow("sh -ec") << "sh -ec \"sync; reboot\"" << true;
    QTest::newRow("ssh") << "ssh -p 2222 -o BatchMode=yes root@web1 reboot" << true;
    QTest::newRow("ssh quoted") << "ssh web1 \"cd /; reboot\"" << true;
    QTest::newRow("eval") << "eval \"reboot\"" << true;
    QTest::newRow("/sbin path") << "/sbin/reboot" << true;
    QTest::newRow("backslash") << "\\reboot" << true;
    QTest::newRow("echo") << "echo reboot" << false;
    QTest::newRow("sudo echo") << "sudo echo reboot" << false;
    QTest::newRow("printf") << "printf '%s\\n' reboot" << false;
    QTest::newRow("argument") << "logger -t ops reboot" << false;
    QTest::newRow("in a word") << "noreboot" << false;
    QTest::newRow("path argument") << "cat /var/run/reboot" << false;
    QTest::newRow("other directory") << "/opt/tools/reboot" << false;
    QTest::newRow("variable") << "$reboot" << false;
}

void TestDangerRules::commandPosition()
{
    QFETCH(QString, line);
    QFETCH(bool, flagged);
    const ScriptFindings findings
        = DangerRules::check(line, ScriptLanguage::Bash, onlyRule(QStringLiteral("shutdown-reboot")));
    QCOMPARE(!findings.isEmpty(), flagged);
    if (flagged) {
        QVERIFY(line.mid(findings.first().column - 1, findings.first().length).endsWith(QStringLiteral("reboot")));
    }
}

void TestDangerRules::userCommandRule()
{
    const Result<QList<DangerRule>> user = DangerRules::fromJson(R"([{"id": "docker-prune", "command": true,
        "pattern": "docker\\h+system\\h+prune\\b", "severity": "warn", "languages": ["bash", "sh"],
        "explanation": "Removes every unused image and volume; prune by label instead."}])");
    QVERIFY2(user.ok(), qPrintable(user.errorString()));
    QVERIFY(user->first().command);
    const QList<DangerRule> rules = DangerRules::merged(DangerRules::defaults(), *user);
    const QString text = QStringLiteral("echo docker system prune\nsudo docker system prune -af\n");
    const ScriptFindings findings = DangerRules::check(text, ScriptLanguage::Bash, rules);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().code, QStringLiteral("docker-prune"));
    QCOMPARE(findings.first().line, 2);
    QCOMPARE(findings.first().column, 6);
    QCOMPARE(findings.first().length, 19);
    QCOMPARE(findings.first().severity, ScriptFinding::Severity::Warning);
    QVERIFY(DangerRules::check(text, ScriptLanguage::Python, rules).isEmpty());
}

void TestDangerRules::comments()
{
    const auto check = [](const QString& text, ScriptLanguage l = ScriptLanguage::Bash) {
        return codes(DangerRules::check(text, l, DangerRules::defaults()));
    };
    QCOMPARE(check(QStringLiteral("#!/bin/bash\n# rm -rf /\n  # reboot\n")), QStringList());
    QCOMPARE(check(QStringLiteral("echo hi # rm -rf /")), QStringList());
    QCOMPARE(check(QStringLiteral("echo hi;# reboot")), QStringList());
    // Code after code on one line is checked; a comment after it is not.
    QCOMPARE(check(QStringLiteral("echo hi; rm -rf / # cleanup")), QStringList { QStringLiteral("rm-root") });
    // A # inside quotes or inside a word is not a comment.
    QCOMPARE(check(QStringLiteral("echo \"#\"; reboot")), QStringList { QStringLiteral("shutdown-reboot") });
    QCOMPARE(check(QStringLiteral("echo '#'; reboot")), QStringList { QStringLiteral("shutdown-reboot") });
    QCOMPARE(check(QStringLiteral("echo $#; reboot")), QStringList { QStringLiteral("shutdown-reboot") });
    QCOMPARE(check(QStringLiteral("echo a\\#b; reboot")), QStringList { QStringLiteral("shutdown-reboot") });
    // Python: any # outside a string starts a comment.
    QCOMPARE(check(QStringLiteral("x=1# os.system('reboot')"), ScriptLanguage::Python), QStringList());
    QCOMPARE(check(QStringLiteral("os.system('echo #; reboot')"), ScriptLanguage::Python),
        QStringList { QStringLiteral("shutdown-reboot") });
    // Perl: $#array is code.
    QCOMPARE(check(QStringLiteral("my $n = $#a; system('reboot');"), ScriptLanguage::Perl),
        QStringList { QStringLiteral("shutdown-reboot") });
}

void TestDangerRules::crlfAndSorting()
{
    const QString text = QStringLiteral("echo start\r\nreboot\r\nmkfs.ext4 /dev/sdb; rm -rf /\r\n");
    const ScriptFindings findings = DangerRules::check(text, ScriptLanguage::Bash, DangerRules::defaults());
    QCOMPARE(codes(findings),
        (QStringList { QStringLiteral("shutdown-reboot"), QStringLiteral("mkfs"), QStringLiteral("rm-root") }));
    QCOMPARE(findings.at(0).line, 2);
    QCOMPARE(findings.at(0).length, 6); // the CR is not part of the match
    QCOMPARE(findings.at(1).line, 3);
    QCOMPARE(findings.at(1).column, 1);
    QCOMPARE(findings.at(2).line, 3);
    QCOMPARE(findings.at(2).column, 21);
}

void TestDangerRules::disabledAndLanguageFilter()
{
    QList<DangerRule> rules = onlyRule(QStringLiteral("fork-bomb"));
    const QString bomb = QStringLiteral(":(){ :|:& };:");
    QCOMPARE(DangerRules::check(bomb, ScriptLanguage::Sh, rules).size(), 1);
    QCOMPARE(DangerRules::check(bomb, ScriptLanguage::Perl, rules).size(), 0);
    rules.first().enabled = false;
    QCOMPARE(DangerRules::check(bomb, ScriptLanguage::Sh, rules).size(), 0);
    // An invalid user pattern is skipped, not fatal.
    DangerRule broken;
    broken.id = QStringLiteral("broken");
    broken.pattern = QStringLiteral("(");
    QCOMPARE(DangerRules::check(bomb, ScriptLanguage::Sh, { broken }).size(), 0);
}

void TestDangerRules::matchesStayOnTheirLine()
{
    DangerRule r;
    r.id = QStringLiteral("foo-bar");
    r.pattern = QStringLiteral(R"(foo\s+bar)");
    const ScriptFindings findings = DangerRules::check(
        QStringLiteral("foo\nbar\nfoo bar; foo  bar\nfoo\n\nbar foo bar"), ScriptLanguage::Bash, { r });
    // "foo\nbar" and "foo\n\nbar" are not matches: the whole-text pass found them, the per-line pass drops them.
    QCOMPARE(findings.size(), 3);
    QCOMPARE(findings.at(0).line, 3);
    QCOMPARE(findings.at(0).column, 1);
    QCOMPARE(findings.at(0).length, 7);
    QCOMPARE(findings.at(1).line, 3);
    QCOMPARE(findings.at(1).column, 10);
    QCOMPARE(findings.at(1).length, 8);
    QCOMPARE(findings.at(2).line, 6);
    QCOMPARE(findings.at(2).column, 5);
}

void TestDangerRules::validatePattern()
{
    QVERIFY(DangerRules::validatePattern(QStringLiteral(R"(\brm\h+-rf\b)")).ok());

    const Result<void> unmatched = DangerRules::validatePattern(QStringLiteral("ab)cd"));
    QVERIFY(!unmatched.ok());
    QCOMPARE(unmatched.error().where.column, 3);
    QVERIFY2(unmatched.error().message.contains(QStringLiteral("column 3")), qPrintable(unmatched.errorString()));
    QVERIFY2(unmatched.error().message.contains(QStringLiteral("parenthesis")), qPrintable(unmatched.errorString()));

    const Result<void> open = DangerRules::validatePattern(QStringLiteral("rm (-rf"));
    QVERIFY(!open.ok());
    QCOMPARE(open.error().where.column, 8); // at the end: where the ) is missing
    QVERIFY(open.error().message.contains(QStringLiteral("missing closing parenthesis")));

    const Result<void> empty = DangerRules::validatePattern(QString());
    QVERIFY(!empty.ok());
    QVERIFY(empty.error().message.contains(QStringLiteral("empty")));

    const Result<void> matchesEverything = DangerRules::validatePattern(QStringLiteral("x*"));
    QVERIFY(!matchesEverything.ok());
    QVERIFY(matchesEverything.error().message.contains(QStringLiteral("every line")));
}

void TestDangerRules::jsonRoundTrip()
{
    const QList<DangerRule> defaults = DangerRules::defaults();
    const Result<QList<DangerRule>> back = DangerRules::fromJson(DangerRules::toJson(defaults));
    QVERIFY2(back.ok(), qPrintable(back.errorString()));
    QCOMPARE(back->size(), defaults.size());
    for (qsizetype i = 0; i < defaults.size(); ++i) {
        QVERIFY2(back->at(i) == defaults.at(i), qPrintable(defaults.at(i).id));
    }

    DangerRule user;
    user.id = QStringLiteral("no-prod-db");
    user.languages = QStringList { QStringLiteral("bash"), QStringLiteral("python") };
    user.pattern = QStringLiteral(R"(\bprod-db\d+\b)");
    user.severity = ScriptFinding::Severity::Block;
    user.explanation = QStringLiteral("Touches a production database; use the staging one.");
    user.enabled = false;
    const Result<QList<DangerRule>> userBack = DangerRules::fromJsonArray(DangerRules::toJsonArray({ user }));
    QVERIFY2(userBack.ok(), qPrintable(userBack.errorString()));
    QCOMPARE(userBack->size(), 1);
    QVERIFY(userBack->first() == user);
    QVERIFY(!DangerRules::toJsonArray({ user }).first().toObject().contains(QStringLiteral("builtin")));

    // Optional fields take their defaults.
    const Result<QList<DangerRule>> minimal
        = DangerRules::fromJson(R"([{"id": "x", "pattern": "\\bxyz\\b", "severity": "warn"}])");
    QVERIFY2(minimal.ok(), qPrintable(minimal.errorString()));
    QCOMPARE(minimal->first().enabled, true);
    QCOMPARE(minimal->first().builtin, false);
    QVERIFY(minimal->first().languages.isEmpty());
    QCOMPARE(DangerRules::fromJson("[]")->size(), 0);
}

void TestDangerRules::jsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("syntax") << QByteArray("[\n  {\"id\": \"x\",\n   }\n]") << "JSON syntax error at line 3" << 3 << 0;
    QTest::newRow("truncated") << QByteArray("[{\"id\": ") << "JSON syntax error at line 1" << 1 << 0;
    QTest::newRow("object") << QByteArray("{\"id\": \"x\"}") << "expected a JSON array of rules" << 0 << 0;
    QTest::newRow("not an object") << QByteArray("[1]") << "rule 1: expected an object" << 0 << 0;
    QTest::newRow("no id") << QByteArray(R"([{"pattern": "x"}])") << "rule 1: \"id\" must be a non-empty string" << 0
                           << 0;
    QTest::newRow("no pattern") << QByteArray(R"([{"id": "a"}])") << "rule 1 (\"a\"): \"pattern\" must be a string" << 0
                                << 0;
    QTest::newRow("bad pattern") << QByteArray(
        R"([{"id":"a","pattern":"x","severity":"warn"},{"id":"b","pattern":"a(b"}])")
                                 << "rule 2 (\"b\"): pattern: invalid regular expression at column 4" << 0 << 0;
    QTest::newRow("bad severity") << QByteArray(R"([{"id": "a", "pattern": "x", "severity": "error"}])")
                                  << "rule 1 (\"a\"): \"severity\" must be \"warn\" or \"block\"" << 0 << 0;
    QTest::newRow("unknown language") << QByteArray(
        R"([{"id": "a", "pattern": "x", "severity": "block", "languages": ["ruby"]}])")
                                      << "may only name bash, sh, python and perl, not \"ruby\"" << 0 << 0;
    QTest::newRow("enabled not bool") << QByteArray(
        R"([{"id": "a", "pattern": "x", "severity": "block", "enabled": 1}])")
                                      << "rule 1 (\"a\"): \"enabled\" must be true or false" << 0 << 0;
    QTest::newRow("duplicate id") << QByteArray(
        R"([{"id": "a", "pattern": "x", "severity": "block"}, {"id": "a", "pattern": "y", "severity": "warn"}])")
                                  << "rule 2 (\"a\"): the id is used by an earlier rule" << 0 << 0;
}

void TestDangerRules::jsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    const Result<QList<DangerRule>> rules = DangerRules::fromJson(json);
    QVERIFY(!rules.ok());
    QVERIFY2(rules.error().message.startsWith(QStringLiteral("danger rules: ")), qPrintable(rules.errorString()));
    QVERIFY2(rules.error().message.contains(message), qPrintable(rules.errorString()));
    QCOMPARE(rules.error().where.line, line);
    if (column > 0) {
        QCOMPARE(rules.error().where.column, column);
    } else if (line > 0) {
        QVERIFY(rules.error().where.column >= 1); // Qt points at or just after the offending character
    }
}

void TestDangerRules::mergedOverridesBuiltins()
{
    const QList<DangerRule> defaults = DangerRules::defaults();
    DangerRule off = onlyRule(QStringLiteral("shutdown-reboot")).first();
    off.enabled = false;
    off.builtin = false; // as read back from settings written by hand
    DangerRule mine;
    mine.id = QStringLiteral("no-prod");
    mine.pattern = QStringLiteral(R"(\bprod\d+\b)");
    mine.severity = ScriptFinding::Severity::Block;
    mine.builtin = true; // a user rule cannot claim to be built in

    const QList<DangerRule> rules = DangerRules::merged(defaults, { mine, off });
    QCOMPARE(rules.size(), defaults.size() + 1);
    for (qsizetype i = 0; i < defaults.size(); ++i) {
        QCOMPARE(rules.at(i).id, defaults.at(i).id);
        QVERIFY(rules.at(i).builtin);
    }
    QCOMPARE(rules.constLast().id, QStringLiteral("no-prod"));
    QVERIFY(!rules.constLast().builtin);

    const QString text = QStringLiteral("reboot\nssh prod12 uptime\n");
    QCOMPARE(codes(DangerRules::check(text, ScriptLanguage::Bash, defaults)),
        QStringList { QStringLiteral("shutdown-reboot") });
    QCOMPARE(codes(DangerRules::check(text, ScriptLanguage::Bash, rules)), QStringList { QStringLiteral("no-prod") });

    // An override can also change severity or pattern.
    DangerRule stricter = onlyRule(QStringLiteral("kill-all")).first();
    stricter.severity = ScriptFinding::Severity::Block;
    const QList<DangerRule> strict = DangerRules::merged(defaults, { stricter });
    const ScriptFindings killFindings = DangerRules::check(QStringLiteral("kill -9 -1"), ScriptLanguage::Bash, strict);
    QCOMPARE(killFindings.size(), 1);
    QCOMPARE(killFindings.first().severity, ScriptFinding::Severity::Block);
    QCOMPARE(DangerRules::merged(defaults, {}), defaults);
}

void TestDangerRules::largeScriptIsFast()
{
    const QStringList block {
        QStringLiteral("#!/bin/bash"),
        QStringLiteral("set -euo pipefail  # strict mode"),
        QStringLiteral("for host in \"${HOSTS[@]}\"; do"),
        QStringLiteral("    echo \"processing $host\" && rsync -a /srv/app/ \"$host\":/srv/app/ || true"),
        QStringLiteral("    if [ -d /tmp/build ]; then rm -rf /tmp/build; fi"),
        QStringLiteral("    systemctl restart nginx; journalctl -u nginx --since today | tail -n 20"),
        QStringLiteral("    curl -fsS https://status.example.com/api | jq '.services[] | .name'"),
        QStringLiteral("done"),
    };
    QString text;
    text.reserve(5 * 1024 * 1024 + 1024);
    int lines = 0;
    int dangerous = 0;
    while (text.size() < 5 * 1024 * 1024) {
        for (const QString& line : block) {
            text += line;
            text += QLatin1Char('\n');
            ++lines;
        }
        if (lines % 8000 == 0) {
            text += QStringLiteral("ssh db1 'sudo rm -rf /var'\n");
            ++lines;
            ++dangerous;
        }
    }
    const QList<DangerRule> rules = DangerRules::defaults();
    QElapsedTimer timer;
    timer.start();
    const ScriptFindings findings = DangerRules::check(text, ScriptLanguage::Bash, rules);
    const qint64 ms = timer.elapsed();
    qInfo("checked %lld characters (%d lines) in %lld ms", static_cast<long long>(text.size()), lines,
        static_cast<long long>(ms));
    QCOMPARE(findings.size(), dangerous);
    QVERIFY(dangerous > 0);
    QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
}

void TestDangerRules::longLinesAreBounded()
{
    // One huge line full of near-misses: the rules' scans are bounded, so this stays linear.
    const QList<DangerRule> rules = DangerRules::defaults();
    for (const QString& unit : { QStringLiteral("echo rm -r x "), QStringLiteral("curl x "), QStringLiteral("dd if=x "),
             QStringLiteral("sudo "), QStringLiteral(":(){ ") }) {
        QString text;
        while (text.size() < 256 * 1024) {
            text += unit;
        }
        QElapsedTimer timer;
        timer.start();
        const ScriptFindings findings = DangerRules::check(text, ScriptLanguage::Bash, rules);
        QVERIFY(findings.isEmpty());
        QVERIFY2(timer.elapsed() < 3000, qPrintable(unit + QStringLiteral(": %1 ms").arg(timer.elapsed())));
    }
}

QTEST_GUILESS_MAIN(TestDangerRules)
#include "tst_dangerrules.moc"
