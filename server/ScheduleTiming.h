#pragma once

#include "ScheduleStore.h"
#include "core/Result.h"

#include <QString>
#include <optional>

// When a schedule is due: its cron expression in its zone (schedules/CronExpression, Vixie cron's DST rules), or its
// one wall time in its zone. Also the checks of a schedule's timing fields as the API reads them, each problem naming
// its field.
namespace ScheduleTiming {

struct Problem {
    QString field; // cron, at or zone
    QString message;
};

// The problem with these timing fields, if any: exactly one of `cron` and `at`, a cron expression the parser takes
// (its error names the column), `at` as "YYYY-MM-DDTHH:MM", a zone the system knows by its IANA name.
std::optional<Problem> check(const QString& cron, const QString& at, const QString& zone);
// The first due time strictly after `afterMs` (ms since the epoch), or none (a one-shot's time has passed; a cron
// expression that never matches again). Only for fields check() accepted.
std::optional<qint64> nextAfter(const Schedule& s, qint64 afterMs);

} // namespace ScheduleTiming
