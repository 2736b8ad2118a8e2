#include "ServerConfig.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace {

Error at(const QString& path, int line, const QString& message)
{
    return Error(QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(message));
}

} // namespace

Result<ServerConfig> ServerConfig::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("cannot read the configuration %1: %2").arg(path, file.errorString()));
    }
    if (file.size() > 1024 * 1024) {
        return Error(QStringLiteral("%1: a configuration of more than 1 MiB is not one").arg(path));
    }
    static const QSet<QString> serverKeys { QStringLiteral("data"), QStringLiteral("database"),
        QStringLiteral("listen"), QStringLiteral("tls_cert"), QStringLiteral("tls_key"), QStringLiteral("grace"),
        QStringLiteral("known_hosts"), QStringLiteral("ssh_config"), QStringLiteral("accept_new_host_keys"),
        QStringLiteral("allow_run_local") };
    ServerConfig config;
    struct Number {
        const char* key;
        double min;
        double max;
        std::function<void(double)> set;
    };
    const QList<Number> numbers {
        { "max_connections", 1, 100'000, [&](double v) { config.http.maxConnections = int(v); } },
        { "header_bytes", 1024, 1024 * 1024, [&](double v) { config.http.headerBytes = std::size_t(v); } },
        { "body_bytes", 1024, 1024.0 * 1024 * 1024, [&](double v) { config.http.bodyBytes = std::size_t(v); } },
        { "read_timeout_ms", 100, 3'600'000, [&](double v) { config.http.readTimeoutMs = int(v); } },
        { "idle_timeout_ms", 100, 3'600'000, [&](double v) { config.http.idleTimeoutMs = int(v); } },
        { "subscriber_queue", 16, 1'000'000, [&](double v) { config.http.subscriberQueue = std::size_t(v); } },
        { "requests_per_second_per_token", 0, 1e6, [&](double v) { config.rates.perToken = v; } },
        { "burst_per_token", 1, 1e7, [&](double v) { config.rates.perTokenBurst = v; } },
        { "requests_per_second_per_address", 0, 1e6, [&](double v) { config.rates.perAddress = v; } },
        { "burst_per_address", 1, 1e7, [&](double v) { config.rates.perAddressBurst = v; } },
    };
    static const QRegularExpression section(QStringLiteral("^\\[([a-z_]+)\\]$"));
    static const QRegularExpression pair(QStringLiteral("^([a-z_]+)\\s*=\\s*(.*)$"));
    QString current;
    int lineNo = 0;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const QString& raw : lines) {
        ++lineNo;
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';')) {
            continue;
        }
        if (const QRegularExpressionMatch m = section.match(line); m.hasMatch()) {
            current = m.captured(1);
            if (current != QLatin1String("server") && current != QLatin1String("limits")) {
                return at(path, lineNo,
                    QStringLiteral("unknown section [%1] (there are [server] and [limits])").arg(current));
            }
            continue;
        }
        const QRegularExpressionMatch m = pair.match(line);
        if (!m.hasMatch()) {
            return at(path, lineNo, QStringLiteral("expected `key = value` or a [section]"));
        }
        const QString key = m.captured(1);
        const QString value = m.captured(2).trimmed();
        if (current.isEmpty()) {
            return at(path, lineNo, QStringLiteral("%1 is outside a section ([server] or [limits])").arg(key));
        }
        if (current == QLatin1String("server")) {
            if (!serverKeys.contains(key)) {
                return at(path, lineNo, QStringLiteral("unknown key %1 in [server]").arg(key));
            }
            config.server.insert(key, value);
            continue;
        }
        const auto number = std::find_if(
            numbers.begin(), numbers.end(), [&](const Number& n) { return key == QLatin1String(n.key); });
        if (number == numbers.end()) {
            return at(path, lineNo, QStringLiteral("unknown key %1 in [limits]").arg(key));
        }
        bool ok = false;
        const double v = value.toDouble(&ok);
        if (!ok || v < number->min || v > number->max) {
            return at(path, lineNo,
                QStringLiteral("%1 must be a number from %2 to %3, not '%4'")
                    .arg(key)
                    .arg(number->min, 0, 'g', 12)
                    .arg(number->max, 0, 'g', 12)
                    .arg(value.left(100)));
        }
        number->set(v);
    }
    return config;
}
