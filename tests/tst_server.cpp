// opsdeck-server as a real process on loopback: tokens made by its CLI, every route under every role (401 without
// a token, 403 with too weak a role), the JSON error shape, bad input (malformed JSON, unknown fields, huge bodies
// and headers, garbage instead of HTTP), failed-login limiting, the audit log, and SIGTERM.
#include "ServerClient.h"
#include "ServerFixture.h"
#include "SshdInventory.h"
#include "TestStore.h"
#include "inventory/Inventory.h"
#include "jobs/JobSpec.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

class TestServer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SshdFixture> m_sshd; // the hosts jobs run on (null when sshd cannot run here)
    QProcess m_server;
    quint16 m_port = 0;
    QHash<QString, QString> m_tokens; // role -> secret

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    QString workspacePath() const { return QDir(data()).filePath(QStringLiteral("workspace.opsdeck")); }
    // --data DIR, and --database URL on the PostgreSQL run (tests/TestStore.h).
    QStringList storeArgs() const
    {
        QStringList args { QStringLiteral("--data"), data() };
        if (TestStore::postgres()) {
            args << QStringLiteral("--database") << TestStore::urlFor(workspacePath(), true);
        }
        return args;
    }

    QProcess* runCli(const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr)
    {
        auto* p = new QProcess(this);
        p->start(QStringLiteral(OPSDECK_SERVER_PATH), args);
        p->waitForFinished(30'000);
        if (out) {
            *out = p->readAllStandardOutput();
        }
        if (err) {
            *err = p->readAllStandardError();
        }
        return p;
    }

    Reply request(const QString& method, const QString& path, const QString& token = {}, const QByteArray& body = {})
    {
        QByteArray req
            = method.toLatin1() + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        if (!token.isEmpty()) {
            req += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        }
        if (!body.isEmpty() || method == QLatin1String("POST")) {
            req += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        return parse(rawExchange(m_port, req + "\r\n" + body));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TESTSTORE_INIT();
        for (const QString& role : { QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("admin") }) {
            QByteArray out;
            QByteArray err;
            QProcess* p = runCli(QStringList { QStringLiteral("token"), QStringLiteral("create") } + storeArgs()
                    + QStringList { QStringLiteral("--role"), role, QStringLiteral("--name"),
                        role + QStringLiteral("-1") },
                &out, &err);
            QVERIFY2(p->exitCode() == 0, err.constData());
            const QString secret = QString::fromLatin1(out.trimmed());
            QVERIFY2(QRegularExpression(QStringLiteral("^odt_[A-Za-z0-9_-]{43}$")).match(secret).hasMatch(),
                out.constData());
            m_tokens.insert(role, secret);
        }
        // Only a hash is stored: the secret appears nowhere in the database file (or the database's tokens).
        if (TestStore::postgres()) {
            auto ws = TestStore::open(workspacePath());
            QVERIFY2(ws, qPrintable(ws.errorString()));
            QSqlQuery q((*ws)->database());
            QVERIFY(q.exec(QStringLiteral("SELECT name || role || hash FROM api_tokens")));
            int rows = 0;
            while (q.next()) {
                ++rows;
                QVERIFY(!q.value(0).toString().contains(m_tokens.value(QStringLiteral("admin"))));
            }
            QCOMPARE(rows, 3);
        } else {
            QFile db(workspacePath());
            QVERIFY(db.open(QIODevice::ReadOnly));
            const QByteArray bytes = db.readAll() + QFile(db.fileName() + QStringLiteral("-wal")).exists();
            QVERIFY(!bytes.contains(m_tokens.value(QStringLiteral("admin")).toLatin1()));
        }

        QStringList serverArgs = storeArgs() + QStringList { QStringLiteral("--ssh-config"), QStringLiteral("none") };
        if (SshdFixture::unavailableReason().isEmpty()) {
            qunsetenv("SSH_AUTH_SOCK");
            m_sshd = std::make_unique<SshdFixture>();
            QString error;
            QVERIFY2(m_sshd->start(2, &error), qPrintable(error));
            auto ws = TestStore::open(workspacePath());
            QVERIFY2(ws, qPrintable(ws.errorString()));
            QVERIFY((*ws)->saveInventory(sshdInventory(*m_sshd, 2)));
            serverArgs << QStringLiteral("--known-hosts") << m_sshd->knownHostsPath();
        }
        QString error;
        m_port = ServerFixture::start(m_server, serverArgs, &error);
        QVERIFY2(m_port != 0, qPrintable(error));
    }

    void cleanupTestCase() { ServerFixture::stop(m_server); }

    void everyRouteUnderEveryRole_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("needs");
        QTest::addColumn<QByteArray>("body");
        const auto row = [](const char* m, const char* p, const char* needs, const QByteArray& body = {}) {
            QTest::newRow(QByteArray(QByteArray(m) + ' ' + p).constData())
                << QString::fromLatin1(m) << QString::fromLatin1(p) << QString::fromLatin1(needs) << body;
        };
        row("GET", "/api/v1/info", "viewer");
        row("GET", "/api/v1/hosts", "viewer");
        row("GET", "/api/v1/groups", "viewer");
        row("GET", "/api/v1/jobs", "viewer");
        row("GET", "/api/v1/tokens", "admin");
        row("POST", "/api/v1/tokens", "admin", R"({"name":"made by the matrix","role":"viewer"})");
        row("GET", "/api/v1/audit", "admin");
    }

    void everyRouteUnderEveryRole()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, needs);
        QFETCH(QByteArray, body);
        Reply r = request(method, path, {}, body);
        QCOMPARE(r.status, 401);
        QVERIFY2(isErrorShape(r, QStringLiteral("unauthorized")), r.raw.constData());
        r = request(method, path, QStringLiteral("odt_not-a-token-at-all-but-shaped-like-one-1234567"), body);
        QCOMPARE(r.status, 401);
        const QStringList roles { QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("admin") };
        for (const QString& role : roles) {
            r = request(method, path, m_tokens.value(role), body);
            const bool allowed = roles.indexOf(role) >= roles.indexOf(needs);
            if (allowed) {
                QVERIFY2(
                    r.status == 200 || r.status == 201, (role + QLatin1Char(' ') + QString::fromUtf8(r.raw)).toUtf8());
                QVERIFY2(!r.json.isEmpty(), r.raw.constData());
            } else {
                QCOMPARE(r.status, 403);
                QVERIFY2(isErrorShape(r, QStringLiteral("forbidden")), r.raw.constData());
            }
        }
    }

    void unknownPathsAndMethods()
    {
        const QString viewer = m_tokens.value(QStringLiteral("viewer"));
        // A stranger learns nothing, not even whether a path exists.
        QCOMPARE(request(QStringLiteral("GET"), QStringLiteral("/api/v1/nothing-here")).status, 401);
        Reply r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/nothing-here"), viewer);
        QCOMPARE(r.status, 404);
        QVERIFY(isErrorShape(r, QStringLiteral("not_found")));
        r = request(QStringLiteral("PUT"), QStringLiteral("/api/v1/info"), viewer);
        QCOMPARE(r.status, 405);
        QVERIFY(isErrorShape(r, QStringLiteral("method_not_allowed")));
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/no-such-job"), viewer);
        QCOMPARE(r.status, 404);
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs?limit=0"), viewer);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(),
            QStringLiteral("limit"));
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs?status=sleeping"), viewer);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(),
            QStringLiteral("status"));
    }

    void tokenLifecycleAndAudit()
    {
        const QString admin = m_tokens.value(QStringLiteral("admin"));
        // Bad bodies: each names what is wrong, nothing is created.
        const QList<QPair<QByteArray, QString>> bad {
            { "{not json", QString() },
            { "[1, 2]", QString() },
            { R"({"name":"x","role":"root"})", QStringLiteral("role") },
            { R"({"name":7,"role":"viewer"})", QStringLiteral("name") },
            { R"({"name":"x","role":"viewer","expiresInDays":0.5})", QStringLiteral("expiresInDays") },
            { R"({"name":"x","role":"viewer","colour":"red"})", QStringLiteral("colour") },
            { R"({"name":"   ","role":"viewer"})", QStringLiteral("name") },
        };
        for (const auto& [body, field] : bad) {
            const Reply r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/tokens"), admin, body);
            QVERIFY2(r.status == 400 && isErrorShape(r, QStringLiteral("bad_request")), r.raw.constData());
            const QJsonValue f = r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field"));
            QCOMPARE(f.isNull() ? QString() : f.toString(), field);
        }
        Reply r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/tokens"), admin,
            R"({"name":"wall display","role":"viewer","expiresInDays":30})");
        QCOMPARE(r.status, 201);
        const QString secret = r.json.value(QStringLiteral("token")).toString();
        const qint64 id = r.json.value(QStringLiteral("id")).toInteger();
        QCOMPARE(request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), secret).status, 200);
        // The list never shows a secret.
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/tokens"), admin);
        QVERIFY(!r.raw.contains(secret.toLatin1()));
        QVERIFY(!r.raw.contains("\"token\""));
        // Revoked: refused at once.
        r = request(QStringLiteral("DELETE"), QStringLiteral("/api/v1/tokens/%1").arg(id), admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), secret).status, 401);
        QCOMPARE(request(QStringLiteral("DELETE"), QStringLiteral("/api/v1/tokens/999999"), admin).status, 404);
        // The audit log has each of it, and no secret.
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/audit?limit=1000"), admin);
        QCOMPARE(r.status, 200);
        QStringList actions;
        for (const QJsonValue& e : r.json.value(QStringLiteral("entries")).toArray()) {
            actions << e.toObject().value(QStringLiteral("action")).toString() + QLatin1Char(' ')
                    + e.toObject().value(QStringLiteral("result")).toString();
        }
        QVERIFY2(actions.contains(QStringLiteral("token.create 201")), qPrintable(actions.join(u',')));
        QVERIFY2(actions.contains(QStringLiteral("token.create 400")), qPrintable(actions.join(u',')));
        QVERIFY2(actions.contains(QStringLiteral("token.revoke 200")), qPrintable(actions.join(u',')));
        QVERIFY2(actions.contains(QStringLiteral("login 401")), qPrintable(actions.join(u',')));
        QVERIFY(!r.raw.contains(secret.toLatin1()));
        // The CLI sees the revocation.
        QByteArray out;
        runCli(QStringList { QStringLiteral("token"), QStringLiteral("list") } + storeArgs(), &out);
        QVERIFY2(out.contains("wall display\t") && out.contains("revoked"), out.constData());
    }

    void hostileBytes()
    {
        // Not HTTP at all, a header block over the limit, a body over the limit: each a clear JSON error.
        Reply r = parse(rawExchange(m_port, "\x16\x03\x01garbage that is not a request line\r\n\r\n"));
        QCOMPARE(r.status, 400);
        QVERIFY(isErrorShape(r, QStringLiteral("bad_request")));
        r = parse(rawExchange(
            m_port, "GET /api/v1/info HTTP/1.1\r\nHost: x\r\nX-Padding: " + QByteArray(16 * 1024, 'a') + "\r\n\r\n"));
        QCOMPARE(r.status, 431);
        r = parse(rawExchange(m_port,
            "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n" + QByteArray(64 * 1024, '{')));
        QCOMPARE(r.status, 413);
        QVERIFY(isErrorShape(r, QStringLiteral("payload_too_large")));
        // And it keeps serving.
        QCOMPARE(
            request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), m_tokens.value(QStringLiteral("viewer")))
                .status,
            200);
    }

    void keepAliveServesSeveralRequests()
    {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(s.waitForConnected(5000));
        const QByteArray one = "GET /api/v1/info HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + m_tokens.value(QStringLiteral("viewer")).toLatin1() + "\r\n\r\n";
        QByteArray got;
        for (int i = 0; i < 3; ++i) {
            s.write(one);
            QVERIFY(s.waitForReadyRead(5000));
            QTest::qWait(50);
            got += s.readAll();
        }
        QCOMPARE(got.count("HTTP/1.1 200 OK"), 3);
    }

    // A job submitted over the API runs on real hosts through the server's launcher and engine; its history and
    // events are read back over the API; the danger gate and interventions hold there as in the console.
    void jobsRunThroughTheServer()
    {
        if (!m_sshd) {
            QSKIP(qPrintable(SshdFixture::unavailableReason()));
        }
        JobSpec spec;
        spec.name = QStringLiteral("hello via the server");
        spec.createdBy = QStringLiteral("someone else"); // ignored: the token says who runs it
        spec.targets = { QStringLiteral("srv-01"), QStringLiteral("srv-02") };
        JobStep step;
        step.name = QStringLiteral("hello");
        step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("echo \"hello from $(id -un)\"\n"), {} };
        spec.steps << step;
        spec.timeoutSeconds = 30;
        const QByteArray body = QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact);
        QCOMPARE(request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"),
                     m_tokens.value(QStringLiteral("viewer")), body)
                     .status,
            403);
        const QString op = m_tokens.value(QStringLiteral("operator"));
        Reply r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op, body);
        QVERIFY2(r.status == 201, r.raw.constData());
        const QString id = r.json.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(r.json.value(QStringLiteral("createdBy")).toString(), QStringLiteral("operator-1"));
        const auto waitFinished = [&] {
            for (int i = 0; i < 300; ++i) {
                const Reply j = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, op);
                if (!j.json.value(QStringLiteral("finishedAt")).isNull()) {
                    return j.json.value(QStringLiteral("status")).toString();
                }
                QTest::qWait(200);
            }
            return QStringLiteral("still running");
        };
        QCOMPARE(waitFinished(), QStringLiteral("succeeded"));
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?after=0&limit=1000").arg(id), op);
        QCOMPARE(r.status, 200);
        int finished = 0;
        qint64 lastSeq = 0;
        bool inOrder = true;
        for (const QJsonValue& e : r.json.value(QStringLiteral("events")).toArray()) {
            const QJsonObject o = e.toObject();
            inOrder = inOrder && o.value(QStringLiteral("seq")).toInteger() == lastSeq + 1;
            lastSeq = o.value(QStringLiteral("seq")).toInteger();
            finished += o.value(QStringLiteral("type")).toString() == QLatin1String("host.finished") ? 1 : 0;
        }
        QVERIFY(inOrder);
        QCOMPARE(finished, 2);
        QVERIFY2(r.raw.contains("hello from root"), r.raw.left(2000).constData());
        // After a sequence number: only what follows.
        r = request(
            QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?after=%2").arg(id).arg(lastSeq - 1), op);
        QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), 1);

        // Interventions: a finished job cannot be paused (409, saying why); a step can be run again.
        r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs/%1/pause").arg(id), op);
        QCOMPARE(r.status, 409);
        QVERIFY(isErrorShape(r, QStringLiteral("conflict")));
        QCOMPARE(
            request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs/%1/rerun").arg(id), op, "{}").status, 400);
        r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs/%1/rerun").arg(id), op, R"({"step":1})");
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(waitFinished(), QStringLiteral("succeeded"));
        // Recorded in the job's events as the token's holder, not as the server.
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=1000").arg(id), op);
        QString rerunBy;
        for (const QJsonValue& e : r.json.value(QStringLiteral("events")).toArray()) {
            if (e.toObject().value(QStringLiteral("type")).toString() == QLatin1String("job.rerun")) {
                rerunBy = e.toObject().value(QStringLiteral("by")).toString();
            }
        }
        QCOMPARE(rerunBy, QStringLiteral("operator-1"));

        // The danger gate: blocking findings need their acknowledgement in the spec.
        JobSpec danger = spec;
        danger.steps.first().action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("rm -rf /\n"), {} };
        r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op,
            QJsonDocument(danger.toJson()).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 400);
        QVERIFY2(isErrorShape(r, QStringLiteral("danger_not_acknowledged")), r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(),
            QStringLiteral("steps[0]"));
        // A spec without steps says so.
        JobSpec empty = spec;
        empty.steps.clear();
        r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), op,
            QJsonDocument(empty.toJson()).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 400);
        QVERIFY2(r.raw.contains("no steps"), r.raw.constData());
        // Every submission is in the audit log, refused or not.
        r = request(
            QStringLiteral("GET"), QStringLiteral("/api/v1/audit?limit=1000"), m_tokens.value(QStringLiteral("admin")));
        QVERIFY(r.raw.contains("\"job.submit\""));
        QVERIFY(r.raw.contains("\"job.rerun\""));
    }

    // Live events over a WebSocket: a viewer subscribes to a job from a sequence number and gets every event after it
    // exactly once, in order; a second connection resuming from the middle gets the rest; bad messages are
    // answered with errors and the connection stays; a stranger cannot upgrade at all.
    void eventsOverWebSocket()
    {
        if (!m_sshd) {
            QSKIP(qPrintable(SshdFixture::unavailableReason()));
        }
        // Without a token the upgrade is refused with a plain 401.
        const Reply refused = parse(rawExchange(m_port,
            "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"));
        QCOMPARE(refused.status, 401);

        JobSpec spec;
        spec.name = QStringLiteral("watched");
        spec.targets = { QStringLiteral("srv-01"), QStringLiteral("srv-02") };
        JobStep step;
        step.name = QStringLiteral("count");
        step.action = RunScript { QStringLiteral("/bin/sh"),
            QStringLiteral("for i in 1 2 3; do echo line $i; sleep 0.2; done\n"), {} };
        spec.steps << step;
        Reply r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"),
            m_tokens.value(QStringLiteral("operator")), QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact));
        QVERIFY2(r.status == 201, r.raw.constData());
        const QString id = r.json.value(QStringLiteral("id")).toString();

        const auto connectSocket = [&](QWebSocket& ws, QList<QJsonObject>& got) {
            QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws,
                [&got](const QString& text) { got << QJsonDocument::fromJson(text.toUtf8()).object(); });
            QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/events").arg(m_port)));
            req.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("viewer")).toLatin1());
            ws.open(req);
            QTRY_COMPARE_WITH_TIMEOUT(ws.state(), QAbstractSocket::ConnectedState, 10'000);
        };
        QWebSocket first;
        QList<QJsonObject> a;
        connectSocket(first, a);
        first.sendTextMessage(QStringLiteral("not json"));
        first.sendTextMessage(QStringLiteral(R"({"type":"subscribe","job":"no-such-job"})"));
        first.sendTextMessage(QStringLiteral(R"({"type":"subscribe","job":"%1","after":0})").arg(id));
        const auto finishedIn = [](const QList<QJsonObject>& got) {
            for (const QJsonObject& m : got) {
                if (m.value(QStringLiteral("event")).toObject().value(QStringLiteral("type")).toString()
                    == QLatin1String("job.finished")) {
                    return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(finishedIn(a), 60'000);
        QStringList errors;
        QList<qint64> seqs;
        for (const QJsonObject& m : std::as_const(a)) {
            if (m.value(QStringLiteral("type")).toString() == QLatin1String("error")) {
                errors << m.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
            } else if (m.value(QStringLiteral("type")).toString() == QLatin1String("event")) {
                QCOMPARE(m.value(QStringLiteral("job")).toString(), id);
                seqs << m.value(QStringLiteral("event")).toObject().value(QStringLiteral("seq")).toInteger();
            }
        }
        QCOMPARE(errors, (QStringList { QStringLiteral("bad_request"), QStringLiteral("not_found") }));
        QVERIFY(seqs.size() > 5);
        for (int i = 0; i < seqs.size(); ++i) {
            QCOMPARE(seqs.at(i), qint64(i + 1)); // every event, once, in order
        }
        // The same as the store holds.
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events").arg(id),
            m_tokens.value(QStringLiteral("viewer")));
        QCOMPARE(r.json.value(QStringLiteral("events")).toArray().size(), seqs.size());

        // A reconnect resuming from the middle gets exactly the rest.
        QWebSocket second;
        QList<QJsonObject> b;
        connectSocket(second, b);
        const qint64 middle = seqs.size() / 2;
        second.sendTextMessage(QStringLiteral(R"({"type":"subscribe","job":"%1","after":%2})").arg(id).arg(middle));
        QTRY_VERIFY_WITH_TIMEOUT(finishedIn(b), 20'000);
        QCOMPARE(
            b.first().value(QStringLiteral("event")).toObject().value(QStringLiteral("seq")).toInteger(), middle + 1);
        QCOMPARE(qint64(b.size()), qint64(seqs.size()) - middle);
        first.close();
        second.close();
    }

    // Last: it makes this address wait a minute.
    void failedLoginsAreLimited()
    {
        int limited = 0;
        for (int i = 0; i < 15; ++i) {
            const Reply r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"),
                QStringLiteral("odt_wrong-token-%1-padding-padding-padding-pad").arg(i));
            limited += r.status == 429 ? 1 : 0;
        }
        QVERIFY2(limited >= 4, qPrintable(QString::number(limited)));
        // A valid token from the same address waits too: the limit is on the address, not on the guess.
        QCOMPARE(request(QStringLiteral("GET"), QStringLiteral("/api/v1/info"), m_tokens.value(QStringLiteral("admin")))
                     .status,
            429);
    }

    void sigtermStopsCleanly()
    {
        m_server.terminate();
        QVERIFY(m_server.waitForFinished(10'000));
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.exitCode(), 0);
        const QByteArray log = m_server.readAllStandardError();
        QVERIFY2(log.contains("opsdeck-server: stopped"), log.constData());
        // The request log never carries a secret.
        for (const QString& secret : std::as_const(m_tokens)) {
            QVERIFY(!log.contains(secret.toLatin1()));
        }
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
