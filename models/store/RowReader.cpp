#include "RowReader.h"

#include "store/SqliteStatement.h"

#include <QSqlError>
#include <QVariant>
#include <sqlite3.h>

RowReader::RowReader(const QSqlDatabase& db, const char* sql)
    : m_query(db)
{
    if (sqlite3* handle = SqliteStatement::nativeHandle(db)) {
        m_handle = handle;
        m_sqlite = std::make_unique<SqliteStatement>(handle, sql);
        if (!m_sqlite->ok()) {
            m_error = m_sqlite->error();
        }
        return;
    }
    m_query.setForwardOnly(true);
    if (!m_query.exec(QString::fromUtf8(sql))) {
        m_error = m_query.lastError().text();
    }
}

RowReader::~RowReader() = default;

bool RowReader::next()
{
    if (!ok()) {
        return false;
    }
    if (m_sqlite) {
        const int rc = m_sqlite->step();
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            m_error = QString::fromUtf8(sqlite3_errmsg(static_cast<sqlite3*>(m_handle)));
        }
        return false;
    }
    if (m_query.next()) {
        return true;
    }
    if (m_query.lastError().isValid()) {
        m_error = m_query.lastError().text();
    }
    return false;
}

qint64 RowReader::integer(int col) const
{
    return m_sqlite ? m_sqlite->integer(col) : m_query.value(col).toLongLong();
}

QString RowReader::text(int col) const
{
    return m_sqlite ? m_sqlite->text(col) : m_query.value(col).toString();
}

QByteArray RowReader::bytes(int col) const
{
    return m_sqlite ? m_sqlite->bytes(col) : m_query.value(col).toString().toUtf8();
}
