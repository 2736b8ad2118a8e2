#include "FactsParser.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

namespace {

const QString kMarker = QStringLiteral("@@opsdeck-facts@@ ");
const QString kWhere = QStringLiteral("facts output");

struct Line {
    QString text;
    int number = 0; // 1-based, in the whole output
};

struct Section {
    QString name;
    int number = 0; // the line of its marker
    QList<Line> lines;
};

using Sections = QHash<QString, Section>;

Error lineError(const Section& s, const Line& line, const QString& what)
{
    return Error(QStringLiteral("section '%1': %2: '%3'").arg(s.name, what, line.text.left(200)),
        SourceLocation { kWhere, line.number, 0 });
}

const QList<Line>& linesOf(const Sections& sections, const QString& name)
{
    static const QList<Line> none;
    const auto it = sections.constFind(name);
    return it == sections.cend() ? none : it->lines;
}

QString firstLine(const Sections& sections, const QString& name, int index = 0)
{
    const QList<Line>& lines = linesOf(sections, name);
    return index < lines.size() ? lines.at(index).text.trimmed() : QString();
}

QStringList words(const QString& text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return text.split(space, Qt::SkipEmptyParts);
}

// os-release: KEY=VALUE with shell quoting (os-release(5)).
Result<QHash<QString, QString>> osRelease(const Sections& sections)
{
    QHash<QString, QString> values;
    const auto it = sections.constFind(QStringLiteral("os-release"));
    if (it == sections.cend()) {
        return values;
    }
    for (const Line& line : it->lines) {
        const QString t = line.text.trimmed();
        if (t.isEmpty() || t.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const qsizetype eq = t.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return lineError(*it, line, QStringLiteral("not KEY=VALUE"));
        }
        QString value = t.mid(eq + 1);
        if (value.size() >= 2 && (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\''))
            && value.back() == value.front()) {
            const QChar quote = value.front();
            value = value.mid(1, value.size() - 2);
            if (quote == QLatin1Char('"')) {
                static const QRegularExpression escaped(QStringLiteral("\\\\([\"\\\\$`])"));
                value.replace(escaped, QStringLiteral("\\1"));
            }
        }
        values.insert(t.left(eq), value);
    }
    return values;
}

QString distributionName(const QString& id, const QString& name)
{
    static const QHash<QString, QString> names {
        { QStringLiteral("debian"), QStringLiteral("Debian") },
        { QStringLiteral("ubuntu"), QStringLiteral("Ubuntu") },
        { QStringLiteral("rhel"), QStringLiteral("RedHat") },
        { QStringLiteral("centos"), QStringLiteral("CentOS") },
        { QStringLiteral("rocky"), QStringLiteral("Rocky") },
        { QStringLiteral("almalinux"), QStringLiteral("AlmaLinux") },
        { QStringLiteral("fedora"), QStringLiteral("Fedora") },
        { QStringLiteral("ol"), QStringLiteral("OracleLinux") },
        { QStringLiteral("amzn"), QStringLiteral("Amazon") },
        { QStringLiteral("alpine"), QStringLiteral("Alpine") },
        { QStringLiteral("arch"), QStringLiteral("Archlinux") },
        { QStringLiteral("linuxmint"), QStringLiteral("Linux Mint") },
        { QStringLiteral("raspbian"), QStringLiteral("Debian") },
        { QStringLiteral("sles"), QStringLiteral("SLES") },
        { QStringLiteral("opensuse-leap"), QStringLiteral("openSUSE Leap") },
        { QStringLiteral("opensuse-tumbleweed"), QStringLiteral("openSUSE Tumbleweed") },
    };
    if (const auto it = names.constFind(id.toLower()); it != names.cend()) {
        return *it;
    }
    if (!id.isEmpty()) {
        return id.left(1).toUpper() + id.mid(1).toLower(); // Python's str.capitalize(), as Ansible's distro.id()
    }
    return name.isEmpty() ? QStringLiteral("NA") : name;
}

QString osFamily(const QString& distribution)
{
    static const QHash<QString, QString> families = [] {
        QHash<QString, QString> map;
        const auto add = [&map](const QString& family, const QStringList& names) {
            for (const QString& n : names) {
                map.insert(n, family);
            }
        };
        add(QStringLiteral("RedHat"),
            { QStringLiteral("RedHat"), QStringLiteral("Fedora"), QStringLiteral("CentOS"), QStringLiteral("Rocky"),
                QStringLiteral("AlmaLinux"), QStringLiteral("OracleLinux"), QStringLiteral("Amazon"),
                QStringLiteral("Scientific"), QStringLiteral("CloudLinux"), QStringLiteral("EulerOS"),
                QStringLiteral("openEuler") });
        add(QStringLiteral("Debian"),
            { QStringLiteral("Debian"), QStringLiteral("Ubuntu"), QStringLiteral("Raspbian"),
                QStringLiteral("Linux Mint"), QStringLiteral("Devuan"), QStringLiteral("Kali"),
                QStringLiteral("Pop!_OS") });
        add(QStringLiteral("Suse"),
            { QStringLiteral("SLES"), QStringLiteral("SLED"), QStringLiteral("openSUSE"),
                QStringLiteral("openSUSE Leap"), QStringLiteral("openSUSE Tumbleweed") });
        add(QStringLiteral("Archlinux"), { QStringLiteral("Archlinux"), QStringLiteral("Manjaro") });
        add(QStringLiteral("Alpine"), { QStringLiteral("Alpine") });
        return map;
    }();
    return families.value(distribution, distribution);
}

