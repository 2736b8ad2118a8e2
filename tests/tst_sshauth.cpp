// How the direct-SSH transport authenticates, against real sshd on loopback (SshdFixture): keys held by a real
// ssh-agent (no key file given), an encrypted key file whose passphrase is asked once for all hosts, a wrong
// passphrase, and no usable key at all. Password and keyboard-interactive login are not tested here: they need an
// account with a password on this machine, which a test must not create.
#include "SshdFixture.h"
#include "jobs/JobEngine.h"
#include "jobs/JobState.h"
#include "ssh/SshTransport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

namespace {

constexpr int kWaitMs = 60'000;

QString hostName(int i)
{
    return QStringLiteral("h%1").arg(i);
}

} // namespace

class TestSshAuth : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SshdFixture> m_sshd;
    QTemporaryDir m_dir;

    SshTransport::Options options() const
    {
        SshTransport::Options o;
        o.knownHostsPath = m_sshd->knownHostsPath();
        o.sshConfigPath = QStringLiteral("none"); // no ~/.ssh/config, no default key files
        return o;
    }
    void setTargets(SshTransport& transport, int hosts, const QStringList& keys) const
    {
        for (int i = 0; i < hosts; ++i) {
            SshTarget t;
            t.address = QStringLiteral("127.0.0.1");
            t.port = m_sshd->ports().at(i);
            t.user = QStringLiteral("root");
            t.identityFiles = keys;
            transport.setTarget(hostName(i), t);
        }
    }
    // Runs `echo ok` on hosts h0 … h(n-1); returns the finished job's state.
    JobState run(SshTransport& transport, int hosts)
    {
        JobSpec spec;
        spec.name = QStringLiteral("auth");
        for (int i = 0; i < hosts; ++i) {
            spec.targets << hostName(i);
        }
        JobStep step;
        step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("echo ok"), {} };
        spec.steps << step;
        JobEngine engine(spec, &transport);
        QSignalSpy done(&engine, &JobEngine::finished);
        if (!engine.start().ok() || !done.wait(kWaitMs)) {
            return {};
        }
        return engine.state();
    }
    static bool runTool(const QString& program, const QStringList& args, const QProcessEnvironment& env = {})
    {
        QProcess p;
        if (!env.isEmpty()) {
            p.setProcessEnvironment(env);
        }
        p.start(program, args);
        if (!p.waitForFinished(20'000) || p.exitCode() != 0) {
            qWarning("%s: %s", qPrintable(program), p.readAllStandardError().constData());
            return false;
        }
        return true;
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
        QVERIFY2(m_sshd->start(3, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        qunsetenv("SSH_AUTH_SOCK");
        m_sshd.reset();
    }

    void noUsableKeyIsAuthFailed()
    {
        SshTransport transport(options());
        setTargets(transport, 1, {});
        const JobState state = run(transport, 1);
        const HostState* h = state.host(0, hostName(0));
        QVERIFY(h);
        QCOMPARE(h->status, HostStatus::AuthFailed);
        QVERIFY2(!h->message.isEmpty(), "an auth failure says what was tried");
    }

    // A real ssh-agent holds the key; the targets name no key file.
    void agentKeys()
    {
        const QString socket = m_dir.filePath(QStringLiteral("agent.sock"));
        QProcess agent;
        agent.start(QStringLiteral("ssh-agent"), { QStringLiteral("-D"), QStringLiteral("-a"), socket });
        QVERIFY(agent.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(socket), 10'000);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SSH_AUTH_SOCK"), socket);
        QVERIFY(runTool(QStringLiteral("ssh-add"), { QStringLiteral("-q"), m_sshd->clientKeyPath() }, env));
        qputenv("SSH_AUTH_SOCK", socket.toLocal8Bit());
        {
            SshTransport::Options o = options();
            o.useAgent = true;
            SshTransport transport(o);
            setTargets(transport, 3, {});
            const JobState state = run(transport, 3);
            QCOMPARE(state.counts().of(HostStatus::Success), 3);
        }
        {
            // The agent is not asked when it is turned off.
            SshTransport::Options o = options();
            o.useAgent = false;
            SshTransport transport(o);
            setTargets(transport, 1, {});
            QCOMPARE(run(transport, 1).counts().of(HostStatus::AuthFailed), 1);
        }
        qunsetenv("SSH_AUTH_SOCK");
        agent.kill();
        agent.waitForFinished();
    }

    // An encrypted key file: its passphrase is asked once for every host of the job, and a wrong one fails the
    // hosts with AuthFailed instead of hanging.
    void encryptedKeyAskedOnce()
    {
        const QString key = m_dir.filePath(QStringLiteral("encrypted"));
        QVERIFY(runTool(QStringLiteral("ssh-keygen"),
            { QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                QStringLiteral("open sesame"), QStringLiteral("-C"), QStringLiteral("test"), QStringLiteral("-f"),
                key }));
        QFile pub(key + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QFile authorized(QDir(m_sshd->dir()).filePath(QStringLiteral("authorized_keys")));
        QVERIFY(authorized.open(QIODevice::Append));
        authorized.write(pub.readAll());
        authorized.close();

        std::atomic<int> asked { 0 };
        {
            SshTransport transport(options());
            transport.setPassphraseProvider([&](const QString& file) -> std::optional<QString> {
                ++asked;
                return file == key ? std::optional<QString>(QStringLiteral("open sesame")) : std::nullopt;
            });
            setTargets(transport, 3, { key });
            const JobState state = run(transport, 3);
            QCOMPARE(state.counts().of(HostStatus::Success), 3);
            QCOMPARE(asked.load(), 1);
        }
        {
            SshTransport transport(options());
            transport.setPassphraseProvider(
                [](const QString&) { return std::optional<QString>(QStringLiteral("nope")); });
            setTargets(transport, 2, { key });
            const JobState state = run(transport, 2);
            QCOMPARE(state.counts().of(HostStatus::AuthFailed), 2);
            const HostState* h = state.host(0, hostName(0));
            QVERIFY(h);
            qInfo("wrong passphrase: %s", qPrintable(h->message));
            QVERIFY2(h->message.contains(QStringLiteral("wrong passphrase")), qPrintable(h->message));
        }
    }
};

QTEST_GUILESS_MAIN(TestSshAuth)
#include "tst_sshauth.moc"
