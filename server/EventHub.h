#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

class Backend;
class JobSubscription;

// Where the WebSocket sessions (I/O thread) meet the backend's event stream (this object's thread): a subscription
// to one job after a sequence number delivers the stored events and then the live ones, in order, exactly once
// (Backend::subscribe), each as its JSON line to the session's sink, which must not block (it posts to the I/O
// thread). A fleet subscription does the same for every job: those not finished when it starts, those created
// since a given time, those named with a sequence number to resume after, and every job submitted while it lasts
// (followed on Backend::jobChanged; a finished job is let go after its job.finished and taken up again if it is
// retried). Subscriptions end with unsubscribe() or when the hub goes.
class EventHub : public QObject {
    Q_OBJECT
public:
    using Sink = std::function<void(const QByteArray& eventLine)>;
    using FleetSink = std::function<void(const QString& jobId, const QByteArray& eventLine)>;
    using Failed = std::function<void(const QString& message)>;
    static constexpr int kMaxFleetJobs = 1000; // jobs one fleet subscription takes up at its start

    explicit EventHub(Backend* backend, QObject* parent = nullptr);
    ~EventHub() override;
    // Returns a handle for unsubscribe(), or 0 with *error set (no such job, no backend).
    quint64 subscribe(const QString& jobId, qint64 afterSeq, Sink sink, Failed failed, QString* error);
    // Every job's events (see above); `after` maps job ids to the last sequence number the client has. Returns a
    // handle for unsubscribe(), or 0 with *error set.
    quint64 subscribeFleet(
        qint64 sinceMs, const QHash<QString, qint64>& after, FleetSink sink, Failed failed, QString* error);
    void unsubscribe(quint64 handle);
    // A schedule's event (Scheduler::scheduleEvent) to every fleet subscription, after what it has been given so far;
    // the sink receives it with an empty job id.
    void publishSchedule(const QJsonObject& event);
    int subscriptionCount() const { return int(m_subscriptions.size() + m_fleets.size()); }

private:
    struct Fleet;
    void follow(Fleet& fleet, const QString& jobId, qint64 afterSeq);
    void onJobChanged(const QString& jobId);

    Backend* m_backend;
    quint64 m_next = 0;
    QHash<quint64, QPointer<JobSubscription>> m_subscriptions;
    QHash<quint64, std::shared_ptr<Fleet>> m_fleets;
};