// distro's codename: VERSION_CODENAME, UBUNTU_CODENAME, else the words in parentheses of VERSION ("9.3 (Blue Onyx)").
QString codename(const QHash<QString, QString>& os)
{
    if (os.contains(QStringLiteral("VERSION_CODENAME"))) {
        return os.value(QStringLiteral("VERSION_CODENAME"));
    }
    if (os.contains(QStringLiteral("UBUNTU_CODENAME"))) {
        return os.value(QStringLiteral("UBUNTU_CODENAME"));
    }
    static const QRegularExpression inParens(QStringLiteral("\\((\\D+)\\)|,\\s*(\\D+)"));
    const auto m = inParens.match(os.value(QStringLiteral("VERSION")));
    if (m.hasMatch()) {
        const QString c = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        if (!c.isEmpty()) {
            return c;
        }
    }
    return QStringLiteral("NA");
}

Result<void> distribution(const Sections& sections, QJsonObject* facts)
{
    auto os = osRelease(sections);
    if (!os) {
        return os.error();
    }
    const QString id = os->value(QStringLiteral("ID"));
    const QString dist = distributionName(id, os->value(QStringLiteral("NAME")));
    QString version = os->value(QStringLiteral("VERSION_ID"));
    // Debian's os-release has no point release: Ansible takes the most precise version, /etc/debian_version's.
    static const QRegularExpression dotted(QStringLiteral("^\\d+(\\.\\d+)+$"));
    const QString debianVersion = firstLine(sections, QStringLiteral("debian_version"));
    if (dist == QLatin1String("Debian") && dotted.match(debianVersion).hasMatch()) {
        version = debianVersion;
    }
    const QString alpineRelease = firstLine(sections, QStringLiteral("alpine-release"));
    if (dist == QLatin1String("Alpine") && !alpineRelease.isEmpty()) {
        version = alpineRelease; // Ansible reads /etc/alpine-release for Alpine
    }
    if (version.isEmpty()) {
        version = QStringLiteral("NA");
    }
    facts->insert(QStringLiteral("distribution"), dist);
    facts->insert(QStringLiteral("distribution_version"), version);
    facts->insert(QStringLiteral("distribution_major_version"), version.section(QLatin1Char('.'), 0, 0));
    facts->insert(QStringLiteral("distribution_release"), codename(*os));
    facts->insert(QStringLiteral("os_family"), osFamily(dist));
    return {};
}

Result<void> platform(const Sections& sections, QJsonObject* facts)
{
    const QList<Line>& lines = linesOf(sections, QStringLiteral("uname"));
    if (lines.size() < 3) {
        return Error(QStringLiteral("section 'uname': expected the system, kernel release and machine on three "
                                    "lines, got %1")
                         .arg(lines.size()),
            SourceLocation { kWhere, sections.value(QStringLiteral("uname")).number, 0 });
    }
    const QString machine = lines.at(2).text.trimmed();
    static const QRegularExpression i386(QStringLiteral("^i[3-6]86$"));
    facts->insert(QStringLiteral("system"), lines.at(0).text.trimmed());
    facts->insert(QStringLiteral("kernel"), lines.at(1).text.trimmed());
    facts->insert(QStringLiteral("machine"), machine);
    facts->insert(QStringLiteral("architecture"), i386.match(machine).hasMatch() ? QStringLiteral("i386") : machine);
    if (lines.size() > 3) {
        facts->insert(QStringLiteral("kernel_version"), lines.at(3).text.trimmed());
    }
    return {};
}

// /proc/cpuinfo as Ansible's Linux hardware facts count it: sockets by physical id (their "cpu cores"), threads
// per core from "siblings"; without physical ids (ARM …) every processor counts as a socket of one core.
Result<void> processors(const Sections& sections, QJsonObject* facts)
{
    const auto it = sections.constFind(QStringLiteral("cpuinfo"));
    int processorsSeen = 0;
    QMap<QString, int> sockets; // physical id → cpu cores
    QMap<QString, int> cores; // core id → siblings
    QList<QString> socketOrder;
    QList<QString> coreOrder;
    QString physid;
    QString coreid;
    if (it != sections.cend()) {
        for (const Line& line : it->lines) {
            const qsizetype colon = line.text.indexOf(QLatin1Char(':'));
            if (colon < 0) {
                return lineError(*it, line, QStringLiteral("not KEY : VALUE"));
            }
            const QString key = line.text.left(colon).trimmed();
            const QString val = line.text.mid(colon + 1).trimmed();
            bool ok = true;
            if (key == QLatin1String("processor")) {
                ++processorsSeen;
            } else if (key == QLatin1String("physical id")) {
                physid = val;
                if (!sockets.contains(physid)) {
                    sockets.insert(physid, 1);
                    socketOrder.append(physid);
                }
            } else if (key == QLatin1String("core id")) {
                coreid = val;
                if (!cores.contains(coreid)) {
                    cores.insert(coreid, 1);
                    coreOrder.append(coreid);
                }
            } else if (key == QLatin1String("cpu cores")) {
                if (!sockets.contains(physid)) {
                    socketOrder.append(physid);
                }
                sockets.insert(physid, val.toInt(&ok));
            } else if (key == QLatin1String("siblings")) {
                if (!cores.contains(coreid)) {
                    coreOrder.append(coreid);
                }
                cores.insert(coreid, val.toInt(&ok));
            }
            if (!ok) {
                return lineError(*it, line, QStringLiteral("not a number"));
            }
        }
    }
    bool nprocOk = false;
    const int nproc = firstLine(sections, QStringLiteral("nproc")).toInt(&nprocOk);
    if (nprocOk) {
        facts->insert(QStringLiteral("processor_nproc"), nproc);
    }
    if (processorsSeen == 0) {
        if (nprocOk) {
            facts->insert(QStringLiteral("processor_vcpus"), nproc);
        }
        return {};
    }
    const int count = sockets.isEmpty() ? processorsSeen : int(sockets.size());
    const int perSocket
        = socketOrder.isEmpty() || sockets.value(socketOrder.first()) == 0 ? 1 : sockets.value(socketOrder.first());
    const int threads = coreOrder.isEmpty() ? 1 / perSocket : cores.value(coreOrder.first()) / perSocket;
    facts->insert(QStringLiteral("processor_count"), count);
    facts->insert(QStringLiteral("processor_cores"), perSocket);
    facts->insert(QStringLiteral("processor_threads_per_core"), threads);
    facts->insert(QStringLiteral("processor_vcpus"), threads * count * perSocket);
    return {};
}

