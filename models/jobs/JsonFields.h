#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

// Reads typed fields of one JSON object of the job formats (specs, events), which may come from a damaged store or
// a peer: every field is checked, and the first problem is kept as "'path.key' what is wrong".
class JsonFields {
public:
    explicit JsonFields(const QJsonObject& object, QString path = {})
        : m_object(object)
        , m_path(std::move(path))
    {
    }

    QString string(const char* key, bool required = false);
    qint64 integer(const char* key, qint64 min, qint64 max, bool required = false, qint64 fallback = 0);
    // nullopt when absent (and not required) or wrong.
    std::optional<QStringList> strings(const char* key, bool required = false);
    bool boolean(const char* key);
    QByteArray base64(const char* key, bool required = false);
    // A field holding one of a set of names; parse gives nullopt for an unknown one.
    template <typename E> E name(const char* key, std::optional<E> (*parse)(QStringView), const char* known)
    {
        const QString text = string(key, true);
        if (m_error) {
            return E {};
        }
        const std::optional<E> v = parse(text);
        if (!v) {
            fail(key, QStringLiteral("'%1' is unknown (known: %2)").arg(text, QLatin1String(known)));
            return E {};
        }
        return *v;
    }

    void fail(const char* key, const QString& what);
    void failWith(const QString& message);
    const std::optional<QString>& error() const { return m_error; }

    static QJsonArray toArray(const QStringList& list);

private:
    QJsonValue value(const char* key, bool required);

    const QJsonObject& m_object;
    QString m_path;
    std::optional<QString> m_error;
};
