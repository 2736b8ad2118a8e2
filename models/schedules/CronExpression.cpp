#include "schedules/CronExpression.h"

#include <QStringList>
#include <algorithm>
#include <array>
#include <limits>

namespace {

constexpr qint64 kDay = 86400;
constexpr int kMaxLength = 1000; // a cron text is a line; anything longer is refused before it is read

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}
constexpr qint64 kEpochJulianDay = 2440588; // 1970-01-01

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

QDateTime utcAt(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

// The first n >= from (up to last) whose bit is set in mask, or -1.
int nextBit(std::uint64_t mask, int from, int last)
{
    for (int n = std::max(from, 0); n <= last; ++n) {
        if (mask & (std::uint64_t(1) << n)) {
            return n;
        }
    }
    return -1;
}

struct Field {
    const char* name;
    int min;
    int max;
    const char* const* names; // 3-letter names for min, min+1 … (nullptr: numbers only)
    int nameBase;
};

const char* const kMonthNames[]
    = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", nullptr };
const char* const kWeekdayNames[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat", nullptr };

const std::array<Field, 5> kFields { {
    { "minute", 0, 59, nullptr, 0 },
    { "hour", 0, 23, nullptr, 0 },
    { "day-of-month", 1, 31, nullptr, 0 },
    { "month", 1, 12, kMonthNames, 1 },
    { "day-of-week", 0, 7, kWeekdayNames, 0 },
} };

struct Macro {
    const char* name;
    const char* fields;
};
const Macro kMacros[] = {
    { "@hourly", "0 * * * *" },
    { "@daily", "0 0 * * *" },
    { "@midnight", "0 0 * * *" },
    { "@weekly", "0 0 * * 0" },
    { "@monthly", "0 0 1 * *" },
    { "@yearly", "0 0 1 1 *" },
    { "@annually", "0 0 1 1 *" },
};

Error fieldError(const Field& field, int column, const QString& what)
{
    return Error(QStringLiteral("%1 (column %2): %3").arg(QLatin1String(field.name)).arg(column).arg(what),
        SourceLocation { QString(), 1, column });
}

// Reads one field into a bit mask. `column` is the 1-based column of the field's first character.
Result<std::uint64_t> parseField(const QString& text, int column, const Field& field)
{
    std::uint64_t bits = 0;
    const QString range = QStringLiteral("%1-%2").arg(field.min).arg(field.max);
    int pos = 0;
    const int n = int(text.size());
    // A number or (in the month and weekday fields) a name at pos; advances pos.
    auto value = [&](int* out) -> Result<void> {
        const int start = pos;
        if (pos < n && isAsciiDigit(text.at(pos))) {
            while (pos < n && isAsciiDigit(text.at(pos))) {
                ++pos;
            }
            bool ok = false;
            const int v = pos - start <= 6 ? text.mid(start, pos - start).toInt(&ok) : -1;
            if (!ok || v < field.min || v > field.max) {
                return fieldError(field, column + start,
                    QStringLiteral("%1 is out of range %2").arg(text.mid(start, pos - start), range));
            }
            *out = v;
            return {};
        }
        while (pos < n && text.at(pos).isLetter()) {
            ++pos;
        }
        if (pos == start) {
            return fieldError(field, column + start,
                pos < n ? QStringLiteral("expected a number, found '%1'").arg(text.at(pos))
                        : QStringLiteral("expected a number"));
        }
        const QString word = text.mid(start, pos - start);
        if (field.names) {
            for (int i = 0; field.names[i]; ++i) {
                if (word.compare(QLatin1String(field.names[i]), Qt::CaseInsensitive) == 0) {
                    *out = field.nameBase + i;
                    return {};
                }
            }
            return fieldError(field, column + start,
                QStringLiteral("unknown name '%1' (%2)")
                    .arg(word, field.names == kMonthNames ? QStringLiteral("JAN..DEC") : QStringLiteral("SUN..SAT")));
        }
        return fieldError(field, column + start, QStringLiteral("expected a number, found '%1'").arg(word));
    };

    while (true) {
        const int itemStart = pos;
        if (pos >= n || text.at(pos) == QLatin1Char(',')) {
            return fieldError(field, column + pos, QStringLiteral("empty list item"));
        }
        int lo = field.min;
        int hi = field.max;
        bool single = false;
        if (text.at(pos) == QLatin1Char('*')) {
            ++pos;
        } else {
            if (auto r = value(&lo); !r) {
                return r.error();
            }
            hi = lo;
            single = true;
            if (pos < n && text.at(pos) == QLatin1Char('-')) {
                ++pos;
                const int hiStart = pos;
                if (auto r = value(&hi); !r) {
                    return r.error();
                }
                if (hi < lo) {
                    return fieldError(field, column + hiStart,
                        QStringLiteral("range %1 goes backwards").arg(text.mid(itemStart, pos - itemStart)));
                }
                single = false;
            }
        }
        int step = 1;
        if (pos < n && text.at(pos) == QLatin1Char('/')) {
            ++pos;
            const int stepStart = pos;
            while (pos < n && isAsciiDigit(text.at(pos))) {
                ++pos;
            }
            bool ok = false;
            step = pos - stepStart <= 6 ? text.mid(stepStart, pos - stepStart).toInt(&ok) : -1;
            const int span = field.max - field.min + 1;
            if (pos == stepStart) {
                return fieldError(field, column + stepStart, QStringLiteral("expected a step after '/'"));
            }
            if (!ok || step < 1 || step > span) {
                return fieldError(field, column + stepStart,
                    QStringLiteral("step %1 is out of range 1-%2").arg(text.mid(stepStart, pos - stepStart)).arg(span));
            }
            if (single) {
                hi = field.max; // a/n: from a to the last value, as most crons read it
            }
        }
        if (pos < n && text.at(pos) != QLatin1Char(',')) {
            return fieldError(field, column + pos, QStringLiteral("unexpected '%1'").arg(text.at(pos)));
        }
        for (int v = lo; v <= hi; v += step) {
            bits |= std::uint64_t(1) << v;
        }
        if (pos >= n) {
            break;
        }
        ++pos; // the comma
    }
    return bits;
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString& text)
{
    if (text.size() > kMaxLength) {
        return Error(QStringLiteral("column %1: a cron expression has at most %2 characters")
                         .arg(kMaxLength + 1)
                         .arg(kMaxLength),
            SourceLocation { QString(), 1, kMaxLength + 1 });
    }
    // Fields: their text and 1-based columns.
    QStringList words;
    QList<int> columns;
    for (int i = 0; i < text.size();) {
        if (text.at(i).isSpace()) {
            ++i;
            continue;
        }
        const int start = i;
        while (i < text.size() && !text.at(i).isSpace()) {
            ++i;
        }
        words << text.mid(start, i - start);
        columns << start + 1;
    }
    CronExpression cron;
    cron.m_text = text.trimmed();
    if (words.isEmpty()) {
        return Error(QStringLiteral("empty cron expression: expected 5 fields (minute hour day-of-month month "
                                    "day-of-week) or @hourly, @daily, @weekly, @monthly, @yearly"),
            SourceLocation { QString(), 1, 1 });
    }
    if (words.first().startsWith(QLatin1Char('@'))) {
        if (words.size() > 1) {
            return Error(QStringLiteral("column %1: nothing may follow %2").arg(columns.at(1)).arg(words.first()),
                SourceLocation { QString(), 1, columns.at(1) });
        }
        for (const Macro& m : kMacros) {
            if (words.first().compare(QLatin1String(m.name), Qt::CaseInsensitive) == 0) {
                auto expanded = parse(QLatin1String(m.fields));
                if (expanded) {
                    expanded->m_text = cron.m_text;
                }
                return expanded;
            }
        }
        return Error(QStringLiteral("column %1: unknown macro '%2' (@hourly, @daily, @midnight, @weekly, @monthly, "
                                    "@yearly, @annually)")
                         .arg(columns.first())
                         .arg(words.first()),
            SourceLocation { QString(), 1, columns.first() });
    }
    if (words.size() != 5) {
        const int column = words.size() > 5 ? columns.at(5) : int(text.size()) + 1;
        return Error(QStringLiteral("column %1: expected 5 fields (minute hour day-of-month month day-of-week), "
                                    "found %2")
                         .arg(column)
                         .arg(words.size()),
            SourceLocation { QString(), 1, column });
    }
    std::array<std::uint64_t, 5> bits {};
    for (int f = 0; f < 5; ++f) {
        auto parsed = parseField(words.at(f), columns.at(f), kFields.at(std::size_t(f)));
        if (!parsed) {
            return parsed.error();
        }
        bits.at(std::size_t(f)) = *parsed;
    }
    cron.m_minutes = bits[0];
    cron.m_hours = std::uint32_t(bits[1]);
    cron.m_days = std::uint32_t(bits[2]);
    cron.m_months = std::uint32_t(bits[3]);
    // 7 is Sunday, as 0 is.
    cron.m_weekdays = std::uint32_t((bits[4] | (bits[4] >> 7)) & 0x7f);
    // As Vixie cron: a field "is a wildcard" when it starts with `*` (so */2 is one, 0-23 is not).
    cron.m_minuteStar = words.at(0).startsWith(QLatin1Char('*'));
    cron.m_hourStar = words.at(1).startsWith(QLatin1Char('*'));
    cron.m_dayStar = words.at(2).startsWith(QLatin1Char('*'));
    cron.m_weekdayStar = words.at(4).startsWith(QLatin1Char('*'));
    return cron;
}

bool CronExpression::dayMatches(const QDate& date) const
{
    const bool dom = m_days & (1u << date.day());
    const bool dow = m_weekdays & (1u << (date.dayOfWeek() % 7));
    // Vixie: when both day fields are restricted, either matching is enough.
    return (m_dayStar || m_weekdayStar) ? (dom && dow) : (dom || dow);
}

bool CronExpression::matches(const QDate& date, int hour, int minute) const
{
    return date.isValid() && (m_months & (1u << date.month())) && dayMatches(date) && hour >= 0 && hour < 24
        && (m_hours & (1u << hour)) && minute >= 0 && minute < 60 && (m_minutes & (std::uint64_t(1) << minute));
}

qint64 CronExpression::nextWallMatch(qint64 from, qint64 end) const
{
    qint64 w = floorDiv(from + 59, 60) * 60;
    while (w < end) {
        const qint64 day = floorDiv(w, kDay);
        const QDate date = QDate::fromJulianDay(kEpochJulianDay + day);
        if (!(m_months & (1u << date.month()))) {
            const QDate nextMonth = QDate(date.year(), date.month(), 1).addMonths(1);
            w = (nextMonth.toJulianDay() - kEpochJulianDay) * kDay;
            continue;
        }
        if (dayMatches(date)) {
            const qint64 secOfDay = w - day * kDay;
            const int hour = int(secOfDay / 3600);
            const int minute = int(secOfDay % 3600 / 60);
            for (int h = nextBit(m_hours, hour, 23); h >= 0; h = nextBit(m_hours, h + 1, 23)) {
                const int m = nextBit(m_minutes, h == hour ? minute : 0, 59);
                if (m >= 0) {
                    const qint64 found = day * kDay + h * 3600 + m * 60;
                    return found < end ? found : end;
                }
            }
        }
        w = (day + 1) * kDay;
    }
    return end;
}

QDateTime CronExpression::nextAfter(const QDateTime& after, const QTimeZone& zone) const
{
    if (!after.isValid() || !zone.isValid()) {
        return {};
    }
    const qint64 first = floorDiv(after.toMSecsSinceEpoch(), 1000) + 1; // the first whole second after `after`
    const qint64 limit = after.toUTC().addYears(5).toSecsSinceEpoch();
    const bool wallClock = followsWallClock();

    // The stretches between the zone's transitions have one offset each: wall time = UTC + offset. `highWater` is
    // the end (exclusive) of the wall times the clock has already shown: after a backward change, a fixed-time
    // schedule waits until the clock passes it again (the repeated stretch is not run twice).
    qint64 start = first;
    int offset = zone.offsetFromUtc(utcAt(first));
    int offsetBefore = offset;
    qint64 highWater = std::numeric_limits<qint64>::min();
    if (const QTimeZone::OffsetData previous = zone.previousTransition(utcAt(first + 1)); previous.atUtc.isValid()) {
        start = previous.atUtc.toSecsSinceEpoch();
        offset = zone.offsetFromUtc(utcAt(start));
        offsetBefore = zone.offsetFromUtc(utcAt(start - 1));
        highWater = start + offsetBefore;
    }
    // Zones change their clocks a few times a year; the bound only guarantees an end whatever the tz data say.
    for (int stretches = 0; start <= limit && stretches < 1000; ++stretches) {
        // Asked one second after the stretch's start: Qt 6.4 answers nothing at some transitions (America/Nuuk's
        // last one of its tzfile's table, 2038-01-19T03:14:07Z, where its POSIX rule takes over), and after that
        // instant it may answer an earlier one: only a later transition moves on.
        const QTimeZone::OffsetData transition = zone.nextTransition(utcAt(start + 1));
        const bool more = transition.atUtc.isValid() && transition.atUtc.toSecsSinceEpoch() > start
            && transition.atUtc.toSecsSinceEpoch() <= limit;
        const qint64 end = more ? transition.atUtc.toSecsSinceEpoch() : limit + 1;
        if (!wallClock && start >= first && offsetBefore < offset) {
            // A forward change skipped the wall times [start + offsetBefore, start + offset): a fixed-time
            // schedule due in them runs once, right at the change.
            const qint64 gapEnd = start + offset;
            if (nextWallMatch(std::max(start + offsetBefore, highWater), gapEnd) < gapEnd) {
                return utcAt(start);
            }
        }
        qint64 from = std::max(start, first) + offset;
        if (!wallClock) {
            from = std::max(from, highWater);
        }
        const qint64 wallEnd = end + offset;
        if (const qint64 found = nextWallMatch(from, wallEnd); found < wallEnd) {
            return utcAt(found - offset);
        }
        if (!more) {
            break;
        }
        highWater = std::max(highWater, wallEnd);
        offsetBefore = offset;
        start = end;
        offset = zone.offsetFromUtc(utcAt(start)); // what toTimeZone() shows, even where Qt's transition data differ
    }
    return {};
}

QList<QDateTime> CronExpression::next(const QDateTime& after, const QTimeZone& zone, int count) const
{
    QList<QDateTime> times;
    QDateTime t = after;
    while (times.size() < count) {
        t = nextAfter(t, zone);
        if (!t.isValid()) {
            break;
        }
        times << t;
    }
    return times;
}

QList<QDateTime> CronExpression::between(
    const QDateTime& after, const QDateTime& until, const QTimeZone& zone, int limit) const
{
    QList<QDateTime> times;
    if (!until.isValid()) {
        return times;
    }
    for (QDateTime t = nextAfter(after, zone); t.isValid() && t <= until && times.size() < limit;
         t = nextAfter(t, zone)) {
        times << t;
    }
    return times;
}