Result<void> memory(const Sections& sections, QJsonObject* facts)
{
    const auto it = sections.constFind(QStringLiteral("meminfo"));
    if (it == sections.cend() || it->lines.isEmpty()) {
        return Error(QStringLiteral("section 'meminfo' is missing or empty (/proc/meminfo could not be read)"),
            SourceLocation { kWhere, it == sections.cend() ? 0 : it->number, 0 });
    }
    static const QHash<QString, QString> wanted {
        { QStringLiteral("MemTotal"), QStringLiteral("memtotal_mb") },
        { QStringLiteral("MemFree"), QStringLiteral("memfree_mb") },
        { QStringLiteral("SwapTotal"), QStringLiteral("swaptotal_mb") },
        { QStringLiteral("SwapFree"), QStringLiteral("swapfree_mb") },
    };
    for (const Line& line : it->lines) {
        const qsizetype colon = line.text.indexOf(QLatin1Char(':'));
        if (colon < 0) {
            return lineError(*it, line, QStringLiteral("not KEY: VALUE"));
        }
        const QString key = wanted.value(line.text.left(colon));
        if (key.isEmpty()) {
            continue;
        }
        bool ok = false;
        const qint64 kb = words(line.text.mid(colon + 1)).value(0).toLongLong(&ok);
        if (!ok) {
            return lineError(*it, line, QStringLiteral("not a number of kB"));
        }
        facts->insert(key, kb / 1024);
    }
    if (!facts->contains(QStringLiteral("memtotal_mb"))) {
        return Error(
            QStringLiteral("section 'meminfo' has no MemTotal line"), SourceLocation { kWhere, it->number, 0 });
    }
    return {};
}

// /proc/mounts escapes space, tab, newline and backslash as octal.
QString unescapeMount(const QString& text)
{
    static const QRegularExpression octal(QStringLiteral("\\\\([0-7]{3})"));
    QString out;
    qsizetype from = 0;
    auto it = octal.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        out += QChar(m.captured(1).toInt(nullptr, 8));
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

// Ansible's mounts: the /proc/mounts entries of block devices and network file systems, with their size from df.
Result<void> mounts(const Sections& sections, QJsonObject* facts)
{
    struct Usage {
        qint64 total = 0;
        qint64 available = 0;
    };
    QHash<QString, Usage> usage;
    const auto df = sections.constFind(QStringLiteral("df"));
    if (df != sections.cend()) {
        static const QRegularExpression row(
            QStringLiteral("^(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+%|-)\\s+(.+)$"));
        for (qsizetype i = 0; i < df->lines.size(); ++i) {
            const Line& line = df->lines.at(i);
            if (i == 0 && line.text.startsWith(QLatin1String("Filesystem"))) {
                continue;
            }
            if (line.text.trimmed().isEmpty()) {
                continue;
            }
            const auto m = row.match(line.text);
            if (!m.hasMatch()) {
                return lineError(*df, line,
                    QStringLiteral("not a line of df -P -k (filesystem, blocks, used, available, capacity, mount)"));
            }
            usage.insert(m.captured(6), Usage { m.captured(2).toLongLong() * 1024, m.captured(4).toLongLong() * 1024 });
        }
    }
    QJsonArray list;
    const auto proc = sections.constFind(QStringLiteral("mounts"));
    if (proc != sections.cend()) {
        for (const Line& line : proc->lines) {
            const QStringList f = words(line.text);
            if (f.isEmpty()) {
                continue;
            }
            if (f.size() < 4) {
                return lineError(*proc, line, QStringLiteral("not DEVICE MOUNT FSTYPE OPTIONS …"));
            }
            const QString device = unescapeMount(f.at(0));
            const QString fstype = f.at(2);
            if ((!device.startsWith(QLatin1Char('/')) && !device.startsWith(QLatin1Char('\\'))
                    && !device.contains(QLatin1String(":/")))
                || fstype == QLatin1String("none")) {
                continue;
            }
            QJsonObject m;
            m.insert(QStringLiteral("mount"), unescapeMount(f.at(1)));
            m.insert(QStringLiteral("device"), device);
            m.insert(QStringLiteral("fstype"), fstype);
            m.insert(QStringLiteral("options"), f.at(3));
            if (const auto u = usage.constFind(unescapeMount(f.at(1))); u != usage.cend()) {
                m.insert(QStringLiteral("size_total"), u->total);
                m.insert(QStringLiteral("size_available"), u->available);
            }
            list.append(m);
        }
    }
    facts->insert(QStringLiteral("mounts"), list);
    return {};
}

QString ipv4Netmask(int prefix)
{
    const quint32 mask = prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
    return QStringLiteral("%1.%2.%3.%4").arg(mask >> 24).arg((mask >> 16) & 255).arg((mask >> 8) & 255).arg(mask & 255);
}

QString ipv4Network(const QString& address, int prefix)
{
    const QStringList parts = address.split(QLatin1Char('.'));
    if (parts.size() != 4) {
        return {};
    }
    quint32 a = 0;
    for (const QString& p : parts) {
        a = (a << 8) | (p.toUInt() & 255);
    }
    const quint32 mask = prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
    a &= mask;
    return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 255).arg((a >> 8) & 255).arg(a & 255);
}

