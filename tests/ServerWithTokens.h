#pragma once

// A real opsdeck-server process for a test: tokens of each role made with its CLI, the server started on
// 127.0.0.1 port 0 over a data directory, the port read from its log, stopped (killed if need be) at the end. On
// the PostgreSQL run (tests/TestStore.h) its store is a database of the test's PostgreSQL (--database) instead.
#include "ServerClient.h"
#include "TestStore.h"

#include <QDir>
#include <QHash>
#include <QProcess>
#include <QStringList>

class ServerWithTokens {
public:
    ServerWithTokens(QString binary, QString dataDir)
        : m_binary(std::move(binary))
        , m_data(std::move(dataDir))
    {
    }
    ~ServerWithTokens() { stop(); }

    QString data() const { return m_data; }
    QString workspacePath() const { return QDir(m_data).filePath(QStringLiteral("workspace.opsdeck")); }
    // --data DIR, and --database URL on the PostgreSQL run.
    QStringList storeArgs() const
    {
        QStringList args { QStringLiteral("--data"), m_data };
        if (TestStore::postgres()) {
            args << QStringLiteral("--database") << TestStore::urlFor(workspacePath(), true);
        }
        return args;
    }
    // The server's store, opened beside it.
    Result<std::unique_ptr<Workspace>> openWorkspace() const { return TestStore::open(workspacePath()); }
    quint16 port() const { return m_port; }
    QString token(const QString& role) const { return m_tokens.value(role); }
    QProcess& process() { return m_server; }

    // `opsdeck-server ARGS`, run to its end: exit code, stdout and stderr.
    int runCli(const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr) const
    {
        QProcess p;
        p.start(m_binary, args);
        p.waitForFinished(30'000);
        if (out) {
            *out = p.readAllStandardOutput();
        }
        if (err) {
            *err = p.readAllStandardError();
        }
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    // One token per role, named ROLE-1 (this also creates the data directory's workspace). Empty on success.
    QString createTokens()
    {
        for (const QString& role : { QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("admin") }) {
            QByteArray out;
            QByteArray err;
            if (runCli(QStringList { QStringLiteral("token"), QStringLiteral("create") } + storeArgs()
                        + QStringList { QStringLiteral("--role"), role, QStringLiteral("--name"),
                            role + QStringLiteral("-1") },
                    &out, &err)
                != 0) {
                return QString::fromUtf8(err);
            }
            m_tokens.insert(role, QString::fromLatin1(out.trimmed()));
        }
        return {};
    }

    // Starts the server with `extraArgs` after --data and --listen; the log so far when it does not listen.
    QString start(const QStringList& extraArgs = { QStringLiteral("--ssh-config"), QStringLiteral("none") })
    {
        m_server.setProcessChannelMode(QProcess::SeparateChannels);
        m_server.start(m_binary,
            storeArgs() + QStringList { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") } + extraArgs);
        if (!m_server.waitForStarted(10'000)) {
            return QStringLiteral("cannot start %1").arg(m_binary);
        }
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        for (int i = 0; i < 100 && m_port == 0; ++i) {
            m_server.waitForReadyRead(200);
            m_log += m_server.readAllStandardError();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_log));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
            }
        }
        return m_port != 0 ? QString() : QString::fromUtf8(m_log);
    }

    // The server's stderr so far (its request log).
    QByteArray log()
    {
        m_log += m_server.readAllStandardError();
        return m_log;
    }

    void stop()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(10'000)) {
                m_server.kill();
                m_server.waitForFinished(5000);
            }
        }
    }

    Reply request(const QString& method, const QString& path, const QString& role = {}, const QByteArray& body = {},
        const QList<QPair<QByteArray, QByteArray>>& headers = {}) const
    {
        return httpRequest(m_port, method, path, role.isEmpty() ? QString() : token(role), body, headers);
    }

private:
    QString m_binary;
    QString m_data;
    QProcess m_server;
    quint16 m_port = 0;
    QHash<QString, QString> m_tokens;
    QByteArray m_log;
};
