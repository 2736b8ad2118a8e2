#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <memory>

class SqliteStatement;

// A forward-only read of one SELECT, through the sqlite3 C API on SQLite (SqliteStatement: a QVariant per cell made
// loading 100,000 hosts take several times longer) and through QSqlQuery on any other database, so that the
// stores read with one code path.
class RowReader {
public:
    RowReader(const QSqlDatabase& db, const char* sql);
    ~RowReader();
    RowReader(const RowReader&) = delete;
    RowReader& operator=(const RowReader&) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    // The next row; false at the end or on an error (then error() says which).
    bool next();
    qint64 integer(int col) const;
    QString text(int col) const;
    QByteArray bytes(int col) const;

private:
    std::unique_ptr<SqliteStatement> m_sqlite;
    QSqlQuery m_query;
    QString m_error;
    void* m_handle = nullptr;
};
