// `opsdeck-cli workflow run|approve|status` through the real binary: the what-if preview (all succeed, one node
// failing), a local run's progress and exit codes, an approval given from a second process (refused without the
// required comment), a run killed mid-workflow shown interrupted with what it had done, --server reaching the
// server, and a four-node release against real sshd on loopback (precheck -> push template -> restart in batches `1 50%
// 100%` stopped at the first failure -> SSH probe, a rollback on the hosts the push changed).
#include "CliRunner.h"
#include "SshdInventory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char* const kLocal = R"(name: local
params:
  - name: word
    default: hi
  - name: code
    type: number
    default: "0"
nodes:
  - id: say
    kind: run-local
    command: "echo {{ params.word }}; exit {{ params.code }}"
  - id: settle
    kind: wait
    seconds: 1
edges:
  - from: say
    to: settle
)";

const char* const kApproval = R"(name: gated
nodes:
  - id: before
    kind: run-local
    command: "echo before"
  - id: ask
    kind: approval
    message: "Deploy?"
    comment_required: true
  - id: after
    kind: run-local
    command: "echo after"
edges:
  - from: before
    to: ask
  - from: ask
    to: after
)";

} // namespace

class TestCliWorkflowRun : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void whatIf();
    void runLocal();
    void approveFromAnotherProcess();
    void killedRunIsInterrupted();
    void serverCommands();
    void releaseAgainstSshd();

private:
    QStringList ws(const QString& name = QStringLiteral("w.opsdeck")) const
    {
        return { QStringLiteral("--workspace"), m_dir.filePath(name) };
    }
    QString writeFile(const QString& name, const QByteArray& text) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        f.write(text);
        return path;
    }
    void import(const char* yaml, const QString& file, const QString& wsName = QStringLiteral("w.opsdeck"))
    {
        const CliRun r = runCli(
            ws(wsName) + QStringList { QStringLiteral("workflow"), QStringLiteral("import"), writeFile(file, yaml) });
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }
    // Starts `workflow run` in the background and waits for `line` in its output; returns the run's job id.
    QString startAndWaitFor(QProcess& p, const QStringList& args, const QString& line)
    {
        p.start(QStringLiteral(OPSDECK_CLI_PATH), args);
        QElapsedTimer t;
        t.start();
        QString out;
        while (t.elapsed() < 20000 && !out.contains(line)) {
            p.waitForReadyRead(100);
            out += QString::fromUtf8(p.readAllStandardOutput());
        }
        m_seen = out;
        const auto m = QRegularExpression(QStringLiteral("workflow ([0-9a-f-]{36}): started")).match(out);
        return out.contains(line) && m.hasMatch() ? m.captured(1) : QString();
    }

    QTemporaryDir m_dir;
    QString m_seen;
    std::unique_ptr<SshdFixture> m_sshd;
};

void TestCliWorkflowRun::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QByteArray ini = "[web]\nw1 ansible_host=127.0.0.1\nw2 ansible_host=127.0.0.1\nw3 ansible_host=127.0.0.1\n";
    const CliRun r = runCli(ws()
        + QStringList {
            QStringLiteral("inventory"), QStringLiteral("import"), writeFile(QStringLiteral("hosts.ini"), ini) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    import(kLocal, QStringLiteral("local.yml"));
    import(kApproval, QStringLiteral("gated.yml"));
}

void TestCliWorkflowRun::cleanupTestCase()
{
    if (m_sshd) {
        m_sshd->stop();
    }
}

void TestCliWorkflowRun::whatIf()
{
    const char* yaml = R"(name: release
targets:
  groups: [web]
nodes:
  - id: push
    kind: run-script
    inline: "true"
  - id: restart
    kind: run-script
    inline: "true"
    plan: "1 50% 100%"
    targets:
      succeeded_in: push
  - id: rollback
    kind: run-script
    inline: "true"
    targets:
      succeeded_in: push
edges:
  - from: push
    to: restart
  - from: restart
    to: rollback
    kind: failure
)";
    import(yaml, QStringLiteral("release.yml"));
    const CliRun r = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("release"),
            QStringLiteral("--what-if") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out,
        QStringLiteral("what-if: release on 3 host(s) (nothing runs)\n"
                       "1\tpush\trun-script\tsucceeded\t3 host(s) in 1 batch(es)\n"
                       "2\trestart\trun-script\tsucceeded\t3 host(s) in 2 batch(es): 1 2\n"
                       "3\trollback\trun-script\tskipped\t(no incoming edge was taken)\n"
                       "outcome: succeeded\n"));
    const CliRun f = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("release"),
            QStringLiteral("--what-if"), QStringLiteral("--fail"), QStringLiteral("restart"), QStringLiteral("--hosts"),
            QStringLiteral("w1") });
    QVERIFY2(f.code == 0, qPrintable(f.err));
    QVERIFY2(f.out.contains(QStringLiteral("3\trollback\trun-script\tsucceeded\t1 host(s) in 1 batch(es)\n")),
        qPrintable(f.out));
    // Nothing ran: no job in the history.
    const CliRun jobs = runCli(ws() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") });
    QCOMPARE(jobs.out, QString());
    const CliRun bad = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("release"),
            QStringLiteral("--what-if"), QStringLiteral("--fail"), QStringLiteral("nope") });
    QCOMPARE(bad.code, 2);
}

