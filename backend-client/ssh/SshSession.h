#pragma once

#include "ssh/JumpTunnel.h"
#include "ssh/SshTarget.h"
#include "ssh/SshTask.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <deque>
#include <memory>
#include <vector>

#include <libssh/libssh.h>

// One SSH connection as the worker drives it through its states (resolve, TCP connect or tunnel, handshake, host
// key, authentication, ready, lent to a push), with the tasks queued on it: one session per host and login
// identity, reused by every task of that host. A jump host's session has no tasks; it carries the tunnels of the
// sessions behind it (`riders`). Worker thread only, except while lent to a push.
struct SshSession {
    // Tunneling: behind a jump host, waiting for it to be ready (no deadline yet) or for the channel to open.
    // Queued: waiting for a handshake slot (HandshakeAdmission); Backoff: waiting to retry after a transient
    // refusal. Neither has a deadline.
    enum class State {
        Queued,
        Backoff,
        Resolving,
        Tunneling,
        TcpConnecting,
        Handshake,
        HostKey,
        AwaitingAnswer,
        Auth,
        Ready,
        Lent,
        Dead
    };
    enum class AuthStep { None, Agent, Keys, Password, KbdInt, Exhausted };

    QString key; // host name + login identity (+ the jump host's route); a jump host's: its route (+ "#n")
    QString route; // a jump host's session: what all sessions to that jump host share (SshWorker::jumpRouteKey)
    QString host; // the inventory name; for a jump host, its label
    bool isJump = false; // a jump host's session: no tasks, only tunnels for the sessions behind it
    SshTarget target;
    QString user;
    State state = State::Resolving;
    QHostAddress ip;
    int fd = -1; // ours until libssh takes it (SSH_OPTIONS_FD) in startHandshake()
    ssh_session ssh = nullptr;
    ssh_event event = nullptr; // this session alone: ssh_event_dopoll(event, 0) pumps exactly this session
    QDeadlineTimer deadline; // the connect timeout, then the login timeout (restarted by each reply)
    qint64 deadlineLeftMs = -1; // while awaiting the operator's answer: what was left of the deadline
    int connectTimeoutMs = 10'000;
    int loginTimeoutMs = 10'000;
    quint64 ticket = 0; // the admission ticket while queued or handshaking (0: none)
    bool admitted = false; // holds a handshake slot
    QElapsedTimer handshakeClock; // since the slot was granted: the latency the admission window learns from
    bool bannerSeen = false; // the server sent its first byte
    int retries = 0; // transient refusals retried so far
    QDeadlineTimer retryAt; // Backoff: when to ask for a slot again
    QString knownHostsPath;
    QString knownHostsLabel; // how messages name that file
    std::shared_ptr<SshSession> via; // the jump host this session is tunnelled through
    std::unique_ptr<JumpTunnel> tunnel;
    std::vector<std::weak_ptr<SshSession>> riders; // a jump host: the sessions tunnelled through it
    bool readable = false; // a jump host's socket had input
    QString viaLost; // the jump host failed while this session was lent to a push
    AuthStep authStep = AuthStep::None;
    int keyIndex = 0;
    int kbdRounds = 0;
    int methods = 0;
    QStringList tried;
    QString keyType;
    QString fingerprint;
    bool pollIdle = false; // an idle session became readable: pump it once
    std::deque<std::unique_ptr<SshTask>> queue;
    std::unique_ptr<SshTask> active;
    // Short helper commands on their own channel (the kill of a cancelled task), dropped once the server accepted
    // the exec: sshd does not kill a command when its channel closes.
    struct Helper {
        ssh_channel channel = nullptr;
        QByteArray command;
        bool opened = false;
    };
    std::vector<Helper> helpers;

    // How messages and known_hosts name the target: "address", or "[address]:port" for ports other than 22.
    QString where() const;
    // libssh's last error on this session.
    QString lastError() const;

    static QString hostPort(const QString& address, int port);
    static QString sshError(void* object);
    // $USER, else $LOGNAME, else root: the login when neither the inventory nor ~/.ssh/config names one.
    static QString localUser();
    // libssh makes the socket it was given blocking once it sees it connected (see SshSession.cpp).
    static void keepNonBlocking(int fd);
};