// The words of an `ip -o` line before its continuation ("\"), and the interface name without "@peer".
QStringList ipWords(const QString& text)
{
    const qsizetype continuation = text.indexOf(QLatin1Char('\\'));
    return words(continuation < 0 ? text : text.left(continuation));
}

QString interfaceName(QString word)
{
    if (word.endsWith(QLatin1Char(':'))) {
        word.chop(1);
    }
    const qsizetype at = word.indexOf(QLatin1Char('@'));
    return at > 0 ? word.left(at) : word;
}

QString wordAfter(const QStringList& w, const QString& key)
{
    const qsizetype i = w.indexOf(key);
    return i >= 0 && i + 1 < w.size() ? w.at(i + 1) : QString();
}

Result<void> network(const Sections& sections, QJsonObject* facts)
{
    QMap<QString, QJsonObject> interfaces;
    const auto link = sections.constFind(QStringLiteral("ip-link"));
    if (link != sections.cend()) {
        for (const Line& line : link->lines) {
            const QStringList w = ipWords(line.text);
            if (w.isEmpty()) {
                continue;
            }
            if (w.size() < 3 || !w.at(0).endsWith(QLatin1Char(':'))) {
                return lineError(*link, line, QStringLiteral("not a line of ip -o link (N: NAME: <FLAGS> …)"));
            }
            const QString name = interfaceName(w.at(1));
            QJsonObject i = interfaces.value(name);
            i.insert(QStringLiteral("device"), name);
            const QString flags = w.at(2);
            i.insert(QStringLiteral("promisc"), flags.contains(QLatin1String("PROMISC")));
            bool ok = false;
            const int mtu = wordAfter(w, QStringLiteral("mtu")).toInt(&ok);
            if (ok) {
                i.insert(QStringLiteral("mtu"), mtu);
            }
            const QString state = wordAfter(w, QStringLiteral("state"));
            // Ansible's "active" is the operstate (ip's "state"); BusyBox's ip prints none, so the UP flag says it.
            const QStringList flagList
                = QString(flags).remove(QLatin1Char('<')).remove(QLatin1Char('>')).split(QLatin1Char(','));
            i.insert(QStringLiteral("active"),
                state.isEmpty() ? flagList.contains(QStringLiteral("UP")) : state != QLatin1String("DOWN"));
            // The link line follows the continuation: "\    link/ether 02:… brd …".
            static const QRegularExpression linkType(QStringLiteral("link/(\\S+)(?:\\s+([0-9a-fA-F:]+))?"));
            const auto m = linkType.match(line.text);
            QString type = QStringLiteral("unknown");
            if (m.hasMatch()) {
                const QString t = m.captured(1);
                type = t == QLatin1String("ether") || t == QLatin1String("loopback") || t == QLatin1String("ppp")
                    ? t
                    : QStringLiteral("unknown");
                if (!m.captured(2).isEmpty() && t == QLatin1String("ether")) {
                    i.insert(QStringLiteral("macaddress"), m.captured(2).toLower());
                }
            }
            i.insert(QStringLiteral("type"), type);
            interfaces.insert(name, i);
        }
    }
    const auto addr = sections.constFind(QStringLiteral("ip-addr"));
    if (addr != sections.cend()) {
        static const QStringList flagWords { QStringLiteral("dynamic"), QStringLiteral("noprefixroute"),
            QStringLiteral("secondary"), QStringLiteral("permanent"), QStringLiteral("deprecated"),
            QStringLiteral("tentative"), QStringLiteral("nodad"), QStringLiteral("mngtmpaddr"),
            QStringLiteral("temporary"), QStringLiteral("home"), QStringLiteral("optimistic") };
        for (const Line& line : addr->lines) {
            const QStringList w = ipWords(line.text);
            if (w.isEmpty()) {
                continue;
            }
            if (w.size() < 4 || (w.at(2) != QLatin1String("inet") && w.at(2) != QLatin1String("inet6"))) {
                return lineError(
                    *addr, line, QStringLiteral("not a line of ip -o addr (N: NAME inet|inet6 ADDRESS/PREFIX …)"));
            }
            const QString name = interfaceName(w.at(1));
            QJsonObject i = interfaces.value(name);
            i.insert(QStringLiteral("device"), name);
            const QString address = w.at(3).section(QLatin1Char('/'), 0, 0);
            bool ok = false;
            const int prefix = w.at(3).section(QLatin1Char('/'), 1, 1).toInt(&ok);
            if (!ok) {
                return lineError(*addr, line, QStringLiteral("the address has no /PREFIX"));
            }
            if (w.at(2) == QLatin1String("inet")) {
                QJsonObject v4;
                v4.insert(QStringLiteral("address"), address);
                v4.insert(QStringLiteral("broadcast"), wordAfter(w, QStringLiteral("brd")));
                v4.insert(QStringLiteral("netmask"), ipv4Netmask(prefix));
                v4.insert(QStringLiteral("network"), ipv4Network(address, prefix));
                v4.insert(QStringLiteral("prefix"), QString::number(prefix));
                // The label ("eth0", "eth0:1") ends the words after the scope, unless the address has none.
                const qsizetype scope = w.indexOf(QStringLiteral("scope"));
                if (scope >= 0 && w.size() - 1 > scope + 1 && !flagWords.contains(w.last())) {
                    v4.insert(QStringLiteral("alias"), w.last());
                }
                if (i.contains(QStringLiteral("ipv4"))) {
                    QJsonArray secondaries = i.value(QStringLiteral("ipv4_secondaries")).toArray();
                    secondaries.append(v4);
                    i.insert(QStringLiteral("ipv4_secondaries"), secondaries);
                } else {
                    i.insert(QStringLiteral("ipv4"), v4);
                }
            } else {
                QJsonObject v6;
                v6.insert(QStringLiteral("address"), address);
                v6.insert(QStringLiteral("prefix"), QString::number(prefix));
                v6.insert(QStringLiteral("scope"), wordAfter(w, QStringLiteral("scope")));
                QJsonArray list = i.value(QStringLiteral("ipv6")).toArray();
                list.append(v6);
                i.insert(QStringLiteral("ipv6"), list);
            }
            interfaces.insert(name, i);
        }
    }
    QJsonArray names;
    for (auto it = interfaces.cbegin(); it != interfaces.cend(); ++it) {
        names.append(it.key());
        QJsonObject i = *it;
        // Ansible's per-interface fact: ansible_eth0 (a '-' in the name becomes '_'), without the alias.
        QJsonObject v4 = i.value(QStringLiteral("ipv4")).toObject();
        if (!v4.isEmpty()) {
            v4.remove(QStringLiteral("alias"));
            i.insert(QStringLiteral("ipv4"), v4);
        }
        if (i.contains(QStringLiteral("ipv4_secondaries"))) {
            QJsonArray secondaries;
            for (const QJsonValue& sv : i.value(QStringLiteral("ipv4_secondaries")).toArray()) {
                QJsonObject o = sv.toObject();
                o.remove(QStringLiteral("alias"));
                secondaries.append(o);
            }
            i.insert(QStringLiteral("ipv4_secondaries"), secondaries);
        }
        QString key = it.key();
        key.replace(QLatin1Char('-'), QLatin1Char('_'));
        facts->insert(key, i);
    }
    facts->insert(QStringLiteral("interfaces"), names);

    // The default routes: `ip route get` to a public address, as Ansible asks, else the default route.
    const auto defaultOf = [&](const QString& routeGet, int family) {
        QJsonObject d;
        QStringList w = words(firstLine(sections, routeGet));
        if (w.indexOf(QStringLiteral("dev")) < 0) {
            for (const Line& line : linesOf(sections, QStringLiteral("routes"))) {
                const QStringList r = words(line.text);
                const QString via = wordAfter(r, QStringLiteral("via"));
                if (!r.isEmpty() && r.first() == QLatin1String("default")
                    && (via.isEmpty() || via.contains(QLatin1Char(':')) == (family == 6))) {
                    w = r;
                    break;
                }
            }
        }
        const QString dev = wordAfter(w, QStringLiteral("dev"));
        if (dev.isEmpty()) {
            return d;
        }
        const QJsonObject i = interfaces.value(interfaceName(dev));
        QString address = wordAfter(w, QStringLiteral("src"));
        if (family == 4) {
            // The interface's address that is the route's source: its primary one or a secondary.
            QJsonArray candidates { i.value(QStringLiteral("ipv4")) };
            for (const QJsonValue& s : i.value(QStringLiteral("ipv4_secondaries")).toArray()) {
                candidates.append(s);
            }
            if (address.isEmpty()) {
                address = candidates.at(0).toObject().value(QStringLiteral("address")).toString();
            }
            for (const QJsonValue& c : std::as_const(candidates)) {
                if (c.toObject().value(QStringLiteral("address")).toString() == address) {
                    d = c.toObject();
                    if (!d.contains(QStringLiteral("alias"))) {
                        d.insert(QStringLiteral("alias"), dev);
                    }
                    break;
                }
            }
        } else {
            const QJsonArray v6 = i.value(QStringLiteral("ipv6")).toArray();
            for (const QJsonValue& a : v6) {
                const QJsonObject o = a.toObject();
                if (address.isEmpty() && o.value(QStringLiteral("scope")) == QLatin1String("global")) {
                    address = o.value(QStringLiteral("address")).toString();
                }
                if (o.value(QStringLiteral("address")).toString() == address) {
                    d = o;
                    break;
                }
            }
        }
        d.insert(QStringLiteral("address"), address);
        d.insert(QStringLiteral("interface"), interfaceName(dev));
        const QString via = wordAfter(w, QStringLiteral("via"));
        if (!via.isEmpty()) {
            d.insert(QStringLiteral("gateway"), via);
        }
        for (const QString& k : { QStringLiteral("macaddress"), QStringLiteral("mtu"), QStringLiteral("type") }) {
            if (i.contains(k)) {
                d.insert(k, i.value(k));
            }
        }
        return d;
    };
    facts->insert(QStringLiteral("default_ipv4"), defaultOf(QStringLiteral("route4"), 4));
    facts->insert(QStringLiteral("default_ipv6"), defaultOf(QStringLiteral("route6"), 6));
    QJsonArray all4;
    QJsonArray all6;
    for (const QJsonObject& i : std::as_const(interfaces)) {
        if (i.contains(QStringLiteral("ipv4")) && i.value(QStringLiteral("device")) != QLatin1String("lo")) {
            all4.append(i.value(QStringLiteral("ipv4")).toObject().value(QStringLiteral("address")));
            for (const QJsonValue& s : i.value(QStringLiteral("ipv4_secondaries")).toArray()) {
                all4.append(s.toObject().value(QStringLiteral("address")));
            }
        }
        for (const QJsonValue& a : i.value(QStringLiteral("ipv6")).toArray()) {
            if (a.toObject().value(QStringLiteral("scope")) != QLatin1String("host")) {
                all6.append(a.toObject().value(QStringLiteral("address")));
            }
        }
    }
    facts->insert(QStringLiteral("all_ipv4_addresses"), all4);
    facts->insert(QStringLiteral("all_ipv6_addresses"), all6);
    return {};
}

