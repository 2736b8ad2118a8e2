// `opsdeck-cli --server URL --token-file F` against a real opsdeck-server with the sshd fixture as its hosts: `run`
// and `push` print what they print against a workspace, and every `jobs` command prints the same for the server as
// for its data directory's workspace opened with --workspace; the environment variables; the errors.
#include "CliRunner.h"
#include "ServerProcess.h"
#include "SshdFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

QStringList sortedLines(const QString& text)
{
    QStringList l = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    l.sort();
    return l;
}

} // namespace

class TestCliRemote : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
    ServerProcess m_server;
    QString m_tokenFile;
    QString m_workspace; // a workspace of its own with the same hosts, to compare with

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    QString serverWorkspace() const { return QDir(data()).filePath(QStringLiteral("workspace.opsdeck")); }
    QStringList server() const
    {
        return { QStringLiteral("--server"), m_server.url(), QStringLiteral("--token-file"), m_tokenFile };
    }
    QStringList local() const { return { QStringLiteral("--workspace"), m_workspace }; }
    QStringList sshOptions() const
    {
        return { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath(), QStringLiteral("--ssh-config"),
            QStringLiteral("none") };
    }
    // The newest job of the server whose name has `text`.
    QString newestJob(const QString& text)
    {
        const CliRun r = runCli(server()
            + QStringList { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--script"), text,
                QStringLiteral("--limit"), QStringLiteral("1") });
        return r.out.section(QLatin1Char('\t'), 0, 0);
    }

