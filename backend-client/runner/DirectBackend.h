#pragma once

#include "Backend.h"
#include "jobs/EventSink.h"
#include "jobs/JobEngine.h"
#include "jobs/JobEventWriter.h"
#include "jobs/JobStore.h"

#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <map>
#include <memory>

class JobLauncher;
class Transport;
class Workspace;

// The backend that runs jobs in this process (the direct-SSH fallback): one JobEngine per job over the injected
// Transport (the libssh one in the console, a fake in tests), its events appended to the workspace by a
// JobEventWriter and fanned out live to subscriptions. Jobs of earlier runs are read from the store; retrying
// one of them restores its engine from the stored events. Jobs that another program on this machine is running
// are shown from the store (re-read every pollMs) but cannot be controlled here.
//
// Closing (destroying) the backend while jobs run ends them as interrupted in the store; the transport's owner
// decides what happens to the remote processes. Use it on the workspace's thread; it must not outlive the
// workspace or the transport.
class DirectBackend : public Backend {
    Q_OBJECT
public:
    struct Options {
        QString operatorName; // recorded with jobs and interventions; empty = the OS login name
        JobEngine::Options engine;
        int pollMs = 250; // how often subscriptions to jobs of another program re-read the store
        // Makes each job runnable before it starts (targets, credentials; see JobLauncher); null = the transport
        // is configured by its owner (tests with a fake transport or fixed targets).
        JobLauncher* launcher = nullptr;
        // Why jobs still running when this backend is destroyed were interrupted (stored with job.finished).
        QString closeReason = QStringLiteral("the job was interrupted: the console was closed while it ran; hosts "
                                             "that were running have an unknown outcome");
    };

    // Opens the job history of `workspace`: jobs whose program died are marked interrupted first
    // (interruptedOnOpen()). `transport` may be null: the history can be read, but nothing can run.
    static Result<std::unique_ptr<DirectBackend>> open(
        Workspace& workspace, Transport* transport, const Options& options);
    static Result<std::unique_ptr<DirectBackend>> open(Workspace& workspace, Transport* transport)
    {
        return open(workspace, transport, Options());
    }
    ~DirectBackend() override;

    QString displayName() const override;
    Result<QString> submit(const JobSpec& spec) override;
    Result<void> pause(const QString& jobId) override;
    Result<void> resume(const QString& jobId) override;
    Result<void> cancel(const QString& jobId) override;
    Result<void> confirmNextBatch(const QString& jobId) override;
    Result<void> retryFailed(const QString& jobId) override;
    Result<void> retryFailedAndNotStarted(const QString& jobId) override;
    Result<void> rerunStep(const QString& jobId, int step) override;
    Result<JobSubscription*> subscribe(const QString& jobId, qint64 afterSeq = 0, QObject* parent = nullptr) override;
    Result<QList<JobSummary>> jobs(const JobFilter& filter = {}) override;
    Result<JobSummary> job(const QString& jobId) override;
    Result<QList<JobEvent>> events(const QString& jobId, qint64 afterSeq = 0, int limit = -1) override;
    Result<JobState> state(const QString& jobId) override;
    Result<QList<JobEvent>> hostOutput(
        const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit) override;

    QString operatorName() const { return m_options.operatorName; }
    void setActingOperator(const QString& name) override { m_actingOperator = name; }
    QStringList interruptedOnOpen() const { return m_interruptedOnOpen; }
    // Whether this backend runs the job now (its engine is here and not finished).
    bool isRunningHere(const QString& jobId) const;
    // An orderly stop (the server's SIGTERM): every job running here is paused by `by` — hosts in flight go on
    // to their end, nothing new starts. Returns the ids of the jobs that were running.
    QStringList drain(const QString& by);
    // Hosts whose command or transfer is in flight now, over every job running here.
    int runningHostCount() const;
    JobStore& store() { return m_store; }
    JobEventWriter& writer() { return m_writer; }

private:
    DirectBackend(Workspace& workspace, Transport* transport, const Options& options);
    // Who an intervention is recorded as: the acting operator when one is set, else this backend's.
    QString actor() const { return m_actingOperator.isEmpty() ? m_options.operatorName : m_actingOperator; }

    struct FanOut : EventSink {
        DirectBackend* backend = nullptr;
        void append(const JobEvent& event) override { backend->onLiveEvent(event); }
    };

    JobEngine* engineOf(const QString& jobId) const;
    Result<JobEngine*> runningEngine(const QString& jobId);
    Result<JobEngine*> engineForRerun(const QString& jobId);
    Result<void> prepare(const JobSpec& spec);
    std::unique_ptr<JobEngine> makeEngine(const JobSpec& spec);
    Result<QList<JobEvent>> readEvents(const QString& jobId, qint64 afterSeq, int limit);
    void onLiveEvent(const JobEvent& event);
    void catchUp(JobSubscription* subscription);
    void poll();
    void updatePolling();

    Workspace& m_workspace;
    QPointer<Transport> m_transport;
    Options m_options;
    QString m_actingOperator;
    JobStore m_store;
    JobEventWriter m_writer;
    FanOut m_fanOut;
    std::map<QString, std::unique_ptr<JobEngine>> m_engines;
    QList<QPointer<JobSubscription>> m_subscriptions;
    QSet<const JobSubscription*> m_catchingUp; // reading stored events page by page (the next page is queued)
    QTimer m_poll;
    QStringList m_interruptedOnOpen;
};
