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
    // Qt SQL binds a null QString as NULL; the columns are NOT NULL.
    for (const QString* text : { &e.actor, &e.action, &e.target, &e.result, &e.address }) {
        q.addBindValue(text->isNull() ? QStringLiteral("") : *text);
    }
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
