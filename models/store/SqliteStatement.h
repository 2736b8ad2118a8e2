#pragma once

#include <QByteArray>
#include <QString>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

// One prepared statement read through the sqlite3 C API rather than QSqlQuery: a QVariant per cell made loading
// 100,000 hosts take several times longer (the workspace must open in well under a second).
class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, const char* sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // The sqlite3 handle under a Qt SQL connection; nullptr when the connection is not SQLite.
    static sqlite3* nativeHandle(const QSqlDatabase& db);

    bool ok() const { return m_stmt != nullptr; }
    QString error() const { return m_error; }
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    qint64 integer(int col) const;
    QString text(int col) const;
    QByteArray bytes(int col) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
};
