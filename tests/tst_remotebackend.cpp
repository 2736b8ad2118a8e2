// RemoteBackend against a real opsdeck-server on loopback with the sshd fixture as its hosts: a job submitted and
// every event received once and in order, by a second backend too; pause, resume and cancel; the WebSocket dropped
// mid-job and reconnected without a lost or doubled event; the server SIGKILLed mid-job and restarted on the same
// port (the job interrupted, its output kept, the backend reconnected by itself); a refused token and an
// unreachable server, each with a message that says what to do.
#include "ServerProcess.h"
#include "SshdFixture.h"
#include "jobs/JobSpec.h"
#include "remote/RemoteBackend.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

namespace {

// What one subscription delivered.
struct Collected {
    QList<JobEvent> events;
    QString failed;

    bool finished() const { return !events.isEmpty() && events.last().type == JobEvent::Type::JobFinished; }
    bool has(JobEvent::Type type) const
    {
        return std::any_of(events.cbegin(), events.cend(), [type](const JobEvent& e) { return e.type == type; });
    }
    // Every sequence number from first+1 on, once, in order.
    bool consecutiveFrom(qint64 first) const
    {
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (events.at(i).seq != first + 1 + i) {
                return false;
            }
        }
        return true;
    }
};

void collect(JobSubscription* s, Collected* into)
{
    QObject::connect(s, &JobSubscription::jobEvent, s, [into](const JobEvent& e) { into->events << e; });
    QObject::connect(s, &JobSubscription::failed, s, [into](const QString& m) { into->failed = m; });
}

QList<QByteArray> lines(const QList<JobEvent>& events)
{
    QList<QByteArray> out;
    for (const JobEvent& e : events) {
        out << e.toJsonLine();
    }
    return out;
}

} // namespace

class TestRemoteBackend : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
    ServerProcess m_server;
    QStringList m_serverArgs;
    QString m_operator;
    QString m_viewer;

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }

    RemoteOptions options(const QString& token) const
    {
        RemoteOptions o;
        o.server = QUrl(m_server.url());
        o.token = token;
        o.reconnectMinMs = 100;
        o.reconnectMaxMs = 500;
        o.historyPollMs = 200;
        return o;
    }

    static JobSpec spec(const QString& name, const QString& script)
    {
        JobSpec s;
        s.name = name;
        s.targets = { QStringLiteral("srv-01"), QStringLiteral("srv-02") };
        JobStep step;
        step.name = name;
        step.action = RunScript { QStringLiteral("/bin/sh"), script, {} };
        s.steps << step;
        s.timeoutSeconds = 60;
        return s;
    }

