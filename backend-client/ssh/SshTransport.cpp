#include "SshTransport.h"

#include "ssh/RateLimiter.h"

#include "jinja/Template.h"
#include "jobs/JobText.h"
#include "ssh/SshConfig.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>
#include <QThreadPool>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kPushChunk = 128 * 1024;
constexpr int kKillConfirmMs = 3000; // after a cancel: how long to wait for sshd to confirm the kill
constexpr int kMaxPollMs = 1000;
constexpr qsizetype kTunnelBuffer = 256 * 1024; // per direction and tunnel, beyond the SSH window and socket buffers
constexpr int kMaxJumps = 8; // hops of a ProxyJump chain, including those a jump host's own ProxyJump adds

QString sshError(void* object)
{
    return QString::fromUtf8(ssh_get_error(object));
}

QString localUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("LOGNAME");
    }
    return user.isEmpty() ? QStringLiteral("root") : user;
}

QString hostPort(const QString& address, int port)
{
    if (port == 22) {
        return address;
    }
    return QLatin1Char('[') + address + QLatin1String("]:") + QString::number(port);
}

// libssh makes the socket it was given blocking once it sees it connected; its writes then send the whole output
// buffer at once. Through a tunnel the reader of that socket is this very thread, so a blocking send would never
// return; over TCP one host that stops reading (a full window during a large stdin) would stall every session of
// the loop. So the socket is made non-blocking again (libssh writes only after poll() reported room, so a short
// write is all it gets, which it handles).
void keepNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK)) {
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}

// libssh must never prompt on a terminal for a passphrase: the PassphraseProvider does that.
int noPrompt(const char*, char*, size_t, int, int, void*)
{
    return -1;
}

// Where a post() to a worker goes; shared with callbacks that may outlive the worker (a host-key answer).
struct Mailbox {
    QMutex mutex;
    std::vector<std::function<void()>> items;
    int eventFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    bool closed = false;

    ~Mailbox()
    {
        if (eventFd >= 0) {
            ::close(eventFd);
        }
    }
    void post(std::function<void()> fn)
    {
        QMutexLocker lock(&mutex);
        if (closed) {
            return;
        }
        items.push_back(std::move(fn));
        const uint64_t one = 1;
        [[maybe_unused]] const ssize_t n = ::write(eventFd, &one, sizeof one);
    }
    std::vector<std::function<void()>> take()
    {
        uint64_t value = 0;
        [[maybe_unused]] const ssize_t n = ::read(eventFd, &value, sizeof value);
        QMutexLocker lock(&mutex);
        return std::exchange(items, {});
    }
};

} // namespace

// A completed target and the jump hosts before it, first hop first (each hop reached through the one before it).
struct SshTransport::Route {
    struct Jump {
        QString name; // how messages name it: "bastion:2201"
        SshTarget target; // completed like any target; its own jump host already resolved into the hops before it
    };
    SshTarget target;
    QList<Jump> jumps;
};

// The transport of a session behind a jump host: a direct-tcpip channel on the jump host's session, pumped by the
// worker to and from one end of a socketpair whose other end is the tunnelled session's socket (SSH_OPTIONS_FD).
// Data from the channel is taken by a callback only while `toSocket` has room; the rest stays in libssh's channel
// buffer, whose SSH window then stops the sender (back-pressure); the other way, no more is written to the channel
// than its window admits, and the socket is not read while `toChannel` is full.
struct Tunnel {
    ssh_channel channel = nullptr; // on the jump host's session
    ssh_channel_callbacks_struct callbacks {};
    bool open = false;
    int fd = -1; // our end of the socketpair
    QByteArray toSocket; // from the channel, not yet written to fd
    QByteArray toChannel; // read from fd, not yet accepted by the channel
    bool stalled = false; // libssh holds channel data we had no room for
    bool fdReadable = false;
    bool socketEof = false; // the tunnelled session closed its side
    bool channelEof = false; // the far end closed its side
    bool eofSent = false;
    bool shutWr = false;
};

// A file or template push, done in blocking mode on a pool thread with the host's session lent to it.
struct PushJob {
    ssh_session ssh = nullptr;
    int fd = -1; // the session's socket: shut down to unblock the push when the transport goes away
    QString host;
    SshTarget target;
    QString loginUser;
    HostWork work;
    int timeoutSeconds = 60;
    std::atomic<bool> cancel { false };
    std::shared_ptr<RateLimiter> limiter; // the job's bandwidth limit, shared by its pushes; null = none
    std::shared_ptr<struct SharedContent> shared; // a file push: the file read and hashed once for all hosts
};

// The content of a file push and its SHA-256, read and hashed by the first of the job's pushes and shared by the
// others in flight (a template is rendered per host instead).
struct SharedContent {
    QMutex mutex;
    bool done = false;
    QByteArray content;
    QByteArray hash;
    QString error;
};

struct SshTask {
    HostTask id;
    HostWork work;
    enum class Phase { Queued, Opening, Exec, Running, Lent } phase = Phase::Queued;
    ssh_channel channel = nullptr;
    ssh_channel_callbacks_struct callbacks {};
    QByteArray command;
    QByteArray input;
    qsizetype written = 0;
    bool eofSent = false;
    QByteArray out;
    QByteArray err;
    bool remoteEof = false;
    bool remoteClosed = false;
    int exitStatus = -1;
    QString exitSignal;
    bool cancelled = false;
    bool killSent = false;
    bool killChannelStarted = false;
    // The login shell announces its PID (= the process group sshd made for the command) as the first stderr line;
    // it is stripped from the output and used to kill the group on cancel (see cancelOnWorker()).
    bool pidParsed = false;
    QByteArray pidLine;
    qint64 remotePid = 0;
    bool reported = false;
    QDeadlineTimer killDeadline;
    std::shared_ptr<PushJob> push;
};

struct SshSession {
    // Tunneling: behind a jump host, waiting for it to be ready (no deadline yet) or for the channel to open.
    enum class State {
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

    QString key; // host name + login identity (+ the jump host's key)
    QString host; // the inventory name; for a jump host, its label
    bool isJump = false; // a jump host's session: no tasks, only tunnels for the sessions behind it
    SshTarget target;
    QString user;
    State state = State::Resolving;
    QHostAddress ip;
    int fd = -1; // ours until libssh takes it (SSH_OPTIONS_FD) in startHandshake()
    ssh_session ssh = nullptr;
    ssh_event event = nullptr; // this session alone: ssh_event_dopoll(event, 0) pumps exactly this session
    QDeadlineTimer deadline; // connect + handshake + authentication
    qint64 deadlineLeftMs = -1; // while awaiting the operator's answer: what was left of the deadline
    int connectTimeoutMs = 10'000;
    QString knownHostsPath;
    QString knownHostsLabel; // how messages name that file
    std::shared_ptr<SshSession> via; // the jump host this session is tunnelled through
    std::unique_ptr<Tunnel> tunnel;
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
};

// The worker thread: owns every libssh object (except a session while it is lent to a push) and runs the poll loop.
class SshWorker : public QThread {
public:
    explicit SshWorker(SshTransport* owner)
        : m_owner(owner)
        , m_mailbox(std::make_shared<Mailbox>())
    {
        setObjectName(QStringLiteral("ssh-worker"));
    }
    ~SshWorker() override { shutdown(); }

    void post(std::function<void()> fn) { m_mailbox->post(std::move(fn)); }
    void shutdown()
    {
        if (m_down.exchange(true)) {
            return;
        }
        {
            QMutexLocker lock(&m_pushMutex);
            for (const auto& job : std::as_const(m_pushes)) {
                job->cancel = true;
                if (job->fd >= 0) {
                    ::shutdown(job->fd, SHUT_RDWR); // a blocking libssh call returns at once
                }
            }
        }
        m_pool.waitForDone();
        m_stop = true;
        post([] {});
        wait();
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->closed = true;
        m_mailbox->items.clear();
    }
    void setPoolSize(int threads) { m_pool.setMaxThreadCount(std::clamp(threads, 1, 64)); }

    // Called on the caller's thread.
    void submit(const HostTask& task, const HostWork& work, const SshTransport::Route& route)
    {
        post([this, task, work, route] { addTask(task, work, route); });
    }
    void cancelTask(const HostTask& task)
    {
        post([this, task] { cancelOnWorker(task); });
    }
    void closeIdle()
    {
        post([this] { closeIdleOnWorker(); });
    }

    std::atomic<int> sessionCount { 0 };
    std::atomic<int> connectionCount { 0 };
    QThreadPool m_pool;

protected:
    void run() override;

private:
    using SessionPtr = std::shared_ptr<SshSession>;

    void addTask(const HostTask& task, const HostWork& work, const SshTransport::Route& route);
    SessionPtr jumpSession(const SshTransport::Route::Jump& hop, const SessionPtr& via);
    void initSession(const SessionPtr& s, const SshTarget& target, const SessionPtr& via);
    void cancelOnWorker(const HostTask& task);
    void closeIdleOnWorker();
    void beginConnect(const SessionPtr& s);
    void startTcp(const SessionPtr& s);
    bool stepJump(const SessionPtr& s);
    bool pumpTunnel(const SessionPtr& rider);
    void closeTunnel(SshSession& s);
    void failRiders(const SessionPtr& s, const QString& message);
    void startHandshake(const SessionPtr& s);
    void stepSession(const SessionPtr& s, short revents);
    bool stepOnce(const SessionPtr& s);
    bool checkHostKey(const SessionPtr& s);
    bool stepAuth(const SessionPtr& s);
    bool authFailedByConnection(const SessionPtr& s);
    void answerHostKey(const SessionPtr& s, bool accept);
    ssh_key loadKey(const QString& path, QString* why);
    void beginTask(const SessionPtr& s);
    // Tells the engine where the tasks waiting on `s` (and on the sessions tunnelled through it) are.
    void announce(const SessionPtr& s, TaskPhase phase);
    bool stepTask(const SessionPtr& s, SshTask& t);
    bool stepHelpers(const SessionPtr& s);
    void startKill(const SessionPtr& s, SshTask& t);
    void lendForPush(const SessionPtr& s, SshTask& t);
    void pushDone(const SessionPtr& s, const HostResult& result);
    void finishActive(const SessionPtr& s, const HostResult& result);
    void failSession(const SessionPtr& s, HostStatus status, const QString& message);
    void dropSession(const SessionPtr& s);
    void freeChannel(SshTask& t);
    void flushOutput(SshTask& t);
    void report(SshTask& t, const HostResult& result);
    void checkDeadlines();
    SshTransport::Options options() const
    {
        QMutexLocker lock(&m_owner->m_mutex);
        return m_owner->m_options;
    }

