#include "HttpServer.h"

#include "EventHub.h"
#include "WebSocketSession.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QUrl>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <type_traits>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct HttpServer::Impl {
    net::io_context ioc { 1 };
    std::unique_ptr<tcp::acceptor> acceptor;
    std::thread thread;
    std::unique_ptr<net::ssl::context> tls; // null: plain HTTP
};

namespace {

void logLine(
    const QString& address, const QString& method, const QString& target, int status, qint64 ms, const QString& actor)
{
    // journald-friendly: one line, no timestamp of our own needed there, but kept for plain stderr files.
    const QByteArray line
        = QStringLiteral("%1 %2 %3 %4 %5 %6ms %7\n")
              .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), address, method, target.left(200))
              .arg(status)
              .arg(ms)
              .arg(actor.isEmpty() ? QStringLiteral("-") : actor)
              .toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection: read a request (bounded), hand it to the Api on the server's thread, write the answer, repeat
// while the client keeps the connection alive. `Stream` is beast::tcp_stream (plain HTTP) or TlsStream (HTTPS: the
// handshake first, bounded by the read timeout). The connection's slot in the limit goes with it to a WebSocket.
template <class Stream> struct Session : std::enable_shared_from_this<Session<Stream>> {
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

    template <class... TlsContext>
    Session(tcp::socket&& socket, HttpServer* server, TlsContext&... tls)
        : stream(std::move(socket), tls...)
        , server(server)
        , api(&server->m_api)
        , limits(server->m_limits)
        , slot(std::make_shared<ConnectionSlot>(server->m_connections))
        , stoppingFlag(server->m_stopping)
    {
        beast::error_code ec;
        const auto ep = beast::get_lowest_layer(stream).socket().remote_endpoint(ec);
        address = ec ? QStringLiteral("?") : QString::fromStdString(ep.address().to_string());
    }

    std::shared_ptr<Session> self() { return this->shared_from_this(); }
    beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream); }

    void start(bool refuse)
    {
        if constexpr (kTls) {
            tcp().expires_after(std::chrono::milliseconds(limits.readTimeoutMs));
            stream.async_handshake(net::ssl::stream_base::server, [self = self(), refuse](beast::error_code ec) {
                if (ec) {
                    // Not TLS, a client that does not trust us, or too slow: nothing to answer over.
                    logLine(self->address, QStringLiteral("-"), QStringLiteral("-"), 0, 0,
                        QStringLiteral("tls handshake failed: ") + QString::fromStdString(ec.message()));
                    return;
                }
                self->serve(refuse);
            });
        } else {
            serve(refuse);
        }
    }

    void serve(bool refuse)
    {
        if (refuse) {
            answer(Api::error(
                       503, QStringLiteral("unavailable"), QStringLiteral("too many connections; try again shortly")),
                false, QStringLiteral("-"), QStringLiteral("-"));
            return;
        }
        read(limits.idleTimeoutMs);
    }

    void read(int timeoutMs)
    {
        parser.emplace();
        parser->header_limit(std::uint32_t(limits.headerBytes));
        parser->body_limit(limits.bodyBytes);
        tcp().expires_after(std::chrono::milliseconds(timeoutMs));
        // The first byte starts the request's own clock (a slow sender is cut off after readTimeoutMs).
        http::async_read_header(
            stream, buffer, *parser, [self = self()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
    }

    void onHeader(beast::error_code ec)
    {
        if (ec) {
            failed(ec);
            return;
        }
        clock.start();
        tcp().expires_after(std::chrono::milliseconds(limits.readTimeoutMs));
        http::async_read(
            stream, buffer, *parser, [self = self()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void failed(beast::error_code ec)
    {
        if (ec == http::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout
            || ec == net::error::operation_aborted || ec == net::error::connection_reset
            || ec == net::ssl::error::stream_truncated) {
            close();
            return;
        }
        if (ec == http::error::header_limit) {
            answer(Api::error(431, QStringLiteral("headers_too_large"),
                       QStringLiteral("the request's headers exceed %1 bytes").arg(limits.headerBytes)),
                false, QStringLiteral("-"), QStringLiteral("-"));
        } else if (ec == http::error::body_limit) {
            answer(Api::error(413, QStringLiteral("payload_too_large"),
                       QStringLiteral("the request's body exceeds %1 bytes").arg(limits.bodyBytes)),
                false, QStringLiteral("-"), QStringLiteral("-"));
        } else {
            answer(Api::error(400, QStringLiteral("bad_request"),
                       QStringLiteral("malformed HTTP request: %1").arg(QString::fromStdString(ec.message()))),
                false, QStringLiteral("-"), QStringLiteral("-"));
        }
    }

    void onRead(beast::error_code ec)
    {
        if (ec) {
            failed(ec);
            return;
        }
        const auto& req = parser->get();
        ApiRequest r;
        r.method = QString::fromStdString(std::string(req.method_string()));
        r.target = QString::fromUtf8(req.target().data(), qsizetype(req.target().size()));
        const auto auth = req.find(http::field::authorization);
        if (auth != req.end()) {
            r.authorization = QString::fromUtf8(auth->value().data(), qsizetype(auth->value().size()));
        }
        if (const auto ifMatch = req.find(http::field::if_match); ifMatch != req.end()) {
            r.ifMatch = QString::fromUtf8(ifMatch->value().data(), qsizetype(ifMatch->value().size()));
        }
        r.body = QByteArray::fromStdString(req.body());
        r.address = address;
        const bool keepAlive = req.keep_alive();
        tcp().expires_never(); // the Api has the request now; the answer gets its own write deadline
        auto self = this->self();
        QPointer<HttpServer> guard(server);
        if (beast::websocket::is_upgrade(req)) {
            upgrade(r);
            return;
        }
        QMetaObject::invokeMethod(
            server,
            [self, guard, r, keepAlive] {
                if (!guard) {
                    return;
                }
                ApiResponse response = self->api->handle(r);
                net::post(self->stream.get_executor(),
                    [self, response, keepAlive, r] { self->answer(response, keepAlive, r.method, r.target); });
            },
            Qt::QueuedConnection);
    }

    // GET /api/v1/events with Upgrade: websocket — the token is checked on the Api's thread first; a refusal is a
    // plain HTTP answer, an acceptance hands the connection to a WebSocketSession.
    void upgrade(const ApiRequest& r)
    {
        auto self = this->self();
        QPointer<HttpServer> guard(server);
        QMetaObject::invokeMethod(
            server,
            [self, guard, r] {
                if (!guard) {
                    return;
                }
                const bool eventsPath = QUrl(r.target).path() == QLatin1String("/api/v1/events");
                ApiResponse verdict = self->api->authorizeEvents(r);
                if (verdict.status == 200 && !eventsPath) {
                    verdict = Api::error(
                        404, QStringLiteral("not_found"), QStringLiteral("only /api/v1/events speaks WebSocket"));
                } else if (verdict.status == 200 && r.method != QLatin1String("GET")) {
                    verdict
                        = Api::error(405, QStringLiteral("method_not_allowed"), QStringLiteral("use GET to upgrade"));
                }
                QPointer<EventHub> hub = guard->eventHub();
                net::post(self->stream.get_executor(), [self, verdict, r, hub] {
                    if (verdict.status != 200) {
                        self->answer(verdict, false, r.method, r.target);
                        return;
                    }
                    logLine(self->address, r.method, r.target, 101, self->clock.elapsed(), verdict.actor);
                    std::make_shared<WebSocketSession<Stream>>(std::move(self->stream), hub, verdict.actor,
                        self->address, self->slot, self->limits.subscriberQueue)
                        ->start(self->parser->release());
                });
            },
            Qt::QueuedConnection);
    }

    void answer(const ApiResponse& response, bool keepAlive, const QString& method, const QString& target)
    {
        auto res = std::make_shared<http::response<http::string_body>>(http::status(response.status), 11);
        res->set(http::field::server, "opsdeck-server");
        res->set(http::field::content_type, "application/json");
        res->set(http::field::cache_control, "no-store");
        res->keep_alive(keepAlive);
        res->body() = response.body.toStdString();
        res->prepare_payload();
        const qint64 ms = clock.isValid() ? clock.elapsed() : 0;
        logLine(address, method, target, response.status, ms, response.actor);
        tcp().expires_after(std::chrono::milliseconds(limits.readTimeoutMs));
        http::async_write(stream, *res, [self = self(), res](beast::error_code ec, std::size_t) {
            if (ec || !res->keep_alive() || self->stopping()) {
                self->close();
                return;
            }
            self->read(self->limits.idleTimeoutMs);
        });
    }

    // The end of the connection: TLS says goodbye first (close_notify, bounded in time), then TCP.
    void close()
    {
        if constexpr (kTls) {
            tcp().expires_after(std::chrono::seconds(2));
            stream.async_shutdown([self = self()](beast::error_code) {
                beast::error_code ignored;
                self->tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
            });
        } else {
            beast::error_code ignored;
            tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
        }
    }

    bool stopping() const { return stoppingFlag->load(); }

    Stream stream;
    HttpServer* server; // only as the Qt context of the hand-over (a QPointer guards it)
    Api* api;
    HttpServer::Limits limits;
    std::shared_ptr<ConnectionSlot> slot;
    std::shared_ptr<std::atomic<bool>> stoppingFlag;
    beast::flat_buffer buffer;
    std::optional<http::request_parser<http::string_body>> parser;
    QString address;
    QElapsedTimer clock;
};

void acceptNext(HttpServer* server)
{
    tcp::acceptor& acceptor = *server->m_impl->acceptor;
    acceptor.async_accept(net::make_strand(server->m_impl->ioc), [server](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec != net::error::operation_aborted && !server->m_stopping->load()) {
                acceptNext(server);
            }
            return;
        }
        const bool refuse = ++*server->m_connections > server->m_limits.maxConnections;
        if (server->m_impl->tls) {
            std::make_shared<Session<TlsStream>>(std::move(socket), server, *server->m_impl->tls)->start(refuse);
        } else {
            std::make_shared<Session<beast::tcp_stream>>(std::move(socket), server)->start(refuse);
        }
        acceptNext(server);
    });
}

HttpServer::HttpServer(Api& api, const Limits& limits, QObject* parent)
    : QObject(parent)
    , m_api(api)
    , m_limits(limits)
    , m_impl(std::make_unique<Impl>())
{
}

HttpServer::~HttpServer()
{
    stop();
}

Result<void> HttpServer::setTls(const QString& certificateFile, const QString& keyFile)
{
    auto context = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    context->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2
        | net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1
        | net::ssl::context::single_dh_use);
    beast::error_code ec;
    context->use_certificate_chain_file(certificateFile.toStdString(), ec);
    if (ec) {
        return Error(QStringLiteral("cannot use %1 as the TLS certificate (a PEM certificate chain): %2")
                         .arg(certificateFile, QString::fromStdString(ec.message())));
    }
    context->use_private_key_file(keyFile.toStdString(), net::ssl::context::pem, ec);
    if (ec) {
        return Error(QStringLiteral("cannot use %1 as the TLS key (a PEM private key for %2): %3")
                         .arg(keyFile, certificateFile, QString::fromStdString(ec.message())));
    }
    m_impl->tls = std::move(context);
    return {};
}

bool HttpServer::tls() const
{
    return m_impl->tls != nullptr;
}

Result<quint16> HttpServer::listen(const QString& address, quint16 port)
{
    beast::error_code ec;
    const auto ip = net::ip::make_address(address.toStdString(), ec);
    if (ec) {
        return Error(QStringLiteral("'%1' is not an IP address").arg(address));
    }
    auto acceptor = std::make_unique<tcp::acceptor>(m_impl->ioc);
    const tcp::endpoint endpoint(ip, port);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor->set_option(net::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        acceptor->bind(endpoint, ec);
    }
    if (!ec) {
        acceptor->listen(net::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        return Error(QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address)
                         .arg(port)
                         .arg(QString::fromStdString(ec.message())));
    }
    const quint16 bound = acceptor->local_endpoint().port();
    m_impl->acceptor = std::move(acceptor);
    acceptNext(this);
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->ioc.run(); });
    return bound;
}

void HttpServer::stop()
{
    if (!m_impl || !m_impl->thread.joinable()) {
        return;
    }
    m_stopping->store(true);
    net::post(m_impl->ioc, [impl = m_impl.get()] {
        beast::error_code ignored;
        if (impl->acceptor) {
            impl->acceptor->close(ignored);
        }
    });
    // Let answers in flight be written for a moment, then stop the loop (sessions are destroyed with it).
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    m_impl->ioc.stop();
    m_impl->thread.join();
}
