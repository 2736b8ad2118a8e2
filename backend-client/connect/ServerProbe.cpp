#include "ServerProbe.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

ServerProbe::ServerProbe(const TlsPinStore* pins, QObject* parent)
    : QObject(parent)
    , m_pins(pins)
    , m_network(new QNetworkAccessManager(this))
{
    // A test must reach the server, not a proxy from the environment; and each probe starts a new TLS session.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

ServerProbe::~ServerProbe()
{
    abort();
}

void ServerProbe::setCaCertificates(const QList<QSslCertificate>& certificates)
{
    m_caCertificates = certificates;
}

void ServerProbe::abort()
{
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ServerProbe::probe(const QUrl& server, const QString& token)
{
    abort();
    m_tls = TlsPinStore::Check();
    m_server = TlsPinStore::serverKey(server);
    QUrl url = server;
    url.setPath(QStringLiteral("/api/v1/info"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(m_timeoutMs);
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_caCertificates.isEmpty()) {
            tls.setCaCertificates(m_caCertificates);
        }
        request.setSslConfiguration(tls);
    }
    // Connection reuse would skip the handshake, and with it the pin check of a certificate that changed.
    m_network->clearConnectionCache();
    QNetworkReply* reply = m_network->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        m_tls = m_pins->check(m_server, reply->sslConfiguration().peerCertificateChain(), errors);
        if (m_tls.verdict == TlsPinStore::Verdict::Pinned) {
            reply->ignoreSslErrors(errors);
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void ServerProbe::onFinished(QNetworkReply* reply)
{
    if (reply != m_reply) {
        return;
    }
    m_reply = nullptr;
    reply->deleteLater();
    Report r;
    r.tls = m_tls;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(1024 * 1024);
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QString serverMessage
        = json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    if (!m_tls.errors.isEmpty() && !m_tls.accepted()) {
        r.outcome = m_tls.verdict == TlsPinStore::Verdict::Unknown ? Outcome::TlsUnknown : Outcome::TlsRefused;
        r.message = m_tls.message();
    } else if (status == 401) {
        r.outcome = Outcome::Unauthorized;
        r.message = tr("The server refused the token (401%1). Check that it was copied whole and has not expired "
                       "or been revoked (opsdeck-server token list).")
                        .arg(serverMessage.isEmpty() ? QString() : QLatin1String(": ") + serverMessage);
    } else if (status == 0) {
        r.outcome
            = reply->error() == QNetworkReply::SslHandshakeFailedError ? Outcome::TlsRefused : Outcome::Unreachable;
        r.message = r.outcome == Outcome::TlsRefused
            ? tr("The TLS handshake with %1 failed: %2").arg(m_server, reply->errorString())
            : tr("Cannot reach %1: %2").arg(m_server, reply->errorString());
    } else if (status != 200 || json.value(QStringLiteral("name")).toString() != QLatin1String("opsdeck-server")) {
        r.outcome = Outcome::NotAServer;
        r.message = status == 200 ? tr("%1 answered, but it is not an OpsDeck control server.").arg(m_server)
                                  : tr("The server answered HTTP %1%2.")
                                        .arg(status)
                                        .arg(serverMessage.isEmpty() ? QString() : QLatin1String(": ") + serverMessage);
    } else {
        r.outcome = Outcome::Ok;
        r.version = json.value(QStringLiteral("version")).toString();
        r.role = json.value(QStringLiteral("role")).toString();
        for (const QJsonValue& f : json.value(QStringLiteral("features")).toArray()) {
            r.features.append(f.toString());
        }
    }
    emit finished(r);
}
