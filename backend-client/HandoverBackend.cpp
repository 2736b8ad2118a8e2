#include "HandoverBackend.h"

#include <QCoreApplication>
#include <algorithm>

HandoverBackend::HandoverBackend(Backend* current, Backend* previous, const QSet<QString>& running, QObject* parent)
    : Backend(parent)
    , m_current(current)
    , m_previous(previous)
    , m_running(running)
{
    if (m_current) {
        connect(m_current, &Backend::jobChanged, this, &Backend::jobChanged);
        connect(m_current, &Backend::problem, this, &Backend::problem);
        connect(m_current, &Backend::connectionStateChanged, this, &Backend::connectionStateChanged);
    }
    if (m_previous) {
        connect(m_previous, &Backend::jobChanged, this, &HandoverBackend::onPreviousJobChanged);
        connect(m_previous, &Backend::problem, this, &Backend::problem);
    }
}

void HandoverBackend::onPreviousJobChanged(const QString& jobId)
{
    if (!m_running.contains(jobId)) {
        return;
    }
    emit jobChanged(jobId);
    const auto summary = m_previous ? m_previous->job(jobId) : Result<JobSummary>(Error(QString()));
    if (!summary || isFinal(summary->status)) {
        m_running.remove(jobId);
        if (m_running.isEmpty()) {
            emit handoverFinished();
        }
    }
}

QList<JobStatus> HandoverBackend::unfinishedStatuses()
{
    return { JobStatus::Running, JobStatus::Paused, JobStatus::WaitingForConfirmation, JobStatus::Cancelling };
}

Backend* HandoverBackend::route(const QString& jobId) const
{
    return m_running.contains(jobId) ? m_previous.data() : m_current.data();
}

Result<void> HandoverBackend::unavailable() const
{
    return Error(QCoreApplication::translate("HandoverBackend", "the backend of this job is gone"));
}

QString HandoverBackend::displayName() const
{
    return m_current ? m_current->displayName() : QString();
}

Backend::ConnectionState HandoverBackend::connectionState() const
{
    return m_current ? m_current->connectionState() : ConnectionState::Local;
}

QString HandoverBackend::connectionError() const
{
    return m_current ? m_current->connectionError() : QString();
}

Result<QString> HandoverBackend::submit(const JobSpec& spec)
{
    if (!m_current) {
        return unavailable().error();
    }
    return m_current->submit(spec);
}

// Every per-job call goes to the backend that runs the job.
#define OPSDECK_ROUTE(call)                                                                                            \
    Backend* b = route(jobId);                                                                                         \
    if (!b) {                                                                                                          \
        return unavailable().error();                                                                                  \
    }                                                                                                                  \
    return b->call

Result<void> HandoverBackend::pause(const QString& jobId)
{
    OPSDECK_ROUTE(pause(jobId));
}
Result<void> HandoverBackend::resume(const QString& jobId)
{
    OPSDECK_ROUTE(resume(jobId));
}
Result<void> HandoverBackend::cancel(const QString& jobId)
{
    OPSDECK_ROUTE(cancel(jobId));
}
Result<void> HandoverBackend::confirmNextBatch(const QString& jobId)
{
    OPSDECK_ROUTE(confirmNextBatch(jobId));
}
Result<void> HandoverBackend::retryFailed(const QString& jobId)
{
    OPSDECK_ROUTE(retryFailed(jobId));
}
Result<void> HandoverBackend::retryFailedAndNotStarted(const QString& jobId)
{
    OPSDECK_ROUTE(retryFailedAndNotStarted(jobId));
}
Result<void> HandoverBackend::rerunStep(const QString& jobId, int step)
{
    OPSDECK_ROUTE(rerunStep(jobId, step));
}
Result<JobSubscription*> HandoverBackend::subscribe(const QString& jobId, qint64 afterSeq, QObject* parent)
{
    OPSDECK_ROUTE(subscribe(jobId, afterSeq, parent));
}
Result<JobSummary> HandoverBackend::job(const QString& jobId)
{
    OPSDECK_ROUTE(job(jobId));
}
Result<QList<JobEvent>> HandoverBackend::events(const QString& jobId, qint64 afterSeq, int limit)
{
    OPSDECK_ROUTE(events(jobId, afterSeq, limit));
}
Result<JobState> HandoverBackend::state(const QString& jobId)
{
    OPSDECK_ROUTE(state(jobId));
}
Result<QList<JobEvent>> HandoverBackend::hostOutput(
    const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit)
{
    OPSDECK_ROUTE(hostOutput(jobId, step, host, offsetEvents, limit));
}

#undef OPSDECK_ROUTE

Result<QList<JobSummary>> HandoverBackend::jobs(const JobFilter& filter)
{
    if (!m_current) {
        return unavailable().error();
    }
    auto list = m_current->jobs(filter);
    if (!list) {
        return list;
    }
    QList<JobSummary> merged = *list;
    if (m_previous && !m_running.isEmpty()) {
        // Only unfinished jobs are handed over: the previous backend is asked for those alone (a finished one
        // leaves m_running with the jobChanged that says so).
        JobFilter theirs = filter;
        theirs.limit = -1;
        theirs.statuses.clear();
        for (const JobStatus s : unfinishedStatuses()) {
            if (filter.statuses.isEmpty() || filter.statuses.contains(s)) {
                theirs.statuses.append(s);
            }
        }
        auto previous
            = theirs.statuses.isEmpty() ? Result<QList<JobSummary>>(QList<JobSummary>()) : m_previous->jobs(theirs);
        if (previous) {
            for (const JobSummary& j : *previous) {
                if (m_running.contains(j.id)) {
                    merged.append(j);
                }
            }
        }
        std::stable_sort(merged.begin(), merged.end(),
            [](const JobSummary& a, const JobSummary& b) { return a.createdMs > b.createdMs; });
        if (filter.limit >= 0 && merged.size() > filter.limit) {
            merged.resize(filter.limit);
        }
    }
    return merged;
}
