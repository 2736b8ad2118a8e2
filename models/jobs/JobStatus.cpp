#include "JobStatus.h"

#include <QCoreApplication>

namespace {

template <typename E, int N> std::optional<E> parseName(QStringView name, const char* const (&names)[N])
{
    for (int i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i])) {
            return E(i);
        }
    }
    return std::nullopt;
}

const char* const kHostNames[] = { "pending", "running", "success", "failed", "timed-out", "unreachable", "auth-failed",
    "host-key-rejected", "cancelled", "skipped", "not-started", "interrupted" };
const char* const kStepNames[]
    = { "pending", "running", "succeeded", "failed", "cancelled", "not-started", "interrupted" };
const char* const kJobNames[] = { "running", "paused", "waiting-for-confirmation", "cancelling", "succeeded", "failed",
    "cancelled", "interrupted" };
const char* const kStreamNames[] = { "stdout", "stderr" };

static_assert(std::size(kHostNames) == kHostStatusCount);
static_assert(std::size(kStepNames) == int(StepStatus::Interrupted) + 1);
static_assert(std::size(kJobNames) == int(JobStatus::Interrupted) + 1);

} // namespace

QString hostStatusName(HostStatus status)
{
    return QLatin1String(kHostNames[int(status)]);
}
std::optional<HostStatus> parseHostStatus(QStringView name)
{
    return parseName<HostStatus>(name, kHostNames);
}
QString stepStatusName(StepStatus status)
{
    return QLatin1String(kStepNames[int(status)]);
}
std::optional<StepStatus> parseStepStatus(QStringView name)
{
    return parseName<StepStatus>(name, kStepNames);
}
QString jobStatusName(JobStatus status)
{
    return QLatin1String(kJobNames[int(status)]);
}
std::optional<JobStatus> parseJobStatus(QStringView name)
{
    return parseName<JobStatus>(name, kJobNames);
}
QString outputStreamName(OutputStream stream)
{
    return QLatin1String(kStreamNames[int(stream)]);
}
std::optional<OutputStream> parseOutputStream(QStringView name)
{
    return parseName<OutputStream>(name, kStreamNames);
}

QString displayName(HostStatus status)
{
    switch (status) {
    case HostStatus::Pending:
        return QCoreApplication::translate("JobStatus", "Pending");
    case HostStatus::Running:
        return QCoreApplication::translate("JobStatus", "Running");
    case HostStatus::Success:
        return QCoreApplication::translate("JobStatus", "Success");
    case HostStatus::Failed:
        return QCoreApplication::translate("JobStatus", "Failed");
    case HostStatus::TimedOut:
        return QCoreApplication::translate("JobStatus", "Timed out");
    case HostStatus::Unreachable:
        return QCoreApplication::translate("JobStatus", "Unreachable");
    case HostStatus::AuthFailed:
        return QCoreApplication::translate("JobStatus", "Authentication failed");
    case HostStatus::HostKeyRejected:
        return QCoreApplication::translate("JobStatus", "Host key rejected");
    case HostStatus::Cancelled:
        return QCoreApplication::translate("JobStatus", "Cancelled");
    case HostStatus::Skipped:
        return QCoreApplication::translate("JobStatus", "Skipped");
    case HostStatus::NotStarted:
        return QCoreApplication::translate("JobStatus", "Not started");
    case HostStatus::Interrupted:
        return QCoreApplication::translate("JobStatus", "Interrupted");
    }
    return {};
}

QString displayName(JobStatus status)
{
    switch (status) {
    case JobStatus::Running:
        return QCoreApplication::translate("JobStatus", "Running");
    case JobStatus::Paused:
        return QCoreApplication::translate("JobStatus", "Paused");
    case JobStatus::WaitingForConfirmation:
        return QCoreApplication::translate("JobStatus", "Waiting for confirmation");
    case JobStatus::Cancelling:
        return QCoreApplication::translate("JobStatus", "Cancelling");
    case JobStatus::Succeeded:
        return QCoreApplication::translate("JobStatus", "Succeeded");
    case JobStatus::Failed:
        return QCoreApplication::translate("JobStatus", "Failed");
    case JobStatus::Cancelled:
        return QCoreApplication::translate("JobStatus", "Cancelled");
    case JobStatus::Interrupted:
        return QCoreApplication::translate("JobStatus", "Interrupted");
    }
    return {};
}

bool isFailure(HostStatus status)
{
    switch (status) {
    case HostStatus::Failed:
    case HostStatus::TimedOut:
    case HostStatus::Unreachable:
    case HostStatus::AuthFailed:
    case HostStatus::HostKeyRejected:
    case HostStatus::Interrupted:
        return true;
    default:
        return false;
    }
}
