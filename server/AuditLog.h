#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

class Workspace;

// Every mutating request the control server receives, refused or not: who (the token's name), what, the target,
// the result, from where and when. Appended to the workspace (table audit_log); read by admins. Never holds a
// secret: a created token is recorded by its name and id.
class AuditLog {
public:
    struct Entry {
        qint64 id = 0;
        QDateTime time;
        QString actor;
        QString action;
        QString target;
        QString result;
        QString address;
    };

    explicit AuditLog(Workspace& workspace);
    Result<void> append(const Entry& entry);
    // The newest first, at most `limit`, older than the entry `before` (0: from the newest).
    Result<QList<Entry>> entries(int limit, qint64 before = 0) const;

private:
    Workspace& m_workspace;
};
