#pragma once

#include "ScheduleStore.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <functional>

class Backend;
class WorkflowRuns;
class Workspace;

// What time it is, for the Scheduler: the system's clock in the server, a clock a test sets.
class SchedulerClock {
public:
    virtual ~SchedulerClock() = default;
    virtual qint64 nowMs() const = 0; // ms since the epoch
};

class SystemSchedulerClock : public SchedulerClock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// Fires the control server's schedules (docs/schedules.md). A timer wakes at the earliest next_fire_at (and every
// pollMs at the latest, for changes another instance made); tick() takes each due schedule: it claims the due time by
// compare-and-set on next_fire_at in one transaction (ScheduleStore::claimDue), so that of several instances on one
// database only the one whose update changed the row goes on; due times missed while no server ran are recorded once
// per stretch (count, first, last) and, with missed = run_once, one run is started for them now; the previous run
// still going (its job's status in the store) is handled per the overlap policy (skip, queue one, allow). A fire
// starts a script job through JobSubmission (as POST /api/v1/jobs) or a workflow run through WorkflowRuns::start (as
// the run route), created by "schedule:NAME". Every decision is a row of the schedule's history and a scheduleEvent.
class Scheduler : public QObject {
    Q_OBJECT
public:
    struct Options {
        qint64 missedAfterMs = 60'000; // a due time later than this when seen is missed
        int pollMs = 30'000; // the longest sleep
        // Tests: called between reading a due schedule and claiming its due time (where another instance may act).
        std::function<void(qint64 scheduleId)> beforeClaim;
    };

    // `workflowRuns` may be null: a workflow schedule's fire is then an error in its history.
    Scheduler(Workspace& workspace, Backend* backend, WorkflowRuns* workflowRuns, const SchedulerClock* clock,
        QObject* parent = nullptr);
    void setOptions(const Options& options) { m_options = options; }

    // Starts the timer (and a first tick); stop() stops it: nothing fires until start() again.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Fires everything due at the clock's now, then arms the timer if running. Returns the fires it started.
    int tick();
    // A schedule was created, changed or resumed: the timer is armed again.
    void rearm();

    // Who a schedule's jobs are created by.
    static QString creatorOf(const Schedule& s) { return QStringLiteral("schedule:") + s.name; }
    // The schedule's JSON as the API shows it (also for the events).
    static QString isoMs(qint64 ms);

signals:
    // {"type": "schedule.fired"|"schedule.missed"|"schedule.skipped"|"schedule.queued"|"schedule.error", "schedule":
    // ID, "name", "due", "time", "job"?, "missedCount"?, "lastDue"?, "message"?} — docs/api/events.md.
    void scheduleEvent(const QJsonObject& event);

private:
    void handleDue(const Schedule& s, qint64 now, int* fired);
    void handleQueued(const Schedule& s, qint64 now, int* fired);
    // The overlap policy, then the launch. `due` is the due time this run is for.
    void fireOrOverlap(const Schedule& s, qint64 due, qint64 now, int* fired);
    bool previousRunning(const Schedule& s) const;
    void launch(const Schedule& s, qint64 due, qint64 now, int* fired);
    void recordRun(const Schedule& s, const ScheduleRun& run);

    Workspace& m_workspace;
    Backend* m_backend;
    WorkflowRuns* m_workflowRuns;
    const SchedulerClock* m_clock;
    Options m_options;
    QTimer m_timer;
    bool m_running = false;
    bool m_ticking = false;
};
