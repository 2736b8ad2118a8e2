#include "JobEventWriter.h"

#include "jobs/JobStore.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace {

constexpr int kFlushIntervalMs = 100;
constexpr int kRetryMs = 1000;

bool flushesAtOnce(JobEvent::Type type)
{
    switch (type) {
    case JobEvent::Type::JobCreated:
    case JobEvent::Type::JobPaused:
    case JobEvent::Type::JobWaiting:
    case JobEvent::Type::JobFinished:
    // a workflow waiting for a person, or one that stopped or ended, must be in the store at once (a second
    // process answers approvals from the store)
    case JobEvent::Type::ApprovalRequested:
    case JobEvent::Type::ApprovalGiven:
    case JobEvent::Type::WorkflowPaused:
    case JobEvent::Type::WorkflowFinished:
        return true;
    default:
        return false;
    }
}

QString nn(const QString& s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

Error writeError(const Workspace& ws, const QString& what, const QSqlQuery& q)
{
    return Error(QStringLiteral("%1: %2").arg(what, q.lastError().text()), { ws.path() });
}

} // namespace

JobEventWriter::JobEventWriter(Workspace& workspace, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    m_interval.setInterval(kFlushIntervalMs);
    m_interval.setSingleShot(true);
    connect(&m_interval, &QTimer::timeout, this, [this] { (void)flush(); });
    m_retry.setInterval(kRetryMs);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] { (void)flush(); });
}

JobEventWriter::~JobEventWriter()
{
    if (!m_buffer.isEmpty()) {
        if (auto r = write(); !r) {
            // Nobody is left to tell through a signal at this point.
            qWarning("JobEventWriter: %lld events could not be stored: %s", qlonglong(m_buffer.size()),
                qPrintable(r.errorString()));
        }
    }
}

void JobEventWriter::append(const JobEvent& event)
{
    QString problem;
    if (!foldFor(event, &problem)) {
        // An event that does not continue its job's stored stream (unknown job, duplicate, gap) is not stored:
        // the stored streams always replay. Said loudly instead of dropped silently.
        emit writeFailed(
            QStringLiteral("event #%1 of job %2 cannot be stored: %3").arg(event.seq).arg(event.jobId, problem));
        return;
    }
    m_buffer.append(event);
    if (flushesAtOnce(event.type)) {
        (void)flush();
    } else if (!m_interval.isActive() && !m_retry.isActive()) {
        m_interval.start();
    }
}

const JobState* JobEventWriter::foldFor(const JobEvent& event, QString* problem)
{
    auto it = m_states.find(event.jobId);
    if (event.type == JobEvent::Type::JobCreated
        && (it != m_states.end() || JobStore(m_workspace).job(event.jobId).ok())) {
        // Its insert would fail and, being retried, block every later write.
        *problem = QStringLiteral("a job with this id is already stored");
        return nullptr;
    }
    if (it == m_states.end()) {
        JobState state;
        if (event.type != JobEvent::Type::JobCreated) {
            // A job of an earlier program (restored for a retry): everything before this event is stored.
            auto stored = JobStore(m_workspace).state(event.jobId);
            if (!stored) {
                *problem = stored.errorString();
                return nullptr;
            }
            state = std::move(*stored);
        }
        it = m_states.insert(event.jobId, std::move(state));
    }
    if (auto r = it->apply(event); !r) {
        // A duplicate or a gap: storing it would break the stream every view replays (or, for a duplicate, fail
        // the insert and block every later write).
        *problem = r.errorString();
        return nullptr;
    }
    return &*it;
}

QList<JobEvent> JobEventWriter::pending(const QString& jobId, qint64 afterSeq) const
{
    QList<JobEvent> out;
    for (const JobEvent& e : m_buffer) {
        if (e.jobId == jobId && e.seq > afterSeq) {
            out.append(e);
        }
    }
    return out;
}

Result<void> JobEventWriter::flush()
{
    m_interval.stop();
    m_retry.stop();
    if (m_buffer.isEmpty()) {
        return {};
    }
    auto r = write();
    if (!r) {
        const QString message = QStringLiteral("job history could not be saved (%1 events kept in memory and retried "
                                               "every second; free disk space or close the program holding the "
                                               "workspace): %2")
                                    .arg(m_buffer.size())
                                    .arg(r.errorString());
        if (r.errorString() != m_failure) {
            m_failure = r.errorString();
            emit writeFailed(message);
        }
        m_retry.start();
        return Error(message, r.error().where);
    }
    if (!m_failure.isEmpty()) {
        m_failure.clear();
        emit writeRecovered();
    }
    return {};
}

