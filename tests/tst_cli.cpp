// opsdeck-cli end to end, through the real binary: import, list, export, query, vars, exit codes and errors.
#include "core/VarCodec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "CliRunner.h"

namespace {

using Run = CliRun;

Run cli(const QStringList& args)
{
    return runCli(args);
}

QString data(const QString& name)
{
    return QStringLiteral(OPSDECK_TEST_DATA_DIR "/cli/") + name;
}

QByteArray sha(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void helpAndUsage();
    void importCreatesWorkspace();
    void listJsonMatchesAnsible();
    void query();
    void queryError();
    void varsAndProvenance();
    void exportReimports_data();
    void exportReimports();
    void badInventoryImportsNothing();
    void importMergesDryRunAndReplace();
    void refusedWorkspaceIsUntouched();
    void unknownHost();
    void templateRenderForHost();

private:
    QString ws() const { return m_dir.filePath(QStringLiteral("ws.opsdeck")); }
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(OPSDECK_CLI_PATH)));
}

void TestCli::helpAndUsage()
{
    Run r = cli({ QStringLiteral("--help") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QLatin1String("inventory import")));
    QVERIFY(r.out.contains(QLatin1String("vars HOST")));
    // Words after -- belong to the remote command: its -w is not the workspace option.
    const QString missing = QStringLiteral("/nonexistent/ws.opsdeck");
    r = cli({ QStringLiteral("-w"), missing, QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("x"),
        QStringLiteral("--"), QStringLiteral("grep"), QStringLiteral("-w"), QStringLiteral("foo") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(missing), qPrintable(r.err));
    // `inventory --help` lists the inventory's commands (it used to be "unknown subcommand '--help'").
    r = cli({ QStringLiteral("inventory"), QStringLiteral("--help") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QLatin1String("import FILE_OR_DIR")) && r.out.contains(QLatin1String("query QUERY")),
        qPrintable(r.out + r.err));
    r = cli({ QStringLiteral("inventory"), QStringLiteral("query"), QStringLiteral("--help") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QLatin1String("QUERY")));
    r = cli({ QStringLiteral("frobnicate") });
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY(r.err.contains(QLatin1String("unknown command 'frobnicate'")));
    r = cli({ QStringLiteral("inventory"), QStringLiteral("list"), QStringLiteral("--bogus") });
    QCOMPARE(r.code, 2);
}

void TestCli::importCreatesWorkspace()
{
    QVERIFY(!QFile::exists(ws()));
    const Run r = cli({ QStringLiteral("--workspace"), ws(), QStringLiteral("inventory"), QStringLiteral("import"),
        data(QStringLiteral("hosts.ini")) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(ws()));
    QVERIFY(r.err.contains(QLatin1String("imported 5 hosts")));
}

void TestCli::listJsonMatchesAnsible()
{
    const Run r = cli(
        { QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("list"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    auto ours = VarCodec::fromJson(r.out.toUtf8());
    QVERIFY2(ours.ok(), qPrintable(ours.errorString()));
    const QString ansible = QStandardPaths::findExecutable(QStringLiteral("ansible-inventory"));
    if (ansible.isEmpty()) {
        QSKIP("ansible-inventory not installed");
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ANSIBLE_LOCAL_TEMP"), m_dir.filePath(QStringLiteral("ansible-tmp")));
    env.insert(QStringLiteral("ANSIBLE_HOME"), m_dir.filePath(QStringLiteral("ansible-home")));
    p.setProcessEnvironment(env);
    p.start(ansible, { QStringLiteral("-i"), data(QStringLiteral("hosts.ini")), QStringLiteral("--list") });
    QVERIFY(p.waitForFinished(120000));
    const QByteArray theirsText = p.readAllStandardOutput();
    auto theirs = VarCodec::fromJson(theirsText);
    QVERIFY(theirs.ok());
    QCOMPARE(VarCodec::toJson(*ours, 2), VarCodec::toJson(*theirs, 2));
    // Byte for byte, to the last newline (the CLI once printed one more).
    QCOMPARE(r.out, QString::fromUtf8(theirsText));
}

void TestCli::query()
{
    Run r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("query"),
        QStringLiteral("idc:js -name:web02") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("web01\nweb03\n"));
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("query"),
        QStringLiteral("10.1.1.*,192.0.2.*") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("bastion\ndb01\n"));
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("query"),
        QStringLiteral("group:prod tag:nginx") });
    QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 3);
}

void TestCli::queryError()
{
    const Run r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("query"),
        QStringLiteral("idc:js colour:red") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("query:1:8: unknown field 'colour:'")), qPrintable(r.err));
}