    static int onData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user);
    static void onEof(ssh_session, ssh_channel, void* user);
    static void onClose(ssh_session, ssh_channel, void* user);
    static void onExitStatus(ssh_session, ssh_channel, int status, void* user);
    static void onExitSignal(ssh_session, ssh_channel, const char* signal, int, const char*, const char*, void* user);
    static int onTunnelData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user);
    static void onTunnelEof(ssh_session, ssh_channel, void* user);

    SshTransport* m_owner;
    std::shared_ptr<Mailbox> m_mailbox;
    std::atomic<bool> m_stop { false };
    std::atomic<bool> m_down { false };
    QHash<QString, SessionPtr> m_sessions; // worker thread only
    QHash<QString, ssh_key> m_keys; // loaded identity files (nullptr: unusable), worker thread only
    QHash<QString, QString> m_keyErrors;
    QMutex m_pushMutex;
    QList<std::shared_ptr<PushJob>> m_pushes;
    QHash<QString, std::weak_ptr<RateLimiter>> m_limiters; // by job id; used on the worker thread only
    QHash<QString, std::weak_ptr<SharedContent>> m_pushContents; // by "job/step"; worker thread only
};

namespace {

HostResult runPush(PushJob& job, bool* connectionLost);

} // namespace

// ---- the poll loop -------------------------------------------------------------------------------------------

void SshWorker::run()
{
    std::vector<pollfd> fds;
    struct Polled {
        SessionPtr s;
        bool tunnel = false; // the fd is our end of the session's tunnel, not its SSH socket
    };
    std::vector<Polled> polled;
    while (!m_stop) {
        for (auto& fn : m_mailbox->take()) {
            fn();
        }
        if (m_stop) {
            break;
        }
        fds.clear();
        polled.clear();
        fds.push_back({ m_mailbox->eventFd, POLLIN, 0 });
        int timeoutMs = kMaxPollMs;
        for (const SessionPtr& s : std::as_const(m_sessions)) {
            short events = 0;
            int fd = -1;
            switch (s->state) {
            case SshSession::State::TcpConnecting:
                fd = s->fd;
                events = POLLOUT;
                break;
            case SshSession::State::Handshake:
            case SshSession::State::HostKey:
            case SshSession::State::Auth:
            case SshSession::State::Ready:
                fd = int(ssh_get_fd(s->ssh));
                events = POLLIN;
                if (ssh_get_poll_flags(s->ssh) & SSH_WRITE_PENDING) {
                    events |= POLLOUT;
                }
                break;
            default:
                break;
            }
            if (s->state <= SshSession::State::Auth && s->state != SshSession::State::AwaitingAnswer
                && !s->deadline.isForever()) {
                timeoutMs = std::min<int>(timeoutMs, int(std::max<qint64>(0, s->deadline.remainingTime())));
            }
            if (s->active && s->active->killSent) {
                timeoutMs = std::min<int>(timeoutMs, int(std::max<qint64>(0, s->active->killDeadline.remainingTime())));
            }
            if (fd >= 0) {
                fds.push_back({ fd, events, 0 });
                polled.push_back({ s, false });
            }
            if (s->tunnel && s->tunnel->fd >= 0) {
                const Tunnel& t = *s->tunnel;
                short tunnelEvents = 0;
                if (!t.toSocket.isEmpty()) {
                    tunnelEvents |= POLLOUT;
                }
                if (!t.socketEof && !t.fdReadable && t.toChannel.size() < kTunnelBuffer) {
                    tunnelEvents |= POLLIN;
                }
                if (tunnelEvents != 0) {
                    fds.push_back({ t.fd, tunnelEvents, 0 });
                    polled.push_back({ s, true });
                }
            }
        }
        const int n = ::poll(fds.data(), nfds_t(fds.size()), timeoutMs);
        if (n < 0 && errno != EINTR) {
            qWarning("ssh worker: poll failed: %s", std::strerror(errno));
        }
        for (size_t i = 0; i < polled.size(); ++i) {
            const short revents = fds[i + 1].revents;
            const SessionPtr& s = polled[i].s;
            if (revents == 0 || s->state == SshSession::State::Dead) {
                continue;
            }
            if (!polled[i].tunnel) {
                stepSession(s, revents);
            } else if (s->tunnel && s->via && s->via->state != SshSession::State::Dead) {
                // Pump every tunnel of the jump host: any libssh call on its session can move another's data.
                if (revents & (POLLIN | POLLHUP | POLLERR)) {
                    s->tunnel->fdReadable = true;
                }
                stepSession(s->via, 0);
            }
        }
        checkDeadlines();
        for (auto it = m_sessions.begin(); it != m_sessions.end();) {
            if ((*it)->state == SshSession::State::Dead) {
                it = m_sessions.erase(it);
            } else {
                ++it;
            }
        }
        sessionCount = int(m_sessions.size());
    }
    // Shutdown: every session goes, tasks are abandoned (the transport is being destroyed).
    const auto sessions = m_sessions.values();
    for (const SessionPtr& s : sessions) {
        if (s->active) {
            s->active->reported = true;
        }
        for (auto& t : s->queue) {
            t->reported = true;
        }
        dropSession(s);
    }
    m_sessions.clear();
    for (ssh_key key : std::as_const(m_keys)) {
        if (key) {
            ssh_key_free(key);
        }
    }
    m_keys.clear();
    sessionCount = 0;
}

void SshWorker::checkDeadlines()
{
    const auto sessions = m_sessions.values();
    for (const SessionPtr& s : sessions) {
        if (s->state == SshSession::State::Dead) {
            continue;
        }
        if (s->state <= SshSession::State::Auth && s->state != SshSession::State::AwaitingAnswer
            && s->deadline.hasExpired()) {
            const int seconds = s->connectTimeoutMs / 1000;
            QString what
                = s->state == SshSession::State::Auth ? QStringLiteral("logging in") : QStringLiteral("connecting");
            if (s->via) {
                what += QStringLiteral(" through jump host %1").arg(s->via->host);
            }
            failSession(s, HostStatus::Unreachable,
                QStringLiteral("%1: timed out after %2 s while %3")
                    .arg(hostPort(s->target.address, s->target.port))
                    .arg(seconds)
                    .arg(what));
            continue;
        }
        if (s->active && s->active->killSent && s->active->killDeadline.hasExpired()) {
            // sshd did not confirm the kill: give up waiting, close the channel and say so.
            report(*s->active,
                HostResult::error(HostStatus::Cancelled,
                    QStringLiteral("cancelled; sshd did not confirm that the remote process was killed")));
            freeChannel(*s->active);
            s->active.reset();
            stepSession(s, 0);
        }
    }
}

// ---- tasks in and out ----------------------------------------------------------------------------------------

void SshWorker::initSession(const SessionPtr& s, const SshTarget& target, const SessionPtr& via)
{
    const SshTransport::Options opts = options();
    s->target = target;
    s->user = target.user.isEmpty() ? localUser() : target.user;
    s->connectTimeoutMs = target.connectTimeoutMs > 0 ? target.connectTimeoutMs : opts.connectTimeoutMs;
    // The transport's option (the CLI's --known-hosts) wins over the configuration's UserKnownHostsFile.
    if (!opts.knownHostsPath.isEmpty()) {
        s->knownHostsPath = s->knownHostsLabel = opts.knownHostsPath;
    } else if (!target.knownHostsPath.isEmpty()) {
        s->knownHostsPath = s->knownHostsLabel = target.knownHostsPath;
    } else {
        s->knownHostsPath = QDir::homePath() + QLatin1String("/.ssh/known_hosts");
        s->knownHostsLabel = QStringLiteral("~/.ssh/known_hosts");
    }
    s->via = via;
    if (via) {
        via->riders.push_back(s);
    }
    m_sessions.insert(s->key, s);
    sessionCount = int(m_sessions.size());
}

// One session per jump host (and login, and the hops before it), shared by every session tunnelled through it.
SshWorker::SessionPtr SshWorker::jumpSession(const SshTransport::Route::Jump& hop, const SessionPtr& via)
{
    const QString user = hop.target.user.isEmpty() ? localUser() : hop.target.user;
    QString key = QLatin1String("jump\n") + user + QLatin1Char('@') + hostPort(hop.target.address, hop.target.port);
    if (via) {
        key += QLatin1String("\nvia ") + via->key;
    }
    SessionPtr s = m_sessions.value(key);
    if (s && s->state != SshSession::State::Dead) {
        return s;
    }
    s = std::make_shared<SshSession>();
    s->key = key;
    s->host = hop.name;
    s->isJump = true;
    initSession(s, hop.target, via);
    beginConnect(s);
    return s;
}

void SshWorker::addTask(const HostTask& task, const HostWork& work, const SshTransport::Route& route)
{
    SessionPtr via;
    for (const SshTransport::Route::Jump& hop : route.jumps) {
        via = jumpSession(hop, via);
    }
    const SshTarget& target = route.target;
    const QString user = target.user.isEmpty() ? localUser() : target.user;
    QString key = task.host + QLatin1Char('\n') + user + QLatin1Char('@') + hostPort(target.address, target.port);
    if (via) {
        key += QLatin1String("\nvia ") + via->key;
    }
    SessionPtr s = m_sessions.value(key);
    if (s && s->state == SshSession::State::Dead) {
        s.reset(); // failed earlier in this round, not reaped yet: a new task gets a new connection
    }
    auto t = std::make_unique<SshTask>();
    t->id = task;
    t->work = work;
    if (!s) {
        s = std::make_shared<SshSession>();
        s->key = key;
        s->host = task.host;
        initSession(s, target, via);
        s->queue.push_back(std::move(t));
        announce(s, TaskPhase::Connecting);
        beginConnect(s);
        return;
    }
    s->target.vars = target.vars; // the latest variables win for templates
    s->queue.push_back(std::move(t));
    if (s->state == SshSession::State::AwaitingAnswer) {
        announce(s, TaskPhase::WaitingForOperator);
    } else if (s->state == SshSession::State::Auth) {
        announce(s, TaskPhase::LoggingIn);
    }
    if (s->state == SshSession::State::Ready) {
        stepSession(s, 0);
    }
}

void SshWorker::cancelOnWorker(const HostTask& task)
{
    for (const SessionPtr& s : std::as_const(m_sessions)) {
        for (auto it = s->queue.begin(); it != s->queue.end(); ++it) {
            if ((*it)->id == task) {
                report(**it, HostResult::error(HostStatus::Cancelled, QStringLiteral("cancelled before it started")));
                s->queue.erase(it);
                return;
            }
        }
        if (!s->active || !(s->active->id == task) || s->active->cancelled) {
            continue;
        }
        SshTask& t = *s->active;
        t.cancelled = true;
        switch (t.phase) {
        case SshTask::Phase::Queued:
        case SshTask::Phase::Opening:
            // Nothing runs remotely yet; the channel is closed once its open completes.
            report(t, HostResult::error(HostStatus::Cancelled, QStringLiteral("cancelled before it started")));
            break;
        case SshTask::Phase::Exec:
        case SshTask::Phase::Running:
            // The script is fed on stdin after the exec succeeded, so a shell may be waiting for it: kill the whole
            // process group (sshd's "signal" request does killpg), then wait for sshd to confirm with
            // exit-signal/close before reporting, so that "cancelled" means "the remote process is gone".
            if (t.phase == SshTask::Phase::Running) {
                // OpenSSH honours the "signal" request only with privilege separation, which it skips after a root
                // login (sshd 9.2 here: "session signalling requires privilege separation"): the kill of the
                // process group through a second channel is what works for root.
                ssh_channel_request_send_signal(t.channel, "KILL");
                t.killSent = true;
                t.killDeadline = QDeadlineTimer(kKillConfirmMs);
                startKill(s, t);
                stepSession(s, 0);
            }
            break;
        case SshTask::Phase::Lent:
            if (t.push) {
                t.push->cancel = true;
            }
            break;
        }
        return;
    }
}

