#include "FactStore.h"

#include "store/Workspace.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

Error sqlError(const QString& what, const QSqlQuery& q, const QString& path)
{
    return Error(QStringLiteral("%1 in %2: %3").arg(what, path, q.lastError().text()));
}

} // namespace

FactStore::FactStore(Workspace& workspace)
    : m_workspace(workspace)
{
}

Result<void> FactStore::put(const QString& host, const QJsonObject& facts, const QDateTime& gatheredAt)
{
    if (host.isEmpty()) {
        return Error(QStringLiteral("facts need a host name"));
    }
    QSqlQuery q(m_workspace.database());
    q.prepare(
        QStringLiteral("INSERT INTO host_facts (host, facts, gathered_at) VALUES (?, ?, ?) "
                       "ON CONFLICT(host) DO UPDATE SET facts = excluded.facts, gathered_at = excluded.gathered_at"));
    q.addBindValue(host);
    q.addBindValue(QString::fromUtf8(QJsonDocument(facts).toJson(QJsonDocument::Compact)));
    q.addBindValue(gatheredAt.toMSecsSinceEpoch());
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot store the facts of %1").arg(host), q, m_workspace.path());
    }
    return {};
}

Result<std::optional<FactStore::HostFacts>> FactStore::get(const QString& host) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT facts, gathered_at FROM host_facts WHERE host = ?"));
    q.addBindValue(host);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot read the facts of %1").arg(host), q, m_workspace.path());
    }
    if (!q.next()) {
        return std::optional<HostFacts>();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(q.value(0).toString().toUtf8(), &parseError);
    if (!doc.isObject()) {
        return Error(QStringLiteral("the stored facts of %1 in %2 are damaged: %3")
                         .arg(host, m_workspace.path(), parseError.errorString()));
    }
    return std::optional<HostFacts>(
        HostFacts { host, doc.object(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC) });
}

Result<QList<FactStore::Entry>> FactStore::list() const
{
    QSqlQuery q(m_workspace.database());
    if (!q.exec(QStringLiteral("SELECT host, gathered_at FROM host_facts ORDER BY host"))) {
        return sqlError(QStringLiteral("cannot list the gathered facts"), q, m_workspace.path());
    }
    QList<Entry> entries;
    while (q.next()) {
        entries.append(
            Entry { q.value(0).toString(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC) });
    }
    return entries;
}

Result<void> FactStore::remove(const QString& host)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("DELETE FROM host_facts WHERE host = ?"));
    q.addBindValue(host);
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot remove the facts of %1").arg(host), q, m_workspace.path());
    }
    return {};
}
