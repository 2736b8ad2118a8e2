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
constexpr std::size_t kMaxQueued = 4096; // messages waiting to be written to this client
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

} // namespace

WebSocketSession::WebSocketSession(net::ip::tcp::socket&& socket, QPointer<EventHub> hub, QString who, QString address)
    : m_ws(std::move(socket))
    , m_hub(std::move(hub))
    , m_who(std::move(who))
    , m_address(std::move(address))
{
}

WebSocketSession::~WebSocketSession()
{
    closeSubscriptions();
}

void WebSocketSession::start(beast::http::request<beast::http::string_body> request)
{
    beast::get_lowest_layer(m_ws).expires_never(); // the websocket's own timeouts from here on
    m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    m_ws.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "opsdeck-server"); }));
    m_ws.read_message_max(kMaxMessageIn);
    m_ws.text(true);
    m_ws.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
        if (!ec) {
            self->readNext();
        }
    });
}

void WebSocketSession::readNext()
{
    m_ws.async_read(m_buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
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

void WebSocketSession::sendError(const QString& code, const QString& message, const QString& field)
{
    QJsonObject e { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    e.insert(QStringLiteral("field"), field.isEmpty() ? QJsonValue() : QJsonValue(field));
    send(toStd({ { QStringLiteral("type"), QStringLiteral("error") }, { QStringLiteral("error"), e } }));
}

void WebSocketSession::onMessage(const QByteArray& text)
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
    if (job.isEmpty() || job.size() > 200) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("job must be a job id"), QStringLiteral("job"));
        return;
    }
    if (type == QLatin1String("unsubscribe")) {
        const auto it = m_subs.find(job);
        if (it != m_subs.end()) {
            const quint64 handle = it->second.handle;
            m_subs.erase(it);
            QMetaObject::invokeMethod(
                m_hub,
                [hub = m_hub, handle] {
                    if (hub)
                        hub->unsubscribe(handle);
                },
                Qt::QueuedConnection);
        }
        return;
    }
    const QJsonValue afterValue = o.value(QStringLiteral("after"));
    const qint64 after = afterValue.isUndefined() ? 0 : afterValue.toInteger(-1);
    if (after < 0) {
        sendError(QStringLiteral("bad_request"), QStringLiteral("after must be a sequence number (0 or more)"),
            QStringLiteral("after"));
        return;
    }
    if (m_subs.count(job) > 0) {
        sendError(
            QStringLiteral("bad_request"), QStringLiteral("already subscribed to %1").arg(job), QStringLiteral("job"));
        return;
    }
    if (int(m_subs.size()) >= kMaxSubscriptions) {
        sendError(QStringLiteral("too_many_requests"),
            QStringLiteral("at most %1 subscriptions per connection").arg(kMaxSubscriptions));
        return;
    }
    m_subs[job] = Sub { 0, after, false };
    // The subscription lives on the hub's thread; what it delivers comes back to this connection's executor.
    std::weak_ptr<WebSocketSession> weak = shared_from_this();
    auto executor = m_ws.get_executor();
    QMetaObject::invokeMethod(
        m_hub,
        [hub = m_hub, weak, executor, job, after] {
            if (!hub) {
                return;
            }
            const auto deliver = [weak, executor, job](const QByteArray& line) {
                net::post(executor, [weak, job, line] {
                    auto self = weak.lock();
                    if (!self) {
                        return;
                    }
                    const auto it = self->m_subs.find(job);
                    if (it == self->m_subs.end() || it->second.dropped) {
                        return;
                    }
                    const qint64 seq = QJsonDocument::fromJson(line).object().value(QStringLiteral("seq")).toInteger();
                    if (self->m_queue.size() >= kMaxQueued) {
                        // Too slow: tell it where to pick up, and stop feeding it this job.
                        it->second.dropped = true;
                        self->send(toStd({ { QStringLiteral("type"), QStringLiteral("lagging") },
                            { QStringLiteral("job"), job }, { QStringLiteral("after"), it->second.lastSeq } }));
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
            net::post(executor, [weak, job, handle, error, hub] {
                auto self = weak.lock();
                if (!self || self->m_closed) {
                    if (handle) {
                        QMetaObject::invokeMethod(
                            hub,
                            [hub, handle] {
                                if (hub)
                                    hub->unsubscribe(handle);
                            },
                            Qt::QueuedConnection);
                    }
                    return;
                }
                const auto it = self->m_subs.find(job);
                if (handle == 0) {
                    if (it != self->m_subs.end()) {
                        self->m_subs.erase(it);
                    }
                    self->sendError(QStringLiteral("not_found"), error, QStringLiteral("job"));
                } else if (it != self->m_subs.end()) {
                    it->second.handle = handle;
                }
            });
        },
        Qt::QueuedConnection);
}

void WebSocketSession::send(std::string message)
{
    m_queue.push_back(std::move(message));
    if (!m_writing) {
        writeNext();
    }
}

void WebSocketSession::writeNext()
{
    if (m_queue.empty() || m_closed) {
        m_writing = false;
        return;
    }
    m_writing = true;
    m_ws.async_write(net::buffer(m_queue.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
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

void WebSocketSession::closeSubscriptions()
{
    for (const auto& [job, sub] : m_subs) {
        if (sub.handle) {
            QMetaObject::invokeMethod(
                m_hub,
                [hub = m_hub, handle = sub.handle] {
                    if (hub)
                        hub->unsubscribe(handle);
                },
                Qt::QueuedConnection);
        }
    }
    m_subs.clear();
}