// hostname, nodename, fqdn and domain as Ansible's platform facts: fqdn is Python's socket.getfqdn() — the first
// name of the node name's address looked up backwards that has a dot, else that lookup's first name, else (no
// answer) the node name; hostname -f only where getent is missing.
void names(const Sections& sections, QJsonObject* facts)
{
    const QString node = firstLine(sections, QStringLiteral("hostname"), 0);
    const QString dashF = firstLine(sections, QStringLiteral("hostname"), 1);
    const QString lookupLine = firstLine(sections, QStringLiteral("fqdn-lookup"));
    const QStringList lookup = words(lookupLine).mid(1);
    QString fqdn;
    for (const QString& n : lookup) {
        if (n.contains(QLatin1Char('.'))) {
            fqdn = n;
            break;
        }
    }
    if (fqdn.isEmpty()) {
        // No answer: Python gives the node name back; no getent to ask: hostname -f is the best guess.
        const bool cannotAsk = lookupLine == QLatin1String("no-getent");
        fqdn = !lookup.isEmpty() ? lookup.first() : cannotAsk && !dashF.isEmpty() ? dashF : node;
    }
    facts->insert(QStringLiteral("nodename"), node);
    facts->insert(QStringLiteral("hostname"), node.section(QLatin1Char('.'), 0, 0));
    facts->insert(QStringLiteral("fqdn"), fqdn);
    facts->insert(
        QStringLiteral("domain"), fqdn.contains(QLatin1Char('.')) ? fqdn.section(QLatin1Char('.'), 1) : QString());
}