Result<void> JobEventWriter::writeJobRow(const JobEvent& created)
{
    if (!created.spec) {
        return Error(QStringLiteral("job %1: job.created without a spec").arg(created.jobId), { m_workspace.path() });
    }
    const JobSpec& spec = *created.spec;
    QJsonArray steps;
    for (const JobStep& s : spec.steps) {
        steps.append(s.displayName(false)); // the same in every language
    }
    const QStringList hosts = spec.allTargets();
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("INSERT INTO jobs (id, name, created_at, created_by, status, spec, target_description, "
                             "host_count, steps, finished_at, last_seq, runner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "NULL, 0, ?)"));
    q.addBindValue(created.jobId);
    q.addBindValue(nn(spec.name));
    q.addBindValue(created.timeMs);
    q.addBindValue(nn(created.by.isEmpty() ? spec.createdBy : created.by));
    q.addBindValue(jobStatusName(JobStatus::Running));
    q.addBindValue(QString::fromUtf8(QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(nn(spec.targetDescription));
    q.addBindValue(int(hosts.size()));
    q.addBindValue(QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact)));
    q.addBindValue(JobStore::currentRunner());
    if (!q.exec()) {
        return writeError(m_workspace, QStringLiteral("cannot store job %1").arg(created.jobId), q);
    }
    QSqlQuery h(m_workspace.database());
    h.prepare(QStringLiteral("INSERT INTO job_hosts (job_id, host) VALUES (?, ?) ON CONFLICT DO NOTHING"));
    for (const QString& host : hosts) {
        h.addBindValue(created.jobId);
        h.addBindValue(host);
        if (!h.exec()) {
            return writeError(m_workspace, QStringLiteral("cannot store job %1").arg(created.jobId), h);
        }
    }
    return {};
}

Result<void> JobEventWriter::write()
{
    QSet<QString> touched;
    auto r = m_workspace.inTransaction([&]() -> Result<void> {
        QSqlQuery ins(m_workspace.database());
        ins.prepare(QStringLiteral("INSERT INTO job_events (job_id, seq, time, type, step, host, payload) VALUES (?, "
                                   "?, ?, ?, ?, ?, ?)"));
        for (const JobEvent& e : std::as_const(m_buffer)) {
            if (e.type == JobEvent::Type::JobCreated) {
                if (auto row = writeJobRow(e); !row) {
                    return row;
                }
            }
            ins.addBindValue(e.jobId);
            ins.addBindValue(e.seq);
            ins.addBindValue(e.timeMs);
            ins.addBindValue(JobEvent::typeName(e.type));
            ins.addBindValue(e.step >= 0 ? QVariant(e.step) : QVariant(QMetaType(QMetaType::Int)));
            ins.addBindValue(e.host.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(e.host));
            ins.addBindValue(QString::fromUtf8(e.toJsonLine()));
            if (!ins.exec()) {
                return writeError(
                    m_workspace, QStringLiteral("cannot store event #%1 of job %2").arg(e.seq).arg(e.jobId), ins);
            }
            touched.insert(e.jobId);
        }
        // Each touched job's row says what the fold of its events says.
        QSqlQuery up(m_workspace.database());
        up.prepare(QStringLiteral("UPDATE jobs SET status = ?, finished_at = ?, last_seq = ?, runner = ? WHERE id = "
                                  "?"));
        for (const QString& id : std::as_const(touched)) {
            const auto it = m_states.constFind(id);
            if (it == m_states.cend() || it->isEmpty()) {
                continue;
            }
            up.addBindValue(jobStatusName(it->status()));
            up.addBindValue(it->isFinished() ? QVariant(it->finishedMs()) : QVariant(QMetaType(QMetaType::LongLong)));
            up.addBindValue(it->lastSeq());
            up.addBindValue(JobStore::currentRunner());
            up.addBindValue(id);
            if (!up.exec()) {
                return writeError(m_workspace, QStringLiteral("cannot update job %1").arg(id), up);
            }
            if (up.numRowsAffected() != 1) {
                return Error(QStringLiteral("job %1 is not in the store (its job.created was never written)").arg(id),
                    { m_workspace.path() });
            }
        }
        return {};
    });
    if (!r) {
        return r;
    }
    ++m_transactions;
    QHash<QString, qint64> last;
    for (const JobEvent& e : std::as_const(m_buffer)) {
        last.insert(e.jobId, e.seq);
    }
    m_buffer.clear();
    for (auto it = last.cbegin(); it != last.cend(); ++it) {
        // A finished job's fold is not needed any more; a later retry reloads it from the store.
        const auto st = m_states.constFind(it.key());
        if (st != m_states.cend() && st->isFinished()) {
            m_states.remove(it.key());
        }
        emit flushed(it.key(), it.value());
    }
    return {};
}
