#include "WebSocketSession.h"

#include "EventHub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <cstdio>

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

namespace {

constexpr std::size_t kMaxMessageIn = 64 * 1024;
constexpr int kMaxSubscriptions = 100;

std::string toStd(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

// A string as a JSON string literal, quotes and escapes included.
std::string jsonString(const QString& s)
{
    const QByteArray a = QJsonDocument(QJsonArray { s }).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2).toStdString();
}

// A non-negative integer field of a message (absent: 0), or -1 when it is anything else.
qint64 counterField(const QJsonObject& o, const QString& key)
{
    const QJsonValue v = o.value(key);
    return v.isUndefined() ? 0 : v.toInteger(-1);
}

// Ends a hub subscription from the I/O thread (0: none).
void releaseOnHub(const QPointer<EventHub>& hub, quint64 handle)
{
    if (handle == 0) {
        return;
    }
    QMetaObject::invokeMethod(
        hub,
        [hub, handle] {
            if (hub)
                hub->unsubscribe(handle);
        },
        Qt::QueuedConnection);
}

} // namespace

template <class NextLayer>
WebSocketSession<NextLayer>::WebSocketSession(NextLayer&& stream, QPointer<EventHub> hub, QString who, QString address,
    std::shared_ptr<ConnectionSlot> slot, std::size_t maxQueued)
    : m_ws(std::move(stream))
    , m_slot(std::move(slot))
    , m_hub(std::move(hub))
    , m_who(std::move(who))
    , m_address(std::move(address))
    , m_maxQueued(std::max<std::size_t>(1, maxQueued))
{
}

template <class NextLayer> WebSocketSession<NextLayer>::~WebSocketSession()
{
    closeSubscriptions();
}

template <class NextLayer>
void WebSocketSession<NextLayer>::start(beast::http::request<beast::http::string_body> request)
{
    beast::get_lowest_layer(m_ws).expires_never(); // the websocket's own timeouts from here on
    m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    m_ws.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "opsdeck-server"); }));
    m_ws.read_message_max(kMaxMessageIn);
    m_ws.text(true);
    m_ws.async_accept(request, [self = self()](beast::error_code ec) {
        if (!ec) {
            self->readNext();
        }
    });
}

template <class NextLayer> void WebSocketSession<NextLayer>::readNext()
{
    m_ws.async_read(m_buffer, [self = self()](beast::error_code ec, std::size_t) {
        if (ec) {
            self->m_closed = true;
            self->closeSubscriptions();
            return; // closed, timed out (no pong), or a message over the limit: the connection ends
        }
        const QByteArray text = QByteArray::fromStdString(beast::buffers_to_string(self->m_buffer.data()));
        self->m_buffer.consume(self->m_buffer.size());
        self->onMessage(text);
        self->readNext();
    });
}