Result<void> timeFacts(const Sections& sections, QJsonObject* facts)
{
    const auto up = sections.constFind(QStringLiteral("uptime"));
    if (up != sections.cend() && !up->lines.isEmpty()) {
        bool ok = false;
        const double seconds = words(up->lines.first().text).value(0).toDouble(&ok);
        if (!ok) {
            return lineError(*up, up->lines.first(), QStringLiteral("not the seconds of /proc/uptime"));
        }
        facts->insert(QStringLiteral("uptime_seconds"), qint64(seconds));
    }
    QJsonObject dateTime;
    for (const Line& line : linesOf(sections, QStringLiteral("timezone"))) {
        const QString key = line.text.section(QLatin1Char('='), 0, 0);
        const QString value = line.text.section(QLatin1Char('='), 1).trimmed();
        if (key == QLatin1String("abbrev")) {
            dateTime.insert(QStringLiteral("tz"), value);
        } else if (key == QLatin1String("offset")) {
            dateTime.insert(QStringLiteral("tz_offset"), value);
        } else if (key == QLatin1String("name") && !value.isEmpty()) {
            facts->insert(QStringLiteral("timezone"), value); // OpsDeck's own: Ansible has no zone name
        }
    }
    facts->insert(QStringLiteral("date_time"), dateTime);
    return {};
}

void addPackage(QJsonObject* packages, const QJsonObject& p)
{
    const QString name = p.value(QStringLiteral("name")).toString();
    QJsonArray list = packages->value(name).toArray();
    list.append(p);
    packages->insert(name, list);
}

