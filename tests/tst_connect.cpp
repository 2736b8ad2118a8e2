// Connecting to a control server, below the GUI (backend-client/connect): the connection test (ServerProbe) against
// a real opsdeck-server on loopback (server version and the token's role; a refused token; nothing listening),
// TLS trust (TlsPinStore) over real TLS handshakes with a QSslServer and certificates made by `openssl req
// -x509` in the test's directory: trusted through a test CA, a self-signed one pinned on first use, a changed
// one refused; the probe over HTTPS asking for a pin, then passing; and server URLs as typed.
#include "ServerFixture.h"
#include "TlsFixture.h"
#include "connect/ServerProbe.h"
#include "connect/ServerProfile.h"
#include "connect/TlsPinStore.h"

#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

struct Handshake {
    TlsPinStore::Check check;
    bool sawErrors = false;
    bool encrypted = false;
};

// A client handshake as the remote backend does it: the TLS errors go through the pin store, and exactly those
// errors are ignored when the certificate is the pinned one.
Handshake handshake(quint16 port, const TlsPinStore& pins, const QList<QSslCertificate>& cas)
{
    Handshake h;
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!cas.isEmpty()) {
        tls.setCaCertificates(cas);
    }
    socket.setSslConfiguration(tls);
    const QString server = QStringLiteral("localhost:%1").arg(port);
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket, [&](const QList<QSslError>& errors) {
        h.sawErrors = true;
        h.check = pins.check(server, socket.peerCertificateChain(), errors);
        if (h.check.verdict == TlsPinStore::Verdict::Pinned) {
            socket.ignoreSslErrors(errors);
        }
    });
    // The endpoint runs on this thread: wait on the event loop, not with waitForEncrypted().
    QEventLoop loop;
    QObject::connect(&socket, &QSslSocket::encrypted, &loop, [&] {
        h.encrypted = true;
        loop.quit();
    });
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, QStringLiteral("localhost"));
    loop.exec();
    if (h.encrypted && !h.sawErrors) {
        h.check = pins.check(server, socket.peerCertificateChain(), {});
    }
    return h;
}

} // namespace

class TestConnect : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    static QList<QSslCertificate> certs(const QString& file) { return QSslCertificate::fromPath(file); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        if (const QString why = TlsCertificates::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        TlsCertificates certificates(m_dir.path());
        QString error;
        QVERIFY2(certificates.make(&error), qPrintable(error));
    }

    void trustedThroughTheCa()
    {
        TlsEndpoint endpoint(path(QStringLiteral("signed.crt")), path(QStringLiteral("signed.key")));
        QVERIFY(endpoint.port() != 0);
        TlsPinStore pins(path(QStringLiteral("pins-ca")));
        const Handshake h = handshake(endpoint.port(), pins, certs(path(QStringLiteral("ca.crt"))));
        QVERIFY(h.encrypted);
        QVERIFY(!h.sawErrors);
        QCOMPARE(h.check.verdict, TlsPinStore::Verdict::Trusted);
        QVERIFY(!QFile::exists(pins.path())); // nothing pinned for a trusted certificate
        // Without the CA the same certificate is not trusted: it would have to be pinned.
        const Handshake unknown = handshake(endpoint.port(), pins, {});
        QVERIFY(!unknown.encrypted);
        QCOMPARE(unknown.check.verdict, TlsPinStore::Verdict::Unknown);
    }

