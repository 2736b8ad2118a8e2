#include "ScriptStore.h"

#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

Error queryError(const QString& what, const QSqlQuery& q, const QString& path)
{
    return Error(QStringLiteral("%1: %2").arg(what, q.lastError().text()), { path });
}

VersionedTable::Spec scriptTableSpec()
{
    return { QStringLiteral("scripts"), QStringLiteral("script_versions"), QStringLiteral("script_id"),
        QStringLiteral("script"),
        { QStringLiteral("name"), QStringLiteral("language"), QStringLiteral("kind"), QStringLiteral("description"),
            QStringLiteral("run_as"), QStringLiteral("parameters"), QStringLiteral("content") } };
}

// The versioned columns of a script, in the order of scriptTableSpec().
QVariantList columnValues(const Script& s)
{
    return { s.name, ScriptLanguages::name(s.language), Script::kindName(s.kind), s.description, s.runAs,
        Script::parametersToJson(s.parameters), s.content };
}

Result<void> fromColumnValues(const QVariantList& v, Script& s, const QString& path)
{
    s.name = v.value(0).toString();
    const auto language = ScriptLanguages::fromName(v.value(1).toString());
    const auto kind = Script::kindFromName(v.value(2).toString());
    if (!language || !kind) {
        return Error(QStringLiteral("script '%1' has an unknown language or kind in the workspace (%2, %3); the "
                                    "workspace may be damaged")
                         .arg(s.name, v.value(1).toString(), v.value(2).toString()),
            { path });
    }
    s.language = *language;
    s.kind = *kind;
    s.description = v.value(3).toString();
    s.runAs = v.value(4).toString();
    auto params = Script::parametersFromJson(v.value(5).toString());
    if (!params) {
        return Error(QStringLiteral("script '%1': %2").arg(s.name, params.error().message), { path });
    }
    s.parameters = *params;
    s.content = v.value(6).toString();
    return {};
}

Result<Script> scriptFromRow(const VersionedTable::Row& row, const QString& path)
{
    Script s;
    s.id = row.id;
    s.version = row.version;
    s.createdAt = row.createdAt;
    s.updatedAt = row.updatedAt;
    s.author = row.author;
    if (auto r = fromColumnValues(row.values, s, path); !r) {
        return r.error();
    }
    return s;
}

} // namespace

ScriptStore::ScriptStore(Workspace& workspace)
    : m_workspace(workspace)
    , m_table(workspace, scriptTableSpec())
{
}

QString ScriptStore::currentAuthor()
{
    return VersionedTable::currentAuthor();
}

Result<QList<Script>> ScriptStore::loadAll() const
{
    auto rows = m_table.loadAll();
    if (!rows) {
        return rows.error();
    }
    QList<Script> out;
    QHash<qint64, qsizetype> byId;
    for (const VersionedTable::Row& row : std::as_const(*rows)) {
        auto s = scriptFromRow(row, m_workspace.path());
        if (!s) {
            return s.error();
        }
        byId.insert(s->id, out.size());
        out.append(std::move(*s));
    }
    QSqlQuery t(m_workspace.database());
    t.setForwardOnly(true);
    if (!t.exec(QStringLiteral("SELECT script_id, tag FROM script_tags ORDER BY tag"))) {
        return queryError(QStringLiteral("cannot read script tags"), t, m_workspace.path());
    }
    while (t.next()) {
        const auto it = byId.constFind(t.value(0).toLongLong());
        if (it != byId.constEnd()) {
            out[*it].tags.append(t.value(1).toString());
        }
    }
    return out;
}

Result<Script> ScriptStore::readScript(qint64 id) const
{
    auto row = m_table.load(id);
    if (!row) {
        return row.error();
    }
    auto s = scriptFromRow(*row, m_workspace.path());
    if (!s) {
        return s.error();
    }
    QSqlQuery t(m_workspace.database());
    t.prepare(QStringLiteral("SELECT tag FROM script_tags WHERE script_id = ? ORDER BY tag"));
    t.addBindValue(id);
    if (!t.exec()) {
        return queryError(QStringLiteral("cannot read script tags"), t, m_workspace.path());
    }
    while (t.next()) {
        s->tags.append(t.value(0).toString());
    }
    return s;
}

Result<Script> ScriptStore::load(qint64 id) const
{
    return readScript(id);
}

Result<std::optional<Script>> ScriptStore::findByName(const QString& name) const
{
    auto id = m_table.idOfName(name);
    if (!id) {
        return id.error();
    }
    if (!id->has_value()) {
        return std::optional<Script>();
    }
    auto s = readScript(**id);
    if (!s) {
        return s.error();
    }
    return std::optional<Script>(*s);
}

