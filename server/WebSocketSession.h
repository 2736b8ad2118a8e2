#pragma once

// Private to the server's I/O (HttpServer.cpp and WebSocketSession.cpp): it brings Boost.Beast in.
#include <QJsonObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <map>
#include <memory>

class EventHub;

// A connection's place in the server's connection limit, held by whichever session owns the connection (an HTTP
// session, then the WebSocket it became) and given back when the last owner goes.
struct ConnectionSlot {
    explicit ConnectionSlot(std::shared_ptr<std::atomic<int>> counter)
        : count(std::move(counter))
    {
    }
    ~ConnectionSlot() { --*count; }
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;
    std::shared_ptr<std::atomic<int>> count;
};

// One console's (or wall display's) live event connection: GET /api/v1/events upgraded to a WebSocket once its
// token was checked (docs/api/events.md). In, text messages {"type":"subscribe","job":ID,"after":SEQ} and
// {"type":"unsubscribe","job":ID}; out, {"type":"event","job":ID,"event":{…}} in sequence order, {"type":"error",
// "error":{…}}, and {"type":"lagging","job":ID,"after":SEQ} when the client reads too slowly: that subscription is
// dropped and subscribing again from `after` catches up from the store, so nothing is lost and the server never
// buffers without bound. Pings find dead peers; a message in is at most 64 KB; at most 100 subscriptions.
// `NextLayer` is the HTTP session's stream, plain (boost::beast::tcp_stream) or TLS (ssl_stream over it).
template <class NextLayer> class WebSocketSession : public std::enable_shared_from_this<WebSocketSession<NextLayer>> {
public:
    WebSocketSession(NextLayer&& stream, QPointer<EventHub> hub, QString who, QString address,
        std::shared_ptr<ConnectionSlot> slot, std::size_t maxQueued);
    ~WebSocketSession();
    void start(boost::beast::http::request<boost::beast::http::string_body> request);

private:
    void readNext();
    void onMessage(const QByteArray& text);
    void send(std::string message); // on the I/O thread
    void writeNext();
    void sendError(const QString& code, const QString& message, const QString& field = {});
    void closeSubscriptions();
    void onFleetMessage(const QString& type, const QJsonObject& message);
    void unsubscribeFromHub(quint64 handle);
    bool refuseAnotherSubscription(); // true (and the client told) at the limit

    std::shared_ptr<WebSocketSession> self() { return this->shared_from_this(); }

    boost::beast::websocket::stream<NextLayer> m_ws;
    std::shared_ptr<ConnectionSlot> m_slot;
    boost::beast::flat_buffer m_buffer;
    QPointer<EventHub> m_hub;
    QString m_who;
    QString m_address;
    std::deque<std::string> m_queue;
    std::size_t m_maxQueued;
    bool m_writing = false;
    bool m_closed = false;
    // job id -> (hub handle, last sequence number sent); the handle is 0 until the hub answered.
    struct Sub {
        quint64 handle = 0;
        qint64 lastSeq = 0;
        bool dropped = false;
        quint64 generation = 0;
    };
    std::map<QString, Sub> m_subs;
    quint64 m_generation = 0; // of the latest subscription made
    // The fleet subscription, when there is one: the last sequence number sent per job, for `lagging`.
    struct Fleet {
        bool active = false;
        quint64 handle = 0;
        bool dropped = false;
        quint64 generation = 0;
        std::map<QString, qint64> lastSeq;
    };
    Fleet m_fleet;
};
