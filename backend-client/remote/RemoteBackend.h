#pragma once

#include "Backend.h"
#include "remote/RemoteEventStream.h"
#include "remote/RemoteHttpClient.h"
#include "remote/RemoteOptions.h"

#include <QHash>
#include <QTimer>
#include <memory>

// The Backend of a control server (opsdeck-server, docs/api/openapi.yaml): jobs are submitted, controlled and read
// over its HTTP API; subscriptions are fed from its event WebSocket (RemoteEventStream: one connection, many
// subscriptions, reconnected by itself). Every call is synchronous with a bounded time (RemoteOptions::timeoutMs):
// the request goes to the HTTP client's own thread and this thread waits for it, without an event loop of its own
// (docs/architecture.md). Errors say what the server said, or what to do next when it cannot be reached or
// refuses the token. Use it on one thread.
class RemoteBackend : public Backend {
    Q_OBJECT
public:
    using StreamState = RemoteEventStream::ConnectionState;

    explicit RemoteBackend(const RemoteOptions& options, QObject* parent = nullptr);
    ~RemoteBackend() override;

    // Asks the server who we are (GET /api/v1/info): the role of the token, or the error (unreachable, 401 …).
    Result<QString> checkConnection();

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
    // The server keeps at most its newest 1,000 jobs in one list; filters it cannot apply are applied here.
    Result<QList<JobSummary>> jobs(const JobFilter& filter = {}) override;
    Result<JobSummary> job(const QString& jobId) override;
    Result<QList<JobEvent>> events(const QString& jobId, qint64 afterSeq = 0, int limit = -1) override;
    Result<JobState> state(const QString& jobId) override;
    Result<QList<JobEvent>> hostOutput(
        const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit) override;

    // The events as the server sent them (one JSON object each, as the store keeps them).
    Result<QList<QJsonObject>> eventObjects(const QString& jobId, qint64 afterSeq = 0, int limit = -1);
    // The one job whose id starts with `prefix` (the CLI takes abbreviated ids).
    Result<QString> resolveId(const QString& prefix);

    // The HTTP client, for the server's other read routes (GET /api/v1/hosts …).
    RemoteHttpClient& http() { return *m_http; }

    // The event stream's connection as it is (Connecting before the first connection is up).
    StreamState streamState() const;
    // The same for the status bar (Backend's states: Connecting counts as Connected — the connection was tested
    // before the backend was made — until it fails).
    ConnectionState connectionState() const override;
    QString connectionError() const override;
    // Drops the event stream's connection and makes it again (also after the token was refused).
    void reconnect();

signals:
    // Connecting, connected, reconnecting (with the last error) or unauthorized; `message` never contains the
    // token. Backend::connectionStateChanged follows with the status bar's state.
    void streamStateChanged(RemoteBackend::StreamState state, const QString& message);

private:
    Result<void> intervene(const QString& jobId, const QString& action, const QJsonObject& body = {});
    Result<JobSummary> summaryFrom(const QJsonObject& json) const;
    // Fills the step names (from each job's job.created event, cached: a job's steps never change).
    Result<void> fillStepNames(QList<JobSummary>* jobs);
    static QString jobPath(const QString& jobId);
    void pollHistory();
    // Every event of a job so far, for state() and hostOutput(): the job read last is kept (events never change,
    // so only the new ones are asked for), up to kCachedEvents.
    Result<QList<JobEvent>> allEvents(const QString& jobId);

    RemoteOptions m_options;
    QHash<QString, QStringList> m_stepNames;
    QTimer m_historyPoll;
    bool m_pollPending = false;
    bool m_polledOnce = false;
    QHash<QString, QString> m_seenStatus; // job id -> "status finishedAt" of the last poll
    QString m_cachedJob;
    QList<JobEvent> m_cachedEvents;
    // Declared in this order so that the HTTP client (and its thread) is gone before the stream its callbacks
    // run on.
    std::unique_ptr<RemoteEventStream> m_stream;
    std::unique_ptr<RemoteHttpClient> m_http;
};