private slots:
    void initTestCase()
    {
        if (!SshdFixture::unavailableReason().isEmpty()) {
            QSKIP(qPrintable(SshdFixture::unavailableReason()));
        }
        QVERIFY(m_dir.isValid());
        QString error;
        m_operator = ServerProcess::createToken(data(), QStringLiteral("operator"), QStringLiteral("op"), &error);
        QVERIFY2(!m_operator.isEmpty(), qPrintable(error));
        m_viewer = ServerProcess::createToken(data(), QStringLiteral("viewer"), QStringLiteral("wall"), &error);
        QVERIFY2(!m_viewer.isEmpty(), qPrintable(error));
        qunsetenv("SSH_AUTH_SOCK");
        m_sshd = std::make_unique<SshdFixture>();
        QVERIFY2(m_sshd->start(2, &error), qPrintable(error));
        QVERIFY2(ServerProcess::writeSshdInventory(data(), *m_sshd, 2, &error), qPrintable(error));
        m_serverArgs = QStringList { QStringLiteral("--ssh-config"), QStringLiteral("none"),
            QStringLiteral("--known-hosts"), m_sshd->knownHostsPath() };
        QVERIFY2(m_server.startServer(data(), m_serverArgs, 0, &error), qPrintable(error));
    }

    // A job submitted through one backend: every event once and in order, the same as the history holds, and a
    // second backend (a viewer, another console) sees the same events live.
    void submitAndWatch()
    {
        RemoteBackend a(options(m_operator));
        RemoteBackend b(options(m_viewer));
        // A third hears of the job without subscribing to it (its history list would refresh), from its poll.
        RemoteBackend c(options(m_viewer));
        QSignalSpy othersChanged(&c, &Backend::jobChanged);
        QCOMPARE(*a.checkConnection(), QStringLiteral("operator"));
        QTest::qWait(300); // c's first poll: what there is before
        QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Connected, 10'000);
        QSignalSpy changed(&a, &Backend::jobChanged);
        auto id = a.submit(
            spec(QStringLiteral("count"), QStringLiteral("for i in 1 2 3; do echo line $i; sleep 0.3; done\n")));
        QVERIFY2(id, qPrintable(id.errorString()));
        QVERIFY(!changed.isEmpty());
        Collected got;
        Collected live;
        auto sa = a.subscribe(*id, 0, this);
        QVERIFY2(sa, qPrintable(sa.errorString()));
        collect(*sa, &got);
        auto sb = b.subscribe(*id, 0, this);
        QVERIFY2(sb, qPrintable(sb.errorString()));
        collect(*sb, &live);
        QTRY_VERIFY_WITH_TIMEOUT(got.finished() && live.finished(), 60'000);
        QVERIFY(got.consecutiveFrom(0));
        QVERIFY(got.events.size() > 8);
        QCOMPARE(lines(live.events), lines(got.events));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(othersChanged.cbegin(), othersChanged.cend(),
                                     [&](const QList<QVariant>& args) { return args.at(0).toString() == *id; }),
            10'000);
        auto stored = a.events(*id);
        QVERIFY2(stored, qPrintable(stored.errorString()));
        QCOMPARE(lines(*stored), lines(got.events));
        // Paged reads: after a sequence number, at most a limit.
        QCOMPARE(lines(*a.events(*id, 3, 2)), lines(got.events.mid(3, 2)));

        auto state = b.state(*id);
        QVERIFY2(state, qPrintable(state.errorString()));
        QCOMPARE(state->status(), JobStatus::Succeeded);
        auto output = b.hostOutput(*id, -1, QStringLiteral("srv-02"), 1, -1);
        QVERIFY(output);
        QByteArray text;
        for (const JobEvent& e : std::as_const(*output)) {
            text += e.chunk;
        }
        QVERIFY2(text.contains("line 3") && !text.contains("line 1"), text.constData()); // the first one skipped
        auto summary = b.job(*id);
        QVERIFY2(summary, qPrintable(summary.errorString()));
        QCOMPARE(summary->status, JobStatus::Succeeded);
        QCOMPARE(summary->createdBy, QStringLiteral("op"));
        QCOMPARE(summary->stepNames, QStringList { QStringLiteral("count") });
        QCOMPARE(summary->hostCount, 2);
        JobFilter filter;
        filter.script = QStringLiteral("COUN");
        filter.statuses = { JobStatus::Succeeded, JobStatus::Failed };
        auto listed = b.jobs(filter);
        QVERIFY2(listed, qPrintable(listed.errorString()));
        QVERIFY(std::any_of(listed->cbegin(), listed->cend(), [&](const JobSummary& s) { return s.id == *id; }));
        filter.script = QStringLiteral("no such step");
        QVERIFY(b.jobs(filter)->isEmpty());
        QCOMPARE(*b.resolveId(id->left(8)), *id);

        // A late subscriber from the middle gets exactly the rest.
        Collected rest;
        auto late = b.subscribe(*id, 5, this);
        QVERIFY(late);
        collect(*late, &rest);
        QTRY_VERIFY_WITH_TIMEOUT(rest.finished(), 20'000);
        QVERIFY(rest.consecutiveFrom(5));
        QCOMPARE(lines(rest.events), lines(got.events.mid(5)));
        delete *sa;
        delete *sb;
        delete *late;

        // Errors are the server's own words; a viewer cannot run jobs and is told what to do.
        auto none = a.subscribe(QStringLiteral("no-such-job"));
        QVERIFY(!none);
        QVERIFY2(none.errorString().contains(QStringLiteral("no job with the id no-such-job")),
            qPrintable(none.errorString()));
        auto refused = b.submit(spec(QStringLiteral("count"), QStringLiteral("true\n")));
        QVERIFY(!refused);
        QVERIFY2(refused.errorString().contains(QStringLiteral("needs the operator role"))
                && refused.errorString().contains(QStringLiteral("ask its administrator")),
            qPrintable(refused.errorString()));
        QVERIFY(!refused.errorString().contains(m_viewer));
        auto danger = a.submit(spec(QStringLiteral("danger"), QStringLiteral("rm -rf /\n")));
        QVERIFY(!danger);
        QVERIFY2(danger.errorString().contains(QStringLiteral("blocking danger findings"))
                && danger.errorString().contains(QStringLiteral("(field steps[0])")),
            qPrintable(danger.errorString()));
        auto finishedPause = a.pause(*id);
        QVERIFY(!finishedPause);
        QVERIFY2(!finishedPause.errorString().isEmpty(), "a finished job cannot be paused");
    }

    void pauseResumeCancel()
    {
        RemoteBackend a(options(m_operator));
        JobSpec s = spec(QStringLiteral("slow"), QStringLiteral("sleep 1\necho done\n"));
        auto plan = RollingPlan::parse(QStringLiteral("1 100%"));
        QVERIFY(plan);
        s.plan = *plan;
        auto id = a.submit(s);
        QVERIFY2(id, qPrintable(id.errorString()));
        Collected got;
        auto sub = a.subscribe(*id, 0, this);
        QVERIFY(sub);
        collect(*sub, &got);
        auto paused = a.pause(*id);
        QVERIFY2(paused, qPrintable(paused.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(got.has(JobEvent::Type::JobPaused), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(a.state(*id)->status(), JobStatus::Paused, 20'000);
        auto resumed = a.resume(*id);
        QVERIFY2(resumed, qPrintable(resumed.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(got.has(JobEvent::Type::JobResumed), 20'000);
        auto cancelled = a.cancel(*id);
        QVERIFY2(cancelled, qPrintable(cancelled.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(got.finished(), 30'000);
        QCOMPARE(got.events.last().jobStatus, JobStatus::Cancelled);
        QVERIFY(got.consecutiveFrom(0));
        QCOMPARE(a.job(*id)->status, JobStatus::Cancelled);
        delete *sub;
    }

    // The WebSocket dropped (from this side, as a lost network would) twice while the job runs: the backend
    // reconnects by itself and subscribes again from what each subscription has; nothing lost, nothing twice.
    void droppedWebSocketMidJob()
    {
        RemoteBackend a(options(m_operator));
        QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Connected, 10'000);
        QSignalSpy states(&a, &RemoteBackend::streamStateChanged);
        auto id = a.submit(spec(QStringLiteral("chatty"),
            QStringLiteral("for i in $(seq 1 40); do echo out $i; echo err $i >&2; sleep 0.1; done\n")));
        QVERIFY2(id, qPrintable(id.errorString()));
        Collected got;
        Collected fromMiddle;
        auto sub = a.subscribe(*id, 0, this);
        QVERIFY(sub);
        collect(*sub, &got);
        auto second = a.subscribe(*id, 2, this); // two subscriptions of one job over the one connection
        QVERIFY(second);
        collect(*second, &fromMiddle);
        Collected late;
        JobSubscription* lateSub = nullptr;
        for (int drop = 0; drop < 2; ++drop) {
            const qsizetype before = got.events.size();
            QTRY_VERIFY_WITH_TIMEOUT(got.events.size() > before + 5, 20'000);
            QVERIFY2(!got.finished(), "the job ended before the connection could be dropped");
            if (drop == 1) {
                // From the start while the stream is far past it: the job is subscribed again on the same
                // connection (as after `lagging`), the others drop the repeats.
                auto s = a.subscribe(*id, 0, this);
                QVERIFY(s);
                lateSub = *s;
                collect(lateSub, &late);
                QTRY_VERIFY_WITH_TIMEOUT(late.events.size() > got.events.size() / 2, 20'000);
            }
            a.reconnect();
            QCOMPARE(a.streamState(), RemoteBackend::StreamState::Reconnecting);
            QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Connected, 10'000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(got.finished() && fromMiddle.finished() && late.finished(), 60'000);
        QCOMPARE(lines(late.events), lines(got.events));
        delete lateSub;
        QVERIFY(got.consecutiveFrom(0));
        QVERIFY(fromMiddle.consecutiveFrom(2));
        QCOMPARE(lines(got.events), lines(*a.events(*id)));
        QCOMPARE(lines(fromMiddle.events), lines(got.events.mid(2)));
        bool sawReconnecting = false;
        for (const QList<QVariant>& s : std::as_const(states)) {
            sawReconnecting = sawReconnecting
                || s.at(0).value<RemoteBackend::StreamState>() == RemoteBackend::StreamState::Reconnecting;
        }
        QVERIFY(sawReconnecting);
        delete *sub;
        delete *second;
    }

    // A token the server does not know: the calls and the connection state say so, without the token.
    void refusedToken()
    {
        const QString bad = QStringLiteral("odt_this-token-is-not-known-to-the-server-at-all");
        RemoteBackend a(options(bad));
        QSignalSpy states(&a, &RemoteBackend::streamStateChanged);
        auto info = a.checkConnection();
        QVERIFY(!info);
        QVERIFY2(info.errorString().contains(QStringLiteral("refused the token"))
                && info.errorString().contains(QStringLiteral("opsdeck-server token create")),
            qPrintable(info.errorString()));
        QVERIFY(!info.errorString().contains(bad));
        QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Unauthorized, 10'000);
        QVERIFY(!a.connectionError().contains(bad));
        QVERIFY(!a.jobs());
    }

    // Nobody listening: a message that says to check the server and the URL; the stream keeps retrying.
    void unreachableServer()
    {
        RemoteOptions o = options(m_operator);
        o.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(SshdFixture::closedPort()));
        RemoteBackend a(o);
        auto listed = a.jobs();
        QVERIFY(!listed);
        QVERIFY2(listed.errorString().contains(QStringLiteral("cannot reach the server"))
                && listed.errorString().contains(QStringLiteral("check that opsdeck-server is running")),
            qPrintable(listed.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Reconnecting, 10'000);
        QVERIFY(a.connectionError().contains(QStringLiteral("cannot reach")));
    }

    // A call waits for its answer without running this thread's event loop (nothing queued here runs meanwhile),
    // and a server that accepts but never answers costs at most the timeout.
    void callsAreSynchronousWithABound()
    {
        RemoteBackend a(options(m_operator));
        bool ran = false;
        QTimer::singleShot(0, this, [&ran] { ran = true; });
        auto listed = a.jobs();
        QVERIFY2(listed, qPrintable(listed.errorString()));
        QVERIFY(!ran);
        QTRY_VERIFY(ran);

        QTcpServer silent; // the kernel completes the handshake; nobody ever reads or answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        RemoteOptions o = options(m_operator);
        o.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        o.timeoutMs = 500;
        RemoteBackend b(o);
        QElapsedTimer clock;
        clock.start();
        auto job = b.job(QStringLiteral("any"));
        QVERIFY(!job);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(
            job.errorString().contains(QStringLiteral("did not answer within 0.5 s")), qPrintable(job.errorString()));
    }

    // https:// is verified against the system's trust store: a self-signed certificate is refused with a message
    // saying so, and accepted through the pinning hook when it is the expected one. (opsdeck-server has no TLS yet:
    // a TLS responder in a thread of its own answers GET /api/v1/info.)
    void tlsUsesTheSystemStoreAndThePinningHook()
    {
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                dir.filePath(QStringLiteral("cert.pem")), QStringLiteral("-days"), QStringLiteral("1"),
                QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                QStringLiteral("subjectAltName=IP:127.0.0.1") });
        if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0) {
            QSKIP("openssl cannot make a test certificate here");
        }
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(dir.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
        QVERIFY(certs.size() == 1 && keyFile.open(QIODevice::ReadOnly));
        const QSslKey key(&keyFile, QSsl::Ec);
        QVERIFY(!key.isNull());

        QThread thread;
        thread.start();
        auto* tls = new QSslServer;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(certs.first());
        conf.setPrivateKey(key);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls->setSslConfiguration(conf);
        tls->moveToThread(&thread);
        QObject::connect(tls, &QTcpServer::pendingConnectionAvailable, tls, [tls] {
            while (auto* socket = tls->nextPendingConnection()) {
                auto request = std::make_shared<QByteArray>();
                QObject::connect(socket, &QIODevice::readyRead, socket, [socket, request] {
                    *request += socket->readAll();
                    if (request->contains("\r\n\r\n")) {
                        const QByteArray body = R"({"name":"opsdeck-server","role":"operator"})";
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                        socket->disconnectFromHost();
                    }
                });
                QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        quint16 port = 0;
        QMetaObject::invokeMethod(
            tls,
            [tls, &port] {
                if (tls->listen(QHostAddress::LocalHost)) {
                    port = tls->serverPort();
                }
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);

        RemoteOptions o = options(m_operator);
        o.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
        o.historyPollMs = 0;
        {
            RemoteBackend untrusted(o);
            auto who = untrusted.checkConnection();
            QVERIFY(!who);
            QVERIFY2(who.errorString().contains(QStringLiteral("TLS connection"))
                    && who.errorString().contains(QStringLiteral("not trusted")),
                qPrintable(who.errorString()));
        }
        const QByteArray pinned = certs.first().digest(QCryptographicHash::Sha256);
        o.acceptSslErrors = [pinned](const QList<QSslError>&, const QList<QSslCertificate>& chain) {
            return !chain.isEmpty() && chain.first().digest(QCryptographicHash::Sha256) == pinned;
        };
        {
            RemoteBackend trusted(o);
            auto who = trusted.checkConnection();
            QVERIFY2(who, qPrintable(who.errorString()));
            QCOMPARE(*who, QStringLiteral("operator"));
        }
        QMetaObject::invokeMethod(
            tls, [tls] { delete tls; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }

    // Last: the server is killed. Restarted on the same port and data, it marks the job interrupted with everything
    // it had done; the backend reconnects by itself and the subscription gets the rest.
    void serverKilledMidJob()
    {
        RemoteBackend a(options(m_operator));
        QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Connected, 10'000);
        auto id = a.submit(spec(QStringLiteral("long"), QStringLiteral("echo before the kill\nsleep 8\necho after\n")));
        QVERIFY2(id, qPrintable(id.errorString()));
        Collected got;
        auto sub = a.subscribe(*id, 0, this);
        QVERIFY(sub);
        collect(*sub, &got);
        QTRY_VERIFY_WITH_TIMEOUT(got.has(JobEvent::Type::HostOutput), 30'000);
        // The writer commits within 100 ms; let it, as a crash after that would.
        QTest::qWait(500);
        const quint16 port = m_server.port();
        m_server.kill();
        QVERIFY(m_server.waitForFinished(5000));
        QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Reconnecting, 10'000);
        QTest::qWait(500); // a few failed attempts
        QVERIFY(a.connectionError().contains(QStringLiteral("cannot reach")));
        QString error;
        QVERIFY2(m_server.startServer(data(), m_serverArgs, port, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(a.streamState(), RemoteBackend::StreamState::Connected, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(got.finished(), 20'000);
        QCOMPARE(got.events.last().jobStatus, JobStatus::Interrupted);
        QVERIFY(got.consecutiveFrom(0));
        QCOMPARE(lines(got.events), lines(*a.events(*id)));
        QCOMPARE(a.job(*id)->status, JobStatus::Interrupted);
        QByteArray text;
        const auto output = a.hostOutput(*id, -1, QStringLiteral("srv-01"), 0, -1);
        QVERIFY2(output, qPrintable(output.errorString()));
        for (const JobEvent& e : *output) {
            text += e.chunk;
        }
        QVERIFY2(text.contains("before the kill"), text.constData());
        delete *sub;
    }

    void cleanupTestCase()
    {
        m_server.stop();
        if (m_sshd) {
            m_sshd->stop();
        }
    }
};

QTEST_GUILESS_MAIN(TestRemoteBackend)
#include "tst_remotebackend.moc"
