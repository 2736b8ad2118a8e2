#pragma once

#include "facts/FactStore.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// The facts of many hosts seen side by side, for the console's Software and Services views: each package with the
// versions installed and the hosts on each, each service with the hosts where it is active, failed or inactive.
// Built from FactStore rows; pure data, no I/O.
namespace FleetFacts {

struct VersionHosts {
    QString version; // as the package manager writes it: apt "1:2.3-4", rpm "E:V-R", apk "V-rN"
    QStringList hosts; // by name
};

struct Package {
    QString name;
    QList<VersionHosts> versions; // newest first (compareVersions)
    int hostCount = 0; // hosts with any version
    QString newest() const { return versions.isEmpty() ? QString() : versions.first().version; }
};

struct ServiceHost {
    QString host;
    QString state; // "running", "stopped"
    QString status; // "enabled", "failed", "masked" …
    QDateTime gatheredAt;
    QDateTime since; // in this state since (UTC; the unit's opsdeck_since), invalid when not known
};

struct Service {
    QString name;
    QList<ServiceHost> hosts; // by name
    int active = 0; // state running
    int failed = 0; // status failed (and not running)
    int inactive = 0; // the rest
    QDateTime oldestSince, newestSince; // the earliest and the latest state change among the hosts that know it
};

// One entry's version text, as its package manager shows it.
QString versionText(const QJsonObject& entry);
// Debian's version order (dpkg --compare-versions): epoch, then the upstream version and revision compared in
// runs of digits and non-digits, '~' before anything. rpm's and apk's versions sort the same way in practice.
int compareVersions(const QString& a, const QString& b);
// "active", "failed" or "inactive" for a service's state and status.
QString serviceCondition(const QString& state, const QString& status);

// The packages of `facts` (one row per host), by name.
QList<Package> packages(const QList<FactStore::HostFacts>& facts);
// The services of `facts`, by name.
QList<Service> services(const QList<FactStore::HostFacts>& facts);

} // namespace FleetFacts
