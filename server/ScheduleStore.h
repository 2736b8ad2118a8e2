#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>
#include <optional>

class Workspace;

// A schedule of the control server (docs/schedules.md): what it runs (a script job's spec as POST /api/v1/jobs takes
// it, or a workflow by name with its parameters), when (a 5-field cron expression in an IANA zone, or one wall time in
// a zone), what to do about due times missed while no server ran and about a previous run still going, and the time
// it is next due. Times are ms since the epoch (UTC).
struct Schedule {
    enum class Missed { Skip, RunOnce };
    enum class Overlap { Skip, QueueOne, Allow };

    qint64 id = 0;
    QString name;
    // {"job": {spec}} or {"workflow": NAME, "params": {…}, "hosts": QUERY}
    QJsonObject action;
    QString cron; // empty for a one-shot
    QString zone; // IANA name
    QString onceAt; // a one-shot's wall time in `zone`, "YYYY-MM-DDTHH:MM"; empty for a cron schedule
    Missed missed = Missed::Skip;
    Overlap overlap = Overlap::Skip;
    bool enabled = true;
    std::optional<qint64> nextFireAt; // none: nothing is due any more (a one-shot that fired)
    std::optional<qint64> queuedAt; // overlap queue_one: the due time waiting for the previous run to end
    QString lastJobId; // the job the last fire started
    QString createdBy;
    qint64 createdAt = 0;
    QString updatedBy;
    qint64 updatedAt = 0;

    bool isWorkflow() const { return action.contains(QStringLiteral("workflow")); }
    static QString missedName(Missed m);
    static std::optional<Missed> missedFromName(const QString& name);
    static QString overlapName(Overlap o);
    static std::optional<Overlap> overlapFromName(const QString& name);
};

// One line of a schedule's history: a fire (the job it started), a due time skipped because the previous run still
// ran, one queued behind it, an error starting it, or a stretch of due times missed while no server ran (count, the
// first as dueAt and the last as lastDueAt).
struct ScheduleRun {
    enum class Outcome { Fired, Missed, SkippedOverlap, Queued, Error };

    qint64 id = 0;
    qint64 scheduleId = 0;
    qint64 dueAt = 0;
    qint64 firedAt = 0; // when the server decided (for a fire: when it started the job)
    Outcome outcome = Outcome::Fired;
    QString jobId;
    int missedCount = 0;
    qint64 lastDueAt = 0;
    QString message;

    static QString outcomeName(Outcome o);
    static std::optional<Outcome> outcomeFromName(const QString& name);
};

// The schedules and their history in the workspace (tables `schedules` and `schedule_runs`, schema 11). Portable SQL
// only (SQLite and PostgreSQL): a due time is claimed by compare-and-set — an UPDATE whose WHERE names the value read —
// and only the caller whose update changed a row goes on, so that instances sharing the database fire once.
class ScheduleStore {
public:
    static constexpr int kMaxRunsKept = 1000; // history rows kept per schedule, the oldest dropped

    explicit ScheduleStore(Workspace& workspace);

    Result<QList<Schedule>> list() const;
    Result<std::optional<Schedule>> get(qint64 id) const;
    Result<std::optional<Schedule>> findByName(const QString& name) const;
    // Inserts `s` (its id is ignored); returns it with its id.
    Result<Schedule> create(const Schedule& s);
    // Writes the definition, enabled, next_fire_at and updated_by/at of `s.id`; queued_at is cleared.
    Result<void> update(const Schedule& s);
    Result<bool> remove(qint64 id);

    // The enabled schedules due at `nowMs` (next_fire_at ≤ now) and those with a queued run.
    Result<QList<Schedule>> dueOrQueued(qint64 nowMs) const;
    // The earliest next_fire_at of the enabled schedules, if any.
    Result<std::optional<qint64>> earliestDue() const;

    // Compare-and-set: moves next_fire_at from `due` to `next` (none: nothing due any more) if it still is `due` and
    // the schedule is enabled. True when this call changed the row, i.e. the caller owns this due time.
    Result<bool> claimDue(qint64 id, qint64 due, std::optional<qint64> next);
    // queue_one: queues `due` if nothing is queued yet. True when it did.
    Result<bool> queue(qint64 id, qint64 due);
    // Takes the queued due time `queued` if it is still the one queued. True when this call took it.
    Result<bool> claimQueued(qint64 id, qint64 queued);
    Result<void> setLastJob(qint64 id, const QString& jobId);

    Result<qint64> addRun(const ScheduleRun& run);
    // The newest first, at most `limit`, older than the run `before` (0: from the newest).
    Result<QList<ScheduleRun>> runs(qint64 scheduleId, int limit, qint64 before = 0) const;
    Result<std::optional<ScheduleRun>> lastRun(qint64 scheduleId) const;

private:
    Result<QList<Schedule>> select(const QString& where, const QVariantList& binds) const;

    Workspace& m_workspace;
};