void SshWorker::closeIdleOnWorker()
{
    const auto sessions = m_sessions.values();
    for (const SessionPtr& s : sessions) {
        if (!s->isJump && !s->active && s->queue.empty() && s->state != SshSession::State::Lent) {
            dropSession(s);
        }
    }
    // Then the jump hosts nothing rides on any more (the last hops of a chain first).
    for (bool dropped = true; dropped;) {
        dropped = false;
        for (const SessionPtr& s : sessions) {
            if (!s->isJump || s->state == SshSession::State::Dead) {
                continue;
            }
            const bool used = std::any_of(s->riders.begin(), s->riders.end(), [](const auto& weak) {
                const SessionPtr rider = weak.lock();
                return rider && rider->state != SshSession::State::Dead;
            });
            if (!used) {
                dropSession(s);
                dropped = true;
            }
        }
    }
}

void SshWorker::report(SshTask& t, const HostResult& result)
{
    flushOutput(t);
    if (t.reported) {
        return;
    }
    t.reported = true;
    Q_EMIT m_owner->finished(t.id, result);
}

void SshWorker::flushOutput(SshTask& t)
{
    if (t.reported) {
        t.out.clear();
        t.err.clear();
        return;
    }
    if (!t.out.isEmpty()) {
        Q_EMIT m_owner->output(t.id, OutputStream::Stdout, std::exchange(t.out, {}));
    }
    if (!t.err.isEmpty()) {
        Q_EMIT m_owner->output(t.id, OutputStream::Stderr, std::exchange(t.err, {}));
    }
}

void SshWorker::failSession(const SessionPtr& s, HostStatus status, const QString& message)
{
    failRiders(s, message);
    if (s->active) {
        const HostStatus st = s->active->cancelled ? HostStatus::Cancelled : status;
        report(*s->active, HostResult::error(st, message));
    }
    for (auto& t : s->queue) {
        report(*t, HostResult::error(t->cancelled ? HostStatus::Cancelled : status, message));
    }
    dropSession(s);
}

// A jump host failed: every session behind it fails too, with a message that names the jump host.
void SshWorker::failRiders(const SessionPtr& s, const QString& message)
{
    const auto riders = std::exchange(s->riders, {});
    for (const auto& weak : riders) {
        const SessionPtr rider = weak.lock();
        if (!rider || rider->state == SshSession::State::Dead) {
            continue;
        }
        const QString why = QStringLiteral("jump host %1: %2").arg(s->host, message);
        if (rider->state == SshSession::State::Lent) {
            // A pool thread uses the session: closing the tunnel ends its blocking calls; it reports when it is back.
            rider->viaLost = why;
            closeTunnel(*rider);
            continue;
        }
        const bool running = rider->state == SshSession::State::Ready;
        failSession(rider, running ? HostStatus::Failed : HostStatus::Unreachable,
            running ? QStringLiteral("connection lost: ") + why : why);
    }
}

void SshWorker::dropSession(const SessionPtr& s)
{
    if (!s->riders.empty()) {
        failRiders(s, QStringLiteral("disconnected"));
    }
    // Behind a jump host: the tunnel goes first, so that nothing below waits to flush into a socketpair that is
    // no longer pumped (the disconnect message is not needed: closing the channel closes the far connection).
    closeTunnel(*s);
    if (s->active) {
        freeChannel(*s->active);
        s->active.reset();
    }
    s->queue.clear();
    for (auto& helper : s->helpers) {
        ssh_channel_free(helper.channel);
    }
    s->helpers.clear();
    if (s->ssh) {
        if (s->event) {
            ssh_event_remove_session(s->event, s->ssh);
            ssh_event_free(s->event);
            s->event = nullptr;
        }
        if (ssh_is_connected(s->ssh)) {
            ssh_disconnect(s->ssh); // closes the fd, which libssh owns since SSH_OPTIONS_FD
        }
        ssh_free(s->ssh);
        s->ssh = nullptr;
        s->fd = -1;
    }
    if (s->fd >= 0) {
        ::close(s->fd);
        s->fd = -1;
    }
    closeTunnel(*s);
    s->state = SshSession::State::Dead;
}

void SshWorker::closeTunnel(SshSession& s)
{
    if (!s.tunnel) {
        return;
    }
    Tunnel& t = *s.tunnel;
    // The channel belongs to the jump host's session, which outlives its riders' tunnels (failRiders runs first).
    if (t.channel && s.via && s.via->ssh) {
        ssh_remove_channel_callbacks(t.channel, &t.callbacks);
        if (t.open && ssh_channel_is_open(t.channel)) {
            ssh_channel_close(t.channel);
        }
        ssh_channel_free(t.channel);
    }
    t.channel = nullptr;
    if (t.fd >= 0) {
        ::close(t.fd);
        t.fd = -1;
    }
    s.tunnel.reset();
}

void SshWorker::freeChannel(SshTask& t)
{
    if (!t.channel) {
        return;
    }
    ssh_remove_channel_callbacks(t.channel, &t.callbacks);
    if (ssh_channel_is_open(t.channel)) {
        ssh_channel_close(t.channel);
    }
    ssh_channel_free(t.channel);
    t.channel = nullptr;
}

// ---- connecting ------------------------------------------------------------------------------------------------

void SshWorker::beginConnect(const SessionPtr& s)
{
    if (s->via) {
        // Behind a jump host: the tunnel opens once the jump host is ready (its own deadline runs meanwhile); this
        // session's deadline starts with the tunnel (pumpTunnel).
        s->state = SshSession::State::Tunneling;
        s->deadline = QDeadlineTimer(QDeadlineTimer::Forever);
        if (s->via->state == SshSession::State::Ready) {
            stepSession(s->via, 0);
        }
        return;
    }
    s->deadline = QDeadlineTimer(s->connectTimeoutMs);
    QHostAddress ip;
    if (ip.setAddress(s->target.address)) {
        s->ip = ip;
        startTcp(s);
        return;
    }
    // getaddrinfo blocks: resolve on the pool, never in the poll loop.
    s->state = SshSession::State::Resolving;
    std::weak_ptr<SshSession> weak = s;
    const QString name = s->target.address;
    m_pool.start([this, weak, name] {
        const QHostInfo info = QHostInfo::fromName(name);
        post([this, weak, info] {
            const SessionPtr s = weak.lock();
            if (!s || s->state != SshSession::State::Resolving) {
                return;
            }
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                failSession(s, HostStatus::Unreachable,
                    QStringLiteral("cannot resolve %1: %2").arg(s->target.address, info.errorString()));
                return;
            }
            s->ip = info.addresses().constFirst();
            startTcp(s);
        });
    });
}