Result<void> packages(const Sections& sections, QJsonObject* facts)
{
    QJsonObject packages;
    bool any = false;
    if (const auto s = sections.constFind(QStringLiteral("packages-dpkg")); s != sections.cend()) {
        any = true;
        for (const Line& line : s->lines) {
            if (line.text.isEmpty()) {
                continue;
            }
            const QStringList f = line.text.split(QLatin1Char('\t'));
            if (f.size() < 4) {
                return lineError(*s, line, QStringLiteral("not STATUS, NAME, VERSION, ARCH separated by tabs"));
            }
            if (f.at(0).size() < 2 || f.at(0).at(1) != QLatin1Char('i')) {
                continue; // not installed (removed with its configuration kept …)
            }
            QJsonObject p;
            p.insert(QStringLiteral("name"), f.at(1));
            p.insert(QStringLiteral("version"), f.at(2));
            p.insert(QStringLiteral("arch"), f.at(3));
            if (f.size() > 4 && !f.at(4).isEmpty()) {
                p.insert(QStringLiteral("category"), f.at(4));
            }
            p.insert(QStringLiteral("source"), QStringLiteral("apt"));
            addPackage(&packages, p);
        }
    }
    if (const auto s = sections.constFind(QStringLiteral("packages-rpm")); s != sections.cend()) {
        any = true;
        for (const Line& line : s->lines) {
            if (line.text.isEmpty()) {
                continue;
            }
            const QStringList f = line.text.split(QLatin1Char('\t'));
            if (f.size() != 5) {
                return lineError(*s, line, QStringLiteral("not NAME, EPOCH, VERSION, RELEASE, ARCH separated by tabs"));
            }
            QJsonObject p;
            p.insert(QStringLiteral("name"), f.at(0));
            bool ok = false;
            const int epoch = f.at(1).toInt(&ok);
            p.insert(QStringLiteral("epoch"), ok ? QJsonValue(epoch) : QJsonValue(QJsonValue::Null));
            p.insert(QStringLiteral("version"), f.at(2));
            p.insert(QStringLiteral("release"), f.at(3));
            p.insert(QStringLiteral("arch"), f.at(4));
            p.insert(QStringLiteral("source"), QStringLiteral("rpm"));
            addPackage(&packages, p);
        }
    }
    if (const auto s = sections.constFind(QStringLiteral("packages-apk")); s != sections.cend()) {
        any = true;
        for (const Line& line : s->lines) {
            const QString t = line.text.trimmed();
            if (t.isEmpty() || t.startsWith(QLatin1String("WARNING"))) {
                continue;
            }
            // NAME-VERSION-rN, split from the right as package_facts does.
            const qsizetype r = t.lastIndexOf(QLatin1Char('-'));
            const qsizetype v = r > 0 ? t.lastIndexOf(QLatin1Char('-'), r - 1) : -1;
            if (v <= 0) {
                return lineError(*s, line, QStringLiteral("not NAME-VERSION-RELEASE"));
            }
            QJsonObject p;
            p.insert(QStringLiteral("name"), t.left(v));
            p.insert(QStringLiteral("version"), t.mid(v + 1, r - v - 1));
            p.insert(QStringLiteral("release"), t.mid(r + 1));
            p.insert(QStringLiteral("source"), QStringLiteral("apk"));
            addPackage(&packages, p);
        }
    }
    if (any) {
        facts->insert(QStringLiteral("packages"), packages);
    }
    return {};
}

// systemctl's StateChangeTimestamp as UTC: "@1709544400" (--timestamp=unix), or its text "Mon 2024-03-04 09:26:40
// CET" in the host's zone, read with the host's UTC offset when the zone is UTC or the host's own abbreviation
// (another zone's text cannot be placed: no time). Empty and "n/a" are no time.
Result<QDateTime> stateChangeTime(const QString& value, const QJsonObject& facts)
{
    if (value.isEmpty() || value == QLatin1String("n/a")) {
        return QDateTime();
    }
    if (value.startsWith(QLatin1Char('@'))) {
        bool ok = false;
        const qint64 seconds = value.mid(1).toLongLong(&ok);
        if (!ok || seconds < 0) {
            return Error(QStringLiteral("not seconds since the epoch"));
        }
        return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    }
    const QStringList w = words(value);
    if (w.size() != 4) {
        return Error(QStringLiteral("not a time 'DAY YYYY-MM-DD HH:MM:SS ZONE'"));
    }
    const QDateTime local
        = QDateTime::fromString(w.at(1) + QLatin1Char(' ') + w.at(2), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!local.isValid()) {
        return Error(QStringLiteral("not a time 'DAY YYYY-MM-DD HH:MM:SS ZONE'"));
    }
    const QJsonObject dateTime = facts.value(QStringLiteral("date_time")).toObject();
    int offset = 0;
    if (w.at(3) != QLatin1String("UTC")) {
        const QString tz = dateTime.value(QStringLiteral("tz")).toString();
        const QString text = dateTime.value(QStringLiteral("tz_offset")).toString(); // "+0100"
        static const QRegularExpression form(QStringLiteral("^([+-])(\\d\\d)(\\d\\d)$"));
        const QRegularExpressionMatch m = form.match(text);
        if (w.at(3) != tz || !m.hasMatch()) {
            return QDateTime();
        }
        offset = (m.captured(2).toInt() * 3600 + m.captured(3).toInt() * 60) * (m.captured(1) == u"-" ? -1 : 1);
    }
    QDateTime utc(local.date(), local.time(), Qt::UTC);
    return utc.addSecs(-offset);
}

// `systemctl show`'s blocks (KEY=VALUE lines, a blank line between units): each loaded unit's StateChangeTimestamp
// becomes its service's "opsdeck_since" (ISO 8601, UTC) — OpsDeck's own key, service_facts has no such time.
Result<void> serviceTimes(const Sections& sections, const QJsonObject& facts, QJsonObject* services)
{
    const auto show = sections.constFind(QStringLiteral("services-show-systemd"));
    if (show == sections.cend()) {
        return {};
    }
    QString id;
    const Line* since = nullptr;
    auto flush = [&]() -> Result<void> {
        if (!id.isEmpty() && since && services->contains(id)) {
            auto t = stateChangeTime(since->text.section(QLatin1Char('='), 1).trimmed(), facts);
            if (!t) {
                return lineError(*show, *since, t.error().message);
            }
            if (t->isValid()) {
                QJsonObject s = services->value(id).toObject();
                s.insert(QStringLiteral("opsdeck_since"), t->toString(Qt::ISODate));
                services->insert(id, s);
            }
        }
        id.clear();
        since = nullptr;
        return {};
    };
    for (const Line& line : show->lines) {
        if (line.text.trimmed().isEmpty()) {
            if (auto r = flush(); !r) {
                return r;
            }
            continue;
        }
        const qsizetype eq = line.text.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return lineError(*show, line, QStringLiteral("not PROPERTY=VALUE"));
        }
        const QString key = line.text.left(eq).trimmed();
        if (key == QLatin1String("Id")) {
            id = line.text.mid(eq + 1).trimmed();
        } else if (key == QLatin1String("StateChangeTimestamp")) {
            since = &line;
        }
    }
    return flush();
}

