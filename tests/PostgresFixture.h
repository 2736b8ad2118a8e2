#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>

class QProcess;

// A real PostgreSQL 15 for tests: `initdb` and `pg_ctl` (from /usr/lib/postgresql/15/bin) in a temporary directory,
// listening on a free loopback port with its Unix socket inside that directory, the superuser `opsdeck` with a
// random password (SCRAM over TCP). The password is put in PGPASSWORD of the test process, so that every connection
// of the test and of the programs it starts authenticates the way libpq does without a password in the URL. PostgreSQL
// refuses to run as root, so under root it runs as the `postgres` user through `runuser` (the directory is handed to
// that user). Every wait is bounded; the server is stopped by stop(), the destructor, at the process' exit, and —
// should the test process crash — by a watchdog that stops it
// (`pg_ctl stop -m immediate`) as soon as the test process is gone.
//
// One server per test binary (shared()), a database per test (createDatabase()).
class PostgresFixture {
public:
    PostgresFixture() = default;
    ~PostgresFixture();
    PostgresFixture(const PostgresFixture&) = delete;
    PostgresFixture& operator=(const PostgresFixture&) = delete;

    static QString binDir();
    // Empty when the fixture can run here; otherwise why not (for QSKIP).
    static QString unavailableReason();

    bool start(QString* error);
    void stop();
    bool running() const { return m_port > 0; }
    int port() const { return m_port; }
    QString password() const { return m_password; }
    QString dir() const { return m_dir ? m_dir->path() : QString(); }

    // A new empty database; its URL (postgresql://opsdeck@127.0.0.1:PORT/NAME), empty with *error set on failure.
    QString createDatabase(QString* error);
    QString url(const QString& database) const;
    // Runs one SQL statement in `database` (as the superuser); false with *error set when it fails.
    bool exec(const QString& database, const QString& sql, QString* error = nullptr) const;

    // The server of this test binary, started on first use (nullptr with *error set when it cannot start).
    static PostgresFixture* shared(QString* error);

private:
    bool run(const QStringList& command, int timeoutMs, QString* output) const;
    QStringList asServerUser(const QString& program, const QStringList& args) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_port = 0;
    int m_databases = 0;
    QString m_password;
    qint64 m_watchdog = 0;
};
