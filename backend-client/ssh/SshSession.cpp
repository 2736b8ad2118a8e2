#include "SshSession.h"

#include <fcntl.h>

QString SshSession::where() const
{
    return hostPort(target.address, target.port);
}

QString SshSession::lastError() const
{
    return sshError(ssh);
}

QString SshSession::sshError(void* object)
{
    return QString::fromUtf8(ssh_get_error(object));
}

QString SshSession::localUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("LOGNAME");
    }
    return user.isEmpty() ? QStringLiteral("root") : user;
}

QString SshSession::hostPort(const QString& address, int port)
{
    if (port == 22) {
        return address;
    }
    return QLatin1Char('[') + address + QLatin1String("]:") + QString::number(port);
}

// libssh makes the socket it was given blocking once it sees it connected; its writes then send the whole output
// buffer at once. Through a tunnel the reader of that socket is the worker thread itself, so a blocking send would
// never return; over TCP one host that stops reading (a full window during a large stdin) would stall every
// session of the loop. So the socket is made non-blocking again (libssh writes only after poll() reported room,
// so a short write is all it gets, which it handles).
void SshSession::keepNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK)) {
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}
