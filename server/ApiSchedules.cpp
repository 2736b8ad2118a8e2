// The schedule routes of Api (docs/api/openapi.yaml, tag schedules; docs/schedules.md): list, read, create, replace
// (PUT) or change (PATCH, a JSON merge patch: a field set to null is removed), delete, pause, resume and the history
// of runs. Every write is in the audit log; the Scheduler fires them.
#include "Api.h"

#include "ApiJson.h"
#include "BodyFields.h"
#include "JobSubmission.h"
#include "ScheduleStore.h"
#include "ScheduleTiming.h"
#include "Scheduler.h"
#include "WorkflowRuns.h"
#include "jobs/JobSpec.h"
#include "store/Workspace.h"
#include "workflows/WorkflowPreview.h"
#include "workflows/WorkflowStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

using namespace ApiJson;

namespace {

ApiResponse internal(const Error& e)
{
    return Api::error(500, QStringLiteral("internal"), e.toString());
}

ApiResponse noSchedule(const QString& id)
{
    return Api::error(404, QStringLiteral("not_found"), QStringLiteral("no schedule with the id %1").arg(id));
}

QJsonValue msOrNull(const std::optional<qint64>& ms)
{
    return ms ? QJsonValue(isoMs(*ms)) : QJsonValue();
}

QJsonValue textOrNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject runJson(const ScheduleRun& r)
{
    QJsonObject o { { QStringLiteral("id"), r.id }, { QStringLiteral("due"), isoMs(r.dueAt) },
        { QStringLiteral("time"), isoMs(r.firedAt) },
        { QStringLiteral("outcome"), ScheduleRun::outcomeName(r.outcome) },
        { QStringLiteral("job"), textOrNull(r.jobId) }, { QStringLiteral("message"), r.message } };
    if (r.outcome == ScheduleRun::Outcome::Missed) {
        o.insert(QStringLiteral("missedCount"), r.missedCount);
        o.insert(QStringLiteral("lastDue"), isoMs(r.lastDueAt));
    }
    return o;
}

// The fields a client writes (POST, PUT, PATCH), as they are stored: also the base a PATCH is merged into.
QJsonObject inputJson(const Schedule& s)
{
    QJsonObject o { { QStringLiteral("name"), s.name }, { QStringLiteral("cron"), textOrNull(s.cron) },
        { QStringLiteral("at"), textOrNull(s.onceAt) }, { QStringLiteral("zone"), s.zone },
        { QStringLiteral("missed"), Schedule::missedName(s.missed) },
        { QStringLiteral("overlap"), Schedule::overlapName(s.overlap) }, { QStringLiteral("enabled"), s.enabled } };
    if (s.isWorkflow()) {
        o.insert(QStringLiteral("workflow"), s.action.value(QStringLiteral("workflow")));
        o.insert(QStringLiteral("params"), s.action.value(QStringLiteral("params")));
        o.insert(QStringLiteral("hosts"), textOrNull(s.action.value(QStringLiteral("hosts")).toString()));
        o.insert(QStringLiteral("job"), QJsonValue());
    } else {
        o.insert(QStringLiteral("job"), s.action.value(QStringLiteral("job")));
        o.insert(QStringLiteral("workflow"), QJsonValue());
        o.insert(QStringLiteral("params"), QJsonValue());
        o.insert(QStringLiteral("hosts"), QJsonValue());
    }
    return o;
}

QJsonObject scheduleJson(Workspace& ws, const Schedule& s)
{
    QJsonObject o = inputJson(s);
    o.insert(QStringLiteral("id"), s.id);
    o.insert(QStringLiteral("nextFireAt"), msOrNull(s.nextFireAt));
    // The next fire time as a wall time in the schedule's zone, with its offset.
    const QTimeZone zone(s.zone.toUtf8());
    o.insert(QStringLiteral("nextFireAtZone"),
        s.nextFireAt && zone.isValid()
            ? QJsonValue(QDateTime::fromMSecsSinceEpoch(*s.nextFireAt, zone).toString(Qt::ISODate))
            : QJsonValue());
    o.insert(QStringLiteral("queuedAt"), msOrNull(s.queuedAt));
    o.insert(QStringLiteral("lastJob"), textOrNull(s.lastJobId));
    const auto last = ScheduleStore(ws).lastRun(s.id);
    o.insert(QStringLiteral("lastRun"), last && *last ? QJsonValue(runJson(**last)) : QJsonValue());
    o.insert(QStringLiteral("createdBy"), s.createdBy);
    o.insert(QStringLiteral("createdAt"), isoMs(s.createdAt));
    o.insert(QStringLiteral("updatedBy"), s.updatedBy);
    o.insert(QStringLiteral("updatedAt"), isoMs(s.updatedAt));
    return o;
}

// A JSON merge patch (RFC 7396) one level deep: a key set to null is removed, any other replaces.
QJsonObject merged(QJsonObject base, const QJsonObject& patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull()) {
            base.remove(it.key());
        } else {
            base.insert(it.key(), it.value());
        }
    }
    return base;
}

