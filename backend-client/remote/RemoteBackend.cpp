#include "remote/RemoteBackend.h"

#include "jobs/JobStatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace {

constexpr int kEventPage = 1000; // events per request: a page of output chunks stays far below the answer bound
constexpr int kServerMaxJobs = 1000;
constexpr qsizetype kCachedEvents = 200'000; // about the output a window of the job view shows, many times over

qint64 msOf(const QJsonValue& v)
{
    if (!v.isString()) {
        return 0;
    }
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

} // namespace

RemoteBackend::RemoteBackend(const RemoteOptions& options, QObject* parent)
    : Backend(parent)
    , m_options(options)
{
    m_http = std::make_unique<RemoteHttpClient>(options);
    m_stream = std::make_unique<RemoteEventStream>(options, m_http.get());
    connect(m_stream.get(), &RemoteEventStream::stateChanged, this,
        [this](RemoteEventStream::ConnectionState state, const QString& message) {
            emit streamStateChanged(state, message);
            emit connectionStateChanged(connectionState(), message);
        });
    connect(m_stream.get(), &RemoteEventStream::problem, this, &Backend::problem);
    connect(m_stream.get(), &RemoteEventStream::eventArrived, this, [this](const JobEvent& e) {
        if (JobEvent::changesJobStatus(e.type)) {
            emit jobChanged(e.jobId);
        }
    });
    m_stream->start();
    if (options.historyPollMs > 0) {
        connect(&m_historyPoll, &QTimer::timeout, this, &RemoteBackend::pollHistory);
        m_historyPoll.start(options.historyPollMs);
        pollHistory();
    }
}

