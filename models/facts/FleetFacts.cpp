#include "FleetFacts.h"

#include <QJsonArray>
#include <QMap>
#include <algorithm>

namespace FleetFacts {

namespace {

// dpkg's order of a character in a non-digit run: '~' first, then the end of the string, letters, then the rest.
int order(QChar c)
{
    if (c.isDigit()) {
        return 0;
    }
    if (c.isLetter()) {
        return c.unicode();
    }
    if (c == QLatin1Char('~')) {
        return -1;
    }
    return c.unicode() + 256;
}

// dpkg's verrevcmp.
int compareParts(const QString& a, const QString& b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() || j < b.size()) {
        int firstDiff = 0;
        while ((i < a.size() && !a.at(i).isDigit()) || (j < b.size() && !b.at(j).isDigit())) {
            const int ac = i < a.size() ? order(a.at(i)) : 0;
            const int bc = j < b.size() ? order(b.at(j)) : 0;
            if (ac != bc) {
                return ac < bc ? -1 : 1;
            }
            ++i;
            ++j;
        }
        while (i < a.size() && a.at(i) == QLatin1Char('0')) {
            ++i;
        }
        while (j < b.size() && b.at(j) == QLatin1Char('0')) {
            ++j;
        }
        while (i < a.size() && a.at(i).isDigit() && j < b.size() && b.at(j).isDigit()) {
            if (!firstDiff) {
                firstDiff = a.at(i).unicode() - b.at(j).unicode();
            }
            ++i;
            ++j;
        }
        if (i < a.size() && a.at(i).isDigit()) {
            return 1;
        }
        if (j < b.size() && b.at(j).isDigit()) {
            return -1;
        }
        if (firstDiff) {
            return firstDiff < 0 ? -1 : 1;
        }
    }
    return 0;
}

struct Split {
    qint64 epoch = 0;
    QString upstream;
    QString revision;
};

Split split(const QString& v)
{
    Split s;
    QString rest = v;
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        bool ok = false;
        const qint64 epoch = rest.left(colon).toLongLong(&ok);
        if (ok) {
            s.epoch = epoch;
            rest = rest.mid(colon + 1);
        }
    }
    const qsizetype dash = rest.lastIndexOf(QLatin1Char('-'));
    s.upstream = dash >= 0 ? rest.left(dash) : rest;
    s.revision = dash >= 0 ? rest.mid(dash + 1) : QString();
    return s;
}

} // namespace

QString versionText(const QJsonObject& entry)
{
    QString version = entry.value(QStringLiteral("version")).toString();
    const QString release = entry.value(QStringLiteral("release")).toString();
    if (!release.isEmpty()) {
        version += QLatin1Char('-') + release;
    }
    const QJsonValue epoch = entry.value(QStringLiteral("epoch"));
    if (epoch.isDouble()) {
        version = QString::number(epoch.toInteger()) + QLatin1Char(':') + version;
    }
    return version;
}

int compareVersions(const QString& a, const QString& b)
{
    const Split x = split(a);
    const Split y = split(b);
    if (x.epoch != y.epoch) {
        return x.epoch < y.epoch ? -1 : 1;
    }
    if (const int c = compareParts(x.upstream, y.upstream)) {
        return c;
    }
    return compareParts(x.revision, y.revision);
}

QString serviceCondition(const QString& state, const QString& status)
{
    if (state == QLatin1String("running")) {
        return QStringLiteral("active");
    }
    if (status == QLatin1String("failed")) {
        return QStringLiteral("failed");
    }
    return QStringLiteral("inactive");
}

QList<Package> packages(const QList<FactStore::HostFacts>& facts)
{
    // name → version → hosts
    QMap<QString, QMap<QString, QStringList>> byName;
    for (const FactStore::HostFacts& host : facts) {
        const QJsonObject all = host.facts.value(QStringLiteral("packages")).toObject();
        for (auto it = all.begin(); it != all.end(); ++it) {
            QMap<QString, QStringList>& versions = byName[it.key()];
            const QJsonArray entries = it.value().toArray();
            for (const QJsonValue& e : entries) {
                QStringList& hosts = versions[versionText(e.toObject())];
                if (!hosts.contains(host.host)) {
                    hosts.append(host.host);
                }
            }
        }
    }
    QList<Package> result;
    result.reserve(byName.size());
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        Package p;
        p.name = it.key();
        QStringList all;
        for (auto v = it.value().cbegin(); v != it.value().cend(); ++v) {
            QStringList hosts = v.value();
            hosts.sort();
            p.versions.append({ v.key(), hosts });
            all += hosts;
        }
        std::sort(p.versions.begin(), p.versions.end(),
            [](const VersionHosts& a, const VersionHosts& b) { return compareVersions(a.version, b.version) > 0; });
        all.removeDuplicates();
        p.hostCount = int(all.size());
        result.append(p);
    }
    return result;
}

QList<Service> services(const QList<FactStore::HostFacts>& facts)
{
    QMap<QString, Service> byName;
    for (const FactStore::HostFacts& host : facts) {
        const QJsonObject all = host.facts.value(QStringLiteral("services")).toObject();
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject s = it.value().toObject();
            Service& service = byName[it.key()];
            service.name = it.key();
            ServiceHost h { host.host, s.value(QStringLiteral("state")).toString(),
                s.value(QStringLiteral("status")).toString(), host.gatheredAt,
                QDateTime::fromString(s.value(QStringLiteral("opsdeck_since")).toString(), Qt::ISODate) };
            if (h.since.isValid()) {
                if (!service.oldestSince.isValid() || h.since < service.oldestSince) {
                    service.oldestSince = h.since;
                }
                if (!service.newestSince.isValid() || h.since > service.newestSince) {
                    service.newestSince = h.since;
                }
            }
            const QString condition = serviceCondition(h.state, h.status);
            if (condition == QLatin1String("active")) {
                ++service.active;
            } else if (condition == QLatin1String("failed")) {
                ++service.failed;
            } else {
                ++service.inactive;
            }
            service.hosts.append(h);
        }
    }
    QList<Service> result = byName.values();
    for (Service& s : result) {
        std::sort(
            s.hosts.begin(), s.hosts.end(), [](const ServiceHost& a, const ServiceHost& b) { return a.host < b.host; });
    }
    return result;
}

} // namespace FleetFacts
