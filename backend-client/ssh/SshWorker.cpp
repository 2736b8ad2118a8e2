#include "SshWorker.h"

#include "ssh/JumpTunnel.h"
#include "ssh/RateLimiter.h"
#include "ssh/RemoteCommand.h"
#include "ssh/SshSession.h"
#include "ssh/SshTask.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QRandomGenerator>

#include <libssh/libssh.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kKillConfirmMs = 3000; // after a cancel: how long to wait for sshd to confirm the kill
constexpr int kMaxPollMs = 1000;
constexpr int kDefaultMaxHandshakes = 128;
constexpr int kDefaultMaxHandshakesPerJump = 32;
constexpr int kDefaultRetries = 4;
constexpr int kDefaultTunnelsPerJumpSession = 64;
constexpr int kDefaultSessionsPerJumpHost = 4;
constexpr int kMaxChannelRetries = 2; // a refused channel may also be a target that is really down
constexpr int kFirstBackoffMs = 250;
constexpr int kMaxBackoffMs = 4000;

// The states in which a session's deadline (connect, then login timeout) runs.
bool hasDeadline(SshSession::State state)
{
    switch (state) {
    case SshSession::State::Resolving:
    case SshSession::State::Tunneling:
    case SshSession::State::TcpConnecting:
    case SshSession::State::Handshake:
    case SshSession::State::HostKey:
    case SshSession::State::Auth:
        return true;
    default:
        return false;
    }
}

// "3", "1.5": seconds as messages state them.
QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'g', 4);
}

// libssh's words for a connection the server dropped before login (sshd's MaxStartups closes it at once; a busy
// NAT or bastion resets it).
bool droppedBeforeLogin(const QString& error)
{
    return error.contains(QLatin1String("disconnected"), Qt::CaseInsensitive)
        || error.contains(QLatin1String("reset by peer"), Qt::CaseInsensitive)
        || error.contains(QLatin1String("Connection closed"), Qt::CaseInsensitive);
}

// A jump host's refusal to open a channel that a busy bastion gives too (its connect refused, no resources).
bool busyRefusal(const QString& error)
{
    return error.contains(QLatin1String("refused"), Qt::CaseInsensitive)
        || error.contains(QLatin1String("resource shortage"), Qt::CaseInsensitive);
}

} // namespace

