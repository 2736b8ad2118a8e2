#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>

class Backend;
class JobSubscription;

// Where the WebSocket sessions (I/O thread) meet the backend's event stream (this object's thread): a subscription
// to one job after a sequence number delivers the stored events and then the live ones, in order, exactly once
// (Backend::subscribe), each as its JSON line to the session's sink, which must not block (it posts to the I/O
// thread). Subscriptions end with unsubscribe() or when the hub goes.
class EventHub : public QObject {
    Q_OBJECT
public:
    using Sink = std::function<void(const QByteArray& eventLine)>;
    using Failed = std::function<void(const QString& message)>;

    explicit EventHub(Backend* backend, QObject* parent = nullptr);
    // Returns a handle for unsubscribe(), or 0 with *error set (no such job, no backend).
    quint64 subscribe(const QString& jobId, qint64 afterSeq, Sink sink, Failed failed, QString* error);
    void unsubscribe(quint64 handle);
    int subscriptionCount() const { return int(m_subscriptions.size()); }

private:
    Backend* m_backend;
    quint64 m_next = 0;
    QHash<quint64, QPointer<JobSubscription>> m_subscriptions;
};
