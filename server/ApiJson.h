#pragma once

#include "Api.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUrlQuery>
#include <QVariant>
#include <optional>

// The small pieces every part of the API (Api.cpp, ApiLibrary.cpp, ApiInventory.cpp) answers with: JSON bodies,
// times, variable values, bounded query parameters.
namespace ApiJson {

QByteArray json(const QJsonObject& o);
ApiResponse ok(const QJsonObject& o, int status = 200);
// 400 bad_request naming `field`.
ApiResponse badRequest(const QString& message, const QString& field = {});
QString iso(const QDateTime& t);
QString isoMs(qint64 ms);
// A variable value as JSON: through VarCodec's text so that 1.0 stays a float where JSON can say it.
QJsonValue jsonValue(const QVariant& v);
// A bounded integer query parameter: nullopt (and *error set) when present but not a number in [min, max].
std::optional<qint64> intParam(
    const QUrlQuery& q, const QString& name, qint64 fallback, qint64 min, qint64 max, ApiResponse* error);
// The request body as a JSON object, or the 400 answer saying why it is not one.
std::optional<ApiResponse> objectBody(const QByteArray& body, QJsonObject* out);
// The query of a request's target.
QUrlQuery query(const ApiRequest& r);

} // namespace ApiJson
