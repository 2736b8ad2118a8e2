#include "CliSchedule.h"

#include "CliArgs.h"
#include "schedules/CronExpression.h"
#include "schedules/ScheduleTimes.h"

#include <QDateTime>

using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

namespace {

const char* const kUsageText = R"(Usage: opsdeck-cli schedule COMMAND [ARGS]

Commands:
  next 'EXPR' --tz ZONE [--from 'YYYY-MM-DD HH:MM'] [--count N] [--utc]
                   the next fire times of a cron expression (5 fields: minute hour day-of-month month
                   day-of-week, or @hourly, @daily, @weekly, @monthly, @yearly) in an IANA time zone, one
                   ISO 8601 time a line with its offset (2026-03-08T03:00:00-04:00); --utc prints them in UTC
                   (2026-03-08T07:00:00Z). --from is a wall time in ZONE (default: now), the times printed are
                   strictly after it; --count how many (default 10, at most 1000). Daylight-saving days follow
                   Vixie cron / cronie (docs/schedules.md). A bad expression exits 1 naming the field and the
                   column, an unknown zone exits 1 naming it.
  add|list|show|rm|pause|resume ...
                   with --server: the control server's schedules (opsdeck-cli schedule add --help)
)";

constexpr int kMaxCount = 1000;

int next(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CliArgs::Args a;
    const QString command = QStringLiteral("schedule next");
    if (!CliArgs::parse(args, { QStringLiteral("tz"), QStringLiteral("from"), QStringLiteral("count") },
            { QStringLiteral("utc") }, command, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err,
            QStringLiteral("schedule next needs one cron expression, quoted: schedule next '30 2 * * *' --tz ZONE "
                           "(see schedule --help)"),
            kUsage);
    }
    if (!a.has(QStringLiteral("tz"))) {
        return fail(err,
            QStringLiteral("schedule next needs --tz ZONE, an IANA name such as Europe/Berlin (see schedule --help)"),
            kUsage);
    }
    const QString text = a.positional.first();
    const auto cron = CronExpression::parse(text);
    if (!cron) {
        // The message names field and column; the caret shows it.
        const int column = std::max(1, cron.error().where.column);
        err << "opsdeck-cli: bad cron expression: " << cron.error().message << "\n  " << text << "\n  "
            << QString(column - 1, QLatin1Char(' ')) << "^\n";
        return kFailed;
    }
    const auto zone = ScheduleTimes::zoneNamed(a.value(QStringLiteral("tz")));
    if (!zone) {
        return fail(err, QStringLiteral("--tz: ") + zone.error().message);
    }
    int count = 10;
    if (a.has(QStringLiteral("count"))) {
        bool ok = false;
        count = a.value(QStringLiteral("count")).toInt(&ok);
        if (!ok || count < 1 || count > kMaxCount) {
            return fail(err,
                QStringLiteral("--count '%1': give a whole number from 1 to %2")
                    .arg(a.value(QStringLiteral("count")))
                    .arg(kMaxCount),
                kUsage);
        }
    }
    QDateTime from = QDateTime::currentDateTimeUtc();
    if (a.has(QStringLiteral("from"))) {
        const QString given = a.value(QStringLiteral("from")).trimmed();
        QDateTime wall;
        for (const char* format :
            { "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss" }) {
            wall = QDateTime::fromString(given, QLatin1String(format));
            if (wall.isValid()) {
                break;
            }
        }
        if (!wall.isValid()) {
            return fail(err, QStringLiteral("--from '%1': give a wall time in the zone as YYYY-MM-DD HH:MM").arg(given),
                kUsage);
        }
        from = ScheduleTimes::instantOfWallTime(wall.date(), wall.time(), *zone);
        if (!from.isValid()) {
            return fail(err,
                QStringLiteral("--from '%1': %2 skips that time (its clocks go forward then)")
                    .arg(given, QString::fromUtf8(zone->id())));
        }
    }
    const QList<QDateTime> times = cron->next(from, *zone, count);
    for (const QDateTime& t : times) {
        out << (a.flag(QStringLiteral("utc")) ? t.toUTC() : t.toTimeZone(*zone)).toString(Qt::ISODate) << '\n';
    }
    if (times.isEmpty()) {
        err << "opsdeck-cli: '" << text << "' never fires within 5 years\n";
        return kFailed;
    }
    return kOk;
}

} // namespace

int runScheduleCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    return CliArgs::dispatch(args, kUsageText, QStringLiteral("schedule"),
        {
            { QLatin1String("next"), [&](const QStringList& rest) { return next(rest, out, err); } },
        },
        out, err);
}
