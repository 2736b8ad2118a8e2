#pragma once

#include "jobs/Transport.h"
#include "ssh/HandshakeAdmission.h"
#include "ssh/SftpPush.h"
#include "ssh/SshAuth.h"
#include "ssh/SshRoute.h"
#include "ssh/SshTransport.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

class RateLimiter;
class SshTask;
struct SshSession;

// The transport's one worker thread: owns every libssh object (except a session while it is lent to a push) and
// runs the poll() loop that multiplexes all non-blocking sessions — connecting (name resolution on the pool, our
// own non-blocking TCP connect or a JumpTunnel), handshake, host key and authentication (SshAuth), script tasks on
// exec channels (SshTask), pushes lent to the pool (SftpPush), cancels and deadlines. The transport posts work to
// its mailbox from any thread; an eventfd wakes the loop.
class SshWorker : public QThread {
public:
    explicit SshWorker(SshTransport* owner);
    ~SshWorker() override; // shutdown()

    void post(std::function<void()> fn);
    // Stops the pushes, the pool and the loop; every session is closed, tasks still running are abandoned.
    void shutdown();
    void setPoolSize(int threads);

    // Called on the caller's thread.
    void submit(
        const HostTask& task, const HostWork& work, const SshRoute& route, SshTransport::TemplateRenderer renderer);
    void cancelTask(const HostTask& task);
    void closeIdle();

    std::atomic<int> sessionCount { 0 };
    std::atomic<int> connectionCount { 0 };

protected:
    void run() override;

private:
    struct Mailbox; // where a post() goes; shared with callbacks that may outlive the worker (a host-key answer)
    using SessionPtr = std::shared_ptr<SshSession>;

    void addTask(const HostTask& task, const HostWork& work, const SshRoute& route,
        const SshTransport::TemplateRenderer& renderer);
    SessionPtr jumpSession(const SshRoute::Jump& hop, const SessionPtr& via);
    // What names the sessions to a jump host (login, address, the hops before it), whichever of them carries a host.
    static QString jumpRouteKey(const SshRoute::Jump& hop, const QString& viaRoute);
    void initSession(const SessionPtr& s, const SshTarget& target, const SessionPtr& via);
    void cancelOnWorker(const HostTask& task);
    void closeIdleOnWorker();
    void beginConnect(const SessionPtr& s);
    // Admission control: asks for a handshake slot (direct sessions at once, tunnelled ones once their jump host
    // is ready), grants what the windows allow, starts what was granted, and gives slots back with the outcome.
    void requestSlot(const SessionPtr& s);
    void admitWaiting();
    void startAdmitted(const SessionPtr& s);
    void releaseSlot(SshSession& s, HandshakeAdmission::Outcome outcome);
    // A transient refusal (a reset before login, a refused channel through a jump host): true when the session
    // was set to retry after a backoff (the slot given back, the tasks told), false when its retries are used up.
    bool retryLater(const SessionPtr& s, const QString& why);
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
    void answerHostKey(const SessionPtr& s, bool accept);
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
    void closeConnection(SshSession& s); // frees the libssh session (and its socket), or our socket before it
    void flushOutput(SshTask& t);
    void report(SshTask& t, const HostResult& result);
    void checkDeadlines();
    SshTransport::Options options() const;

    SshTransport* m_owner;
    std::shared_ptr<Mailbox> m_mailbox;
    QThreadPool m_pool; // name resolution and pushes
    std::atomic<bool> m_stop { false };
    std::atomic<bool> m_down { false };
    QHash<QString, SessionPtr> m_sessions; // worker thread only
    SshAuth m_auth; // worker thread only
    HandshakeAdmission m_admission; // worker thread only
    QHash<quint64, std::weak_ptr<SshSession>> m_tickets; // worker thread only
    std::vector<SessionPtr> m_granted; // admitted, to be started by the loop (never from inside a step)
    QMutex m_pushMutex;
    QList<std::shared_ptr<SftpPush>> m_pushes;
    QHash<QString, std::weak_ptr<RateLimiter>> m_limiters; // by job id; used on the worker thread only
    QHash<QString, std::weak_ptr<SftpPush::SharedContent>> m_pushContents; // by "job/step"; worker thread only
};
