#include "PostgresFixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>
#include <csignal>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int kStepTimeoutMs = 60'000;
const char* const kSuperuser = "opsdeck";

int freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

PostgresFixture* g_shared = nullptr;

void stopShared()
{
    if (g_shared) {
        g_shared->stop();
    }
}

} // namespace

QString PostgresFixture::binDir()
{
    return QStringLiteral("/usr/lib/postgresql/15/bin");
}

QString PostgresFixture::unavailableReason()
{
    for (const char* tool : { "initdb", "pg_ctl", "postgres" }) {
        if (!QFileInfo(binDir() + QLatin1Char('/') + QLatin1String(tool)).isExecutable()) {
            return QStringLiteral("PostgreSQL 15 is not installed (no %1/%2; tools/install-deps.sh --tests installs "
                                  "postgresql-15)")
                .arg(binDir(), QLatin1String(tool));
        }
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return QStringLiteral("Qt's PostgreSQL driver is not installed (libqt6sql6-psql)");
    }
    if (::geteuid() == 0 && (!::getpwnam("postgres") || !QFileInfo(QStringLiteral("/usr/sbin/runuser")).exists())) {
        return QStringLiteral("running as root without a `postgres` user and runuser to run PostgreSQL as");
    }
    return {};
}

PostgresFixture::~PostgresFixture()
{
    stop();
}

QStringList PostgresFixture::asServerUser(const QString& program, const QStringList& args) const
{
    QStringList command { binDir() + QLatin1Char('/') + program };
    command += args;
    if (::geteuid() == 0) {
        command = QStringList {
            QStringLiteral("/usr/sbin/runuser"), QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")
        } + command;
    }
    return command;
}

