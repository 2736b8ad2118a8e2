// The direct-SSH transport (backend-client/SshTransport) against real sshd processes on loopback (SshdFixture):
// directly and under JobEngine. Each port of the fixture is one "host".
#include "SshdFixture.h"
#include "jobs/JobEngine.h"
#include "jobs/JobEvent.h"
#include "jobs/JobState.h"
#include "runner/JobLauncher.h"
#include "ssh/SshTransport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>

namespace {

constexpr int kWaitMs = 30'000;

struct Recorder : EventSink {
    QList<JobEvent> events;
    void append(const JobEvent& e) override { events.append(e); }
    QByteArray output(int step, const QString& host, OutputStream stream) const
    {
        QByteArray out;
        for (const JobEvent& e : events) {
            if (e.type == JobEvent::Type::HostOutput && e.step == step && e.host == host && e.stream == stream) {
                out += e.chunk;
            }
        }
        return out;
    }
};

// What the transport reported for each task it was given directly.
struct Outcome {
    QByteArray out;
    QByteArray err;
    std::optional<HostResult> result;
};

class Collector : public QObject {
public:
    explicit Collector(SshTransport* transport)
    {
        connect(transport, &Transport::output, this, [this](const HostTask& t, OutputStream s, const QByteArray& c) {
            (s == OutputStream::Stdout ? outcomes[key(t)].out : outcomes[key(t)].err) += c;
        });
        connect(transport, &Transport::finished, this, [this](const HostTask& t, const HostResult& r) {
            Outcome& o = outcomes[key(t)];
            if (o.result) {
                ++duplicateFinishes;
            }
            o.result = r;
        });
    }
    static QString key(const HostTask& t) { return t.host + QLatin1Char('#') + QString::number(t.attempt); }
    QHash<QString, Outcome> outcomes;
    int duplicateFinishes = 0;
};

HostWork scriptWork(
    const QString& script, const QStringList& args = {}, const QString& interpreter = QStringLiteral("/bin/sh"))
{
    HostWork work;
    work.step.action = RunScript { interpreter, script, args };
    return work;
}

QString hostName(int i)
{
    return QStringLiteral("h%1").arg(i, 2, 10, QLatin1Char('0'));
}

bool processGone(qint64 pid)
{
    // A zombie still has /proc/PID; its state is Z.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return true;
    }
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.size() > close + 2 && line.at(close + 2) == 'Z';
}

QList<qint64> readPids(const QString& path)
{
    QList<qint64> pids;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray& line : lines) {
            if (!line.trimmed().isEmpty()) {
                pids.append(line.trimmed().toLongLong());
            }
        }
    }
    return pids;
}

} // namespace

