#include "WorkspaceInstance.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <unistd.h>

namespace {
constexpr int kMaxRequestBytes = 16 * 1024; // a request is a small JSON object; anything longer is not one
}

WorkspaceInstance::WorkspaceInstance(QObject* parent)
    : QObject(parent)
{
}

WorkspaceInstance::~WorkspaceInstance()
{
    stop();
}

QString WorkspaceInstance::socketName(const QString& workspacePath)
{
    const QFileInfo info(workspacePath);
    const QString canonical = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    const QByteArray hash = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(24);
    return QStringLiteral("opsdeck-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
}

void WorkspaceInstance::stop()
{
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    m_path.clear();
}

bool WorkspaceInstance::listen(const QString& workspacePath)
{
    const QString name = socketName(workspacePath);
    if (m_server && m_server->serverName() == name) {
        return true;
    }
    stop();
    {
        // Someone answers: that window has the file (do not take its socket away).
        QLocalSocket probe;
        probe.connectToServer(name);
        if (probe.waitForConnected(300)) {
            probe.abort();
            return false;
        }
    }
    QLocalServer::removeServer(name); // a socket file left by a console that crashed
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(name)) {
        delete m_server;
        m_server = nullptr;
        return false;
    }
    m_path = workspacePath;
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server->nextPendingConnection()) {
            QPointer<QLocalSocket> guard(socket);
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, guard] {
                if (!guard) {
                    return;
                }
                if (guard->bytesAvailable() > kMaxRequestBytes) {
                    guard->abort();
                    return;
                }
                if (!guard->canReadLine()) {
                    return;
                }
                const QJsonObject request = QJsonDocument::fromJson(guard->readLine()).object();
                guard->write("ok\n");
                guard->flush();
                emit activationRequested(request);
            });
        }
    });
    return true;
}

bool WorkspaceInstance::forward(const QString& workspacePath, const QJsonObject& request, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketName(workspacePath));
    if (!socket.waitForConnected(timeoutMs)) {
        return false;
    }
    socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    if (!socket.waitForBytesWritten(timeoutMs)) {
        return false;
    }
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(timeoutMs)) {
            return false;
        }
    }
    return socket.readLine().trimmed() == "ok";
}
