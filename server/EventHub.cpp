#include "EventHub.h"

#include "Backend.h"

#include <QDateTime>
#include <QJsonDocument>

struct EventHub::Fleet {
    FleetSink sink;
    Failed failed;
    QHash<QString, QPointer<JobSubscription>> jobs; // followed now
    QHash<QString, qint64> last; // the last sequence number delivered per job, followed or not
};

EventHub::EventHub(Backend* backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
{
    if (m_backend) {
        connect(m_backend, &Backend::jobChanged, this, &EventHub::onJobChanged);
    }
}

EventHub::~EventHub() = default;

quint64 EventHub::subscribe(const QString& jobId, qint64 afterSeq, Sink sink, Failed failed, QString* error)
{
    if (!m_backend) {
        *error = QStringLiteral("this server has no job backend");
        return 0;
    }
    auto subscription = m_backend->subscribe(jobId, afterSeq, this);
    if (!subscription) {
        *error = subscription.errorString();
        return 0;
    }
    JobSubscription* s = *subscription;
    connect(s, &JobSubscription::jobEvent, s, [sink](const JobEvent& e) { sink(e.toJsonLine()); });
    connect(s, &JobSubscription::failed, s, [failed](const QString& message) { failed(message); });
    const quint64 handle = ++m_next;
    m_subscriptions.insert(handle, s);
    return handle;
}

quint64 EventHub::subscribeFleet(
    qint64 sinceMs, const QHash<QString, qint64>& after, FleetSink sink, Failed failed, QString* error)
{
    if (!m_backend) {
        *error = QStringLiteral("this server has no job backend");
        return 0;
    }
    JobFilter active;
    active.statuses
        = { JobStatus::Running, JobStatus::Paused, JobStatus::WaitingForConfirmation, JobStatus::Cancelling };
    active.limit = kMaxFleetJobs;
    auto jobs = m_backend->jobs(active);
    if (!jobs) {
        *error = jobs.errorString();
        return 0;
    }
    if (sinceMs > 0) {
        JobFilter recent;
        recent.sinceMs = sinceMs;
        recent.limit = kMaxFleetJobs;
        auto more = m_backend->jobs(recent);
        if (!more) {
            *error = more.errorString();
            return 0;
        }
        jobs->append(*more);
    }
    auto fleet = std::make_shared<Fleet>();
    fleet->sink = std::move(sink);
    fleet->failed = std::move(failed);
    fleet->last = after;
    const quint64 handle = ++m_next;
    m_fleets.insert(handle, fleet);
    // Oldest first, so that a client sees jobs in the order they began.
    for (auto it = jobs->crbegin(); it != jobs->crend(); ++it) {
        if (!fleet->jobs.contains(it->id) && (!isFinal(it->status) || fleet->last.value(it->id) < it->lastSeq)) {
            follow(*fleet, it->id, fleet->last.value(it->id));
        }
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!fleet->jobs.contains(it.key())) {
            onJobChanged(it.key()); // known to the client: what it missed, if anything
        }
    }
    return handle;
}

void EventHub::follow(Fleet& fleet, const QString& jobId, qint64 afterSeq)
{
    auto subscription = m_backend->subscribe(jobId, afterSeq, this);
    if (!subscription) {
        return; // gone (or never was): nothing to follow
    }
    JobSubscription* s = *subscription;
    fleet.jobs.insert(jobId, s);
    Fleet* f = &fleet;
    connect(s, &JobSubscription::jobEvent, s, [f, s, jobId](const JobEvent& e) {
        f->last.insert(jobId, e.seq);
        f->sink(jobId, e.toJsonLine());
        if (e.type == JobEvent::Type::JobFinished) {
            // Done: let it go (a retry makes it change again and it is followed from here).
            f->jobs.remove(jobId);
            s->disconnect();
            s->deleteLater();
        }
    });
    connect(s, &JobSubscription::failed, s, [f](const QString& message) { f->failed(message); });
}

void EventHub::onJobChanged(const QString& jobId)
{
    if (m_fleets.isEmpty()) {
        return;
    }
    const auto summary = m_backend->job(jobId);
    if (!summary) {
        return;
    }
    for (const auto& fleet : std::as_const(m_fleets)) {
        if (fleet->jobs.contains(jobId)) {
            continue;
        }
        const qint64 last = fleet->last.value(jobId);
        if (!isFinal(summary->status) || last < summary->lastSeq) {
            follow(*fleet, jobId, last);
        }
    }
}

void EventHub::unsubscribe(quint64 handle)
{
    if (QPointer<JobSubscription> s = m_subscriptions.take(handle)) {
        s->deleteLater();
    }
    if (const std::shared_ptr<Fleet> fleet = m_fleets.take(handle)) {
        for (const QPointer<JobSubscription>& s : std::as_const(fleet->jobs)) {
            delete s.data(); // now: its handlers point into the fleet, which goes with this scope
        }
    }
}

void EventHub::publishSchedule(const QJsonObject& event)
{
    const QByteArray line = QJsonDocument(event).toJson(QJsonDocument::Compact);
    for (const std::shared_ptr<Fleet>& fleet : std::as_const(m_fleets)) {
        fleet->sink(QString(), line);
    }
}
