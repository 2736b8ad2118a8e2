#include "TokenStore.h"

#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>
#include <openssl/crypto.h>

namespace {

const QString kPrefix = QStringLiteral("odt_");

QString hashOf(const QString& secret)
{
    return QString::fromLatin1(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<QDateTime> timeOf(const QVariant& v)
{
    if (v.isNull()) {
        return std::nullopt;
    }
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QVariant msOf(const std::optional<QDateTime>& t)
{
    return t ? QVariant(t->toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

Error sqlError(const QString& what, const QSqlQuery& q)
{
    return Error(QStringLiteral("%1: %2").arg(what, q.lastError().text()));
}

TokenStore::Token tokenFrom(const QSqlQuery& q)
{
    TokenStore::Token t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.role = TokenStore::roleFromName(q.value(2).toString()).value_or(TokenStore::Role::Viewer);
    t.createdAt = *timeOf(q.value(3));
    t.expiresAt = timeOf(q.value(4));
    t.revokedAt = timeOf(q.value(5));
    t.lastUsedAt = timeOf(q.value(6));
    return t;
}

const char* const kColumns = "id, name, role, created_at, expires_at, revoked_at, last_used_at";

} // namespace

TokenStore::TokenStore(Workspace& workspace)
    : m_workspace(workspace)
{
}

QString TokenStore::roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Admin:
        break;
    }
    return QStringLiteral("admin");
}

std::optional<TokenStore::Role> TokenStore::roleFromName(const QString& name)
{
    for (const Role r : { Role::Viewer, Role::Operator, Role::Admin }) {
        if (name == roleName(r)) {
            return r;
        }
    }
    return std::nullopt;
}

std::optional<qint64> TokenStore::parseDurationSeconds(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^([1-9][0-9]{0,5})([dhm])$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const qint64 n = m.captured(1).toLongLong();
    const QChar unit = m.captured(2).at(0);
    return n * (unit == u'd' ? 86400 : unit == u'h' ? 3600 : 60);
}

Result<TokenStore::Created> TokenStore::create(const QString& name, Role role, std::optional<QDateTime> expiresAt)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 100) {
        return Error(QStringLiteral("a token needs a name of 1 to 100 characters"));
    }
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(random.data()), random.size() / 4);
    Created out;
    out.secret = kPrefix
        + QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    out.token.name = trimmed;
    out.token.role = role;
    out.token.createdAt = QDateTime::currentDateTimeUtc();
    out.token.expiresAt = expiresAt;
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral(
        "INSERT INTO api_tokens (name, role, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(trimmed);
    q.addBindValue(roleName(role));
    q.addBindValue(hashOf(out.secret));
    q.addBindValue(out.token.createdAt.toMSecsSinceEpoch());
    q.addBindValue(msOf(expiresAt));
    if (!q.exec() || !q.next()) {
        return sqlError(QStringLiteral("cannot store the token"), q);
    }
    out.token.id = q.value(0).toLongLong();
    q.finish();
    return out;
}

Result<QList<TokenStore::Token>> TokenStore::list() const
{
    QSqlQuery q(m_workspace.database());
    if (!q.exec(QStringLiteral("SELECT %1 FROM api_tokens ORDER BY id").arg(QLatin1String(kColumns)))) {
        return sqlError(QStringLiteral("cannot read the tokens"), q);
    }
    QList<Token> out;
    while (q.next()) {
        out.append(tokenFrom(q));
    }
    return out;
}

Result<void> TokenStore::revoke(qint64 id)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot revoke the token"), q);
    }
    if (q.numRowsAffected() == 0) {
        return Error(QStringLiteral("no token with the id %1").arg(id));
    }
    return {};
}

std::optional<TokenStore::Token> TokenStore::authenticate(const QString& secret)
{
    if (!secret.startsWith(kPrefix) || secret.size() > 200) {
        return std::nullopt;
    }
    const QString hash = hashOf(secret);
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT %1, hash FROM api_tokens WHERE hash = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(hash);
    if (!q.exec() || !q.next()) {
        return std::nullopt;
    }
    // The index found the row; compare the whole hash without an early exit all the same.
    const QByteArray stored = q.value(7).toString().toLatin1();
    const QByteArray mine = hash.toLatin1();
    if (stored.size() != mine.size() || CRYPTO_memcmp(stored.constData(), mine.constData(), size_t(mine.size())) != 0) {
        return std::nullopt;
    }
    Token t = tokenFrom(q);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!t.isValidAt(now)) {
        return std::nullopt;
    }
    QSqlQuery u(m_workspace.database());
    u.prepare(QStringLiteral("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
    u.addBindValue(now.toMSecsSinceEpoch());
    u.addBindValue(t.id);
    (void)u.exec();
    t.lastUsedAt = now;
    return t;
}
