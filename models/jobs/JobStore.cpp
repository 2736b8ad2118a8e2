#include "JobStore.h"

#include "store/Workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>
#include <cerrno>
#include <csignal>
#include <limits>
#include <sys/types.h>
#include <unistd.h>

namespace {

Error storeError(const Workspace& ws, const QString& what, const QSqlQuery& q)
{
    return Error(QStringLiteral("%1: %2").arg(what, q.lastError().text()), { ws.path() });
}

QStringList parseStepNames(const QString& json)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& v : array) {
        out.append(v.toString());
    }
    return out;
}

JobSummary readSummary(const QSqlQuery& q)
{
    // Columns as in kSummaryColumns.
    JobSummary s;
    s.id = q.value(0).toString();
    s.name = q.value(1).toString();
    s.createdMs = q.value(2).toLongLong();
    s.createdBy = q.value(3).toString();
    s.status = parseJobStatus(q.value(4).toString()).value_or(JobStatus::Running);
    s.targetDescription = q.value(5).toString();
    s.hostCount = q.value(6).toInt();
    s.stepNames = parseStepNames(q.value(7).toString());
    s.finishedMs = q.value(8).isNull() ? 0 : q.value(8).toLongLong();
    s.lastSeq = q.value(9).toLongLong();
    s.runner = q.value(10).toString();
    return s;
}

const QLatin1String kSummaryColumns("id, name, created_at, created_by, status, target_description, host_count, "
                                    "steps, finished_at, last_seq, runner");

// A LIMIT's value: "no limit" is the largest number on both databases (SQLite reads -1 so, PostgreSQL refuses it).
qint64 limitValue(qint64 limit)
{
    return limit < 0 ? std::numeric_limits<qint64>::max() : limit;
}

// Escapes LIKE's wildcards (ESCAPE '\').
QString likeLiteral(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
        }
        out += c;
    }
    return out;
}

// Field 22 of /proc/PID/stat (the start time in clock ticks since boot) and the state letter: a pid alone may
// have been reused by another program since the runner string was written.
struct ProcStat {
    bool exists = false;
    bool procAvailable = false;
    char state = '?';
    QByteArray startTicks;
};

ProcStat readProcStat(qint64 pid)
{
    ProcStat st;
    st.procAvailable = QFile::exists(QStringLiteral("/proc/self/stat"));
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return st;
    }
    const QByteArray line = f.readAll();
    // "PID (COMM) STATE PPID ..." — COMM may hold spaces and parentheses, so parse after the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0) {
        return st;
    }
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    if (fields.size() < 20) {
        return st;
    }
    st.exists = true;
    st.state = fields[0].isEmpty() ? '?' : fields[0].at(0);
    st.startTicks = fields[19]; // field 22 overall: fields[0] is field 3
    return st;
}

} // namespace

JobStore::JobStore(Workspace& workspace)
    : m_workspace(workspace)
{
}

