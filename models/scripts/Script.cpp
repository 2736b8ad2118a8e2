#include "Script.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

QString Script::kindName(Kind kind)
{
    return kind == Kind::System ? QStringLiteral("system") : QStringLiteral("user");
}

std::optional<Script::Kind> Script::kindFromName(const QString& name)
{
    if (name == QLatin1String("system")) {
        return Kind::System;
    }
    if (name == QLatin1String("user")) {
        return Kind::User;
    }
    return std::nullopt;
}

bool Script::sameVersionedFields(const Script& other) const
{
    return name == other.name && language == other.language && kind == other.kind && description == other.description
        && parameters == other.parameters && runAs == other.runAs && content == other.content;
}

QString Script::parametersToJson(const QList<ScriptParameter>& parameters)
{
    QJsonArray array;
    for (const ScriptParameter& p : parameters) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), p.name);
        o.insert(QStringLiteral("description"), p.description);
        o.insert(QStringLiteral("default"), p.defaultValue);
        o.insert(QStringLiteral("required"), p.required);
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

Result<QList<ScriptParameter>> Script::parametersFromJson(const QString& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        return Error(QStringLiteral("script parameters are not valid JSON: %1 at offset %2")
                         .arg(error.errorString())
                         .arg(error.offset));
    }
    if (!doc.isArray()) {
        return Error(QStringLiteral("script parameters must be a JSON array"));
    }
    QList<ScriptParameter> out;
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject o = v.toObject();
        ScriptParameter p;
        p.name = o.value(QStringLiteral("name")).toString();
        if (p.name.isEmpty()) {
            return Error(QStringLiteral("script parameter %1 has no name").arg(out.size() + 1));
        }
        p.description = o.value(QStringLiteral("description")).toString();
        p.defaultValue = o.value(QStringLiteral("default")).toString();
        p.required = o.value(QStringLiteral("required")).toBool();
        out.append(p);
    }
    return out;
}

QString Script::nameProblem(const QString& name)
{
    if (name.trimmed().isEmpty()) {
        return QStringLiteral("a script needs a name");
    }
    if (name != name.trimmed()) {
        return QStringLiteral("a script name cannot start or end with spaces");
    }
    if (name.contains(QLatin1Char('\n')) || name.contains(QLatin1Char('\r'))) {
        return QStringLiteral("a script name must be one line");
    }
    if (name.size() > 200) {
        return QStringLiteral("a script name can have at most 200 characters");
    }
    return {};
}

QString Script::tagProblem(const QString& tag)
{
    if (tag.isEmpty()) {
        return QStringLiteral("a tag cannot be empty");
    }
    for (const QChar c : tag) {
        if (c.isSpace() || c == QLatin1Char(',')) {
            return QStringLiteral("a tag cannot contain spaces or commas: '%1'").arg(tag);
        }
    }
    if (tag.size() > 64) {
        return QStringLiteral("a tag can have at most 64 characters");
    }
    return {};
}

QStringList Script::normalizedTags(const QStringList& tags)
{
    QStringList out = tags;
    out.sort();
    out.removeDuplicates();
    out.removeAll(QString());
    return out;
}

Result<Script> Script::fromFile(const QString& path, std::optional<ScriptLanguage> language, QString* note)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("cannot read: %1").arg(f.errorString()), { path });
    }
    if (f.size() > kMaxFileBytes) {
        return Error(QStringLiteral("refused: %1 MB is larger than a script can be (at most %2 MB)")
                         .arg(f.size() / (1024 * 1024))
                         .arg(kMaxFileBytes / (1024 * 1024)),
            { path });
    }
    const QByteArray bytes = f.readAll();
    if (const QString reason = ScriptLanguages::refusalReason(bytes); !reason.isEmpty()) {
        return Error(QStringLiteral("refused: %1; scripts must be UTF-8 text").arg(reason), { path });
    }
    Script s;
    const QFileInfo info(path);
    s.name = info.completeBaseName().isEmpty() ? info.fileName() : info.completeBaseName();
    s.content = ScriptLanguages::decode(bytes);
    if (language) {
        s.language = *language;
    } else if (const auto detected = ScriptLanguages::detect(info.fileName(), bytes)) {
        s.language = *detected;
    } else {
        s.language = ScriptLanguage::Bash;
        if (note) {
            *note = QStringLiteral("no shebang line or known extension: assumed bash");
        }
    }
    return s;
}

QJsonObject Script::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("language"), ScriptLanguages::name(language));
    o.insert(QStringLiteral("kind"), kindName(kind));
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("parameters"), QJsonDocument::fromJson(parametersToJson(parameters).toUtf8()).array());
    o.insert(QStringLiteral("run_as"), runAs);
    o.insert(QStringLiteral("content"), content);
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("created"), createdAt.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("updated"), updatedAt.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("author"), author);
    return o;
}

Result<Script> Script::fromJson(const QJsonObject& o)
{
    Script s;
    s.id = o.value(QStringLiteral("id")).toInteger();
    s.name = o.value(QStringLiteral("name")).toString();
    const auto language = ScriptLanguages::fromName(o.value(QStringLiteral("language")).toString());
    if (!language) {
        return Error(QStringLiteral("script '%1': unknown language '%2'")
                         .arg(s.name, o.value(QStringLiteral("language")).toString()));
    }
    s.language = *language;
    const auto kind = kindFromName(o.value(QStringLiteral("kind")).toString(QStringLiteral("user")));
    if (!kind) {
        return Error(QStringLiteral("script '%1': kind must be user or system").arg(s.name));
    }
    s.kind = *kind;
    s.description = o.value(QStringLiteral("description")).toString();
    auto params = parametersFromJson(QString::fromUtf8(
        QJsonDocument(o.value(QStringLiteral("parameters")).toArray()).toJson(QJsonDocument::Compact)));
    if (!params) {
        return Error(QStringLiteral("script '%1': %2").arg(s.name, params.error().message));
    }
    s.parameters = *params;
    s.runAs = o.value(QStringLiteral("run_as")).toString();
    s.content = o.value(QStringLiteral("content")).toString();
    for (const QJsonValue& t : o.value(QStringLiteral("tags")).toArray()) {
        s.tags.append(t.toString());
    }
    s.tags = normalizedTags(s.tags);
    s.version = o.value(QStringLiteral("version")).toInt();
    s.createdAt = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    s.updatedAt = QDateTime::fromString(o.value(QStringLiteral("updated")).toString(), Qt::ISODateWithMs);
    s.author = o.value(QStringLiteral("author")).toString();
    return s;
}