bool PostgresFixture::run(const QStringList& command, int timeoutMs, QString* output) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir->path()); // the server user may not enter the test's current directory
    p.start(command.first(), command.mid(1));
    const bool finished = p.waitForStarted(kStepTimeoutMs) && p.waitForFinished(timeoutMs);
    if (!finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    *output = QString::fromLocal8Bit(p.readAll()).trimmed();
    if (!finished) {
        *output = QStringLiteral("%1 did not finish within %2 s; %3")
                      .arg(command.join(u' '))
                      .arg(timeoutMs / 1000)
                      .arg(*output);
    }
    return finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool PostgresFixture::start(QString* error)
{
    if (running()) {
        return true;
    }
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        *error = why;
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/opsdeck-pg-XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    if (::geteuid() == 0) {
        const passwd* pw = ::getpwnam("postgres");
        if (::chown(QFile::encodeName(m_dir->path()).constData(), pw->pw_uid, pw->pw_gid) != 0) {
            *error = QStringLiteral("cannot hand %1 to the postgres user").arg(m_dir->path());
            return false;
        }
    }
    const QString data = m_dir->filePath(QStringLiteral("data"));
    m_password = QString::fromLatin1(QUuid::createUuid().toByteArray(QUuid::Id128));
    const QString pwfile = m_dir->filePath(QStringLiteral("pwfile"));
    {
        QFile f(pwfile);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_password.toLatin1() + '\n') < 0) {
            *error = QStringLiteral("cannot write %1").arg(pwfile);
            return false;
        }
    }
    QString out;
    if (!run(asServerUser(QStringLiteral("initdb"),
                 { QStringLiteral("-D"), data, QStringLiteral("-U"), QLatin1String(kSuperuser),
                     QStringLiteral("--pwfile=") + pwfile, QStringLiteral("--auth-host=scram-sha-256"),
                     QStringLiteral("--auth-local=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                     QStringLiteral("--no-locale"), QStringLiteral("--no-sync") }),
            kStepTimeoutMs, &out)) {
        *error = QStringLiteral("initdb failed: %1").arg(out);
        return false;
    }
    // A port taken between the probe and the start: try a few.
    for (int attempt = 0; attempt < 3 && m_port == 0; ++attempt) {
        const int port = freePort();
        const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                               "-c synchronous_commit=off -c full_page_writes=off "
                                               "-c max_connections=200 -c shared_buffers=32MB")
                                    .arg(port)
                                    .arg(m_dir->path());
        if (run(asServerUser(QStringLiteral("pg_ctl"),
                    { QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-l"),
                        m_dir->filePath(QStringLiteral("server.log")), QStringLiteral("-w"), QStringLiteral("-t"),
                        QStringLiteral("60"), QStringLiteral("start") }),
                90'000, &out)) {
            m_port = port;
        }
    }
    if (m_port == 0) {
        QFile log(m_dir->filePath(QStringLiteral("server.log")));
        const QString tail = log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll().right(2000)) : QString();
        // It may be half up: stop whatever started.
        QString ignored;
        run(asServerUser(QStringLiteral("pg_ctl"),
                { QStringLiteral("-D"), data, QStringLiteral("stop"), QStringLiteral("-m"),
                    QStringLiteral("immediate") }),
            30'000, &ignored);
        *error = QStringLiteral("pg_ctl start failed: %1\n%2").arg(out, tail);
        return false;
    }
    QFile::remove(pwfile);
    qputenv("PGPASSWORD", m_password.toLatin1());
    // Should this process die without stopping it, the watchdog does (and removes the directory).
    const QString stopCommand = asServerUser(QStringLiteral("pg_ctl"),
        { QStringLiteral("-D"), data, QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("immediate") })
                                    .join(u' ');
    QProcess watchdog;
    watchdog.setProgram(QStringLiteral("/bin/sh"));
    watchdog.setArguments({ QStringLiteral("-c"),
        QStringLiteral("while kill -0 %1 2>/dev/null; do sleep 1; done; if [ -d '%2' ]; then %3 >/dev/null 2>&1; "
                       "rm -rf '%4'; fi")
            .arg(QCoreApplication::applicationPid())
            .arg(data, stopCommand, m_dir->path()) });
    watchdog.setWorkingDirectory(QStringLiteral("/"));
    // Not holding the test's output open: CTest would wait for it.
    watchdog.setStandardInputFile(QProcess::nullDevice());
    watchdog.setStandardOutputFile(QProcess::nullDevice());
    watchdog.setStandardErrorFile(QProcess::nullDevice());
    watchdog.startDetached(&m_watchdog);
    return true;
}

void PostgresFixture::stop()
{
    if (!m_dir) {
        return;
    }
    if (m_port > 0) {
        QString out;
        const QString data = m_dir->filePath(QStringLiteral("data"));
        if (!run(asServerUser(QStringLiteral("pg_ctl"),
                     { QStringLiteral("-D"), data, QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("fast"),
                         QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30") }),
                45'000, &out)) {
            run(asServerUser(QStringLiteral("pg_ctl"),
                    { QStringLiteral("-D"), data, QStringLiteral("stop"), QStringLiteral("-m"),
                        QStringLiteral("immediate") }),
                30'000, &out);
        }
        m_port = 0;
    }
    if (m_watchdog > 0) {
        ::kill(pid_t(m_watchdog), SIGTERM);
        m_watchdog = 0;
    }
    m_dir.reset();
}

QString PostgresFixture::url(const QString& database) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(QLatin1String(kSuperuser)).arg(m_port).arg(database);
}

bool PostgresFixture::exec(const QString& database, const QString& sql, QString* error) const
{
    static int serial = 0;
    const QString conn = QStringLiteral("pgfixture-%1").arg(++serial);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), conn);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(QLatin1String(kSuperuser));
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok && error) {
                *error = q.lastError().text();
            }
            q.finish();
            db.close();
        } else if (error) {
            *error = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(conn);
    return ok;
}

QString PostgresFixture::createDatabase(QString* error)
{
    const QString name = QStringLiteral("t%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_databases);
    if (!exec(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(name), error)) {
        return {};
    }
    return url(name);
}

PostgresFixture* PostgresFixture::shared(QString* error)
{
    static QString startError;
    if (!g_shared) {
        g_shared = new PostgresFixture;
        if (!g_shared->start(&startError)) {
            g_shared->stop();
        }
        qAddPostRoutine(stopShared);
        std::atexit(stopShared);
    }
    if (!g_shared->running()) {
        *error = startError;
        return nullptr;
    }
    return g_shared;
}