Result<QList<QByteArray>> JobStore::eventLines(const QString& jobId, qint64 afterSeq, int limit) const
{
    QSqlQuery q(m_workspace.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT payload FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(jobId);
    q.addBindValue(afterSeq);
    q.addBindValue(limitValue(limit));
    if (!q.exec()) {
        return storeError(m_workspace, QStringLiteral("cannot read the events of job %1").arg(jobId), q);
    }
    QList<QByteArray> out;
    while (q.next()) {
        out.append(q.value(0).toString().toUtf8());
    }
    return out;
}

Result<QList<JobEvent>> JobStore::events(const QString& jobId, qint64 afterSeq, int limit) const
{
    auto lines = eventLines(jobId, afterSeq, limit);
    if (!lines) {
        return lines.error();
    }
    QList<JobEvent> out;
    out.reserve(lines->size());
    for (const QByteArray& line : std::as_const(*lines)) {
        auto e = JobEvent::fromJsonLine(line);
        if (!e) {
            return Error(QStringLiteral("job %1: a stored event after #%2 is damaged: %3")
                             .arg(jobId)
                             .arg(out.isEmpty() ? afterSeq : out.last().seq)
                             .arg(e.errorString()),
                { m_workspace.path() });
        }
        out.append(std::move(*e));
    }
    return out;
}

Result<QList<JobSummary>> JobStore::jobs(const JobFilter& filter) const
{
    QStringList where;
    QVariantList binds;
    if (filter.sinceMs > 0) {
        where.append(QStringLiteral("created_at >= ?"));
        binds.append(filter.sinceMs);
    }
    if (filter.untilMs > 0) {
        where.append(QStringLiteral("created_at < ?"));
        binds.append(filter.untilMs);
    }
    if (!filter.statuses.isEmpty()) {
        QStringList marks;
        for (JobStatus s : filter.statuses) {
            marks.append(QStringLiteral("?"));
            binds.append(jobStatusName(s));
        }
        where.append(QStringLiteral("status IN (%1)").arg(marks.join(QLatin1Char(','))));
    }
    if (!filter.host.isEmpty()) {
        where.append(QStringLiteral("id IN (SELECT job_id FROM job_hosts WHERE host = ?)"));
        binds.append(filter.host);
    }
    if (!filter.script.isEmpty()) {
        // SQLite's LIKE ignores ASCII case, PostgreSQL's does not: lower() on both sides means the same on both.
        where.append(
            QStringLiteral("(lower(name) LIKE lower(?) ESCAPE '\\' OR lower(steps) LIKE lower(?) ESCAPE '\\')"));
        const QString pattern = QLatin1Char('%') + likeLiteral(filter.script) + QLatin1Char('%');
        binds.append(pattern);
        binds.append(pattern);
    }
    if (!filter.createdBy.isEmpty()) {
        where.append(QStringLiteral("created_by = ?"));
        binds.append(filter.createdBy);
    }
    if (!filter.idPrefix.isEmpty()) {
        where.append(QStringLiteral("substr(id, 1, ?) = ?"));
        binds.append(filter.idPrefix.size());
        binds.append(filter.idPrefix);
    }
    QString sql = QStringLiteral("SELECT %1 FROM jobs").arg(kSummaryColumns);
    if (!where.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    }
    sql += QStringLiteral(" ORDER BY created_at DESC, id LIMIT ?");
    binds.append(limitValue(filter.limit));
    QSqlQuery q(m_workspace.database());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& b : std::as_const(binds)) {
        q.addBindValue(b);
    }
    if (!q.exec()) {
        return storeError(m_workspace, QStringLiteral("cannot read the job history"), q);
    }
    QList<JobSummary> out;
    while (q.next()) {
        out.append(readSummary(q));
    }
    return out;
}

Result<JobSummary> JobStore::job(const QString& jobId) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT %1 FROM jobs WHERE id = ?").arg(kSummaryColumns));
    q.addBindValue(jobId);
    if (!q.exec()) {
        return storeError(m_workspace, QStringLiteral("cannot read job %1").arg(jobId), q);
    }
    if (!q.next()) {
        return Error(
            QStringLiteral("no job %1 in this workspace (see `jobs list`)").arg(jobId), { m_workspace.path() });
    }
    return readSummary(q);
}

Result<QString> JobStore::resolveId(const QString& prefix) const
{
    if (prefix.isEmpty()) {
        return Error(QStringLiteral("no job id given"));
    }
    JobFilter f;
    f.idPrefix = prefix;
    f.limit = 2;
    auto found = jobs(f);
    if (!found) {
        return found.error();
    }
    if (found->isEmpty()) {
        return Error(
            QStringLiteral("no job %1 in this workspace (see `jobs list`)").arg(prefix), { m_workspace.path() });
    }
    if (found->size() > 1) {
        return Error(QStringLiteral("several jobs start with %1: give more of the id (see `jobs list`)").arg(prefix),
            { m_workspace.path() });
    }
    return found->first().id;
}

Result<JobState> JobStore::state(const QString& jobId) const
{
    auto evs = events(jobId);
    if (!evs) {
        return evs.error();
    }
    if (evs->isEmpty()) {
        return Error(
            QStringLiteral("no job %1 in this workspace (see `jobs list`)").arg(jobId), { m_workspace.path() });
    }
    auto state = JobState::replay(*evs);
    if (!state) {
        return Error(
            QStringLiteral("job %1: the stored events do not fit together: %2").arg(jobId, state.errorString()),
            { m_workspace.path() });
    }
    return state;
}