Result<void> ScriptStore::writeTags(qint64 id, const QStringList& tags)
{
    QSqlQuery del(m_workspace.database());
    del.prepare(QStringLiteral("DELETE FROM script_tags WHERE script_id = ?"));
    del.addBindValue(id);
    if (!del.exec()) {
        return queryError(QStringLiteral("cannot save tags"), del, m_workspace.path());
    }
    QSqlQuery ins(m_workspace.database());
    ins.prepare(QStringLiteral("INSERT INTO script_tags (script_id, tag) VALUES (?, ?)"));
    for (const QString& tag : Script::normalizedTags(tags)) {
        if (const QString problem = Script::tagProblem(tag); !problem.isEmpty()) {
            return Error(problem, { m_workspace.path() });
        }
        ins.addBindValue(id);
        ins.addBindValue(tag);
        if (!ins.exec()) {
            return queryError(QStringLiteral("cannot save tag '%1'").arg(tag), ins, m_workspace.path());
        }
    }
    return {};
}

// Appends version script.version + 1 (inserting the script row for version 1) and updates the current row.
Result<void> ScriptStore::writeVersion(Script& s, const QString& message)
{
    if (const QString problem = Script::nameProblem(s.name); !problem.isEmpty()) {
        return Error(problem, { m_workspace.path() });
    }
    VersionedTable::Row row { s.id, s.version, s.createdAt, s.updatedAt, s.author, columnValues(s) };
    if (auto w = m_table.writeVersion(row, message); !w) {
        return w;
    }
    s.id = row.id;
    s.version = row.version;
    s.createdAt = row.createdAt;
    s.updatedAt = row.updatedAt;
    s.author = row.author;
    return {};
}

Result<Script> ScriptStore::create(Script script, const QString& message)
{
    script.id = 0;
    script.version = 0;
    script.tags = Script::normalizedTags(script.tags);
    Result<void> r = m_workspace.inTransaction([&]() -> Result<void> {
        if (auto w = writeVersion(script, message.isEmpty() ? QStringLiteral("created") : message); !w) {
            return w;
        }
        return writeTags(script.id, script.tags);
    });
    if (!r) {
        return r.error();
    }
    return script;
}

Result<Script> ScriptStore::save(const Script& script, const QString& message, bool* created)
{
    if (created) {
        *created = false;
    }
    auto stored = readScript(script.id);
    if (!stored) {
        return stored.error();
    }
    Script next = script;
    next.tags = Script::normalizedTags(script.tags);
    const bool changed = !stored->sameVersionedFields(script);
    Result<void> r = m_workspace.inTransaction([&]() -> Result<void> {
        if (changed) {
            next.version = stored->version;
            next.createdAt = stored->createdAt;
            if (auto w = writeVersion(next, message); !w) {
                return w;
            }
        } else {
            next.version = stored->version;
            next.createdAt = stored->createdAt;
            next.updatedAt = stored->updatedAt;
            next.author = stored->author;
        }
        if (next.tags != stored->tags) {
            return writeTags(next.id, next.tags);
        }
        return {};
    });
    if (!r) {
        return r.error();
    }
    if (created) {
        *created = changed;
    }
    return next;
}

Result<Script> ScriptStore::addOrUpdate(const Script& script, const QString& message, bool* isNew)
{
    auto existing = findByName(script.name);
    if (!existing) {
        return existing.error();
    }
    if (isNew) {
        *isNew = !existing->has_value();
    }
    if (!existing->has_value()) {
        return create(script, message.isEmpty() ? QStringLiteral("added") : message);
    }
    Script next = **existing;
    next.content = script.content;
    next.language = script.language;
    next.tags = Script::normalizedTags(next.tags + script.tags);
    return save(next, message.isEmpty() ? QStringLiteral("updated") : message);
}

Result<QList<ScriptVersion>> ScriptStore::versions(qint64 id) const
{
    auto current = readScript(id);
    if (!current) {
        return current.error();
    }
    auto rows = m_table.versions(id);
    if (!rows) {
        return rows.error();
    }
    QList<ScriptVersion> out;
    for (const VersionedTable::VersionRow& row : std::as_const(*rows)) {
        ScriptVersion v;
        v.version = row.version;
        v.createdAt = row.createdAt;
        v.author = row.author;
        v.message = row.message;
        v.script.id = id;
        v.script.version = v.version;
        v.script.createdAt = current->createdAt;
        v.script.updatedAt = v.createdAt;
        v.script.author = v.author;
        v.script.tags = current->tags;
        if (auto r = fromColumnValues(row.values, v.script, m_workspace.path()); !r) {
            return r.error();
        }
        out.append(std::move(v));
    }
    return out;
}

Result<ScriptVersion> ScriptStore::version(qint64 id, int number) const
{
    auto all = versions(id);
    if (!all) {
        return all.error();
    }
    for (const ScriptVersion& v : *all) {
        if (v.version == number) {
            return v;
        }
    }
    const QString name = all->isEmpty() ? QString::number(id) : all->last().script.name;
    return Error(QStringLiteral("script '%1' has no version %2 (it has versions 1 to %3)")
                     .arg(name)
                     .arg(number)
                     .arg(all->size()),
        { m_workspace.path() });
}

Result<Script> ScriptStore::restore(qint64 id, int number, const QString& message)
{
    auto old = version(id, number);
    if (!old) {
        return old.error();
    }
    auto current = readScript(id);
    if (!current) {
        return current.error();
    }
    Script next = old->script;
    next.name = current->name; // a restore brings back the content and settings, not an old name
    next.tags = current->tags;
    next.version = current->version;
    bool created = false;
    auto saved = save(next, message.isEmpty() ? QStringLiteral("restored version %1").arg(number) : message, &created);
    return saved;
}

