#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <cstdint>

// A 5-field cron expression (minute hour day-of-month month day-of-week) as Vixie cron and cronie read it, and
// its fire times in an IANA time zone with cronie's daylight-saving rules (docs/schedules.md, "Time zones and
// daylight-saving time"). A value type: parse once, ask for fire times as often as needed.
class CronExpression {
public:
    // 5 fields, lists, ranges, steps (a-b/n, */n, a/n = a-last/n), month and weekday names (JAN..DEC, SUN..SAT,
    // case-insensitive), 7 = Sunday, @hourly @daily @midnight @weekly @monthly @yearly @annually. Errors name the
    // field and the 1-based column: Error{message, {QString(), 1, column}}.
    static Result<CronExpression> parse(const QString& text);
    QString text() const { return m_text; }

    // The first fire time strictly after `after` (any time spec) in `zone`, as a UTC QDateTime; invalid if none
    // within 5 years (e.g. "0 0 30 2 *"). Fixed-time schedules (neither minute nor hour a wildcard) whose wall
    // time is skipped by a forward change run once at the change; in a repeated stretch they run in the first
    // pass only. Wildcard schedules (followsWallClock()) run whenever the wall clock shows a matching time.
    QDateTime nextAfter(const QDateTime& after, const QTimeZone& zone) const;
    // Up to `count` fire times after `after`, each strictly after the one before (fewer when the 5 years end).
    QList<QDateTime> next(const QDateTime& after, const QTimeZone& zone, int count) const;
    // The fire times t with after < t <= until (what a server that was down missed), at most `limit` of them.
    QList<QDateTime> between(const QDateTime& after, const QDateTime& until, const QTimeZone& zone, int limit) const;

    // The hour field is * or */n (starts with `*`): the schedule keeps the wall clock's pace across DST. So does one
    // whose minute field starts with `*` (cronie's MIN_STAR | HR_STAR): followsWallClock() is what nextAfter uses.
    bool hourIsWildcard() const { return m_hourStar; }
    // The minute field is * or */n (starts with `*`).
    bool minuteIsWildcard() const { return m_minuteStar; }
    // cronie's "wildcard job": the minute or the hour field starts with `*`. Such a schedule keeps the wall clock's
    // pace across DST; the others are fixed-time schedules (docs/schedules.md).
    bool followsWallClock() const { return m_minuteStar || m_hourStar; }

    // Whether a wall time (a date and an hour:minute, seconds ignored) matches the fields, day of month and day of
    // week combined as Vixie cron does (both restricted: either matches).
    bool matches(const QDate& date, int hour, int minute) const;

private:
    // The first wall time (seconds since 1970-01-01T00:00 on the wall clock, a multiple of 60) in [from, end) that
    // matches, or end when none does.
    qint64 nextWallMatch(qint64 from, qint64 end) const;
    bool dayMatches(const QDate& date) const;

    QString m_text;
    std::uint64_t m_minutes = 0; // bit n: minute n
    std::uint32_t m_hours = 0; // bit n: hour n
    std::uint32_t m_days = 0; // bit n: day of month n (1..31)
    std::uint32_t m_months = 0; // bit n: month n (1..12)
    std::uint32_t m_weekdays = 0; // bit n: day of week n (0 = Sunday .. 6)
    bool m_minuteStar = false;
    bool m_hourStar = false;
    bool m_dayStar = false;
    bool m_weekdayStar = false;
};
