#pragma once

#include "core/Result.h"
#include "jobs/JobSpec.h"
#include "jobs/JobStatus.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>

// One entry of a job's event stream (docs/jobs.md). Every view of a job (live table, timeline, history, the CLI's
// output) is a fold of these; the store appends them as they happen and the server streams them. seq numbers
// start at 1 per job and grow by one with no gaps; time is UTC milliseconds since the epoch.
// A plain struct with the union of all fields: which ones a type uses is listed with the type.
struct JobEvent {
    enum class Type {
        JobCreated, // spec, by
        JobRerun, // run, mode, step (rerun-step only), hosts (the hosts the run may touch), by
        StepStarted, // step, run, hosts (to run), skipped (failed an earlier step), batchCount
        BatchStarted, // step, batch, hosts
        HostStarted, // step, batch, host, attempt
        HostOutput, // step, host, stream, chunk
        HostFinished, // step, batch, host, attempt, hostStatus, exitCode, durationMs, message
        BatchFinished, // step, batch
        StepFinished, // step, stepStatus
        JobWaiting, // step, batch (the next one), waitSeconds (0 with manual)
        JobConfirmed, // by: the next batch was confirmed (or a timed wait cut short)
        JobPaused, // by
        JobResumed, // by
        JobStopping, // message: the failure policy stopped the job; in-flight hosts finish
        JobCancelling, // by
        JobFinished, // jobStatus, message
        // step, batch, host, attempt, phase ("queued": waiting for a handshake slot; "connecting": the slot came;
        // "running": the command started; "retrying": a transient refusal is retried), message (retrying: what
        // happened, when the next try is). Only for hosts that waited for a slot.
        HostProgress,
        // A workflow run's own stream (docs/workflows.md "Events"): job.created (a spec without steps) is number
        // 1, then these; each host-touching node runs as a job of its own (nodeJob).
        WorkflowStarted, // workflowYaml, version, params, hosts (the workflow's targets), by
        NodeStarted, // node, attempt, nodeJob (host-touching nodes), hosts (targets), message
        NodeFinished, // node, attempt, outcome, hosts (succeeded), failedHosts, edges, exitCode, chunk (run-local),
                      // message
        ApprovalRequested, // node, message, approvers, waitSeconds (timeout, 0 = none), commentRequired
        ApprovalGiven, // node, decision ("approve"/"reject"), by, comment, message ("timed out …")
        WorkflowPaused, // by
        WorkflowResumed, // by
        WorkflowCancelling, // by
        WorkflowRerun, // node, action ("retry-node"/"rerun-from"), by
        WorkflowFinished, // outcome (succeeded/failed/cancelled/interrupted), message
    };
    enum class RerunMode { RetryFailed, RetryFailedAndNotStarted, RerunStep };

    Type type = Type::JobCreated;
    qint64 seq = 0;
    qint64 timeMs = 0;
    QString jobId;

    int run = 0;
    int step = -1;
    int batch = -1;
    QString host;
    int attempt = 0;
    OutputStream stream = OutputStream::Stdout;
    QByteArray chunk;
    HostStatus hostStatus = HostStatus::Pending;
    StepStatus stepStatus = StepStatus::Pending;
    JobStatus jobStatus = JobStatus::Running;
    int exitCode = -1; // -1: none (the process did not exit normally, or never ran)
    qint64 durationMs = 0;
    QString message;
    QString by; // the operator behind an intervention
    QString phase; // host.progress
    QStringList hosts;
    QStringList skipped;
    int batchCount = 0;
    int waitSeconds = 0;
    bool manual = false;
    RerunMode mode = RerunMode::RetryFailed;
    std::shared_ptr<const JobSpec> spec; // job.created
    // workflow events
    QString node;
    QString nodeJob; // node.started: the job that runs a host-touching node
    QString outcome; // node.finished, workflow.finished
    QStringList failedHosts; // node.finished (the succeeded ones are in `hosts`)
    QList<int> edges; // node.finished: the outgoing edges taken (indices into the workflow's edges)
    QStringList approvers;
    bool commentRequired = false;
    QString decision; // approval.given
    QString comment;
    QString action; // workflow.rerun
    QString workflowYaml; // workflow.started: the workflow as it ran
    int version = 0; // workflow.started: its store version (0 = not stored)
    QJsonObject params; // workflow.started: the parameters (secrets left out)

    static QString typeName(Type type); // "job.created", ...
    static std::optional<Type> parseType(QStringView name);
    static QString rerunModeName(RerunMode mode); // "retry-failed", "retry-failed-and-not-started", "rerun-step"
    // Whether an event of this type changes what a history list shows of its job (status, finish): backends
    // emit Backend::jobChanged for these.
    static bool changesJobStatus(Type type);
    // workflow.* , node.* and approval.*: the events of a workflow run's stream (JobState only counts them).
    static bool isWorkflowEvent(Type type) { return type >= Type::WorkflowStarted; }

    QJsonObject toJson() const;
    // One compact JSON line (no newline), the form of the store and the CLI's --json output.
    QByteArray toJsonLine() const;
    // Anything may arrive here (a damaged store, a peer): every field is checked; errors name the field.
    static Result<JobEvent> fromJson(const QJsonObject& json);
    static Result<JobEvent> fromJsonLine(const QByteArray& line);

    bool operator==(const JobEvent& other) const;
};
