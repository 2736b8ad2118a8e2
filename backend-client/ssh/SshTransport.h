#pragma once

#include "core/Result.h"
#include "jobs/Transport.h"
#include "ssh/SshTarget.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <functional>
#include <memory>
#include <optional>

class SshConfig;
class SshWorker;

// The direct-SSH transport: runs the engine's host tasks over libssh 0.10. Every SSH session is non-blocking and
// multiplexed with all others on ONE worker thread (a poll() loop, woken through an eventfd for new work and
// cancels); one session per host is kept open and reused by the following tasks until closeIdle() or destruction.
// File pushes use SFTP in blocking mode, which libssh 0.10 handles far better than non-blocking SFTP: the host's
// session is lent to a small thread pool for the push and then handed back (a session is only ever used by one
// thread at a time). The transport moves bytes: a template push gets its content from the job's TemplateRenderer
// (the launcher renders), so the transport knows no template engine. Targets are completed from ~/.ssh/config
// (SshConfig; the inventory's values win), and hosts behind a ProxyJump are reached through direct-tcpip channels of
// one shared session per jump host. docs/ssh.md describes the threading model, configuration precedence, jump hosts,
// authentication order and host-key policy.
class SshTransport : public Transport {
    Q_OBJECT
public:
    enum class HostKeyPolicy {
        Reject, // unknown keys are refused (the CLI without --accept-new-host-keys)
        AcceptNew, // unknown keys are appended to the known_hosts file (trust on first use)
        Ask, // the HostKeyAsker decides (the GUI asks the operator); without one, Reject
    };

    struct Options {
        QString knownHostsPath; // empty = the target's UserKnownHostsFile (~/.ssh/config), else ~/.ssh/known_hosts
        // The OpenSSH client configuration that completes targets: empty = ~/.ssh/config; "none" = none at all.
        QString sshConfigPath;
        HostKeyPolicy hostKeyPolicy = HostKeyPolicy::Reject;
        // The TCP connect (or a jump host's channel open), from the moment the handshake got its slot: time spent
        // queued for a slot counts toward neither timeout.
        int connectTimeoutMs = 10'000;
        // Key exchange and authentication: runs from the end of the TCP connect (waiting for the server's banner)
        // and starts again whenever the server sends anything, so a slow but progressing login is not cut off.
        int loginTimeoutMs = 10'000;
        // Admission control (docs/ssh.md): SSH handshakes in flight at once, overall and per jump host, adapting
        // between 1 and these caps (HandshakeWindow); the others wait "queued". 0 = the default.
        int maxHandshakes = 0; // default 128
        int maxHandshakesPerJumpHost = 0; // default 32
        // A reset during key exchange (sshd's MaxStartups) or a refused channel through a busy jump host is
        // retried this many times, with backoff, before the host is unreachable. -1 = the default (4).
        int handshakeRetries = -1;
        // Jump hosts at scale: a session to a jump host carries up to tunnelsPerJumpSession tunnels (default 64),
        // then another session to it is opened, up to maxSessionsPerJumpHost (default 4, at most 64). 0 = default.
        int tunnelsPerJumpSession = 0;
        int maxSessionsPerJumpHost = 0;
        bool useAgent = true; // when SSH_AUTH_SOCK is set
        int sftpThreads = 16; // threads for file pushes (blocking SFTP, mostly waiting on replies), capped at 64
        int blockingTimeoutSeconds = 60; // a push's single network operations
    };

    struct HostKeyQuestion {
        QString host; // inventory name
        QString address;
        int port = 22;
        QString keyType; // "ssh-ed25519"
        QString fingerprint; // "SHA256:…"
        QString knownHostsPath;
    };
    // Called on the worker thread; must not block: show a question and call answer(accept) later, from any thread.
    // A key accepted is written to the known_hosts file, so it is asked about only once.
    using HostKeyAsker = std::function<void(const HostKeyQuestion& question, std::function<void(bool)> answer)>;
    // Called from start() on the caller's thread. std::nullopt = the host is unknown (Unreachable).
    using TargetResolver = std::function<std::optional<SshTarget>(const QString& host)>;
    // Called on the worker thread when a key file is encrypted; may block briefly (answer from a cache or a
    // keychain). std::nullopt = skip the key. Each key file is asked about once per transport.
    using PassphraseProvider = std::function<std::optional<QString>(const QString& keyFile)>;
    // The content of a PushTemplate step for one host, or of a PushFile step that names stored bytes by their hash
    // (needsRenderer()): `work` is the task as the engine gave it (the step, the job's parameters). Called on a
    // pool thread, for several hosts at once, once the host's session is ready; an error fails that host's push
    // with its message.
    using TemplateRenderer = std::function<Result<QByteArray>(const QString& host, const HostWork& work)>;
    static bool needsRenderer(const JobStep& step)
    {
        return step.kind() == StepKind::PushTemplate
            || (step.kind() == StepKind::PushFile && !std::get<PushFile>(step.action).contentSha256.isEmpty());
    }