void TestCliWorkflowRun::runLocal()
{
    const CliRun ok = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("local"),
            QStringLiteral("--param"), QStringLiteral("word=bonjour") });
    QVERIFY2(ok.code == 0, qPrintable(ok.err + ok.out));
    QVERIFY(ok.out.contains(QStringLiteral("node say: started\n")));
    QVERIFY(ok.out.contains(QStringLiteral("  say: bonjour\n")));
    QVERIFY(ok.out.contains(QStringLiteral("node settle: succeeded\n")));
    QVERIFY(ok.out.contains(QStringLiteral(": succeeded\n")));

    // A node that fails without a failure edge: the workflow failed, exit 1.
    const CliRun failed = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("local"),
            QStringLiteral("--param"), QStringLiteral("code=4") });
    QCOMPARE(failed.code, 1);
    QVERIFY(failed.out.contains(QStringLiteral("node say: failed: exit code 4\n")));
    QVERIFY(failed.out.contains(QStringLiteral("node settle: skipped")));
    QVERIFY(failed.out.contains(QStringLiteral(": failed: failed nodes: say\n")));

    // Parameters are checked before anything runs.
    const CliRun bad = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("local"),
            QStringLiteral("--param"), QStringLiteral("code=x") });
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains(QStringLiteral("'x' is not a number")));
}

void TestCliWorkflowRun::approveFromAnotherProcess()
{
    QProcess p;
    const QString job = startAndWaitFor(p,
        ws() + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("gated") },
        QStringLiteral("waiting for approval: Deploy?"));
    QVERIFY2(!job.isEmpty(), qPrintable(m_seen));
    const CliRun noComment = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("approve"), job.left(8), QStringLiteral("ask") });
    QCOMPARE(noComment.code, 2);
    QVERIFY(noComment.err.contains(QStringLiteral("needs a comment")));
    const CliRun wrongNode = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("approve"), job, QStringLiteral("after"),
            QStringLiteral("--comment"), QStringLiteral("x") });
    QCOMPARE(wrongNode.code, 1);
    const CliRun yes = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("approve"), job, QStringLiteral("ask"),
            QStringLiteral("--comment"), QStringLiteral("change 4711 approved") });
    QVERIFY2(yes.code == 0, qPrintable(yes.err));
    QVERIFY(yes.out.contains(QStringLiteral("ask: approved by ")));
    QVERIFY(p.waitForFinished(20000));
    const QString out = m_seen + QString::fromUtf8(p.readAllStandardOutput());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(out.contains(QStringLiteral(": change 4711 approved\n")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("  after: after\n")));
    const CliRun status = runCli(ws() + QStringList { QStringLiteral("workflow"), QStringLiteral("status"), job });
    QVERIFY2(status.code == 0, qPrintable(status.err));
    QVERIFY(status.out.contains(QStringLiteral("status\tsucceeded\n")));
    QVERIFY(status.out.contains(QStringLiteral("node\task\tsucceeded\tattempt 1\tapprove by ")));
}

void TestCliWorkflowRun::killedRunIsInterrupted()
{
    QProcess p;
    const QString job = startAndWaitFor(p,
        ws() + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("gated") },
        QStringLiteral("waiting for approval"));
    QVERIFY2(!job.isEmpty(), qPrintable(m_seen));
    p.kill(); // SIGKILL: the console dies mid-workflow
    QVERIFY(p.waitForFinished(5000));
    const CliRun status = runCli(ws() + QStringList { QStringLiteral("workflow"), QStringLiteral("status"), job });
    QVERIFY2(status.code == 0, qPrintable(status.err));
    QVERIFY2(status.out.contains(QStringLiteral("status\tinterrupted\n")), qPrintable(status.out));
    QVERIFY(status.out.contains(QStringLiteral("message\tthe workflow was interrupted: ")));
    QVERIFY(status.out.contains(QStringLiteral("node\tbefore\tsucceeded\t"))); // what it had done
    QVERIFY(status.out.contains(QStringLiteral("node\task\tinterrupted\t")));
    QVERIFY(status.out.contains(QStringLiteral("node\tafter\tpending\t")));
    const CliRun jobs = runCli(ws() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") });
    QVERIFY(jobs.out.contains(job + QStringLiteral("\t")));
    QVERIFY(jobs.out.split(QLatin1Char('\n')).filter(job).first().contains(QStringLiteral("\tinterrupted\t")));
    // Too late to approve.
    const CliRun late = runCli(ws()
        + QStringList { QStringLiteral("workflow"), QStringLiteral("approve"), job, QStringLiteral("ask"),
            QStringLiteral("--comment"), QStringLiteral("x") });
    QCOMPARE(late.code, 1);
}

