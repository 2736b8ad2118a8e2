#pragma once

#include "core/Result.h"
#include "schedules/CronExpression.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTimeZone>

// What the console shows while a schedule is typed: its next fire times in the schedule's zone and in local time,
// days on which the schedule's zone changes its clocks marked. Also the zone lookup the CLI and the server share.
namespace ScheduleTimes {

struct FireTime {
    QDateTime utc; // Qt::UTC
    QDateTime inZone; // the same instant in the schedule's zone
    QDateTime local; // the same instant in the local zone
    bool dstChangeDay = false; // the zone's clocks change on inZone's date (a skipped or repeated stretch)
    bool localDstChangeDay = false; // the local zone's clocks change on local's date
};

// The next `count` fire times after `from`, shown in `zone` and in `localZone`.
QList<FireTime> upcoming(const CronExpression& cron, const QTimeZone& zone, const QDateTime& from, int count,
    const QTimeZone& localZone = QTimeZone::systemTimeZone());

// Whether the wall clock of `zone` skips or repeats a stretch of `date` (a forward or backward change of its
// offset whose skipped or repeated wall times fall on that date).
bool isClockChangeDay(const QDate& date, const QTimeZone& zone);

// The first instant at which the clock of `zone` shows `date` `time` (the first pass of a repeated time), in
// Qt::UTC; invalid when the clock skips that time (a spring-forward gap).
QDateTime instantOfWallTime(const QDate& date, const QTime& time, const QTimeZone& zone);

// The IANA zone named (or "UTC"); an unknown name is an error naming it.
Result<QTimeZone> zoneNamed(const QString& ianaName);

} // namespace ScheduleTimes
