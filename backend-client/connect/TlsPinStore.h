#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <optional>

// Trust in a control server's TLS certificate, like SSH's known_hosts: a certificate the system store (or the
// CA list the connection was given) trusts is accepted; one it does not trust (self-signed, a private CA) is
// accepted only when its SHA-256 fingerprint was pinned for that server on first use, after the operator
// compared it; a pinned server that presents another untrusted certificate is refused and the operator told
// what to check. Pins live in one text file ("host:port SHA256HEX" lines), read on every check, so that every
// connection of the process (the connect dialog's test, the remote backend's reconnects) sees the same pins.
// No GUI: the connect dialog asks, the remote backend only checks.
class TlsPinStore {
public:
    enum class Verdict {
        Trusted, // no TLS error: the system store (or the given CA list) vouches for the certificate
        Pinned, // untrusted, but its fingerprint is the one pinned for this server
        Unknown, // untrusted and no pin yet: ask the operator (fingerprint and subject), then pin()
        Changed, // untrusted and not the pinned one: refuse
        NoCertificate, // the server sent none
    };
    struct Check {
        Verdict verdict = Verdict::NoCertificate;
        QString server; // "host:port"
        QSslCertificate certificate; // the server's own (the chain's first)
        QByteArray fingerprint; // its SHA-256 (raw bytes)
        QByteArray pinned; // the pin on file (Changed, Pinned)
        QString pinFile; // where the pins are kept (named in the Changed message)
        QList<QSslError> errors; // what TLS found (to ignore exactly these when Pinned)
        bool accepted() const { return verdict == Verdict::Trusted || verdict == Verdict::Pinned; }
        // Translated, one paragraph: why it is refused and what to do (Unknown, Changed, NoCertificate).
        QString message() const;
    };

    // `path`: the pin file (created on the first pin); defaultPath() for the console.
    explicit TlsPinStore(QString path);
    static QString defaultPath();
    QString path() const { return m_path; }

    // "host:port" of a server URL (443 when https gives no port), lower-case host: a pin names one endpoint.
    static QString serverKey(const QUrl& url);
    static QByteArray fingerprint(const QSslCertificate& certificate);
    // "AB:CD:…" (32 pairs).
    static QString formatFingerprint(const QByteArray& sha256);
    // The subject as people read it: "CN=ops.example, O=Example".
    static QString subjectText(const QSslCertificate& certificate);

    std::optional<QByteArray> pin(const QString& server) const;
    // Pins (or re-pins) a server's certificate; the file is rewritten atomically.
    Result<void> setPin(const QString& server, const QByteArray& sha256);
    Result<void> removePin(const QString& server);

    // The verdict on what a TLS handshake presented (`chain`, the server's certificate first) and the errors it
    // found (QSslSocket::sslErrors, QNetworkReply::sslErrors). A Pinned verdict means: ignore exactly `errors`.
    Check check(const QString& server, const QList<QSslCertificate>& chain, const QList<QSslError>& errors) const;

private:
    Result<QList<QPair<QString, QByteArray>>> load() const;
    Result<void> save(const QList<QPair<QString, QByteArray>>& pins) const;

    QString m_path;
};
