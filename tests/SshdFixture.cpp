#include "SshdFixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <sys/types.h>

namespace {

const QString kSshd = QStringLiteral("/usr/sbin/sshd");
const QString kKeygen = QStringLiteral("/usr/bin/ssh-keygen");

// Every process below `root` (the sshd's session processes: monitor, user process, the user's commands).
QList<qint64> descendants(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok) {
            continue;
        }
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        if (close < 0) {
            continue;
        }
        // After "pid (comm) ": state, ppid, …
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() > 1) {
            children[fields.at(1).toLongLong()].append(pid);
        }
    }
    QList<qint64> out;
    QList<qint64> todo { root };
    while (!todo.isEmpty()) {
        const qint64 p = todo.takeLast();
        for (qint64 c : children.value(p)) {
            out.append(c);
            todo.append(c);
        }
    }
    return out;
}

bool portFree(int port)
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, quint16(port));
}

} // namespace

SshdFixture::SshdFixture() = default;

SshdFixture::~SshdFixture()
{
    stop();
}

QString SshdFixture::unavailableReason()
{
    if (!QFileInfo(kSshd).isExecutable()) {
        return QStringLiteral("%1 is not installed (package openssh-server)").arg(kSshd);
    }
    if (!QFileInfo(kKeygen).isExecutable()) {
        return QStringLiteral("%1 is not installed (package openssh-client)").arg(kKeygen);
    }
    return {};
}

int SshdFixture::closedPort()
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int port = int(QRandomGenerator::global()->bounded(30000, 60000));
        if (portFree(port)) {
            return port;
        }
    }
    return 1; // tcpmux: never open on a test machine
}