void RemoteBackend::pollHistory()
{
    if (m_pollPending) {
        return;
    }
    m_pollPending = true;
    RemoteHttpRequest r;
    r.path = QStringLiteral("/api/v1/jobs?limit=100");
    m_http->callAsync(r, this, [this](const RemoteHttpAnswer& a) {
        m_pollPending = false;
        const auto page = m_http->json(a);
        if (!page) {
            return; // the event stream's connection state tells of an unreachable server
        }
        QStringList changed;
        for (const QJsonValue& v : page->value(QStringLiteral("jobs")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString id = o.value(QStringLiteral("id")).toString();
            const QString seen = o.value(QStringLiteral("status")).toString() + u' '
                + o.value(QStringLiteral("finishedAt")).toString();
            const auto it = m_seenStatus.find(id);
            if (it == m_seenStatus.end() || *it != seen) {
                m_seenStatus.insert(id, seen);
                changed << id;
            }
        }
        // The first answer only says what there is.
        if (std::exchange(m_polledOnce, true)) {
            for (const QString& id : std::as_const(changed)) {
                emit jobChanged(id);
            }
        }
    });
}

RemoteBackend::~RemoteBackend()
{
    m_http.reset(); // no callback can reach the stream after this
    m_stream.reset();
}

QString RemoteBackend::jobPath(const QString& jobId)
{
    return QStringLiteral("/api/v1/jobs/") + QString::fromLatin1(QUrl::toPercentEncoding(jobId));
}

Result<QString> RemoteBackend::checkConnection()
{
    auto info = m_http->get(QStringLiteral("/api/v1/info"));
    if (!info) {
        return info.error();
    }
    return info->value(QStringLiteral("role")).toString();
}

QString RemoteBackend::displayName() const
{
    return QCoreApplication::translate("BackendInfo", "Server %1").arg(m_http->serverText());
}

Result<QString> RemoteBackend::submit(const JobSpec& spec)
{
    if (auto valid = spec.validate(); !valid) {
        return valid.error();
    }
    auto created = m_http->post(QStringLiteral("/api/v1/jobs"), spec.toJson());
    if (!created) {
        return created.error();
    }
    const QString id = created->value(QStringLiteral("id")).toString();
    QStringList names;
    for (const JobStep& s : spec.steps) {
        names << s.displayName(false); // as the store keeps them: the same in every language
    }
    m_stepNames.insert(id, names);
    emit jobChanged(id);
    return id;
}

Result<void> RemoteBackend::intervene(const QString& jobId, const QString& action, const QJsonObject& body)
{
    auto done = m_http->post(jobPath(jobId) + u'/' + action, body);
    if (!done) {
        return done.error();
    }
    emit jobChanged(jobId);
    return {};
}

Result<void> RemoteBackend::pause(const QString& jobId)
{
    return intervene(jobId, QStringLiteral("pause"));
}

Result<void> RemoteBackend::resume(const QString& jobId)
{
    return intervene(jobId, QStringLiteral("resume"));
}

Result<void> RemoteBackend::cancel(const QString& jobId)
{
    return intervene(jobId, QStringLiteral("cancel"));
}

Result<void> RemoteBackend::confirmNextBatch(const QString& jobId)
{
    return intervene(jobId, QStringLiteral("confirm"));
}

Result<void> RemoteBackend::retryFailed(const QString& jobId)
{
    return intervene(jobId, QStringLiteral("retry-failed"));
}

Result<void> RemoteBackend::retryFailedAndNotStarted(const QString& jobId)
{
    return intervene(jobId, QStringLiteral("retry-failed-and-not-started"));
}

Result<void> RemoteBackend::rerunStep(const QString& jobId, int step)
{
    return intervene(jobId, QStringLiteral("rerun"), { { QStringLiteral("step"), step + 1 } });
}

Result<JobSubscription*> RemoteBackend::subscribe(const QString& jobId, qint64 afterSeq, QObject* parent)
{
    // "No such job" is an error of this call, as with the direct backend; the stream does the rest.
    auto found = m_http->get(jobPath(jobId));
    if (!found) {
        return found.error();
    }
    auto* subscription = new JobSubscription(jobId, afterSeq, parent);
    m_stream->add(subscription);
    return subscription;
}

Result<JobSummary> RemoteBackend::summaryFrom(const QJsonObject& o) const
{
    JobSummary s;
    s.id = o.value(QStringLiteral("id")).toString();
    s.name = o.value(QStringLiteral("name")).toString();
    s.createdMs = msOf(o.value(QStringLiteral("createdAt")));
    s.createdBy = o.value(QStringLiteral("createdBy")).toString();
    const auto status = parseJobStatus(o.value(QStringLiteral("status")).toString());
    if (s.id.isEmpty() || !status) {
        return Error(QStringLiteral("the server at %1 sent a job without an id or with an unknown status")
                         .arg(m_http->serverText()));
    }
    s.status = *status;
    s.targetDescription = o.value(QStringLiteral("targets")).toString();
    s.hostCount = o.value(QStringLiteral("hostCount")).toInt();
    s.lastSeq = o.value(QStringLiteral("lastSeq")).toInteger();
    s.finishedMs = msOf(o.value(QStringLiteral("finishedAt")));
    s.stepNames = m_stepNames.value(s.id);
    return s;
}

Result<void> RemoteBackend::fillStepNames(QList<JobSummary>* jobs)
{
    QList<RemoteHttpRequest> requests;
    QList<qsizetype> which;
    for (qsizetype i = 0; i < jobs->size(); ++i) {
        if (!m_stepNames.contains(jobs->at(i).id)) {
            RemoteHttpRequest r;
            r.path = jobPath(jobs->at(i).id) + QStringLiteral("/events?after=0&limit=1");
            requests << r;
            which << i;
        }
    }
    // In slices: the server bounds its connections, and one slice's answers come in parallel.
    constexpr qsizetype kSlice = 32;
    for (qsizetype start = 0; start < requests.size(); start += kSlice) {
        const QList<RemoteHttpAnswer> answers = m_http->callAll(requests.mid(start, kSlice));
        for (qsizetype k = 0; k < answers.size(); ++k) {
            auto page = m_http->json(answers.at(k));
            if (!page) {
                return page.error();
            }
            const QJsonArray events = page->value(QStringLiteral("events")).toArray();
            QStringList names;
            if (!events.isEmpty()) {
                auto created = JobEvent::fromJson(events.first().toObject());
                if (created && created->spec) {
                    for (const JobStep& s : created->spec->steps) {
                        names << s.displayName(false); // as the store keeps them: the same in every language
                    }
                }
            }
            m_stepNames.insert(jobs->at(which.at(start + k)).id, names);
        }
    }
    for (JobSummary& s : *jobs) {
        s.stepNames = m_stepNames.value(s.id);
    }
    return {};
}

Result<QList<JobSummary>> RemoteBackend::jobs(const JobFilter& filter)
{
    // The server filters by host and one status and cuts at a limit; the rest is filtered here, after asking for
    // as many as it gives.
    const bool local = filter.statuses.size() > 1 || !filter.script.isEmpty() || !filter.createdBy.isEmpty()
        || !filter.idPrefix.isEmpty() || filter.sinceMs > 0 || filter.untilMs > 0;
    const int ask = local || filter.limit < 0 ? kServerMaxJobs : std::min(filter.limit, kServerMaxJobs);
    QString path = QStringLiteral("/api/v1/jobs?limit=%1").arg(std::max(ask, 1));
    if (!filter.host.isEmpty()) {
        path += QStringLiteral("&host=") + QString::fromLatin1(QUrl::toPercentEncoding(filter.host));
    }
    if (filter.statuses.size() == 1) {
        path += QStringLiteral("&status=") + jobStatusName(filter.statuses.first());
    }
    auto answer = m_http->get(path);
    if (!answer) {
        return answer.error();
    }
    QList<JobSummary> out;
    for (const QJsonValue& v : answer->value(QStringLiteral("jobs")).toArray()) {
        auto s = summaryFrom(v.toObject());
        if (!s) {
            return s.error();
        }
        const bool keep = (filter.statuses.size() <= 1 || filter.statuses.contains(s->status))
            && (filter.createdBy.isEmpty() || s->createdBy == filter.createdBy)
            && (filter.idPrefix.isEmpty() || s->id.startsWith(filter.idPrefix))
            && (filter.sinceMs <= 0 || s->createdMs >= filter.sinceMs)
            && (filter.untilMs <= 0 || s->createdMs < filter.untilMs);
        if (keep) {
            out << *s;
        }
    }
    if (!filter.script.isEmpty()) {
        if (auto filled = fillStepNames(&out); !filled) {
            return filled.error();
        }
        out.removeIf([&](const JobSummary& s) {
            if (s.name.contains(filter.script, Qt::CaseInsensitive)) {
                return false;
            }
            for (const QString& step : s.stepNames) {
                if (step.contains(filter.script, Qt::CaseInsensitive)) {
                    return false;
                }
            }
            return true;
        });
    }
    if (filter.limit == 0) {
        out.clear();
    } else if (filter.limit > 0 && out.size() > filter.limit) {
        out.resize(filter.limit);
    }
    if (auto filled = fillStepNames(&out); !filled) {
        return filled.error();
    }
    return out;
}

Result<JobSummary> RemoteBackend::job(const QString& jobId)
{
    auto answer = m_http->get(jobPath(jobId));
    if (!answer) {
        return answer.error();
    }
    auto s = summaryFrom(*answer);
    if (!s) {
        return s.error();
    }
    QList<JobSummary> one { *s };
    if (auto filled = fillStepNames(&one); !filled) {
        return filled.error();
    }
    return one.first();
}

Result<QList<QJsonObject>> RemoteBackend::eventObjects(const QString& jobId, qint64 afterSeq, int limit)
{
    QList<QJsonObject> out;
    qint64 after = afterSeq;
    while (limit < 0 || out.size() < limit) {
        const int ask = limit < 0 ? kEventPage : int(std::min<qsizetype>(kEventPage, limit - out.size()));
        auto page = m_http->get(jobPath(jobId) + QStringLiteral("/events?after=%1&limit=%2").arg(after).arg(ask));
        if (!page) {
            return page.error();
        }
        const QJsonArray events = page->value(QStringLiteral("events")).toArray();
        for (const QJsonValue& v : events) {
            out << v.toObject();
        }
        if (events.size() < ask) {
            break;
        }
        after = events.last().toObject().value(QStringLiteral("seq")).toInteger();
    }
    return out;
}

Result<QList<JobEvent>> RemoteBackend::events(const QString& jobId, qint64 afterSeq, int limit)
{
    auto objects = eventObjects(jobId, afterSeq, limit);
    if (!objects) {
        return objects.error();
    }
    QList<JobEvent> out;
    out.reserve(objects->size());
    for (const QJsonObject& o : std::as_const(*objects)) {
        auto e = JobEvent::fromJson(o);
        if (!e) {
            return Error(QStringLiteral("the server at %1 sent an event that cannot be read: %2")
                             .arg(m_http->serverText(), e.errorString()));
        }
        out << *e;
    }
    return out;
}

Result<QList<JobEvent>> RemoteBackend::allEvents(const QString& jobId)
{
    if (jobId != m_cachedJob) {
        m_cachedJob.clear();
        m_cachedEvents.clear();
    }
    const qint64 after = m_cachedEvents.isEmpty() ? 0 : m_cachedEvents.last().seq;
    auto more = events(jobId, after);
    if (!more) {
        return more.error();
    }
    if (m_cachedEvents.size() + more->size() > kCachedEvents) {
        QList<JobEvent> all = m_cachedEvents + *more;
        m_cachedJob.clear();
        m_cachedEvents.clear();
        return all;
    }
    m_cachedJob = jobId;
    m_cachedEvents.append(*more);
    return m_cachedEvents; // shared, not copied
}

Result<JobState> RemoteBackend::state(const QString& jobId)
{
    auto all = allEvents(jobId);
    if (!all) {
        return all.error();
    }
    return JobState::replay(*all);
}

Result<QList<JobEvent>> RemoteBackend::hostOutput(
    const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit)
{
    // The API has no route for one host's output yet: the job's events are read and filtered here.
    auto all = allEvents(jobId);
    if (!all) {
        return all.error();
    }
    QList<JobEvent> out;
    qint64 skipped = 0;
    for (const JobEvent& e : std::as_const(*all)) {
        if (e.type != JobEvent::Type::HostOutput || e.host != host || (step >= 0 && e.step != step)) {
            continue;
        }
        if (skipped++ < offsetEvents) {
            continue;
        }
        if (limit >= 0 && out.size() >= limit) {
            break;
        }
        out << e;
    }
    return out;
}

Result<QString> RemoteBackend::resolveId(const QString& prefix)
{
    if (prefix.isEmpty()) {
        return Error(QStringLiteral("no job ID given"));
    }
    if (auto exact = m_http->get(jobPath(prefix)); exact) {
        return prefix;
    }
    JobFilter filter;
    filter.idPrefix = prefix;
    auto found = jobs(filter);
    if (!found) {
        return found.error();
    }
    if (found->isEmpty()) {
        return Error(QStringLiteral("no job with an id starting with '%1' on the server at %2")
                         .arg(prefix, m_http->serverText()));
    }
    if (found->size() > 1) {
        // The candidates, newest first (as the server lists them), so that the next try can pick one.
        constexpr qsizetype kNamed = 10;
        QStringList candidates;
        for (qsizetype i = 0; i < std::min(found->size(), kNamed); ++i) {
            const JobSummary& j = found->at(i);
            candidates << QStringLiteral("%1 (%2)").arg(j.id, j.name);
        }
        if (found->size() > kNamed) {
            candidates << QStringLiteral("…");
        }
        return Error(QStringLiteral("'%1' matches %2 jobs on the server: give more of the id: %3")
                         .arg(prefix)
                         .arg(found->size())
                         .arg(candidates.join(QStringLiteral(", "))));
    }
    return found->first().id;
}

RemoteBackend::StreamState RemoteBackend::streamState() const
{
    return m_stream->state();
}

Backend::ConnectionState RemoteBackend::connectionState() const
{
    switch (m_stream->state()) {
    case StreamState::Connecting:
    case StreamState::Connected:
        return ConnectionState::Connected;
    case StreamState::Reconnecting:
        return ConnectionState::Reconnecting;
    case StreamState::Unauthorized:
        return ConnectionState::Unauthorized;
    }
    return ConnectionState::Reconnecting;
}

QString RemoteBackend::connectionError() const
{
    return m_stream->lastError();
}

void RemoteBackend::reconnect()
{
    m_stream->reconnect();
}
