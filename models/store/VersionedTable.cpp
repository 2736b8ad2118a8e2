#include "VersionedTable.h"

#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <pwd.h>
#include <unistd.h>

namespace {

QString isoTime(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QString& s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i) {
        marks << QStringLiteral("?");
    }
    return marks.join(QLatin1Char(','));
}

// A row selected as "id, version, created_at, updated_at, author, COLUMNS".
VersionedTable::Row rowFrom(const QSqlQuery& q, qsizetype columns)
{
    VersionedTable::Row r;
    r.id = q.value(0).toLongLong();
    r.version = q.value(1).toInt();
    r.createdAt = fromIso(q.value(2).toString());
    r.updatedAt = fromIso(q.value(3).toString());
    r.author = q.value(4).toString();
    for (int c = 0; c < columns; ++c) {
        r.values.append(q.value(5 + c));
    }
    return r;
}

} // namespace

VersionedTable::VersionedTable(Workspace& workspace, Spec spec)
    : m_workspace(workspace)
    , m_spec(std::move(spec))
{
}

QString VersionedTable::currentAuthor()
{
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) {
        return QString::fromLocal8Bit(pw->pw_name);
    }
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("uid %1").arg(geteuid()) : user;
}

QVariant VersionedTable::notNull(const QVariant& value)
{
    if (value.typeId() == QMetaType::QString && value.toString().isNull()) {
        return QString(QLatin1String(""));
    }
    return value;
}

Error VersionedTable::queryError(const QString& what, const QSqlQuery& q) const
{
    return Error(QStringLiteral("%1: %2").arg(what, q.lastError().text()), { m_workspace.path() });
}

Result<QList<VersionedTable::Row>> VersionedTable::loadAll() const
{
    QSqlQuery q(m_workspace.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, version, created_at, updated_at, author, %1 FROM %2 ORDER BY name")
                    .arg(m_spec.columns.join(QStringLiteral(", ")), m_spec.table))) {
        return queryError(QStringLiteral("cannot read the %1 library").arg(m_spec.noun), q);
    }
    QList<Row> out;
    while (q.next()) {
        out.append(rowFrom(q, m_spec.columns.size()));
    }
    return out;
}

Result<VersionedTable::Row> VersionedTable::load(qint64 id) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT id, version, created_at, updated_at, author, %1 FROM %2 WHERE id = ?")
                  .arg(m_spec.columns.join(QStringLiteral(", ")), m_spec.table));
    q.addBindValue(id);
    if (!q.exec()) {
        return queryError(QStringLiteral("cannot read %1 %2").arg(m_spec.noun).arg(id), q);
    }
    if (!q.next()) {
        return Error(
            QStringLiteral("no %1 with id %2 in the workspace").arg(m_spec.noun).arg(id), { m_workspace.path() });
    }
    return rowFrom(q, m_spec.columns.size());
}

Result<std::optional<qint64>> VersionedTable::idOfName(const QString& name) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT id FROM %1 WHERE name = ?").arg(m_spec.table));
    q.addBindValue(name);
    if (!q.exec()) {
        return queryError(QStringLiteral("cannot look up %1 '%2'").arg(m_spec.noun, name), q);
    }
    if (!q.next()) {
        return std::optional<qint64>();
    }
    return std::optional<qint64>(q.value(0).toLongLong());
}

Result<void> VersionedTable::writeVersion(Row& row, const QString& message)
{
    Q_ASSERT(row.values.size() == m_spec.columns.size());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    row.author = m_author.isEmpty() ? currentAuthor() : m_author;
    row.updatedAt = now;
    row.version += 1;
    const QString columns = m_spec.columns.join(QStringLiteral(", "));
    QSqlQuery q(m_workspace.database());
    if (row.version == 1) {
        row.createdAt = now;
        q.prepare(
            QStringLiteral("INSERT INTO %1 (%2, version, created_at, updated_at, author) VALUES (%3) RETURNING id")
                .arg(m_spec.table, columns, placeholders(m_spec.columns.size() + 4)));
    } else {
        q.prepare(QStringLiteral("UPDATE %1 SET %2 = ?, version = ?, created_at = ?, updated_at = ?, author = ? "
                                 "WHERE id = ?")
                      .arg(m_spec.table, m_spec.columns.join(QStringLiteral(" = ?, "))));
    }
    for (const QVariant& v : std::as_const(row.values)) {
        q.addBindValue(notNull(v));
    }
    q.addBindValue(row.version);
    q.addBindValue(isoTime(row.createdAt));
    q.addBindValue(isoTime(now));
    q.addBindValue(notNull(row.author));
    if (row.version > 1) {
        q.addBindValue(row.id);
    }
    if (!q.exec()) {
        // SQLite says "UNIQUE constraint failed", PostgreSQL "violates unique constraint".
        if (q.lastError().text().contains(QLatin1String("unique"), Qt::CaseInsensitive)) {
            return Error(
                QStringLiteral("a %1 named '%2' exists already: choose another name").arg(m_spec.noun, row.name()),
                { m_workspace.path() });
        }
        return queryError(QStringLiteral("cannot save %1 '%2'").arg(m_spec.noun, row.name()), q);
    }
    if (row.version == 1) {
        row.id = q.next() ? q.value(0).toLongLong() : 0;
        q.finish();
    }
    QSqlQuery v(m_workspace.database());
    v.prepare(QStringLiteral("INSERT INTO %1 (%2, version, created_at, author, message, %3) VALUES (%4)")
                  .arg(m_spec.versionTable, m_spec.foreignKey, columns, placeholders(m_spec.columns.size() + 5)));
    v.addBindValue(row.id);
    v.addBindValue(row.version);
    v.addBindValue(isoTime(now));
    v.addBindValue(notNull(row.author));
    v.addBindValue(notNull(message));
    for (const QVariant& value : std::as_const(row.values)) {
        v.addBindValue(notNull(value));
    }
    if (!v.exec()) {
        return queryError(
            QStringLiteral("cannot save version %1 of %2 '%3'").arg(row.version).arg(m_spec.noun, row.name()), v);
    }
    return {};
}

Result<QList<VersionedTable::VersionRow>> VersionedTable::versions(qint64 id) const
{
    QSqlQuery q(m_workspace.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT version, created_at, author, message, %1 FROM %2 WHERE %3 = ? ORDER BY version")
                  .arg(m_spec.columns.join(QStringLiteral(", ")), m_spec.versionTable, m_spec.foreignKey));
    q.addBindValue(id);
    if (!q.exec()) {
        return queryError(QStringLiteral("cannot read the versions of %1 %2").arg(m_spec.noun).arg(id), q);
    }
    QList<VersionRow> out;
    while (q.next()) {
        VersionRow v;
        v.version = q.value(0).toInt();
        v.createdAt = fromIso(q.value(1).toString());
        v.author = q.value(2).toString();
        v.message = q.value(3).toString();
        for (int c = 0; c < m_spec.columns.size(); ++c) {
            v.values.append(q.value(4 + c));
        }
        out.append(std::move(v));
    }
    return out;
}