Result<Script> ScriptStore::clone(qint64 id, const QString& newName)
{
    auto source = readScript(id);
    if (!source) {
        return source.error();
    }
    Script copy = *source;
    copy.name = newName;
    return create(copy, QStringLiteral("cloned from '%1' version %2").arg(source->name).arg(source->version));
}

Result<void> ScriptStore::setTags(qint64 id, const QStringList& tags)
{
    return m_workspace.inTransaction([&]() { return writeTags(id, tags); });
}

Result<int> ScriptStore::renameTag(const QString& from, const QString& to)
{
    if (const QString problem = Script::tagProblem(to); !problem.isEmpty()) {
        return Error(problem);
    }
    int count = 0;
    Result<void> r = m_workspace.inTransaction([&]() -> Result<void> {
        QSqlQuery c(m_workspace.database());
        c.prepare(QStringLiteral("SELECT COUNT(*) FROM script_tags WHERE tag = ?"));
        c.addBindValue(from);
        if (!c.exec() || !c.next()) {
            return queryError(QStringLiteral("cannot rename tag '%1'").arg(from), c, m_workspace.path());
        }
        count = c.value(0).toInt();
        // A script carrying both tags keeps one: the UPDATE skips it, the DELETE removes the old tag.
        QSqlQuery u(m_workspace.database());
        u.prepare(QStringLiteral("UPDATE script_tags SET tag = ? WHERE tag = ? AND script_id NOT IN "
                                 "(SELECT script_id FROM script_tags WHERE tag = ?)"));
        u.addBindValue(to);
        u.addBindValue(from);
        u.addBindValue(to);
        if (!u.exec()) {
            return queryError(QStringLiteral("cannot rename tag '%1'").arg(from), u, m_workspace.path());
        }
        QSqlQuery d(m_workspace.database());
        d.prepare(QStringLiteral("DELETE FROM script_tags WHERE tag = ?"));
        d.addBindValue(from);
        if (!d.exec()) {
            return queryError(QStringLiteral("cannot rename tag '%1'").arg(from), d, m_workspace.path());
        }
        return {};
    });
    if (!r) {
        return r.error();
    }
    return count;
}

Result<int> ScriptStore::removeTag(const QString& tag)
{
    QSqlQuery d(m_workspace.database());
    d.prepare(QStringLiteral("DELETE FROM script_tags WHERE tag = ?"));
    d.addBindValue(tag);
    if (!d.exec()) {
        return queryError(QStringLiteral("cannot remove tag '%1'").arg(tag), d, m_workspace.path());
    }
    return d.numRowsAffected();
}

Result<QList<QPair<QString, int>>> ScriptStore::tagCounts() const
{
    QSqlQuery q(m_workspace.database());
    if (!q.exec(QStringLiteral("SELECT tag, COUNT(*) FROM script_tags GROUP BY tag ORDER BY tag"))) {
        return queryError(QStringLiteral("cannot count tags"), q, m_workspace.path());
    }
    QList<QPair<QString, int>> out;
    while (q.next()) {
        out.append({ q.value(0).toString(), q.value(1).toInt() });
    }
    return out;
}

namespace {
const QLatin1String kDangerRulesKey("scripts/danger_rules");
}

Result<QList<DangerRule>> ScriptStore::userDangerRules(const Workspace& workspace)
{
    const QString json = workspace.setting(kDangerRulesKey);
    if (json.isEmpty()) {
        return QList<DangerRule>();
    }
    auto rules = DangerRules::fromJson(json.toUtf8());
    if (!rules) {
        return Error(QStringLiteral("the workspace's danger rules cannot be read (%1); fix or reset them in Scripts › "
                                    "Danger Rules")
                         .arg(rules.error().toString()),
            { workspace.path() });
    }
    return rules;
}

Result<void> ScriptStore::setUserDangerRules(Workspace& workspace, const QList<DangerRule>& rules)
{
    for (const DangerRule& r : rules) {
        if (auto valid = DangerRules::validatePattern(r.pattern); !valid) {
            return Error(QStringLiteral("danger rule '%1': %2").arg(r.id, valid.error().toString()));
        }
    }
    return workspace.setSetting(kDangerRulesKey, QString::fromUtf8(DangerRules::toJson(rules)));
}

Result<QList<DangerRule>> ScriptStore::effectiveDangerRules(const Workspace& workspace)
{
    auto user = userDangerRules(workspace);
    if (!user) {
        return user.error();
    }
    return DangerRules::merged(DangerRules::defaults(), *user);
}

Result<void> ScriptStore::remove(qint64 id)
{
    // script_versions and script_tags go with it (ON DELETE CASCADE; the workspace turns foreign keys on).
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("DELETE FROM scripts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return queryError(QStringLiteral("cannot delete script %1").arg(id), q, m_workspace.path());
    }
    return {};
}
