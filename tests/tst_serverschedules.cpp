// Schedules end to end: the real opsdeck-server with the sshd fixture as its hosts and the real opsdeck-cli.
// `schedule add` of `* * * * *` fires a real job within the minute, its history links the job (created by
// schedule:NAME, run on the hosts); list/show/pause/resume/rm work and are audited; a viewer token cannot add;
// a bad cron expression and an unknown zone are refused naming the field (and the column); a fleet subscription on
// the event stream is told of the fire.
#include "CliRunner.h"
#include "ServerClient.h"
#include "ServerProcess.h"
#include "SshdFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

class TestServerSchedules : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
    ServerProcess m_server;
    QHash<QString, QString> m_tokens; // role → secret
    QHash<QString, QString> m_tokenFiles;

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    QStringList as(const QString& role) const
    {
        return { QStringLiteral("--server"), m_server.url(), QStringLiteral("--token-file"), m_tokenFiles.value(role) };
    }
    Reply api(const QString& method, const QString& path, const QByteArray& body = {},
        const QString& role = QStringLiteral("operator"))
    {
        return httpRequest(m_server.port(), method, path, m_tokens.value(role), body);
    }
    QJsonObject scheduleNamed(const QString& name)
    {
        for (const QJsonValue& v : api(QStringLiteral("GET"), QStringLiteral("/api/v1/schedules"))
                                       .json.value(QStringLiteral("schedules"))
                                       .toArray()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == name) {
                return v.toObject();
            }
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        if (!SshdFixture::unavailableReason().isEmpty()) {
            QSKIP(qPrintable(SshdFixture::unavailableReason()));
        }
        QVERIFY(m_dir.isValid());
        QString error;
        for (const QString& role : { QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("admin") }) {
            const QString token = ServerProcess::createToken(data(), role, QStringLiteral("sched-") + role, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            m_tokens.insert(role, token);
            const QString file = m_dir.filePath(role + QStringLiteral(".token"));
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(token.toLatin1() + '\n');
            m_tokenFiles.insert(role, file);
        }
        qunsetenv("SSH_AUTH_SOCK");
        qunsetenv("OPSDECK_SERVER");
        qunsetenv("OPSDECK_TOKEN_FILE");
        m_sshd = std::make_unique<SshdFixture>();
        QVERIFY2(m_sshd->start(2, &error), qPrintable(error));
        QVERIFY2(ServerProcess::writeSshdInventory(data(), *m_sshd, 2, &error), qPrintable(error));
        QVERIFY2(m_server.startServer(data(),
                     { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath(), QStringLiteral("--ssh-config"),
                         QStringLiteral("none") },
                     0, &error),
            qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    void everyMinuteFiresARealJob()
    {
        // A fleet subscription on the event stream, open before the schedule exists: it is told of the fire.
        QWebSocket ws;
        QNetworkRequest upgrade(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/events").arg(m_server.port())));
        upgrade.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("viewer")).toLatin1());
        QSignalSpy connected(&ws, &QWebSocket::connected);
        QList<QJsonObject> messages;
        connect(&ws, &QWebSocket::textMessageReceived, this,
            [&messages](const QString& m) { messages.append(QJsonDocument::fromJson(m.toUtf8()).object()); });
        ws.open(upgrade);
        QVERIFY(connected.wait(10'000));
        ws.sendTextMessage(QStringLiteral(R"({"type":"subscribe","fleet":true})"));
        const CliRun added = runCli(as(QStringLiteral("operator"))
            + QStringList { QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("every-minute"),
                QStringLiteral("--cron"), QStringLiteral("* * * * *"), QStringLiteral("--tz"),
                QStringLiteral("Europe/Berlin"), QStringLiteral("--hosts"), QStringLiteral("srv-*"),
                QStringLiteral("--"), QStringLiteral("echo scheduled-$(hostname)") });
        QVERIFY2(added.code == 0, qPrintable(added.err));
        QVERIFY2(added.out.contains(QStringLiteral("(every-minute) added; next ")), qPrintable(added.out));
        const QJsonObject s = scheduleNamed(QStringLiteral("every-minute"));
        QCOMPARE(s.value(QStringLiteral("createdBy")).toString(), QStringLiteral("sched-operator"));
        QVERIFY(s.value(QStringLiteral("nextFireAt")).isString());
        const QString id = QString::number(s.value(QStringLiteral("id")).toInteger());

        // Within the minute (and a little), the history shows a fire with its job.
        QString jobId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const Reply runs = api(QStringLiteral("GET"), QStringLiteral("/api/v1/schedules/%1/runs").arg(id));
                for (const QJsonValue& v : runs.json.value(QStringLiteral("runs")).toArray()) {
                    if (v.toObject().value(QStringLiteral("outcome")).toString() == QLatin1String("fired")) {
                        jobId = v.toObject().value(QStringLiteral("job")).toString();
                    }
                }
                return !jobId.isEmpty();
            }(),
            80'000);
        Reply job;
        QTRY_VERIFY_WITH_TIMEOUT((job = api(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + jobId))
                                     .json.value(QStringLiteral("status"))
                == QLatin1String("succeeded"),
            30'000);
        QCOMPARE(job.json.value(QStringLiteral("createdBy")).toString(), QStringLiteral("schedule:every-minute"));
        // The stream told the fire, naming the schedule and the job, and then streamed the job as any other.
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.cbegin(), messages.cend(),
                                     [&](const QJsonObject& m) {
                                         const QJsonObject e = m.value(QStringLiteral("event")).toObject();
                                         return m.value(QStringLiteral("type")) == QLatin1String("schedule")
                                             && e.value(QStringLiteral("type")) == QLatin1String("schedule.fired")
                                             && e.value(QStringLiteral("name")) == QLatin1String("every-minute")
                                             && e.value(QStringLiteral("job")).toString() == jobId;
                                     }),
            10'000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.cbegin(), messages.cend(),
                                     [&](const QJsonObject& m) {
                                         return m.value(QStringLiteral("type")) == QLatin1String("event")
                                             && m.value(QStringLiteral("job")).toString() == jobId;
                                     }),
            10'000);
        ws.close();
        QCOMPARE(job.json.value(QStringLiteral("hostCount")).toInt(), 2);
        const Reply events = api(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=1000").arg(jobId));
        QVERIFY2(events.raw.contains("scheduled-"), events.raw.left(2000).constData());

        // list and show tell it; show lists the run with the job.
        const CliRun list
            = runCli(as(QStringLiteral("viewer")) + QStringList { QStringLiteral("schedule"), QStringLiteral("list") });
        QVERIFY2(list.code == 0, qPrintable(list.err));
        QVERIFY2(
            list.out.contains(QStringLiteral("every-minute\tcron * * * * *\tEurope/Berlin\t")), qPrintable(list.out));
        QVERIFY2(list.out.contains(QStringLiteral("enabled")), qPrintable(list.out));
        const CliRun show = runCli(as(QStringLiteral("viewer"))
            + QStringList { QStringLiteral("schedule"), QStringLiteral("show"), QStringLiteral("every-minute") });
        QVERIFY2(show.code == 0, qPrintable(show.err));
        QVERIFY2(show.out.contains(QStringLiteral("\tfired\t") + jobId), qPrintable(show.out));

        // pause, resume, rm by name; each audited with who did it.
        const CliRun paused = runCli(as(QStringLiteral("operator"))
            + QStringList { QStringLiteral("schedule"), QStringLiteral("pause"), QStringLiteral("every-minute") });
        QVERIFY2(paused.code == 0, qPrintable(paused.err));
        QCOMPARE(scheduleNamed(QStringLiteral("every-minute")).value(QStringLiteral("enabled")).toBool(), false);
        const CliRun resumed = runCli(
            as(QStringLiteral("operator")) + QStringList { QStringLiteral("schedule"), QStringLiteral("resume"), id });
        QVERIFY2(resumed.code == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.out.contains(QStringLiteral("resumed; next ")), qPrintable(resumed.out));
        QCOMPARE(scheduleNamed(QStringLiteral("every-minute")).value(QStringLiteral("enabled")).toBool(), true);
        const CliRun removed = runCli(as(QStringLiteral("operator"))
            + QStringList { QStringLiteral("schedule"), QStringLiteral("rm"), QStringLiteral("every-minute") });
        QVERIFY2(removed.code == 0, qPrintable(removed.err));
        QVERIFY(scheduleNamed(QStringLiteral("every-minute")).isEmpty());
        QCOMPARE(api(QStringLiteral("GET"), QStringLiteral("/api/v1/schedules/") + id).status, 404);
        const Reply audit
            = api(QStringLiteral("GET"), QStringLiteral("/api/v1/audit?limit=50"), {}, QStringLiteral("admin"));
        QStringList actions;
        for (const QJsonValue& v : audit.json.value(QStringLiteral("entries")).toArray()) {
            if (v.toObject().value(QStringLiteral("target")).toString().contains(QStringLiteral("every-minute"))) {
                QCOMPARE(v.toObject().value(QStringLiteral("actor")).toString(), QStringLiteral("sched-operator"));
                actions.prepend(v.toObject().value(QStringLiteral("action")).toString());
            }
        }
        QCOMPARE(actions,
            QStringList({ QStringLiteral("schedule.create"), QStringLiteral("schedule.pause"),
                QStringLiteral("schedule.resume"), QStringLiteral("schedule.delete") }));
    }

    void viewerCannotAdd()
    {
        const CliRun r = runCli(as(QStringLiteral("viewer"))
            + QStringList { QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("nope"),
                QStringLiteral("--cron"), QStringLiteral("@daily"), QStringLiteral("--tz"), QStringLiteral("UTC"),
                QStringLiteral("--hosts"), QStringLiteral("srv-01"), QStringLiteral("--"), QStringLiteral("true") });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("operator")), qPrintable(r.err));
        const QByteArray body = R"({"name":"nope","cron":"@daily","zone":"UTC","workflow":"x"})";
        const Reply refused
            = api(QStringLiteral("POST"), QStringLiteral("/api/v1/schedules"), body, QStringLiteral("viewer"));
        QCOMPARE(refused.status, 403);
        QVERIFY(isErrorShape(refused, QStringLiteral("forbidden")));
        QVERIFY(scheduleNamed(QStringLiteral("nope")).isEmpty());
    }

    void hostileBodiesNameTheField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("says");
        const QByteArray job
            = R"("job":{"name":"j","targets":["srv-01"],"steps":[{"kind":"run-script","interpreter":"sh","script":"true"}]})";
        QTest::newRow("bad cron") << (R"({"name":"a","cron":"61 * * * *","zone":"UTC",)" + job + "}")
                                  << QStringLiteral("cron") << QStringLiteral("column 1");
        QTest::newRow("bad cron column") << (R"({"name":"a","cron":"0 3 * * funday","zone":"UTC",)" + job + "}")
                                         << QStringLiteral("cron") << QStringLiteral("column 9");
        QTest::newRow("unknown zone") << (R"({"name":"a","cron":"0 3 * * *","zone":"Mars/Olympus",)" + job + "}")
                                      << QStringLiteral("zone") << QStringLiteral("Mars/Olympus");
        QTest::newRow("no zone") << (R"({"name":"a","cron":"0 3 * * *",)" + job + "}") << QStringLiteral("zone")
                                 << QStringLiteral("required");
        QTest::newRow("cron and at") << (R"({"name":"a","cron":"0 3 * * *","at":"2030-01-01T00:00","zone":"UTC",)" + job
            + "}") << QStringLiteral("at")
                                     << QStringLiteral("both");
        QTest::newRow("at in the past") << (R"({"name":"a","at":"2001-01-01T00:00","zone":"UTC",)" + job + "}")
                                        << QStringLiteral("at") << QStringLiteral("past");
        QTest::newRow("bad at") << (R"({"name":"a","at":"tomorrow","zone":"UTC",)" + job + "}") << QStringLiteral("at")
                                << QStringLiteral("YYYY-MM-DDTHH:MM");
        QTest::newRow("bad policy") << (R"({"name":"a","cron":"@daily","zone":"UTC","overlap":"sometimes",)" + job
            + "}") << QStringLiteral("overlap")
                                    << QStringLiteral("queue_one");
        QTest::newRow("unknown field") << QByteArray(R"({"name":"a","cron":"@daily","zone":"UTC","when":1})")
                                       << QStringLiteral("when") << QStringLiteral("unknown");
        QTest::newRow("nothing to run") << QByteArray(R"({"name":"a","cron":"@daily","zone":"UTC"})")
                                        << QStringLiteral("job") << QStringLiteral("neither");
        QTest::newRow("no such workflow")
            << QByteArray(R"({"name":"a","cron":"@daily","zone":"UTC","workflow":"ghost"})")
            << QStringLiteral("workflow") << QStringLiteral("ghost");
        QTest::newRow("bad name") << (R"({"name":"a b/c","cron":"@daily","zone":"UTC",)" + job + "}")
                                  << QStringLiteral("name") << QStringLiteral("letters");
        QTest::newRow("long cron") << (R"({"name":"a","cron":")" + QByteArray(300, '*') + R"(","zone":"UTC",)" + job
            + "}") << QStringLiteral("cron")
                                   << QStringLiteral("longer");
        QTest::newRow("dangerous job") << QByteArray(
            R"({"name":"a","cron":"@daily","zone":"UTC","job":{"name":"j","targets":["srv-01"],"steps":[{"kind":"run-script","interpreter":"sh","script":"rm -rf /"}]}})")
                                       << QStringLiteral("job.steps[0]") << QStringLiteral("danger");
        QTest::newRow("not json") << QByteArray("{nope") << QString() << QStringLiteral("JSON");
    }

    void hostileBodiesNameTheField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, says);
        const Reply r = api(QStringLiteral("POST"), QStringLiteral("/api/v1/schedules"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), field);
        const QString message
            = r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(says, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(scheduleNamed(QStringLiteral("a")).isEmpty());
    }

    void cliNamesTheColumnOfABadCron()
    {
        const CliRun r = runCli(as(QStringLiteral("operator"))
            + QStringList { QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("bad"),
                QStringLiteral("--cron"), QStringLiteral("0 25 * * *"), QStringLiteral("--tz"), QStringLiteral("UTC"),
                QStringLiteral("--hosts"), QStringLiteral("srv-01"), QStringLiteral("--"), QStringLiteral("true") });
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("hour")) && r.err.contains(QStringLiteral("column 3")), qPrintable(r.err));
        const CliRun noServer = runCli({ QStringLiteral("schedule"), QStringLiteral("list") });
        QCOMPARE(noServer.code, 2);
        QVERIFY2(noServer.err.contains(QStringLiteral("--server")), qPrintable(noServer.err));
    }

    void patchAndPutChangeTheSchedule()
    {
        const QByteArray body = R"({"name":"nightly","cron":"0 3 * * *","zone":"Europe/Berlin","missed":"run_once",
            "job":{"name":"j","targets":["srv-01"],"steps":[{"kind":"run-script","interpreter":"sh","script":"true"}]}})";
        const Reply created = api(QStringLiteral("POST"), QStringLiteral("/api/v1/schedules"), body);
        QCOMPARE(created.status, 201);
        const QString path
            = QStringLiteral("/api/v1/schedules/%1").arg(created.json.value(QStringLiteral("id")).toInteger());
        QVERIFY2(
            created.json.value(QStringLiteral("nextFireAtZone")).toString().endsWith(QStringLiteral("T03:00:00+01:00")),
            qPrintable(created.json.value(QStringLiteral("nextFireAtZone")).toString()));
        // PATCH: a merge patch; a one-shot instead of the cron text (cron set to null).
        const Reply patched
            = api(QStringLiteral("PATCH"), path, R"({"cron":null,"at":"2031-07-01T09:30","overlap":"queue_one"})");
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json.value(QStringLiteral("at")).toString(), QStringLiteral("2031-07-01T09:30"));
        QVERIFY(patched.json.value(QStringLiteral("cron")).isNull());
        QCOMPARE(patched.json.value(QStringLiteral("missed")).toString(), QStringLiteral("run_once"));
        QCOMPARE(
            patched.json.value(QStringLiteral("nextFireAt")).toString(), QStringLiteral("2031-07-01T07:30:00.000Z"));
        // PUT replaces: what it does not say is the default again.
        const Reply put = api(QStringLiteral("PUT"), path, body);
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json.value(QStringLiteral("overlap")).toString(), QStringLiteral("skip"));
        QCOMPARE(put.json.value(QStringLiteral("cron")).toString(), QStringLiteral("0 3 * * *"));
        QCOMPARE(put.json.value(QStringLiteral("updatedBy")).toString(), QStringLiteral("sched-operator"));
        // The same name twice is a conflict.
        QCOMPARE(api(QStringLiteral("POST"), QStringLiteral("/api/v1/schedules"), body).status, 409);
        QCOMPARE(api(QStringLiteral("DELETE"), path).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestServerSchedules)
#include "tst_serverschedules.moc"