const QStringList kFields { QStringLiteral("name"), QStringLiteral("cron"), QStringLiteral("at"),
    QStringLiteral("zone"), QStringLiteral("job"), QStringLiteral("workflow"), QStringLiteral("params"),
    QStringLiteral("hosts"), QStringLiteral("missed"), QStringLiteral("overlap"), QStringLiteral("enabled") };

} // namespace

std::optional<ApiResponse> Api::readSchedule(const QByteArray& body, Schedule* s)
{
    BodyFields fields(body, kFields);
    const QString name = fields.string(QStringLiteral("name"), true, 100);
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (fields.ok() && !namePattern.match(name).hasMatch()) {
        fields.fail(QStringLiteral("name"),
            QStringLiteral("name '%1' must be letters, digits, '.', '_' and '-', starting with a letter or digit")
                .arg(name));
    }
    const QString cron = fields.string(QStringLiteral("cron"), false, 200).trimmed();
    const QString at = fields.string(QStringLiteral("at"), false, 40).trimmed();
    const QString zone = fields.string(QStringLiteral("zone"), true, 64);
    const QString missed = fields.string(QStringLiteral("missed"), false, 20);
    const QString overlap = fields.string(QStringLiteral("overlap"), false, 20);
    const bool enabled = fields.boolean(QStringLiteral("enabled"), true);
    const QJsonObject job = fields.object(QStringLiteral("job"));
    const QString workflow = fields.string(QStringLiteral("workflow"), false, 200);
    const QMap<QString, QString> params = launchParams(fields);
    const QString hosts = fields.string(QStringLiteral("hosts"), false, 10'000);
    if (fields.ok() && job.isEmpty() == workflow.isEmpty()) {
        fields.fail(job.isEmpty() ? QStringLiteral("job") : QStringLiteral("workflow"),
            QStringLiteral("a schedule runs either a job (a job spec as POST /api/v1/jobs takes it) or a workflow "
                           "(its name), not %1")
                .arg(job.isEmpty() ? QStringLiteral("neither") : QStringLiteral("both")));
    }
    if (fields.ok() && !job.isEmpty()
        && (fields.has(QStringLiteral("params")) || fields.has(QStringLiteral("hosts")))) {
        fields.fail(fields.has(QStringLiteral("params")) ? QStringLiteral("params") : QStringLiteral("hosts"),
            QStringLiteral("params and hosts go with a workflow; a job's spec has its own targets"));
    }
    if (fields.ok()) {
        if (const auto problem = ScheduleTiming::check(cron, at, zone)) {
            fields.fail(problem->field, problem->message);
        }
    }
    std::optional<Schedule::Missed> missedPolicy = Schedule::Missed::Skip;
    if (fields.ok() && !missed.isEmpty() && !(missedPolicy = Schedule::missedFromName(missed))) {
        fields.fail(QStringLiteral("missed"), QStringLiteral("missed must be skip or run_once"));
    }
    std::optional<Schedule::Overlap> overlapPolicy = Schedule::Overlap::Skip;
    if (fields.ok() && !overlap.isEmpty() && !(overlapPolicy = Schedule::overlapFromName(overlap))) {
        fields.fail(QStringLiteral("overlap"), QStringLiteral("overlap must be skip, queue_one or allow"));
    }
    if (fields.problem()) {
        return fields.problem();
    }
    // What it runs, checked as its launch would check it, so that a mistake is told now and not at 3 am.
    QJsonObject action;
    if (!job.isEmpty()) {
        auto spec = JobSpec::fromJson(job);
        if (!spec) {
            return badRequest(QStringLiteral("job: ") + spec.errorString(), QStringLiteral("job"));
        }
        if (const auto refusal = JobSubmission::check(m_workspace, *spec)) {
            return error(400, refusal->code, QStringLiteral("job: ") + refusal->message,
                refusal->field.isEmpty() ? QStringLiteral("job") : QStringLiteral("job.") + refusal->field);
        }
        spec->id.clear(); // each fire gets an id of its own
        action.insert(QStringLiteral("job"), spec->toJson());
    } else {
        auto found = WorkflowStore(m_workspace).findByName(workflow);
        if (!found) {
            return internal(found.error());
        }
        if (!*found) {
            return badRequest(
                QStringLiteral("there is no workflow named %1").arg(workflow), QStringLiteral("workflow"));
        }
        if (auto typed = typedWorkflowParams((*found)->workflow, params); !typed) {
            return badRequest(typed.error().message, QStringLiteral("params"));
        }
        QJsonObject p;
        for (auto it = params.cbegin(); it != params.cend(); ++it) {
            p.insert(it.key(), it.value());
        }
        action = { { QStringLiteral("workflow"), workflow }, { QStringLiteral("params"), p },
            { QStringLiteral("hosts"), hosts } };
    }
    s->name = name;
    s->cron = cron;
    s->onceAt = at;
    s->zone = zone;
    s->missed = *missedPolicy;
    s->overlap = *overlapPolicy;
    s->enabled = enabled;
    s->action = action;
    return std::nullopt;
}

ApiResponse Api::scheduleList(const ApiRequest&, const TokenStore::Token&, const QStringList&)
{
    auto all = ScheduleStore(m_workspace).list();
    if (!all) {
        return internal(all.error());
    }
    QJsonArray out;
    for (const Schedule& s : *all) {
        out.append(scheduleJson(m_workspace, s));
    }
    return ok({ { QStringLiteral("schedules"), out } });
}

ApiResponse Api::scheduleGet(const ApiRequest&, const TokenStore::Token&, const QStringList& args)
{
    auto found = ScheduleStore(m_workspace).get(args.value(0).toLongLong());
    if (!found) {
        return internal(found.error());
    }
    return *found ? ok(scheduleJson(m_workspace, **found)) : noSchedule(args.value(0));
}

ApiResponse Api::scheduleWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const bool isNew = r.method == QLatin1String("POST");
    QString target = isNew ? QStringLiteral("schedule") : QStringLiteral("schedule ") + args.value(0);
    const auto answer = [&]() -> ApiResponse {
        ScheduleStore store(m_workspace);
        Schedule s;
        QByteArray body = r.body;
        if (!isNew) {
            auto found = store.get(args.value(0).toLongLong());
            if (!found) {
                return internal(found.error());
            }
            if (!*found) {
                return noSchedule(args.value(0));
            }
            s = **found;
            if (r.method == QLatin1String("PATCH")) {
                QJsonObject patch;
                if (auto bad = objectBody(r.body, &patch)) {
                    return *bad;
                }
                body = json(merged(inputJson(s), patch));
                // Nulls are the base's absent fields: BodyFields treats them as not given.
            }
        }
        if (auto bad = readSchedule(body, &s)) {
            return *bad;
        }
        target = QStringLiteral("schedule %1").arg(s.name);
        auto sameName = store.findByName(s.name);
        if (!sameName) {
            return internal(sameName.error());
        }
        if (*sameName && (isNew || (*sameName)->id != s.id)) {
            return error(409, QStringLiteral("conflict"),
                QStringLiteral("a schedule named %1 exists already (id %2)").arg(s.name).arg((*sameName)->id),
                QStringLiteral("name"));
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Due times count from now: a changed or new schedule has missed nothing.
        s.nextFireAt = ScheduleTiming::nextAfter(s, now);
        if (!s.onceAt.isEmpty() && !s.nextFireAt) {
            return badRequest(QStringLiteral("at %1 (%2) is in the past").arg(s.onceAt, s.zone), QStringLiteral("at"));
        }
        s.updatedBy = who.name;
        s.updatedAt = now;
        if (isNew) {
            s.createdBy = who.name;
            s.createdAt = now;
            auto created = store.create(s);
            if (!created) {
                return internal(created.error());
            }
            s = *created;
        } else if (auto updated = store.update(s); !updated) {
            return internal(updated.error());
        }
        target = QStringLiteral("schedule %1 (%2)").arg(s.id).arg(s.name);
        if (m_scheduler) {
            m_scheduler->rearm();
        }
        return ok(scheduleJson(m_workspace, s), isNew ? 201 : 200);
    }();
    record(r, who.name, isNew ? QStringLiteral("schedule.create") : QStringLiteral("schedule.update"), target, answer);
    return answer;
}

ApiResponse Api::scheduleDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    QString target = QStringLiteral("schedule ") + args.value(0);
    const auto answer = [&]() -> ApiResponse {
        ScheduleStore store(m_workspace);
        auto found = store.get(args.value(0).toLongLong());
        if (!found) {
            return internal(found.error());
        }
        if (!*found) {
            return noSchedule(args.value(0));
        }
        target = QStringLiteral("schedule %1 (%2)").arg((*found)->id).arg((*found)->name);
        if (auto removed = store.remove((*found)->id); !removed) {
            return internal(removed.error());
        }
        return ok({ { QStringLiteral("deleted"), (*found)->id }, { QStringLiteral("name"), (*found)->name } });
    }();
    record(r, who.name, QStringLiteral("schedule.delete"), target, answer);
    return answer;
}