void TestCli::varsAndProvenance()
{
    Run r = cli(
        { QStringLiteral("-w"), ws(), QStringLiteral("vars"), QStringLiteral("web01"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    auto vars = VarCodec::fromJson(r.out.toUtf8());
    QVERIFY(vars.ok());
    QCOMPARE(vars->toMap().value(QStringLiteral("http_port")).toInt(), 8080);
    // group_vars/all.yml beats the inventory's [prod:vars], as Ansible does it.
    QCOMPARE(vars->toMap().value(QStringLiteral("log_level")).toString(), QStringLiteral("info"));
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("vars"), QStringLiteral("web01"),
        QStringLiteral("--provenance") });
    QCOMPARE(r.code, 0);
    QVERIFY2(
        r.out.contains(QLatin1String("log_level = \"info\"    # group_vars/all; overrides group prod had \"warning\"")),
        qPrintable(r.out));
    QVERIFY(r.out.contains(QLatin1String("http_port = 8080    # group_vars/web")));
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("vars"), QStringLiteral("web01"),
        QStringLiteral("--provenance"), QStringLiteral("--json") });
    auto prov = VarCodec::fromJson(r.out.toUtf8());
    QVERIFY(prov.ok());
    const QVariantMap logLevel = prov->toMap().value(QStringLiteral("log_level")).toMap();
    QCOMPARE(logLevel.value(QStringLiteral("source")).toString(), QStringLiteral("group_vars/all"));
    QCOMPARE(logLevel.value(QStringLiteral("overridden")).toList().size(), 1);
    // YAML text form by default.
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("vars"), QStringLiteral("db01") });
    QVERIFY(r.out.contains(QLatin1String("role: primary\n")));
}

void TestCli::exportReimports_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("ini") << "ini";
    QTest::newRow("yaml") << "yaml";
}

void TestCli::exportReimports()
{
    QFETCH(QString, format);
    const Run exported = cli({ QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("export"),
        QStringLiteral("--format"), format });
    QCOMPARE(exported.code, 0);
    const QString file = m_dir.filePath(QStringLiteral("export.") + format);
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(exported.out.toUtf8());
    f.close();
    const QString ws2 = m_dir.filePath(QStringLiteral("ws2-") + format + QStringLiteral(".opsdeck"));
    QCOMPARE(cli({ QStringLiteral("-w"), ws2, QStringLiteral("inventory"), QStringLiteral("import"), file }).code, 0);
    const Run a = cli(
        { QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("list"), QStringLiteral("--json") });
    const Run b = cli(
        { QStringLiteral("-w"), ws2, QStringLiteral("inventory"), QStringLiteral("list"), QStringLiteral("--json") });
    QCOMPARE(b.out, a.out);
}

void TestCli::badInventoryImportsNothing()
{
    const QString w = m_dir.filePath(QStringLiteral("bad.opsdeck"));
    const Run r = cli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("import"),
        data(QStringLiteral("broken.ini")) });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("broken.ini:5")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY(!QFile::exists(w)); // nothing created, nothing imported
    // Into an existing workspace: unchanged.
    const QByteArray before = sha(ws());
    const Run r2 = cli({ QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("import"),
        data(QStringLiteral("broken.ini")) });
    QCOMPARE(r2.code, 1);
    const Run list
        = cli({ QStringLiteral("-w"), ws(), QStringLiteral("inventory"), QStringLiteral("query"), QStringLiteral("") });
    QCOMPARE(list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 5);
    Q_UNUSED(before);
}

void TestCli::refusedWorkspaceIsUntouched()
{
    const QString notes = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile f(notes);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a workspace");
    f.close();
    const QByteArray before = sha(notes);
    const Run r = cli({ QStringLiteral("-w"), notes, QStringLiteral("inventory"), QStringLiteral("import"),
        data(QStringLiteral("hosts.ini")) });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("not an OpsDeck workspace")));
    QCOMPARE(sha(notes), before);
}

void TestCli::unknownHost()
{
    const Run r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("vars"), QStringLiteral("nope") });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("no host named 'nope'")));
}

