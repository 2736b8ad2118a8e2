#pragma once

#include "TlsPinStore.h"

#include <QNetworkReply> // QPointer needs the complete type
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

// "Test connection": GET /api/v1/info with the bearer token, checked against the TLS pins. Says what the server
// is (name, version, features) and what the token may do (its role), or why not, sorted so the dialog can
// offer the right next step: unreachable, the token refused (401), a TLS certificate to decide on or refused,
// something that is not an OpsDeck server. One probe at a time; a new probe() abandons the previous one.
class ServerProbe : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Ok, Unreachable, Unauthorized, TlsUnknown, TlsRefused, NotAServer };
    Q_ENUM(Outcome)
    struct Report {
        Outcome outcome = Outcome::Unreachable;
        QString version;
        QString role;
        QStringList features;
        QString message; // translated; empty for Ok
        TlsPinStore::Check tls; // for TlsUnknown (ask, then pin) and TlsRefused
    };

    // `pins` must outlive the probe.
    ServerProbe(const TlsPinStore* pins, QObject* parent = nullptr);
    ~ServerProbe() override;

    // CA certificates to trust besides the system's (tests; an organisation's CA); empty = the system store.
    void setCaCertificates(const QList<QSslCertificate>& certificates);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void probe(const QUrl& server, const QString& token);
    void abort();
    bool isRunning() const { return m_reply != nullptr; }

signals:
    void finished(const ServerProbe::Report& report);

private:
    void onFinished(QNetworkReply* reply);

    const TlsPinStore* m_pins;
    QNetworkAccessManager* m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QList<QSslCertificate> m_caCertificates;
    TlsPinStore::Check m_tls;
    QString m_server;
    int m_timeoutMs = 10'000;
};
