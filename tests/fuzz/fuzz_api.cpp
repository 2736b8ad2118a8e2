// libFuzzer target: bytes from the network through the HTTP parser the server uses (Boost.Beast, with the server's
// limits) and into the API's routing, authentication and handlers, over a real workspace. Every answer must be a
// JSON object, and every error one of the shape {"error": {"code", "message", "field"}}. Odd first bytes get a
// valid admin token added, so that the handlers behind authentication are reached too.
#include "Api.h"
#include "TokenStore.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <boost/beast/http.hpp>
#include <cstdlib>

namespace http = boost::beast::http;

namespace {

struct Fixture {
    int argc = 1;
    char name[9] = "fuzz_api";
    char* argv[2] = { name, nullptr };
    QCoreApplication app { argc, argv };
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<Api> api;
    QString admin;

    Fixture()
    {
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            std::abort();
        }
        workspace = std::move(*ws);
        auto made = TokenStore(*workspace).create(QStringLiteral("fuzz"), TokenStore::Role::Admin, std::nullopt);
        if (!made) {
            std::abort();
        }
        admin = made->secret;
        api = std::make_unique<Api>(*workspace);
        api->setRateLimits({ 0, 1, 0, 1 }); // unlimited: every input reaches the routes, not a 429
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static Fixture f;
    if (size < 1) {
        return 0;
    }
    const bool authorise = data[0] & 1;
    http::request_parser<http::string_body> parser;
    parser.header_limit(8 * 1024);
    parser.body_limit(1024 * 1024);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data + 1, size - 1), ec);
    if (!ec && !parser.is_done()) {
        parser.put_eof(ec);
    }
    if (ec || !parser.is_done()) {
        return 0; // the server answers these with 400/413/431 before the API sees them
    }
    const auto& req = parser.get();
    ApiRequest r;
    r.method = QString::fromStdString(std::string(req.method_string()));
    r.target = QString::fromUtf8(req.target().data(), qsizetype(req.target().size()));
    if (const auto a = req.find(http::field::authorization); a != req.end()) {
        r.authorization = QString::fromUtf8(a->value().data(), qsizetype(a->value().size()));
    }
    if (authorise) {
        r.authorization = QStringLiteral("Bearer ") + f.admin;
    }
    r.body = QByteArray::fromStdString(req.body());
    r.address = QStringLiteral("127.0.0.%1").arg(int(data[0]) % 200 + 1); // spread over addresses: the limiter
    const ApiResponse answer = f.api->handle(r);
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject() || answer.status < 200 || answer.status > 599) {
        std::abort();
    }
    if (answer.status >= 400) {
        const QJsonObject e = doc.object().value(QStringLiteral("error")).toObject();
        if (!e.value(QStringLiteral("code")).isString() || !e.value(QStringLiteral("message")).isString()
            || !e.contains(QStringLiteral("field"))) {
            std::abort();
        }
    }
    return 0;
}
