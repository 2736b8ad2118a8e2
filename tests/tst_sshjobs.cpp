// Whole jobs over the direct-SSH transport against real sshd processes on loopback (SshdFixture), where the job
// engine's decisions meet real hosts: rolling batches with a failure threshold that stops the job, pause and
// resume (in-flight hosts finish, nothing new starts), cancel (remote processes stop), retry of the failed hosts
// and of the failed plus not-started ones, and the job-wide bandwidth limit of pushes. Each port of the fixture is
// one "host".
#include "SshdFixture.h"
#include "jobs/JobEngine.h"
#include "jobs/JobEvent.h"
#include "jobs/JobState.h"
#include "ssh/SshTransport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kHosts = 20;
constexpr int kWaitMs = 60'000;

QString hostName(int i)
{
    return QStringLiteral("h%1").arg(i, 2, 10, QLatin1Char('0'));
}

// A shell case pattern of the fixture ports of the given hosts ("2201|2205"), for scripts that fail on them.
QString portPattern(const QList<int>& ports, const QList<int>& hosts)
{
    QStringList parts;
    for (const int h : hosts) {
        parts << QString::number(ports.at(h));
    }
    return parts.join(QLatin1Char('|'));
}

} // namespace

class TestSshJobs : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SshdFixture> m_sshd;
    std::unique_ptr<SshTransport> m_transport;

    JobSpec spec(const QString& script, int hosts = kHosts) const
    {
        JobSpec s;
        s.name = QStringLiteral("ssh job");
        for (int i = 0; i < hosts; ++i) {
            s.targets << hostName(i);
        }
        JobStep step;
        // $4 of SSH_CONNECTION is the server's port: which "host" this is.
        step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("set -- $SSH_CONNECTION\n") + script, {} };
        s.steps << step;
        s.timeoutSeconds = 30;
        return s;
    }

    static int count(const JobState& state, HostStatus status, const QList<int>& hosts)
    {
        int n = 0;
        for (const int h : hosts) {
            const HostState* hs = state.host(0, hostName(h));
            n += hs && hs->status == status ? 1 : 0;
        }
        return n;
    }

