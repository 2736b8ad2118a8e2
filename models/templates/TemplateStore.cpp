#include "TemplateStore.h"

#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

VersionedTable::Spec templateTableSpec()
{
    return { QStringLiteral("templates"), QStringLiteral("template_versions"), QStringLiteral("template_id"),
        QStringLiteral("template"),
        { QStringLiteral("name"), QStringLiteral("destination"), QStringLiteral("mode"), QStringLiteral("owner"),
            QStringLiteral("description"), QStringLiteral("content") } };
}

QVariantList columnValues(const ConfigTemplate& t)
{
    return { t.name, t.destination, t.mode, t.owner, t.description, t.content };
}

void fromColumnValues(const QVariantList& v, ConfigTemplate& t)
{
    t.name = v.value(0).toString();
    t.destination = v.value(1).toString();
    t.mode = v.value(2).toString();
    t.owner = v.value(3).toString();
    t.description = v.value(4).toString();
    t.content = v.value(5).toString();
}

ConfigTemplate fromRow(const VersionedTable::Row& row)
{
    ConfigTemplate t;
    t.id = row.id;
    t.version = row.version;
    t.createdAt = row.createdAt;
    t.updatedAt = row.updatedAt;
    t.author = row.author;
    fromColumnValues(row.values, t);
    return t;
}

} // namespace

TemplateStore::TemplateStore(Workspace& workspace)
    : m_workspace(workspace)
    , m_table(workspace, templateTableSpec())
{
}

Result<QList<ConfigTemplate>> TemplateStore::loadAll() const
{
    auto rows = m_table.loadAll();
    if (!rows) {
        return rows.error();
    }
    QList<ConfigTemplate> out;
    out.reserve(rows->size());
    for (const VersionedTable::Row& row : std::as_const(*rows)) {
        out.append(fromRow(row));
    }
    return out;
}

Result<ConfigTemplate> TemplateStore::load(qint64 id) const
{
    auto row = m_table.load(id);
    if (!row) {
        return row.error();
    }
    return fromRow(*row);
}

Result<std::optional<ConfigTemplate>> TemplateStore::findByName(const QString& name) const
{
    auto id = m_table.idOfName(name);
    if (!id) {
        return id.error();
    }
    if (!id->has_value()) {
        return std::optional<ConfigTemplate>();
    }
    auto t = load(**id);
    if (!t) {
        return t.error();
    }
    return std::optional<ConfigTemplate>(*t);
}

Result<ConfigTemplate> TemplateStore::byName(const QString& name) const
{
    auto found = findByName(name);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return Error(QStringLiteral("no template named '%1' (see `template list`)").arg(name), { m_workspace.path() });
    }
    return **found;
}

Result<void> TemplateStore::writeVersion(ConfigTemplate& t, const QString& message)
{
    if (const QString problem = t.problem(); !problem.isEmpty()) {
        return Error(problem, { m_workspace.path() });
    }
    VersionedTable::Row row { t.id, t.version, t.createdAt, t.updatedAt, t.author, columnValues(t) };
    if (auto w = m_table.writeVersion(row, message); !w) {
        return w;
    }
    t = fromRow(row);
    return {};
}

Result<ConfigTemplate> TemplateStore::create(ConfigTemplate tmpl, const QString& message)
{
    tmpl.id = 0;
    tmpl.version = 0;
    Result<void> r = m_workspace.inTransaction(
        [&]() { return writeVersion(tmpl, message.isEmpty() ? QStringLiteral("created") : message); });
    if (!r) {
        return r.error();
    }
    return tmpl;
}

Result<ConfigTemplate> TemplateStore::save(const ConfigTemplate& tmpl, const QString& message, bool* created)
{
    if (created) {
        *created = false;
    }
    auto stored = load(tmpl.id);
    if (!stored) {
        return stored.error();
    }
    if (stored->sameVersionedFields(tmpl)) {
        return *stored;
    }
    ConfigTemplate next = tmpl;
    next.version = stored->version;
    next.createdAt = stored->createdAt;
    Result<void> r = m_workspace.inTransaction([&]() { return writeVersion(next, message); });
    if (!r) {
        return r.error();
    }
    if (created) {
        *created = true;
    }
    return next;
}

Result<ConfigTemplate> TemplateStore::addOrUpdate(const ConfigTemplate& tmpl, const QString& message, bool* isNew)
{
    auto existing = findByName(tmpl.name);
    if (!existing) {
        return existing.error();
    }
    if (isNew) {
        *isNew = !existing->has_value();
    }
    if (!existing->has_value()) {
        return create(tmpl, message.isEmpty() ? QStringLiteral("added") : message);
    }
    ConfigTemplate next = **existing;
    next.content = tmpl.content;
    for (const auto& [field, given] :
        { std::pair { &next.destination, tmpl.destination }, std::pair { &next.mode, tmpl.mode },
            std::pair { &next.owner, tmpl.owner }, std::pair { &next.description, tmpl.description } }) {
        if (!given.isEmpty()) {
            *field = given;
        }
    }
    return save(next, message.isEmpty() ? QStringLiteral("updated") : message);
}

Result<QList<ConfigTemplateVersion>> TemplateStore::versions(qint64 id) const
{
    auto current = load(id);
    if (!current) {
        return current.error();
    }
    auto rows = m_table.versions(id);
    if (!rows) {
        return rows.error();
    }
    QList<ConfigTemplateVersion> out;
    for (const VersionedTable::VersionRow& row : std::as_const(*rows)) {
        ConfigTemplateVersion v { row.version, row.createdAt, row.author, row.message, {} };
        v.snapshot.id = id;
        v.snapshot.version = row.version;
        v.snapshot.createdAt = current->createdAt;
        v.snapshot.updatedAt = row.createdAt;
        v.snapshot.author = row.author;
        fromColumnValues(row.values, v.snapshot);
        out.append(std::move(v));
    }
    return out;
}

Result<ConfigTemplateVersion> TemplateStore::version(qint64 id, int number) const
{
    auto all = versions(id);
    if (!all) {
        return all.error();
    }
    if (number < 1 || number > all->size()) {
        const QString name = all->isEmpty() ? QString::number(id) : all->last().snapshot.name;
        return Error(QStringLiteral("template '%1' has no version %2 (it has versions 1 to %3)")
                         .arg(name)
                         .arg(number)
                         .arg(all->size()),
            { m_workspace.path() });
    }
    return all->at(number - 1);
}

Result<ConfigTemplate> TemplateStore::restore(qint64 id, int number, const QString& message)
{
    auto old = version(id, number);
    if (!old) {
        return old.error();
    }
    auto current = load(id);
    if (!current) {
        return current.error();
    }
    ConfigTemplate next = old->snapshot;
    next.name = current->name; // a restore brings back the content and settings, not an old name
    next.version = current->version;
    return save(next, message.isEmpty() ? QStringLiteral("restored version %1").arg(number) : message);
}

Result<void> TemplateStore::remove(qint64 id)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("DELETE FROM templates WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return Error(
            QStringLiteral("cannot delete template %1: %2").arg(id).arg(q.lastError().text()), { m_workspace.path() });
    }
    return {};
}
