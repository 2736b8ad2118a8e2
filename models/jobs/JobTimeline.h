#pragma once

#include "jobs/JobEvent.h"
#include "jobs/JobStatus.h"

#include <QHash>
#include <QList>
#include <QStringList>

// What a job's timeline shows, folded from its events: one row per target host (in target order) with a bar per
// run of the host in a step, the batches the rows are grouped by, and the intervals the job waited between batches
// (timed or for a confirmation) or was paused. Incremental: an event touches only what it names, so a job of
// 10,000 hosts costs the same per event as one of ten. Qt Core only: the timeline widget paints it, tests read it.
// Events come after JobState has accepted them (in sequence, of one job); replayUntil() folds a stored history up
// to a moment, for scrubbing a finished job.
class JobTimeline {
public:
    // The legend's categories: what a bar's colour says.
    enum class Outcome { Succeeded, Failed, Running, Pending, Skipped };
    static constexpr int kOutcomeCount = 5;
    static Outcome outcomeOf(HostStatus status);

    struct Bar {
        int step = 0;
        int batch = -1;
        int run = 1;
        int attempt = 0;
        qint64 startMs = 0; // epoch ms
        qint64 endMs = -1; // -1: still running
        HostStatus status = HostStatus::Running;
        int exitCode = -1;
        bool operator==(const Bar&) const = default;
    };
    struct Row {
        QString host;
        int group = -1; // the batch the host first ran in (-1: not started yet)
        QList<Bar> bars; // in the order they started
        HostStatus status = HostStatus::Pending; // the host's outcome over the job (as JobState::hostSummary)
        int exitCode = -1;
        bool operator==(const Row&) const = default;
    };
    struct Group {
        int run = 1;
        int step = 0;
        int batch = 0;
        qint64 startMs = 0;
        qint64 endMs = -1; // -1: still running
        QList<int> rows; // the rows whose group this is, in target order
        bool operator==(const Group&) const = default;
    };
    struct Interval {
        enum class Kind { Wait, Pause };
        Kind kind = Kind::Wait;
        bool manual = false; // a wait for confirmation (an approval of the next batch)
        int step = -1;
        int batch = -1; // the batch a wait is before
        qint64 startMs = 0;
        qint64 endMs = -1; // -1: still open
        bool operator==(const Interval&) const = default;
    };

    void clear();
    void apply(const JobEvent& event);
    // The timeline as it was at `timeMs` (epoch ms): the events up to and including that moment.
    static JobTimeline replayUntil(const QList<JobEvent>& events, qint64 timeMs);
    // Events the timeline needs (everything but output): what a view keeps to replay a job.
    static bool isTimelineEvent(JobEvent::Type type);

    bool isEmpty() const { return m_originMs == 0; }
    bool isFinished() const { return m_finished; }
    qint64 originMs() const { return m_originMs; }
    qint64 lastEventMs() const { return m_lastEventMs; }
    int stepCount() const { return m_stepCount; }
    QStringList stepNames() const { return m_stepNames; } // for people, as the spec names them
    const QList<Row>& rows() const { return m_rows; }
    const QList<Group>& groups() const { return m_groups; }
    const QList<Interval>& intervals() const { return m_intervals; }
    int rowOf(const QString& host) const { return m_rowOf.value(host, -1); }
    // Time the host spent running (every bar; a running one up to `nowMs`).
    qint64 busyMs(int row, qint64 nowMs) const;
    // Grows with every change: a view rebuilds its row order only when it moved.
    quint64 revision() const { return m_revision; }

    bool operator==(const JobTimeline&) const = default;

private:
    void updateStatus(Row& row) const;
    void closeIntervals(Interval::Kind kind, qint64 timeMs);

    QList<Row> m_rows;
    QHash<QString, int> m_rowOf;
    QList<Group> m_groups;
    QHash<quint64, int> m_groupOf; // (run, step, batch) → group
    QList<Interval> m_intervals;
    int m_stepCount = 0;
    QStringList m_stepNames;
    int m_run = 1;
    qint64 m_originMs = 0;
    qint64 m_lastEventMs = 0;
    bool m_finished = false;
    quint64 m_revision = 0;
};