private slots:
    void initTestCase()
    {
        if (!SshdFixture::unavailableReason().isEmpty()) {
            QSKIP(qPrintable(SshdFixture::unavailableReason()));
        }
        QVERIFY(m_dir.isValid());
        QString error;
        const QString token
            = ServerProcess::createToken(data(), QStringLiteral("operator"), QStringLiteral("cli-op"), &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        m_tokenFile = m_dir.filePath(QStringLiteral("token"));
        QFile f(m_tokenFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(token.toLatin1() + '\n');
        f.close();
        qunsetenv("SSH_AUTH_SOCK");
        qunsetenv("OPSDECK_SERVER");
        qunsetenv("OPSDECK_TOKEN_FILE");
        m_sshd = std::make_unique<SshdFixture>();
        QVERIFY2(m_sshd->start(2, &error), qPrintable(error));
        QVERIFY2(ServerProcess::writeSshdInventory(data(), *m_sshd, 2, &error), qPrintable(error));
        m_workspace = m_dir.filePath(QStringLiteral("local.opsdeck"));
        QVERIFY2(ServerProcess::writeSshdInventory(m_workspace, *m_sshd, 2, &error), qPrintable(error));
        QVERIFY2(m_server.startServer(data(), sshOptions(), 0, &error), qPrintable(error));
    }

    // The same run against the server and against a workspace: the same lines on stdout and stderr.
    void runPrintsAsAgainstAWorkspace()
    {
        const QStringList run { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("srv-*"),
            QStringLiteral("--"), QStringLiteral("echo out; echo err >&2; exit 0") };
        const CliRun remote = runCli(server() + run);
        QVERIFY2(remote.code == 0, qPrintable(remote.err));
        const CliRun direct = runCli(local() + run.mid(0, 3) + sshOptions() + run.mid(3));
        QVERIFY2(direct.code == 0, qPrintable(direct.err));
        QCOMPARE(sortedLines(remote.out), sortedLines(direct.out));
        QCOMPARE(sortedLines(remote.err), sortedLines(direct.err));
        QCOMPARE(
            sortedLines(remote.out), (QStringList { QStringLiteral("srv-01: out"), QStringLiteral("srv-02: out") }));
        QVERIFY2(remote.err.contains(QStringLiteral("2 hosts: 2 success")), qPrintable(remote.err));

        // A failing host: the same summary and exit status.
        const QStringList failing { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("srv-02"),
            QStringLiteral("--"), QStringLiteral("echo no; exit 3") };
        const CliRun remoteFail = runCli(server() + failing);
        const CliRun directFail = runCli(local() + failing.mid(0, 3) + sshOptions() + failing.mid(3));
        QCOMPARE(remoteFail.code, 1);
        QCOMPARE(directFail.code, 1);
        QCOMPARE(remoteFail.out, directFail.out);
        QCOMPARE(remoteFail.err, directFail.err);

        // --json: every event as a JSON line, ending with job.finished.
        const CliRun json = runCli(server() + run.mid(0, 3) + QStringList { QStringLiteral("--json") } + run.mid(3));
        QVERIFY2(json.code == 0, qPrintable(json.err));
        const QStringList lines = json.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 5);
        for (const QString& l : lines) {
            QVERIFY2(QJsonDocument::fromJson(l.toUtf8()).isObject(), qPrintable(l));
        }
        QVERIFY(lines.last().contains(QStringLiteral("\"type\":\"job.finished\"")));
    }

    void pushPrintsAsAgainstAWorkspace()
    {
        const QString src = m_dir.filePath(QStringLiteral("motd"));
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
        f.close();
        const auto push = [&](const QStringList& where, const QString& dest, bool ssh) {
            return runCli(where
                + QStringList { QStringLiteral("push"), src, dest, QStringLiteral("--hosts"), QStringLiteral("srv-01") }
                + (ssh ? sshOptions() : QStringList()));
        };
        const CliRun remote = push(server(), m_dir.filePath(QStringLiteral("pushed-remote")), false);
        const CliRun direct = push(local(), m_dir.filePath(QStringLiteral("pushed-direct")), true);
        QVERIFY2(remote.code == 0, qPrintable(remote.err));
        QVERIFY2(direct.code == 0, qPrintable(direct.err));
        QCOMPARE(remote.out, direct.out);
        QCOMPARE(remote.err, direct.err);
        QCOMPARE(remote.out, QStringLiteral("srv-01: written (6 bytes)\n"));
    }

    // Every jobs command prints the same for the server as for its own workspace read directly.
    void jobsCommandsPrintAsTheWorkspace()
    {
        const QString id = newestJob(QStringLiteral("echo out"));
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f-]{36}$")).match(id).hasMatch(), qPrintable(id));
        const QStringList ws { QStringLiteral("--workspace"), serverWorkspace() };
        const QList<QStringList> commands {
            { QStringLiteral("jobs"), QStringLiteral("list") },
            { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json") },
            { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("failed") },
            { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--script"), QStringLiteral("PUSH") },
            { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--operator"), QStringLiteral("cli-op"),
                QStringLiteral("--limit"), QStringLiteral("2") },
            { QStringLiteral("jobs"), QStringLiteral("show"), id },
            { QStringLiteral("jobs"), QStringLiteral("show"), id.left(8), QStringLiteral("--json") },
            { QStringLiteral("jobs"), QStringLiteral("events"), id },
            { QStringLiteral("jobs"), QStringLiteral("events"), id, QStringLiteral("--after"), QStringLiteral("3") },
            { QStringLiteral("jobs"), QStringLiteral("output"), id, QStringLiteral("--host"),
                QStringLiteral("srv-01") },
        };
        for (const QStringList& c : commands) {
            const CliRun remote = runCli(server() + c);
            const CliRun direct = runCli(ws + c);
            QVERIFY2(remote.code == 0, qPrintable(c.join(u' ') + QStringLiteral(": ") + remote.err));
            QVERIFY2(!remote.out.isEmpty(),
                qPrintable(c.join(u' ') + u'\n'
                    + runCli(server() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") }).out));
            QCOMPARE(remote.out, direct.out);
            QCOMPARE(remote.err, direct.err);
        }
        // A job of four, listed; shown with its table of hosts.
        QCOMPARE(runCli(server() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") })
                     .out.count(QLatin1Char('\n')),
            4);
        QVERIFY(runCli(server() + QStringList { QStringLiteral("jobs"), QStringLiteral("show"), id })
                    .out.contains(QStringLiteral("HOST")));
        // Interventions: a finished job cannot be paused (the server says why); a step runs again.
        const CliRun pause = runCli(server() + QStringList { QStringLiteral("jobs"), QStringLiteral("pause"), id });
        QCOMPARE(pause.code, 1);
        QVERIFY2(pause.err.startsWith(QStringLiteral("opsdeck-cli: ")), qPrintable(pause.err));
        const CliRun rerun = runCli(server()
            + QStringList {
                QStringLiteral("jobs"), QStringLiteral("rerun"), id, QStringLiteral("--step"), QStringLiteral("1") });
        QVERIFY2(rerun.code == 0, qPrintable(rerun.err));
        QCOMPARE(rerun.out, QStringLiteral("job %1: rerun done (see jobs show)\n").arg(id));
        QTRY_VERIFY_WITH_TIMEOUT(!runCli(server() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") })
                                      .out.contains(QStringLiteral("\trunning\t")),
            30'000);
    }

    void environmentVariables()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OPSDECK_SERVER"), m_server.url());
        env.insert(QStringLiteral("OPSDECK_TOKEN_FILE"), m_tokenFile);
        const CliRun r = runCli({ QStringLiteral("jobs"), QStringLiteral("list") }, env);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, runCli(server() + QStringList { QStringLiteral("jobs"), QStringLiteral("list") }).out);
    }

    void errorsSayWhatToDo()
    {
        const QStringList list { QStringLiteral("jobs"), QStringLiteral("list") };
        // A token the server does not know.
        const QString bad = m_dir.filePath(QStringLiteral("bad-token"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("odt_not-a-token-the-server-knows-of-anywhere-at-all\n");
        f.close();
        CliRun r = runCli(
            QStringList { QStringLiteral("--server"), m_server.url(), QStringLiteral("--token-file"), bad } + list);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("refused the token")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("odt_not-a-token")));
        // No token file.
        r = runCli(QStringList { QStringLiteral("--server"), m_server.url() } + list);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--token-file")), qPrintable(r.err));
        // Nobody there.
        r = runCli(QStringList { QStringLiteral("--server"),
                       QStringLiteral("http://127.0.0.1:%1").arg(SshdFixture::closedPort()),
                       QStringLiteral("--token-file"), m_tokenFile }
            + list);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot reach the server")), qPrintable(r.err));
        // Commands the server has no routes for yet, and this side's SSH options.
        r = runCli(server() + QStringList { QStringLiteral("facts"), QStringLiteral("list") });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("does not work against a server yet")), qPrintable(r.err));
        r = runCli(server()
            + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("srv-01"),
                QStringLiteral("--accept-new-host-keys"), QStringLiteral("--"), QStringLiteral("true") });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("the server's own setting")), qPrintable(r.err));
        r = runCli(server()
            + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("srv-01"),
                QStringLiteral("--script"), QStringLiteral("a-library-script") });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot be run from the CLI yet")), qPrintable(r.err));
        // The server's danger gate speaks for itself; --acknowledge-danger acknowledges the built-in rules' findings.
        r = runCli(server()
            + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("srv-01"),
                QStringLiteral("--"), QStringLiteral("rm -rf /") });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("pass --acknowledge-danger")), qPrintable(r.err));
        // A query that matches nothing on the server's inventory.
        r = runCli(server()
            + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("nothing-*"),
                QStringLiteral("--"), QStringLiteral("true") });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no host matches")), qPrintable(r.err));
    }

    // Last: the server is SIGKILLed while `run` watches its job and restarted on its port: the CLI says it lost the
    // connection, reconnects by itself and ends with the job interrupted.
    void runSurvivesAServerRestart()
    {
        QProcess cli;
        cli.start(QStringLiteral(OPSDECK_CLI_PATH),
            server()
                + QStringList { QStringLiteral("run"), QStringLiteral("--hosts"), QStringLiteral("srv-01"),
                    QStringLiteral("--"), QStringLiteral("echo started; sleep 8") });
        QVERIFY(cli.waitForStarted());
        QByteArray out;
        for (int i = 0; i < 100 && !out.contains("srv-01: started"); ++i) {
            cli.waitForReadyRead(200);
            out += cli.readAllStandardOutput();
        }
        QVERIFY2(out.contains("srv-01: started"), out.constData());
        QTest::qWait(300); // the writer commits what it has within 100 ms
        const quint16 port = m_server.port();
        m_server.kill();
        QVERIFY(m_server.waitForFinished(5000));
        QTest::qWait(500);
        QString error;
        QVERIFY2(m_server.startServer(data(), sshOptions(), port, &error), qPrintable(error));
        QVERIFY(cli.waitForFinished(30'000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("reconnecting (the job goes on on the server)"))
                && err.contains(QStringLiteral("opsdeck-cli: reconnected"))
                && err.contains(QStringLiteral("(job interrupted")),
            qPrintable(err));
    }

    void cleanupTestCase()
    {
        m_server.stop();
        if (m_sshd) {
            m_sshd->stop();
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRemote)
#include "tst_cliremote.moc"