void TestCli::templateRenderForHost()
{
    Run r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("template"), QStringLiteral("render"),
        data(QStringLiteral("host.j2")), QStringLiteral("--host"), QStringLiteral("web01") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("web01 8080 prod,web")); // exactly, no newline added
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("template"), QStringLiteral("render"),
        data(QStringLiteral("undefined.j2")), QStringLiteral("--host"), QStringLiteral("web01") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("undefined.j2:2:")), qPrintable(r.err));
    QVERIFY(r.err.contains(QLatin1String("no_such_var")));
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("template"), QStringLiteral("render"),
        data(QStringLiteral("host.j2")), QStringLiteral("--host"), QStringLiteral("nope") });
    QCOMPARE(r.code, 1);

    // Job variables on top of the host's, as a push with them renders: a file, then --var over it.
    const QString jobVars = m_dir.filePath(QStringLiteral("job.yml"));
    {
        QFile f(jobVars);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("http_port: 9000\ngroup_names: [job]\n");
    }
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("template"), QStringLiteral("render"),
        data(QStringLiteral("host.j2")), QStringLiteral("--host"), QStringLiteral("web01"),
        QStringLiteral("--job-vars"), jobVars });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("web01 9000 job"));
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("template"), QStringLiteral("render"),
        data(QStringLiteral("host.j2")), QStringLiteral("--host"), QStringLiteral("web01"),
        QStringLiteral("--job-vars"), jobVars, QStringLiteral("--var"), QStringLiteral("http_port=8443"),
        QStringLiteral("--var"), QStringLiteral("inventory_hostname=x=y") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("x=y 8443 job"));
    // Broken job variables name their place; a --var without = says what it wants.
    {
        QFile f(jobVars);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("http_port: 9000\ngroup_names: [job\n");
    }
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("template"), QStringLiteral("render"),
        data(QStringLiteral("host.j2")), QStringLiteral("--host"), QStringLiteral("web01"),
        QStringLiteral("--job-vars"), jobVars });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(jobVars + QStringLiteral(":")), qPrintable(r.err));
    r = cli({ QStringLiteral("-w"), ws(), QStringLiteral("template"), QStringLiteral("render"),
        data(QStringLiteral("host.j2")), QStringLiteral("--host"), QStringLiteral("web01"), QStringLiteral("--var"),
        QStringLiteral("http_port") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("--var 'http_port': give KEY=VALUE")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCli::importMergesDryRunAndReplace()
{
    // The report: a small file imported into a workspace with an inventory took away the variables of "all".
    const QString w = m_dir.filePath(QStringLiteral("merge.opsdeck"));
    QCOMPARE(cli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("import"),
                     QStringLiteral(OPSDECK_TEST_DATA_DIR "/ansible/merge/base.ini") })
                 .code,
        0);
    const auto vars = [&](const QString& host) {
        return cli({ QStringLiteral("-w"), w, QStringLiteral("vars"), host }).out;
    };
    const QString before = vars(QStringLiteral("db-01"));
    QVERIFY2(before.contains(QLatin1String("dns: 10.0.0.53")), qPrintable(before));
    QVERIFY2(before.contains(QLatin1String("ntp_servers:")), qPrintable(before));
    const auto stored = [&] { return sha(w); };
    const QByteArray untouched = stored();
    const QString overlay = QStringLiteral(OPSDECK_TEST_DATA_DIR "/ansible/merge/overlay.ini");

    // --dry-run prints the changes and writes nothing.
    Run r = cli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("import"),
        QStringLiteral("--dry-run"), overlay });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("group all (changed)\n  ~ dns: \"10.0.0.53\" → \"10.9.0.53\"")),
        qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("group farm (new)\n  + member host farm-01\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("host web-02 (changed)\n  + role: \"backend\"\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("group prod (changed)\n  + child group farm\n")), qPrintable(r.out));
    QVERIFY2(!r.out.contains(QLatin1String("  - ")), qPrintable(r.out)); // a merge removes nothing
    QVERIFY2(r.err.contains(QLatin1String("dry run (merge): added: 1 group, 2 hosts; changed: 3 groups, 1 host;")),
        qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("nothing was written")), qPrintable(r.err));
    QCOMPARE(stored(), untouched);

    // The merge itself: every variable the workspace had is still there; the file's values win.
    r = cli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("import"), overlay });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("(merge)")), qPrintable(r.err));
    const QString after = vars(QStringLiteral("db-01"));
    QVERIFY2(after.contains(QLatin1String("dns: 10.9.0.53")), qPrintable(after));
    QVERIFY2(after.contains(QLatin1String("ntp_servers:")), qPrintable(after));
    QVERIFY2(after.contains(QLatin1String("ansible_user: postgres")), qPrintable(after));
    const QString web = vars(QStringLiteral("web-01"));
    QVERIFY2(web.contains(QLatin1String("http_port: 80")) && web.contains(QLatin1String("max_clients: 500")),
        qPrintable(web));
    // Importing the same file again changes nothing and says so.
    const QByteArray merged = stored();
    r = cli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("import"), overlay });
    QVERIFY2(r.code == 0 && r.err.contains(QLatin1String("nothing to import")), qPrintable(r.err));
    QCOMPARE(stored(), merged);

    // --replace: what the file does not have goes, and the summary says so first.
    r = cli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("import"),
        QStringLiteral("--replace"), QStringLiteral("--dry-run"), overlay });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("host db-01 (removed)")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("  - ntp_servers: ")), qPrintable(r.out));
    QVERIFY2(r.err.contains(QLatin1String("dry run (replace)")) && r.err.contains(QLatin1String("removed: ")),
        qPrintable(r.err));
    QCOMPARE(stored(), merged);
    r = cli({ QStringLiteral("-w"), w, QStringLiteral("inventory"), QStringLiteral("import"),
        QStringLiteral("--replace"), overlay });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = cli({ QStringLiteral("-w"), w, QStringLiteral("vars"), QStringLiteral("db-01") });
    QVERIFY(r.code != 0);
    QVERIFY2(!vars(QStringLiteral("web-02")).contains(QLatin1String("ntp_servers")), "replace kept a variable");

    // A dry run against a workspace that does not exist creates nothing.
    const QString none = m_dir.filePath(QStringLiteral("none.opsdeck"));
    r = cli({ QStringLiteral("-w"), none, QStringLiteral("inventory"), QStringLiteral("import"),
        QStringLiteral("--dry-run"), overlay });
    QVERIFY2(r.code == 0 && r.out.contains(QLatin1String("host farm-01 (new)")), qPrintable(r.err));
    QVERIFY(!QFile::exists(none));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
