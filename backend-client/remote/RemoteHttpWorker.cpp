#include "remote/RemoteHttpWorker.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
// An answer larger than this is refused (a page of events is far smaller): a broken or hostile peer cannot make
// the console allocate without bound.
constexpr qint64 kMaxAnswerBytes = 256LL * 1024 * 1024;
} // namespace

RemoteHttpWorker::RemoteHttpWorker(RemoteOptions options)
    : m_options(std::move(options))
    , m_base(m_options.server.adjusted(QUrl::StripTrailingSlash).toString(QUrl::FullyEncoded))
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void RemoteHttpWorker::send(const RemoteHttpRequest& request, std::function<void(const RemoteHttpAnswer&)> done)
{
    QNetworkRequest req(QUrl::fromEncoded((m_base + request.path).toUtf8(), QUrl::StrictMode));
    req.setRawHeader("Authorization", "Bearer " + m_options.token.toLatin1());
    req.setRawHeader("Accept", "application/json");
    if (request.hasBody) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    req.setTransferTimeout(m_options.timeoutMs);
    req.setSslConfiguration(m_options.ssl);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply* reply = request.hasBody ? m_nam->sendCustomRequest(req, request.method, request.body)
                                           : m_nam->sendCustomRequest(req, request.method);
    auto tooLarge = std::make_shared<bool>(false);
    auto tlsFailed = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, tlsFailed](const QList<QSslError>& errors) {
        if (m_options.acceptSslErrors
            && m_options.acceptSslErrors(errors, reply->sslConfiguration().peerCertificateChain())) {
            reply->ignoreSslErrors(errors);
        } else {
            *tlsFailed = true;
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, tooLarge](qint64 received, qint64) {
        if (received > kMaxAnswerBytes && !*tooLarge) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done), tooLarge, tlsFailed] {
        reply->deleteLater();
        RemoteHttpAnswer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.tooLarge = *tooLarge;
        a.tlsFailed = *tlsFailed || reply->error() == QNetworkReply::SslHandshakeFailedError;
        if (!a.tooLarge && reply->isOpen()) { // a timed-out reply is closed
            a.body = reply->readAll();
        }
        if (reply->error() != QNetworkReply::NoError && (a.status == 0 || a.tooLarge)) {
            a.status = 0;
            a.networkError = int(reply->error());
            a.networkErrorText = reply->errorString();
            // A transfer timeout aborts the reply as "operation canceled"; our own abort is tooLarge.
            a.timedOut = reply->error() == QNetworkReply::OperationCanceledError && !a.tooLarge;
        }
        done(a);
    });
}
