#include "ApiJson.h"

#include "core/VarCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUrl>

namespace ApiJson {

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ApiResponse ok(const QJsonObject& o, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = json(o);
    return r;
}

ApiResponse badRequest(const QString& message, const QString& field)
{
    return Api::error(400, QStringLiteral("bad_request"), message, field);
}

QString iso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString isoMs(qint64 ms)
{
    return iso(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

QJsonValue jsonValue(const QVariant& v)
{
    return QJsonDocument::fromJson("[" + VarCodec::toJson(v) + "]").array().first();
}

std::optional<qint64> intParam(
    const QUrlQuery& q, const QString& name, qint64 fallback, qint64 min, qint64 max, ApiResponse* error)
{
    if (!q.hasQueryItem(name)) {
        return fallback;
    }
    bool okay = false;
    const qint64 v = q.queryItemValue(name).toLongLong(&okay);
    if (!okay || v < min || v > max) {
        *error
            = badRequest(QStringLiteral("%1 must be a whole number from %2 to %3").arg(name).arg(min).arg(max), name);
        return std::nullopt;
    }
    return v;
}

std::optional<ApiResponse> objectBody(const QByteArray& body, QJsonObject* out)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &perr);
    if (perr.error != QJsonParseError::NoError) {
        return badRequest(
            QStringLiteral("the body is not JSON: %1 at offset %2").arg(perr.errorString()).arg(perr.offset));
    }
    if (!doc.isObject()) {
        return badRequest(QStringLiteral("the body must be a JSON object"));
    }
    *out = doc.object();
    return std::nullopt;
}

QUrlQuery query(const ApiRequest& r)
{
    return QUrlQuery(QUrl(r.target).query());
}

} // namespace ApiJson