void SshWorker::startTcp(const SessionPtr& s)
{
    sockaddr_storage addr {};
    socklen_t len = 0;
    const bool v6 = s->ip.protocol() == QAbstractSocket::IPv6Protocol;
    if (v6) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(quint16(s->target.port));
        const Q_IPV6ADDR bytes = s->ip.toIPv6Address();
        std::memcpy(&a->sin6_addr, bytes.c, 16);
        len = sizeof(sockaddr_in6);
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&addr);
        a->sin_family = AF_INET;
        a->sin_port = htons(quint16(s->target.port));
        a->sin_addr.s_addr = htonl(s->ip.toIPv4Address());
        len = sizeof(sockaddr_in);
    }
    s->fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s->fd < 0) {
        failSession(
            s, HostStatus::Unreachable, QStringLiteral("socket: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    // OpenSSH sets TCP_NODELAY only once the session channel opens: two Nagle/delayed-ACK stalls during login.
    const int one = 1;
    ::setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    s->state = SshSession::State::TcpConnecting;
    if (::connect(s->fd, reinterpret_cast<sockaddr*>(&addr), len) == 0) {
        startHandshake(s);
    } else if (errno != EINPROGRESS) {
        failSession(s, HostStatus::Unreachable,
            QStringLiteral("cannot connect to %1 (%2): %3")
                .arg(hostPort(s->target.address, s->target.port), s->ip.toString(),
                    QString::fromLocal8Bit(strerror(errno))));
    }
}

void SshWorker::startHandshake(const SessionPtr& s)
{
    const SshTransport::Options opts = options();
    s->ssh = ssh_new();
    if (!s->ssh) {
        failSession(s, HostStatus::Unreachable, QStringLiteral("libssh: out of memory"));
        return;
    }
    const QByteArray host = s->target.address.toUtf8();
    const QByteArray user = s->user.toUtf8();
    const unsigned int port = unsigned(s->target.port);
    const QByteArray knownHosts = QFile::encodeName(s->knownHostsPath);
    const int off = 0;
    const int on = 1;
    const long timeout = opts.blockingTimeoutSeconds;
    socket_t fd = s->fd;
    // HOST is the name known_hosts is checked against ([name]:port); we connected the socket ourselves (no
    // getaddrinfo in the loop, our own connect timeout), so libssh takes the fd and never resolves anything.
    ssh_options_set(s->ssh, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(s->ssh, SSH_OPTIONS_PORT, &port);
    ssh_options_set(s->ssh, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(s->ssh, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
    ssh_options_set(s->ssh, SSH_OPTIONS_PROCESS_CONFIG, &off);
    if (!s->via) {
        ssh_options_set(s->ssh, SSH_OPTIONS_NODELAY, &on); // a tunnel's socket is a socketpair
    }
    ssh_options_set(s->ssh, SSH_OPTIONS_TIMEOUT, &timeout);
    ssh_options_set(s->ssh, SSH_OPTIONS_FD, &fd);
    ssh_set_blocking(s->ssh, 0);
    s->fd = -1; // libssh closes it from now on
    s->state = SshSession::State::Handshake;
    ++connectionCount;
    const int rc = ssh_connect(s->ssh);
    keepNonBlocking(int(ssh_get_fd(s->ssh)));
    if (rc == SSH_ERROR) {
        failSession(s, HostStatus::Unreachable,
            QStringLiteral("%1: %2").arg(hostPort(s->target.address, s->target.port), sshError(s->ssh)));
        return;
    }
    s->event = ssh_event_new();
    ssh_event_add_session(s->event, s->ssh);
    if (rc == SSH_OK) {
        s->state = SshSession::State::HostKey;
    }
    stepSession(s, 0);
}

// ---- jump hosts -----------------------------------------------------------------------------------------------

int SshWorker::onTunnelData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user)
{
    auto* t = static_cast<Tunnel*>(user);
    if (isStderr) {
        return int(len); // a direct-tcpip channel has no stderr
    }
    // Take only what fits: the rest stays in libssh's channel buffer and holds back the SSH window.
    const qsizetype take = std::clamp<qsizetype>(kTunnelBuffer - t->toSocket.size(), 0, qsizetype(len));
    t->toSocket.append(static_cast<const char*>(data), take);
    if (take < qsizetype(len)) {
        t->stalled = true;
    }
    return int(take);
}

void SshWorker::onTunnelEof(ssh_session, ssh_channel, void* user)
{
    static_cast<Tunnel*>(user)->channelEof = true;
}

// A jump host's session: no tasks of its own; it carries the tunnels of the sessions behind it.
bool SshWorker::stepJump(const SessionPtr& s)
{
    if (s->readable || (ssh_get_poll_flags(s->ssh) & SSH_WRITE_PENDING)) {
        s->readable = false;
        ssh_event_dopoll(s->event, 0); // reads into the channels (callbacks) and flushes pending writes
    }
    if (!ssh_is_connected(s->ssh)) {
        failSession(s, HostStatus::Unreachable, QStringLiteral("connection lost: %1").arg(sshError(s->ssh)));
        return false;
    }
    bool progress = false;
    const auto riders = s->riders;
    for (const auto& weak : riders) {
        const SessionPtr rider = weak.lock();
        if (rider && rider->state != SshSession::State::Dead && rider->via == s) {
            progress = pumpTunnel(rider) || progress;
        }
        if (s->state == SshSession::State::Dead) {
            return false;
        }
    }
    std::erase_if(s->riders, [](const auto& weak) {
        const SessionPtr rider = weak.lock();
        return !rider || rider->state == SshSession::State::Dead;
    });
    if (!ssh_is_connected(s->ssh)) {
        failSession(s, HostStatus::Unreachable, QStringLiteral("connection lost: %1").arg(sshError(s->ssh)));
        return false;
    }
    return progress;
}

// Opens the rider's direct-tcpip channel once its jump host is ready, then moves data both ways until nothing
// moves. Runs on the worker even while the rider's own session is lent to a push.
bool SshWorker::pumpTunnel(const SessionPtr& r)
{
    SshSession& via = *r->via;
    if (r->state == SshSession::State::Tunneling && !r->tunnel) {
        r->tunnel = std::make_unique<Tunnel>();
        r->tunnel->channel = ssh_channel_new(via.ssh);
        r->deadline = QDeadlineTimer(r->connectTimeoutMs);
        if (!r->tunnel->channel) {
            failSession(r, HostStatus::Unreachable,
                QStringLiteral("jump host %1: cannot create a channel: %2").arg(via.host, sshError(via.ssh)));
            return true;
        }
    }
    if (!r->tunnel) {
        return false;
    }
    Tunnel& t = *r->tunnel;
    if (!t.open) {
        const QByteArray host = r->target.address.toUtf8();
        const int rc = ssh_channel_open_forward(t.channel, host.constData(), r->target.port, "127.0.0.1", 0);
        if (rc == SSH_AGAIN) {
            return false;
        }
        if (rc != SSH_OK) {
            if (!ssh_is_connected(via.ssh)) {
                return false; // the jump host's failure is reported by stepJump
            }
            failSession(r, HostStatus::Unreachable,
                QStringLiteral("jump host %1 cannot reach %2: %3")
                    .arg(via.host, hostPort(r->target.address, r->target.port), sshError(via.ssh)));
            return true;
        }
        t.open = true;
        ssh_callbacks_init(&t.callbacks);
        t.callbacks.userdata = &t;
        t.callbacks.channel_data_function = &SshWorker::onTunnelData;
        t.callbacks.channel_eof_function = &SshWorker::onTunnelEof;
        t.callbacks.channel_close_function = &SshWorker::onTunnelEof;
        ssh_set_channel_callbacks(t.channel, &t.callbacks);
        int pair[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0) {
            failSession(r, HostStatus::Unreachable,
                QStringLiteral("socketpair: %1").arg(QString::fromLocal8Bit(strerror(errno))));
            return true;
        }
        t.fd = pair[0];
        r->fd = pair[1];
        startHandshake(r); // writes the client banner into the socketpair; pumped below
        if (!r->tunnel) {
            return true; // failed and dropped
        }
    }
    bool progress = false;
    char buffer[32 * 1024];
    for (int round = 0; round < 64; ++round) {
        bool moved = false;
        // Far end → the tunnelled session: data libssh held back while we had no room first.
        if (t.stalled && t.toSocket.size() < kTunnelBuffer) {
            const uint32_t room = uint32_t(std::min<qsizetype>(kTunnelBuffer - t.toSocket.size(), sizeof buffer));
            const int n = ssh_channel_read_nonblocking(t.channel, buffer, room, 0);
            if (n > 0) {
                t.toSocket.append(buffer, n);
                moved = true;
            } else {
                t.stalled = false; // empty (or EOF/error, which the callbacks and the session report)
            }
        }
        if (!t.toSocket.isEmpty()) {
            const ssize_t n = ::send(t.fd, t.toSocket.constData(), size_t(t.toSocket.size()), MSG_NOSIGNAL);
            if (n > 0) {
                t.toSocket.remove(0, n);
                moved = true;
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                t.toSocket.clear(); // the tunnelled session is gone; its own step reports that
                t.socketEof = true;
            }
        }
        if (t.channelEof && !t.stalled && t.toSocket.isEmpty() && !t.shutWr) {
            ::shutdown(t.fd, SHUT_WR); // the tunnelled session reads EOF: its connection is over
            t.shutWr = true;
            moved = true;
        }
        // The tunnelled session → far end.
        if (t.fdReadable && !t.socketEof && t.toChannel.size() < kTunnelBuffer) {
            const size_t room = size_t(std::min<qsizetype>(kTunnelBuffer - t.toChannel.size(), sizeof buffer));
            const ssize_t n = ::read(t.fd, buffer, room);
            if (n > 0) {
                t.toChannel.append(buffer, n);
                moved = true;
            } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                t.socketEof = true;
                moved = true;
            } else {
                t.fdReadable = false;
            }
        }
        if (!t.toChannel.isEmpty() && !t.channelEof) {
            // Never more than the window: a write beyond it would wait for a window adjust.
            const uint32_t window = ssh_channel_window_size(t.channel);
            const uint32_t chunk = uint32_t(std::min<qsizetype>({ t.toChannel.size(), qsizetype(window), 32 * 1024 }));
            if (chunk > 0) {
                const int n = ssh_channel_write(t.channel, t.toChannel.constData(), chunk);
                if (n > 0) {
                    t.toChannel.remove(0, n);
                    moved = true;
                } else if (n < 0) {
                    t.toChannel.clear();
                    t.channelEof = true;
                    moved = true;
                }
            }
        } else if (t.channelEof) {
            t.toChannel.clear();
        }
        if (t.socketEof && t.toChannel.isEmpty() && !t.eofSent && !t.channelEof) {
            ssh_channel_send_eof(t.channel);
            t.eofSent = true;
            moved = true;
        }
        if (!moved) {
            break;
        }
        progress = true;
    }
    return progress;
}

// ---- stepping -----------------------------------------------------------------------------------------------

void SshWorker::stepSession(const SessionPtr& s, short revents)
{
    if (s->state == SshSession::State::Ready && !s->active && s->queue.empty()
        && (revents & (POLLIN | POLLHUP | POLLERR))) {
        (s->isJump ? s->readable : s->pollIdle) = true;
    }
    // Keep stepping while anything moves: a call can consume packets a later check depends on (lost wake-up).
    for (int i = 0; i < 10'000 && s->state != SshSession::State::Dead; ++i) {
        if (!stepOnce(s)) {
            break;
        }
    }
}

bool SshWorker::stepOnce(const SessionPtr& s)
{
    switch (s->state) {
    case SshSession::State::Resolving:
    case SshSession::State::Tunneling:
    case SshSession::State::AwaitingAnswer:
    case SshSession::State::Lent:
    case SshSession::State::Dead:
        return false;
    case SshSession::State::TcpConnecting: {
        pollfd p { s->fd, POLLOUT, 0 };
        if (::poll(&p, 1, 0) <= 0) {
            return false;
        }
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0) {
            failSession(s, HostStatus::Unreachable,
                QStringLiteral("cannot connect to %1 (%2): %3")
                    .arg(hostPort(s->target.address, s->target.port), s->ip.toString(),
                        QString::fromLocal8Bit(strerror(error))));
            return false;
        }
        startHandshake(s);
        return false;
    }
    case SshSession::State::Handshake: {
        const int rc = ssh_connect(s->ssh);
        keepNonBlocking(int(ssh_get_fd(s->ssh)));
        if (rc == SSH_AGAIN) {
            return false;
        }
        if (rc != SSH_OK) {
            failSession(s, HostStatus::Unreachable,
                QStringLiteral("%1: SSH handshake failed: %2")
                    .arg(hostPort(s->target.address, s->target.port), sshError(s->ssh)));
            return false;
        }
        s->state = SshSession::State::HostKey;
        return true;
    }
    case SshSession::State::HostKey:
        return checkHostKey(s);
    case SshSession::State::Auth:
        return stepAuth(s);
    case SshSession::State::Ready: {
        if (s->isJump) {
            return stepJump(s);
        }
        const bool helped = stepHelpers(s);
        if (s->state != SshSession::State::Ready) {
            return false;
        }
        if (!s->active && !s->queue.empty()) {
            s->active = std::move(s->queue.front());
            s->queue.pop_front();
            beginTask(s);
            return true;
        }
        if (s->active) {
            return stepTask(s, *s->active) || helped;
        }
        if (helped || !s->helpers.empty()) {
            return helped;
        }
        if (s->pollIdle) {
            // Idle but readable: a late channel close, a keepalive, or the server going away.
            s->pollIdle = false;
            ssh_event_dopoll(s->event, 0);
            if (!ssh_is_connected(s->ssh)) {
                dropSession(s);
            }
        } else if (ssh_get_poll_flags(s->ssh) & SSH_WRITE_PENDING) {
            ssh_blocking_flush(s->ssh, 0);
        }
        return false;
    }
    }
    return false;
}

void SshWorker::startKill(const SessionPtr& s, SshTask& t)
{
    if (t.killChannelStarted || t.remotePid <= 0) {
        return; // without the PID yet: started when the PID line arrives
    }
    t.killChannelStarted = true;
    const QString pid = QString::number(t.remotePid);
    // The group first (the shell and everything it started), the process itself if that fails, and through sudo
    // when the command runs as another account.
    const QString command = QStringLiteral("kill -KILL -- -%1 2>/dev/null || kill -KILL %1 2>/dev/null || "
                                           "sudo -n kill -KILL -- -%1")
                                .arg(pid);
    SshSession::Helper helper;
    helper.channel = ssh_channel_new(s->ssh);
    helper.command = command.toUtf8();
    if (helper.channel) {
        s->helpers.push_back(std::move(helper));
    }
}

bool SshWorker::stepHelpers(const SessionPtr& s)
{
    bool progress = false;
    for (auto it = s->helpers.begin(); it != s->helpers.end();) {
        int rc = SSH_OK;
        if (!it->opened) {
            rc = ssh_channel_open_session(it->channel);
            if (rc == SSH_OK) {
                it->opened = true;
                progress = true;
            }
        }
        if (it->opened) {
            rc = ssh_channel_request_exec(it->channel, it->command.constData());
        }
        if (rc == SSH_AGAIN) {
            ++it;
            continue;
        }
        // Done (or failed): sshd keeps running an accepted command when its channel closes.
        ssh_channel_close(it->channel);
        ssh_channel_free(it->channel);
        it = s->helpers.erase(it);
        progress = true;
    }
    if (!ssh_is_connected(s->ssh)) {
        failSession(s, HostStatus::Failed, QStringLiteral("connection lost: %1").arg(sshError(s->ssh)));
        return false;
    }
    return progress;
}

bool SshWorker::checkHostKey(const SessionPtr& s)
{
    const SshTransport::Options opts = options();
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s->ssh, &key) != SSH_OK || !key) {
        failSession(
            s, HostStatus::HostKeyRejected, QStringLiteral("no host key from the server: %1").arg(sshError(s->ssh)));
        return false;
    }
    unsigned char* hash = nullptr;
    size_t hashLen = 0;
    s->keyType = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hashLen) == 0) {
        char* text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashLen);
        s->fingerprint = QString::fromLatin1(text);
        ssh_string_free_char(text);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    const QString where = hostPort(s->target.address, s->target.port);
    const QString file = s->knownHostsLabel;
    switch (ssh_session_is_known_server(s->ssh)) {
    case SSH_KNOWN_HOSTS_OK:
        s->state = SshSession::State::Auth;
        announce(s, TaskPhase::LoggingIn);
        return true;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        failSession(s, HostStatus::HostKeyRejected,
            QStringLiteral("HOST KEY CHANGED for %1: the server now offers %2 %3, which does not match %4. This can "
                           "be an attack; if the key change is expected, remove the old entry from %4")
                .arg(where, s->keyType, s->fingerprint, file));
        return false;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        break;
    case SSH_KNOWN_HOSTS_ERROR:
        failSession(s, HostStatus::HostKeyRejected,
            QStringLiteral("cannot check the host key of %1 against %2: %3").arg(where, file, sshError(s->ssh)));
        return false;
    }
    switch (opts.hostKeyPolicy) {
    case SshTransport::HostKeyPolicy::AcceptNew:
        answerHostKey(s, true);
        return s->state != SshSession::State::Dead;
    case SshTransport::HostKeyPolicy::Ask: {
        SshTransport::HostKeyAsker asker;
        {
            QMutexLocker lock(&m_owner->m_mutex);
            asker = m_owner->m_asker;
        }
        if (!asker) {
            break;
        }
        s->state = SshSession::State::AwaitingAnswer;
        // The operator's thinking time is not the connection's: the deadline resumes with what was left.
        s->deadlineLeftMs = s->deadline.isForever() ? -1 : std::max<qint64>(0, s->deadline.remainingTime());
        announce(s, TaskPhase::WaitingForOperator);
        SshTransport::HostKeyQuestion q { s->host, s->target.address, s->target.port, s->keyType, s->fingerprint,
            file };
        std::weak_ptr<SshSession> weak = s;
        std::shared_ptr<Mailbox> mailbox = m_mailbox;
        auto answered = std::make_shared<std::atomic<bool>>(false);
        asker(q, [this, weak, mailbox, answered](bool accept) {
            if (answered->exchange(true)) {
                return;
            }
            // Only the mailbox is touched here: it outlives the worker, whose queue is then never drained.
            mailbox->post([this, weak, accept] {
                if (const SessionPtr s = weak.lock(); s && s->state == SshSession::State::AwaitingAnswer) {
                    answerHostKey(s, accept);
                    stepSession(s, 0);
                }
            });
        });
        return false;
    }
    case SshTransport::HostKeyPolicy::Reject:
        break;
    }
    failSession(s, HostStatus::HostKeyRejected,
        QStringLiteral("unknown host key for %1: %2 %3 is not in %4; accept it once (--accept-new-host-keys in the "
                       "CLI) or add it to the file")
            .arg(where, s->keyType, s->fingerprint, file));
    return false;
}

