#include "ScheduleStore.h"

#include "store/Workspace.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

Error sqlError(const QString& what, const QSqlQuery& q)
{
    return Error(QStringLiteral("%1: %2").arg(what, q.lastError().text()));
}

// Qt SQL binds a null QString as NULL; the text columns are NOT NULL.
QVariant nn(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QVariant optionalMs(const std::optional<qint64>& ms)
{
    return ms ? QVariant(*ms) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<qint64> msOrNone(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

const QString kColumns = QStringLiteral("id, name, action, cron, zone, once_at, missed, overlap, enabled, "
                                        "next_fire_at, queued_at, last_job_id, created_by, created_at, updated_by, "
                                        "updated_at");

Schedule fromRow(const QSqlQuery& q)
{
    Schedule s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    s.action = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    s.cron = q.value(3).toString();
    s.zone = q.value(4).toString();
    s.onceAt = q.value(5).toString();
    s.missed = Schedule::missedFromName(q.value(6).toString()).value_or(Schedule::Missed::Skip);
    s.overlap = Schedule::overlapFromName(q.value(7).toString()).value_or(Schedule::Overlap::Skip);
    s.enabled = q.value(8).toLongLong() != 0;
    s.nextFireAt = msOrNone(q.value(9));
    s.queuedAt = msOrNone(q.value(10));
    s.lastJobId = q.value(11).toString();
    s.createdBy = q.value(12).toString();
    s.createdAt = q.value(13).toLongLong();
    s.updatedBy = q.value(14).toString();
    s.updatedAt = q.value(15).toLongLong();
    return s;
}

} // namespace

QString Schedule::missedName(Missed m)
{
    return m == Missed::RunOnce ? QStringLiteral("run_once") : QStringLiteral("skip");
}

std::optional<Schedule::Missed> Schedule::missedFromName(const QString& name)
{
    if (name == QLatin1String("skip")) {
        return Missed::Skip;
    }
    if (name == QLatin1String("run_once")) {
        return Missed::RunOnce;
    }
    return std::nullopt;
}

QString Schedule::overlapName(Overlap o)
{
    switch (o) {
    case Overlap::Skip:
        return QStringLiteral("skip");
    case Overlap::QueueOne:
        return QStringLiteral("queue_one");
    case Overlap::Allow:
        break;
    }
    return QStringLiteral("allow");
}

std::optional<Schedule::Overlap> Schedule::overlapFromName(const QString& name)
{
    for (Overlap o : { Overlap::Skip, Overlap::QueueOne, Overlap::Allow }) {
        if (name == overlapName(o)) {
            return o;
        }
    }
    return std::nullopt;
}

QString ScheduleRun::outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Fired:
        return QStringLiteral("fired");
    case Outcome::Missed:
        return QStringLiteral("missed");
    case Outcome::SkippedOverlap:
        return QStringLiteral("skipped_overlap");
    case Outcome::Queued:
        return QStringLiteral("queued");
    case Outcome::Error:
        break;
    }
    return QStringLiteral("error");
}

std::optional<ScheduleRun::Outcome> ScheduleRun::outcomeFromName(const QString& name)
{
    for (Outcome o : { Outcome::Fired, Outcome::Missed, Outcome::SkippedOverlap, Outcome::Queued, Outcome::Error }) {
        if (name == outcomeName(o)) {
            return o;
        }
    }
    return std::nullopt;
}

ScheduleStore::ScheduleStore(Workspace& workspace)
    : m_workspace(workspace)
{
}

Result<QList<Schedule>> ScheduleStore::select(const QString& where, const QVariantList& binds) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT %1 FROM schedules %2 ORDER BY name").arg(kColumns, where));
    for (const QVariant& v : binds) {
        q.addBindValue(v);
    }
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot read the schedules"), q);
    }
    QList<Schedule> out;
    while (q.next()) {
        out.append(fromRow(q));
    }
    return out;
}

Result<QList<Schedule>> ScheduleStore::list() const
{
    return select({}, {});
}

Result<std::optional<Schedule>> ScheduleStore::get(qint64 id) const
{
    auto found = select(QStringLiteral("WHERE id = ?"), { id });
    if (!found) {
        return found.error();
    }
    return found->isEmpty() ? std::nullopt : std::optional<Schedule>(found->first());
}

