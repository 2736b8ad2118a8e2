#pragma once

#include "jobs/JobStatus.h"
#include "ssh/SshTransport.h"

#include <QHash>
#include <QString>
#include <functional>
#include <optional>

#include <libssh/libssh.h>

struct SshSession;

// Authentication and host keys of the worker's sessions: the host key checked against known_hosts (and recorded
// when accepted), then the authentication order — none, ssh-agent, identity files (an encrypted key asks the
// PassphraseProvider once per key file; loaded keys are cached for the transport's life), password,
// keyboard-interactive. Steps return what happened; the worker moves the session on or fails it, and decides by
// the host-key policy what an unknown key means. Worker thread only (the static key checks: any thread).
class SshAuth {
public:
    struct Failure {
        HostStatus status = HostStatus::AuthFailed;
        QString message;
    };
    struct Step {
        bool progress = false; // step again at once
        std::optional<Failure> failure; // the session fails with this
    };
    enum class HostKey { Known, Unknown, Rejected };

    // `passphrases` is asked for the provider each time an encrypted key is met (the transport's setter may run
    // meanwhile).
    explicit SshAuth(std::function<SshTransport::PassphraseProvider()> passphrases);
    ~SshAuth();
    SshAuth(const SshAuth&) = delete;
    SshAuth& operator=(const SshAuth&) = delete;

    // After the key exchange: the server's key (type and fingerprint kept in the session) against known_hosts.
    // Rejected (changed, or the file cannot be checked) fills `failure`.
    HostKey checkHostKey(SshSession& s, Failure* failure);
    // The operator's (or the AcceptNew policy's) answer about an unknown key: accepted keys are written to the
    // known_hosts file. A failure when not accepted or the file cannot be written.
    std::optional<Failure> answerHostKey(SshSession& s, bool accept);
    // The failure of an unknown key under the Reject policy.
    static Failure unknownHostKey(const SshSession& s);

    // One step of the authentication order; Ready when it succeeded.
    Step authenticate(SshSession& s, bool useAgent);
    // Frees the loaded keys (on the worker thread, when it ends).
    void clear();

    static SshTransport::KeyFile inspectKey(const QString& path);
    static bool keyOpensWith(const QString& path, const QString& passphrase);

private:
    static Failure failed(HostStatus status, const QString& message);
    ssh_key loadKey(const QString& path, QString* why);
    // A failure when the connection closed during authentication.
    static std::optional<Failure> lostConnection(const SshSession& s);

    std::function<SshTransport::PassphraseProvider()> m_passphrases;
    QHash<QString, ssh_key> m_keys; // loaded identity files (nullptr: unusable)
    QHash<QString, QString> m_keyErrors;
};
