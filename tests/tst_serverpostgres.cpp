// opsdeck-server on PostgreSQL (tests/PostgresFixture.h: a real PostgreSQL 15 of this test binary, a database per
// case) with a real sshd as the hosts: `migrate` creates and upgrades a database and says from which version to
// which, `token create|list` work with --database, the server runs a job from it and its events are read back over
// the API and from the database; a database of a newer version is refused with the message of the SQLite check;
// the password of the URL is never printed (the fixture's superuser has one: SCRAM, PGPASSWORD otherwise).
#include "PostgresFixture.h"
#include "ScriptJobBody.h"
#include "ServerClient.h"
#include "ServerFixture.h"
#include "ServerProcess.h"
#include "SshdInventory.h"
#include "jobs/JobSpec.h"
#include "jobs/JobStore.h"
#include "store/SqlDialect.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run server(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(OPSDECK_SERVER_PATH), args);
    Run r;
    if (p.waitForFinished(60'000) && p.exitStatus() == QProcess::NormalExit) {
        r.code = p.exitCode();
    } else {
        p.kill();
        p.waitForFinished(5000);
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestServerPostgres : public QObject {
    Q_OBJECT

    PostgresFixture* m_pg = nullptr;

    QString newDatabase()
    {
        QString error;
        const QString url = m_pg->createDatabase(&error);
        if (url.isEmpty()) {
            qWarning("%s", qPrintable(error));
        }
        return url;
    }
    static QString nameOf(const QString& url) { return url.mid(url.lastIndexOf(u'/') + 1); }
    // The same URL with the password in it (otherwise it comes from PGPASSWORD): it must never be printed.
    QString withPassword(const QString& url) const
    {
        QString u = url;
        return u.replace(QLatin1String("opsdeck@"), QStringLiteral("opsdeck:%1@").arg(m_pg->password()));
    }
    bool showsPassword(const QString& text) const { return text.contains(m_pg->password()); }

private slots:
    void initTestCase()
    {
        if (const QString why = PostgresFixture::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        QString error;
        m_pg = PostgresFixture::shared(&error);
        QVERIFY2(m_pg, qPrintable(error));
    }

    // migrate on an empty database, on one of every older version, then once more; and on a data directory.
    void migrateSaysFromWhichVersionToWhich()
    {
        const QString url = newDatabase();
        QVERIFY(!url.isEmpty());
        Run r = server({ QStringLiteral("migrate"), QStringLiteral("--database"), withPassword(url) });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("%1: created at version %2").arg(url).arg(Workspace::kSchemaVersion));
        r = server({ QStringLiteral("migrate"), QStringLiteral("--database"), url });
        QCOMPARE(r.out.trimmed(), QStringLiteral("%1: already at version %2").arg(url).arg(Workspace::kSchemaVersion));
        for (int version = 1; version < Workspace::kSchemaVersion; ++version) {
            const QString old = newDatabase();
            auto location = StoreLocation::parseUrl(old);
            QVERIFY(location);
            QVERIFY(Workspace::createAtVersion(*location, version));
            r = server({ QStringLiteral("migrate"), QStringLiteral("--database"), withPassword(old) });
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(r.out.trimmed(),
                QStringLiteral("%1: migrated from version %2 to %3")
                    .arg(old)
                    .arg(version)
                    .arg(Workspace::kSchemaVersion));
            QVERIFY2(!showsPassword(r.out + r.err), qPrintable(r.out + r.err));
        }
        // The same command on a data directory's SQLite file.
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("data"))));
        QVERIFY(Workspace::createAtVersion(dir.filePath(QStringLiteral("data/workspace.opsdeck")), 6));
        r = server({ QStringLiteral("migrate"), QStringLiteral("--data"), dir.filePath(QStringLiteral("data")) });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.trimmed().endsWith(
                     QStringLiteral("workspace.opsdeck: migrated from version 6 to %1").arg(Workspace::kSchemaVersion)),
            qPrintable(r.out));
        // One of the two, not both, not none.
        QCOMPARE(server({ QStringLiteral("migrate") }).code, 2);
    }

    void refusesANewerDatabase()
    {
        const QString url = newDatabase();
        QVERIFY(server({ QStringLiteral("migrate"), QStringLiteral("--database"), url }).code == 0);
        QString error;
        QVERIFY2(m_pg->exec(nameOf(url), QStringLiteral("UPDATE opsdeck_schema SET version = 99"), &error),
            qPrintable(error));
        const QString expected = QStringLiteral("%1: made by a newer OpsDeck (workspace version 99, this OpsDeck "
                                                "understands up to %2); upgrade OpsDeck to open it. The database was "
                                                "left as it is")
                                     .arg(url)
                                     .arg(Workspace::kSchemaVersion);
        QTemporaryDir dir;
        for (const QStringList& args : { QStringList { QStringLiteral("migrate") },
                 QStringList { QStringLiteral("token"), QStringLiteral("list") },
                 QStringList { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                     dir.path() } }) {
            const Run r = server(args + QStringList { QStringLiteral("--database"), withPassword(url) });
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains(expected), qPrintable(r.err));
            QVERIFY2(!showsPassword(r.err), qPrintable(r.err));
        }
        QVERIFY(m_pg->exec(nameOf(url),
            QStringLiteral("DO $$ BEGIN IF (SELECT version FROM opsdeck_schema) <> 99 THEN RAISE EXCEPTION "
                           "'changed'; END IF; END $$")));
        // Not a database of ours at all.
        const QString other = newDatabase();
        QVERIFY(m_pg->exec(nameOf(other), QStringLiteral("CREATE TABLE invoices (id BIGINT)")));
        const Run r = server({ QStringLiteral("migrate"), QStringLiteral("--database"), other });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("not an OpsDeck workspace")), qPrintable(r.err));
    }

    // `database =` in the configuration file, without --data: the server runs on the database alone.
    void configurationFileNamesTheDatabase()
    {
        const QString url = newDatabase();
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("server.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("[server]\ndatabase = %1\n").arg(url).toUtf8());
        config.close();
        QByteArray secret;
        QCOMPARE(ServerFixture::run({ QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--database"),
                                        url, QStringLiteral("--role"), QStringLiteral("viewer"),
                                        QStringLiteral("--name"), QStringLiteral("v") },
                     &secret),
            0);
        QProcess process;
        QString error;
        const quint16 port = ServerFixture::start(process,
            { QStringLiteral("--config"), config.fileName(), QStringLiteral("--ssh-config"), QStringLiteral("none") },
            &error);
        QVERIFY2(port != 0, qPrintable(error));
        // The token made in the database lets one in: the server reads that database.
        const Reply reply = httpRequest(
            port, QStringLiteral("GET"), QStringLiteral("/api/v1/info"), QString::fromLatin1(secret.trimmed()));
        QVERIFY2(reply.status == 200, reply.raw.constData());
        ServerFixture::stop(process);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("workspace.opsdeck"))));
    }

    // Tokens made with --database, the server on the database, a job on two sshd hosts, its events read back.
    void runsAJobFromTheDatabase()
    {
        if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        qunsetenv("SSH_AUTH_SOCK");
        SshdFixture sshd;
        QString error;
        QVERIFY2(sshd.start(2, &error), qPrintable(error));
        const QString url = newDatabase();
        QVERIFY(!url.isEmpty());
        {
            auto ws = Workspace::openUrl(url, Workspace::OpenMode::CreateIfMissing);
            QVERIFY2(ws, qPrintable(ws.errorString()));
            QVERIFY((*ws)->saveInventory(sshdInventory(sshd, 2)));
        }
        Run r = server({ QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--database"),
            withPassword(url), QStringLiteral("--role"), QStringLiteral("operator"), QStringLiteral("--name"),
            QStringLiteral("pg-op") });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString token = r.out.trimmed();
        QVERIFY2(token.startsWith(QLatin1String("odt_")), qPrintable(token));
        r = server({ QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--database"), url });
        QVERIFY2(r.code == 0 && r.out.contains(QLatin1String("\toperator\tpg-op\t")), qPrintable(r.out + r.err));

        QTemporaryDir dir;
        ServerProcess process;
        QVERIFY2(process.startServer(dir.path(),
                     { QStringLiteral("--database"), withPassword(url), QStringLiteral("--ssh-config"),
                         QStringLiteral("none"), QStringLiteral("--known-hosts"), sshd.knownHostsPath() },
                     0, &error),
            qPrintable(error));
        QVERIFY2(process.startupLog().contains(QStringLiteral("(database %1)").arg(url).toUtf8()),
            process.startupLog().constData());
        QVERIFY(!showsPassword(QString::fromUtf8(process.startupLog())));
        Reply reply = httpRequest(process.port(), QStringLiteral("POST"), QStringLiteral("/api/v1/jobs"), token,
            scriptJobBody({ QStringLiteral("srv-01"), QStringLiteral("srv-02") },
                QStringLiteral("echo pg-$((40 + 2)) $(date +%s)\n"), 20, QStringLiteral("on-postgres")));
        QVERIFY2(reply.status == 201, reply.raw.constData());
        const QString id = reply.json.value(QStringLiteral("id")).toString();
        QString status;
        for (int waited = 0; waited < 30'000; waited += 100) {
            reply = httpRequest(process.port(), QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, token);
            status = reply.json.value(QStringLiteral("status")).toString();
            if (status == QLatin1String("succeeded") || status == QLatin1String("failed")) {
                break;
            }
            QTest::qWait(100);
        }
        QCOMPARE(status, QStringLiteral("succeeded"));
        reply = httpRequest(
            process.port(), QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=1000").arg(id), token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.raw.count("pg-42"), 2);
        QVERIFY(reply.raw.contains("\"job.finished\""));
        process.stop();
        // The history is the database's: read back directly, ms times beyond 32 bits intact.
        auto ws = Workspace::openUrl(url);
        QVERIFY2(ws, qPrintable(ws.errorString()));
        JobStore store(**ws);
        auto summary = store.job(id);
        QVERIFY2(summary, qPrintable(summary.errorString()));
        QCOMPARE(summary->status, JobStatus::Succeeded);
        QVERIFY(summary->createdMs > (qint64(1) << 40));
        QVERIFY(qAbs(QDateTime::currentMSecsSinceEpoch() - summary->createdMs) < 600'000);
        // A search by text ignores case on both databases (SQLite's LIKE does, PostgreSQL's does not).
        JobFilter filter;
        filter.script = QStringLiteral("ON-POSTGRES");
        auto found = store.jobs(filter);
        QVERIFY2(found, qPrintable(found.errorString()));
        QCOMPARE(found->size(), 1);
        auto events = store.events(id);
        QVERIFY(events);
        int finished = 0;
        for (const JobEvent& e : *events) {
            finished += e.type == JobEvent::Type::HostFinished && e.hostStatus == HostStatus::Success ? 1 : 0;
        }
        QCOMPARE(finished, 2);
    }
};

QTEST_GUILESS_MAIN(TestServerPostgres)
#include "tst_serverpostgres.moc"
