#include "EventHub.h"

#include "Backend.h"

EventHub::EventHub(Backend* backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
{
}

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

void EventHub::unsubscribe(quint64 handle)
{
    if (QPointer<JobSubscription> s = m_subscriptions.take(handle)) {
        s->deleteLater();
    }
}
