#pragma once

#include "core/Result.h"
#include "jobs/JobEvent.h"
#include "jobs/JobSpec.h"
#include "jobs/JobState.h"
#include "jobs/JobStore.h"

#include <QList>
#include <QObject>
#include <QString>

// A view's subscription to one job's events (Backend::subscribe()): jobEvent() delivers every event after the
// requested sequence number exactly once and in order — the stored ones first, then the live ones as they
// happen. Deleting the object ends the subscription. (Not called event(): that would hide QObject::event().)
class JobSubscription : public QObject {
    Q_OBJECT
public:
    JobSubscription(QString jobId, qint64 afterSeq, QObject* parent = nullptr)
        : QObject(parent)
        , m_jobId(std::move(jobId))
        , m_lastSeq(afterSeq)
    {
    }
    QString jobId() const { return m_jobId; }
    // The last event delivered (the afterSeq given until the first one).
    qint64 lastSeq() const { return m_lastSeq; }

    // For backends: delivers `event` if it is the next one. Returns false when it is not (a gap: the backend
    // must deliver the missing ones first); an event already delivered is ignored (true).
    bool deliver(const JobEvent& event)
    {
        if (event.seq <= m_lastSeq) {
            return true;
        }
        if (event.seq != m_lastSeq + 1) {
            return false;
        }
        m_lastSeq = event.seq;
        emit jobEvent(event);
        return true;
    }

signals:
    void jobEvent(const JobEvent& event);
    // The events could not be read (a damaged store, a lost connection); `message` says what to do.
    void failed(const QString& message);

private:
    QString m_jobId;
    qint64 m_lastSeq = 0;
};

// What the GUI and the CLI talk to, without knowing which backend it is: the in-process engine over direct SSH
// (DirectBackend) or, later, the control server. Every call returns at once; job progress arrives as events.
// Interventions are recorded with the backend's operator name.
class Backend : public QObject {
    Q_OBJECT
public:
    // How the backend reaches what runs the jobs: Local (in this process: DirectBackend, always), Connected to a
    // server, Reconnecting after the connection was lost (it keeps retrying by itself; connectionError() says
    // what failed last), Unauthorized (the server refused the token: retrying will not help).
    enum class ConnectionState { Local, Connected, Reconnecting, Unauthorized };
    Q_ENUM(ConnectionState)

    using QObject::QObject;

    virtual ConnectionState connectionState() const { return ConnectionState::Local; }
    // The last connection error (translated), for Reconnecting and Unauthorized; empty otherwise.
    virtual QString connectionError() const { return {}; }

    // Who the interventions that follow are recorded as (job.paused "by" …): a server acting for the token of a
    // request sets it around its calls; empty: the backend's own operator. A backend that records its caller
    // itself (the remote one: the server knows the token) ignores it.
    virtual void setActingOperator(const QString& name) { Q_UNUSED(name); }

    // "Direct SSH", "Server https://…" (translated).
    virtual QString displayName() const = 0;

    // Starts a job; returns its id (the spec's own when it has one). Errors: an invalid spec, no way to reach
    // hosts.
    virtual Result<QString> submit(const JobSpec& spec) = 0;
    virtual Result<void> pause(const QString& jobId) = 0;
    virtual Result<void> resume(const QString& jobId) = 0;
    virtual Result<void> cancel(const QString& jobId) = 0;
    virtual Result<void> confirmNextBatch(const QString& jobId) = 0;
    virtual Result<void> retryFailed(const QString& jobId) = 0;
    virtual Result<void> retryFailedAndNotStarted(const QString& jobId) = 0;
    virtual Result<void> rerunStep(const QString& jobId, int step) = 0;

    // The events of a job after `afterSeq`: the stored ones are delivered from the event loop (connect first),
    // then live ones as they happen, with no gap and no duplicate. The caller owns the subscription (or gives a
    // parent). Errors: no such job.
    virtual Result<JobSubscription*> subscribe(const QString& jobId, qint64 afterSeq = 0, QObject* parent = nullptr)
        = 0;

    // History.
    virtual Result<QList<JobSummary>> jobs(const JobFilter& filter = {}) = 0;
    virtual Result<JobSummary> job(const QString& jobId) = 0;
    virtual Result<QList<JobEvent>> events(const QString& jobId, qint64 afterSeq = 0, int limit = -1) = 0;
    // The fold of all events so far (live jobs included).
    virtual Result<JobState> state(const QString& jobId) = 0;
    // Output of one host in windows (host.output events; step -1 = every step).
    virtual Result<QList<JobEvent>> hostOutput(
        const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit)
        = 0;

signals:
    // A job was submitted, or changed its status (started, paused, finished …): history lists refresh.
    void jobChanged(const QString& jobId);
    // Something the operator must know that belongs to no call (the store cannot be written …).
    void problem(const QString& message);
    // connectionState() or connectionError() changed (never emitted by a Local backend).
    void connectionStateChanged(Backend::ConnectionState state, const QString& error);
};
