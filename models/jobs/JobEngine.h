#pragma once

#include "core/Result.h"
#include "jobs/EventSink.h"
#include "jobs/JobSpec.h"
#include "jobs/JobState.h"
#include "jobs/Transport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <optional>

// Runs one job over a Transport, in the owner's event loop: steps in order, each step's hosts in rolling batches
// with at most `concurrency` in flight, the failure policy checked after every host, waits or manual
// confirmations between batches, per-host timeouts, and the operator's interventions. Every change is an event
// (JobEvent) given to the sinks and folded into state(); nothing else is observable, so a replay of the events
// shows exactly what was seen live. docs/jobs.md describes the semantics.
class JobEngine : public QObject {
    Q_OBJECT
public:
    struct Options {
        // Output chunks of a host are gathered for this long (or up to outputFlushBytes) into one host.output
        // event: far fewer events for chatty scripts. 0 = one event per chunk the transport reports.
        int outputFlushMs = 100;
        int outputFlushBytes = 64 * 1024;
        // After cancel() or a timeout, how long to wait for the transport's finished() before recording the host
        // as Cancelled/TimedOut anyway.
        int cancelGraceMs = 10'000;
    };

    JobEngine(JobSpec spec, Transport* transport, QObject* parent = nullptr);
    ~JobEngine() override;

    void setOptions(const Options& options) { m_options = options; }
    const Options& options() const { return m_options; }
    void addSink(EventSink* sink);
    void removeSink(EventSink* sink);

    // Emits job.created and starts the first batch. Errors: an invalid spec, already started.
    Result<void> start(const QString& by = {});
    // Adopts the events of an earlier engine (loaded from the store after a restart) instead of start(): a job
    // left unfinished gets job.finished with status interrupted; afterwards retries and re-runs work as usual.
    Result<void> restore(const QList<JobEvent>& history);

    // Interventions. Each returns an error (shown to the operator) when it does not apply in the current state.
    Result<void> pause(const QString& by = {}); // in-flight hosts finish, nothing new starts
    Result<void> resume(const QString& by = {});
    Result<void> cancel(const QString& by = {}); // in-flight hosts are cancelled through the transport
    Result<void> confirmNextBatch(const QString& by = {}); // ends a manual (or timed) wait between batches
    // After the job finished: a new run in the same stream for the failed hosts (and the not started or cancelled
    // ones), from the first step they did not pass through the remaining steps.
    Result<void> retryFailed(const QString& by = {});
    Result<void> retryFailedAndNotStarted(const QString& by = {});
    // After the job finished: runs one step again on all its hosts (except those that failed an earlier step).
    Result<void> rerunStep(int step, const QString& by = {});

    bool isRunning() const { return m_phase == Phase::Running; }
    const JobState& state() const { return m_state; }
    const JobSpec& spec() const { return m_spec; }
    QString jobId() const { return m_spec.id; }
    int inFlightCount() const { return int(m_inFlight.size()); }

    // The exact hosts of each batch of a step before launch (what start() will do when every host passes the
    // earlier steps).
    static QList<QStringList> previewBatches(const JobSpec& spec, int step) { return spec.batchPreview(step); }

signals:
    void finished(JobStatus status);

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    enum class Phase { Idle, Running, Finished };
    enum class Wait { None, Waiting, Done };
    struct InFlight {
        HostTask task;
        int batch = -1;
        // The host's time: running while the host is not waiting for an operator's answer (a host key) or for a
        // handshake slot (queued); the timeout counts the same time, so a timed-out host's duration is never
        // below its timeout.
        QElapsedTimer clock; // since the last (re)start; invalid while held
        qint64 heldMs = 0; // counted before that
        TaskPhase phase = TaskPhase::Starting;
        QString progress; // the phase of the last host.progress posted ("queued", "connecting", "running")
        int timeoutTimer = 0;
        int graceTimer = 0;
        bool cancelRequested = false;
        bool timedOut = false;
        OutputStream bufferStream = OutputStream::Stdout;
        QByteArray buffer;
    };

    void post(JobEvent& event);
    void pump();
    void advance();
    void startRun(const QList<int>& steps, std::optional<QSet<QString>> hostFilter, bool skipSucceeded);
    QStringList candidatesFor(int step) const;
    bool failedEarlierStep(int step, const QString& host) const;
    bool beginNextStep();
    void beginBatch(int index);
    void finishBatch();
    void finishStep();
    void finishJob();
    void launch(const QString& host);
    void requestStop(const QString& host);
    void finalize(const QString& host, const HostResult& result);
    void flushOutput(InFlight& flight);
    void flushAllOutput();
    void killHostTimers(InFlight& flight);
    void stopTimer(int& id);
    Result<void> retry(JobEvent::RerunMode mode, const QString& by);
    Result<void> requireFinished() const;
    QList<int> allSteps() const;
    void onOutput(const HostTask& task, OutputStream stream, const QByteArray& chunk);
    void onFinished(const HostTask& task, const HostResult& result);
    void onPhaseChanged(const HostTask& task, TaskPhase phase);
    void onRetrying(const HostTask& task, const QString& message);
    void postProgress(const InFlight& flight, const QString& phase, const QString& message = {});
    static qint64 activeMs(const InFlight& flight);
    void armTimeout(InFlight& flight, const QString& host);

    JobSpec m_spec;
    QPointer<Transport> m_transport;
    QList<EventSink*> m_sinks;
    Options m_options;
    JobState m_state;
    Phase m_phase = Phase::Idle;

    // the current run
    int m_run = 0;
    QList<int> m_runSteps;
    int m_runStepPos = -1;
    std::optional<QSet<QString>> m_hostFilter;
    bool m_skipSucceeded = false;
    int m_runHostCount = 0;
    QSet<QString> m_runFailed;
    bool m_paused = false;
    bool m_cancelling = false;
    bool m_stopping = false;
    QString m_stopReason;

    // the current step and batch
    int m_step = -1;
    HostWork m_work;
    QList<QStringList> m_batches;
    int m_batch = -1;
    bool m_batchActive = false;
    int m_nextInBatch = 0;
    int m_batchFailed = 0;
    Wait m_wait = Wait::None;
    int m_waitTimer = 0;

    QHash<QString, InFlight> m_inFlight; // by host: one step runs at a time
    QHash<int, QString> m_timerHosts; // timeout and grace timers
    int m_flushTimer = 0;
    bool m_pumping = false;
    bool m_pumpAgain = false;
};
