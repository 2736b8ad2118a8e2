#pragma once

#include "core/Result.h"
#include "jobs/JobEvent.h"
#include "jobs/JobState.h"
#include "jobs/JobStatus.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

class Workspace;

// One row of the job history: what lists and searches show without reading the events. Kept up to date by
// JobEventWriter from the fold of the job's events (status, last_seq, finished_at), so it never says anything the
// events do not.
struct JobSummary {
    QString id;
    QString name;
    qint64 createdMs = 0; // UTC ms since the epoch (the time of job.created)
    QString createdBy;
    JobStatus status = JobStatus::Running;
    QString targetDescription;
    int hostCount = 0;
    QStringList stepNames; // JobStep::displayName() of each step: what "script" searches match
    qint64 finishedMs = 0; // 0 while not finished
    qint64 lastSeq = 0;
    QString runner; // the process that last ran the job (JobStore::currentRunner())
    bool operator==(const JobSummary&) const = default;
};

// A search of the history. Empty fields match everything; the result is newest first.
struct JobFilter {
    qint64 sinceMs = 0; // created at or after (0 = no bound)
    qint64 untilMs = 0; // created before (0 = no bound)
    QList<JobStatus> statuses; // any of them
    QString host; // the job targets this host (exact name)
    QString script; // substring (case-insensitive) of the job's name or a step name
    QString createdBy; // exact operator name
    QString idPrefix; // ids starting with this
    int limit = -1; // -1 = all
};

// The job history in the workspace (tables jobs, job_hosts, job_events; docs/architecture.md). Writing goes
// through JobEventWriter (batched, in order); this class reads, and on start-up marks the jobs whose program
// died as interrupted. Use it from the thread that opened the workspace.
class JobStore {
public:
    explicit JobStore(Workspace& workspace);

    Workspace& workspace() const { return m_workspace; }

    // The events of a job with seq > afterSeq, in order, at most `limit` (-1 = all).
    Result<QList<JobEvent>> events(const QString& jobId, qint64 afterSeq = 0, int limit = -1) const;
    // The same events exactly as stored (one compact JSON object each, JobEvent::toJsonLine()).
    Result<QList<QByteArray>> eventLines(const QString& jobId, qint64 afterSeq = 0, int limit = -1) const;
    Result<QList<JobSummary>> jobs(const JobFilter& filter = {}) const;
    // One job; an error naming the id when there is none.
    Result<JobSummary> job(const QString& jobId) const;
    // The id of the one job whose id starts with `prefix` (the CLI accepts abbreviated ids); an error when none
    // or several match.
    Result<QString> resolveId(const QString& prefix) const;
    // The fold of the stored events (JobState::replay). A job that another program is still running shows its
    // current state; a job whose program died shows interrupted once markInterrupted() has run.
    Result<JobState> state(const QString& jobId) const;
    // host.output events of one host in one step (-1: every step), skipping the first `offsetEvents`, at most
    // `limit` (-1 = all): the output view loads long output in windows.
    Result<QList<JobEvent>> hostOutput(
        const QString& jobId, int step, const QString& host, qint64 offsetEvents = 0, int limit = -1) const;
    Result<qint64> lastSeq(const QString& jobId) const;

    // Finds the unfinished jobs whose program is gone (crashed, killed, closed while the job ran) and appends to
    // each the job.finished event with status interrupted that JobEngine::restore() would append, so that the
    // history says "interrupted" from the events alone. Jobs of a program that is still running (another
    // console or CLI on this machine) are left alone. Returns the ids marked.
    Result<QStringList> markInterrupted();
    // Marks one unfinished job interrupted now (its program is this one, which is giving it up), with `message`.
    Result<void> markInterrupted(const QString& jobId, const QString& message);

    // Who runs jobs in this process: "BOOT_ID/PID/START_TICKS@HOST". Stored with every job a writer touches.
    static QString currentRunner();
    // Whether the program named by a runner string still runs (false for one on another boot or another host).
    static bool runnerAlive(const QString& runner);
    // "process 1234 on HOST" for messages.
    static QString describeRunner(const QString& runner);

private:
    Result<void> appendInterrupted(const QString& jobId, const QString& message);

    Workspace& m_workspace;
};