void SshWorker::answerHostKey(const SessionPtr& s, bool accept)
{
    if (s->deadlineLeftMs >= 0) {
        s->deadline = QDeadlineTimer(s->deadlineLeftMs);
        s->deadlineLeftMs = -1;
    }
    announce(s, TaskPhase::LoggingIn);
    const QString where = hostPort(s->target.address, s->target.port);
    if (!accept) {
        failSession(s, HostStatus::HostKeyRejected,
            QStringLiteral("host key %1 %2 of %3 was not accepted").arg(s->keyType, s->fingerprint, where));
        return;
    }
    if (ssh_session_update_known_hosts(s->ssh) != SSH_OK) {
        failSession(s, HostStatus::HostKeyRejected,
            QStringLiteral("cannot record the host key of %1 in the known_hosts file: %2")
                .arg(where, sshError(s->ssh)));
        return;
    }
    s->state = SshSession::State::Auth;
}

ssh_key SshWorker::loadKey(const QString& path, QString* why)
{
    if (m_keys.contains(path)) {
        *why = m_keyErrors.value(path);
        return m_keys.value(path);
    }
    const QByteArray file = QFile::encodeName(path);
    ssh_key key = nullptr;
    int rc = ssh_pki_import_privkey_file(file.constData(), nullptr, noPrompt, nullptr, &key);
    if (rc != SSH_OK) {
        key = nullptr;
        SshTransport::PassphraseProvider provider;
        {
            QMutexLocker lock(&m_owner->m_mutex);
            provider = m_owner->m_passphrases;
        }
        if (!QFile::exists(path)) {
            *why = QStringLiteral("key %1 does not exist").arg(path);
        } else if (provider) {
            if (const std::optional<QString> pass = provider(path)) {
                const QByteArray passphrase = pass->toUtf8();
                rc = ssh_pki_import_privkey_file(file.constData(), passphrase.constData(), noPrompt, nullptr, &key);
                if (rc != SSH_OK) {
                    key = nullptr;
                    *why = QStringLiteral("key %1: wrong passphrase or unreadable").arg(path);
                }
            } else {
                *why = QStringLiteral("key %1 is encrypted and no passphrase was given").arg(path);
            }
        } else {
            *why = QStringLiteral("key %1 is unreadable or encrypted (no passphrase provider)").arg(path);
        }
    }
    m_keys.insert(path, key);
    m_keyErrors.insert(path, *why);
    return key;
}

bool SshWorker::authFailedByConnection(const SessionPtr& s)
{
    if (ssh_is_connected(s->ssh)) {
        return false;
    }
    failSession(s, HostStatus::Unreachable,
        QStringLiteral("%1: connection closed during authentication: %2")
            .arg(hostPort(s->target.address, s->target.port), sshError(s->ssh)));
    return true;
}

// Authentication order: none (to learn the methods), ssh-agent, identity files, password, keyboard-interactive.
bool SshWorker::stepAuth(const SessionPtr& s)
{
    using Step = SshSession::AuthStep;
    auto succeeded = [&] {
        s->state = SshSession::State::Ready;
        return true;
    };
    auto next = [&](Step step) {
        s->authStep = step;
        return true;
    };
    switch (s->authStep) {
    case Step::None: {
        const int rc = ssh_userauth_none(s->ssh, nullptr);
        if (rc == SSH_AUTH_AGAIN) {
            return false;
        }
        if (rc == SSH_AUTH_SUCCESS) {
            return succeeded();
        }
        if (rc == SSH_AUTH_ERROR && authFailedByConnection(s)) {
            return false;
        }
        s->methods = ssh_userauth_list(s->ssh, nullptr);
        return next(Step::Agent);
    }
    case Step::Agent: {
        const bool agent = options().useAgent && !qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK")
            && !(s->target.identitiesOnly && !s->target.identityFiles.isEmpty());
        if (!agent || !(s->methods & SSH_AUTH_METHOD_PUBLICKEY)) {
            return next(Step::Keys);
        }
        const int rc = ssh_userauth_agent(s->ssh, nullptr);
        if (rc == SSH_AUTH_AGAIN) {
            return false;
        }
        if (rc == SSH_AUTH_SUCCESS) {
            return succeeded();
        }
        if (rc == SSH_AUTH_ERROR && authFailedByConnection(s)) {
            return false;
        }
        s->tried.append(QStringLiteral("ssh-agent"));
        s->methods = ssh_userauth_list(s->ssh, nullptr);
        return next(Step::Keys);
    }
    case Step::Keys: {
        if (!(s->methods & SSH_AUTH_METHOD_PUBLICKEY) || s->keyIndex >= s->target.identityFiles.size()) {
            return next(Step::Password);
        }
        const QString path = s->target.identityFiles.at(s->keyIndex);
        QString why;
        ssh_key key = loadKey(path, &why);
        if (!key) {
            s->tried.append(why);
            ++s->keyIndex;
            return true;
        }
        const int rc = ssh_userauth_publickey(s->ssh, nullptr, key);
        if (rc == SSH_AUTH_AGAIN) {
            return false;
        }
        if (rc == SSH_AUTH_SUCCESS) {
            return succeeded();
        }
        if (rc == SSH_AUTH_ERROR && authFailedByConnection(s)) {
            return false;
        }
        s->tried.append(QStringLiteral("key %1").arg(path));
        s->methods = ssh_userauth_list(s->ssh, nullptr);
        ++s->keyIndex;
        return true;
    }
    case Step::Password: {
        if (s->target.password.isEmpty() || !(s->methods & SSH_AUTH_METHOD_PASSWORD)) {
            return next(Step::KbdInt);
        }
        const QByteArray password = s->target.password.toUtf8();
        const int rc = ssh_userauth_password(s->ssh, nullptr, password.constData());
        if (rc == SSH_AUTH_AGAIN) {
            return false;
        }
        if (rc == SSH_AUTH_SUCCESS) {
            return succeeded();
        }
        if (rc == SSH_AUTH_ERROR && authFailedByConnection(s)) {
            return false;
        }
        s->tried.append(QStringLiteral("password"));
        s->methods = ssh_userauth_list(s->ssh, nullptr);
        return next(Step::KbdInt);
    }
    case Step::KbdInt: {
        if (s->target.password.isEmpty() || !(s->methods & SSH_AUTH_METHOD_INTERACTIVE) || s->kbdRounds > 3) {
            return next(Step::Exhausted);
        }
        const int rc = ssh_userauth_kbdint(s->ssh, nullptr, nullptr);
        if (rc == SSH_AUTH_AGAIN) {
            return false;
        }
        if (rc == SSH_AUTH_SUCCESS) {
            return succeeded();
        }
        if (rc == SSH_AUTH_INFO) {
            // Every prompt gets the password (the usual single "Password:" prompt of PAM).
            ++s->kbdRounds;
            const QByteArray password = s->target.password.toUtf8();
            const int prompts = ssh_userauth_kbdint_getnprompts(s->ssh);
            for (int i = 0; i < prompts; ++i) {
                ssh_userauth_kbdint_setanswer(s->ssh, unsigned(i), password.constData());
            }
            return true;
        }
        if (rc == SSH_AUTH_ERROR && authFailedByConnection(s)) {
            return false;
        }
        s->tried.append(QStringLiteral("keyboard-interactive"));
        return next(Step::Exhausted);
    }
    case Step::Exhausted:
        break;
    }
    QStringList offered;
    if (s->methods & SSH_AUTH_METHOD_PUBLICKEY) {
        offered << QStringLiteral("publickey");
    }
    if (s->methods & SSH_AUTH_METHOD_PASSWORD) {
        offered << QStringLiteral("password");
    }
    if (s->methods & SSH_AUTH_METHOD_INTERACTIVE) {
        offered << QStringLiteral("keyboard-interactive");
    }
    failSession(s, HostStatus::AuthFailed,
        QStringLiteral("authentication failed for %1@%2 (tried: %3; the server accepts: %4)")
            .arg(s->user, hostPort(s->target.address, s->target.port),
                s->tried.isEmpty() ? QStringLiteral("nothing to try") : s->tried.join(QLatin1String(", ")),
                offered.isEmpty() ? QStringLiteral("none") : offered.join(QLatin1Char(','))));
    return false;
}

