#include "ScheduleTiming.h"

#include "schedules/CronExpression.h"

#include <QDateTime>
#include <QTimeZone>

namespace {

QDateTime onceAt(const QString& at, const QTimeZone& zone)
{
    const QDateTime wall = QDateTime::fromString(at, QStringLiteral("yyyy-MM-ddTHH:mm"));
    return wall.isValid() ? QDateTime(wall.date(), wall.time(), zone) : QDateTime();
}

} // namespace

namespace ScheduleTiming {

std::optional<Problem> check(const QString& cron, const QString& at, const QString& zone)
{
    if (zone.isEmpty()) {
        return Problem { QStringLiteral("zone"),
            QStringLiteral("zone is required: an IANA time zone such as Europe/Berlin or UTC") };
    }
    if (zone.size() > 64 || !QTimeZone::isTimeZoneIdAvailable(zone.toUtf8())) {
        return Problem { QStringLiteral("zone"),
            QStringLiteral("unknown time zone '%1' (an IANA name such as Europe/Berlin or UTC)").arg(zone.left(64)) };
    }
    if (cron.isEmpty() == at.isEmpty()) {
        return Problem { cron.isEmpty() ? QStringLiteral("cron") : QStringLiteral("at"),
            QStringLiteral("a schedule has either cron (a 5-field expression) or at (one date and time), not %1")
                .arg(cron.isEmpty() ? QStringLiteral("neither") : QStringLiteral("both")) };
    }
    if (!cron.isEmpty()) {
        auto parsed = CronExpression::parse(cron);
        if (!parsed) {
            return Problem { QStringLiteral("cron"), QStringLiteral("cron: ") + parsed.error().toString() };
        }
        return std::nullopt;
    }
    if (!onceAt(at, QTimeZone(zone.toUtf8())).isValid()) {
        return Problem { QStringLiteral("at"),
            QStringLiteral("at '%1' is not a date and time as YYYY-MM-DDTHH:MM").arg(at.left(40)) };
    }
    return std::nullopt;
}

std::optional<qint64> nextAfter(const Schedule& s, qint64 afterMs)
{
    const QTimeZone zone(s.zone.toUtf8());
    if (!zone.isValid()) {
        return std::nullopt;
    }
    if (!s.onceAt.isEmpty()) {
        const QDateTime at = onceAt(s.onceAt, zone);
        return at.isValid() && at.toMSecsSinceEpoch() > afterMs ? std::optional<qint64>(at.toMSecsSinceEpoch())
                                                                : std::nullopt;
    }
    auto cron = CronExpression::parse(s.cron);
    if (!cron) {
        return std::nullopt;
    }
    const QDateTime next = cron->nextAfter(QDateTime::fromMSecsSinceEpoch(afterMs, QTimeZone::utc()), zone);
    return next.isValid() ? std::optional<qint64>(next.toMSecsSinceEpoch()) : std::nullopt;
}

} // namespace ScheduleTiming
