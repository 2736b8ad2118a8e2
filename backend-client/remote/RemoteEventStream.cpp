#include "remote/RemoteEventStream.h"

#include "remote/RemoteHttpClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QWebSocket>

RemoteEventStream::RemoteEventStream(const RemoteOptions& options, RemoteHttpClient* http, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_http(http)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteEventStream::probe);
    m_ping.setInterval(std::max(100, m_options.pingIntervalMs));
    connect(&m_ping, &QTimer::timeout, this, [this] {
        if (!m_connected || !m_socket) {
            return;
        }
        if (QDateTime::currentMSecsSinceEpoch() - m_lastPongMs > 2LL * m_ping.interval()) {
            m_socketError = QStringLiteral("the server stopped answering pings");
            onDisconnected();
            return;
        }
        m_socket->ping();
    });
}

RemoteEventStream::~RemoteEventStream()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void RemoteEventStream::start()
{
    if (!m_started) {
        m_started = true;
        probe();
    }
}

void RemoteEventStream::setState(ConnectionState state, const QString& message)
{
    if (state == m_state && message == m_lastError) {
        return;
    }
    m_state = state;
    m_lastError = message;
    emit stateChanged(state, message);
}

void RemoteEventStream::scheduleReconnect(const QString& why)
{
    m_backoffMs = m_backoffMs == 0 ? m_options.reconnectMinMs : std::min(m_backoffMs * 2, m_options.reconnectMaxMs);
    setState(ConnectionState::Reconnecting, why);
    m_retry.start(m_backoffMs);
}

void RemoteEventStream::probe()
{
    // Whether the server is there and still takes the token: the WebSocket upgrade's refusal does not say why.
    RemoteHttpRequest info;
    info.path = QStringLiteral("/api/v1/info");
    const quint64 generation = m_generation;
    m_http->callAsync(info, this, [this, generation](const RemoteHttpAnswer& a) {
        if (generation != m_generation || m_connected) {
            return;
        }
        if (a.status == 401) {
            m_retry.stop();
            setState(ConnectionState::Unauthorized, m_http->failureMessage(a));
            return;
        }
        if (a.status != 200) {
            scheduleReconnect(m_http->failureMessage(a));
            return;
        }
        openSocket();
    });
}

void RemoteEventStream::openSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    const quint64 generation = ++m_generation;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setSslConfiguration(m_options.ssl);
    QWebSocket* socket = m_socket;
    connect(socket, &QWebSocket::connected, this, [this, generation] {
        if (generation == m_generation) {
            onConnected();
        }
    });
    connect(socket, &QWebSocket::disconnected, this, [this, generation] {
        if (generation == m_generation) {
            onDisconnected();
        }
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this, generation, socket](QAbstractSocket::SocketError) {
            if (generation == m_generation) {
                m_socketError = socket->errorString();
                if (!m_connected) {
                    onDisconnected(); // the connection or the upgrade failed: no disconnected() may follow
                }
            }
        });
    connect(socket, &QWebSocket::sslErrors, this, [this, socket](const QList<QSslError>& errors) {
        if (m_options.acceptSslErrors
            && m_options.acceptSslErrors(errors, socket->sslConfiguration().peerCertificateChain())) {
            socket->ignoreSslErrors(errors);
        }
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, generation](const QString& text) {
        if (generation == m_generation) {
            m_lastPongMs = QDateTime::currentMSecsSinceEpoch();
            onMessage(text);
        }
    });
    connect(socket, &QWebSocket::pong, this,
        [this](quint64, const QByteArray&) { m_lastPongMs = QDateTime::currentMSecsSinceEpoch(); });
    QUrl url = m_options.server.adjusted(QUrl::StripTrailingSlash);
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(url.path() + QStringLiteral("/api/v1/events"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_options.token.toLatin1());
    request.setSslConfiguration(m_options.ssl);
    m_socketError.clear();
    socket->open(request);
}

void RemoteEventStream::onConnected()
{
    m_connected = true;
    m_backoffMs = 0;
    m_lastPongMs = QDateTime::currentMSecsSinceEpoch();
    m_ping.start();
    setState(ConnectionState::Connected, QString());
    for (auto it = m_channels.begin(); it != m_channels.end(); ++it) {
        subscribeChannel(it.key(), false);
    }
}

void RemoteEventStream::onDisconnected()
{
    const bool was = m_connected;
    m_connected = false;
    m_ping.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    ++m_generation;
    QString why = m_socketError.isEmpty() ? QStringLiteral("the connection was closed") : m_socketError;
    m_socketError.clear();
    if (was) {
        why = QStringLiteral("connection lost: %1").arg(why);
    }
    scheduleReconnect(why);
}

