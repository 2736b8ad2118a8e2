#pragma once

#include "Api.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QVariantMap>
#include <optional>

// A request body read field by field into typed values before anything touches the store (CONVENTIONS "Servers").
// The first problem wins and is a 400 naming its field: the body is not JSON or not an object (no field), a field
// is unknown, a required one is missing, one has the wrong type or is out of range. Readers of absent (or null)
// optional fields return the fallback; after the reads, problem() is the answer to send, if any.
class BodyFields {
public:
    BodyFields(const QByteArray& body, const QStringList& known);

    bool has(const QString& key) const;
    QString string(const QString& key, bool required = false, qsizetype maxLength = 200);
    // Text such as a script's content: up to the body's limit.
    QString text(const QString& key, bool required = false) { return string(key, required, 1 << 20); }
    std::optional<qint64> integer(const QString& key, qint64 min, qint64 max, bool required = false);
    bool boolean(const QString& key, bool fallback = false);
    QStringList strings(const QString& key, bool required = false);
    QJsonArray array(const QString& key);
    QJsonObject object(const QString& key, bool required = false);
    // A JSON object of variables, read with VarCodec so that 1 and 1.0 stay an integer and a float.
    QVariantMap variables(const QString& key);

    // Records a problem found by the caller (the first one is kept).
    void fail(const QString& field, const QString& message);
    bool ok() const { return !m_problem.has_value(); }
    const std::optional<ApiResponse>& problem() const { return m_problem; }

private:
    bool present(const QString& key, bool required);

    QByteArray m_body;
    QJsonObject m_object;
    std::optional<ApiResponse> m_problem;
};

// A workflow's launch inputs `params` ({NAME: string, number or boolean}) as text, as `--param K=V` gives them;
// problems go to `fields`, naming params.NAME.
QMap<QString, QString> launchParams(BodyFields& fields);

// The version a write is based on: base_version in the body, else the If-Match header ("3" or "\"3\"").
// nullopt when neither says; -1 (and a problem in `fields`) when one is not a version number.
std::optional<qint64> baseVersion(const ApiRequest& r, BodyFields& fields);
