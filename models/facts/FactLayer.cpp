#include "FactLayer.h"

#include "store/SqlDialect.h"
#include "store/Workspace.h"

#include <QAtomicInteger>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {

QDateTime fromMs(const QVariant& v)
{
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

} // namespace

Result<int> FactLayer::apply(Workspace& workspace, Inventory& inventory)
{
    QSqlQuery q(workspace.database());
    // SQLite's JSON functions leave the packages and services (most of a host's facts) in the file; a SQLite without
    // them gets the whole text and the inventory drops them. So does PostgreSQL: a damaged row would make its
    // jsonb cast fail the whole query (and the transaction it runs in).
    bool slim = !SqlDialect::isPostgres(workspace.database())
        && q.exec(QStringLiteral(
            "SELECT host, json_remove(facts, '$.packages', '$.services'), gathered_at FROM host_facts ORDER BY host"));
    if (!slim && !q.exec(QStringLiteral("SELECT host, facts, gathered_at FROM host_facts ORDER BY host"))) {
        return Error(
            QStringLiteral("cannot read the gathered facts in %1: %2").arg(workspace.path(), q.lastError().text()));
    }
    int count = 0;
    while (q.next()) {
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(1).toString().toUtf8());
        if (!doc.isObject()) {
            continue; // damaged: `facts show` says so; the variables go on without that host's facts
        }
        inventory.setHostFacts(q.value(0).toString(), doc.object().toVariantMap(), fromMs(q.value(2)));
        ++count;
    }
    const StoreLocation location = workspace.location();
    inventory.setPackageVersions([location](const QString& package) { return packageVersions(location, package); });
    return count;
}

Result<Inventory> FactLayer::loadWithFacts(Workspace& workspace)
{
    auto inventory = workspace.loadInventory();
    if (!inventory) {
        return inventory.error();
    }
    if (auto facts = apply(workspace, *inventory); !facts) {
        return facts.error();
    }
    return inventory;
}

QString FactLayer::versionText(const QJsonArray& entries)
{
    QStringList versions;
    for (const QJsonValue& e : entries) {
        const QJsonObject o = e.toObject();
        QString v = o.value(QLatin1String("version")).toString();
        if (const QString release = o.value(QLatin1String("release")).toString(); !release.isEmpty()) {
            v += QLatin1Char('-') + release;
        }
        if (const QJsonValue epoch = o.value(QLatin1String("epoch")); epoch.isDouble()) {
            v = QString::number(epoch.toInteger()) + QLatin1Char(':') + v;
        }
        if (!versions.contains(v)) {
            versions.append(v);
        }
    }
    versions.sort();
    return versions.join(QStringLiteral(", "));
}

QHash<QString, QString> FactLayer::packageVersions(const QString& path, const QString& package)
{
    return packageVersions(StoreLocation::ofFile(path), package);
}

QHash<QString, QString> FactLayer::packageVersions(const StoreLocation& location, const QString& package)
{
    QHash<QString, QString> out;
    static QAtomicInteger<int> serial;
    const QString conn = QStringLiteral("opsdeck-packages-%1").arg(serial.fetchAndAddRelaxed(1));
    {
        QString error;
        QSqlDatabase db = location.openReadOnly(conn, &error);
        if (db.isOpen()) {
            QSqlQuery q(db);
            bool slim = false;
            if (location.kind == StoreLocation::Kind::Postgres) {
                // Outside a transaction: a damaged row fails this query only, and the plain read below goes on.
                slim = q.prepare(QStringLiteral("SELECT host, (facts::jsonb -> 'packages') IS NOT NULL, "
                                                "(facts::jsonb -> 'packages' -> ?)::text FROM host_facts"));
                q.addBindValue(package);
            } else if (!package.contains(QLatin1Char('"'))) {
                // A quoted JSON path label cannot hold a double quote; no package name has one.
                slim = q.prepare(QStringLiteral("SELECT host, json_extract(facts, '$.packages') IS NOT NULL, "
                                                "json_extract(facts, ?) FROM host_facts"));
                q.addBindValue(QStringLiteral("$.packages.\"%1\"").arg(package));
            }
            if (slim) {
                slim = q.exec();
            }
            if (slim) {
                while (q.next()) {
                    if (q.value(1).toBool()) {
                        out.insert(q.value(0).toString(),
                            versionText(QJsonDocument::fromJson(q.value(2).toString().toUtf8()).array()));
                    }
                }
            } else if (q.exec(QStringLiteral("SELECT host, facts FROM host_facts"))) {
                while (q.next()) {
                    const QJsonObject facts = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
                    if (const QJsonValue packages = facts.value(QLatin1String("packages")); packages.isObject()) {
                        out.insert(q.value(0).toString(), versionText(packages.toObject().value(package).toArray()));
                    }
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(conn);
    return out;
}
