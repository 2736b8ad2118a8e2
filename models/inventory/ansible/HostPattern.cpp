#include "HostPattern.h"

#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/PythonStr.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <cstdlib>

namespace {

// Messages keep AnsibleInventory's translation context.

struct AddressPatterns {
    QRegularExpression bracketedHostPort;
    QRegularExpression hostPort;
    QRegularExpression ipv4;
    QRegularExpression ipv6;
    QRegularExpression hostname;

    AddressPatterns()
    {
        const QString numericRange = QStringLiteral(R"(\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\])");
        const QString hexRange = QStringLiteral(R"(\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\])");
        const QString alnumRange = QStringLiteral(R"(\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\])");
        const QString i6 = QStringLiteral("(?:[0-9a-f]{1,4}|%1)").arg(hexRange);
        const QString i4 = QStringLiteral("(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|%1)").arg(numericRange);
        const QString label = QStringLiteral(R"((?:[\w]|%1)(?:[\w_-]|%1)*(?<![_-]))").arg(alnumRange);
        const auto opts = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;
        bracketedHostPort = QRegularExpression(QStringLiteral(R"(^\[(.+)\]:([0-9]+)$)"));
        hostPort = QRegularExpression(QStringLiteral(R"(^((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+)$)"));
        ipv4 = QRegularExpression(QStringLiteral(R"(^(?:%1\.){3}%1$)").arg(i4), opts);
        // Python's pattern is "^alt1|alt2|...|altN$": re.match anchors every alternative at the start, but "$"
        // binds to the last alternative only. Kept as is, since that decides which names Ansible accepts.
        const QString v6 = QStringLiteral(
            "^(?:(?:{0}:){7}{0}|(?:{0}:){1,6}:|(?:{0}:)(?::{0}){1,6}|(?:{0}:){2}(?::{0}){1,5}"
            "|(?:{0}:){3}(?::{0}){1,4}|(?:{0}:){4}(?::{0}){1,3}|(?:{0}:){5}(?::{0}){1,2}|(?:{0}:){6}(?::{0})"
            "|:(?::{0}){1,6}|{0}?::|(?:0:){6}(?:{0}\\.){3}{0}|::(?:ffff:)?(?:{0}\\.){3}{0}"
            "|(?:0:){5}ffff:(?:{0}\\.){3}{0}$)");
        ipv6 = QRegularExpression(QString(v6).replace(QStringLiteral("{0}"), i6), opts);
        hostname = QRegularExpression(QStringLiteral(R"(^%1(?:\.%1)*$)").arg(label), opts);
    }
};

const AddressPatterns& addressPatterns()
{
    static const AddressPatterns p;
    return p;
}

// parse_address(address, allow_ranges=True): host and port, or nullopt where Python raises.
std::optional<QString> parseAddress(const QString& input, int* port)
{
    const AddressPatterns& p = addressPatterns();
    QString address = input;
    *port = 0;
    // Both patterns are tried one after the other on what is left ("continue", not "break", in Python).
    for (const QRegularExpression* re : { &p.bracketedHostPort, &p.hostPort }) {
        const QRegularExpressionMatch m = re->match(address);
        if (m.hasMatch()) {
            address = m.captured(1);
            bool ok = false;
            *port = m.captured(2).toInt(&ok);
            if (!ok) {
                return std::nullopt;
            }
        }
    }
    for (const QRegularExpression* re : { &p.ipv4, &p.ipv6, &p.hostname }) {
        if (re->match(address).hasMatch()) {
            return address;
        }
    }
    return std::nullopt;
}

const qsizetype kMaxExpandedHosts = 10'000'000;

// expand_hostname_range(): "db[01:10:3]node-[a:c]" and friends, exactly as Python slices and counts.
Result<QStringList> expandHostnameRange(const QString& line)
{
    QStringList out;
    if (line.isEmpty()) {
        return out;
    }
    QString replaced = line;
    const qsizetype open = replaced.indexOf(QLatin1Char('['));
    if (open >= 0) {
        replaced[open] = QLatin1Char('|');
    }
    const qsizetype close = replaced.indexOf(QLatin1Char(']'));
    if (close >= 0) {
        replaced[close] = QLatin1Char('|');
    }
    const QStringList parts = replaced.split(QLatin1Char('|'));
    if (parts.size() != 3) {
        return Error(QCoreApplication::translate(
            "AnsibleInventory", "host pattern '%1' has a '[' without a matching ']' (or a '|')")
                         .arg(line));
    }
    const QString& head = parts[0];
    const QString& tail = parts[2];
    const QStringList bounds = parts[1].split(QLatin1Char(':'));
    if (bounds.size() != 2 && bounds.size() != 3) {
        return Error(
            QCoreApplication::translate("AnsibleInventory", "host range must be begin:end or begin:end:step, got [%1]")
                .arg(parts[1]));
    }
    QString beg = bounds[0];
    const QString end = bounds[1];
    const QString step = bounds.size() == 3 ? bounds[2] : QStringLiteral("1");
    if (beg.isEmpty()) {
        beg = QStringLiteral("0");
    }
    if (end.isEmpty()) {
        return Error(QCoreApplication::translate("AnsibleInventory", "host range must specify end value, got [%1]")
                         .arg(parts[1]));
    }
    int width = 0;
    if (beg.startsWith(QLatin1Char('0')) && beg.size() > 1) {
        width = int(beg.size());
        if (width != end.size()) {
            return Error(QCoreApplication::translate(
                "AnsibleInventory", "host range must specify equal-length begin and end formats, got [%1]")
                             .arg(parts[1]));
        }
    }
    QStringList seq;
    static const QString letters = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const qsizetype iBeg = letters.indexOf(beg);
    const qsizetype iEnd = letters.indexOf(end);
    const std::optional<qlonglong> stepValue = PythonStr::toInt(step);
    bool alpha = false;
    if (iBeg >= 0 && iEnd >= 0) {
        // string.ascii_letters.index() finds substrings too, so "ab" is a valid begin; Python slices from there.
        if (iBeg > iEnd) {
            return Error(QCoreApplication::translate("AnsibleInventory", "host range must have begin <= end, got [%1]")
                             .arg(parts[1]));
        }
        if (stepValue && *stepValue != 0) {
            alpha = true;
            if (*stepValue > 0) {
                for (qsizetype k = iBeg; k <= iEnd; k += *stepValue) {
                    seq.append(letters.at(k));
                }
            }
        }
    }
    if (!alpha) {
        const std::optional<qlonglong> b = PythonStr::toInt(beg);
        const std::optional<qlonglong> e = PythonStr::toInt(end);
        if (!b || !e || !stepValue) {
            return Error(
                QCoreApplication::translate("AnsibleInventory", "host range [%1] is neither numeric nor a letter range")
                    .arg(parts[1]));
        }
        if (*stepValue == 0) {
            return Error(QCoreApplication::translate("AnsibleInventory", "host range step must not be zero, got [%1]")
                             .arg(parts[1]));
        }
        const qlonglong last = *e + 1;
        const qlonglong s = *stepValue;
        const qlonglong count
            = s > 0 ? (last > *b ? (last - *b + s - 1) / s : 0) : (*b > last ? (*b - last - s - 1) / -s : 0);
        if (count > kMaxExpandedHosts) {
            return Error(QCoreApplication::translate("AnsibleInventory", "host range [%1] expands to too many hosts")
                             .arg(parts[1]));
        }
        for (qlonglong k = 0; k < count; ++k) {
            const qlonglong x = *b + k * s;
            QString text = QString::number(std::llabs(x));
            if (width > 0) {
                // str(x).zfill(width): zeros go after the sign.
                const int digitsWidth = x < 0 ? width - 1 : width;
                text = text.rightJustified(digitsWidth, QLatin1Char('0'));
            }
            seq.append(x < 0 ? QLatin1Char('-') + text : text);
        }
    }
    for (const QString& r : seq) {
        const QString name = head + r + tail;
        if (name.contains(QLatin1Char('['))) {
            auto more = expandHostnameRange(name);
            if (!more) {
                return more.error();
            }
            out.append(*more);
        } else {
            out.append(name);
        }
        if (out.size() > kMaxExpandedHosts) {
            return Error(QCoreApplication::translate("AnsibleInventory", "host pattern '%1' expands to too many hosts")
                             .arg(line));
        }
    }
    return out;
}

} // namespace

// BaseInventoryPlugin._expand_hostpattern(): port split off when the pattern parses as an address, then ranges.
Result<QStringList> HostPattern::expand(const QString& pattern, int* port)
{
    int foundPort = 0;
    QString host = pattern;
    // Fast path: without ':' and '[' parse_address() cannot change anything.
    if (pattern.contains(QLatin1Char(':')) || pattern.contains(QLatin1Char('['))) {
        int p = 0;
        if (auto parsed = parseAddress(pattern, &p)) {
            host = *parsed;
            foundPort = p;
        }
    }
    if (port) {
        *port = foundPort;
    }
    if (host.contains(QLatin1Char('['))) {
        return expandHostnameRange(host);
    }
    return QStringList { host };
}

bool HostPattern::roundTrips(const QString& name)
{
    int port = 0;
    auto names = HostPattern::expand(name, &port);
    return names && port == 0 && names->size() == 1 && names->first() == name && !name.isEmpty()
        && PythonStr::strip(name) != u"---" && !name.endsWith(QLatin1Char(':'));
}