    void selfSignedPinnedOnFirstUseThenChangedRefused()
    {
        TlsPinStore pins(path(QStringLiteral("pins-self")));
        const QString fingerprintA
            = TlsPinStore::formatFingerprint(TlsPinStore::fingerprint(certs(path(QStringLiteral("a.crt"))).value(0)));
        quint16 port = 0;
        {
            TlsEndpoint a(path(QStringLiteral("a.crt")), path(QStringLiteral("a.key")));
            port = a.port();
            // First contact: refused, with what the operator must compare.
            const Handshake first = handshake(port, pins, {});
            QVERIFY(!first.encrypted);
            QCOMPARE(first.check.verdict, TlsPinStore::Verdict::Unknown);
            QVERIFY(first.check.message().contains(fingerprintA));
            QVERIFY(first.check.message().contains(QLatin1String("ops-a.example")));
            QCOMPARE(TlsPinStore::subjectText(first.check.certificate), QStringLiteral("ops-a.example"));
            // The operator accepts: pinned; the next handshake passes on the pin alone.
            QVERIFY(pins.setPin(first.check.server, first.check.fingerprint));
            const Handshake second = handshake(port, pins, {});
            QVERIFY(second.encrypted);
            QCOMPARE(second.check.verdict, TlsPinStore::Verdict::Pinned);
            // A fresh store object reads the same file (the backend's reconnects see the dialog's pin).
            QCOMPARE(TlsPinStore(pins.path()).pin(first.check.server).value_or(QByteArray()), first.check.fingerprint);
        }
        // Another certificate on another port is another server: unknown, not the pin of the first.
        TlsEndpoint b(path(QStringLiteral("b.crt")), path(QStringLiteral("b.key")));
        const Handshake other = handshake(b.port(), pins, {});
        QCOMPARE(other.check.verdict, TlsPinStore::Verdict::Unknown);
        // The pinned server now presents certificate B: refused, both fingerprints named, and what to do.
        QVERIFY(pins.setPin(QStringLiteral("localhost:%1").arg(b.port()),
            TlsPinStore::fingerprint(certs(path(QStringLiteral("a.crt"))).value(0))));
        const Handshake changed = handshake(b.port(), pins, {});
        QVERIFY(!changed.encrypted);
        QCOMPARE(changed.check.verdict, TlsPinStore::Verdict::Changed);
        const QString message = changed.check.message();
        QVERIFY2(message.contains(fingerprintA), qPrintable(message));
        QVERIFY(message.contains(
            TlsPinStore::formatFingerprint(TlsPinStore::fingerprint(certs(path(QStringLiteral("b.crt"))).value(0)))));
        QVERIFY(message.contains(QDir::toNativeSeparators(pins.path())));
        Q_UNUSED(port);
    }

    void pinFileIsCheckedAndKeptAtomically()
    {
        TlsPinStore pins(path(QStringLiteral("pins-file")));
        const QByteArray sha(32, '\x11');
        QVERIFY(pins.setPin(QStringLiteral("a:1"), sha));
        QVERIFY(pins.setPin(QStringLiteral("b:2"), QByteArray(32, '\x22')));
        QVERIFY(pins.setPin(QStringLiteral("a:1"), QByteArray(32, '\x33'))); // re-pinned, not duplicated
        QCOMPARE(pins.pin(QStringLiteral("a:1")).value_or(QByteArray()), QByteArray(32, '\x33'));
        QVERIFY(pins.removePin(QStringLiteral("b:2")));
        QVERIFY(!pins.pin(QStringLiteral("b:2")));
        QFile f(pins.path());
        QVERIFY(f.open(QIODevice::Append));
        f.write("garbage line\n");
        f.close();
        const Result<void> broken = pins.setPin(QStringLiteral("c:3"), sha);
        QVERIFY(!broken);
        QVERIFY(broken.errorString().contains(QLatin1String(":3:1:"))); // file, line and column
    }