// systemd's services as service_facts reads them: state "running" when the unit's sub-state is running, else
// "stopped"; status the unit file's state (enabled, disabled, static …) unless the unit is not-found, masked or
// failed. A unit file with no loaded unit is "inactive" (what `systemctl show` says of it).
Result<void> services(const Sections& sections, QJsonObject* facts)
{
    const auto units = sections.constFind(QStringLiteral("services-systemd"));
    if (units == sections.cend()) {
        return {};
    }
    static const QStringList bad { QStringLiteral("not-found"), QStringLiteral("masked"), QStringLiteral("failed") };
    QJsonObject services;
    for (const Line& line : units->lines) {
        QStringList w = words(line.text);
        if (!w.isEmpty() && (w.first() == QStringLiteral("\u25cf") || w.first() == QLatin1String("*"))) {
            w.removeFirst();
        }
        if (w.isEmpty()) {
            continue;
        }
        if (w.size() < 4 || !w.first().contains(QLatin1String(".service"))) {
            return lineError(*units, line, QStringLiteral("not UNIT LOAD ACTIVE SUB DESCRIPTION"));
        }
        QString status = w.at(2);
        for (const QString& b : bad) {
            if (w.at(1) == b || w.at(2) == b) {
                status = b;
                break;
            }
        }
        QJsonObject s;
        s.insert(QStringLiteral("name"), w.at(0));
        s.insert(QStringLiteral("state"),
            w.at(3) == QLatin1String("running") ? QStringLiteral("running") : QStringLiteral("stopped"));
        s.insert(QStringLiteral("status"), status);
        s.insert(QStringLiteral("source"), QStringLiteral("systemd"));
        services.insert(w.at(0), s);
    }
    const auto files = sections.constFind(QStringLiteral("unit-files-systemd"));
    if (files != sections.cend()) {
        for (const Line& line : files->lines) {
            const QStringList w = words(line.text);
            if (w.isEmpty()) {
                continue;
            }
            if (w.size() < 2 || !w.first().contains(QLatin1String(".service"))) {
                return lineError(*files, line, QStringLiteral("not UNIT-FILE STATE [PRESET]"));
            }
            QJsonObject s = services.value(w.at(0)).toObject();
            if (s.isEmpty()) {
                s.insert(QStringLiteral("name"), w.at(0));
                s.insert(QStringLiteral("state"), QStringLiteral("inactive"));
                s.insert(QStringLiteral("status"), w.at(1));
                s.insert(QStringLiteral("source"), QStringLiteral("systemd"));
            } else if (!bad.contains(s.value(QStringLiteral("status")).toString())) {
                s.insert(QStringLiteral("status"), w.at(1));
            }
            services.insert(w.at(0), s);
        }
    }
    if (auto r = serviceTimes(sections, *facts, &services); !r) {
        return r;
    }
    facts->insert(QStringLiteral("services"), services);
    return {};
}

} // namespace

Result<QJsonObject> FactsParser::parse(const QByteArray& output)
{
    if (output.size() > kMaxOutputBytes) {
        return Error(QStringLiteral("the facts output is %1 bytes, more than the %2 accepted")
                         .arg(output.size())
                         .arg(kMaxOutputBytes));
    }
    const QStringList lines = QString::fromUtf8(output).split(QLatin1Char('\n'));
    // What a login shell's rc files print before the script starts (a banner, a greeting) is skipped; the line
    // numbers stay those of the whole output, as `jobs output` shows it.
    const QString start = kMarker + QLatin1String("format-1");
    qsizetype first = 0;
    while (first < lines.size() && lines.at(first).trimmed() != start) {
        ++first;
    }
    if (first == lines.size()) {
        return Error(QStringLiteral("not the output of OpsDeck's facts script (no line '%1'): it starts with '%2'")
                         .arg(start, lines.value(0).left(80)),
            SourceLocation { kWhere, 1, 0 });
    }
    Sections sections;
    Section* current = nullptr;
    for (qsizetype n = first + 1; n < lines.size(); ++n) {
        QString text = lines.at(n);
        if (text.endsWith(QLatin1Char('\r'))) {
            text.chop(1);
        }
        if (text.startsWith(kMarker)) {
            const QString name = text.mid(kMarker.size()).trimmed();
            if (sections.contains(name)) {
                return Error(
                    QStringLiteral("section '%1' appears twice").arg(name), SourceLocation { kWhere, int(n + 1), 0 });
            }
            current = &sections[name];
            current->name = name;
            current->number = int(n + 1);
            continue;
        }
        if (current) {
            current->lines.append(Line { text, int(n + 1) });
        }
    }
    if (!sections.contains(QStringLiteral("end"))) {
        return Error(
            QStringLiteral("the output stops before its last section ('end'): the script was cut off or failed"),
            SourceLocation { kWhere, int(lines.size()), 0 });
    }
    // Trailing empty lines belong to no section.
    for (Section& s : sections) {
        while (!s.lines.isEmpty() && s.lines.last().text.isEmpty()) {
            s.lines.removeLast();
        }
    }
    QJsonObject facts;
    for (const auto& step :
        { distribution, platform, processors, memory, mounts, network, timeFacts, packages, services }) {
        if (auto r = step(sections, &facts); !r) {
            return r.error();
        }
    }
    names(sections, &facts);
    return facts;
}