ApiResponse Api::schedulePause(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const bool resume = args.value(1) == QLatin1String("resume");
    QString target = QStringLiteral("schedule ") + args.value(0);
    const auto answer = [&]() -> ApiResponse {
        ScheduleStore store(m_workspace);
        auto found = store.get(args.value(0).toLongLong());
        if (!found) {
            return internal(found.error());
        }
        if (!*found) {
            return noSchedule(args.value(0));
        }
        Schedule s = **found;
        target = QStringLiteral("schedule %1 (%2)").arg(s.id).arg(s.name);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (s.enabled != resume) {
            s.enabled = resume;
            // Resumed, it is due from now on: what fell due while paused was not missed, it was not wanted.
            if (resume) {
                s.nextFireAt = ScheduleTiming::nextAfter(s, now);
            }
            s.updatedBy = who.name;
            s.updatedAt = now;
            if (auto updated = store.update(s); !updated) {
                return internal(updated.error());
            }
        }
        if (m_scheduler) {
            m_scheduler->rearm();
        }
        return ok(scheduleJson(m_workspace, s));
    }();
    record(r, who.name, resume ? QStringLiteral("schedule.resume") : QStringLiteral("schedule.pause"), target, answer);
    return answer;
}

ApiResponse Api::scheduleRuns(const ApiRequest& r, const TokenStore::Token&, const QStringList& args)
{
    const QUrlQuery q = query(r);
    ApiResponse bad;
    const auto limit = intParam(q, QStringLiteral("limit"), 100, 1, 1000, &bad);
    if (!limit) {
        return bad;
    }
    const auto before = intParam(q, QStringLiteral("before"), 0, 0, std::numeric_limits<qint64>::max(), &bad);
    if (!before) {
        return bad;
    }
    ScheduleStore store(m_workspace);
    auto found = store.get(args.value(0).toLongLong());
    if (!found) {
        return internal(found.error());
    }
    if (!*found) {
        return noSchedule(args.value(0));
    }
    auto runs = store.runs((*found)->id, int(*limit), *before);
    if (!runs) {
        return internal(runs.error());
    }
    QJsonArray out;
    for (const ScheduleRun& run : *runs) {
        out.append(runJson(run));
    }
    return ok({ { QStringLiteral("schedule"), (*found)->id }, { QStringLiteral("runs"), out } });
}