Result<QList<JobEvent>> JobStore::hostOutput(
    const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit) const
{
    QSqlQuery q(m_workspace.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT payload FROM job_events WHERE job_id = ? AND host = ? AND type = 'host.output' "
                             "AND (? < 0 OR step = ?) ORDER BY seq LIMIT ? OFFSET ?"));
    q.addBindValue(jobId);
    q.addBindValue(host);
    q.addBindValue(step);
    q.addBindValue(step);
    q.addBindValue(limitValue(limit));
    q.addBindValue(std::max<qint64>(0, offsetEvents));
    if (!q.exec()) {
        return storeError(m_workspace, QStringLiteral("cannot read the output of %1 in job %2").arg(host, jobId), q);
    }
    QList<JobEvent> out;
    while (q.next()) {
        auto e = JobEvent::fromJsonLine(q.value(0).toString().toUtf8());
        if (!e) {
            return Error(QStringLiteral("job %1: stored output of %2 is damaged: %3").arg(jobId, host, e.errorString()),
                { m_workspace.path() });
        }
        out.append(std::move(*e));
    }
    return out;
}

Result<qint64> JobStore::lastSeq(const QString& jobId) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM job_events WHERE job_id = ?"));
    q.addBindValue(jobId);
    if (!q.exec() || !q.next()) {
        return storeError(m_workspace, QStringLiteral("cannot read job %1").arg(jobId), q);
    }
    return q.value(0).toLongLong();
}

Result<QStringList> JobStore::markInterrupted()
{
    QSqlQuery q(m_workspace.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, runner FROM jobs WHERE finished_at IS NULL ORDER BY created_at"))) {
        return storeError(m_workspace, QStringLiteral("cannot read the job history"), q);
    }
    QList<std::pair<QString, QString>> unfinished;
    while (q.next()) {
        unfinished.append({ q.value(0).toString(), q.value(1).toString() });
    }
    q.finish();
    QStringList marked;
    for (const auto& [id, runner] : std::as_const(unfinished)) {
        if (runnerAlive(runner)) {
            continue;
        }
        const QString message
            = QStringLiteral("the job was interrupted: the program running it (%1) stopped before it finished; "
                             "hosts that were running have an unknown outcome")
                  .arg(describeRunner(runner));
        if (auto r = appendInterrupted(id, message); !r) {
            return r.error();
        }
        marked.append(id);
    }
    return marked;
}

Result<void> JobStore::markInterrupted(const QString& jobId, const QString& message)
{
    return appendInterrupted(jobId, message);
}