// Where a post() to a worker goes; shared with callbacks that may outlive the worker (a host-key answer).
struct SshWorker::Mailbox {
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

SshWorker::SshWorker(SshTransport* owner)
    : m_owner(owner)
    , m_mailbox(std::make_shared<Mailbox>())
    , m_auth([owner] {
        QMutexLocker lock(&owner->m_mutex);
        return owner->m_passphrases;
    })
{
    setObjectName(QStringLiteral("ssh-worker"));
}

SshWorker::~SshWorker()
{
    shutdown();
}

void SshWorker::post(std::function<void()> fn)
{
    m_mailbox->post(std::move(fn));
}

void SshWorker::shutdown()
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

void SshWorker::setPoolSize(int threads)
{
    m_pool.setMaxThreadCount(std::clamp(threads, 1, 64));
}

void SshWorker::submit(
    const HostTask& task, const HostWork& work, const SshRoute& route, SshTransport::TemplateRenderer renderer)
{
    post([this, task, work, route, renderer = std::move(renderer)] { addTask(task, work, route, renderer); });
}

void SshWorker::cancelTask(const HostTask& task)
{
    post([this, task] { cancelOnWorker(task); });
}

void SshWorker::closeIdle()
{
    post([this] { closeIdleOnWorker(); });
}

SshTransport::Options SshWorker::options() const
{
    QMutexLocker lock(&m_owner->m_mutex);
    return m_owner->m_options;
}

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
        while (!m_granted.empty()) {
            for (const SessionPtr& s : std::exchange(m_granted, {})) {
                if (s->admitted && s->state != SshSession::State::Dead) {
                    startAdmitted(s);
                }
            }
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
            if (hasDeadline(s->state) && !s->deadline.isForever()) {
                timeoutMs = std::min<int>(timeoutMs, int(std::max<qint64>(0, s->deadline.remainingTime())));
            }
            if (s->state == SshSession::State::Backoff) {
                timeoutMs = std::min<int>(timeoutMs, int(std::max<qint64>(0, s->retryAt.remainingTime())));
            }
            if (s->active && s->active->killSent) {
                timeoutMs = std::min<int>(timeoutMs, int(std::max<qint64>(0, s->active->killDeadline.remainingTime())));
            }
            if (fd >= 0) {
                fds.push_back({ fd, events, 0 });
                polled.push_back({ s, false });
            }
            if (s->tunnel) {
                if (const short tunnelEvents = s->tunnel->pollEvents(); tunnelEvents != 0) {
                    fds.push_back({ s->tunnel->fd, tunnelEvents, 0 });
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
                if ((revents & POLLIN)
                    && (s->state == SshSession::State::Handshake || s->state == SshSession::State::HostKey
                        || s->state == SshSession::State::Auth)) {
                    // The server said something: the login timeout starts again (progress, not a fixed budget).
                    s->bannerSeen = true;
                    s->deadline = QDeadlineTimer(s->loginTimeoutMs);
                }
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
    m_auth.clear();
    sessionCount = 0;
}

void SshWorker::checkDeadlines()
{
    const auto sessions = m_sessions.values();
    for (const SessionPtr& s : sessions) {
        if (s->state == SshSession::State::Dead) {
            continue;
        }
        if (s->state == SshSession::State::Backoff && s->retryAt.hasExpired()) {
            if (s->via) {
                s->state = SshSession::State::Tunneling; // asks for a slot once its jump host is ready
                if (s->via->state == SshSession::State::Ready) {
                    stepSession(s->via, 0);
                }
            } else {
                requestSlot(s);
            }
            continue;
        }
        if (hasDeadline(s->state) && s->deadline.hasExpired()) {
            // Which phase ran out, and what it waited: the TCP connect (or the channel through the jump host),
            // else the server's silence since its last reply.
            QString what;
            int waitedMs = s->loginTimeoutMs;
            switch (s->state) {
            case SshSession::State::Handshake:
                what = s->bannerSeen ? QStringLiteral("exchanging keys")
                                     : QStringLiteral("waiting for the server's SSH banner");
                break;
            case SshSession::State::HostKey:
                what = QStringLiteral("exchanging keys");
                break;
            case SshSession::State::Auth:
                what = QStringLiteral("logging in");
                break;
            default:
                what = QStringLiteral("connecting");
                waitedMs = s->connectTimeoutMs;
                break;
            }
            if (s->via) {
                what = QStringLiteral("%1 through jump host %2").arg(what, s->via->host);
            }
            releaseSlot(*s, HandshakeAdmission::Outcome::TimedOut);
            failSession(s, HostStatus::Unreachable,
                QStringLiteral("%1: timed out after %2 s while %3").arg(s->where(), seconds(waitedMs), what));
            continue;
        }
        if (s->active && s->active->killSent && s->active->killDeadline.hasExpired()) {
            // sshd did not confirm the kill: give up waiting, close the channel and say so.
            report(*s->active,
                HostResult::error(HostStatus::Cancelled,
                    QStringLiteral("cancelled; sshd did not confirm that the remote process was killed")));
            s->active->freeChannel();
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
    s->user = target.user.isEmpty() ? SshSession::localUser() : target.user;
    s->connectTimeoutMs = target.connectTimeoutMs > 0 ? target.connectTimeoutMs : opts.connectTimeoutMs;
    s->loginTimeoutMs = opts.loginTimeoutMs > 0 ? opts.loginTimeoutMs : 10'000;
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

QString SshWorker::jumpRouteKey(const SshRoute::Jump& hop, const QString& viaRoute)
{
    const QString user = hop.target.user.isEmpty() ? SshSession::localUser() : hop.target.user;
    QString key
        = QLatin1String("jump\n") + user + QLatin1Char('@') + SshSession::hostPort(hop.target.address, hop.target.port);
    if (!viaRoute.isEmpty()) {
        key += QLatin1String("\nvia ") + viaRoute;
    }
    return key;
}

// The sessions to a jump host (per login and the hops before it) are shared by the sessions tunnelled through it:
// the first one that carries fewer than Options::tunnelsPerJumpSession tunnels, else a new one, up to
// Options::maxSessionsPerJumpHost; beyond that the least loaded. One bastion session is one sshd process on the
// bastion (and one stream of crypto): hundreds of tunnels on it make it the bottleneck.
SshWorker::SessionPtr SshWorker::jumpSession(const SshRoute::Jump& hop, const SessionPtr& via)
{
    const SshTransport::Options opts = options();
    const int perSession = opts.tunnelsPerJumpSession > 0 ? opts.tunnelsPerJumpSession : kDefaultTunnelsPerJumpSession;
    const int maxSessions = std::clamp(
        opts.maxSessionsPerJumpHost > 0 ? opts.maxSessionsPerJumpHost : kDefaultSessionsPerJumpHost, 1, 64);
    const QString route = jumpRouteKey(hop, via ? via->route : QString());
    SessionPtr leastLoaded;
    int leastLoad = std::numeric_limits<int>::max();
    int freeIndex = -1;
    for (int i = 0; i < maxSessions; ++i) {
        const QString key = i == 0 ? route : route + QLatin1String("\n#") + QString::number(i);
        const SessionPtr s = m_sessions.value(key);
        if (!s || s->state == SshSession::State::Dead) {
            freeIndex = freeIndex < 0 ? i : freeIndex;
            continue;
        }
        const int load = int(std::count_if(s->riders.begin(), s->riders.end(), [](const auto& weak) {
            const SessionPtr rider = weak.lock();
            return rider && rider->state != SshSession::State::Dead;
        }));
        if (load < perSession) {
            return s;
        }
        if (load < leastLoad) {
            leastLoaded = s;
            leastLoad = load;
        }
    }
    if (freeIndex < 0) {
        return leastLoaded;
    }
    SessionPtr s = std::make_shared<SshSession>();
    s->key = freeIndex == 0 ? route : route + QLatin1String("\n#") + QString::number(freeIndex);
    s->route = route;
    s->host = hop.name;
    s->isJump = true;
    initSession(s, hop.target, via);
    beginConnect(s);
    return s;
}

void SshWorker::addTask(
    const HostTask& task, const HostWork& work, const SshRoute& route, const SshTransport::TemplateRenderer& renderer)
{
    // The host's session is known by its route, not by which of its jump host's sessions carries it, so that
    // every task of the host finds it again.
    QString viaRoute;
    for (const SshRoute::Jump& hop : route.jumps) {
        viaRoute = jumpRouteKey(hop, viaRoute);
    }
    const SshTarget& target = route.target;
    const QString user = target.user.isEmpty() ? SshSession::localUser() : target.user;
    QString key
        = task.host + QLatin1Char('\n') + user + QLatin1Char('@') + SshSession::hostPort(target.address, target.port);
    if (!viaRoute.isEmpty()) {
        key += QLatin1String("\nvia ") + viaRoute;
    }
    SessionPtr s = m_sessions.value(key);
    if (s && s->state == SshSession::State::Dead) {
        s.reset(); // failed earlier in this round, not reaped yet: a new task gets a new connection
    }
    SessionPtr via;
    if (!s) {
        for (const SshRoute::Jump& hop : route.jumps) {
            via = jumpSession(hop, via);
        }
    }
    auto t = std::make_unique<SshTask>();
    t->id = task;
    t->work = work;
    t->renderer = renderer;
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
    s->queue.push_back(std::move(t));
    if (s->state == SshSession::State::Queued || s->state == SshSession::State::Backoff
        || (s->state == SshSession::State::Tunneling && s->ticket != 0 && !s->admitted)) {
        announce(s, TaskPhase::Queued);
    } else if (s->state == SshSession::State::AwaitingAnswer) {
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
    releaseSlot(*s, HandshakeAdmission::Outcome::Failed);
    if (!s->riders.empty()) {
        failRiders(s, QStringLiteral("disconnected"));
    }
    // Behind a jump host: the tunnel goes first, so that nothing below waits to flush into a socketpair that is
    // no longer pumped (the disconnect message is not needed: closing the channel closes the far connection).
    closeTunnel(*s);
    if (s->active) {
        s->active->freeChannel();
        s->active.reset();
    }
    s->queue.clear();
    for (auto& helper : s->helpers) {
        ssh_channel_free(helper.channel);
    }
    s->helpers.clear();
    closeConnection(*s);
    closeTunnel(*s);
    s->state = SshSession::State::Dead;
}

void SshWorker::closeConnection(SshSession& s)
{
    if (s.ssh) {
        if (s.event) {
            ssh_event_remove_session(s.event, s.ssh);
            ssh_event_free(s.event);
            s.event = nullptr;
        }
        if (ssh_is_connected(s.ssh)) {
            ssh_disconnect(s.ssh); // closes the fd, which libssh owns since SSH_OPTIONS_FD
        }
        ssh_free(s.ssh);
        s.ssh = nullptr;
        s.fd = -1;
    }
    if (s.fd >= 0) {
        ::close(s.fd);
        s.fd = -1;
    }
}

void SshWorker::closeTunnel(SshSession& s)
{
    if (!s.tunnel) {
        return;
    }
    s.tunnel->close(s.via && s.via->ssh);
    s.tunnel.reset();
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
    requestSlot(s);
}

void SshWorker::requestSlot(const SessionPtr& s)
{
    if (m_tickets.isEmpty() && m_admission.inFlight() == 0 && m_admission.waiting() == 0) {
        // Idle: (re)build the windows from the current options.
        const SshTransport::Options opts = options();
        const HandshakeWindow::Limits shared { 8, 1,
            opts.maxHandshakes > 0 ? opts.maxHandshakes : kDefaultMaxHandshakes };
        const HandshakeWindow::Limits perJump { 4, 1,
            opts.maxHandshakesPerJumpHost > 0 ? opts.maxHandshakesPerJumpHost : kDefaultMaxHandshakesPerJump };
        m_admission = HandshakeAdmission(shared, perJump);
    }
    if (!s->via) {
        s->state = SshSession::State::Queued;
    }
    s->deadline = QDeadlineTimer(QDeadlineTimer::Forever);
    s->ticket = m_admission.request(s->via ? s->via->route : QString()); // one window per jump host
    m_tickets.insert(s->ticket, s);
    admitWaiting();
    if (!s->admitted) {
        announce(s, TaskPhase::Queued);
    }
}

void SshWorker::admitWaiting()
{
    const QList<quint64> tickets = m_admission.admit();
    for (const quint64 ticket : tickets) {
        const SessionPtr s = m_tickets.value(ticket).lock();
        if (!s || s->state == SshSession::State::Dead) {
            m_tickets.remove(ticket);
            m_admission.finish(ticket, HandshakeAdmission::Outcome::Abandoned);
            continue;
        }
        s->admitted = true;
        m_granted.push_back(s);
    }
}

void SshWorker::releaseSlot(SshSession& s, HandshakeAdmission::Outcome outcome)
{
    if (s.ticket == 0) {
        return;
    }
    const quint64 ticket = std::exchange(s.ticket, 0);
    const bool admitted = std::exchange(s.admitted, false);
    m_tickets.remove(ticket);
    m_admission.finish(ticket, admitted ? outcome : HandshakeAdmission::Outcome::Abandoned,
        s.handshakeClock.isValid() ? s.handshakeClock.elapsed() : 0);
    admitWaiting();
}

bool SshWorker::retryLater(const SessionPtr& s, const QString& why)
{
    const SshTransport::Options opts = options();
    int limit = opts.handshakeRetries >= 0 ? opts.handshakeRetries : kDefaultRetries;
    if (s->tunnel && !s->ssh) {
        limit = std::min(limit, kMaxChannelRetries);
    }
    if (s->retries >= limit) {
        return false;
    }
    releaseSlot(*s, HandshakeAdmission::Outcome::Reset);
    // Back to before the connect: the tasks stay queued on the session.
    closeTunnel(*s);
    closeConnection(*s);
    s->bannerSeen = false;
    s->authStep = SshSession::AuthStep::None;
    s->keyIndex = 0;
    s->kbdRounds = 0;
    s->methods = 0;
    s->tried.clear();
    ++s->retries;
    // Exponential backoff with jitter, so that the hosts a burst of resets hit do not come back together.
    const int base = std::min(kMaxBackoffMs, kFirstBackoffMs << std::min(s->retries - 1, 8));
    const int delay = base + int(QRandomGenerator::global()->bounded(base / 2 + 1));
    s->state = SshSession::State::Backoff;
    s->retryAt = QDeadlineTimer(delay);
    s->deadline = QDeadlineTimer(QDeadlineTimer::Forever);
    const QString message = QStringLiteral("retrying the connection (%1 of %2) in %3 s: %4")
                                .arg(s->retries)
                                .arg(limit)
                                .arg(seconds(delay), why);
    for (const auto& t : s->queue) {
        Q_EMIT m_owner->retrying(t->id, message);
    }
    if (s->active) {
        Q_EMIT m_owner->retrying(s->active->id, message);
    }
    announce(s, TaskPhase::Queued);
    return true;
}

void SshWorker::startAdmitted(const SessionPtr& s)
{
    s->handshakeClock.start();
    s->bannerSeen = false;
    announce(s, TaskPhase::Connecting);
    if (s->via) {
        if (s->via->state == SshSession::State::Ready) {
            stepSession(s->via, 0); // opens the channel (pumpTunnel)
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
                .arg(s->where(), s->ip.toString(), QString::fromLocal8Bit(strerror(errno))));
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
    // The login timeout: from the end of the TCP connect (or the channel's open) until the server's first byte,
    // then again after each of its replies.
    s->deadline = QDeadlineTimer(s->loginTimeoutMs);
    ++connectionCount;
    const int rc = ssh_connect(s->ssh);
    SshSession::keepNonBlocking(int(ssh_get_fd(s->ssh)));
    if (rc == SSH_ERROR) {
        const QString error = s->lastError();
        if (droppedBeforeLogin(error)
            && retryLater(s, QStringLiteral("%1: SSH handshake failed: %2").arg(s->where(), error))) {
            return;
        }
        failSession(s, HostStatus::Unreachable, QStringLiteral("%1: %2").arg(s->where(), error));
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

// A jump host's session: no tasks of its own; it carries the tunnels of the sessions behind it.
bool SshWorker::stepJump(const SessionPtr& s)
{
    if (s->readable || (ssh_get_poll_flags(s->ssh) & SSH_WRITE_PENDING)) {
        s->readable = false;
        ssh_event_dopoll(s->event, 0); // reads into the channels (callbacks) and flushes pending writes
    }
    if (!ssh_is_connected(s->ssh)) {
        failSession(s, HostStatus::Unreachable, QStringLiteral("connection lost: %1").arg(s->lastError()));
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
        failSession(s, HostStatus::Unreachable, QStringLiteral("connection lost: %1").arg(s->lastError()));
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
        if (!r->admitted) {
            if (r->ticket == 0) {
                requestSlot(r); // in this jump host's window and the shared one
            }
            return false;
        }
        r->tunnel = std::make_unique<JumpTunnel>();
        r->tunnel->channel = ssh_channel_new(via.ssh);
        r->deadline = QDeadlineTimer(r->connectTimeoutMs);
        if (!r->tunnel->channel) {
            failSession(r, HostStatus::Unreachable,
                QStringLiteral("jump host %1: cannot create a channel: %2").arg(via.host, via.lastError()));
            return true;
        }
    }
    if (!r->tunnel) {
        return false;
    }
    JumpTunnel& t = *r->tunnel;
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
            const QString message
                = QStringLiteral("jump host %1 cannot reach %2: %3").arg(via.host, r->where(), via.lastError());
            if (!busyRefusal(via.lastError()) || !retryLater(r, message)) {
                failSession(r, HostStatus::Unreachable, message);
            }
            return true;
        }
        t.open = true;
        t.attachCallbacks();
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
    return t.pump();
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
    case SshSession::State::Queued:
    case SshSession::State::Backoff:
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
                    .arg(s->where(), s->ip.toString(), QString::fromLocal8Bit(strerror(error))));
            return false;
        }
        startHandshake(s);
        return false;
    }
    case SshSession::State::Handshake: {
        const int rc = ssh_connect(s->ssh);
        SshSession::keepNonBlocking(int(ssh_get_fd(s->ssh)));
        if (rc == SSH_AGAIN) {
            return false;
        }
        if (rc != SSH_OK) {
            const QString message = QStringLiteral("%1: SSH handshake failed: %2").arg(s->where(), s->lastError());
            if (!droppedBeforeLogin(s->lastError()) || !retryLater(s, message)) {
                failSession(s, HostStatus::Unreachable, message);
            }
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
    SshSession::Helper helper;
    helper.channel = ssh_channel_new(s->ssh);
    helper.command = RemoteCommand::killProcessGroup(t.remotePid).toUtf8();
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
        failSession(s, HostStatus::Failed, QStringLiteral("connection lost: %1").arg(s->lastError()));
        return false;
    }
    return progress;
}

bool SshWorker::checkHostKey(const SessionPtr& s)
{
    const SshTransport::Options opts = options();
    SshAuth::Failure failure;
    switch (m_auth.checkHostKey(*s, &failure)) {
    case SshAuth::HostKey::Known:
        s->state = SshSession::State::Auth;
        announce(s, TaskPhase::LoggingIn);
        return true;
    case SshAuth::HostKey::Rejected:
        failSession(s, failure.status, failure.message);
        return false;
    case SshAuth::HostKey::Unknown:
        break;
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
        releaseSlot(*s, HandshakeAdmission::Outcome::Abandoned); // the operator's thinking holds no slot
        // The operator's thinking time is not the connection's: the deadline resumes with what was left.
        s->deadlineLeftMs = s->deadline.isForever() ? -1 : std::max<qint64>(0, s->deadline.remainingTime());
        announce(s, TaskPhase::WaitingForOperator);
        SshTransport::HostKeyQuestion q { s->host, s->target.address, s->target.port, s->keyType, s->fingerprint,
            s->knownHostsLabel };
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
    const SshAuth::Failure unknown = SshAuth::unknownHostKey(*s);
    failSession(s, unknown.status, unknown.message);
    return false;
}

void SshWorker::answerHostKey(const SessionPtr& s, bool accept)
{
    if (s->deadlineLeftMs >= 0) {
        s->deadline = QDeadlineTimer(s->deadlineLeftMs);
        s->deadlineLeftMs = -1;
    }
    announce(s, TaskPhase::LoggingIn);
    if (const std::optional<SshAuth::Failure> failure = m_auth.answerHostKey(*s, accept)) {
        failSession(s, failure->status, failure->message);
        return;
    }
    s->state = SshSession::State::Auth;
}

// Authentication order: none (to learn the methods), ssh-agent, identity files, password, keyboard-interactive.
bool SshWorker::stepAuth(const SessionPtr& s)
{
    const SshAuth::Step step = m_auth.authenticate(*s, options().useAgent);
    if (step.failure) {
        failSession(s, step.failure->status, step.failure->message);
        return false;
    }
    if (s->state == SshSession::State::Ready) {
        releaseSlot(*s, HandshakeAdmission::Outcome::Succeeded);
    }
    return step.progress;
}

// ---- running a task ------------------------------------------------------------------------------------------

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
    t.command = RemoteCommand::announcingPid(
        RemoteCommand::scriptCommand(script, t.work.account, s->user, t.work.parameters));
    t.input = script.script.toUtf8();
    t.channel = ssh_channel_new(s->ssh);
    if (!t.channel) {
        finishActive(s,
            HostResult::error(HostStatus::Failed, QStringLiteral("cannot create a channel: %1").arg(s->lastError())));
        return;
    }
    t.attachCallbacks();
    t.phase = SshTask::Phase::Opening;
}

void SshWorker::finishActive(const SessionPtr& s, const HostResult& result)
{
    report(*s->active, result);
    s->active->freeChannel();
    s->active.reset();
}

bool SshWorker::stepTask(const SessionPtr& s, SshTask& t)
{
    auto lost = [&] {
        const QString message = QStringLiteral("connection lost: %1").arg(s->lastError());
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
                HostResult::error(HostStatus::Failed, QStringLiteral("cannot open a channel: %1").arg(s->lastError())));
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
                    QStringLiteral("the server refused to run the command: %1").arg(s->lastError())));
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
    finishActive(s, t.outcome());
    return true;
}

void SshWorker::lendForPush(const SessionPtr& s, SshTask& t)
{
    auto job = std::make_shared<SftpPush>();
    job->ssh = s->ssh;
    job->fd = ssh_get_fd(s->ssh);
    job->host = s->host;
    job->loginUser = s->user;
    job->work = t.work;
    job->cancel = t.cancelled;
    job->renderer = t.renderer;
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
        std::shared_ptr<SftpPush::SharedContent> shared = m_pushContents.value(key).lock();
        if (!shared) {
            m_pushContents.removeIf([](const auto& entry) { return entry.value().expired(); });
            shared = std::make_shared<SftpPush::SharedContent>();
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
        const HostResult result = job->run(&connectionLost);
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
