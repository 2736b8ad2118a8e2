#pragma once

#include "Backend.h"
#include "remote/RemoteOptions.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QWebSocket;
class RemoteHttpClient;

// The one WebSocket of a RemoteBackend (GET /api/v1/events, docs/api/events.md) and the JobSubscriptions fed from
// it. Per job one server subscription serves every JobSubscription of that job; each of them gets every event
// after its own start exactly once and in order (JobSubscription::deliver drops what it already has). When a
// subscriber is behind what the server's stream has passed (it joined late, the server said `lagging`, or the
// connection dropped), the job is subscribed again from the lowest sequence number any subscriber has seen, and
// the store fills the gap. A dropped connection is reconnected by itself with a doubling backoff: first
// GET /api/v1/info says whether the server is there and the token still valid (401: unauthorized, no more
// retries until reconnect()), then the WebSocket opens and every job is subscribed again.
//
// Lives on the thread of its backend; events are delivered there.
class RemoteEventStream : public QObject {
    Q_OBJECT
public:
    enum class ConnectionState {
        Connecting, // the first connection is being made
        Connected,
        Reconnecting, // lost or not yet reachable; retrying (the message says the last error)
        Unauthorized, // the token was refused: nothing is retried until reconnect()
    };
    Q_ENUM(ConnectionState)

    RemoteEventStream(const RemoteOptions& options, RemoteHttpClient* http, QObject* parent = nullptr);
    ~RemoteEventStream() override;

    // Connects (once).
    void start();
    // Feeds `subscription` from its lastSeq on. It stays fed until it is destroyed.
    void add(JobSubscription* subscription);

    ConnectionState state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    // Drops the WebSocket now (as a lost connection would) and reconnects at once — also after Unauthorized.
    void reconnect();

signals:
    void stateChanged(RemoteEventStream::ConnectionState state, const QString& message);
    // Every event that arrived for a subscribed job (the backend turns status changes into jobChanged).
    void eventArrived(const JobEvent& event);
    // Something the operator must know that belongs to no call.
    void problem(const QString& message);

private:
    struct Channel {
        QList<QPointer<JobSubscription>> subs;
        qint64 streamSeq = 0; // the last event of the server's current stream for this job
    };

    void setState(ConnectionState state, const QString& message);
    void scheduleReconnect(const QString& why);
    void probe();
    void openSocket();
    void onConnected();
    void onDisconnected();
    void onMessage(const QString& text);
    void onEvent(const QString& jobId, const QJsonObject& json);
    void subscribeChannel(const QString& jobId, bool resubscribe);
    void removeSubscription(QObject* subscription);
    void send(const QJsonObject& message);
    static qint64 lowestSeq(const Channel& channel);

    RemoteOptions m_options;
    RemoteHttpClient* m_http;
    QWebSocket* m_socket = nullptr;
    QHash<QString, Channel> m_channels;
    ConnectionState m_state = ConnectionState::Connecting;
    QString m_lastError; // what the state says
    QString m_socketError; // why the current socket failed, while it is being found out
    bool m_started = false;
    bool m_connected = false;
    int m_backoffMs = 0;
    quint64 m_generation = 0; // a new socket per connection; signals of an old one are ignored
    QTimer m_retry;
    QTimer m_ping;
    qint64 m_lastPongMs = 0;
};
