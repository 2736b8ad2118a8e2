#include "AuditLog.h"

#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

AuditLog::AuditLog(Workspace& workspace)
    : m_workspace(workspace)
{
}

Result<void> AuditLog::append(const Entry& e)
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral(
        "INSERT INTO audit_log (time, actor, action, target, result, address) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue((e.time.isValid() ? e.time : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch());
    q.addBindValue(e.actor.isNull() ? QString(QLatin1String("")) : e.actor);
    q.addBindValue(e.action.isNull() ? QString(QLatin1String("")) : e.action);
    q.addBindValue(e.target.isNull() ? QString(QLatin1String("")) : e.target);
    q.addBindValue(e.result.isNull() ? QString(QLatin1String("")) : e.result);
    q.addBindValue(e.address.isNull() ? QString(QLatin1String("")) : e.address);
    if (!q.exec()) {
        return Error(QStringLiteral("cannot append to the audit log: %1").arg(q.lastError().text()));
    }
    return {};
}

Result<QList<AuditLog::Entry>> AuditLog::entries(int limit, qint64 before) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT id, time, actor, action, target, result, address FROM audit_log "
                             "WHERE (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?"));
    q.addBindValue(before);
    q.addBindValue(before);
    q.addBindValue(limit);
    if (!q.exec()) {
        return Error(QStringLiteral("cannot read the audit log: %1").arg(q.lastError().text()));
    }
    QList<Entry> out;
    while (q.next()) {
        out.append({ q.value(0).toLongLong(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC),
            q.value(2).toString(), q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
            q.value(6).toString() });
    }
    return out;
}
