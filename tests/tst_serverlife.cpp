// opsdeck-server's life as a process, each case with its own real server on loopback and a real sshd as the
// hosts: SIGTERM lets running hosts finish and starts nothing new; SIGKILL then a restart keeps every job and its
// output (the running one interrupted); TLS with a test CA (HTTPS and wss://); the fleet-wide event subscription
// with resume; the configuration file (its errors name file and line, its limits apply); WebSocket connections
// count towards the connection limit; per-token request rates; a subscriber too slow to read is told `lagging` and
// catches up by subscribing again.
#include "ScriptJobBody.h"
#include "SshdInventory.h"
#include "inventory/Inventory.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobSpec.h"
#include "jobs/JobStore.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

namespace {

struct Reply {
    int status = 0;
    QJsonObject json;
    QByteArray raw;
};

// One opsdeck-server process over a data directory (kept across restarts), on 127.0.0.1.
class ServerProcess {
public:
    explicit ServerProcess(QString data)
        : m_data(std::move(data))
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QString token(const QString& role)
    {
        QProcess p;
        p.start(QStringLiteral(OPSDECK_SERVER_PATH),
            { QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), m_data,
                QStringLiteral("--role"), role, QStringLiteral("--name"), role });
        p.waitForFinished(30'000);
        return QString::fromLatin1(p.readAllStandardOutput().trimmed());
    }

    // Starts on `port` (0: a free one) with `extra` arguments; returns false with the log in *error.
    bool start(const QStringList& extra, quint16 port = 0, QString* error = nullptr)
    {
        m_log.clear();
        m_process.start(QStringLiteral(OPSDECK_SERVER_PATH),
            QStringList { QStringLiteral("--data"), m_data, QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--ssh-config"), QStringLiteral("none") }
                + extra);
        if (!m_process.waitForStarted(10'000)) {
            return false;
        }
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        m_port = 0;
        for (int i = 0; i < 150 && m_port == 0 && m_process.state() == QProcess::Running; ++i) {
            m_process.waitForReadyRead(200);
            m_log += m_process.readAllStandardError();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_log));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
            }
        }
        if (m_port == 0 && error) {
            *error = QString::fromUtf8(m_log + m_process.readAllStandardError());
        }
        return m_port != 0;
    }

    quint16 port() const { return m_port; }
    QProcess& process() { return m_process; }
    QByteArray log()
    {
        m_log += m_process.readAllStandardError();
        return m_log;
    }

    Reply request(const QString& method, const QString& path, const QString& token, const QByteArray& body = {})
    {
        QByteArray req
            = method.toLatin1() + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        if (!token.isEmpty()) {
            req += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        }
        if (!body.isEmpty() || method == QLatin1String("POST")) {
            req += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        Reply r;
        if (!s.waitForConnected(10'000)) {
            return r;
        }
        s.write(req + "\r\n" + body);
        while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(10'000)) {
            r.raw += s.readAll();
        }
        r.raw += s.readAll();
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("^HTTP/1.1 (\\d{3}) ")).match(QString::fromLatin1(r.raw.left(40)));
        r.status = m.hasMatch() ? m.captured(1).toInt() : -1;
        const qsizetype at = r.raw.indexOf("\r\n\r\n");
        if (at >= 0) {
            r.json = QJsonDocument::fromJson(r.raw.mid(at + 4)).object();
        }
        return r;
    }

private:
    QString m_data;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_log;
};

bool run(const QString& program, const QStringList& args, const QString& dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    return p.waitForFinished(60'000) && p.exitCode() == 0;
}

QByteArray specBody(const QStringList& targets, const QString& script, int concurrency = 20)
{
    return scriptJobBody(targets, script, concurrency);
}

} // namespace

class TestServerLife : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SshdFixture> m_sshd;

