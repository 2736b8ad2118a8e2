#pragma once

#include "Api.h"
#include "EventHub.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <memory>
#include <thread>

// The control server's HTTP/1.1 listener (Boost.Beast, the shape of its advanced server example): one session
// per connection on an I/O thread, every read bounded in size and time, every request handed to the Api on the
// thread that owns it (this object's) and the answer written back on the I/O thread. Everything from the network
// is hostile: headers over 8 KB are refused (431), bodies over the limit (413), a client that sends too slowly or
// idles on a kept-alive connection is dropped, and past the connection limit a new connection gets 503 and is
// closed. One line per request goes to stderr (no header, no body, no secret).
class HttpServer : public QObject {
    Q_OBJECT
public:
    struct Limits {
        std::size_t headerBytes = 8 * 1024;
        std::size_t bodyBytes = 1024 * 1024;
        int readTimeoutMs = 10'000; // a whole request, from its first byte
        int idleTimeoutMs = 30'000; // between requests on a kept-alive connection
        int maxConnections = 256;
        std::size_t subscriberQueue = 4096; // WebSocket messages waiting for one client before `lagging`
    };

    HttpServer(Api& api, const Limits& limits, QObject* parent = nullptr);
    ~HttpServer() override; // stops

    // Serves HTTPS (and wss://) with this PEM certificate chain and key, before listen(); TLS 1.2 and later.
    // Errors name the file.
    Result<void> setTls(const QString& certificateFile, const QString& keyFile);
    bool tls() const;
    // Binds and starts serving. `port` 0 picks a free one; the port is returned. Errors name the address.
    Result<quint16> listen(const QString& address, quint16 port);
    // Stops accepting, closes every connection, joins the I/O thread.
    void stop();
    int connectionCount() const { return m_connections->load(); }
    // Where WebSocket sessions subscribe to job events (null: GET /api/v1/events answers subscriptions with
    // errors). Lives on this object's thread.
    void setEventHub(EventHub* hub) { m_hub = hub; }
    EventHub* eventHub() const { return m_hub; }

private:
    struct Impl;
    template <class Stream> friend struct Session;
    friend void acceptNext(HttpServer* server);
    Api& m_api;
    QPointer<EventHub> m_hub;
    Limits m_limits;
    // Shared with the sessions, which may outlive this object by a moment while the I/O loop winds down.
    std::shared_ptr<std::atomic<int>> m_connections = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<bool>> m_stopping = std::make_shared<std::atomic<bool>>(false);
    std::unique_ptr<Impl> m_impl;
};