// ---- running a task ------------------------------------------------------------------------------------------

int SshWorker::onData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user)
{
    auto* t = static_cast<SshTask*>(user);
    const char* bytes = static_cast<const char*>(data);
    if (isStderr && !t->pidParsed) {
        t->pidLine.append(bytes, qsizetype(len));
        const qsizetype nl = t->pidLine.indexOf('\n');
        if (nl < 0 && t->pidLine.size() < 64) {
            return int(len);
        }
        t->pidParsed = true;
        const QByteArray line = nl < 0 ? QByteArray() : t->pidLine.left(nl);
        if (line.startsWith("opsdeck-pid ")) {
            t->remotePid = line.mid(12).toLongLong();
            t->err.append(t->pidLine.mid(nl + 1));
        } else {
            t->err.append(t->pidLine); // not our line (an unusual login shell): keep everything
        }
        t->pidLine.clear();
        return int(len);
    }
    (isStderr ? t->err : t->out).append(bytes, qsizetype(len));
    return int(len);
}

void SshWorker::onEof(ssh_session, ssh_channel, void* user)
{
    static_cast<SshTask*>(user)->remoteEof = true;
}

void SshWorker::onClose(ssh_session, ssh_channel, void* user)
{
    static_cast<SshTask*>(user)->remoteClosed = true;
}

void SshWorker::onExitStatus(ssh_session, ssh_channel, int status, void* user)
{
    static_cast<SshTask*>(user)->exitStatus = status;
}

void SshWorker::onExitSignal(ssh_session, ssh_channel, const char* signal, int, const char*, const char*, void* user)
{
    static_cast<SshTask*>(user)->exitSignal = QString::fromLatin1(signal ? signal : "?");
}

void SshWorker::announce(const SessionPtr& s, TaskPhase phase)
{
    for (const auto& t : s->queue) {
        Q_EMIT m_owner->phaseChanged(t->id, phase);
    }
    if (s->active) {
        Q_EMIT m_owner->phaseChanged(s->active->id, phase);
    }
    for (const auto& weak : s->riders) {
        if (const SessionPtr rider = weak.lock(); rider && rider->state != SshSession::State::Ready) {
            announce(rider, phase == TaskPhase::WaitingForOperator ? phase : TaskPhase::Connecting);
        }
    }
}

void SshWorker::beginTask(const SessionPtr& s)
{
    SshTask& t = *s->active;
    Q_EMIT m_owner->phaseChanged(
        t.id, t.work.step.kind() == StepKind::RunScript ? TaskPhase::Running : TaskPhase::Transferring);
    if (t.work.step.kind() != StepKind::RunScript) {
        lendForPush(s, t);
        return;
    }
    const auto& script = std::get<RunScript>(t.work.step.action);
    t.command = "echo opsdeck-pid $$ >&2; exec "
        + SshTransport::scriptCommand(script, t.work.account, s->user, t.work.parameters).toUtf8();
    t.input = script.script.toUtf8();
    t.channel = ssh_channel_new(s->ssh);
    if (!t.channel) {
        finishActive(s,
            HostResult::error(HostStatus::Failed, QStringLiteral("cannot create a channel: %1").arg(sshError(s->ssh))));
        return;
    }
    ssh_callbacks_init(&t.callbacks);
    t.callbacks.userdata = &t;
    t.callbacks.channel_data_function = &SshWorker::onData;
    t.callbacks.channel_eof_function = &SshWorker::onEof;
    t.callbacks.channel_close_function = &SshWorker::onClose;
    t.callbacks.channel_exit_status_function = &SshWorker::onExitStatus;
    t.callbacks.channel_exit_signal_function = &SshWorker::onExitSignal;
    ssh_set_channel_callbacks(t.channel, &t.callbacks);
    t.phase = SshTask::Phase::Opening;
}

void SshWorker::finishActive(const SessionPtr& s, const HostResult& result)
{
    report(*s->active, result);
    freeChannel(*s->active);
    s->active.reset();
}

bool SshWorker::stepTask(const SessionPtr& s, SshTask& t)
{
    auto lost = [&] {
        const QString message = QStringLiteral("connection lost: %1").arg(sshError(s->ssh));
        failSession(s, HostStatus::Failed, message);
        return false;
    };
    switch (t.phase) {
    case SshTask::Phase::Queued:
    case SshTask::Phase::Lent:
        return false;
    case SshTask::Phase::Opening: {
        const int rc = ssh_channel_open_session(t.channel);
        if (rc == SSH_AGAIN) {
            return false;
        }
        if (rc != SSH_OK) {
            if (!ssh_is_connected(s->ssh)) {
                return lost();
            }
            finishActive(s,
                HostResult::error(
                    HostStatus::Failed, QStringLiteral("cannot open a channel: %1").arg(sshError(s->ssh))));
            return true;
        }
        if (t.cancelled) {
            finishActive(s, HostResult::error(HostStatus::Cancelled, QStringLiteral("cancelled before it started")));
            return true;
        }
        t.phase = SshTask::Phase::Exec;
        return true;
    }
    case SshTask::Phase::Exec: {
        const int rc = ssh_channel_request_exec(t.channel, t.command.constData());
        if (rc == SSH_AGAIN) {
            return false;
        }
        if (rc != SSH_OK) {
            if (!ssh_is_connected(s->ssh)) {
                return lost();
            }
            finishActive(s,
                HostResult::error(HostStatus::Failed,
                    QStringLiteral("the server refused to run the command: %1").arg(sshError(s->ssh))));
            return true;
        }
        if (t.cancelled) {
            // The shell waits for its script on stdin: closing the channel gives it EOF and it ends, having run
            // nothing.
            finishActive(s, HostResult::error(HostStatus::Cancelled, QStringLiteral("cancelled before it started")));
            return true;
        }
        t.phase = SshTask::Phase::Running;
        return true;
    }
    case SshTask::Phase::Running:
        break;
    }

    bool progress = false;
    if (!t.eofSent && !t.killSent) {
        while (t.written < t.input.size()) {
            const uint32_t chunk = uint32_t(std::min<qsizetype>(t.input.size() - t.written, 32 * 1024));
            const int n = ssh_channel_write(t.channel, t.input.constData() + t.written, chunk);
            if (n < 0) {
                if (!ssh_is_connected(s->ssh)) {
                    return lost();
                }
                break; // the remote closed its stdin: its output and exit status still tell what happened
            }
            if (n == 0) {
                break; // window full: retried on the next step
            }
            t.written += n;
            progress = true;
        }
        if (t.written >= t.input.size() || t.remoteClosed) {
            ssh_channel_send_eof(t.channel);
            t.eofSent = true;
            progress = true;
        }
    }
    // Pump this session alone; the callbacks record data, EOF, exit status and close in the task, so no state is
    // lost to whichever call happened to consume the packets.
    const qsizetype before = t.out.size() + t.err.size();
    const bool closedBefore = t.remoteClosed;
    if (ssh_event_dopoll(s->event, 0) == SSH_ERROR || !ssh_is_connected(s->ssh)) {
        flushOutput(t);
        return lost();
    }
    progress = progress || t.out.size() + t.err.size() != before || t.remoteClosed != closedBefore;
    flushOutput(t);
    if (t.killSent && !t.killChannelStarted && t.remotePid > 0) {
        startKill(s, t);
        progress = true;
    }
    if (!t.remoteClosed) {
        return progress;
    }
    HostResult result;
    if (t.cancelled) {
        result = HostResult::error(HostStatus::Cancelled,
            t.exitSignal.isEmpty() ? QStringLiteral("cancelled")
                                   : QStringLiteral("cancelled: remote process killed (SIG%1)").arg(t.exitSignal));
    } else if (t.exitStatus >= 0) {
        result = HostResult::exited(t.exitStatus);
    } else if (!t.exitSignal.isEmpty()) {
        result = HostResult::error(HostStatus::Failed, QStringLiteral("killed by signal SIG%1").arg(t.exitSignal));
    } else {
        result
            = HostResult::error(HostStatus::Failed, QStringLiteral("the remote command ended without an exit status"));
    }
    finishActive(s, result);
    return true;
}

// ---- pushes on the pool --------------------------------------------------------------------------------------

void SshWorker::lendForPush(const SessionPtr& s, SshTask& t)
{
    auto job = std::make_shared<PushJob>();
    job->ssh = s->ssh;
    job->fd = ssh_get_fd(s->ssh);
    job->host = s->host;
    job->target = s->target;
    job->loginUser = s->user;
    job->work = t.work;
    job->timeoutSeconds = options().blockingTimeoutSeconds;
    job->cancel = t.cancelled;
    if (t.work.bandwidthLimit > 0) {
        // One limiter per job while any of its pushes runs: the rate is for all its hosts together.
        std::shared_ptr<RateLimiter> limiter = m_limiters.value(t.id.jobId).lock();
        if (!limiter || limiter->rate() != t.work.bandwidthLimit) {
            m_limiters.removeIf([](const auto& entry) { return entry.value().expired(); });
            limiter = std::make_shared<RateLimiter>(t.work.bandwidthLimit);
            m_limiters.insert(t.id.jobId, limiter);
        }
        job->limiter = limiter;
    }
    if (t.work.step.kind() == StepKind::PushFile) {
        const QString key = t.id.jobId + QLatin1Char('/') + QString::number(t.id.step);
        std::shared_ptr<SharedContent> shared = m_pushContents.value(key).lock();
        if (!shared) {
            m_pushContents.removeIf([](const auto& entry) { return entry.value().expired(); });
            shared = std::make_shared<SharedContent>();
            m_pushContents.insert(key, shared);
        }
        job->shared = shared;
    }
    t.push = job;
    t.phase = SshTask::Phase::Lent;
    s->state = SshSession::State::Lent;
    // The session's poll handle stays in its own ssh_event, which only the borrowing thread uses meanwhile.
    {
        QMutexLocker lock(&m_pushMutex);
        m_pushes.append(job);
    }
    m_pool.start([this, s, job] {
        bool connectionLost = false;
        const HostResult result = runPush(*job, &connectionLost);
        {
            QMutexLocker lock(&m_pushMutex);
            m_pushes.removeOne(job);
        }
        post([this, s, result, connectionLost] {
            if (s->state != SshSession::State::Lent) {
                return;
            }
            s->state = SshSession::State::Ready;
            if (connectionLost) {
                failSession(s, HostStatus::Failed,
                    s->viaLost.isEmpty() ? result.message : QStringLiteral("connection lost: ") + s->viaLost);
                return;
            }
            pushDone(s, result);
        });
    });
}