    // A data directory whose inventory has `count` hosts srv-01… on the sshd fixture.
    QStringList prepareHosts(const QString& data, int count)
    {
        auto ws = Workspace::open(
            QDir(data).filePath(QStringLiteral("workspace.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            return {};
        }
        const Inventory inventory = sshdInventory(*m_sshd, count);
        QStringList names;
        for (const Host& h : inventory.hosts()) {
            names << h.name;
        }
        return (*ws)->saveInventory(inventory) ? names : QStringList();
    }

    QStringList sshArgs() const { return { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath() }; }

    // Waits (10 s at most) until the job's stored events contain `text` at least `count` times.
    static bool waitForEvents(
        ServerProcess& server, const QString& token, const QString& id, const QByteArray& text, int count)
    {
        for (int waited = 0; waited < 10'000; waited += 50) {
            const Reply r = server.request(
                QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=1000").arg(id), token);
            if (r.raw.count(text) >= count) {
                return true;
            }
            QTest::qWait(50);
        }
        return false;
    }

    static QString waitForStatus(ServerProcess& server, const QString& token, const QString& id,
        const std::function<bool(const QJsonObject&)>& done, int timeoutMs = 30'000)
    {
        for (int waited = 0; waited < timeoutMs; waited += 100) {
            const Reply r = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, token);
            if (done(r.json)) {
                return r.json.value(QStringLiteral("status")).toString();
            }
            QTest::qWait(100);
        }
        return QStringLiteral("(timed out)");
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
        QVERIFY2(m_sshd->start(4, &error), qPrintable(error));
    }

    // SIGTERM while hosts run: they finish (within the grace period), nothing new starts, new work is refused with
    // 503 shutting_down, the process exits 0, and the job is interrupted with what it did kept.
    void sigtermLetsRunningHostsFinish()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList hosts = prepareHosts(data, 4);
        QCOMPARE(hosts.size(), 4);
        ServerProcess server(data);
        const QString op = server.token(QStringLiteral("operator"));
        QString error;
        QVERIFY2(server.start(sshArgs() + QStringList { QStringLiteral("--grace"), QStringLiteral("20") }, 0, &error),
            qPrintable(error));
        // Two at a time: srv-01 and srv-02 run while srv-03 and srv-04 wait their turn.
        Reply r = server.request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op,
            specBody(hosts, QStringLiteral("sleep 2; echo finished-$(hostname)\n"), 2));
        QVERIFY2(r.status == 201, r.raw.constData());
        const QString id = r.json.value(QStringLiteral("id")).toString();
        QVERIFY(waitForEvents(server, op, id, "\"host.started\"", 2)); // two hosts are running
        server.process().terminate();
        // Once the signal is taken (the log says so), the API still answers while it drains, and says no to new work.
        for (int waited = 0; waited < 5000 && !server.log().contains("stopping: no new work"); waited += 20) {
            server.process().waitForReadyRead(20);
        }
        r = server.request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op,
            specBody(hosts.mid(0, 1), QStringLiteral("true\n")));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("shutting_down"));
        QVERIFY(server.process().waitForFinished(20'000));
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
        const QByteArray log = server.log();
        QVERIFY2(log.contains("stopping: no new work; 2 host(s) of 1 job(s)"), log.constData());

        auto ws = Workspace::open(QDir(data).filePath(QStringLiteral("workspace.opsdeck")));
        QVERIFY2(ws, qPrintable(ws.errorString()));
        JobStore store(**ws);
        auto summary = store.job(id);
        QVERIFY(summary);
        QCOMPARE(summary->status, JobStatus::Interrupted);
        auto events = store.events(id);
        QVERIFY(events);
        int succeeded = 0;
        int started = 0;
        QByteArray output;
        for (const JobEvent& e : *events) {
            started += e.type == JobEvent::Type::HostStarted ? 1 : 0;
            succeeded += e.type == JobEvent::Type::HostFinished && e.hostStatus == HostStatus::Success ? 1 : 0;
            output += e.type == JobEvent::Type::HostOutput ? e.chunk : QByteArray();
        }
        QCOMPARE(started, 2); // nothing new started
        QCOMPARE(succeeded, 2); // what ran, finished
        QVERIFY2(output.contains("finished-"), output.constData());
    }

    // SIGKILL mid-job, then a restart on the same port and data: the job is interrupted with its output kept, and
    // the server serves as before.
    void sigkillThenRestartKeepsTheJob()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList hosts = prepareHosts(data, 2);
        ServerProcess server(data);
        const QString op = server.token(QStringLiteral("operator"));
        QString error;
        QVERIFY2(server.start(sshArgs(), 0, &error), qPrintable(error));
        Reply r = server.request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op,
            specBody(hosts, QStringLiteral("echo before-$((40 + 2))-kill; sleep 30\n")));
        QVERIFY2(r.status == 201, r.raw.constData());
        const QString id = r.json.value(QStringLiteral("id")).toString();
        QVERIFY(waitForEvents(server, op, id, "before-42-kill", 2)); // both hosts printed
        const quint16 port = server.port();
        server.process().kill();
        QVERIFY(server.process().waitForFinished(5000));
        QVERIFY2(server.start(sshArgs(), port, &error), qPrintable(error));
        QVERIFY2(server.log().contains("1 job(s) were interrupted"), server.log().constData());
        r = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, op);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
        r = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=1000").arg(id), op);
        QCOMPARE(r.raw.count("before-42-kill"), 2);
        QVERIFY(r.raw.contains("\"job.finished\""));
        // And it runs new work.
        r = server.request(
            QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op, specBody(hosts, QStringLiteral("true\n")));
        QVERIFY2(r.status == 201, r.raw.constData());
        const QString next = r.json.value(QStringLiteral("id")).toString();
        QCOMPARE(waitForStatus(server, op, next,
                     [](const QJsonObject& j) { return !j.value(QStringLiteral("finishedAt")).isNull(); }),
            QStringLiteral("succeeded"));
    }

    // HTTPS and wss:// with a certificate from a test CA: a client trusting the CA talks to it; one that does not
    // is refused in the handshake; plain HTTP on the TLS port gets nothing.
    void tlsWithATestCa()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        QVERIFY(run(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                QStringLiteral("/CN=OpsDeck test CA") },
            d));
        QVERIFY(run(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1") },
            d));
        QFile ext(dir.filePath(QStringLiteral("ext.cnf")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1\n");
        ext.close();
        QVERIFY(run(QStringLiteral("openssl"),
            { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("ext.cnf") },
            d));
        ServerProcess server(dir.filePath(QStringLiteral("data")));
        const QString viewer = server.token(QStringLiteral("viewer"));
        QString error;
        QVERIFY2(server.start({ QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("server.pem")),
                                  QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("server.key")) },
                     0, &error),
            qPrintable(error));
        QVERIFY(server.log().contains("(TLS)"));

        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.setCaCertificates(QSslCertificate::fromPath(dir.filePath(QStringLiteral("ca.pem"))));
        const auto get = [&](const QSslConfiguration& ssl, QNetworkReply::NetworkError* code) {
            QNetworkAccessManager nam; // its own: a manager reuses connections whatever the configuration
            QNetworkRequest req(QUrl(QStringLiteral("https://127.0.0.1:%1/api/v1/info").arg(server.port())));
            req.setRawHeader("Authorization", "Bearer " + viewer.toLatin1());
            req.setSslConfiguration(ssl);
            QNetworkReply* reply = nam.get(req);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(10'000);
            *code = reply->error();
            const QByteArray body = reply->readAll();
            reply->deleteLater();
            return body;
        };
        QNetworkReply::NetworkError code = QNetworkReply::NoError;
        const QByteArray info = get(trusting, &code);
        QCOMPARE(code, QNetworkReply::NoError);
        QCOMPARE(
            QJsonDocument::fromJson(info).object().value(QStringLiteral("role")).toString(), QStringLiteral("viewer"));
        (void)get(QSslConfiguration::defaultConfiguration(), &code);
        QCOMPARE(code, QNetworkReply::SslHandshakeFailedError);
        // Plain HTTP to the TLS port: no answer in HTTP.
        const Reply plain = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), viewer);
        QCOMPARE(plain.status, -1);

        // wss:// with the same trust: the events socket answers.
        QWebSocket ws;
        ws.setSslConfiguration(trusting);
        QNetworkRequest upgrade(QUrl(QStringLiteral("wss://127.0.0.1:%1/api/v1/events").arg(server.port())));
        upgrade.setRawHeader("Authorization", "Bearer " + viewer.toLatin1());
        QSignalSpy connected(&ws, &QWebSocket::connected);
        QSignalSpy messages(&ws, &QWebSocket::textMessageReceived);
        ws.open(upgrade);
        QVERIFY(connected.wait(10'000));
        ws.sendTextMessage(QStringLiteral(R"({"type":"subscribe","job":"no-such-job"})"));
        QVERIFY(messages.wait(10'000));
        const QJsonObject answer = QJsonDocument::fromJson(messages.first().first().toString().toUtf8()).object();
        QCOMPARE(answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("not_found"));
        ws.close();
    }

    // One subscription for every job: jobs submitted after it are followed from their first event, every event
    // once and in order per job; a second connection resuming with `after` gets only what followed.
    void fleetSubscription()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList hosts = prepareHosts(data, 2);
        ServerProcess server(data);
        const QString op = server.token(QStringLiteral("operator"));
        const QString viewer = server.token(QStringLiteral("viewer"));
        QString error;
        QVERIFY2(server.start(sshArgs(), 0, &error), qPrintable(error));

        QWebSocket ws;
        QNetworkRequest upgrade(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/events").arg(server.port())));
        upgrade.setRawHeader("Authorization", "Bearer " + viewer.toLatin1());
        QSignalSpy connected(&ws, &QWebSocket::connected);
        QMap<QString, QList<qint64>> seqs; // per job, in arrival order
        QMap<QString, int> finished;
        QStringList errors;
        connect(&ws, &QWebSocket::textMessageReceived, this, [&](const QString& text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            if (o.value(QStringLiteral("type")).toString() != QLatin1String("event")) {
                errors << text;
                return;
            }
            const QString job = o.value(QStringLiteral("job")).toString();
            const QJsonObject e = o.value(QStringLiteral("event")).toObject();
            seqs[job] << e.value(QStringLiteral("seq")).toInteger();
            finished[job] += e.value(QStringLiteral("type")).toString() == QLatin1String("job.finished") ? 1 : 0;
        });
        ws.open(upgrade);
        QVERIFY(connected.wait(10'000));
        ws.sendTextMessage(QStringLiteral(R"({"type":"subscribe","fleet":true,"job":"x"})"));
        ws.sendTextMessage(QStringLiteral(R"({"type":"subscribe","fleet":true,"after":{"j":-1}})"));
        ws.sendTextMessage(QStringLiteral(R"({"type":"subscribe","fleet":true})"));
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 2, 5000);
        QVERIFY(errors.at(0).contains("\"field\":\"fleet\""));
        QVERIFY(errors.at(1).contains("\"field\":\"after\""));
        QTest::qWait(200); // the subscription is in place
        QStringList ids;
        for (int i = 0; i < 2; ++i) {
            const Reply r = server.request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op,
                specBody(hosts, QStringLiteral("for i in 1 2 3; do echo line $i; done\n")));
            QVERIFY2(r.status == 201, r.raw.constData());
            ids << r.json.value(QStringLiteral("id")).toString();
        }
        QTRY_VERIFY_WITH_TIMEOUT(finished.value(ids.at(0)) == 1 && finished.value(ids.at(1)) == 1, 30'000);
        QCOMPARE(errors.size(), 2);
        for (const QString& id : ids) {
            const Reply stored = server.request(
                QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=1000").arg(id), op);
            const int count = int(stored.json.value(QStringLiteral("events")).toArray().size());
            QList<qint64> expected;
            for (int s = 1; s <= count; ++s) {
                expected << s;
            }
            QCOMPARE(seqs.value(id), expected); // once each, in order, none missing
        }

        // Resuming: the first job from its middle, the second as seen in full; nothing since then is running.
        QWebSocket second;
        QSignalSpy connected2(&second, &QWebSocket::connected);
        QList<qint64> resumed;
        QStringList resumedJobs;
        connect(&second, &QWebSocket::textMessageReceived, this, [&](const QString& text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            resumedJobs << o.value(QStringLiteral("job")).toString();
            resumed << o.value(QStringLiteral("event")).toObject().value(QStringLiteral("seq")).toInteger();
        });
        second.open(upgrade);
        QVERIFY(connected2.wait(10'000));
        const qint64 middle = seqs.value(ids.at(0)).size() / 2;
        second.sendTextMessage(QStringLiteral(R"({"type":"subscribe","fleet":true,"after":{"%1":%2,"%3":%4}})")
                                   .arg(ids.at(0))
                                   .arg(middle)
                                   .arg(ids.at(1))
                                   .arg(seqs.value(ids.at(1)).size()));
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), int(seqs.value(ids.at(0)).size() - middle), 10'000);
        QCOMPARE(resumed.first(), middle + 1);
        QCOMPARE(resumed.last(), qint64(seqs.value(ids.at(0)).size()));
        QCOMPARE(QSet<QString>(resumedJobs.begin(), resumedJobs.end()), QSet<QString> { ids.at(0) });
        QTest::qWait(300);
        QCOMPARE(resumed.size(), int(seqs.value(ids.at(0)).size() - middle)); // and no more
    }

    // A pushed file is stored once by its SHA-256: the job's events name the hash, not the bytes; the same bytes
    // pushed again are not stored twice; the hosts get exactly the bytes; a hash nothing was stored under is refused.
    void filesAreStoredOnceByHash()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList hosts = prepareHosts(data, 2);
        ServerProcess server(data);
        const QString op = server.token(QStringLiteral("operator"));
        QString error;
        QVERIFY2(server.start(sshArgs(), 0, &error), qPrintable(error));
        QByteArray bytes;
        for (int i = 0; i < 4000; ++i) {
            bytes += "line " + QByteArray::number(i) + " of a config file\n";
        }
        const QString dest = dir.filePath(QStringLiteral("pushed.conf"));
        const auto pushSpec = [&](const QString& sha) {
            JobSpec spec;
            spec.name = QStringLiteral("push");
            spec.targets = hosts;
            PushFile push;
            push.sourcePath = QStringLiteral("app.conf");
            if (sha.isEmpty()) {
                push.content = bytes;
                push.hasContent = true;
            } else {
                push.contentSha256 = sha;
            }
            push.dest = dest;
            JobStep step;
            step.action = push;
            spec.steps << step;
            spec.timeoutSeconds = 60;
            return QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact);
        };
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        QStringList ids;
        for (const QString& given : { QString(), QString(), sha }) {
            const Reply r = server.request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op, pushSpec(given));
            QVERIFY2(r.status == 201, r.raw.constData());
            ids << r.json.value(QStringLiteral("id")).toString();
            QCOMPARE(waitForStatus(server, op, ids.last(),
                         [](const QJsonObject& j) { return !j.value(QStringLiteral("finishedAt")).isNull(); }),
                QStringLiteral("succeeded"));
            QFile pushed(dest);
            QVERIFY(pushed.open(QIODevice::ReadOnly));
            QCOMPARE(pushed.readAll(), bytes);
            QVERIFY(QFile::remove(dest));
            const Reply events = server.request(
                QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=1000").arg(ids.last()), op);
            QVERIFY(events.raw.contains(("\"contentSha256\":\"" + sha + "\"").toLatin1()));
            QVERIFY(!events.raw.contains("contentBase64"));
            QVERIFY(events.raw.size() < bytes.size()); // the bytes are not in the events
        }
        // A hash nothing was stored under: refused before anything starts, the hash named.
        const QString unknown(64, u'0');
        const Reply refused
            = server.request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op, pushSpec(unknown));
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.raw.contains(unknown.toLatin1()), refused.raw.constData());
        server.process().terminate();
        QVERIFY(server.process().waitForFinished(10'000));
        auto ws = Workspace::open(QDir(data).filePath(QStringLiteral("workspace.opsdeck")));
        QVERIFY(ws);
        QSqlQuery q((*ws)->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), sum(size) FROM file_blobs")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toLongLong(), qint64(bytes.size()));
    }

    // A subscriber that does not read: the server stops feeding it at `subscriber_queue` waiting messages (256 here,
    // so that even a slow build produces that many while the client sleeps) and says `lagging` with the last
    // sequence number sent; subscribing again from there (no unsubscribe needed) gets the rest, in order.
    // A raw WebSocket over a socket with a tiny receive buffer, so that nothing is read until the test says.
    void laggingSubscriberCatchesUpBySubscribingAgain()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        constexpr int kHosts = 4'000; // 3 events each (output is merged per host): some 12,000 in all
        QString id;
        {
            auto ws = Workspace::open(
                QDir(data).filePath(QStringLiteral("workspace.opsdeck")), Workspace::OpenMode::CreateIfMissing);
            QVERIFY(ws);
            FakeTransport fake;
            fake.defaultBehaviour.line = "a line of output, the same on every host";
            fake.defaultBehaviour.repeatLine = 1;
            auto backend = DirectBackend::open(**ws, &fake);
            QVERIFY(backend);
            JobSpec spec;
            spec.name = QStringLiteral("chatty");
            for (int i = 0; i < kHosts; ++i) {
                spec.targets << QStringLiteral("h%1").arg(i);
            }
            spec.concurrency = 0;
            JobStep step;
            step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("yes"), {} };
            spec.steps << step;
            auto submitted = (*backend)->submit(spec);
            QVERIFY(submitted);
            id = *submitted;
            QTRY_VERIFY_WITH_TIMEOUT((*backend)->job(id) && isFinal((*backend)->job(id)->status), 60'000);
        }
        ServerProcess server(data);
        const QString viewer = server.token(QStringLiteral("viewer"));
        const QString conf = dir.filePath(QStringLiteral("server.conf"));
        {
            QFile f(conf);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[limits]\nsubscriber_queue = 256\n");
        }
        QString error;
        QVERIFY2(server.start({ QStringLiteral("--config"), conf }, 0, &error), qPrintable(error));
        const Reply stored = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, viewer);
        const qint64 lastSeq = stored.json.value(QStringLiteral("lastSeq")).toInteger();
        QVERIFY2(lastSeq > 3 * kHosts, qPrintable(QString::number(lastSeq)));

        QTcpSocket s;
        s.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        s.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(s.waitForConnected(5000));
        s.write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer "
            + viewer.toLatin1() + "\r\n\r\n");
        QByteArray in;
        while (!in.contains("\r\n\r\n") && s.waitForReadyRead(5000)) {
            in += s.readAll();
        }
        QVERIFY2(in.startsWith("HTTP/1.1 101"), in.constData());
        in = in.mid(in.indexOf("\r\n\r\n") + 4);
        const auto sendText = [&s](const QByteArray& text) { // a masked client frame (mask 0: the payload as is)
            QByteArray frame("\x81", 1);
            if (text.size() < 126) { // the shortest length form: anything else is a protocol error
                frame += char(0x80 | text.size());
            } else {
                frame += char(0x80 | 126);
                frame += char(text.size() >> 8);
                frame += char(text.size() & 0xff);
            }
            frame += QByteArray(4, '\0');
            s.write(frame + text);
            s.flush();
        };
        // Server frames are unmasked: text (in fragments when long), with a 7-, 16- or 64-bit length.
        QByteArray partial; // a fragmented message so far
        const auto nextMessage = [&s, &in, &partial]() -> QByteArray {
            for (int waited = 0; waited < 300; ++waited) { // 30 s without a whole message: stalled
                if (in.size() >= 2) {
                    quint64 len = quint8(in.at(1)) & 0x7f;
                    int header = 2;
                    if (len == 126 && in.size() >= 4) {
                        len = (quint64(quint8(in.at(2))) << 8) | quint8(in.at(3));
                        header = 4;
                    } else if (len == 127 && in.size() >= 10) {
                        len = 0;
                        for (int i = 0; i < 8; ++i) {
                            len = (len << 8) | quint8(in.at(2 + i));
                        }
                        header = 10;
                    }
                    if ((len < 126 || header > 2) && quint64(in.size()) >= header + len) {
                        const int opcode = quint8(in.at(0)) & 0x0f;
                        const bool fin = quint8(in.at(0)) & 0x80;
                        const QByteArray payload = in.mid(header, qsizetype(len));
                        in.remove(0, header + qsizetype(len));
                        if (opcode == 1 || opcode == 0) { // a text frame, or the next fragment of one
                            partial += payload;
                            if (fin) {
                                return std::exchange(partial, QByteArray());
                            }
                        }
                        continue; // the next frame (a ping or pong is not a message)
                    }
                }
                s.waitForReadyRead(100);
                in += s.readAll();
            }
            return {};
        };
        sendText(QStringLiteral(R"({"type":"subscribe","job":"%1","after":0})").arg(id).toUtf8());
        QTest::qWait(3000); // not reading: the server's queue for this client fills up
        qint64 seq = 0;
        qint64 laggingAfter = -1;
        while (laggingAfter < 0) {
            const QJsonObject o = QJsonDocument::fromJson(nextMessage()).object();
            const QString type = o.value(QStringLiteral("type")).toString();
            if (type == QLatin1String("event")) {
                const qint64 next
                    = o.value(QStringLiteral("event")).toObject().value(QStringLiteral("seq")).toInteger();
                QCOMPARE(next, seq + 1);
                seq = next;
            } else {
                QVERIFY2(type == QLatin1String("lagging"),
                    qPrintable(QStringLiteral("after event %1: %2 (socket %3, %4 bytes left)")
                                   .arg(seq)
                                   .arg(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)))
                                   .arg(int(s.state()))
                                   .arg(QString::number(in.size()) + QLatin1Char(' ')
                                       + QString::fromLatin1(in.left(24).toHex(' ')))));
                laggingAfter = o.value(QStringLiteral("after")).toInteger();
            }
        }
        QVERIFY2(laggingAfter < lastSeq, qPrintable(QString::number(laggingAfter))); // it was cut short
        QCOMPARE(laggingAfter, seq); // and says where the client is
        // Subscribing again from there gets the rest, exactly once and in order.
        sendText(QStringLiteral(R"({"type":"subscribe","job":"%1","after":%2})").arg(id).arg(laggingAfter).toUtf8());
        while (seq < lastSeq) {
            const QByteArray message = nextMessage();
            QVERIFY2(!message.isEmpty(), qPrintable(QStringLiteral("stalled after %1").arg(seq)));
            const QJsonObject o = QJsonDocument::fromJson(message).object();
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("lagging")) {
                // Still too slow for it: resume again.
                sendText(QStringLiteral(R"({"type":"subscribe","job":"%1","after":%2})")
                             .arg(id)
                             .arg(o.value(QStringLiteral("after")).toInteger())
                             .toUtf8());
                continue;
            }
            QVERIFY2(o.value(QStringLiteral("type")).toString() == QLatin1String("event"), message.constData());
            const qint64 next = o.value(QStringLiteral("event")).toObject().value(QStringLiteral("seq")).toInteger();
            QCOMPARE(next, seq + 1);
            seq = next;
        }
    }

    // --config: mistakes are named with file and line; limits apply — a WebSocket holds a connection slot, a token
    // past its rate gets 429.
    void configurationFile()
    {
        QTemporaryDir dir;
        const QString conf = dir.filePath(QStringLiteral("server.conf"));
        const auto write = [&](const QByteArray& text) {
            QFile f(conf);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        };
        write("[server]\ngrace = 5\n\n[limits]\nmax_conections = 3\n");
        ServerProcess bad(dir.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY(!bad.start({ QStringLiteral("--config"), conf }, 0, &error));
        QVERIFY2(
            error.contains(conf + QStringLiteral(":5: unknown key max_conections in [limits]")), qPrintable(error));
        QCOMPARE(bad.process().exitCode(), 2);

        write("[server]\ngrace = 5\n[limits]\nmax_connections = 3\nrequests_per_second_per_token = 1\n"
              "burst_per_token = 4\n");
        ServerProcess server(dir.filePath(QStringLiteral("data")));
        const QString viewer = server.token(QStringLiteral("viewer"));
        const QString admin = server.token(QStringLiteral("admin"));
        QVERIFY2(server.start({ QStringLiteral("--config"), conf }, 0, &error), qPrintable(error));
        // Two WebSockets keep their connections: with the limit at 3, one more HTTP request fits, the next does not.
        QWebSocket a;
        QWebSocket b;
        for (QWebSocket* ws : { &a, &b }) {
            QNetworkRequest upgrade(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/events").arg(server.port())));
            upgrade.setRawHeader("Authorization", "Bearer " + admin.toLatin1());
            QSignalSpy connected(ws, &QWebSocket::connected);
            ws->open(upgrade);
            QVERIFY(connected.wait(10'000));
        }
        QTcpSocket idle; // a third connection, kept open
        idle.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(idle.waitForConnected(5000));
        QTest::qWait(100);
        Reply r = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), viewer);
        QCOMPARE(r.status, 503);
        idle.abort();
        a.close();
        QTest::qWait(300);
        // The token rate: 4 at once, then 429 with how long to wait.
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 6; ++i) {
            r = server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), viewer);
            ok += r.status == 200 ? 1 : 0;
            limited += r.status == 429 ? 1 : 0;
        }
        QCOMPARE(ok, 4);
        QCOMPARE(limited, 2);
        QVERIFY2(r.raw.contains("too many requests with this token"), r.raw.constData());
        // Another token is not held back by it.
        QCOMPARE(server.request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), admin).status, 200);
        b.close();
    }

    void cleanupTestCase()
    {
        if (m_sshd) {
            m_sshd->stop();
        }
    }
};

QTEST_GUILESS_MAIN(TestServerLife)
#include "tst_serverlife.moc"