private slots:
    void initTestCase()
    {
        if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        qunsetenv("SSH_AUTH_SOCK");
        m_sshd = std::make_unique<SshdFixture>();
        QString error;
        QVERIFY2(m_sshd->start(kHosts, &error), qPrintable(error));
        SshTransport::Options o;
        o.knownHostsPath = m_sshd->knownHostsPath();
        m_transport = std::make_unique<SshTransport>(o);
        QHash<QString, SshTarget> targets;
        for (int i = 0; i < kHosts; ++i) {
            SshTarget t;
            t.address = QStringLiteral("127.0.0.1");
            t.port = m_sshd->ports().at(i);
            t.user = QStringLiteral("root");
            t.identityFiles = { m_sshd->clientKeyPath() };
            targets.insert(hostName(i), t);
        }
        m_transport->setTargets(targets);
    }

    void cleanupTestCase()
    {
        m_transport.reset();
        m_sshd.reset();
    }

    // Batches of 2, 4, 6, 8; hosts 2, 5, 7 and 15 fail; "stop when 3 hosts failed": the third failure comes in the
    // third batch, so the job stops there and the fourth batch never starts.
    void rollingBatchesStopAtThreshold()
    {
        const QList<int> failing { 2, 5, 7, 15 };
        JobSpec s = spec(QStringLiteral("case $4 in %1) echo failing >&2; exit 3;; esac\necho ok\n")
                             .arg(portPattern(m_sshd->ports(), failing)));
        s.plan = *RollingPlan::parse(QStringLiteral("2 +2"));
        s.failurePolicy = *FailurePolicy::parse(QStringLiteral("3"));
        s.concurrency = 0;
        JobEngine engine(s, m_transport.get());
        QSignalSpy done(&engine, &JobEngine::finished);
        QVERIFY(engine.start().ok());
        QVERIFY(done.wait(kWaitMs));
        const JobState& st = engine.state();
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Failed);
        QVERIFY2(st.stopReason().contains(QLatin1String("3")), qPrintable(st.stopReason()));
        QCOMPARE(count(st, HostStatus::Success, { 0, 1, 3, 4 }), 4);
        QCOMPARE(count(st, HostStatus::Failed, { 2, 5, 7 }), 3);
        QCOMPARE(st.host(0, hostName(7))->exitCode, 3);
        // The fourth batch (hosts 12–19) never started.
        QCOMPARE(count(st, HostStatus::NotStarted, { 12, 13, 14, 15, 16, 17, 18, 19 }), 8);
    }

    // Pause while hosts run: they finish, nothing new starts until resume; then the job completes.
    void pauseAndResume()
    {
        JobSpec s = spec(QStringLiteral("sleep 0.4; echo done\n"), 8);
        s.concurrency = 2;
        JobEngine engine(s, m_transport.get());
        QSignalSpy done(&engine, &JobEngine::finished);
        QVERIFY(engine.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(engine.state().counts().of(HostStatus::Running) == 2, kWaitMs);
        QVERIFY(engine.pause(QStringLiteral("alice")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(engine.state().status(), JobStatus::Paused, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(engine.state().counts().of(HostStatus::Running), 0, kWaitMs);
        const int finishedAtPause = engine.state().counts().finished();
        QVERIFY(finishedAtPause >= 2 && finishedAtPause < 8);
        QTest::qWait(1200); // three host durations: nothing may start meanwhile
        QCOMPARE(engine.state().counts().finished(), finishedAtPause);
        QCOMPARE(engine.state().counts().of(HostStatus::Running), 0);
        QVERIFY(engine.resume(QStringLiteral("alice")).ok());
        QVERIFY(done.wait(kWaitMs));
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Succeeded);
        QCOMPARE(engine.state().counts().of(HostStatus::Success), 8);
    }

    // Cancel stops the remote processes; retrying failed plus not-started hosts runs exactly those, again.
    void cancelThenRetryFailedAndNotStarted()
    {
        QTemporaryDir marks;
        QFile slow(marks.filePath(QStringLiteral("slow")));
        QVERIFY(slow.open(QIODevice::WriteOnly));
        slow.close();
        // While the "slow" mark exists a host hangs (to be cancelled); afterwards it answers at once.
        JobSpec s = spec(QStringLiteral("d=%1; if [ -e $d/slow ]; then touch $d/$4.started; exec sleep 61.25; fi\n"
                                        "echo ran\n")
                             .arg(marks.path()),
            6);
        s.concurrency = 3;
        JobEngine engine(s, m_transport.get());
        QSignalSpy done(&engine, &JobEngine::finished);
        QVERIFY(engine.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            QDir(marks.path()).entryList({ QStringLiteral("*.started") }, QDir::Files).size() == 3, kWaitMs);
        QVERIFY(engine.cancel(QStringLiteral("alice")).ok());
        QVERIFY(done.wait(kWaitMs));
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Cancelled);
        QCOMPARE(engine.state().counts().of(HostStatus::Cancelled), 3);
        QCOMPARE(engine.state().counts().of(HostStatus::NotStarted), 3);
        // No remote sleep is left behind.
        const auto sleeping = [] {
            return QProcess::execute(QStringLiteral("pgrep"), { QStringLiteral("-f"), QStringLiteral("sleep 61.25") })
                == 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!sleeping(), 10'000);
        QVERIFY(QFile::remove(slow.fileName()));
        done.clear();
        QVERIFY(engine.retryFailedAndNotStarted(QStringLiteral("alice")).ok());
        QVERIFY(done.wait(kWaitMs));
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Succeeded);
        QCOMPARE(engine.state().counts().of(HostStatus::Success), 6);
    }

    // Hosts that failed are retried alone; the retry's outcome replaces theirs.
    void retryFailed()
    {
        QTemporaryDir marks;
        const QList<int> flaky { 1, 4 };
        JobSpec s = spec(QStringLiteral("case $4 in %1) m=%2/$4; [ -e $m ] || { touch $m; exit 9; };; esac\necho ok\n")
                             .arg(portPattern(m_sshd->ports(), flaky), marks.path()),
            6);
        JobEngine engine(s, m_transport.get());
        QSignalSpy done(&engine, &JobEngine::finished);
        QVERIFY(engine.start().ok());
        QVERIFY(done.wait(kWaitMs));
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Failed);
        QCOMPARE(count(engine.state(), HostStatus::Failed, flaky), 2);
        done.clear();
        QVERIFY(engine.retryFailed(QStringLiteral("alice")).ok());
        QVERIFY(done.wait(kWaitMs));
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Succeeded);
        QCOMPARE(engine.state().counts().of(HostStatus::Success), 6);
        QCOMPARE(engine.state().host(0, hostName(1))->attempt, 2);
        QCOMPARE(engine.state().host(0, hostName(0))->attempt, 1); // not run again
    }

    // 2 hosts × 768 KiB at 1 MiB/s for the job: at least about 1.4 s, however fast loopback is; the files arrive
    // whole.
    void bandwidthLimitIsForTheWholeJob()
    {
        QTemporaryDir remote;
        JobSpec s;
        s.name = QStringLiteral("limited push");
        s.targets = { hostName(0), hostName(1) };
        PushFile push;
        push.content = QByteArray(768 * 1024, 'z');
        push.hasContent = true;
        push.sourcePath = QStringLiteral("blob");
        push.dest = remote.filePath(QStringLiteral("blob"));
        JobStep step;
        step.action = push;
        s.steps << step;
        s.bandwidthLimit = 1024 * 1024;
        JobEngine engine(s, m_transport.get());
        QSignalSpy done(&engine, &JobEngine::finished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(engine.start().ok());
        QVERIFY(done.wait(kWaitMs));
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Succeeded);
        qInfo("2 x 768 KiB at 1 MiB/s: %lld ms", clock.elapsed());
        QVERIFY2(clock.elapsed() >= 1200, qPrintable(QString::number(clock.elapsed())));
        QFile f(push.dest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.size(), 768 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestSshJobs)
#include "tst_sshjobs.moc"
