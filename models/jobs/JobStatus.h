#pragma once

#include <QString>
#include <QStringView>
#include <optional>

// The statuses of hosts, steps and jobs as the event stream and every view name them. The names (hostStatusName
// etc.) are the stable strings of the JSON events; displayName() gives the translated words for people.

enum class HostStatus {
    Pending, // live only: queued for this step, not started yet
    Running, // live only
    Success,
    Failed, // the command ran and exited non-zero (or the transfer failed)
    TimedOut,
    Unreachable,
    AuthFailed,
    HostKeyRejected,
    Cancelled,
    Skipped, // excluded because the host failed an earlier step
    NotStarted, // the job stopped (failure policy, cancel) before this host's turn
    Interrupted, // the engine stopped (console crash) while the host ran: its outcome is unknown
};
inline constexpr int kHostStatusCount = int(HostStatus::Interrupted) + 1;

enum class StepStatus { Pending, Running, Succeeded, Failed, Cancelled, NotStarted, Interrupted };

enum class JobStatus { Running, Paused, WaitingForConfirmation, Cancelling, Succeeded, Failed, Cancelled, Interrupted };

enum class OutputStream { Stdout, Stderr };

QString hostStatusName(HostStatus status);
std::optional<HostStatus> parseHostStatus(QStringView name);
QString stepStatusName(StepStatus status);
std::optional<StepStatus> parseStepStatus(QStringView name);
QString jobStatusName(JobStatus status);
std::optional<JobStatus> parseJobStatus(QStringView name);
QString outputStreamName(OutputStream stream);
std::optional<OutputStream> parseOutputStream(QStringView name);

QString displayName(HostStatus status);
QString displayName(JobStatus status);

// A failure counts for the failure policy and is what "retry failed" runs again.
bool isFailure(HostStatus status);
// The host's turn in the step is over (everything but Pending and Running).
inline bool isFinal(HostStatus status)
{
    return status != HostStatus::Pending && status != HostStatus::Running;
}
// The job will not change any more unless an operator starts a new run (retry, re-run a step).
inline bool isFinal(JobStatus status)
{
    return status == JobStatus::Succeeded || status == JobStatus::Failed || status == JobStatus::Cancelled
        || status == JobStatus::Interrupted;
}