template <class NextLayer>
void WebSocketSession<NextLayer>::sendError(const QString& code, const QString& message, const QString& field)
{
    QJsonObject e { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    e.insert(QStringLiteral("field"), field.isEmpty() ? QJsonValue() : QJsonValue(field));
    send(toStd({ { QStringLiteral("type"), QStringLiteral("error") }, { QStringLiteral("error"), e } }));
}

template <class NextLayer> void WebSocketSession<NextLayer>::onMessage(const QByteArray& text)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("a message must be a JSON object"));
        return;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value(QStringLiteral("type")).toString();
    const QString job = o.value(QStringLiteral("job")).toString();
    if (type != QLatin1String("subscribe") && type != QLatin1String("unsubscribe")) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("type must be subscribe or unsubscribe"),
            QStringLiteral("type"));
        return;
    }
    if (o.contains(QStringLiteral("fleet"))) {
        if (o.value(QStringLiteral("fleet")) != QJsonValue(true) || o.contains(QStringLiteral("job"))) {
            sendError(QStringLiteral("bad_request"), QStringLiteral("fleet must be true, and without a job"),
                QStringLiteral("fleet"));
            return;
        }
        onFleetMessage(type, o);
        return;
    }
    if (job.isEmpty() || job.size() > 200) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("job must be a job id"), QStringLiteral("job"));
        return;
    }
    if (type == QLatin1String("unsubscribe")) {
        const auto it = m_subs.find(job);
        if (it != m_subs.end()) {
            const quint64 handle = it->second.handle;
            m_subs.erase(it);
            unsubscribeFromHub(handle);
        }
        return;
    }
    const qint64 after = counterField(o, QStringLiteral("after"));
    if (after < 0) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("after must be a sequence number (0 or more)"),
            QStringLiteral("after"));
        return;
    }
    if (const auto it = m_subs.find(job); it != m_subs.end() && it->second.dropped) {
        unsubscribeFromHub(it->second.handle); // resuming after `lagging`: this one replaces it
        m_subs.erase(it);
    }
    if (m_subs.count(job) > 0) {
        sendError(
            QStringLiteral("bad_request"), QStringLiteral("already subscribed to %1").arg(job), QStringLiteral("job"));
        return;
    }
    if (refuseAnotherSubscription()) {
        return;
    }
    const quint64 generation = ++m_generation;
    m_subs[job] = Sub { 0, after, false, generation };
    // The subscription lives on the hub's thread; what it delivers comes back to this connection's executor.
    // Everything coming back carries the generation it was made for: a later subscription to the same job (after
    // an unsubscribe or `lagging`) never receives what was meant for an earlier one.
    std::weak_ptr<WebSocketSession> weak = this->self();
    auto executor = m_ws.get_executor();
    QMetaObject::invokeMethod(
        m_hub,
        [hub = m_hub, weak, executor, job, after, generation] {
            if (!hub) {
                return;
            }
            const auto deliver = [weak, executor, job, generation](const QByteArray& line) {
                net::post(executor, [weak, job, line, generation] {
                    auto self = weak.lock();
                    if (!self) {
                        return;
                    }
                    const auto it = self->m_subs.find(job);
                    if (it == self->m_subs.end() || it->second.dropped || it->second.generation != generation) {
                        return;
                    }
                    const qint64 seq = QJsonDocument::fromJson(line).object().value(QStringLiteral("seq")).toInteger();
                    if (self->m_queue.size() >= self->m_maxQueued) {
                        // Too slow: tell it where to pick up, and stop feeding it this job.
                        it->second.dropped = true;
                        self->send(toStd({ { QStringLiteral("type"), QStringLiteral("lagging") },
                            { QStringLiteral("job"), job }, { QStringLiteral("after"), it->second.lastSeq } }));
                        self->unsubscribeFromHub(it->second.handle);
                        it->second.handle = 0;
                        return;
                    }
                    it->second.lastSeq = seq;
                    // The stored line as it is: no re-encoding of events on their way to each subscriber.
                    self->send("{\"type\":\"event\",\"job\":" + jsonString(job)
                        + ",\"event\":" + line.trimmed().toStdString() + "}");
                });
            };
            const auto failed = [weak, executor, job](const QString& message) {
                net::post(executor, [weak, job, message] {
                    if (auto self = weak.lock()) {
                        self->sendError(QStringLiteral("internal"), message, QStringLiteral("job"));
                    }
                });
            };
            QString error;
            const quint64 handle = hub->subscribe(job, after, deliver, failed, &error);
            net::post(executor, [weak, job, handle, error, hub, generation] {
                auto self = weak.lock();
                if (!self || self->m_closed) {
                    releaseOnHub(hub, handle);
                    return;
                }
                const auto it = self->m_subs.find(job);
                const bool current = it != self->m_subs.end() && it->second.generation == generation;
                if (!current || it->second.dropped) {
                    releaseOnHub(hub, handle); // unsubscribed (or lagging) before the hub answered
                } else if (handle == 0) {
                    self->m_subs.erase(it);
                    self->sendError(QStringLiteral("not_found"), error, QStringLiteral("job"));
                } else {
                    it->second.handle = handle;
                }
            });
        },
        Qt::QueuedConnection);
}

template <class NextLayer> void WebSocketSession<NextLayer>::send(std::string message)
{
    m_queue.push_back(std::move(message));
    if (!m_writing) {
        writeNext();
    }
}

template <class NextLayer> void WebSocketSession<NextLayer>::writeNext()
{
    if (m_queue.empty() || m_closed) {
        m_writing = false;
        return;
    }
    m_writing = true;
    m_ws.async_write(net::buffer(m_queue.front()), [self = self()](beast::error_code ec, std::size_t) {
        if (ec) {
            self->m_closed = true;
            self->m_queue.clear();
            self->m_writing = false;
            return;
        }
        self->m_queue.pop_front();
        self->writeNext();
    });
}

template <class NextLayer> bool WebSocketSession<NextLayer>::refuseAnotherSubscription()
{
    if (int(m_subs.size()) + (m_fleet.active ? 1 : 0) < kMaxSubscriptions) {
        return false;
    }
    sendError(QStringLiteral("too_many_requests"),
        QStringLiteral("at most %1 subscriptions per connection").arg(kMaxSubscriptions));
    return true;
}

template <class NextLayer> void WebSocketSession<NextLayer>::unsubscribeFromHub(quint64 handle)
{
    releaseOnHub(m_hub, handle);
}

template <class NextLayer> void WebSocketSession<NextLayer>::closeSubscriptions()
{
    for (const auto& [job, sub] : m_subs) {
        unsubscribeFromHub(sub.handle);
    }
    m_subs.clear();
    unsubscribeFromHub(m_fleet.handle);
    m_fleet = Fleet();
}

