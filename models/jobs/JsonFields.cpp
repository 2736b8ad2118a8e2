#include "JsonFields.h"

QJsonValue JsonFields::value(const char* key, bool required)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if ((v.isUndefined() || v.isNull()) && required) {
        fail(key, QStringLiteral("is missing"));
    }
    return v;
}

QString JsonFields::string(const char* key, bool required)
{
    const QJsonValue v = value(key, required);
    if (v.isUndefined() || v.isNull()) {
        return {};
    }
    if (!v.isString()) {
        fail(key, QStringLiteral("must be a string"));
        return {};
    }
    return v.toString();
}

qint64 JsonFields::integer(const char* key, qint64 min, qint64 max, bool required, qint64 fallback)
{
    const QJsonValue v = value(key, required);
    if (v.isUndefined() || v.isNull()) {
        return fallback;
    }
    const double d = v.toDouble();
    // 2^53: beyond it a JSON number no longer holds every integer exactly.
    if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max) || d > 9007199254740992.0) {
        fail(key, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
        return fallback;
    }
    return qint64(d);
}

std::optional<QStringList> JsonFields::strings(const char* key, bool required)
{
    const QJsonValue v = value(key, required);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        QStringList out;
        out.reserve(a.size());
        for (const QJsonValue item : a) {
            if (!item.isString()) {
                break;
            }
            out.append(item.toString());
        }
        if (out.size() == a.size()) {
            return out;
        }
    }
    fail(key, QStringLiteral("must be a list of strings"));
    return std::nullopt;
}

bool JsonFields::boolean(const char* key)
{
    const QJsonValue v = value(key, false);
    if (!v.isUndefined() && !v.isNull() && !v.isBool()) {
        fail(key, QStringLiteral("must be true or false"));
    }
    return v.toBool();
}

QByteArray JsonFields::base64(const char* key, bool required)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(string(key, required).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        fail(key, QStringLiteral("is not valid base64"));
    }
    return decoded.decoded;
}

void JsonFields::fail(const char* key, const QString& what)
{
    failWith(QStringLiteral("'%1%2' %3").arg(m_path, QLatin1String(key), what));
}

void JsonFields::failWith(const QString& message)
{
    if (!m_error) {
        m_error = message;
    }
}

QJsonArray JsonFields::toArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list) {
        a.append(s);
    }
    return a;
}