bool SshdFixture::generateKey(const QString& name, QString* error)
{
    QProcess keygen;
    keygen.start(kKeygen,
        { QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"), QString(),
            QStringLiteral("-C"), QStringLiteral("opsdeck-test-") + name, QStringLiteral("-f"), m_dir.filePath(name) });
    if (!keygen.waitForFinished(20'000) || keygen.exitCode() != 0) {
        *error = QStringLiteral("ssh-keygen failed for %1: %2")
                     .arg(name, QString::fromLocal8Bit(keygen.readAllStandardError()));
        return false;
    }
    return true;
}

QString SshdFixture::publicKeyLine(const QString& name) const
{
    QFile file(m_dir.filePath(name + QLatin1String(".pub")));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QStringList parts = QString::fromLatin1(file.readAll()).trimmed().split(QLatin1Char(' '));
    return parts.mid(0, 2).join(QLatin1Char(' '));
}

QString SshdFixture::fingerprint(const QString& name) const
{
    QProcess keygen;
    keygen.start(kKeygen,
        { QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"), QStringLiteral("-f"),
            m_dir.filePath(name + QLatin1String(".pub")) });
    keygen.waitForFinished(20'000);
    // "256 SHA256:xxxx comment (ED25519)"
    return QString::fromLatin1(keygen.readAllStandardOutput()).split(QLatin1Char(' ')).value(1);
}

QString SshdFixture::clientKeyPath() const
{
    return m_dir.filePath(QStringLiteral("client_key"));
}

QString SshdFixture::wrongClientKeyPath() const
{
    return m_dir.filePath(QStringLiteral("wrong_key"));
}

QString SshdFixture::knownHostsPath() const
{
    return m_dir.filePath(QStringLiteral("known_hosts"));
}

QString SshdFixture::hostKeyFingerprint() const
{
    return fingerprint(QStringLiteral("host_key"));
}

QString SshdFixture::otherHostKeyFingerprint() const
{
    return fingerprint(QStringLiteral("other_host_key"));
}

bool SshdFixture::writeKnownHosts(const QString& path, const QList<int>& ports, bool otherKey) const
{
    const QString key = publicKeyLine(otherKey ? QStringLiteral("other_host_key") : QStringLiteral("host_key"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    for (int port : ports) {
        file.write(QStringLiteral("[127.0.0.1]:%1 %2\n").arg(port).arg(key).toLatin1());
    }
    return true;
}

bool SshdFixture::start(int portCount, QString* error)
{
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        *error = why;
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    // sshd's privilege separation directory; created when missing, never changed otherwise.
    if (!QFileInfo::exists(QStringLiteral("/run/sshd"))) {
        if (!QDir().mkpath(QStringLiteral("/run/sshd"))) {
            *error = QStringLiteral("cannot create /run/sshd");
            return false;
        }
        QFile::setPermissions(QStringLiteral("/run/sshd"),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                | QFile::ReadOther | QFile::ExeOther);
    }
    for (const QString& name : { QStringLiteral("host_key"), QStringLiteral("other_host_key"),
             QStringLiteral("client_key"), QStringLiteral("wrong_key") }) {
        if (!QFileInfo::exists(m_dir.filePath(name)) && !generateKey(name, error)) {
            return false;
        }
    }
    QFile::remove(m_dir.filePath(QStringLiteral("authorized_keys")));
    if (!QFile::copy(clientKeyPath() + QLatin1String(".pub"), m_dir.filePath(QStringLiteral("authorized_keys")))) {
        *error = QStringLiteral("cannot write authorized_keys");
        return false;
    }

    for (int attempt = 0; attempt < 3; ++attempt) {
        stop();
        m_ports.clear();
        QSet<int> chosen;
        while (m_ports.size() < portCount) {
            const int port = int(QRandomGenerator::global()->bounded(30000, 60000));
            if (!chosen.contains(port) && portFree(port)) {
                chosen.insert(port);
                m_ports.append(port);
            }
        }
        bool ok = true;
        for (int first = 0, index = 0; first < m_ports.size() && ok; first += m_portsPerServer, ++index) {
            ok = startOne(m_ports.mid(first, m_portsPerServer), index, error);
        }
        if (ok) {
            return writeKnownHosts(knownHostsPath(), m_ports, false);
        }
    }
    stop();
    return false;
}

bool SshdFixture::startOne(const QList<int>& ports, int index, QString* error)
{
    const QString config = m_dir.filePath(QStringLiteral("sshd_config_%1").arg(index));
    QString text;
    for (int port : ports) {
        text += QStringLiteral("ListenAddress 127.0.0.1:%1\n").arg(port);
    }
    text += QStringLiteral("HostKey %1\n"
                           "PidFile %2\n"
                           "AuthorizedKeysFile %3\n"
                           "UsePAM no\n"
                           "StrictModes no\n"
                           "PermitRootLogin yes\n"
                           "PubkeyAuthentication yes\n"
                           "PasswordAuthentication no\n"
                           "KbdInteractiveAuthentication no\n"
                           "UseDNS no\n"
                           "PrintMotd no\n"
                           "PrintLastLog no\n"
                           "MaxStartups %4\n"
                           "MaxSessions 64\n"
                           "LoginGraceTime 60\n"
                           "LogLevel ERROR\n"
                           // Jump-host tests open direct-tcpip channels through one port to another (the default,
                           // stated so that a changed default does not silently break them).
                           "AllowTcpForwarding yes\n"
                           // bash skips ~/.bashrc for ssh commands when SHLVL is already >= 2 after its own increment.
                           "SetEnv SHLVL=1\n"
                           "Subsystem sftp internal-sftp\n")
                .arg(m_dir.filePath(QStringLiteral("host_key")),
                    m_dir.filePath(QStringLiteral("sshd_%1.pid").arg(index)),
                    m_dir.filePath(QStringLiteral("authorized_keys")), m_maxStartups);
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write %1").arg(config);
        return false;
    }
    file.close();

    auto process = std::make_unique<QProcess>();
    const QString log = m_dir.filePath(QStringLiteral("sshd_%1.log").arg(index));
    process->setStandardOutputFile(log, QIODevice::Append);
    process->setStandardErrorFile(log, QIODevice::Append);
    const QStringList sshdArgs { QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), config };
    if (m_privateDirectory.isEmpty()) {
        process->start(kSshd, sshdArgs);
    } else {
        // unshare execs sh, sh execs sshd: the process id stays the sshd's.
        process->start(QStringLiteral("unshare"),
            QStringList { QStringLiteral("-m"), QStringLiteral("--propagation"), QStringLiteral("private"),
                QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("mount -t tmpfs -o size=1g opsdeck-fixture \"$0\" && exec \"$@\""), m_privateDirectory,
                kSshd }
                + sshdArgs);
    }
    if (!process->waitForStarted(10'000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(kSshd, process->errorString());
        return false;
    }
    QProcess* p = process.get();
    m_servers.push_back(std::move(process));

    const QDeadlineTimer deadline(15'000);
    for (int port : ports) {
        for (;;) {
            if (p->state() != QProcess::Running) {
                QFile logFile(log);
                logFile.open(QIODevice::ReadOnly);
                *error = QStringLiteral("sshd exited: %1").arg(QString::fromLocal8Bit(logFile.readAll()).trimmed());
                return false;
            }
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, quint16(port));
            if (socket.waitForConnected(500)) {
                break;
            }
            if (deadline.hasExpired()) {
                *error = QStringLiteral("sshd does not accept connections on port %1").arg(port);
                return false;
            }
            QThread::msleep(50);
        }
    }
    return true;
}

QList<qint64> SshdFixture::serverPids() const
{
    QList<qint64> pids;
    for (const auto& server : m_servers) {
        if (server->processId() > 0) {
            pids.append(server->processId());
        }
    }
    return pids;
}

void SshdFixture::killAll()
{
    for (const auto& server : m_servers) {
        killTree(server->processId());
    }
    for (const auto& server : m_servers) {
        server->waitForFinished(5'000);
    }
}

void SshdFixture::killServer(int index)
{
    if (index >= 0 && index < int(m_servers.size())) {
        killTree(m_servers.at(size_t(index))->processId());
        m_servers.at(size_t(index))->waitForFinished(5'000);
    }
}

void SshdFixture::killTree(qint64 pid)
{
    if (pid <= 0) {
        return;
    }
    const QList<qint64> below = descendants(pid);
    ::kill(pid_t(pid), SIGKILL);
    for (qint64 child : below) {
        ::kill(pid_t(child), SIGKILL);
    }
}

void SshdFixture::stop()
{
    for (const auto& server : m_servers) {
        const qint64 pid = server->processId();
        if (pid <= 0) {
            continue;
        }
        const QList<qint64> below = descendants(pid);
        server->terminate();
        for (qint64 child : below) {
            ::kill(pid_t(child), SIGKILL);
        }
    }
    for (const auto& server : m_servers) {
        if (server->state() != QProcess::NotRunning && !server->waitForFinished(3'000)) {
            server->kill();
            server->waitForFinished(3'000);
        }
    }
    m_servers.clear();
}
