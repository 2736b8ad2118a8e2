#include "FileStore.h"

#include "Workspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

FileStore::FileStore(Workspace& workspace)
    : m_workspace(workspace)
{
}

QString FileStore::hashOf(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool FileStore::isHash(const QString& text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

Result<QString> FileStore::put(const QByteArray& bytes)
{
    const QString sha = hashOf(bytes);
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("INSERT INTO file_blobs (sha256, size, content, created_at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT DO NOTHING"));
    q.addBindValue(sha);
    q.addBindValue(qint64(bytes.size()));
    q.addBindValue(bytes.isNull() ? QByteArray("") : bytes);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec()) {
        return Error(QStringLiteral("cannot store a file of %1 bytes in %2: %3")
                         .arg(bytes.size())
                         .arg(m_workspace.path(), q.lastError().text()));
    }
    return sha;
}

Result<QByteArray> FileStore::get(const QString& sha256) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT content FROM file_blobs WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec()) {
        return Error(QStringLiteral("cannot read the file %1 from %2: %3")
                         .arg(sha256, m_workspace.path(), q.lastError().text()));
    }
    if (!q.next()) {
        return Error(QStringLiteral("no file with the SHA-256 %1 is stored").arg(sha256));
    }
    return q.value(0).toByteArray();
}

bool FileStore::contains(const QString& sha256) const
{
    QSqlQuery q(m_workspace.database());
    q.prepare(QStringLiteral("SELECT 1 FROM file_blobs WHERE sha256 = ?"));
    q.addBindValue(sha256);
    return q.exec() && q.next();
}
