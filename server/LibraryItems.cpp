#include "LibraryItems.h"

#include "ApiJson.h"

#include <QJsonDocument>

#include <QJsonArray>

namespace {

LibraryItems::Item itemOf(const Script& s)
{
    QJsonObject o = s.toJson();
    o.remove(QStringLiteral("created"));
    o.remove(QStringLiteral("updated"));
    o.insert(QStringLiteral("createdAt"), ApiJson::iso(s.createdAt));
    o.insert(QStringLiteral("updatedAt"), ApiJson::iso(s.updatedAt));
    return { s.id, s.version, s.name, s.content, o };
}

LibraryItems::Item itemOf(const ConfigTemplate& t)
{
    QJsonObject o = t.toJson();
    o.insert(QStringLiteral("createdAt"), ApiJson::iso(t.createdAt));
    o.insert(QStringLiteral("updatedAt"), ApiJson::iso(t.updatedAt));
    o.insert(QStringLiteral("author"), t.author);
    return { t.id, t.version, t.name, t.content, o };
}

template <typename T> Result<LibraryItems::Item> itemOf(const Result<T>& r)
{
    if (!r) {
        return r.error();
    }
    return itemOf(*r);
}

LibraryItems::VersionInfo versionOf(const ScriptVersion& v)
{
    return { v.version, v.createdAt, v.author, v.message, itemOf(v.script) };
}

LibraryItems::VersionInfo versionOf(const ConfigTemplateVersion& v)
{
    return { v.version, v.createdAt, v.author, v.message, itemOf(v.snapshot) };
}

template <typename V> Result<LibraryItems::VersionInfo> versionOf(const Result<V>& r)
{
    if (!r) {
        return r.error();
    }
    return versionOf(*r);
}

template <typename V> Result<QList<LibraryItems::VersionInfo>> versionsOf(const Result<QList<V>>& r)
{
    if (!r) {
        return r.error();
    }
    QList<LibraryItems::VersionInfo> out;
    for (const V& v : *r) {
        out.append(versionOf(v));
    }
    return out;
}

} // namespace

LibraryItems::Kind LibraryItems::kindOfPath(const QString& path)
{
    return path.startsWith(QLatin1String("/api/v1/templates")) ? Kind::Templates : Kind::Scripts;
}

LibraryItems::LibraryItems(Workspace& workspace, Kind kind, const QString& author)
    : m_kind(kind)
    , m_scripts(workspace)
    , m_templates(workspace)
{
    m_scripts.setAuthor(author);
    m_templates.setAuthor(author);
}

QString LibraryItems::noun() const
{
    return m_kind == Kind::Scripts ? QStringLiteral("script") : QStringLiteral("template");
}

Result<QList<LibraryItems::Item>> LibraryItems::list() const
{
    QList<Item> out;
    if (m_kind == Kind::Scripts) {
        auto all = m_scripts.loadAll();
        if (!all) {
            return all.error();
        }
        for (const Script& s : *all) {
            out.append(itemOf(s));
        }
    } else {
        auto all = m_templates.loadAll();
        if (!all) {
            return all.error();
        }
        for (const ConfigTemplate& t : *all) {
            out.append(itemOf(t));
        }
    }
    return out;
}

Result<std::optional<LibraryItems::Item>> LibraryItems::find(const QString& name) const
{
    const auto found = [](const auto& r) -> Result<std::optional<Item>> {
        if (!r) {
            return r.error();
        }
        return r->has_value() ? std::optional<Item>(itemOf(**r)) : std::nullopt;
    };
    return m_kind == Kind::Scripts ? found(m_scripts.findByName(name)) : found(m_templates.findByName(name));
}

QStringList LibraryItems::writableFields() const
{
    if (m_kind == Kind::Scripts) {
        return { QStringLiteral("name"), QStringLiteral("language"), QStringLiteral("kind"),
            QStringLiteral("description"), QStringLiteral("parameters"), QStringLiteral("run_as"),
            QStringLiteral("content"), QStringLiteral("tags") };
    }
    return { QStringLiteral("name"), QStringLiteral("destination"), QStringLiteral("mode"), QStringLiteral("owner"),
        QStringLiteral("description"), QStringLiteral("content") };
}

