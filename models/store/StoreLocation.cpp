#include "StoreLocation.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

StoreLocation StoreLocation::ofFile(const QString& path)
{
    StoreLocation l;
    l.file = path;
    return l;
}

bool StoreLocation::isUrl(const QString& text)
{
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

Result<StoreLocation> StoreLocation::parseUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    QUrl shown = url;
    shown.setPassword({});
    const QString where = url.isValid() ? shown.toString() : QStringLiteral("the --database URL");
    if (!url.isValid() || !isUrl(text)) {
        return Error(QStringLiteral("%1 is not a URL postgresql://user[:password]@host[:port]/dbname").arg(where));
    }
    StoreLocation l;
    l.kind = Kind::Postgres;
    l.host = url.host();
    l.port = url.port(5432);
    l.user = url.userName();
    l.password = url.password();
    l.database = url.path().mid(1);
    if (l.host.isEmpty() || l.database.isEmpty() || l.database.contains(u'/')) {
        return Error(
            QStringLiteral("%1 needs a host and a database name: postgresql://user@host:port/dbname").arg(where));
    }
    if (l.port <= 0 || l.port > 65535) {
        return Error(QStringLiteral("%1: the port must be 1 to 65535").arg(where));
    }
    if (!url.query().isEmpty() || !url.fragment().isEmpty()) {
        return Error(QStringLiteral("%1: options after ? or # are not supported").arg(where));
    }
    return l;
}

QString StoreLocation::display() const
{
    if (kind == Kind::File) {
        return file;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

QSqlDatabase StoreLocation::addConnection(const QString& name) const
{
    if (kind == Kind::File) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        return db;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setPassword(password);
    db.setDatabaseName(database);
    db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=opsdeck"));
    return db;
}

QSqlDatabase StoreLocation::openReadOnly(const QString& name, QString* error) const
{
    QSqlDatabase db = addConnection(name);
    if (kind == Kind::File) {
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"));
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return QSqlDatabase();
    }
    if (kind == Kind::Postgres) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SET default_transaction_read_only = on"))) {
            *error = q.lastError().text();
            db.close();
            return QSqlDatabase();
        }
    }
    return db;
}