    void probeOverTlsAsksForAPinThenPasses()
    {
        const QByteArray info
            = R"({"name":"opsdeck-server","version":"9.9.9","api":"v1","time":"2026-01-01T00:00:00Z",)"
              R"("role":"operator","features":["jobs"]})";
        TlsEndpoint endpoint(path(QStringLiteral("a.crt")), path(QStringLiteral("a.key")), info);
        TlsPinStore pins(path(QStringLiteral("pins-probe")));
        ServerProbe probe(&pins);
        QSignalSpy done(&probe, &ServerProbe::finished);
        const QUrl url(QStringLiteral("https://localhost:%1").arg(endpoint.port()));
        probe.probe(url, QStringLiteral("odt_token"));
        QVERIFY(done.wait(15'000));
        auto r = done.takeFirst().at(0).value<ServerProbe::Report>();
        QCOMPARE(r.outcome, ServerProbe::Outcome::TlsUnknown);
        QVERIFY(r.message.contains(TlsPinStore::formatFingerprint(r.tls.fingerprint)));
        QVERIFY(endpoint.request().isEmpty()); // the token never went to an untrusted server
        QVERIFY(pins.setPin(r.tls.server, r.tls.fingerprint));
        probe.probe(url, QStringLiteral("odt_token"));
        QVERIFY(done.wait(15'000));
        r = done.takeFirst().at(0).value<ServerProbe::Report>();
        QCOMPARE(r.outcome, ServerProbe::Outcome::Ok);
        QCOMPARE(r.version, QStringLiteral("9.9.9"));
        QCOMPARE(r.role, QStringLiteral("operator"));
        QVERIFY(endpoint.request().contains("Authorization: Bearer odt_token"));
    }

    void probeARealServer()
    {
        QTemporaryDir data;
        QString error;
        QString viewer;
        QProcess server;
        const quint16 port
            = ServerFixture::startWithToken(server, data.path(), QStringLiteral("viewer"), &viewer, &error);
        QVERIFY2(port != 0, qPrintable(error));
        TlsPinStore pins(path(QStringLiteral("pins-real")));
        ServerProbe probe(&pins);
        QSignalSpy done(&probe, &ServerProbe::finished);
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(port));

        probe.probe(url, viewer);
        QVERIFY(done.wait(15'000));
        auto r = done.takeFirst().at(0).value<ServerProbe::Report>();
        QVERIFY2(r.outcome == ServerProbe::Outcome::Ok, qPrintable(r.message));
        QVERIFY(!r.version.isEmpty());
        QCOMPARE(r.role, QStringLiteral("viewer"));

        probe.probe(url, QStringLiteral("odt_") + QString(43, QLatin1Char('x')));
        QVERIFY(done.wait(15'000));
        r = done.takeFirst().at(0).value<ServerProbe::Report>();
        QCOMPARE(r.outcome, ServerProbe::Outcome::Unauthorized);
        QVERIFY2(r.message.contains(QLatin1String("401")), qPrintable(r.message));

        ServerFixture::stop(server);
        probe.probe(url, viewer);
        QVERIFY(done.wait(15'000));
        r = done.takeFirst().at(0).value<ServerProbe::Report>();
        QCOMPARE(r.outcome, ServerProbe::Outcome::Unreachable);
        QVERIFY2(r.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(r.message));
    }

    void serverUrls_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url"); // empty: refused
        QTest::newRow("full") << "https://Ops.Example:8750"
                              << "https://ops.example:8750";
        QTest::newRow("no scheme") << "ops.example:8750"
                                   << "https://ops.example:8750";
        QTest::newRow("api path") << "http://127.0.0.1:8750/api/v1/"
                                  << "http://127.0.0.1:8750";
        QTest::newRow("other path") << "https://ops.example/x"
                                    << "";
        QTest::newRow("ftp") << "ftp://ops.example"
                             << "";
        QTest::newRow("token in url") << "https://user:pw@ops.example"
                                      << "";
        QTest::newRow("empty") << "  "
                               << "";
    }
    void serverUrls()
    {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        const Result<QUrl> parsed = ServerProfile::parseUrl(typed);
        QCOMPARE(parsed.ok(), !url.isEmpty());
        if (parsed) {
            QCOMPARE(parsed->toString(), url);
        }
    }

    void recentServers()
    {
        ServerProfile::remember(QUrl(QStringLiteral("https://a.example")));
        ServerProfile::remember(QUrl(QStringLiteral("https://b.example")));
        ServerProfile::remember(QUrl(QStringLiteral("https://a.example")));
        QCOMPARE(ServerProfile::recent().mid(0, 2),
            QStringList({ QStringLiteral("https://a.example"), QStringLiteral("https://b.example") }));
        ServerProfile::forget(QUrl(QStringLiteral("https://a.example")));
        QCOMPARE(ServerProfile::recent().value(0), QStringLiteral("https://b.example"));
    }
};

QTEST_GUILESS_MAIN(TestConnect)
#include "tst_connect.moc"