Result<std::optional<Schedule>> ScheduleStore::findByName(const QString& name) const
{
    auto found = select(QStringLiteral("WHERE name = ?"), { name });
    if (!found) {
        return found.error();
    }
    return found->isEmpty() ? std::nullopt : std::optional<Schedule>(found->first());
}

Result<Schedule> ScheduleStore::create(const Schedule& s)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("INSERT INTO schedules (name, action, cron, zone, once_at, missed, overlap, enabled, "
                             "next_fire_at, queued_at, last_job_id, created_by, created_at, updated_by, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?, ?, ?, ?)"));
    q.addBindValue(nn(s.name));
    q.addBindValue(QString::fromUtf8(QJsonDocument(s.action).toJson(QJsonDocument::Compact)));
    q.addBindValue(nn(s.cron));
    q.addBindValue(nn(s.zone));
    q.addBindValue(nn(s.onceAt));
    q.addBindValue(Schedule::missedName(s.missed));
    q.addBindValue(Schedule::overlapName(s.overlap));
    q.addBindValue(s.enabled ? 1 : 0);
    q.addBindValue(optionalMs(s.nextFireAt));
    q.addBindValue(nn(s.createdBy));
    q.addBindValue(s.createdAt);
    q.addBindValue(nn(s.updatedBy));
    q.addBindValue(s.updatedAt);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot create the schedule %1").arg(s.name), q);
    }
    auto created = findByName(s.name);
    if (!created) {
        return created.error();
    }
    if (!*created) {
        return Error(QStringLiteral("the schedule %1 was not stored").arg(s.name));
    }
    return **created;
}

Result<void> ScheduleStore::update(const Schedule& s)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("UPDATE schedules SET name = ?, action = ?, cron = ?, zone = ?, once_at = ?, missed = ?, "
                             "overlap = ?, enabled = ?, next_fire_at = ?, queued_at = NULL, updated_by = ?, "
                             "updated_at = ? WHERE id = ?"));
    q.addBindValue(nn(s.name));
    q.addBindValue(QString::fromUtf8(QJsonDocument(s.action).toJson(QJsonDocument::Compact)));
    q.addBindValue(nn(s.cron));
    q.addBindValue(nn(s.zone));
    q.addBindValue(nn(s.onceAt));
    q.addBindValue(Schedule::missedName(s.missed));
    q.addBindValue(Schedule::overlapName(s.overlap));
    q.addBindValue(s.enabled ? 1 : 0);
    q.addBindValue(optionalMs(s.nextFireAt));
    q.addBindValue(nn(s.updatedBy));
    q.addBindValue(s.updatedAt);
    q.addBindValue(s.id);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot update the schedule %1").arg(s.name), q);
    }
    return {};
}

Result<bool> ScheduleStore::remove(qint64 id)
{
    bool removed = false;
    auto done = m_workspace.inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_workspace.database());
        q.prepare(QStringLiteral("DELETE FROM schedule_runs WHERE schedule_id = ?"));
        q.addBindValue(id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot delete the schedule's history"), q);
        }
        q.prepare(QStringLiteral("DELETE FROM schedules WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot delete the schedule"), q);
        }
        removed = q.numRowsAffected() > 0;
        return {};
    });
    if (!done) {
        return done.error();
    }
    return removed;
}

Result<QList<Schedule>> ScheduleStore::dueOrQueued(qint64 nowMs) const
{
    return select(QStringLiteral("WHERE enabled = 1 AND ((next_fire_at IS NOT NULL AND next_fire_at <= ?) OR "
                                 "queued_at IS NOT NULL)"),
        { nowMs });
}

Result<std::optional<qint64>> ScheduleStore::earliestDue() const
{
    QSqlQuery q(m_workspace.database());
    if (!q.exec(QStringLiteral("SELECT MIN(next_fire_at) FROM schedules WHERE enabled = 1"))) {
        return sqlError(QStringLiteral("cannot read the schedules"), q);
    }
    if (!q.next()) {
        return std::optional<qint64>();
    }
    return msOrNone(q.value(0));
}

Result<bool> ScheduleStore::claimDue(qint64 id, qint64 due, std::optional<qint64> next)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(
        QStringLiteral("UPDATE schedules SET next_fire_at = ? WHERE id = ? AND enabled = 1 AND next_fire_at = ?"));
    q.addBindValue(optionalMs(next));
    q.addBindValue(id);
    q.addBindValue(due);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot claim the due time of schedule %1").arg(id), q);
    }
    return q.numRowsAffected() == 1;
}

