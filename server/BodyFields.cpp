#include "BodyFields.h"

#include "ApiJson.h"
#include "core/VarCodec.h"

#include <QRegularExpression>

BodyFields::BodyFields(const QByteArray& body, const QStringList& known)
    : m_body(body)
{
    if (auto bad = ApiJson::objectBody(body, &m_object)) {
        m_problem = *bad;
        return;
    }
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            fail(it.key(), QStringLiteral("unknown field '%1' (known: %2)").arg(it.key(), known.join(u", ")));
            return;
        }
    }
}

bool BodyFields::has(const QString& key) const
{
    const QJsonValue v = m_object.value(key);
    return !v.isUndefined() && !v.isNull();
}

bool BodyFields::present(const QString& key, bool required)
{
    if (!ok()) {
        return false;
    }
    if (has(key)) {
        return true;
    }
    if (required) {
        fail(key, QStringLiteral("%1 is required").arg(key));
    }
    return false;
}

void BodyFields::fail(const QString& field, const QString& message)
{
    if (!m_problem) {
        m_problem = ApiJson::badRequest(message, field);
    }
}

QString BodyFields::string(const QString& key, bool required, qsizetype maxLength)
{
    if (!present(key, required)) {
        return {};
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isString()) {
        fail(key, QStringLiteral("%1 must be a string").arg(key));
        return {};
    }
    if (v.toString().size() > maxLength) {
        fail(key, QStringLiteral("%1 is longer than %2 characters").arg(key).arg(maxLength));
        return {};
    }
    return v.toString();
}

std::optional<qint64> BodyFields::integer(const QString& key, qint64 min, qint64 max, bool required)
{
    if (!present(key, required)) {
        return std::nullopt;
    }
    const QJsonValue v = m_object.value(key);
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d)) || qint64(d) < min || qint64(d) > max) {
        fail(key, QStringLiteral("%1 must be a whole number from %2 to %3").arg(key).arg(min).arg(max));
        return std::nullopt;
    }
    return qint64(d);
}

bool BodyFields::boolean(const QString& key, bool fallback)
{
    if (!present(key, false)) {
        return fallback;
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isBool()) {
        fail(key, QStringLiteral("%1 must be true or false").arg(key));
        return fallback;
    }
    return v.toBool();
}

QStringList BodyFields::strings(const QString& key, bool required)
{
    QStringList out;
    const QJsonArray a = array(key);
    if (!ok()) {
        return out;
    }
    if (required && !has(key)) {
        fail(key, QStringLiteral("%1 is required").arg(key));
    }
    for (int i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString() || a.at(i).toString().size() > 200) {
            fail(QStringLiteral("%1[%2]").arg(key).arg(i),
                QStringLiteral("%1 must be a list of strings (each at most 200 characters)").arg(key));
            return {};
        }
        out << a.at(i).toString();
    }
    return out;
}

QJsonArray BodyFields::array(const QString& key)
{
    if (!present(key, false)) {
        return {};
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isArray()) {
        fail(key, QStringLiteral("%1 must be a list").arg(key));
        return {};
    }
    return v.toArray();
}

QJsonObject BodyFields::object(const QString& key, bool required)
{
    if (!present(key, required)) {
        return {};
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isObject()) {
        fail(key, QStringLiteral("%1 must be an object").arg(key));
        return {};
    }
    return v.toObject();
}

QVariantMap BodyFields::variables(const QString& key)
{
    if (!present(key, false)) {
        return {};
    }
    if (!m_object.value(key).isObject()) {
        fail(key, QStringLiteral("%1 must be an object of variables").arg(key));
        return {};
    }
    // The body is valid JSON (checked above); VarCodec reads it again for the integer/float distinction.
    const auto all = VarCodec::fromJson(m_body);
    if (!all) {
        fail(key, QStringLiteral("%1: %2").arg(key, all.error().message));
        return {};
    }
    return all->toMap().value(key).toMap();
}

QMap<QString, QString> launchParams(BodyFields& fields)
{
    QMap<QString, QString> out;
    if (!fields.has(QStringLiteral("params")) || !fields.ok()) {
        return out;
    }
    const QVariantMap given = fields.variables(QStringLiteral("params"));
    for (auto it = given.cbegin(); it != given.cend() && fields.ok(); ++it) {
        const QVariant& v = it.value();
        if (VarCodec::isString(v)) {
            out.insert(it.key(), v.toString());
        } else if (v.typeId() == QMetaType::Bool) {
            out.insert(it.key(), v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        } else if (VarCodec::isInteger(v)) {
            out.insert(it.key(), QString::number(v.toLongLong()));
        } else if (VarCodec::isFloat(v)) {
            out.insert(it.key(), VarCodec::pythonFloat(v.toDouble()));
        } else {
            fields.fail(QStringLiteral("params.") + it.key(),
                QStringLiteral("params.%1 must be a string, a number or a boolean").arg(it.key()));
        }
    }
    return out;
}

std::optional<qint64> baseVersion(const ApiRequest& r, BodyFields& fields)
{
    if (fields.has(QStringLiteral("base_version"))) {
        return fields.integer(QStringLiteral("base_version"), 1, std::numeric_limits<qint32>::max());
    }
    if (r.ifMatch.isEmpty()) {
        return std::nullopt;
    }
    static const QRegularExpression tag(QStringLiteral("^(?:W/)?\"?([0-9]{1,9})\"?$"));
    const QRegularExpressionMatch m = tag.match(r.ifMatch.trimmed());
    if (!m.hasMatch()) {
        fields.fail(QStringLiteral("If-Match"), QStringLiteral("If-Match must be a version number"));
        return -1;
    }
    return m.captured(1).toLongLong();
}