void SshWorker::pushDone(const SessionPtr& s, const HostResult& result)
{
    if (s->active) {
        s->active->push.reset();
        finishActive(s, result);
    }
    stepSession(s, 0);
}

namespace {

struct ExecResult {
    int status = -1;
    QByteArray out;
    QByteArray err;
    QString error;
};

// A short command on the lent, blocking session (sha256sum, chmod/chown/mv).
ExecResult execBlocking(ssh_session ssh, const QString& command)
{
    ExecResult r;
    ssh_channel ch = ssh_channel_new(ssh);
    if (!ch) {
        r.error = sshError(ssh);
        return r;
    }
    const QByteArray cmd = command.toUtf8();
    if (ssh_channel_open_session(ch) != SSH_OK || ssh_channel_request_exec(ch, cmd.constData()) != SSH_OK) {
        r.error = sshError(ssh);
        ssh_channel_free(ch);
        return r;
    }
    ssh_channel_send_eof(ch);
    char buf[4096];
    for (int stream = 0; stream < 2; ++stream) {
        for (;;) {
            const int n = ssh_channel_read(ch, buf, sizeof buf, stream);
            if (n > 0) {
                (stream ? r.err : r.out).append(buf, n);
                continue;
            }
            if (n < 0) {
                r.error = sshError(ssh);
            }
            break;
        }
    }
    if (r.error.isEmpty()) {
        r.status = ssh_channel_get_exit_status(ch);
        if (r.status < 0) {
            r.error = QStringLiteral("no exit status from `%1`").arg(command);
        }
    }
    ssh_channel_close(ch);
    ssh_channel_free(ch);
    return r;
}

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, QLatin1Char('0'));
}

Result<QByteArray> pushContent(const PushJob& job)
{
    const JobStep& step = job.work.step;
    if (step.kind() == StepKind::PushFile) {
        const auto& push = std::get<PushFile>(step.action);
        if (push.hasContent || !push.content.isEmpty()) {
            return push.content;
        }
        QFile file(push.sourcePath);
        if (!file.open(QIODevice::ReadOnly)) {
            return Error(QStringLiteral("cannot read %1: %2").arg(push.sourcePath, file.errorString()));
        }
        return file.readAll();
    }
    const auto& push = std::get<PushTemplate>(step.action);
    auto parsed = Jinja::Template::parse(push.templateText, push.templateName);
    if (!parsed) {
        return parsed.error();
    }
    // Layers of rising precedence: the host's variables, then the job's parameters.
    QVariantMap context = job.target.vars;
    const QVariantMap params = job.work.parameters.toVariantMap();
    for (auto it = params.begin(); it != params.end(); ++it) {
        context.insert(it.key(), it.value());
    }
    if (!context.contains(QStringLiteral("inventory_hostname"))) {
        context.insert(QStringLiteral("inventory_hostname"), job.host);
    }
    auto rendered = parsed->render(context);
    if (!rendered) {
        return rendered.error();
    }
    return rendered->toUtf8();
}

HostResult runPush(PushJob& job, bool* connectionLost)
{
    ssh_session ssh = job.ssh;
    ssh_set_blocking(ssh, 1);
    struct Restore {
        ssh_session ssh;
        ~Restore() { ssh_set_blocking(ssh, 0); }
    } restore { ssh };
    auto failed = [&](const QString& message) {
        if (!ssh_is_connected(ssh)) {
            *connectionLost = true;
            return HostResult::error(HostStatus::Failed, QStringLiteral("connection lost: %1").arg(message));
        }
        return HostResult::error(HostStatus::Failed, message);
    };
    auto cancelled = [] { return HostResult::error(HostStatus::Cancelled, QStringLiteral("cancelled")); };

    QString dest;
    QString mode;
    QString owner;
    if (job.work.step.kind() == StepKind::PushFile) {
        const auto& p = std::get<PushFile>(job.work.step.action);
        dest = p.dest;
        mode = p.mode;
        owner = p.owner;
    } else {
        const auto& p = std::get<PushTemplate>(job.work.step.action);
        dest = p.dest;
        mode = p.mode;
        owner = p.owner;
    }
    bool modeOk = true;
    const int modeBits = mode.isEmpty() ? -1 : mode.toInt(&modeOk, 8);
    if (dest.isEmpty() || !modeOk || modeBits > 07777) {
        return HostResult::error(HostStatus::Failed,
            dest.isEmpty() ? QStringLiteral("no destination path") : QStringLiteral("invalid mode %1").arg(mode));
    }
    const auto readAndHash = [&job](QByteArray* content, QByteArray* hash, QString* error) {
        Result<QByteArray> read = pushContent(job);
        if (!read) {
            *error = read.errorString();
            return;
        }
        *content = *read;
        *hash = QCryptographicHash::hash(*content, QCryptographicHash::Sha256).toHex();
    };
    QByteArray contentBytes;
    QByteArray hash;
    QString contentError;
    if (job.shared) {
        QMutexLocker lock(&job.shared->mutex);
        if (!job.shared->done) {
            readAndHash(&job.shared->content, &job.shared->hash, &job.shared->error);
            job.shared->done = true;
        }
        contentBytes = job.shared->content;
        hash = job.shared->hash;
        contentError = job.shared->error;
    } else {
        readAndHash(&contentBytes, &hash, &contentError);
    }
    if (!contentError.isEmpty()) {
        return HostResult::error(HostStatus::Failed, contentError);
    }
    const QByteArray* content = &contentBytes;
    const QString qDest = SshTransport::shellQuote(dest);
    const QString sudo = job.loginUser == QLatin1String("root") ? QString() : QStringLiteral("sudo -n ");

    // What is there now: checksum, mode, owner (one round trip).
    const ExecResult probe = execBlocking(ssh,
        QStringLiteral("if [ -f %1 ]; then sha256sum < %1 | cut -c1-64 && stat -c '%a %U:%G' -- %1; fi").arg(qDest));
    if (!probe.error.isEmpty()) {
        return failed(QStringLiteral("cannot check %1: %2").arg(dest, probe.error));
    }
    const QStringList lines = QString::fromUtf8(probe.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const bool exists = lines.size() >= 2;
    int remoteMode = -1;
    QString remoteOwner;
    if (exists) {
        const QStringList statParts = lines.at(1).split(QLatin1Char(' '));
        remoteMode = statParts.value(0).toInt(nullptr, 8);
        remoteOwner = statParts.value(1);
    }
    const bool ownerMatches = owner.isEmpty()
        || (owner.contains(QLatin1Char(':')) ? remoteOwner == owner
                                             : remoteOwner.section(QLatin1Char(':'), 0, 0) == owner);
    const bool modeMatches = modeBits < 0 || remoteMode == modeBits;
    if (exists && lines.at(0).toLatin1() == hash) {
        if (modeMatches && ownerMatches) {
            return HostResult::exited(0, QStringLiteral("unchanged"));
        }
        QStringList fix;
        if (!modeMatches) {
            fix << QStringLiteral("chmod %1 -- %2").arg(mode, qDest);
        }
        if (!ownerMatches) {
            fix << sudo + QStringLiteral("chown %1 -- %2").arg(SshTransport::shellQuote(owner), qDest);
        }
        const ExecResult r = execBlocking(ssh, fix.join(QLatin1String(" && ")));
        if (r.status != 0) {
            return failed(QStringLiteral("cannot set mode/owner of %1: %2")
                              .arg(dest, r.error.isEmpty() ? QString::fromUtf8(r.err).trimmed() : r.error));
        }
        return HostResult::exited(0, QStringLiteral("unchanged content; mode/owner updated"));
    }
    if (job.cancel) {
        return cancelled();
    }

    // Write a temporary file next to the destination (same file system), then rename it into place.
    const QString tmp = dest + QLatin1String(".opsdeck-tmp-") + randomSuffix();
    const QByteArray tmpName = tmp.toUtf8();
    sftp_session sftp = sftp_new(ssh);
    if (!sftp) {
        return failed(QStringLiteral("cannot start SFTP: %1").arg(sshError(ssh)));
    }
    if (sftp_init(sftp) != SSH_OK) {
        const QString why = sshError(ssh);
        sftp_free(sftp);
        return failed(QStringLiteral("cannot start SFTP (is the sftp subsystem enabled?): %1").arg(why));
    }
    const int createMode = modeBits >= 0 ? modeBits : (exists ? remoteMode : 0644);
    sftp_file file = sftp_open(sftp, tmpName.constData(), O_WRONLY | O_CREAT | O_EXCL, mode_t(createMode & 0777));
    if (!file) {
        const QString why = sshError(ssh);
        sftp_free(sftp);
        return failed(QStringLiteral("cannot create %1: %2").arg(tmp, why));
    }
    QString writeError;
    bool wasCancelled = false;
    for (qsizetype at = 0; at < content->size();) {
        if (job.cancel) {
            wasCancelled = true;
            break;
        }
        const size_t chunk = size_t(std::min<qsizetype>(content->size() - at, kPushChunk));
        if (job.limiter && !job.limiter->acquire(qint64(chunk), [&job] { return job.cancel.load(); })) {
            wasCancelled = true;
            break;
        }
        const ssize_t n = sftp_write(file, content->constData() + at, chunk);
        if (n <= 0) {
            writeError = sshError(ssh);
            break;
        }
        at += n;
    }
    sftp_close(file);
    if (!writeError.isEmpty() || wasCancelled) {
        if (ssh_is_connected(ssh)) {
            sftp_unlink(sftp, tmpName.constData());
        }
        sftp_free(sftp);
        return wasCancelled ? cancelled() : failed(QStringLiteral("cannot write %1: %2").arg(tmp, writeError));
    }
    sftp_free(sftp);

    // chmod (the umask applied at creation), chown, then rename(2) through `mv -f`: libssh 0.10 has no call for
    // posix-rename@openssh.com, and plain SFTP rename refuses to replace an existing file.
    const QString qTmp = SshTransport::shellQuote(tmp);
    QStringList finish;
    finish << QStringLiteral("chmod %1 -- %2").arg(QString::number(createMode, 8), qTmp);
    if (!owner.isEmpty()) {
        finish << sudo + QStringLiteral("chown %1 -- %2").arg(SshTransport::shellQuote(owner), qTmp);
    }
    finish << QStringLiteral("mv -f -- %1 %2").arg(qTmp, qDest);
    const ExecResult r = execBlocking(ssh,
        QStringLiteral("{ %1; } || { st=$?; rm -f -- %2; exit $st; }").arg(finish.join(QLatin1String(" && ")), qTmp));
    if (r.status != 0) {
        return failed(QStringLiteral("cannot put %1 in place: %2")
                          .arg(dest, r.error.isEmpty() ? QString::fromUtf8(r.err).trimmed() : r.error));
    }
    return HostResult::exited(0, JobText::make("written (%n byte(s))", content->size()));
}

} // namespace

