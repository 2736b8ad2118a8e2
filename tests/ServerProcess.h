#pragma once

// opsdeck-server as a real child process for the tests (OPSDECK_SERVER_PATH): tokens made by its own CLI, the
// server started over a data directory on 127.0.0.1 (port 0: a free one, read from its log; or a given port, to
// restart on the same one), and the loopback sshd fixture's ports written into its inventory as hosts.
#include "SshdInventory.h"
#include "inventory/Inventory.h"
#include "store/Workspace.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

class ServerProcess : public QProcess {
public:
    ~ServerProcess() override
    {
        if (state() != QProcess::NotRunning) {
            QProcess::kill();
            waitForFinished(5000);
        }
    }

    // `opsdeck-server token create`: the new secret, or empty with *error set.
    static QString createToken(const QString& data, const QString& role, const QString& name, QString* error)
    {
        QProcess p;
        p.start(QStringLiteral(OPSDECK_SERVER_PATH),
            { QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data,
                QStringLiteral("--role"), role, QStringLiteral("--name"), name });
        if (!p.waitForFinished(30'000) || p.exitCode() != 0) {
            *error = QString::fromUtf8(p.readAllStandardError());
            return {};
        }
        return QString::fromLatin1(p.readAllStandardOutput().trimmed());
    }

    // Hosts srv-01 … on the fixture's ports (root, its client key), saved as the inventory of a data directory's
    // workspace (or, with a path ending in .opsdeck, of that workspace, made if missing).
    static bool writeSshdInventory(const QString& data, const SshdFixture& sshd, int count, QString* error)
    {
        const QString path = data.endsWith(QLatin1String(".opsdeck"))
            ? data
            : QDir(data).filePath(QStringLiteral("workspace.opsdeck"));
        auto ws = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            *error = ws.errorString();
            return false;
        }
        if (auto saved = (*ws)->saveInventory(sshdInventory(sshd, count)); !saved) {
            *error = saved.errorString();
            return false;
        }
        return true;
    }

    // Starts the server and waits until it listens; port 0 picks a free one.
    bool startServer(const QString& data, const QStringList& extraArgs, quint16 port, QString* error)
    {
        m_port = 0;
        m_startupLog.clear();
        setProcessChannelMode(QProcess::SeparateChannels);
        start(QStringLiteral(OPSDECK_SERVER_PATH),
            QStringList {
                QStringLiteral("--data"), data, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port) }
                + extraArgs);
        if (!waitForStarted(10'000)) {
            *error = errorString();
            return false;
        }
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        for (int i = 0; i < 100 && m_port == 0 && state() == QProcess::Running; ++i) {
            waitForReadyRead(200);
            m_startupLog += readAllStandardError();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_startupLog));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
            }
        }
        if (m_port == 0) {
            *error = QString::fromUtf8(m_startupLog + readAllStandardError());
            return false;
        }
        return true;
    }

    // SIGTERM (the server's clean stop), then SIGKILL if it does not end.
    void stop()
    {
        if (state() != QProcess::NotRunning) {
            terminate();
            if (!waitForFinished(10'000)) {
                QProcess::kill();
                waitForFinished(5000);
            }
        }
    }

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QByteArray startupLog() const { return m_startupLog; }

private:
    quint16 m_port = 0;
    QByteArray m_startupLog;
};