void RemoteEventStream::reconnect()
{
    m_retry.stop();
    if (m_connected) {
        m_socketError = QStringLiteral("reconnecting on request");
        onDisconnected();
        m_retry.stop();
    }
    m_backoffMs = 0;
    ++m_generation;
    probe();
}

qint64 RemoteEventStream::lowestSeq(const Channel& channel)
{
    qint64 low = std::numeric_limits<qint64>::max();
    for (const QPointer<JobSubscription>& s : channel.subs) {
        if (s) {
            low = std::min(low, s->lastSeq());
        }
    }
    return low == std::numeric_limits<qint64>::max() ? 0 : low;
}

void RemoteEventStream::send(const QJsonObject& message)
{
    if (m_socket && m_connected) {
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
}

void RemoteEventStream::subscribeChannel(const QString& jobId, bool resubscribe)
{
    Channel& ch = m_channels[jobId];
    ch.streamSeq = lowestSeq(ch);
    if (!m_connected) {
        return; // onConnected() subscribes every channel
    }
    if (resubscribe) {
        // The server keeps a lagging subscription until told: end it before the new one.
        send({ { QStringLiteral("type"), QStringLiteral("unsubscribe") }, { QStringLiteral("job"), jobId } });
    }
    send({ { QStringLiteral("type"), QStringLiteral("subscribe") }, { QStringLiteral("job"), jobId },
        { QStringLiteral("after"), ch.streamSeq } });
}

void RemoteEventStream::add(JobSubscription* subscription)
{
    const QString jobId = subscription->jobId();
    const bool known = m_channels.contains(jobId);
    Channel& ch = m_channels[jobId];
    ch.subs.append(subscription);
    connect(subscription, &QObject::destroyed, this, &RemoteEventStream::removeSubscription);
    if (!known) {
        subscribeChannel(jobId, false);
    } else if (subscription->lastSeq() < ch.streamSeq) {
        subscribeChannel(jobId, true); // the stream has passed it: start again from it
    }
}

void RemoteEventStream::removeSubscription(QObject* subscription)
{
    for (auto it = m_channels.begin(); it != m_channels.end();) {
        it->subs.removeIf([subscription](const QPointer<JobSubscription>& s) {
            return s.isNull() || static_cast<QObject*>(s.data()) == subscription;
        });
        if (it->subs.isEmpty()) {
            send({ { QStringLiteral("type"), QStringLiteral("unsubscribe") }, { QStringLiteral("job"), it.key() } });
            it = m_channels.erase(it);
        } else {
            ++it;
        }
    }
}

void RemoteEventStream::onMessage(const QString& text)
{
    const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = m.value(QStringLiteral("type")).toString();
    const QString jobId = m.value(QStringLiteral("job")).toString();
    if (type == QLatin1String("event")) {
        onEvent(jobId, m.value(QStringLiteral("event")).toObject());
    } else if (type == QLatin1String("lagging")) {
        // We read too slowly: the server ended this job's stream; the store fills the gap.
        if (m_channels.contains(jobId)) {
            subscribeChannel(jobId, true);
        }
    } else if (type == QLatin1String("error")) {
        const QJsonObject e = m.value(QStringLiteral("error")).toObject();
        const QString message = e.value(QStringLiteral("message")).toString();
        if (e.value(QStringLiteral("code")).toString() == QLatin1String("not_found")) {
            for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it) {
                if (message.contains(it.key())) {
                    for (const QPointer<JobSubscription>& s : it->subs) {
                        if (s) {
                            emit s->failed(message);
                        }
                    }
                }
            }
            return;
        }
        emit problem(QStringLiteral("the server's event stream: %1").arg(message));
    }
}

void RemoteEventStream::onEvent(const QString& jobId, const QJsonObject& json)
{
    const auto it = m_channels.find(jobId);
    if (it == m_channels.end()) {
        return; // unsubscribed meanwhile
    }
    auto event = JobEvent::fromJson(json);
    if (!event) {
        emit problem(QStringLiteral("the server sent an event that cannot be read: %1").arg(event.errorString()));
        return;
    }
    // Only the current stream is consecutive; what an ended stream still had in flight comes with other numbers.
    if (event->seq == it->streamSeq + 1) {
        it->streamSeq = event->seq;
    }
    const qint64 streamSeq = it->streamSeq;
    const QList<QPointer<JobSubscription>> subs = it->subs; // a receiver may add or delete subscriptions
    bool behind = false;
    for (const QPointer<JobSubscription>& s : subs) {
        if (s && !s->deliver(*event) && s->lastSeq() < streamSeq) {
            behind = true;
        }
    }
    emit eventArrived(*event);
    if (behind && m_channels.contains(jobId)) {
        subscribeChannel(jobId, true);
    }
}