Result<bool> ScheduleStore::queue(qint64 id, qint64 due)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("UPDATE schedules SET queued_at = ? WHERE id = ? AND queued_at IS NULL"));
    q.addBindValue(due);
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot queue a run of schedule %1").arg(id), q);
    }
    return q.numRowsAffected() == 1;
}

Result<bool> ScheduleStore::claimQueued(qint64 id, qint64 queued)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("UPDATE schedules SET queued_at = NULL WHERE id = ? AND enabled = 1 AND queued_at = ?"));
    q.addBindValue(id);
    q.addBindValue(queued);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot take the queued run of schedule %1").arg(id), q);
    }
    return q.numRowsAffected() == 1;
}

Result<void> ScheduleStore::setLastJob(qint64 id, const QString& jobId)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("UPDATE schedules SET last_job_id = ? WHERE id = ?"));
    q.addBindValue(nn(jobId));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot record the job of schedule %1").arg(id), q);
    }
    return {};
}

Result<qint64> ScheduleStore::addRun(const ScheduleRun& run)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("INSERT INTO schedule_runs (schedule_id, due_at, fired_at, outcome, job_id, missed_count, "
                             "last_due_at, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(run.scheduleId);
    q.addBindValue(run.dueAt);
    q.addBindValue(run.firedAt);
    q.addBindValue(ScheduleRun::outcomeName(run.outcome));
    q.addBindValue(nn(run.jobId));
    q.addBindValue(run.missedCount);
    q.addBindValue(run.lastDueAt);
    q.addBindValue(nn(run.message.left(2000)));
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot record a run of schedule %1").arg(run.scheduleId), q);
    }
    // The id without lastInsertId() (not every driver has it): the newest row of this schedule.
    q.prepare(QStringLiteral("SELECT MAX(id) FROM schedule_runs WHERE schedule_id = ?"));
    q.addBindValue(run.scheduleId);
    if (!q.exec() || !q.next()) {
        return sqlError(QStringLiteral("cannot read a run of schedule %1").arg(run.scheduleId), q);
    }
    const qint64 id = q.value(0).toLongLong();
    // Bounded history: this schedule's rows past the newest kMaxRunsKept go (LIMIT/OFFSET: SQLite and PostgreSQL).
    q.prepare(QStringLiteral("SELECT id FROM schedule_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT 1 OFFSET %1")
                  .arg(kMaxRunsKept));
    q.addBindValue(run.scheduleId);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot read the history of schedule %1").arg(run.scheduleId), q);
    }
    if (q.next()) {
        const qint64 cutoff = q.value(0).toLongLong();
        q.prepare(QStringLiteral("DELETE FROM schedule_runs WHERE schedule_id = ? AND id <= ?"));
        q.addBindValue(run.scheduleId);
        q.addBindValue(cutoff);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot trim the history of schedule %1").arg(run.scheduleId), q);
        }
    }
    return id;
}

Result<QList<ScheduleRun>> ScheduleStore::runs(qint64 scheduleId, int limit, qint64 before) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT id, schedule_id, due_at, fired_at, outcome, job_id, missed_count, last_due_at, "
                             "message FROM schedule_runs WHERE schedule_id = ? AND (? = 0 OR id < ?) "
                             "ORDER BY id DESC LIMIT ?"));
    q.addBindValue(scheduleId);
    q.addBindValue(before);
    q.addBindValue(before);
    q.addBindValue(limit);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot read the history of schedule %1").arg(scheduleId), q);
    }
    QList<ScheduleRun> out;
    while (q.next()) {
        ScheduleRun r;
        r.id = q.value(0).toLongLong();
        r.scheduleId = q.value(1).toLongLong();
        r.dueAt = q.value(2).toLongLong();
        r.firedAt = q.value(3).toLongLong();
        r.outcome = ScheduleRun::outcomeFromName(q.value(4).toString()).value_or(ScheduleRun::Outcome::Error);
        r.jobId = q.value(5).toString();
        r.missedCount = q.value(6).toInt();
        r.lastDueAt = q.value(7).toLongLong();
        r.message = q.value(8).toString();
        out.append(r);
    }
    return out;
}

Result<std::optional<ScheduleRun>> ScheduleStore::lastRun(qint64 scheduleId) const
{
    auto one = runs(scheduleId, 1);
    if (!one) {
        return one.error();
    }
    return one->isEmpty() ? std::nullopt : std::optional<ScheduleRun>(one->first());
}
