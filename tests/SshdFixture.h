#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <vector>

class QProcess;

// Real OpenSSH servers on loopback for integration tests: each port is one "host". Everything (host keys, client
// keys, authorized_keys, configs, pid files, logs) lives in a temporary directory; one sshd serves at most 16
// ports (its ListenAddress limit), so several run for many ports. The configuration keeps logins cheap (no PAM,
// `SetEnv SHLVL=1` so that a heavy ~/.bashrc of the user is skipped by bash) and admits many concurrent logins
// (MaxStartups). Never touches the system sshd or port 22; every sshd and session process it started is killed in
// the destructor.
class SshdFixture {
public:
    SshdFixture();
    ~SshdFixture();
    SshdFixture(const SshdFixture&) = delete;
    SshdFixture& operator=(const SshdFixture&) = delete;

    // Empty when the fixture can run here; otherwise why not (for QSKIP).
    static QString unavailableReason();

    // How many ports one sshd serves (1..16, default 16). With 1, every "host" is its own sshd process.
    void setPortsPerServer(int count) { m_portsPerServer = qBound(1, count, 16); }
    // When set (an absolute, existing, empty directory), every sshd runs in its own mount namespace with a
    // private tmpfs mounted on `path`: hosts see distinct files under the same path (needs root; `unshare -m`).
    void setPrivateDirectory(const QString& path) { m_privateDirectory = path; }
    // sshd's MaxStartups (default "500": admits many concurrent logins). OpenSSH's own default, "10:30:100", drops
    // unauthenticated connections beyond 10 at random (a reset during key exchange): the fan-out tests use it.
    void setMaxStartups(const QString& value) { m_maxStartups = value; }

    // Starts sshd processes listening on `portCount` free random ports and waits until every port accepts
    // connections. Returns false with *error set when that fails.
    bool start(int portCount, QString* error);
    // SIGTERM, then SIGKILL, to every sshd and every session process below it.
    void stop();
    // Simulates the servers dying: SIGKILL to every sshd and all of their session processes at once.
    void killAll();
    // The same for one sshd (index: which group of setPortsPerServer() ports, in start order).
    void killServer(int index);

    QList<int> ports() const { return m_ports; }
    QList<qint64> serverPids() const; // the listening sshd processes
    QString dir() const { return m_dir.path(); }
    QString clientKeyPath() const; // accepted by every port
    QString wrongClientKeyPath() const; // a valid key that is not authorized
    QString knownHostsPath() const; // [127.0.0.1]:PORT entries of the servers' host key, for every port
    // A known_hosts file at `path` with entries for `ports` of the real host key, or of a second, different key
    // (otherKey: a "changed" host key). An empty `ports` list writes an empty file (every key unknown).
    bool writeKnownHosts(const QString& path, const QList<int>& ports, bool otherKey) const;
    QString hostKeyFingerprint() const; // "SHA256:…" of the servers' host key
    QString otherHostKeyFingerprint() const;
    // A loopback port on which nothing listens (checked just now).
    static int closedPort();

private:
    bool generateKey(const QString& name, QString* error);
    bool startOne(const QList<int>& ports, int index, QString* error);
    static void killTree(qint64 pid); // SIGKILL to the process and everything below it
    QString publicKeyLine(const QString& name) const; // "ssh-ed25519 AAAA…" without comment
    QString fingerprint(const QString& name) const;

    QTemporaryDir m_dir;
    QList<int> m_ports;
    std::vector<std::unique_ptr<QProcess>> m_servers;
    int m_portsPerServer = 16;
    QString m_privateDirectory;
    QString m_maxStartups = QStringLiteral("500");
};

// An INI inventory group `[web]` of hosts PREFIX-01 … on the first `count` ports (user root, the fixture's client
// key), for `opsdeck-cli inventory import`.
inline QByteArray sshdIniGroup(const SshdFixture& sshd, int count, const QString& prefix = QStringLiteral("lb"))
{
    QByteArray ini = "[web]\n";
    for (int i = 0; i < count && i < sshd.ports().size(); ++i) {
        ini += QStringLiteral("%1-%2 ansible_host=127.0.0.1 ansible_port=%3 ansible_user=root "
                              "ansible_ssh_private_key_file=%4\n")
                   .arg(prefix)
                   .arg(i + 1, 2, 10, QLatin1Char('0'))
                   .arg(sshd.ports().at(i))
                   .arg(sshd.clientKeyPath())
                   .toUtf8();
    }
    return ini;
}
