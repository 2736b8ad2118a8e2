#pragma once

#include "core/Result.h"
#include "jobs/JobEvent.h"
#include "jobs/JobSpec.h"
#include "jobs/JobStatus.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <array>

// The current state of a job as a fold of its events: the same events give the same state whether they are
// watched live or replayed from the store (the engine keeps its own state this way, so the two cannot drift).

// One host in one step. Reset when the step starts again for the host (a retry or re-run); the earlier attempt
// stays in the event history.
struct HostState {
    QString name;
    int step = -1;
    HostStatus status = HostStatus::Pending;
    int attempt = 0; // how often the host was started in this step
    int batch = -1; // batch index in the step's latest run
    int exitCode = -1;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    qint64 durationMs = 0;
    qint64 stdoutBytes = 0;
    qint64 stderrBytes = 0;
    QString message;
    // While running, from host.progress (only hosts that waited for a handshake slot have one): "queued",
    // "connecting" (the slot came), "running" (the command started); empty once it finished. retries: transient
    // refusals the transport retried in this run.
    QString phase;
    int retries = 0;
    qint64 lastSeq = 0; // the event that last changed the status
    bool operator==(const HostState&) const = default;
};

struct HostCounts {
    std::array<int, kHostStatusCount> byStatus {};
    int total = 0;
    int of(HostStatus status) const { return byStatus[size_t(status)]; }
    int failures() const; // every status isFailure() counts
    int finished() const; // every final status
    // Hosts that ran and are done: final, but not the ones that never started (not started, skipped).
    int done() const;
    bool operator==(const HostCounts&) const = default;
};

struct BatchState {
    int run = 0;
    int index = 0;
    QStringList hosts;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    bool finished = false;
    int succeeded = 0; // at batch.finished
    int failed = 0; // failures at batch.finished
    bool operator==(const BatchState&) const = default;
};

struct StepState {
    int index = 0;
    QStringList targets; // every host of the step, in order
    QHash<QString, HostState> hosts; // by name, one per target
    StepStatus status = StepStatus::Pending;
    int run = 0; // the run that last started the step
    QStringList runHosts; // hosts the latest run started the step for
    int batchCount = 0; // batches of the latest run
    QList<BatchState> batches; // all runs, in order
    qint64 startedMs = 0;
    qint64 finishedMs = 0;

    HostCounts counts() const;
    bool operator==(const StepState&) const = default;
};

class JobState {
public:
    // Folds a whole history; the first problem (a gap, an event that does not fit) is the error.
    static Result<JobState> replay(const QList<JobEvent>& events);
    // The state as it was at `timeMs` (epoch ms): the events up to and including that moment (replaying a finished
    // job at a point of its timeline).
    static Result<JobState> replayUntil(const QList<JobEvent>& events, qint64 timeMs);

    // Applies the next event. Sequence numbers must follow on (last + 1) and the first event must be job.created;
    // otherwise nothing changes and the error says what is wrong.
    Result<void> apply(const JobEvent& event);
    // For a job that is not live (loaded after a restart): when its last event is not job.finished, it ends as
    // Interrupted, exactly as if job.finished with status interrupted had been applied (running hosts become
    // Interrupted, pending ones Not started). Returns whether it changed anything.
    bool markInterruptedIfUnfinished();

    bool isEmpty() const { return m_lastSeq == 0; }
    bool isFinished() const { return m_finished; }
    JobStatus status() const;
    QString jobId() const { return m_jobId; }
    const JobSpec& spec() const { return m_spec; }
    const QStringList& allTargets() const { return m_allTargets; } // spec().allTargets(), computed once
    qint64 lastSeq() const { return m_lastSeq; }
    qint64 createdMs() const { return m_createdMs; }
    qint64 finishedMs() const { return m_finishedMs; }
    qint64 lastEventMs() const { return m_lastEventMs; }
    int run() const { return m_run; }
    int currentStep() const { return m_currentStep; } // -1 between steps
    const QList<StepState>& steps() const { return m_steps; }
    // The step-level state of a host (nullptr when the host is no target of the step).
    const HostState* host(int step, const QString& name) const;
    bool isStopping() const { return m_stopping; }
    QString stopReason() const { return m_stopReason; }
    QString message() const { return m_message; } // of job.finished
    bool isWaiting() const { return m_waiting; }
    bool isWaitManual() const { return m_waitManual; }
    int waitSeconds() const { return m_waitSeconds; }
    qint64 waitStartedMs() const { return m_waitStartedMs; }
    // The batch a wait is before: its step, index (0-based), the step's batch count and the batch's host count
    // (the step's plan over the hosts of its latest run, as the engine cut them).
    int waitStep() const { return m_waitStep; }
    int waitBatch() const { return m_waitBatch; }
    int waitBatchCount() const { return m_waitBatchCount; }
    int waitBatchHosts() const { return m_waitBatchHosts; }

    // A host's outcome for the whole job: its first step (in step order) that did not succeed, or its last step
    // when all did. Output bytes are summed over the steps.
    HostState hostSummary(const QString& name) const;
    QList<HostState> hostSummaries() const; // in spec.allTargets() order
    HostCounts counts() const; // over the summaries
    // The hosts a retry runs again, in target order: those with a failure in any step; with `andNotStarted` also
    // those a step did not reach or cancelled (JobEngine::retryFailed / retryFailedAndNotStarted).
    QStringList retryHosts(bool andNotStarted) const;
    // The hosts a re-run of `step` runs (its targets that passed every earlier step).
    QStringList rerunHosts(int step) const;

    bool operator==(const JobState&) const = default;

private:
    StepState* stepAt(int index);
    void finishAll(JobStatus status, qint64 timeMs, qint64 seq, const QString& message);

    QString m_jobId;
    JobSpec m_spec;
    QStringList m_allTargets;
    QList<StepState> m_steps;
    qint64 m_lastSeq = 0;
    qint64 m_createdMs = 0;
    qint64 m_finishedMs = 0;
    qint64 m_lastEventMs = 0;
    int m_run = 0;
    int m_currentStep = -1;
    bool m_finished = false;
    JobStatus m_finalStatus = JobStatus::Running;
    bool m_paused = false;
    bool m_cancelling = false;
    bool m_stopping = false;
    QString m_stopReason;
    QString m_message;
    bool m_waiting = false;
    bool m_waitManual = false;
    int m_waitSeconds = 0;
    qint64 m_waitStartedMs = 0;
    int m_waitStep = -1;
    int m_waitBatch = -1;
    int m_waitBatchCount = 0;
    int m_waitBatchHosts = 0;
};
