#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

// Where a workspace lives: a SQLite file, or a PostgreSQL database named by a URL
// `postgresql://user[:password]@host[:port]/dbname`. Without a password in the URL, libpq takes it from
// PGPASSWORD or the passfile (~/.pgpass, PGPASSFILE) as psql does. The password is never shown: `display()` is
// the URL without it, which is what errors and logs name.
struct StoreLocation {
    enum class Kind { File, Postgres };
    Kind kind = Kind::File;
    QString file; // Kind::File: the absolute path
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    static StoreLocation ofFile(const QString& path);
    // A `postgresql://` (or `postgres://`) URL; errors name the URL without its password.
    static Result<StoreLocation> parseUrl(const QString& url);
    static bool isUrl(const QString& text);

    QString display() const;
    // A new Qt SQL connection named `name` to this location, not opened yet.
    QSqlDatabase addConnection(const QString& name) const;
    // Opens a connection named `name` that reads only (each thread needs its own Qt SQL connection); an invalid
    // QSqlDatabase with `error` set when it cannot.
    QSqlDatabase openReadOnly(const QString& name, QString* error) const;
};