// ---- SshTransport ----------------------------------------------------------------------------------------------

SshTransport::SshTransport(QObject* parent)
    : SshTransport(Options {}, parent)
{
}

SshTransport::SshTransport(const Options& options, QObject* parent)
    : Transport(parent)
    , m_options(options)
{
    qRegisterMetaType<HostTask>();
    qRegisterMetaType<HostResult>();
    qRegisterMetaType<TaskPhase>();
    qRegisterMetaType<OutputStream>();
    ssh_init();
    m_worker = std::make_unique<SshWorker>(this);
    m_worker->setPoolSize(options.sftpThreads);
    m_worker->start();
}

SshTransport::~SshTransport()
{
    m_worker->shutdown();
    m_worker.reset();
    ssh_finalize();
}

SshTransport::Options SshTransport::options() const
{
    QMutexLocker lock(&m_mutex);
    return m_options;
}

void SshTransport::setOptions(const Options& options)
{
    QMutexLocker lock(&m_mutex);
    m_options = options;
    m_worker->setPoolSize(options.sftpThreads);
}

void SshTransport::setTargets(const QHash<QString, SshTarget>& targets)
{
    QMutexLocker lock(&m_mutex);
    m_targets = targets;
}

void SshTransport::setTarget(const QString& host, const SshTarget& target)
{
    QMutexLocker lock(&m_mutex);
    m_targets.insert(host, target);
}

void SshTransport::setResolver(TargetResolver resolver)
{
    QMutexLocker lock(&m_mutex);
    m_resolver = std::move(resolver);
}

void SshTransport::setJobTargets(
    const QString& jobId, const QHash<QString, SshTarget>& targets, TargetResolver resolver)
{
    auto job = std::make_shared<JobTargets>();
    job->targets = targets;
    job->resolver = std::move(resolver);
    QMutexLocker lock(&m_mutex);
    m_jobTargets.insert(jobId, std::move(job));
}

void SshTransport::clearJobTargets(const QString& jobId)
{
    QMutexLocker lock(&m_mutex);
    m_jobTargets.remove(jobId);
}

void SshTransport::setHostKeyAsker(HostKeyAsker asker)
{
    QMutexLocker lock(&m_mutex);
    m_asker = std::move(asker);
}

void SshTransport::setPassphraseProvider(PassphraseProvider provider)
{
    QMutexLocker lock(&m_mutex);
    m_passphrases = std::move(provider);
}

std::optional<SshTarget> SshTransport::targetFor(const QString& jobId, const QString& host) const
{
    std::shared_ptr<const JobTargets> job;
    TargetResolver resolver;
    {
        QMutexLocker lock(&m_mutex);
        job = m_jobTargets.value(jobId);
        if (job) {
            if (auto it = job->targets.constFind(host); it != job->targets.constEnd()) {
                return *it;
            }
        }
        if (auto it = m_targets.constFind(host); it != m_targets.constEnd()) {
            return *it;
        }
        resolver = m_resolver;
    }
    // Resolvers run unlocked: they may be slow (an inventory lookup) and must not hold up other jobs' starts.
    if (job && job->resolver) {
        if (auto found = job->resolver(host)) {
            return found;
        }
    }
    if (resolver) {
        return resolver(host);
    }
    return std::nullopt;
}

void SshTransport::start(const HostTask& task, const HostWork& work)
{
    const std::optional<SshTarget> target = targetFor(task.jobId, task.host);
    if (!target) {
        Q_EMIT finished(task,
            HostResult::error(
                HostStatus::Unreachable, QStringLiteral("no SSH address known for host %1").arg(task.host)));
        return;
    }
    Route route;
    QString error;
    if (!resolveRoute(task.jobId, task.host, *target, &route, &error)) {
        Q_EMIT finished(task, HostResult::error(HostStatus::Unreachable, error));
        return;
    }
    m_worker->submit(task, work, route);
}

std::shared_ptr<const SshConfig> SshTransport::sshConfig() const
{
    QMutexLocker lock(&m_mutex);
    const QString path = m_options.sshConfigPath.isEmpty() ? QDir::homePath() + QLatin1String("/.ssh/config")
                                                           : m_options.sshConfigPath;
    if (path.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        if (!m_config || m_configPath != path) {
            m_config = std::make_shared<const SshConfig>();
            m_configPath = path;
        }
        return m_config;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool reload = !m_config || m_configPath != path;
    if (!reload && now - m_configCheckedMs >= 2000) {
        // Re-read when a file read last time changed, or the configuration appeared.
        for (auto it = m_configStamps.cbegin(); it != m_configStamps.cend() && !reload; ++it) {
            reload = QFileInfo(it.key()).lastModified() != it.value();
        }
        reload = reload || (m_configStamps.isEmpty() && QFileInfo::exists(path));
    }
    if (reload) {
        auto config = std::make_shared<SshConfig>(SshConfig::load(path));
        m_configStamps.clear();
        const QStringList files = config->files();
        for (const QString& file : files) {
            m_configStamps.insert(file, QFileInfo(file).lastModified());
        }
        for (const QString& warning : config->warnings()) {
            qWarning("ssh config: %s", qPrintable(warning));
        }
        m_config = std::move(config);
        m_configPath = path;
    }
    if (reload || now - m_configCheckedMs >= 2000) {
        m_configCheckedMs = now;
    }
    return m_config;
}

QStringList SshTransport::sshConfigWarnings() const
{
    return sshConfig()->warnings();
}

bool SshTransport::resolveRoute(
    const QString& jobId, const QString& host, const SshTarget& inventory, Route* route, QString* error) const
{
    const std::shared_ptr<const SshConfig> config = sshConfig();
    route->target = config->complete(host, inventory);
    route->jumps.clear();
    if (!resolveJumps(jobId, route->target.jumpHost, *config, 0, route, error)) {
        *error = QStringLiteral("%1: %2").arg(host, *error);
        return false;
    }
    return true;
}

// Appends the hops of a ProxyJump value to route->jumps, first hop first. Each hop is a target of its own: the
// inventory's values for that name when it is an inventory host, the user and port written in the ProxyJump, then
// the configuration. As in ssh, the first hop's own ProxyJump comes before it; the later hops go through the one
// before them.
bool SshTransport::resolveJumps(
    const QString& jobId, const QString& spec, const SshConfig& config, int depth, Route* route, QString* error) const
{
    QString why;
    const std::optional<QList<SshConfig::Hop>> hops = SshConfig::parseJumpList(spec, &why);
    if (!hops) {
        *error = QStringLiteral("invalid ProxyJump \"%1\": %2").arg(spec, why);
        return false;
    }
    if (depth > kMaxJumps) {
        *error = QStringLiteral("ProxyJump loops or chains more than %1 jump hosts (at %2)").arg(kMaxJumps).arg(spec);
        return false;
    }
    for (qsizetype i = 0; i < hops->size(); ++i) {
        const SshConfig::Hop& hop = hops->at(i);
        SshTarget target = targetFor(jobId, hop.host).value_or(SshTarget {});
        if (!hop.user.isEmpty()) {
            target.user = hop.user;
        }
        if (hop.port > 0) {
            target.port = hop.port;
        }
        target.vars.clear();
        target = config.complete(hop.host, target);
        if (i == 0) {
            // A jump host whose own ProxyJump names itself (Host *.dc ProxyJump bastion.dc) is reached directly.
            const std::optional<QList<SshConfig::Hop>> own = SshConfig::parseJumpList(target.jumpHost, &why);
            const bool self = own && own->size() == 1 && own->first().host == hop.host;
            if (!self && !resolveJumps(jobId, target.jumpHost, config, depth + 1, route, error)) {
                return false;
            }
        }
        target.jumpHost.clear();
        if (route->jumps.size() >= kMaxJumps) {
            *error = QStringLiteral("ProxyJump chains more than %1 jump hosts").arg(kMaxJumps);
            return false;
        }
        route->jumps.append({ hop.host + QLatin1Char(':') + QString::number(target.port), target });
    }
    return true;
}

void SshTransport::cancel(const HostTask& task)
{
    m_worker->cancelTask(task);
}

void SshTransport::closeIdle()
{
    m_worker->closeIdle();
}

int SshTransport::sessionCount() const
{
    return m_worker->sessionCount;
}

int SshTransport::connectionCount() const
{
    return m_worker->connectionCount;
}

QString SshTransport::shellQuote(const QString& word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(word).hasMatch()) {
        return word;
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString SshTransport::scriptCommand(
    const RunScript& script, const QString& account, const QString& loginUser, const QJsonObject& parameters)
{
    QStringList words;
    if (!account.isEmpty() && account != loginUser) {
        words << QStringLiteral("sudo") << QStringLiteral("-n") << QStringLiteral("-u") << shellQuote(account)
              << QStringLiteral("--");
    }
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QStringList env;
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const QJsonValue v = it.value();
        if (!envName.match(it.key()).hasMatch() || !(v.isString() || v.isDouble() || v.isBool())) {
            continue;
        }
        QString value;
        if (v.isString()) {
            value = v.toString();
        } else if (v.isBool()) {
            value = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        } else {
            value = v.toVariant().toString();
        }
        env << shellQuote(it.key() + QLatin1Char('=') + value);
    }
    if (!env.isEmpty()) {
        words << QStringLiteral("env") << env;
    }
    const QString interpreter = script.interpreter.trimmed().isEmpty() ? QStringLiteral("/bin/sh") : script.interpreter;
    const QStringList interpreterWords = interpreter.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& w : interpreterWords) {
        words << shellQuote(w);
    }
    const QString base = interpreterWords.constLast().section(QLatin1Char('/'), -1);
    if (base.startsWith(QLatin1String("python")) || base.startsWith(QLatin1String("perl"))) {
        words << QStringLiteral("-");
    } else {
        words << QStringLiteral("-s") << QStringLiteral("--");
    }
    for (const QString& arg : script.args) {
        words << shellQuote(arg);
    }
    return words.join(QLatin1Char(' '));
}

SshTransport::KeyFile SshTransport::inspectKey(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return KeyFile::Unreadable;
    }
    if (!file.read(64).startsWith("-----BEGIN")) {
        return KeyFile::Unreadable;
    }
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(QFile::encodeName(path).constData(), nullptr, noPrompt, nullptr, &key) == SSH_OK) {
        ssh_key_free(key);
        return KeyFile::Plain;
    }
    return KeyFile::Encrypted;
}

bool SshTransport::keyOpensWith(const QString& path, const QString& passphrase)
{
    ssh_key key = nullptr;
    const QByteArray pass = passphrase.toUtf8();
    if (ssh_pki_import_privkey_file(QFile::encodeName(path).constData(), pass.constData(), noPrompt, nullptr, &key)
        != SSH_OK) {
        return false;
    }
    ssh_key_free(key);
    return true;
}
