#pragma once

// Private to the server's I/O (HttpServer.cpp and WebSocketSession.cpp): it brings Boost.Beast in.
#include <QPointer>
#include <QString>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>

class EventHub;

// One console's (or wall display's) live event connection: GET /api/v1/events upgraded to a WebSocket once its
// token was checked (docs/api/events.md). In, text messages {"type":"subscribe","job":ID,"after":SEQ} and
// {"type":"unsubscribe","job":ID}; out, {"type":"event","job":ID,"event":{…}} in sequence order, {"type":"error",
// "error":{…}}, and {"type":"lagging","job":ID,"after":SEQ} when the client reads too slowly: that subscription is
// dropped and subscribing again from `after` catches up from the store, so nothing is lost and the server never
// buffers without bound. Pings find dead peers; a message in is at most 64 KB; at most 100 subscriptions.
class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
public:
    WebSocketSession(boost::asio::ip::tcp::socket&& socket, QPointer<EventHub> hub, QString who, QString address);
    ~WebSocketSession();
    void start(boost::beast::http::request<boost::beast::http::string_body> request);

private:
    void readNext();
    void onMessage(const QByteArray& text);
    void send(std::string message); // on the I/O thread
    void writeNext();
    void sendError(const QString& code, const QString& message, const QString& field = {});
    void closeSubscriptions();

    boost::beast::websocket::stream<boost::beast::tcp_stream> m_ws;
    boost::beast::flat_buffer m_buffer;
    QPointer<EventHub> m_hub;
    QString m_who;
    QString m_address;
    std::deque<std::string> m_queue;
    bool m_writing = false;
    bool m_closed = false;
    // job id -> (hub handle, last sequence number sent); the handle is 0 until the hub answered.
    struct Sub {
        quint64 handle = 0;
        qint64 lastSeq = 0;
        bool dropped = false;
    };
    std::map<QString, Sub> m_subs;
};
