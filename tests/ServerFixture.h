#pragma once

// opsdeck-server as a real process for tests (the binary at OPSDECK_SERVER_PATH): its token CLI, and the server
// started on 127.0.0.1 with a random port, read from its "listening on" log line. Used by tst_server and
// tst_connect; the caller owns the QProcess and stops it (stop()) in cleanup.
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace ServerFixture {

// Runs `opsdeck-server ARGS` to its end (token create|list|revoke …); returns its exit code (-1 if it did not end).
inline int run(const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(OPSDECK_SERVER_PATH), args);
    const bool finished = p.waitForFinished(30'000);
    if (out) {
        *out = p.readAllStandardOutput();
    }
    if (err) {
        *err = p.readAllStandardError();
    }
    return finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// A new token of `role` in the data directory `data`; empty (and *error set) on failure.
inline QString createToken(const QString& data, const QString& role, const QString& name, QString* error)
{
    QByteArray out;
    QByteArray err;
    const int code = run({ QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data,
                             QStringLiteral("--role"), role, QStringLiteral("--name"), name },
        &out, &err);
    if (code != 0) {
        *error = QString::fromUtf8(err);
        return {};
    }
    return QString::fromLatin1(out.trimmed());
}

// Starts the server with `args` plus --listen 127.0.0.1:0 and waits (10 s at most) for the port it listens on;
// 0 on failure, with the log so far in *error.
inline quint16 start(QProcess& server, const QStringList& args, QString* error)
{
    server.setProcessChannelMode(QProcess::SeparateChannels);
    server.start(QStringLiteral(OPSDECK_SERVER_PATH),
        QStringList(args) << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0"));
    if (!server.waitForStarted(10'000)) {
        *error = server.errorString();
        return 0;
    }
    QByteArray log;
    const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    for (int i = 0; i < 100; ++i) {
        server.waitForReadyRead(200);
        log += server.readAllStandardError();
        const QRegularExpressionMatch m = listening.match(QString::fromUtf8(log));
        if (m.hasMatch()) {
            return quint16(m.captured(1).toUInt());
        }
    }
    *error = QString::fromUtf8(log);
    return 0;
}

// A server on the data directory `data` (no ~/.ssh/config) with one new token of `role` in *token: the port, or
// 0 with *error saying why.
inline quint16 startWithToken(
    QProcess& server, const QString& data, const QString& role, QString* token, QString* error)
{
    *token = createToken(data, role, QStringLiteral("console"), error);
    if (token->isEmpty()) {
        return 0;
    }
    return start(
        server, { QStringLiteral("--data"), data, QStringLiteral("--ssh-config"), QStringLiteral("none") }, error);
}

inline void stop(QProcess& server)
{
    if (server.state() != QProcess::NotRunning) {
        server.kill();
        server.waitForFinished(5000);
    }
}

} // namespace ServerFixture
