#include "TlsPinStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

QString TlsPinStore::Check::message() const
{
    switch (verdict) {
    case Verdict::Trusted:
    case Verdict::Pinned:
        return {};
    case Verdict::NoCertificate:
        return QCoreApplication::translate("TlsPinStore", "The server %1 presented no TLS certificate.").arg(server);
    case Verdict::Unknown:
        return QCoreApplication::translate("TlsPinStore",
            "The certificate of %1 is not trusted by the system (%2) and has not been pinned.\n\nSubject: "
            "%3\nSHA-256: %4")
            .arg(server, errors.isEmpty() ? QString() : errors.first().errorString(), subjectText(certificate),
                formatFingerprint(fingerprint));
    case Verdict::Changed:
        return QCoreApplication::translate("TlsPinStore",
            "The certificate of %1 has CHANGED since it was pinned, and the system does not trust the new "
            "one. Someone may be intercepting the connection, or the server got a new certificate.\n\n"
            "Pinned SHA-256: %2\nPresented SHA-256: %3\nSubject: %4\n\nAsk the server's administrator "
            "for the fingerprint of its current certificate. Only if it is the presented one, remove the "
            "line for %1 from %5 and connect again.")
            .arg(server, formatFingerprint(pinned), formatFingerprint(fingerprint), subjectText(certificate),
                QDir::toNativeSeparators(pinFile));
    }
    return {};
}

TlsPinStore::TlsPinStore(QString path)
    : m_path(std::move(path))
{
}

QString TlsPinStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("tls_pinned_servers"));
}

QString TlsPinStore::serverKey(const QUrl& url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host().toLower() + QLatin1Char(':') + QString::number(port);
}

QByteArray TlsPinStore::fingerprint(const QSslCertificate& certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QString TlsPinStore::formatFingerprint(const QByteArray& sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QString TlsPinStore::subjectText(const QSslCertificate& certificate)
{
    return certificate.subjectDisplayName().isEmpty()
        ? certificate.subjectInfo(QSslCertificate::CommonName).join(QLatin1String(", "))
        : certificate.subjectDisplayName();
}

Result<QList<QPair<QString, QByteArray>>> TlsPinStore::load() const
{
    QList<QPair<QString, QByteArray>> pins;
    QFile file(m_path);
    if (!file.exists()) {
        return pins;
    }
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024) {
        return Error(QCoreApplication::translate("TlsPinStore", "cannot read the pinned certificates: %1")
                         .arg(file.errorString()),
            { m_path });
    }
    int line = 0;
    while (!file.atEnd()) {
        ++line;
        const QByteArray text = file.readLine().trimmed();
        if (text.isEmpty() || text.startsWith('#')) {
            continue;
        }
        const QList<QByteArray> fields = text.split(' ');
        const QByteArray sha = fields.size() == 2 ? QByteArray::fromHex(fields.at(1)) : QByteArray();
        if (sha.size() != 32) {
            return Error(
                QCoreApplication::translate("TlsPinStore", "not a pin line (expected \"host:port SHA256HEX\")"),
                { m_path, line, 1 });
        }
        pins.append({ QString::fromUtf8(fields.at(0)), sha });
    }
    return pins;
}

Result<void> TlsPinStore::save(const QList<QPair<QString, QByteArray>>& pins) const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error(QCoreApplication::translate("TlsPinStore", "cannot write the pinned certificates: %1")
                         .arg(file.errorString()),
            { m_path });
    }
    file.write("# OpsDeck: TLS certificates pinned on first use, one server per line: host:port SHA-256\n");
    for (const auto& [server, sha] : pins) {
        file.write(server.toUtf8() + ' ' + sha.toHex() + '\n');
    }
    if (!file.commit()) {
        return Error(QCoreApplication::translate("TlsPinStore", "cannot write the pinned certificates: %1")
                         .arg(file.errorString()),
            { m_path });
    }
    return {};
}

std::optional<QByteArray> TlsPinStore::pin(const QString& server) const
{
    const auto pins = load();
    if (!pins) {
        return std::nullopt;
    }
    for (const auto& [name, sha] : *pins) {
        if (name == server) {
            return sha;
        }
    }
    return std::nullopt;
}

Result<void> TlsPinStore::setPin(const QString& server, const QByteArray& sha256)
{
    auto pins = load();
    if (!pins) {
        return pins.error();
    }
    pins->removeIf([&](const auto& p) { return p.first == server; });
    pins->append({ server, sha256 });
    return save(*pins);
}

Result<void> TlsPinStore::removePin(const QString& server)
{
    auto pins = load();
    if (!pins) {
        return pins.error();
    }
    pins->removeIf([&](const auto& p) { return p.first == server; });
    return save(*pins);
}

TlsPinStore::Check TlsPinStore::check(
    const QString& server, const QList<QSslCertificate>& chain, const QList<QSslError>& errors) const
{
    Check c;
    c.server = server;
    c.pinFile = m_path;
    c.errors = errors;
    if (chain.isEmpty() || chain.first().isNull()) {
        c.verdict = Verdict::NoCertificate;
        return c;
    }
    c.certificate = chain.first();
    c.fingerprint = fingerprint(c.certificate);
    // A certificate the system trusts needs no pin: servers that move to a public CA keep working.
    if (errors.isEmpty()) {
        c.verdict = Verdict::Trusted;
        return c;
    }
    const std::optional<QByteArray> pinned = pin(server);
    if (!pinned) {
        c.verdict = Verdict::Unknown;
        return c;
    }
    c.pinned = *pinned;
    c.verdict = *pinned == c.fingerprint ? Verdict::Pinned : Verdict::Changed;
    return c;
}