QJsonObject LibraryItems::readFields(BodyFields& fields, const QJsonObject& base) const
{
    QJsonObject o = base;
    const bool isNew = base.isEmpty();
    const auto take = [&](const QString& key, const QString& value) {
        if (fields.has(key)) {
            o.insert(key, value);
        }
    };
    take(QStringLiteral("name"), fields.string(QStringLiteral("name"), isNew));
    take(QStringLiteral("content"), fields.text(QStringLiteral("content"), isNew));
    take(QStringLiteral("description"), fields.string(QStringLiteral("description"), false, 10'000));
    if (fields.has(QStringLiteral("name"))) {
        const QString name = o.value(QStringLiteral("name")).toString();
        if (const QString problem = Script::nameProblem(name); !problem.isEmpty()) {
            fields.fail(QStringLiteral("name"), problem);
        } else if (name.contains(u'/')) {
            fields.fail(QStringLiteral("name"),
                QStringLiteral("name must not contain '/': it names the %1 in paths").arg(noun()));
        }
    }
    if (m_kind == Kind::Scripts) {
        const QString language = fields.string(QStringLiteral("language"));
        if (fields.has(QStringLiteral("language")) && fields.ok() && !ScriptLanguages::fromName(language)) {
            fields.fail(QStringLiteral("language"), QStringLiteral("unknown language '%1'").arg(language));
        }
        take(QStringLiteral("language"), language);
        if (!o.contains(QStringLiteral("language"))) {
            o.insert(QStringLiteral("language"), ScriptLanguages::name(ScriptLanguage::Bash));
        }
        const QString kind = fields.string(QStringLiteral("kind"));
        if (fields.has(QStringLiteral("kind")) && fields.ok() && !Script::kindFromName(kind)) {
            fields.fail(QStringLiteral("kind"), QStringLiteral("kind must be user or system"));
        }
        take(QStringLiteral("kind"), kind);
        take(QStringLiteral("run_as"), fields.string(QStringLiteral("run_as")));
        const QJsonArray parameters = fields.array(QStringLiteral("parameters"));
        if (fields.has(QStringLiteral("parameters")) && fields.ok()) {
            auto parsed = Script::parametersFromJson(
                QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact)));
            if (!parsed) {
                fields.fail(QStringLiteral("parameters"), parsed.error().message);
            }
            o.insert(QStringLiteral("parameters"), parameters);
        }
        const QStringList tags = fields.strings(QStringLiteral("tags"));
        for (const QString& t : tags) {
            if (const QString problem = Script::tagProblem(t); !problem.isEmpty()) {
                fields.fail(QStringLiteral("tags"), problem);
            }
        }
        if (fields.has(QStringLiteral("tags"))) {
            o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
        }
        return o;
    }
    const auto checked = [&](const QString& key, QString (*problem)(const QString&)) {
        const QString value = fields.string(key, false, 4096);
        if (fields.has(key) && fields.ok()) {
            if (const QString p = problem(value); !p.isEmpty()) {
                fields.fail(key, p);
            }
        }
        take(key, value);
    };
    checked(QStringLiteral("destination"), &ConfigTemplate::destinationProblem);
    checked(QStringLiteral("mode"), &ConfigTemplate::modeProblem);
    checked(QStringLiteral("owner"), &ConfigTemplate::ownerProblem);
    return o;
}

Result<LibraryItems::Item> LibraryItems::create(const QJsonObject& item, const QString& message)
{
    if (m_kind == Kind::Scripts) {
        auto s = Script::fromJson(item);
        if (!s) {
            return s.error();
        }
        return itemOf(m_scripts.create(*s, message));
    }
    auto t = ConfigTemplate::fromJson(item);
    if (!t) {
        return t.error();
    }
    return itemOf(m_templates.create(*t, message));
}

Result<LibraryItems::Item> LibraryItems::save(const QJsonObject& item, const QString& message, bool* changed)
{
    if (m_kind == Kind::Scripts) {
        auto s = Script::fromJson(item);
        if (!s) {
            return s.error();
        }
        return itemOf(m_scripts.save(*s, message, changed));
    }
    auto t = ConfigTemplate::fromJson(item);
    if (!t) {
        return t.error();
    }
    return itemOf(m_templates.save(*t, message, changed));
}

Result<void> LibraryItems::remove(qint64 id)
{
    return m_kind == Kind::Scripts ? m_scripts.remove(id) : m_templates.remove(id);
}

Result<QList<LibraryItems::VersionInfo>> LibraryItems::versions(qint64 id) const
{
    return m_kind == Kind::Scripts ? versionsOf(m_scripts.versions(id)) : versionsOf(m_templates.versions(id));
}

Result<LibraryItems::VersionInfo> LibraryItems::version(qint64 id, int number) const
{
    return m_kind == Kind::Scripts ? versionOf(m_scripts.version(id, number))
                                   : versionOf(m_templates.version(id, number));
}

Result<LibraryItems::Item> LibraryItems::restore(qint64 id, int number, const QString& message)
{
    return m_kind == Kind::Scripts ? itemOf(m_scripts.restore(id, number, message))
                                   : itemOf(m_templates.restore(id, number, message));
}