class TestSshTransport : public QObject {
    Q_OBJECT

private:
    SshTarget target(int port, const QString& key = {}) const
    {
        SshTarget t;
        t.address = QStringLiteral("127.0.0.1");
        t.port = port;
        t.user = QStringLiteral("root");
        t.identityFiles = { key.isEmpty() ? m_sshd->clientKeyPath() : key };
        return t;
    }
    SshTransport::Options options(
        SshTransport::HostKeyPolicy policy = SshTransport::HostKeyPolicy::Reject, const QString& knownHosts = {}) const
    {
        SshTransport::Options o;
        o.knownHostsPath = knownHosts.isEmpty() ? m_sshd->knownHostsPath() : knownHosts;
        o.hostKeyPolicy = policy;
        o.connectTimeoutMs = 10'000;
        o.sshConfigPath = QStringLiteral("none"); // whatever ~/.ssh/config the machine has stays out
        return o;
    }
    // Runs `script` on every host at once (targets set beforehand) and waits for all of them.
    QHash<QString, Outcome> runAll(SshTransport& transport, const QStringList& hosts, const HostWork& work)
    {
        Collector collector(&transport);
        QList<HostTask> tasks;
        for (const QString& host : hosts) {
            tasks.append({ QStringLiteral("direct"), 0, host, ++m_attempt });
            transport.start(tasks.last(), work);
        }
        QHash<QString, Outcome> out;
        const bool done = QTest::qWaitFor(
            [&] {
                return std::all_of(tasks.begin(), tasks.end(),
                    [&](const HostTask& t) { return collector.outcomes.value(Collector::key(t)).result.has_value(); });
            },
            kWaitMs);
        if (!done) {
            return {};
        }
        for (const HostTask& t : tasks) {
            out.insert(t.host, collector.outcomes.value(Collector::key(t)));
        }
        return out;
    }
    // Runs `true` on the host at `port` behind the jump host `jumpName`, an inventory host reached as `jump`.
    Outcome runBehind(SshTransport& transport, const QString& jumpName, const SshTarget& jump, int port)
    {
        transport.setTarget(jumpName, jump);
        SshTarget t = target(port);
        t.jumpHost = jumpName;
        return runOne(transport, t, scriptWork(QStringLiteral("true")));
    }
    // Starts a long command on `host`, cancels it once it runs, and checks that sshd confirmed the kill and that
    // the remote shell is gone.
    void cancelAndCheckKilled(SshTransport& transport, const QString& host, const QString& pidFile)
    {
        Collector collector(&transport);
        const HostTask task { QStringLiteral("j"), 0, host, ++m_attempt };
        transport.start(task,
            scriptWork(QStringLiteral("echo $$ > %1.tmp; mv %1.tmp %1; echo started; exec sleep 300").arg(pidFile)));
        QTRY_VERIFY_WITH_TIMEOUT(collector.outcomes.value(Collector::key(task)).out.contains("started"), kWaitMs);
        transport.cancel(task);
        QTRY_VERIFY_WITH_TIMEOUT(collector.outcomes.value(Collector::key(task)).result.has_value(), kWaitMs);
        const HostResult r = *collector.outcomes.value(Collector::key(task)).result;
        QCOMPARE(r.status, HostStatus::Cancelled);
        QVERIFY2(r.message.contains(QLatin1String("SIGKILL")), qPrintable(r.message)); // sshd confirmed the kill
        const QList<qint64> pids = readPids(pidFile);
        QCOMPARE(pids.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pids.first()), 5000);
    }
    static HostWork portWork() { return scriptWork(QStringLiteral("set -- $SSH_CONNECTION; echo \"port=$4\"")); }
    // Runs one task directly and waits for its finished().
    Outcome runOne(
        SshTransport& transport, const SshTarget& t, const HostWork& work, const QString& host = QStringLiteral("x"))
    {
        Collector collector(&transport);
        transport.setTarget(host, t);
        const HostTask task { QStringLiteral("direct"), 0, host, ++m_attempt };
        transport.start(task, work);
        const QString key = Collector::key(task);
        if (!QTest::qWaitFor([&] { return collector.outcomes.value(key).result.has_value(); }, kWaitMs)) {
            return {};
        }
        QTest::qWait(20); // any duplicate finished() would arrive now
        [&] { QCOMPARE(collector.duplicateFinishes, 0); }();
        return collector.outcomes.value(key);
    }

    std::unique_ptr<SshdFixture> m_sshd;
    int m_attempt = 0;

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        qunsetenv("SSH_AUTH_SOCK"); // no agent keys: every test says which key it uses
        m_sshd = std::make_unique<SshdFixture>();
        QString error;
        QVERIFY2(m_sshd->start(50, &error), qPrintable(error));
    }

    void cleanupTestCase() { m_sshd.reset(); }

    void commandLines()
    {
        const RunScript sh { QStringLiteral("/bin/sh"), QStringLiteral("echo"),
            { QStringLiteral("a b"), QStringLiteral("it's") } };
        QCOMPARE(SshTransport::scriptCommand(sh, {}, QStringLiteral("root")),
            QStringLiteral("/bin/sh -s -- 'a b' 'it'\\''s'"));
        QCOMPARE(SshTransport::scriptCommand(sh, QStringLiteral("root"), QStringLiteral("root")),
            QStringLiteral("/bin/sh -s -- 'a b' 'it'\\''s'"));
        QCOMPARE(SshTransport::scriptCommand(sh, QStringLiteral("nobody"), QStringLiteral("root")),
            QStringLiteral("sudo -n -u nobody -- /bin/sh -s -- 'a b' 'it'\\''s'"));
        const RunScript py { QStringLiteral("python3"), QString(), { QStringLiteral("-x") } };
        QCOMPARE(SshTransport::scriptCommand(py, {}, QStringLiteral("root")), QStringLiteral("python3 - -x"));
        const RunScript perl { QStringLiteral("/usr/bin/perl"), QString(), {} };
        QCOMPARE(SshTransport::scriptCommand(perl, {}, QStringLiteral("u")), QStringLiteral("/usr/bin/perl -"));
        QJsonObject params { { QStringLiteral("REGION"), QStringLiteral("eu west") }, { QStringLiteral("N"), 3 },
            { QStringLiteral("bad-name"), 1 }, { QStringLiteral("nested"), QJsonObject {} } };
        QCOMPARE(SshTransport::scriptCommand(sh, {}, QStringLiteral("root"), params),
            QStringLiteral("env N=3 'REGION=eu west' /bin/sh -s -- 'a b' 'it'\\''s'"));
        QCOMPARE(SshTransport::shellQuote(QString()), QStringLiteral("''"));
        QCOMPARE(SshTransport::shellQuote(QStringLiteral("/etc/x.conf")), QStringLiteral("/etc/x.conf"));
        QCOMPARE(SshTransport::shellQuote(QStringLiteral("$(rm -rf /)")), QStringLiteral("'$(rm -rf /)'"));
    }

    // 50 hosts, concurrency 20, two steps: every host answers with its own port, and the second step reuses the
    // first step's connection (same client port, one connection per host).
    void fiftyHostsThroughEngine()
    {
        SshTransport transport(options());
        QHash<QString, SshTarget> targets;
        JobSpec spec;
        spec.name = QStringLiteral("fifty");
        for (int i = 0; i < 50; ++i) {
            targets.insert(hostName(i), target(m_sshd->ports().at(i)));
            spec.targets.append(hostName(i));
        }
        transport.setTargets(targets);
        JobStep first;
        first.action = RunScript { QStringLiteral("/bin/sh"),
            QStringLiteral("set -- $SSH_CONNECTION; echo \"port=$4 client=$2\""), {} };
        JobStep second;
        second.action = RunScript { QStringLiteral("/bin/bash"),
            QStringLiteral("set -- $SSH_CONNECTION; echo \"client=$2\"; echo \"shlvl=$SHLVL\" >&2"), {} };
        spec.steps = { first, second };
        spec.concurrency = 20;
        JobEngine engine(spec, &transport);
        Recorder recorder;
        engine.addSink(&recorder);
        QSignalSpy done(&engine, &JobEngine::finished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(engine.start());
        QVERIFY(done.wait(kWaitMs * 2));
        qInfo("50 hosts x 2 steps at concurrency 20: %lld ms", clock.elapsed());
        QCOMPARE(done.first().first().value<JobStatus>(), JobStatus::Succeeded);
        for (int i = 0; i < 50; ++i) {
            const QString host = hostName(i);
            const QString out = QString::fromUtf8(recorder.output(0, host, OutputStream::Stdout));
            const QString port = QString::number(m_sshd->ports().at(i));
            QVERIFY2(out.startsWith(QStringLiteral("port=%1 client=").arg(port)),
                qPrintable(host + QLatin1String(": ") + out));
            const QString client = out.trimmed().section(QLatin1String("client="), 1);
            QCOMPARE(QString::fromUtf8(recorder.output(1, host, OutputStream::Stdout)).trimmed(),
                QStringLiteral("client=") + client);
            QCOMPARE(engine.state().host(1, host)->exitCode, 0);
        }
        QCOMPARE(transport.connectionCount(), 50);
        QCOMPARE(transport.sessionCount(), 50);
        transport.closeIdle();
        QTRY_COMPARE_WITH_TIMEOUT(transport.sessionCount(), 0, 5000);
    }

    void nonZeroExitAndStderr()
    {
        SshTransport transport(options());
        const Outcome o = runOne(transport, target(m_sshd->ports().at(0)),
            scriptWork(QStringLiteral("printf '%s|' \"$@\"; echo; echo oops >&2; exit 3"),
                { QStringLiteral("a b"), QStringLiteral("it's"), QStringLiteral("$HOME") }));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Failed);
        QCOMPARE(o.result->exitCode, 3);
        QCOMPARE(o.out, QByteArray("a b|it's|$HOME|\n"));
        QCOMPARE(o.err, QByteArray("oops\n"));
    }

    void otherInterpreters()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
            || !QFileInfo::exists(QStringLiteral("/usr/bin/perl"))) {
            QSKIP("python3 or perl missing");
        }
        SshTransport transport(options());
        Outcome o = runOne(transport, target(m_sshd->ports().at(1)),
            scriptWork(QStringLiteral("import sys\nprint(sys.argv[1:])\n"),
                { QStringLiteral("-v"), QStringLiteral("x y") }, QStringLiteral("/usr/bin/python3")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Success);
        QCOMPARE(o.out, QByteArray("['-v', 'x y']\n"));
        o = runOne(transport, target(m_sshd->ports().at(1)),
            scriptWork(QStringLiteral("print join(',', @ARGV), \"\\n\"; exit 4;"),
                { QStringLiteral("a"), QStringLiteral("b") }, QStringLiteral("/usr/bin/perl")));
        QVERIFY(o.result);
        QCOMPARE(o.result->exitCode, 4);
        QCOMPARE(o.out, QByteArray("a,b\n"));
    }

    // The engine's timeout cancels the task: the remote shell and its child are killed, not merely disconnected.
    void timeoutKillsRemoteProcess()
    {
        SshTransport transport(options());
        transport.setTarget(QStringLiteral("slow"), target(m_sshd->ports().at(2)));
        const QString pidFile = m_sshd->dir() + QStringLiteral("/timeout.pids");
        JobSpec spec;
        spec.targets = { QStringLiteral("slow") };
        JobStep step;
        step.action = RunScript { QStringLiteral("/bin/sh"),
            QStringLiteral("sleep 300 & echo $! > %1.tmp; echo $$ >> %1.tmp; mv %1.tmp %1; wait").arg(pidFile), {} };
        spec.steps = { step };
        spec.timeoutSeconds = 1;
        JobEngine engine(spec, &transport);
        QSignalSpy done(&engine, &JobEngine::finished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(engine.start());
        QVERIFY(done.wait(kWaitMs));
        const HostState* h = engine.state().host(0, QStringLiteral("slow"));
        QVERIFY(h);
        QCOMPARE(h->status, HostStatus::TimedOut);
        QVERIFY2(clock.elapsed() < 8000, "the kill was not confirmed quickly");
        const QList<qint64> pids = readPids(pidFile);
        QCOMPARE(pids.size(), 2);
        for (qint64 pid : pids) {
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QStringLiteral("pid %1 still runs").arg(pid)), 5000);
        }
    }

    void cancelKillsRemoteProcess()
    {
        SshTransport transport(options());
        transport.setTarget(QStringLiteral("c"), target(m_sshd->ports().at(3)));
        cancelAndCheckKilled(transport, QStringLiteral("c"), m_sshd->dir() + QStringLiteral("/cancel.pids"));
        if (QTest::currentTestFailed()) {
            return;
        }
        // The session survives a cancel and runs the next task.
        const Outcome next = runOne(
            transport, target(m_sshd->ports().at(3)), scriptWork(QStringLiteral("echo again")), QStringLiteral("c"));
        QVERIFY(next.result);
        QCOMPARE(next.out, QByteArray("again\n"));
        QCOMPARE(transport.connectionCount(), 1);
    }

    void closedPortIsUnreachable()
    {
        SshTransport transport(options());
        const Outcome o = runOne(transport, target(SshdFixture::closedPort()), scriptWork(QStringLiteral("true")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Unreachable);
        QVERIFY2(o.result->message.contains(QLatin1String("refused")), qPrintable(o.result->message));
    }

    void unresolvableNameIsUnreachable()
    {
        SshTransport transport(options());
        SshTarget t = target(22);
        t.address = QStringLiteral("no-such-host.invalid");
        const Outcome o = runOne(transport, t, scriptWork(QStringLiteral("true")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Unreachable);
        QVERIFY2(o.result->message.contains(QLatin1String("cannot resolve")), qPrintable(o.result->message));
    }

    // Three hosts behind one jump host: one connection to the jump host carries all three (direct-tcpip channels).
    void proxyJumpSharedByHosts()
    {
        SshTransport transport(options());
        transport.setTarget(QStringLiteral("bastion"), target(m_sshd->ports().at(11)));
        QStringList hosts;
        for (int i = 0; i < 3; ++i) {
            SshTarget t = target(m_sshd->ports().at(12 + i));
            t.jumpHost = QStringLiteral("bastion");
            hosts << QStringLiteral("behind%1").arg(i);
            transport.setTarget(hosts.last(), t);
        }
        const QHash<QString, Outcome> out = runAll(transport, hosts, portWork());
        QCOMPARE(out.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const Outcome& o = out.value(hosts.at(i));
            QVERIFY(o.result);
            QVERIFY2(o.result->status == HostStatus::Success, qPrintable(o.result->message));
            QCOMPARE(o.out, QStringLiteral("port=%1\n").arg(m_sshd->ports().at(12 + i)).toUtf8());
        }
        QCOMPARE(transport.connectionCount(), 4); // the jump host once, then each host through it
        QCOMPARE(transport.sessionCount(), 4);
        // A second step reuses everything.
        SshTarget first = target(m_sshd->ports().at(12));
        first.jumpHost = QStringLiteral("bastion");
        const Outcome again = runOne(transport, first, portWork(), hosts.first());
        QVERIFY(again.result);
        QCOMPARE(again.result->status, HostStatus::Success);
        QCOMPARE(transport.connectionCount(), 4);
        transport.closeIdle();
        QTRY_COMPARE_WITH_TIMEOUT(transport.sessionCount(), 0, 5000);
    }

    // ProxyJump a,b: b is reached through a, the host through b; 10 MiB of output crosses both tunnels intact.
    void proxyJumpChainCarriesBulkOutput()
    {
        SshTransport transport(options());
        transport.setTarget(QStringLiteral("gw1"), target(m_sshd->ports().at(15)));
        transport.setTarget(QStringLiteral("gw2"), target(m_sshd->ports().at(16)));
        SshTarget t = target(m_sshd->ports().at(17));
        t.jumpHost = QStringLiteral("gw1,gw2");
        const Outcome o
            = runOne(transport, t, scriptWork(QStringLiteral("head -c 10485760 /dev/zero | tr '\\0' x; echo done >&2")),
                QStringLiteral("far"));
        QVERIFY(o.result);
        QVERIFY2(o.result->status == HostStatus::Success, qPrintable(o.result->message));
        QCOMPARE(o.out.size(), 10 * 1024 * 1024);
        QCOMPARE(o.out.count('x'), 10 * 1024 * 1024);
        QCOMPARE(o.err, QByteArray("done\n"));
        QCOMPARE(transport.connectionCount(), 3);
        // The script's stdin crosses both tunnels too (1 MiB in, its checksum out).
        QByteArray big(1024 * 1024, 'z');
        big.append("\necho end\n");
        const Outcome in
            = runOne(transport, t, scriptWork(QStringLiteral(": ") + QString::fromLatin1(big)), QStringLiteral("far"));
        QVERIFY(in.result);
        QVERIFY2(in.result->status == HostStatus::Success, qPrintable(in.result->message));
        QCOMPARE(in.out, QByteArray("end\n"));
    }

    void pushThroughJumpHost()
    {
        SshTransport transport(options());
        transport.setTarget(QStringLiteral("bastion"), target(m_sshd->ports().at(18)));
        SshTarget t = target(m_sshd->ports().at(19));
        t.jumpHost = QStringLiteral("bastion");
        const QString destDir = m_sshd->dir() + QStringLiteral("/jump-push");
        QVERIFY(QDir().mkpath(destDir));
        HostWork w;
        PushFile p;
        p.sourcePath = QStringLiteral("blob");
        p.content = QByteArray(3 * 1024 * 1024 + 5, 'j');
        p.hasContent = true;
        p.dest = destDir + QStringLiteral("/blob");
        p.mode = QStringLiteral("0600");
        w.step.action = p;
        Outcome o = runOne(transport, t, w, QStringLiteral("pushed"));
        QVERIFY(o.result);
        QVERIFY2(o.result->status == HostStatus::Success, qPrintable(o.result->message));
        QVERIFY2(o.result->message.startsWith(QLatin1String("written")), qPrintable(o.result->message));
        QFile file(p.dest);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), p.content);
        o = runOne(transport, t, w, QStringLiteral("pushed"));
        QVERIFY(o.result);
        QCOMPARE(o.result->message, QStringLiteral("unchanged"));
        // The lent session comes back and runs commands through the tunnel again.
        o = runOne(transport, t, scriptWork(QStringLiteral("echo after")), QStringLiteral("pushed"));
        QCOMPARE(o.out, QByteArray("after\n"));
        QCOMPARE(transport.connectionCount(), 2);
    }

    void jumpHostDownIsUnreachable()
    {
        SshTransport transport(options());
        const int closed = SshdFixture::closedPort();
        // The host is up and reachable directly, but not through deadjump.
        const Outcome o = runBehind(transport, QStringLiteral("deadjump"), target(closed), m_sshd->ports().at(20));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Unreachable);
        QVERIFY2(o.result->message.contains(QStringLiteral("jump host deadjump:%1: ").arg(closed)),
            qPrintable(o.result->message));
        QVERIFY2(o.result->message.contains(QLatin1String("refused")), qPrintable(o.result->message));
    }

    // Cancel behind a jump host: the kill runs on a second channel of the host's tunnelled session.
    void cancelThroughJumpHost()
    {
        SshTransport transport(options());
        transport.setTarget(QStringLiteral("gw"), target(m_sshd->ports().at(26)));
        SshTarget t = target(m_sshd->ports().at(27));
        t.jumpHost = QStringLiteral("gw");
        transport.setTarget(QStringLiteral("behind"), t);
        cancelAndCheckKilled(transport, QStringLiteral("behind"), m_sshd->dir() + QStringLiteral("/jump-cancel.pids"));
    }

    // The jump host's sshd dies while a command runs behind it: the host fails, and the message names the jump host.
    void jumpHostDiesWhileRunning()
    {
        SshdFixture own;
        own.setPortsPerServer(1); // the jump host and the host are separate sshd processes
        QString error;
        QVERIFY2(own.start(2, &error), qPrintable(error));
        SshTransport transport(options(SshTransport::HostKeyPolicy::Reject, own.knownHostsPath()));
        transport.setTarget(QStringLiteral("gw"), target(own.ports().at(0), own.clientKeyPath()));
        SshTarget t = target(own.ports().at(1), own.clientKeyPath());
        t.jumpHost = QStringLiteral("gw");
        transport.setTarget(QStringLiteral("behind"), t);
        Collector collector(&transport);
        const HostTask task { QStringLiteral("j"), 0, QStringLiteral("behind"), ++m_attempt };
        transport.start(task, scriptWork(QStringLiteral("echo started; exec sleep 300")));
        QTRY_VERIFY_WITH_TIMEOUT(collector.outcomes.value(Collector::key(task)).out.contains("started"), kWaitMs);
        own.killServer(0);
        QTRY_VERIFY_WITH_TIMEOUT(collector.outcomes.value(Collector::key(task)).result.has_value(), kWaitMs);
        const HostResult r = *collector.outcomes.value(Collector::key(task)).result;
        QCOMPARE(r.status, HostStatus::Failed);
        QVERIFY2(r.message.contains(QStringLiteral("jump host gw:%1").arg(own.ports().at(0))), qPrintable(r.message));
        QVERIFY2(r.message.contains(QLatin1String("connection lost")), qPrintable(r.message));
        QTRY_COMPARE_WITH_TIMEOUT(transport.sessionCount(), 0, 5000); // both sessions are dropped
    }

    // The jump host is authenticated and its host key checked like any host; failures name it.
    void jumpHostAuthAndHostKey()
    {
        {
            SshTransport transport(options());
            const Outcome o = runBehind(transport, QStringLiteral("badjump"),
                target(m_sshd->ports().at(21), m_sshd->wrongClientKeyPath()), m_sshd->ports().at(22));
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::Unreachable);
            QVERIFY2(o.result->message.startsWith(
                         QStringLiteral("jump host badjump:%1: authentication failed").arg(m_sshd->ports().at(21))),
                qPrintable(o.result->message));
        }
        {
            // Only the far host is known: the jump host's key is unknown and refused.
            const QString knownHosts = m_sshd->dir() + QStringLiteral("/known_hosts.far-only");
            QVERIFY(m_sshd->writeKnownHosts(knownHosts, { m_sshd->ports().at(22) }, false));
            SshTransport transport(options(SshTransport::HostKeyPolicy::Reject, knownHosts));
            const Outcome o = runBehind(
                transport, QStringLiteral("newjump"), target(m_sshd->ports().at(21)), m_sshd->ports().at(22));
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::Unreachable);
            QVERIFY2(o.result->message.contains(
                         QStringLiteral("jump host newjump:%1: unknown host key").arg(m_sshd->ports().at(21))),
                qPrintable(o.result->message));
        }
        {
            // A jump host that cannot reach the target: the jump host says so.
            SshTransport transport(options());
            const Outcome o = runBehind(
                transport, QStringLiteral("bastion"), target(m_sshd->ports().at(21)), SshdFixture::closedPort());
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::Unreachable);
            QVERIFY2(o.result->message.contains(QLatin1String("jump host bastion:")), qPrintable(o.result->message));
            QVERIFY2(o.result->message.contains(QLatin1String("cannot reach")), qPrintable(o.result->message));
        }
        {
            // A loop in ProxyJump is refused before connecting.
            SshTransport transport(options());
            SshTarget a = target(m_sshd->ports().at(21));
            a.jumpHost = QStringLiteral("b");
            SshTarget b = target(m_sshd->ports().at(22));
            b.jumpHost = QStringLiteral("a");
            transport.setTargets({ { QStringLiteral("a"), a }, { QStringLiteral("b"), b } });
            Collector collector(&transport);
            const HostTask task { QStringLiteral("direct"), 0, QStringLiteral("a"), ++m_attempt };
            transport.start(task, scriptWork(QStringLiteral("true")));
            QTRY_VERIFY(collector.outcomes.value(Collector::key(task)).result.has_value());
            const HostResult r = *collector.outcomes.value(Collector::key(task)).result;
            QCOMPARE(r.status, HostStatus::Unreachable);
            QVERIFY2(r.message.contains(QLatin1String("ProxyJump loops")), qPrintable(r.message));
            QCOMPARE(transport.connectionCount(), 0);
        }
    }

    // ~/.ssh/config (here a file in the fixture's directory): aliases, HostName, Port, User, IdentityFile and
    // ProxyJump come from it when the inventory leaves them unset; what the inventory sets wins.
    void sshConfigHonoured()
    {
        const QString config = m_sshd->dir() + QStringLiteral("/ssh_config");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QStringLiteral("Host web-*\n"
                                  "    HostName 127.0.0.1\n"
                                  "    Port %1\n"
                                  "    User root\n"
                                  "    IdentityFile %3\n"
                                  "    ProxyJump jump-alias\n"
                                  "Host jump-alias\n"
                                  "    HostName 127.0.0.1\n"
                                  "    Port %2\n"
                                  "    User root\n"
                                  "    IdentityFile %3\n"
                                  "Match user nobody\n"
                                  "    Port 1\n")
                       .arg(m_sshd->ports().at(23))
                       .arg(m_sshd->ports().at(24))
                       .arg(m_sshd->clientKeyPath())
                       .toUtf8());
        file.close();
        SshTransport::Options o = options();
        o.sshConfigPath = config;
        SshTransport transport(o);
        SshTarget bare; // ansible_host only
        bare.address = QStringLiteral("web-1");
        SshTarget port = bare; // ansible_port wins over the configuration's Port
        port.address = QStringLiteral("web-2");
        port.port = m_sshd->ports().at(25);
        transport.setTargets({ { QStringLiteral("one"), bare }, { QStringLiteral("two"), port } });
        const QHash<QString, Outcome> out
            = runAll(transport, { QStringLiteral("one"), QStringLiteral("two") }, portWork());
        QCOMPARE(out.size(), 2);
        for (const QString& host : { QStringLiteral("one"), QStringLiteral("two") }) {
            QVERIFY(out.value(host).result);
            QVERIFY2(
                out.value(host).result->status == HostStatus::Success, qPrintable(out.value(host).result->message));
        }
        QCOMPARE(
            out.value(QStringLiteral("one")).out, QStringLiteral("port=%1\n").arg(m_sshd->ports().at(23)).toUtf8());
        QCOMPARE(
            out.value(QStringLiteral("two")).out, QStringLiteral("port=%1\n").arg(m_sshd->ports().at(25)).toUtf8());
        QCOMPARE(transport.connectionCount(), 3); // both through the one jump-alias session
        QCOMPARE(transport.sshConfigWarnings().size(), 1); // the Match block: skipped, said once, no failure
        QVERIFY(transport.sshConfigWarnings().first().startsWith(config + QStringLiteral(":12: Match")));

        // The inventory's ProxyJump=none wins over the configuration's ProxyJump: a direct connection.
        SshTarget direct = bare;
        direct.jumpHost = QStringLiteral("none");
        const Outcome d = runOne(transport, direct, portWork(), QStringLiteral("direct"));
        QVERIFY(d.result);
        QVERIFY2(d.result->status == HostStatus::Success, qPrintable(d.result->message));
        QCOMPARE(transport.connectionCount(), 4);
    }

    void wrongKeyIsAuthFailed()
    {
        SshTransport transport(options());
        const Outcome o = runOne(
            transport, target(m_sshd->ports().at(4), m_sshd->wrongClientKeyPath()), scriptWork(QStringLiteral("true")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::AuthFailed);
        QVERIFY2(o.result->message.contains(m_sshd->wrongClientKeyPath()), qPrintable(o.result->message));
    }

    void unknownHostKey()
    {
        const int port = m_sshd->ports().at(5);
        const QString knownHosts = m_sshd->dir() + QStringLiteral("/known_hosts.empty");
        QVERIFY(m_sshd->writeKnownHosts(knownHosts, {}, false));
        {
            SshTransport transport(options(SshTransport::HostKeyPolicy::Reject, knownHosts));
            const Outcome o = runOne(transport, target(port), scriptWork(QStringLiteral("true")));
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::HostKeyRejected);
            QVERIFY2(o.result->message.contains(m_sshd->hostKeyFingerprint()), qPrintable(o.result->message));
        }
        {
            // Ask without an answer yet: the host waits; "no" rejects.
            SshTransport transport(options(SshTransport::HostKeyPolicy::Ask, knownHosts));
            QList<SshTransport::HostKeyQuestion> questions;
            transport.setHostKeyAsker([&](const SshTransport::HostKeyQuestion& q, std::function<void(bool)> answer) {
                QMetaObject::invokeMethod(
                    this,
                    [&questions, q, answer] {
                        questions.append(q);
                        answer(false);
                    },
                    Qt::QueuedConnection);
            });
            const Outcome o = runOne(transport, target(port), scriptWork(QStringLiteral("true")));
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::HostKeyRejected);
            QCOMPARE(questions.size(), 1);
            QCOMPARE(questions.first().fingerprint, m_sshd->hostKeyFingerprint());
            QCOMPARE(questions.first().port, port);
        }
        {
            SshTransport transport(options(SshTransport::HostKeyPolicy::AcceptNew, knownHosts));
            const Outcome o = runOne(transport, target(port), scriptWork(QStringLiteral("echo ok")));
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::Success);
            QFile file(knownHosts);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains(QStringLiteral("[127.0.0.1]:%1 ").arg(port).toLatin1()));
        }
        {
            // Now known: Reject lets it in.
            SshTransport transport(options(SshTransport::HostKeyPolicy::Reject, knownHosts));
            const Outcome o = runOne(transport, target(port), scriptWork(QStringLiteral("echo ok")));
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::Success);
        }
    }

    void changedHostKeyIsAlwaysRejected()
    {
        const int port = m_sshd->ports().at(6);
        const QString knownHosts = m_sshd->dir() + QStringLiteral("/known_hosts.changed");
        QVERIFY(m_sshd->writeKnownHosts(knownHosts, { port }, true));
        for (auto policy : { SshTransport::HostKeyPolicy::AcceptNew, SshTransport::HostKeyPolicy::Reject }) {
            SshTransport transport(options(policy, knownHosts));
            const Outcome o = runOne(transport, target(port), scriptWork(QStringLiteral("true")));
            QVERIFY(o.result);
            QCOMPARE(o.result->status, HostStatus::HostKeyRejected);
            QVERIFY2(o.result->message.contains(QLatin1String("CHANGED")), qPrintable(o.result->message));
            QVERIFY2(o.result->message.contains(m_sshd->hostKeyFingerprint()), qPrintable(o.result->message));
        }
        QFile file(knownHosts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 1); // nothing appended
    }

    void sshdKilledDuringOutput()
    {
        SshdFixture own;
        QString error;
        QVERIFY2(own.start(1, &error), qPrintable(error));
        SshTransport transport(options(SshTransport::HostKeyPolicy::Reject, own.knownHostsPath()));
        SshTarget t = target(own.ports().first());
        t.identityFiles = { own.clientKeyPath() };
        transport.setTargets({ { QStringLiteral("a"), t }, { QStringLiteral("b"), t } });
        JobSpec spec;
        spec.targets = { QStringLiteral("a"), QStringLiteral("b") };
        JobStep step;
        step.action
            = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("while :; do echo 0123456789abcdef; done"), {} };
        spec.steps = { step };
        spec.concurrency = 2;
        JobEngine engine(spec, &transport);
        Recorder recorder;
        engine.addSink(&recorder);
        QSignalSpy done(&engine, &JobEngine::finished);
        QVERIFY(engine.start());
        QTRY_VERIFY_WITH_TIMEOUT(recorder.output(0, QStringLiteral("a"), OutputStream::Stdout).size() > 100'000
                && recorder.output(0, QStringLiteral("b"), OutputStream::Stdout).size() > 100'000,
            kWaitMs);
        own.killAll();
        QVERIFY(done.wait(kWaitMs));
        for (const QString& host : { QStringLiteral("a"), QStringLiteral("b") }) {
            const HostState* h = engine.state().host(0, host);
            QCOMPARE(h->status, HostStatus::Failed);
            QVERIFY2(h->message.contains(QLatin1String("connection lost")), qPrintable(h->message));
        }
        QTRY_COMPARE_WITH_TIMEOUT(transport.sessionCount(), 0, 5000); // the dead session is dropped
    }

    void tenMegabytesArriveComplete()
    {
        SshTransport transport(options());
        const Outcome o = runOne(transport, target(m_sshd->ports().at(7)),
            scriptWork(QStringLiteral("head -c 10485760 /dev/zero | tr '\\0' x; echo done >&2")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Success);
        QCOMPARE(o.out.size(), 10 * 1024 * 1024);
        QCOMPARE(o.out.count('x'), 10 * 1024 * 1024);
        QCOMPARE(o.err, QByteArray("done\n"));
    }

    void sudoAccount()
    {
        const RunScript sh { QStringLiteral("/bin/sh"), QStringLiteral("id -un"), {} };
        QCOMPARE(SshTransport::scriptCommand(sh, QStringLiteral("nobody"), QStringLiteral("root")),
            QStringLiteral("sudo -n -u nobody -- /bin/sh -s --"));
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/sudo"))) {
            QSKIP("sudo is not installed here: only the command line was checked");
        }
        SshTransport transport(options());
        HostWork work = scriptWork(QStringLiteral("id -un"));
        work.account = QStringLiteral("nobody");
        const Outcome o = runOne(transport, target(m_sshd->ports().at(8)), work);
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Success);
        QCOMPARE(o.out, QByteArray("nobody\n"));
    }

    void pushFile()
    {
        SshTransport transport(options());
        const QString destDir = m_sshd->dir() + QStringLiteral("/push");
        QVERIFY(QDir().mkpath(destDir));
        const QString dest = destDir + QStringLiteral("/app.conf");
        auto work = [&](const QByteArray& content, const QString& mode) {
            HostWork w;
            PushFile p;
            p.sourcePath = QStringLiteral("app.conf");
            p.content = content;
            p.hasContent = true;
            p.dest = dest;
            p.mode = mode;
            p.owner = QStringLiteral("root");
            w.step.action = p;
            return w;
        };
        const SshTarget t = target(m_sshd->ports().at(9));
        Outcome o = runOne(transport, t, work("first\n", QStringLiteral("0640")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Success);
        QVERIFY2(o.result->message.startsWith(QLatin1String("written")), qPrintable(o.result->message));
        QFile file(dest);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("first\n"));
        file.close();
        struct stat st { };
        QCOMPARE(::stat(QFile::encodeName(dest).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), 0640);

        o = runOne(transport, t, work("first\n", QStringLiteral("0640")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Success);
        QCOMPARE(o.result->message, QStringLiteral("unchanged"));

        // Same content, other mode: only the mode changes.
        o = runOne(transport, t, work("first\n", QStringLiteral("0600")));
        QVERIFY(o.result);
        QVERIFY2(o.result->message.contains(QLatin1String("mode/owner updated")), qPrintable(o.result->message));
        QCOMPARE(::stat(QFile::encodeName(dest).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), 0600);

        // New content replaces the file (a new inode: renamed into place, never rewritten in place).
        const ino_t before = st.st_ino;
        const QByteArray big(3 * 1024 * 1024 + 17, 'y');
        o = runOne(transport, t, work(big, QStringLiteral("0644")));
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Success);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), big);
        QCOMPARE(::stat(QFile::encodeName(dest).constData(), &st), 0);
        QVERIFY(st.st_ino != before);
        QCOMPARE(int(st.st_mode & 07777), 0644);
        QCOMPARE(
            QDir(destDir).entryList({ QStringLiteral("*opsdeck-tmp*") }, QDir::Files | QDir::Hidden), QStringList());
        QCOMPARE(transport.connectionCount(), 1); // pushes borrow the host's session

        // A failing push (no such directory) reports why and leaves nothing behind.
        HostWork bad = work("x", QStringLiteral("0644"));
        std::get<PushFile>(bad.step.action).dest = destDir + QStringLiteral("/missing/dir/file");
        o = runOne(transport, t, bad);
        QVERIFY(o.result);
        QCOMPARE(o.result->status, HostStatus::Failed);
        QVERIFY2(o.result->message.contains(QLatin1String("cannot create")), qPrintable(o.result->message));
        // The session is still usable afterwards.
        o = runOne(transport, t, scriptWork(QStringLiteral("echo fine")));
        QCOMPARE(o.out, QByteArray("fine\n"));
    }

    void pushTemplateThroughEngine()
    {
        SshTransport transport(options());
        const QString destDir = m_sshd->dir() + QStringLiteral("/tpl");
        QVERIFY(QDir().mkpath(destDir));
        SshTarget t = target(m_sshd->ports().at(10));
        t.vars = { { QStringLiteral("port"), 27017 },
            { QStringLiteral("members"), QStringList { QStringLiteral("a"), QStringLiteral("b") } } };
        transport.setTarget(QStringLiteral("mongo-1"), t);
        // The transport renders nothing itself: without a launcher, the test renders as the launcher does.
        transport.setTemplateRenderer([vars = t.vars](const QString& host, const HostWork& w) {
            return JobLauncher::renderTemplate(vars, host, w);
        });
        JobSpec spec;
        spec.targets = { QStringLiteral("mongo-1") };
        spec.parameters = { { QStringLiteral("env"), QStringLiteral("prod") } };
        JobStep step;
        step.action = PushTemplate { QStringLiteral("mongod.conf"),
            QStringLiteral("host={{ inventory_hostname }} port={{ port }} env={{ env }}\n{% for m in members %}- {{ m "
                           "}}\n{% endfor %}"),
            destDir + QStringLiteral("/mongod.conf"), QStringLiteral("0644"), QString() };
        JobStep broken;
        broken.action = PushTemplate { QStringLiteral("broken"), QStringLiteral("{{ nope( }}"),
            destDir + QStringLiteral("/b"), {}, {} };
        spec.steps = { step, broken };
        spec.failurePolicy = FailurePolicy {};
        JobEngine engine(spec, &transport);
        QSignalSpy done(&engine, &JobEngine::finished);
        QVERIFY(engine.start());
        QVERIFY(done.wait(kWaitMs));
        QCOMPARE(engine.state().host(0, QStringLiteral("mongo-1"))->status, HostStatus::Success);
        QFile file(destDir + QStringLiteral("/mongod.conf"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("host=mongo-1 port=27017 env=prod\n- a\n- b\n"));
        const HostState* b = engine.state().host(1, QStringLiteral("mongo-1"));
        QCOMPARE(b->status, HostStatus::Failed);
        QVERIFY2(b->message.contains(QLatin1String("broken")), qPrintable(b->message));
        QVERIFY(!QFileInfo::exists(destDir + QStringLiteral("/b")));
    }
};

QTEST_GUILESS_MAIN(TestSshTransport)
#include "tst_sshtransport.moc"