Result<void> JobStore::appendInterrupted(const QString& jobId, const QString& message)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_workspace.database());
        q.prepare(QStringLiteral("SELECT finished_at IS NULL FROM jobs WHERE id = ?"));
        q.addBindValue(jobId);
        if (!q.exec()) {
            return storeError(m_workspace, QStringLiteral("cannot read job %1").arg(jobId), q);
        }
        if (!q.next() || !q.value(0).toBool()) {
            return {}; // gone or finished meanwhile (another program marked it)
        }
        q.finish();
        q.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0), COALESCE(MAX(time), 0) FROM job_events WHERE "
                                 "job_id = ?"));
        q.addBindValue(jobId);
        if (!q.exec() || !q.next()) {
            return storeError(m_workspace, QStringLiteral("cannot read job %1").arg(jobId), q);
        }
        const qint64 lastSeq = q.value(0).toLongLong();
        const qint64 lastTime = q.value(1).toLongLong();
        q.finish();
        // A workflow run's stream says so in its own terms first (WorkflowRun folds either): workflow.finished
        // with outcome interrupted, then the job.finished that every job gets.
        q.prepare(QStringLiteral("SELECT 1 FROM job_events WHERE job_id = ? AND type = 'workflow.started' LIMIT 1"));
        q.addBindValue(jobId);
        if (!q.exec()) {
            return storeError(m_workspace, QStringLiteral("cannot read job %1").arg(jobId), q);
        }
        const bool workflowRun = q.next();
        q.finish();
        QList<JobEvent> append;
        if (workflowRun) {
            JobEvent w;
            w.type = JobEvent::Type::WorkflowFinished;
            w.outcome = QStringLiteral("interrupted");
            w.message = QString(message).replace(
                QLatin1String("the job was interrupted"), QLatin1String("the workflow was interrupted"));
            append.append(w);
        }
        // The same event JobEngine::restore() appends. Its time is that of the last recorded event, as
        // JobState::markInterruptedIfUnfinished() uses: the last moment the job is known to have been alive, so
        // durations of interrupted hosts are not stretched to when the workspace was opened again.
        JobEvent e;
        e.type = JobEvent::Type::JobFinished;
        e.jobStatus = JobStatus::Interrupted;
        e.message = message;
        append.append(e);
        qint64 seq = lastSeq;
        for (JobEvent& ev : append) {
            ev.jobId = jobId;
            ev.seq = ++seq;
            ev.timeMs = lastTime;
            QSqlQuery ins(m_workspace.database());
            ins.prepare(QStringLiteral("INSERT INTO job_events (job_id, seq, time, type, step, host, payload) VALUES "
                                       "(?, ?, ?, ?, NULL, NULL, ?)"));
            ins.addBindValue(jobId);
            ins.addBindValue(ev.seq);
            ins.addBindValue(ev.timeMs);
            ins.addBindValue(JobEvent::typeName(ev.type));
            ins.addBindValue(QString::fromUtf8(ev.toJsonLine()));
            if (!ins.exec()) {
                return storeError(m_workspace, QStringLiteral("cannot mark job %1 interrupted").arg(jobId), ins);
            }
        }
        e = append.last();
        QSqlQuery up(m_workspace.database());
        up.prepare(QStringLiteral("UPDATE jobs SET status = ?, finished_at = ?, last_seq = ? WHERE id = ?"));
        up.addBindValue(jobStatusName(JobStatus::Interrupted));
        up.addBindValue(e.timeMs);
        up.addBindValue(e.seq);
        up.addBindValue(jobId);
        if (!up.exec()) {
            return storeError(m_workspace, QStringLiteral("cannot mark job %1 interrupted").arg(jobId), up);
        }
        return {};
    });
}

QString JobStore::currentRunner()
{
    static const QString runner = [] {
        const qint64 pid = QCoreApplication::applicationPid();
        return QStringLiteral("%1/%2/%3@%4")
            .arg(QString::fromLatin1(QSysInfo::bootUniqueId()))
            .arg(pid)
            .arg(QString::fromLatin1(readProcStat(pid).startTicks), QSysInfo::machineHostName());
    }();
    return runner;
}

bool JobStore::runnerAlive(const QString& runner)
{
    // "BOOT/PID/TICKS@HOST"; anything else (empty, damaged) is a program we cannot find: not alive.
    const qsizetype at = runner.lastIndexOf(QLatin1Char('@'));
    if (at < 0) {
        return false;
    }
    const QStringList parts = runner.left(at).split(QLatin1Char('/'));
    if (parts.size() != 3) {
        return false;
    }
    // A workspace is a local file: a runner on another machine (a copied workspace) is not running here.
    if (runner.mid(at + 1) != QSysInfo::machineHostName()) {
        return false;
    }
    const QString boot = QString::fromLatin1(QSysInfo::bootUniqueId());
    if (!boot.isEmpty() && parts[0] != boot) {
        return false; // the machine restarted since
    }
    bool ok = false;
    const qint64 pid = parts[1].toLongLong(&ok);
    if (!ok || pid <= 0) {
        return false;
    }
    if (runner == currentRunner()) {
        return true;
    }
    const ProcStat st = readProcStat(pid);
    if (!st.procAvailable) {
        return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
    }
    if (!st.exists || st.state == 'Z' || st.state == 'X') {
        return false;
    }
    return QString::fromLatin1(st.startTicks) == parts[2];
}

QString JobStore::describeRunner(const QString& runner)
{
    const qsizetype at = runner.lastIndexOf(QLatin1Char('@'));
    const QStringList parts = runner.left(std::max<qsizetype>(at, 0)).split(QLatin1Char('/'));
    if (at < 0 || parts.size() != 3) {
        return QStringLiteral("unknown process");
    }
    return QStringLiteral("process %1 on %2").arg(parts[1], runner.mid(at + 1));
}
