#pragma once

#include "Backend.h"

#include <QPointer>
#include <QSet>

// What the console's job pages talk to while it moves from one backend to another (direct SSH → a server, or
// back to direct SSH while the server is unreachable): new work goes to `current`; the jobs `previous` was
// running at the switch are never moved — they keep running there, stay listed (merged into the history, newest
// first), watched and controlled through `previous` until they finish. A finished one drops out of the list at
// the next refresh (its history stays where it ran); when none is left, handoverFinished() tells the owner it
// can show `current` alone. Neither backend is owned.
class HandoverBackend : public Backend {
    Q_OBJECT
public:
    HandoverBackend(Backend* current, Backend* previous, const QSet<QString>& running, QObject* parent = nullptr);

    Backend* current() const { return m_current; }
    Backend* previous() const { return m_previous; }
    // Running, Paused, WaitingForConfirmation, Cancelling: what a switch hands over.
    static QList<JobStatus> unfinishedStatuses();
    // The previous backend's jobs that still run (as far as it last said).
    QSet<QString> handedOver() const { return m_running; }

    // The current backend's name and connection.
    QString displayName() const override;
    ConnectionState connectionState() const override;
    QString connectionError() const override;

    Result<QString> submit(const JobSpec& spec) override;
    Result<void> pause(const QString& jobId) override;
    Result<void> resume(const QString& jobId) override;
    Result<void> cancel(const QString& jobId) override;
    Result<void> confirmNextBatch(const QString& jobId) override;
    Result<void> retryFailed(const QString& jobId) override;
    Result<void> retryFailedAndNotStarted(const QString& jobId) override;
    Result<void> rerunStep(const QString& jobId, int step) override;
    Result<JobSubscription*> subscribe(const QString& jobId, qint64 afterSeq = 0, QObject* parent = nullptr) override;
    // The current backend's jobs and the handed-over ones that match. An error of the current backend is the
    // answer; the previous one's errors (an unreachable server) only leave its jobs out.
    Result<QList<JobSummary>> jobs(const JobFilter& filter = {}) override;
    Result<JobSummary> job(const QString& jobId) override;
    Result<QList<JobEvent>> events(const QString& jobId, qint64 afterSeq = 0, int limit = -1) override;
    Result<JobState> state(const QString& jobId) override;
    Result<QList<JobEvent>> hostOutput(
        const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit) override;

signals:
    void handoverFinished();

private:
    Backend* route(const QString& jobId) const;
    Result<void> unavailable() const;
    void onPreviousJobChanged(const QString& jobId);

    QPointer<Backend> m_current;
    QPointer<Backend> m_previous;
    QSet<QString> m_running;
};
