#include "Scheduler.h"

#include "Backend.h"
#include "JobSubmission.h"
#include "ScheduleTiming.h"
#include "WorkflowRuns.h"
#include "jobs/JobSpec.h"
#include "jobs/JobStatus.h"
#include "jobs/JobStore.h"
#include "store/Workspace.h"
#include "workflows/WorkflowStore.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace {

// Due times counted at most per stretch of downtime; past it the rest are skipped uncounted (the history says so).
constexpr int kMaxCountedDue = 100'000;

} // namespace

Scheduler::Scheduler(
    Workspace& workspace, Backend* backend, WorkflowRuns* workflowRuns, const SchedulerClock* clock, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_backend(backend)
    , m_workflowRuns(workflowRuns)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    if (m_backend) {
        // queue_one: the run waiting behind a job goes as soon as that job ends.
        connect(m_backend, &Backend::jobChanged, this, [this](const QString& jobId) {
            if (!m_running) {
                return;
            }
            const auto j = m_backend->job(jobId);
            if (j && isFinal(j->status) && j->createdBy.startsWith(QLatin1String("schedule:"))) {
                QTimer::singleShot(0, this, [this] { tick(); });
            }
        });
    }
}

QString Scheduler::isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

void Scheduler::start()
{
    m_running = true;
    tick();
}

void Scheduler::stop()
{
    m_running = false;
    m_timer.stop();
}

void Scheduler::rearm()
{
    if (!m_running) {
        return;
    }
    qint64 delay = m_options.pollMs;
    const auto earliest = ScheduleStore(m_workspace).earliestDue();
    if (earliest && *earliest) {
        delay = qBound<qint64>(0, **earliest - m_clock->nowMs(), qint64(m_options.pollMs));
    }
    m_timer.start(int(delay));
}

int Scheduler::tick()
{
    if (m_ticking) {
        return 0; // a launch's signals brought us back here: the outer tick goes on
    }
    m_ticking = true;
    int fired = 0;
    const qint64 now = m_clock->nowMs();
    const auto due = ScheduleStore(m_workspace).dueOrQueued(now);
    if (due) {
        for (const Schedule& s : *due) {
            if (s.nextFireAt && *s.nextFireAt <= now) {
                handleDue(s, now, &fired);
            }
            if (s.queuedAt) {
                handleQueued(s, now, &fired);
            }
        }
    }
    m_ticking = false;
    rearm();
    return fired;
}

void Scheduler::handleDue(const Schedule& s, qint64 now, int* fired)
{
    // Every due time from next_fire_at up to now: the last of them may be on time, the ones before were missed.
    const qint64 first = *s.nextFireAt;
    qint64 last = first;
    qint64 beforeLast = 0;
    int count = 1;
    std::optional<qint64> next = ScheduleTiming::nextAfter(s, first);
    while (next && *next <= now && count < kMaxCountedDue) {
        beforeLast = last;
        last = *next;
        ++count;
        next = ScheduleTiming::nextAfter(s, last);
    }
    bool uncounted = false;
    if (next && *next <= now) {
        uncounted = true; // more than kMaxCountedDue: the rest are skipped without counting them
        next = ScheduleTiming::nextAfter(s, now);
    }
    const bool onTime = !uncounted && now - last <= m_options.missedAfterMs;
    int missedCount = onTime ? count - 1 : count;
    qint64 missedLast = onTime ? beforeLast : last;
    std::optional<qint64> fire;
    if (onTime) {
        fire = last;
    } else if (s.missed == Schedule::Missed::RunOnce) {
        // One run now for what was missed (for its last due time); the others stay recorded as missed.
        fire = last;
        --missedCount;
        missedLast = beforeLast;
    }
    if (m_options.beforeClaim) {
        m_options.beforeClaim(s.id);
    }
    bool claimed = false;
    ScheduleRun missed;
    auto done = m_workspace.inTransaction([&]() -> Result<void> {
        ScheduleStore store(m_workspace);
        auto won = store.claimDue(s.id, first, next);
        if (!won) {
            return won.error();
        }
        claimed = *won;
        if (!claimed || missedCount <= 0) {
            return {};
        }
        missed.scheduleId = s.id;
        missed.dueAt = first;
        missed.firedAt = now;
        missed.outcome = ScheduleRun::Outcome::Missed;
        missed.missedCount = missedCount;
        missed.lastDueAt = missedLast;
        missed.message = QStringLiteral("%n due time(s) missed while no server ran")
                             .replace(QStringLiteral("%n"), QString::number(missedCount));
        if (uncounted) {
            missed.message += QStringLiteral(", and more not counted");
        }
        auto id = store.addRun(missed);
        if (!id) {
            return id.error();
        }
        missed.id = *id;
        return {};
    });
    if (!done || !claimed) {
        return; // another instance took this due time (or the store failed: the next tick tries again)
    }
    if (missed.id) {
        recordRun(s, missed);
    }
    if (fire) {
        fireOrOverlap(s, *fire, now, fired);
    }
}

void Scheduler::handleQueued(const Schedule& s, qint64 now, int* fired)
{
    auto current = ScheduleStore(m_workspace).get(s.id);
    if (!current || !*current || !(*current)->queuedAt || previousRunning(**current)) {
        return;
    }
    const qint64 queued = *(*current)->queuedAt;
    auto won = ScheduleStore(m_workspace).claimQueued(s.id, queued);
    if (won && *won) {
        launch(**current, queued, now, fired);
    }
}