// {"type":"subscribe","fleet":true,"since":MS,"after":{"ID":SEQ,…}} and {"type":"unsubscribe","fleet":true}.
template <class NextLayer> void WebSocketSession<NextLayer>::onFleetMessage(const QString& type, const QJsonObject& o)
{
    if (type == QLatin1String("unsubscribe")) {
        unsubscribeFromHub(m_fleet.handle);
        m_fleet = Fleet();
        return;
    }
    if (m_fleet.active && m_fleet.dropped) {
        unsubscribeFromHub(m_fleet.handle); // resuming after `lagging`
        m_fleet = Fleet();
    }
    if (m_fleet.active) {
        sendError(
            QStringLiteral("bad_request"), QStringLiteral("already subscribed to the fleet"), QStringLiteral("fleet"));
        return;
    }
    if (refuseAnotherSubscription()) {
        return;
    }
    const qint64 since = counterField(o, QStringLiteral("since"));
    if (since < 0) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("since must be a time in ms since the epoch"),
            QStringLiteral("since"));
        return;
    }
    const QJsonValue afterValue = o.value(QStringLiteral("after"));
    if (!afterValue.isUndefined() && !afterValue.isObject()) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("after must map job ids to sequence numbers"),
            QStringLiteral("after"));
        return;
    }
    const QJsonObject afterObject = afterValue.toObject();
    if (afterObject.size() > EventHub::kMaxFleetJobs) {
        sendError(QStringLiteral("bad_request"),
            QStringLiteral("after names at most %1 jobs").arg(EventHub::kMaxFleetJobs), QStringLiteral("after"));
        return;
    }
    QHash<QString, qint64> after;
    for (auto it = afterObject.begin(); it != afterObject.end(); ++it) {
        const qint64 seq = it.value().toInteger(-1);
        if (seq < 0 || it.key().isEmpty() || it.key().size() > 200) {
            sendError(QStringLiteral("bad_request"),
                QStringLiteral("after.%1 must be a sequence number (0 or more)").arg(it.key().left(200)),
                QStringLiteral("after"));
            return;
        }
        after.insert(it.key(), seq);
        m_fleet.lastSeq[it.key()] = seq;
    }
    m_fleet.active = true;
    const quint64 generation = ++m_generation;
    m_fleet.generation = generation;
    std::weak_ptr<WebSocketSession> weak = this->self();
    auto executor = m_ws.get_executor();
    QMetaObject::invokeMethod(
        m_hub,
        [hub = m_hub, weak, executor, since, after, generation] {
            if (!hub) {
                return;
            }
            const auto deliver = [weak, executor, generation](const QString& job, const QByteArray& line) {
                net::post(executor, [weak, job, line, generation] {
                    auto self = weak.lock();
                    if (!self || !self->m_fleet.active || self->m_fleet.dropped
                        || self->m_fleet.generation != generation) {
                        return;
                    }
                    if (self->m_queue.size() >= self->m_maxQueued) {
                        // Too slow: the whole fleet subscription ends; the client resumes from these numbers.
                        self->m_fleet.dropped = true;
                        QJsonObject last;
                        for (const auto& [id, seq] : self->m_fleet.lastSeq) {
                            last.insert(id, seq);
                        }
                        self->send(toStd({ { QStringLiteral("type"), QStringLiteral("lagging") },
                            { QStringLiteral("fleet"), true }, { QStringLiteral("after"), last } }));
                        self->unsubscribeFromHub(self->m_fleet.handle);
                        self->m_fleet.handle = 0;
                        return;
                    }
                    if (job.isEmpty()) {
                        // A schedule's event (EventHub::publishSchedule): not a job's, no sequence number.
                        self->send("{\"type\":\"schedule\",\"event\":" + line.trimmed().toStdString() + "}");
                        return;
                    }
                    self->m_fleet.lastSeq[job]
                        = QJsonDocument::fromJson(line).object().value(QStringLiteral("seq")).toInteger();
                    self->send("{\"type\":\"event\",\"job\":" + jsonString(job)
                        + ",\"event\":" + line.trimmed().toStdString() + "}");
                });
            };
            const auto failed = [weak, executor](const QString& message) {
                net::post(executor, [weak, message] {
                    if (auto self = weak.lock()) {
                        self->sendError(QStringLiteral("internal"), message, QStringLiteral("fleet"));
                    }
                });
            };
            QString error;
            const quint64 handle = hub->subscribeFleet(since, after, deliver, failed, &error);
            net::post(executor, [weak, handle, error, hub, generation] {
                auto self = weak.lock();
                if (!self || self->m_closed || !self->m_fleet.active || self->m_fleet.dropped
                    || self->m_fleet.generation != generation) {
                    releaseOnHub(hub, handle);
                    return;
                }
                if (handle == 0) {
                    self->m_fleet = Fleet();
                    self->sendError(QStringLiteral("internal"), error, QStringLiteral("fleet"));
                } else {
                    self->m_fleet.handle = handle;
                }
            });
        },
        Qt::QueuedConnection);
}

template class WebSocketSession<beast::tcp_stream>;
template class WebSocketSession<beast::ssl_stream<beast::tcp_stream>>;