void TestCliWorkflowRun::serverCommands()
{
    // The workflow commands go to the server (tst_serverworkflows runs them against a real one): an unreachable one
    // is reported; validate and diff are not among them.
    const QStringList server { QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
        QStringLiteral("--token-file"), writeFile(QStringLiteral("token"), "t\n"), QStringLiteral("workflow") };
    CliRun r = runCli(server + QStringList { QStringLiteral("run"), QStringLiteral("local") });
    QCOMPARE(r.code, 1);
    QVERIFY2(!r.err.contains(QStringLiteral("does not work against a server")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("127.0.0.1:1")), qPrintable(r.err));
    r = runCli(server + QStringList { QStringLiteral("validate"), QStringLiteral("x.yml") });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("does not work against a server")), qPrintable(r.err));
}

void TestCliWorkflowRun::releaseAgainstSshd()
{
    if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
        QSKIP(qPrintable(why));
    }
    constexpr int kHosts = 4;
    m_sshd = std::make_unique<SshdFixture>();
    QString error;
    QVERIFY2(m_sshd->start(kHosts, &error), qPrintable(error));
    const QByteArray ini = sshdIniGroup(*m_sshd, kHosts);
    const QString sshWs = QStringLiteral("ssh.opsdeck");
    CliRun r = runCli(ws(sshWs)
        + QStringList {
            QStringLiteral("inventory"), QStringLiteral("import"), writeFile(QStringLiteral("ssh.ini"), ini) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString tpl = writeFile(QStringLiteral("app.conf.j2"), "listen {{ ansible_port }}\n");
    r = runCli(ws(sshWs)
        + QStringList { QStringLiteral("template"), QStringLiteral("add"), tpl, QStringLiteral("--name"),
            QStringLiteral("app.conf") });
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QString out = QDir(m_dir.path()).filePath(QStringLiteral("remote"));
    QVERIFY(QDir().mkpath(out));
    // restart fails on the host whose sshd listens on params.fail_port; the rollback writes one marker per host.
    const QByteArray yaml = QStringLiteral(R"(name: release
params:
  - name: fail_port
    type: number
    default: "0"
targets:
  groups: [web]
nodes:
  - id: precheck
    kind: run-script
    inline: "test -d %1"
  - id: push
    kind: push-template
    template: app.conf
    dest: "%1/app.conf"
  - id: restart
    kind: run-script
    inline: "set -- $SSH_CONNECTION; test \"$4\" != \"$FAIL_PORT\""
    plan: "1 50% 100%"
    fail_at: "1"
    targets:
      succeeded_in: push
    params:
      FAIL_PORT: "{{ params.fail_port }}"
  - id: probe
    kind: probe
    probe: ssh
    interval: 1
    deadline: 10
    targets:
      succeeded_in: restart
  - id: rollback
    kind: run-script
    inline: "set -- $SSH_CONNECTION; echo rolled > %1/rolled-$4"
    fail_at: continue
    targets:
      succeeded_in: push
edges:
  - from: precheck
    to: push
  - from: push
    to: restart
  - from: restart
    to: probe
  - from: restart
    to: rollback
    kind: failure
  - from: probe
    to: rollback
    kind: failure
)")
                                .arg(out)
                                .toUtf8();
    r = runCli(ws(sshWs)
        + QStringList {
            QStringLiteral("workflow"), QStringLiteral("import"), writeFile(QStringLiteral("rel.yml"), yaml) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList known { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath() };

    // Everything succeeds: the probe reaches every host's sshd, the rollback is skipped.
    r = runCli(ws(sshWs) + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("release") }
        + known);
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(QStringLiteral("node probe: succeeded (4 succeeded, 0 failed)\n")));
    QVERIFY(r.out.contains(QStringLiteral("node rollback: skipped")));
    QVERIFY(QFile::exists(QDir(out).filePath(QStringLiteral("app.conf"))));

    // The second host fails in the restart's second batch: the first failure stops it (lb-04 never restarts),
    // the probe is skipped and the rollback runs on exactly the hosts the push changed.
    const int failPort = m_sshd->ports().at(1);
    r = runCli(ws(sshWs)
        + QStringList { QStringLiteral("workflow"), QStringLiteral("run"), QStringLiteral("release"),
            QStringLiteral("--param"), QStringLiteral("fail_port=%1").arg(failPort) }
        + known);
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err)); // the failure edge handled it (docs/workflows.md)
    QVERIFY2(r.out.contains(QStringLiteral("  restart: lb-02: failed (exit 1)\n")), qPrintable(r.out));
    QVERIFY(!r.out.contains(QStringLiteral("  restart: lb-04:")));
    QVERIFY(r.out.contains(QStringLiteral("node probe: skipped")));
    QVERIFY(r.out.contains(QStringLiteral("node rollback: started on 4 host(s)")));
    QVERIFY(r.out.contains(QStringLiteral("node rollback: succeeded (4 succeeded, 0 failed)")));
    for (int port : m_sshd->ports()) {
        QVERIFY(QFile::exists(QDir(out).filePath(QStringLiteral("rolled-%1").arg(port))));
    }
    m_sshd->stop();
}

QTEST_GUILESS_MAIN(TestCliWorkflowRun)
#include "tst_cliworkflowrun.moc"