bool Scheduler::previousRunning(const Schedule& s) const
{
    if (s.lastJobId.isEmpty()) {
        return false;
    }
    const auto j = m_backend ? m_backend->job(s.lastJobId) : JobStore(m_workspace).job(s.lastJobId);
    return j && !isFinal(j->status);
}

void Scheduler::fireOrOverlap(const Schedule& s, qint64 due, qint64 now, int* fired)
{
    // The last job as the store has it now (another instance may have fired since this row was read).
    auto current = ScheduleStore(m_workspace).get(s.id);
    const Schedule fresh = current && *current ? **current : s;
    if (fresh.overlap == Schedule::Overlap::Allow || !previousRunning(fresh)) {
        launch(fresh, due, now, fired);
        return;
    }
    ScheduleRun run;
    run.scheduleId = s.id;
    run.dueAt = due;
    run.firedAt = now;
    run.jobId = fresh.lastJobId;
    if (fresh.overlap == Schedule::Overlap::QueueOne) {
        auto queued = ScheduleStore(m_workspace).queue(s.id, due);
        if (queued && *queued) {
            run.outcome = ScheduleRun::Outcome::Queued;
            run.message = QStringLiteral("queued behind job %1, which is still running").arg(fresh.lastJobId);
        } else {
            run.outcome = ScheduleRun::Outcome::SkippedOverlap;
            run.message
                = QStringLiteral("job %1 is still running and a run is queued behind it already").arg(fresh.lastJobId);
        }
    } else {
        run.outcome = ScheduleRun::Outcome::SkippedOverlap;
        run.message = QStringLiteral("skipped: job %1 is still running").arg(fresh.lastJobId);
    }
    if (auto id = ScheduleStore(m_workspace).addRun(run)) {
        run.id = *id;
    }
    recordRun(s, run);
}

void Scheduler::launch(const Schedule& s, qint64 due, qint64 now, int* fired)
{
    ScheduleRun run;
    run.scheduleId = s.id;
    run.dueAt = due;
    run.firedAt = now;
    const QString by = creatorOf(s);
    Result<QString> id = Error(QStringLiteral("this server runs no jobs"));
    if (s.isWorkflow()) {
        const QString name = s.action.value(QStringLiteral("workflow")).toString();
        QMap<QString, QString> params;
        const QJsonObject given = s.action.value(QStringLiteral("params")).toObject();
        for (auto it = given.begin(); it != given.end(); ++it) {
            params.insert(it.key(), it.value().toString());
        }
        auto found = WorkflowStore(m_workspace).findByName(name);
        if (!m_workflowRuns) {
            id = Error(QStringLiteral("this server runs no workflows"));
        } else if (!found || !*found) {
            id = Error(QStringLiteral("there is no workflow named %1").arg(name));
        } else if (const QList<WorkflowProblem> problems = WorkflowRuns::validate(m_workspace, (*found)->workflow);
                   !problems.isEmpty()) {
            id = Error(QStringLiteral("workflow %1 has %2 problem(s); the first: %3")
                           .arg(name)
                           .arg(problems.size())
                           .arg(problems.first().toString((*found)->workflow)));
        } else {
            QString field;
            id = m_workflowRuns->start(**found, params, s.action.value(QStringLiteral("hosts")).toString(), by, &field);
        }
    } else if (m_backend) {
        auto spec = JobSpec::fromJson(s.action.value(QStringLiteral("job")).toObject());
        if (!spec) {
            id = spec.error();
        } else {
            spec->id.clear(); // each fire is a job of its own: the engine gives it its id
            JobSubmission::Refusal refusal;
            id = JobSubmission::submit(m_workspace, *m_backend, *spec, by, &refusal);
        }
    }
    if (id) {
        run.outcome = ScheduleRun::Outcome::Fired;
        run.jobId = *id;
        (void)ScheduleStore(m_workspace).setLastJob(s.id, *id);
        ++*fired;
    } else {
        run.outcome = ScheduleRun::Outcome::Error;
        run.message = id.errorString();
    }
    if (auto rowId = ScheduleStore(m_workspace).addRun(run)) {
        run.id = *rowId;
    }
    recordRun(s, run);
}

void Scheduler::recordRun(const Schedule& s, const ScheduleRun& run)
{
    static const QHash<ScheduleRun::Outcome, QString> types {
        { ScheduleRun::Outcome::Fired, QStringLiteral("schedule.fired") },
        { ScheduleRun::Outcome::Missed, QStringLiteral("schedule.missed") },
        { ScheduleRun::Outcome::SkippedOverlap, QStringLiteral("schedule.skipped") },
        { ScheduleRun::Outcome::Queued, QStringLiteral("schedule.queued") },
        { ScheduleRun::Outcome::Error, QStringLiteral("schedule.error") },
    };
    QJsonObject e { { QStringLiteral("type"), types.value(run.outcome) }, { QStringLiteral("schedule"), s.id },
        { QStringLiteral("name"), s.name }, { QStringLiteral("run"), run.id },
        { QStringLiteral("due"), isoMs(run.dueAt) }, { QStringLiteral("time"), isoMs(run.firedAt) } };
    if (!run.jobId.isEmpty()) {
        e.insert(QStringLiteral("job"), run.jobId);
    }
    if (run.outcome == ScheduleRun::Outcome::Missed) {
        e.insert(QStringLiteral("missedCount"), run.missedCount);
        e.insert(QStringLiteral("lastDue"), isoMs(run.lastDueAt));
    }
    if (!run.message.isEmpty()) {
        e.insert(QStringLiteral("message"), run.message);
    }
    emit scheduleEvent(e);
}
