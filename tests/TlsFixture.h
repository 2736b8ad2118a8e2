#pragma once

// TLS peers for tests: certificates made by `openssl req -x509` in a test's directory (a test CA and a server
// certificate it signs, two unrelated self-signed ones, all for localhost / 127.0.0.1, EC keys: quick to make),
// and a QSslServer endpoint on 127.0.0.1 that presents one of them and answers any HTTP request with fixed bytes
// (a fake GET /api/v1/info). Used by tst_connect and tst_connectgui.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>

// A TLS endpoint on 127.0.0.1 with one certificate; answers any HTTP request with `answer` (a fake
// /api/v1/info), or nothing when `answer` is empty (handshakes only).
class TlsEndpoint : public QObject {
public:
    TlsEndpoint(const QString& certFile, const QString& keyFile, QByteArray answer = {})
        : m_answer(std::move(answer))
    {
        QFile cert(certFile);
        QFile key(keyFile);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
            return;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(cert.readAll()));
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        m_server.setSslConfiguration(tls);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    if (m_request.contains("\r\n\r\n") && !m_answer.isEmpty()) {
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                      "Content-Length: "
                            + QByteArray::number(m_answer.size()) + "\r\n\r\n" + m_answer);
                        socket->disconnectFromHost();
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray request() const { return m_request; }

private:
    QSslServer m_server;
    QByteArray m_answer;
    QByteArray m_request;
};

// The certificates, in `dir`: ca.crt/key, signed.crt/key (CN=localhost, signed by the CA), a.crt/key
// (CN=ops-a.example) and b.crt/key (CN=ops-b.example), self-signed.
class TlsCertificates {
public:
    static QString unavailableReason()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            return QStringLiteral("openssl not found (Debian package openssl): cannot make the test certificates");
        }
        if (!QSslSocket::supportsSsl()) {
            return QStringLiteral("Qt has no TLS backend here");
        }
        return {};
    }

    explicit TlsCertificates(QString dir)
        : m_dir(std::move(dir))
        , m_openssl(QStandardPaths::findExecutable(QStringLiteral("openssl")))
    {
    }
    QString path(const QString& name) const { return QDir(m_dir).filePath(name); }

    bool make(QString* error)
    {
        m_error = error;
        if (!selfSigned(QStringLiteral("ca"), QStringLiteral("OpsDeck Test CA"))
            || !openssl({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), QStringLiteral("signed.key"), QStringLiteral("-out"),
                QStringLiteral("signed.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost") })) {
            return false;
        }
        QFile ext(path(QStringLiteral("ext.cnf")));
        if (!ext.open(QIODevice::WriteOnly)) {
            *error = ext.errorString();
            return false;
        }
        ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        ext.close();
        return openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                   QStringLiteral("signed.csr"), QStringLiteral("-CA"), QStringLiteral("ca.crt"),
                   QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                   QStringLiteral("-out"), QStringLiteral("signed.crt"), QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-extfile"), QStringLiteral("ext.cnf") })
            && selfSigned(QStringLiteral("a"), QStringLiteral("ops-a.example"))
            && selfSigned(QStringLiteral("b"), QStringLiteral("ops-b.example"));
    }

private:
    bool openssl(const QStringList& args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir);
        p.start(m_openssl, args);
        if (!p.waitForFinished(30'000) || p.exitCode() != 0) {
            *m_error = QStringLiteral("openssl %1: %2")
                           .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAllStandardError()));
            return false;
        }
        return true;
    }
    bool selfSigned(const QString& name, const QString& cn)
    {
        return openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
            QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
            name + QStringLiteral(".crt"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
            QStringLiteral("/CN=") + cn, QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1") });
    }

    QString m_dir;
    QString m_openssl;
    QString* m_error = nullptr;
};