    explicit SshTransport(QObject* parent = nullptr);
    explicit SshTransport(const Options& options, QObject* parent = nullptr);
    ~SshTransport() override; // closes every session; tasks still running are abandoned without finished()

    Options options() const;
    void setOptions(const Options& options); // applies to sessions opened afterwards
    // Targets for every job (tests and tools that run one job at a time). A job's own targets come first.
    void setTargets(const QHash<QString, SshTarget>& targets);
    void setTarget(const QString& host, const SshTarget& target);
    void setResolver(TargetResolver resolver); // asked when setTargets() does not know the host
    // Renders template pushes of jobs that have no renderer of their own (tests and tools). Without any renderer a
    // template push fails.
    void setTemplateRenderer(TemplateRenderer renderer);
    // Where the hosts of one job are reached, a resolver for the hosts it does not list (jump hosts), and what
    // renders its template pushes: used for that job's tasks only, so jobs that run at once never see each other's
    // targets or template contexts. Replaces what the job had; clearJobTargets() forgets it.
    void setJobTargets(const QString& jobId, const QHash<QString, SshTarget>& targets, TargetResolver resolver,
        TemplateRenderer renderer = {});
    void clearJobTargets(const QString& jobId);
    void setHostKeyAsker(HostKeyAsker asker);
    void setPassphraseProvider(PassphraseProvider provider);

    void start(const HostTask& task, const HostWork& work) override;
    void cancel(const HostTask& task) override;

    // Disconnects every session that has no task queued or running (asynchronously, on the worker thread).
    void closeIdle();
    // Open (or opening) SSH sessions right now: one per host in use.
    int sessionCount() const;
    // Connections made since construction (each TCP connect or jump-host tunnel that reached the SSH handshake).
    int connectionCount() const;
    // Problems found in the SSH client configuration (file:line: what), as of its last reading. They never stop a
    // job; each reading also logs them once with qWarning.
    QStringList sshConfigWarnings() const;

    // The remote command line of a script step: `INTERPRETER -s -- ARGS` (`python3 - ARGS`, `perl - ARGS`), run
    // through `sudo -n -u ACCOUNT --` when the account differs from the login user, and `env NAME=VALUE` for the
    // job's scalar parameters with a shell-safe name.
    static QString scriptCommand(
        const RunScript& script, const QString& account, const QString& loginUser, const QJsonObject& parameters = {});
    // POSIX shell quoting: safe words stay as they are, anything else is single-quoted.
    static QString shellQuote(const QString& word);

    // What a private key file needs before it can be used: nothing, a passphrase, or it cannot be read at all
    // (missing, not a key). The console asks for passphrases before a job starts, so that the transport's
    // PassphraseProvider answers from memory.
    enum class KeyFile { Plain, Encrypted, Unreadable };
    static KeyFile inspectKey(const QString& path);
    static bool keyOpensWith(const QString& path, const QString& passphrase);

private:
    friend class SshWorker; // reads the options, the host-key asker and the passphrase provider under m_mutex
    std::optional<SshTarget> targetFor(const QString& jobId, const QString& host) const;
    TemplateRenderer rendererFor(const QString& jobId) const;
    std::shared_ptr<const SshConfig> sshConfig() const;

    mutable QMutex m_mutex; // guards the fields below (start() and the setters may run on any thread)
    Options m_options;
    QHash<QString, SshTarget> m_targets;
    TargetResolver m_resolver;
    TemplateRenderer m_renderer;
    struct JobTargets {
        QHash<QString, SshTarget> targets;
        TargetResolver resolver;
        TemplateRenderer renderer;
    };
    QHash<QString, std::shared_ptr<const JobTargets>> m_jobTargets;
    HostKeyAsker m_asker;
    PassphraseProvider m_passphrases;
    // The parsed SSH client configuration, re-read when one of its files changes (checked at most every 2 s).
    mutable std::shared_ptr<const SshConfig> m_config;
    mutable QString m_configPath;
    mutable QHash<QString, QDateTime> m_configStamps;
    mutable qint64 m_configCheckedMs = 0;
    std::unique_ptr<SshWorker> m_worker;
};
