#pragma once

#include "jobs/EventSink.h"
#include "jobs/JobEvent.h"
#include "jobs/JobState.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class Workspace;

// The store's EventSink: appends the events of any number of jobs to the workspace (tables jobs, job_hosts,
// job_events) in batched transactions, and keeps each job's history row (status, last_seq, finished_at) equal to
// the fold of its events.
//
// append() only buffers. The buffer is written in one transaction every flushIntervalMs (100 ms), at once on
// job.created, job.paused, job.waiting and job.finished (an operator who pauses or a job that ends must be in the
// store right away), on flush() and on destruction. A console that crashes or is killed loses at most the events
// of the last interval: committed transactions survive a killed process (SQLite WAL; synchronous=NORMAL can
// only lose them on a power failure). A failed write keeps the events, is retried every second, and is reported
// through writeFailed() — never dropped silently. An event that does not continue its job's stream (a job whose
// job.created is not stored, a duplicate or a gap) is refused and reported the same way, so stored streams always
// replay.
//
// Must not outlive the workspace; use it on the workspace's thread.
class JobEventWriter : public QObject, public EventSink {
    Q_OBJECT
public:
    explicit JobEventWriter(Workspace& workspace, QObject* parent = nullptr);
    ~JobEventWriter() override;

    void append(const JobEvent& event) override;
    // Writes the buffer now. An error is also reported through writeFailed(); the events stay buffered.
    Result<void> flush();

    void setFlushInterval(int ms) { m_interval.setInterval(ms); }
    int pendingCount() const { return int(m_buffer.size()); }
    // The buffered (not yet stored) events of a job after `afterSeq`: readers add them to what the store gives,
    // so that a failing disk does not hide live events.
    QList<JobEvent> pending(const QString& jobId, qint64 afterSeq = 0) const;
    // Transactions committed so far (the tests check that writes are batched).
    int transactionCount() const { return m_transactions; }

signals:
    // A write failed; `message` says what and what to do. Emitted when a failure starts or its cause changes.
    void writeFailed(const QString& message);
    // Writing works again after a failure: everything buffered meanwhile is stored.
    void writeRecovered();
    // Events up to `lastSeq` of `jobId` are stored.
    void flushed(const QString& jobId, qint64 lastSeq);

private:
    Result<void> write();
    Result<void> writeJobRow(const JobEvent& created);
    const JobState* foldFor(const JobEvent& event, QString* problem);

    Workspace& m_workspace;
    QList<JobEvent> m_buffer;
    QTimer m_interval; // the regular flush
    QTimer m_retry; // after a failure
    int m_transactions = 0;
    QString m_failure; // the current failure, empty when writing works
    // The fold of each job seen, for its history row. Jobs that started in an earlier program are loaded from
    // the store when their first event arrives here.
    QHash<QString, JobState> m_states;
};
