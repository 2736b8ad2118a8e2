// Cron expressions (models/schedules): parsing with field and column, Vixie's day rule, fire times across the
// daylight-saving changes of several zones (cronie's rules, docs/schedules.md), the alarm-clock picker, the
// console's upcoming fire times, and a differential run against tests/schedules/cron_reference.py.
#include "schedules/AlarmClock.h"
#include "schedules/CronExpression.h"
#include "schedules/ScheduleTimes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>
#include <algorithm>
#include <functional>

namespace {

QTimeZone zone(const char* id)
{
    return QTimeZone(QByteArray(id));
}

// The fire times of a wall-clock day in `tz`, as ISO strings with their offsets.
QStringList fireTimesOfDay(const QString& expr, const char* tz, const QDate& day)
{
    const auto cron = CronExpression::parse(expr);
    if (!cron) {
        return { cron.errorString() };
    }
    const QTimeZone z = zone(tz);
    const QDateTime from = QDateTime(day, QTime(0, 0), Qt::UTC).addSecs(-16 * 3600);
    const QDateTime to = QDateTime(day, QTime(0, 0), Qt::UTC).addSecs(40 * 3600);
    QStringList out;
    for (QDateTime t = cron->nextAfter(from, z); t.isValid() && t < to; t = cron->nextAfter(t, z)) {
        const QDateTime local = t.toTimeZone(z);
        if (local.date() == day) {
            out << local.toString(Qt::ISODate);
        }
    }
    return out;
}

// Random cron expressions that exercise the fields and the DST rules: hours near the usual change times, fixed
// and wildcard minutes and hours, restricted day fields (Vixie's OR), names, steps, macros.
class ExpressionGenerator {
public:
    explicit ExpressionGenerator(quint32 seed)
        : m_random(seed)
    {
    }
    QString next()
    {
        if (pick(40) == 0) {
            static const char* const macros[]
                = { "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@ANNUALLY" };
            return QLatin1String(macros[pick(7)]);
        }
        QStringList fields { minute(), hour(), dayOfMonth(), month(), dayOfWeek() };
        if (pick(25) == 0) {
            // A field that is malformed or out of its range (some values only in other fields), or four fields:
            // both sides must refuse or accept alike.
            static const char* const broken[] = { "60", "24", "0", "13", "8", "5-2", "1-", "*/", "1,", "1-2-3", "**",
                "*/5/2", "L", "?", "0x10", "+5", "JANUARY", "Sunday", "mon-", "-1", "1/0", "" };
            const int which = pick(int(std::size(broken)));
            if (broken[which][0] == '\0') {
                fields.removeAt(pick(5)); // four fields
            } else {
                fields[pick(5)] = QLatin1String(broken[which]);
            }
        }
        return fields.join(QLatin1Char(' '));
    }

private:
    int pick(int n) { return int(m_random.bounded(n)); }
    int between(int lo, int hi) { return lo + pick(hi - lo + 1); }
    QString num(int v) { return QString::number(v); }
    // A list, range, step or single value of [lo, hi]; `near` biases values towards the interesting ones.
    QString item(int lo, int hi, const std::function<int()>& near)
    {
        const int a = near();
        switch (pick(7)) {
        case 0:
            return QStringLiteral("*/%1").arg(between(1, std::max(1, (hi - lo + 1) / 2)));
        case 1: {
            const int b = between(a, std::min(hi, a + 6));
            return QStringLiteral("%1-%2").arg(a).arg(b);
        }
        case 2:
            return QStringLiteral("%1-%2/%3").arg(a).arg(between(a, hi)).arg(between(1, 20));
        case 3:
            return QStringLiteral("%1/%2").arg(a).arg(between(1, 30));
        case 4:
            return QStringLiteral("%1,%2").arg(a).arg(near());
        default:
            return num(a);
        }
    }
    QString minute()
    {
        switch (pick(8)) {
        case 0:
            return QStringLiteral("*");
        case 1:
            return QStringLiteral("0-59"); // fixed-time although it matches every minute (cronie: first character)
        default:
            return item(0, 59, [this] { return pick(2) ? between(0, 59) : pick(4) * 15; });
        }
    }
    QString hour()
    {
        if (pick(5) == 0) {
            return QStringLiteral("*");
        }
        // The changes happen between 22:00 and 04:00 in most zones.
        return item(0, 23, [this] { return pick(3) ? (between(22, 28) % 24) : between(0, 23); });
    }
    QString dayOfMonth()
    {
        if (pick(3)) {
            return QStringLiteral("*");
        }
        return item(1, 31, [this] { return between(1, 31); });
    }
    QString month()
    {
        static const char* const names[]
            = { "JAN", "feb", "Mar", "APR", "may", "JUN", "jul", "AUG", "sep", "OCT", "nov", "DEC" };
        switch (pick(8)) {
        case 0:
            return QStringLiteral("%1-%2").arg(QLatin1String(names[pick(6)]), QLatin1String(names[between(6, 11)]));
        case 1:
            return item(1, 12, [this] { return between(1, 12); });
        default:
            return QStringLiteral("*");
        }
    }
    QString dayOfWeek()
    {
        static const char* const names[] = { "SUN", "mon", "Tue", "WED", "thu", "FRI", "sat" };
        switch (pick(8)) {
        case 0:
            return QStringLiteral("%1-%2").arg(QLatin1String(names[pick(3)]), QLatin1String(names[between(3, 6)]));
        case 1:
            return QStringLiteral("0,7");
        case 2:
            return item(0, 7, [this] { return between(0, 7); });
        default:
            return QStringLiteral("*");
        }
    }
    QRandomGenerator m_random;
};

QString isoList(const QList<qint64>& secs, const QTimeZone& z)
{
    QStringList out;
    for (qint64 s : secs) {
        out << QDateTime::fromSecsSinceEpoch(s, Qt::UTC).toTimeZone(z).toString(Qt::ISODate);
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestCron : public QObject {
    Q_OBJECT
private slots:
    void parseErrors_data();
    void parseErrors();
    void parsesFields();
    void vixieDayRule();
    void dstNewYork();
    void dstDays_data();
    void dstDays();
    void noChangeZones();
    void alarmClock();
    void upcomingTimes();
    void zonesByName();
    void wallTimes();
    void inputLimits();
    void qtTransitionQuirks();
    void differentialAgainstReference();
};

void TestCron::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("minute out of range") << "61 * * * *" << 1 << "minute (column 1): 61 is out of range 0-59";
    QTest::newRow("hour") << "0 24 * * *" << 3 << "hour (column 3): 24 is out of range 0-23";
    QTest::newRow("dom zero") << "0 0 0 * *" << 5 << "day-of-month (column 5): 0 is out of range 1-31";
    QTest::newRow("month name") << "0 0 1 FOO *" << 7 << "month (column 7): unknown name 'FOO' (JAN..DEC)";
    QTest::newRow("dow 8") << "0 0 * * 1,8" << 11 << "day-of-week (column 11): 8 is out of range 0-7";
    QTest::newRow("backwards") << "0 5-2 * * *" << 5 << "hour (column 5): range 5-2 goes backwards";
    QTest::newRow("step 0") << "*/0 * * * *" << 3 << "minute (column 3): step 0 is out of range 1-60";
    QTest::newRow("empty item") << "1,,2 * * * *" << 3 << "minute (column 3): empty list item";
    QTest::newRow("junk") << "  1x * * * *" << 4 << "minute (column 4): unexpected 'x'";
    QTest::newRow("four fields") << "* * * *" << 8
                                 << "column 8: expected 5 fields (minute hour day-of-month month day-of-week), "
                                    "found 4";
    QTest::newRow("six fields") << "* * * * * *" << 11
                                << "column 11: expected 5 fields (minute hour day-of-month month day-of-week), "
                                   "found 6";
    QTest::newRow("macro") << "@reboot" << 1
                           << "column 1: unknown macro '@reboot' (@hourly, @daily, @midnight, @weekly, @monthly, "
                              "@yearly, @annually)";
    QTest::newRow("weekday name in month") << "0 0 * MON *" << 7 << "month (column 7): unknown name 'MON' (JAN..DEC)";
    QTest::newRow("name in minute") << "x * * * *" << 1 << "minute (column 1): expected a number, found 'x'";
}

void TestCron::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(QString, message);
    const auto r = CronExpression::parse(text);
    QVERIFY(!r);
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().where.line, 1);
    QCOMPARE(r.error().where.column, column);
}

void TestCron::parsesFields()
{
    const auto c = CronExpression::parse(QStringLiteral("*/15 9-17/4 1,15 jan-Mar,DEC mon-FRI"));
    QVERIFY2(c, qPrintable(c.errorString()));
    QVERIFY(c->minuteIsWildcard());
    QVERIFY(!c->hourIsWildcard());
    QCOMPARE(c->text(), QStringLiteral("*/15 9-17/4 1,15 jan-Mar,DEC mon-FRI"));
    QVERIFY(c->matches(QDate(2026, 1, 15), 13, 45)); // day 15 (a Thursday too)
    QVERIFY(c->matches(QDate(2026, 2, 2), 9, 0)); // a Monday
    QVERIFY(!c->matches(QDate(2026, 4, 1), 9, 0)); // April
    QVERIFY(!c->matches(QDate(2026, 1, 15), 10, 0)); // 9-17/4: 9, 13, 17
    QVERIFY(!c->matches(QDate(2026, 1, 15), 13, 50));
    // 7 is Sunday, as 0 is; ranges may end at 7.
    const auto sun = CronExpression::parse(QStringLiteral("0 0 * * 7"));
    QVERIFY(sun->matches(QDate(2026, 3, 8), 0, 0));
    QVERIFY(!sun->matches(QDate(2026, 3, 9), 0, 0));
    const auto weekend = CronExpression::parse(QStringLiteral("0 0 * * 6-7"));
    QVERIFY(weekend->matches(QDate(2026, 3, 7), 0, 0) && weekend->matches(QDate(2026, 3, 8), 0, 0));
    QVERIFY(!weekend->matches(QDate(2026, 3, 9), 0, 0));
    // a/n is a-last/n.
    const auto from5 = CronExpression::parse(QStringLiteral("5/20 * * * *"));
    QVERIFY(from5->matches(QDate(2026, 1, 1), 0, 45) && !from5->matches(QDate(2026, 1, 1), 0, 0));
    // Macros, any case.
    const auto hourly = CronExpression::parse(QStringLiteral("@HOURLY"));
    QVERIFY(hourly && hourly->hourIsWildcard() && hourly->matches(QDate(2026, 1, 1), 7, 0));
    QCOMPARE(hourly->text(), QStringLiteral("@HOURLY"));
    const auto weekly = CronExpression::parse(QStringLiteral("@weekly"));
    QVERIFY(weekly->matches(QDate(2026, 3, 8), 0, 0) && !weekly->matches(QDate(2026, 3, 9), 0, 0));
    for (const char* m : { "@daily", "@midnight" }) {
        const auto d = CronExpression::parse(QLatin1String(m));
        QVERIFY(d && !d->followsWallClock() && d->matches(QDate(2026, 5, 5), 0, 0));
    }
    const auto monthly = CronExpression::parse(QStringLiteral("@monthly"));
    QVERIFY(monthly->matches(QDate(2026, 5, 1), 0, 0) && !monthly->matches(QDate(2026, 5, 2), 0, 0));
    for (const char* m : { "@yearly", "@annually" }) {
        const auto y = CronExpression::parse(QLatin1String(m));
        QVERIFY(y->matches(QDate(2027, 1, 1), 0, 0) && !y->matches(QDate(2027, 2, 1), 0, 0));
    }
    // Impossible dates: no fire time within 5 years.
    const auto never = CronExpression::parse(QStringLiteral("0 0 30 2 *"));
    QVERIFY(never);
    QVERIFY(!never->nextAfter(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC), zone("UTC")).isValid());
    const auto leap = CronExpression::parse(QStringLiteral("0 0 29 2 *"));
    QCOMPARE(leap->nextAfter(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC), zone("UTC")),
        QDateTime(QDate(2028, 2, 29), QTime(0, 0), Qt::UTC));
}

void TestCron::vixieDayRule()
{
    // Both restricted: the 13th or a Friday.
    const auto either = CronExpression::parse(QStringLiteral("0 0 13 * 5"));
    QVERIFY(either->matches(QDate(2026, 1, 13), 0, 0)); // a Tuesday
    QVERIFY(either->matches(QDate(2026, 1, 2), 0, 0)); // a Friday
    QVERIFY(!either->matches(QDate(2026, 1, 3), 0, 0));
    // One of them starting with `*` (even */2): both must match.
    const auto both = CronExpression::parse(QStringLiteral("0 0 */2 * 5"));
    QVERIFY(both->matches(QDate(2026, 1, 9), 0, 0)); // odd day 9, a Friday
    QVERIFY(!both->matches(QDate(2026, 1, 2), 0, 0)); // a Friday, but day 2 is not in 1-31/2
    QVERIFY(!both->matches(QDate(2026, 1, 11), 0, 0));
    // 1-31 is restricted (it does not start with `*`): either day field matching is enough, so every day fires.
    const auto allDays = CronExpression::parse(QStringLiteral("0 0 1-31 * 1"));
    QVERIFY(allDays->matches(QDate(2026, 1, 14), 0, 0) && allDays->matches(QDate(2026, 1, 12), 0, 0));
    const auto dowOnly = CronExpression::parse(QStringLiteral("0 0 * * 5"));
    QVERIFY(!dowOnly->matches(QDate(2026, 1, 13), 0, 0));
}

void TestCron::dstNewYork()
{
    const QDate spring(2026, 3, 8);
    const QDate fall(2026, 11, 1);
    QCOMPARE(fireTimesOfDay(QStringLiteral("30 2 * * *"), "America/New_York", spring),
        QStringList { QStringLiteral("2026-03-08T03:00:00-04:00") });
    QCOMPARE(fireTimesOfDay(QStringLiteral("30 1 * * *"), "America/New_York", fall),
        QStringList { QStringLiteral("2026-11-01T01:30:00-04:00") });
    QCOMPARE(fireTimesOfDay(QStringLiteral("30 */1 * * *"), "America/New_York", fall).mid(0, 4),
        (QStringList { QStringLiteral("2026-11-01T00:30:00-04:00"), QStringLiteral("2026-11-01T01:30:00-04:00"),
            QStringLiteral("2026-11-01T01:30:00-05:00"), QStringLiteral("2026-11-01T02:30:00-05:00") }));
    QCOMPARE(fireTimesOfDay(QStringLiteral("30 * * * *"), "America/New_York", spring).mid(0, 3),
        (QStringList { QStringLiteral("2026-03-08T00:30:00-05:00"), QStringLiteral("2026-03-08T01:30:00-05:00"),
            QStringLiteral("2026-03-08T03:30:00-04:00") }));
}

namespace {
// "DATE THH:MM:00OFFSET" for each hour from h0 to h1 at minute `m`.
QStringList hourly(const char* date, int h0, int h1, const char* offset, int m = 0)
{
    QStringList out;
    for (int h = h0; h <= h1; ++h) {
        out << QStringLiteral("%1T%2:%3:00%4")
                   .arg(QLatin1String(date))
                   .arg(h, 2, 10, QLatin1Char('0'))
                   .arg(m, 2, 10, QLatin1Char('0'))
                   .arg(QLatin1String(offset));
    }
    return out;
}
// What alarmFromCron reads back, as "HH:MM D,D" ("every day" for no weekdays), or "none".
QString alarmText(const QString& cron)
{
    const auto alarm = alarmFromCron(cron);
    if (!alarm) {
        return QStringLiteral("none");
    }
    QStringList days;
    for (int d : alarm->second) {
        days << QString::number(d);
    }
    return alarm->first.toString(QStringLiteral("HH:mm")) + QLatin1Char(' ')
        + (days.isEmpty() ? QStringLiteral("every day") : days.join(QLatin1Char(',')));
}

QStringList at(const char* date, std::initializer_list<const char*> timesWithOffsets)
{
    QStringList out;
    for (const char* t : timesWithOffsets) {
        out << QStringLiteral("%1T%2").arg(QLatin1String(date), QLatin1String(t));
    }
    return out;
}
} // namespace

void TestCron::dstDays_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QStringList>("expected");
    auto row = [](const char* name, const char* zone, QDate day, const char* expr, const QStringList& expected) {
        QTest::newRow(name) << QString::fromLatin1(zone) << day << QString::fromLatin1(expr) << expected;
    };
    // America/New_York: 2026-03-08 01:59:59 EST → 03:00 EDT; 2026-11-01 01:59:59 EDT → 01:00 EST.
    const QDate nySpring(2026, 3, 8);
    const QDate nyFall(2026, 11, 1);
    row("ny spring fixed in gap", "America/New_York", nySpring, "30 2 * * *", at("2026-03-08", { "03:00:00-04:00" }));
    row("ny spring two in gap: one run", "America/New_York", nySpring, "0,30 2 * * *",
        at("2026-03-08", { "03:00:00-04:00" }));
    row("ny spring gap and 3:00", "America/New_York", nySpring, "30 2,3 * * *",
        at("2026-03-08", { "03:00:00-04:00", "03:30:00-04:00" }));
    row("ny spring before gap", "America/New_York", nySpring, "15 1 * * *", at("2026-03-08", { "01:15:00-05:00" }));
    row("ny spring hourly", "America/New_York", nySpring, "0 * * * *",
        hourly("2026-03-08", 0, 1, "-05:00") + hourly("2026-03-08", 3, 23, "-04:00"));
    row("ny spring wildcard minute in gap", "America/New_York", nySpring, "*/20 2 * * *", QStringList());
    row("ny spring fixed 0-59 in gap", "America/New_York", nySpring, "0-59 2 * * *",
        at("2026-03-08", { "03:00:00-04:00" }));
    row("ny spring dated", "America/New_York", nySpring, "30 2 8 3 *", at("2026-03-08", { "03:00:00-04:00" }));
    row("ny fall fixed in repeat", "America/New_York", nyFall, "30 1 * * *", at("2026-11-01", { "01:30:00-04:00" }));
    row("ny fall fixed 2:00", "America/New_York", nyFall, "0 2 * * *", at("2026-11-01", { "02:00:00-05:00" }));
    row("ny fall fixed hours", "America/New_York", nyFall, "59 0-2 * * *",
        at("2026-11-01", { "00:59:00-04:00", "01:59:00-04:00", "02:59:00-05:00" }));
    row("ny fall hourly", "America/New_York", nyFall, "0 * * * *",
        hourly("2026-11-01", 0, 1, "-04:00") + hourly("2026-11-01", 1, 23, "-05:00"));
    row("ny fall wildcard minute", "America/New_York", nyFall, "*/30 1 * * *",
        at("2026-11-01", { "01:00:00-04:00", "01:30:00-04:00", "01:00:00-05:00", "01:30:00-05:00" }));
    // Europe/London: 2026-03-29 00:59:59 GMT → 02:00 BST; 2026-10-25 01:59:59 BST → 01:00 GMT.
    row("london spring fixed", "Europe/London", QDate(2026, 3, 29), "30 1 * * *",
        at("2026-03-29", { "02:00:00+01:00" }));
    row("london spring hourly", "Europe/London", QDate(2026, 3, 29), "@hourly",
        hourly("2026-03-29", 0, 0, "+00:00") + hourly("2026-03-29", 2, 23, "+01:00"));
    row("london fall fixed", "Europe/London", QDate(2026, 10, 25), "30 1 * * *",
        at("2026-10-25", { "01:30:00+01:00" }));
    row("london fall wildcard", "Europe/London", QDate(2026, 10, 25), "*/30 1 * * *",
        at("2026-10-25", { "01:00:00+01:00", "01:30:00+01:00", "01:00:00+00:00", "01:30:00+00:00" }));
    // Europe/Berlin: 2026-03-29 01:59:59 CET → 03:00 CEST; 2026-10-25 02:59:59 CEST → 02:00 CET.
    row("berlin spring fixed", "Europe/Berlin", QDate(2026, 3, 29), "45 2 * * *",
        at("2026-03-29", { "03:00:00+02:00" }));
    row("berlin spring every 15 min 1-3", "Europe/Berlin", QDate(2026, 3, 29), "*/15 1-3 * * *",
        at("2026-03-29",
            { "01:00:00+01:00", "01:15:00+01:00", "01:30:00+01:00", "01:45:00+01:00", "03:00:00+02:00",
                "03:15:00+02:00", "03:30:00+02:00", "03:45:00+02:00" }));
    row("berlin fall fixed", "Europe/Berlin", QDate(2026, 10, 25), "0 2 * * *", at("2026-10-25", { "02:00:00+02:00" }));
    row("berlin fall every hour", "Europe/Berlin", QDate(2026, 10, 25), "0 */1 * * *",
        hourly("2026-10-25", 0, 2, "+02:00") + hourly("2026-10-25", 2, 23, "+01:00"));
    // Australia/Lord_Howe (half-hour DST): 2026-04-05 01:59:59 +11 → 01:30 +10:30; 2026-10-04 01:59:59 +10:30 →
    // 02:30 +11.
    row("lord howe fall fixed", "Australia/Lord_Howe", QDate(2026, 4, 5), "45 1 * * *",
        at("2026-04-05", { "01:45:00+11:00" }));
    row("lord howe fall wildcard", "Australia/Lord_Howe", QDate(2026, 4, 5), "*/15 1 * * *",
        at("2026-04-05",
            { "01:00:00+11:00", "01:15:00+11:00", "01:30:00+11:00", "01:45:00+11:00", "01:30:00+10:30",
                "01:45:00+10:30" }));
    row("lord howe spring fixed in gap", "Australia/Lord_Howe", QDate(2026, 10, 4), "15 2 * * *",
        at("2026-10-04", { "02:30:00+11:00" }));
    row("lord howe spring fixed after gap", "Australia/Lord_Howe", QDate(2026, 10, 4), "45 2 * * *",
        at("2026-10-04", { "02:45:00+11:00" }));
    row("lord howe spring wildcard", "Australia/Lord_Howe", QDate(2026, 10, 4), "*/15 2 * * *",
        at("2026-10-04", { "02:30:00+11:00", "02:45:00+11:00" }));
    // America/Santiago (changes at midnight): 2026-04-04 23:59:59 -03 → 23:00 -04 (Saturday's last hour twice);
    // 2026-09-05 23:59:59 -04 → 2026-09-06 01:00 -03 (Sunday's first hour skipped).
    row("santiago fall fixed", "America/Santiago", QDate(2026, 4, 4), "30 23 * * *",
        at("2026-04-04", { "23:30:00-03:00" }));
    row("santiago fall hourly", "America/Santiago", QDate(2026, 4, 4), "0 * * * *",
        hourly("2026-04-04", 0, 23, "-03:00") + hourly("2026-04-04", 23, 23, "-04:00"));
    row("santiago fall next midnight", "America/Santiago", QDate(2026, 4, 5), "@daily",
        at("2026-04-05", { "00:00:00-04:00" }));
    row("santiago spring midnight skipped", "America/Santiago", QDate(2026, 9, 6), "@daily",
        at("2026-09-06", { "01:00:00-03:00" }));
    row("santiago spring hourly", "America/Santiago", QDate(2026, 9, 6), "0 * * * *",
        hourly("2026-09-06", 1, 23, "-03:00"));
    // Pacific/Chatham (+12:45/+13:45): 2026-04-05 03:44:59 +13:45 → 02:45 +12:45; 2026-09-27 02:44:59 +12:45 →
    // 03:45 +13:45.
    row("chatham fall fixed", "Pacific/Chatham", QDate(2026, 4, 5), "0 3 * * *",
        at("2026-04-05", { "03:00:00+13:45" }));
    row("chatham fall hourly", "Pacific/Chatham", QDate(2026, 4, 5), "0 * * * *",
        hourly("2026-04-05", 0, 3, "+13:45") + hourly("2026-04-05", 3, 23, "+12:45"));
    row("chatham spring fixed in gap", "Pacific/Chatham", QDate(2026, 9, 27), "0 3 * * *",
        at("2026-09-27", { "03:45:00+13:45" }));
    row("chatham spring before gap", "Pacific/Chatham", QDate(2026, 9, 27), "30 2 * * *",
        at("2026-09-27", { "02:30:00+12:45" }));
    row("chatham spring wildcard", "Pacific/Chatham", QDate(2026, 9, 27), "50 * * * *",
        hourly("2026-09-27", 0, 1, "+12:45", 50) + hourly("2026-09-27", 3, 23, "+13:45", 50));
}

void TestCron::dstDays()
{
    QFETCH(QString, zone);
    QFETCH(QDate, day);
    QFETCH(QString, expr);
    QFETCH(QStringList, expected);
    QCOMPARE(fireTimesOfDay(expr, zone.toLatin1().constData(), day), expected);
    // The same day is marked as a change day for the console (Santiago's fall-back repeats Saturday's last hour:
    // the Sunday after is an ordinary day).
    QCOMPARE(ScheduleTimes::isClockChangeDay(day, QTimeZone(zone.toLatin1())),
        !(zone == QLatin1String("America/Santiago") && day == QDate(2026, 4, 5)));
    QVERIFY(!ScheduleTimes::isClockChangeDay(day.addDays(-2), QTimeZone(zone.toLatin1())));
}

void TestCron::noChangeZones()
{
    // Asia/Tehran has had no DST since 2022; Asia/Kolkata none at all: every day is an ordinary day.
    for (const char* id : { "Asia/Tehran", "Asia/Kolkata", "UTC" }) {
        const QTimeZone z = zone(id);
        for (QDate d(2026, 1, 1); d.year() == 2026; d = d.addDays(1)) {
            QVERIFY2(!ScheduleTimes::isClockChangeDay(d, z), id);
        }
        QCOMPARE(fireTimesOfDay(QStringLiteral("30 2 * * *"), id, QDate(2026, 3, 22)).size(), 1);
        QCOMPARE(fireTimesOfDay(QStringLiteral("0 * * * *"), id, QDate(2026, 9, 22)).size(), 24);
    }
    QCOMPARE(fireTimesOfDay(QStringLiteral("30 2 * * *"), "Asia/Tehran", QDate(2026, 3, 22)),
        QStringList { QStringLiteral("2026-03-22T02:30:00+03:30") });
}

void TestCron::alarmClock()
{
    QCOMPARE(cronFromAlarm(QTime(7, 30), { 1, 2, 3, 4, 5 }), QStringLiteral("30 7 * * 1-5"));
    QCOMPARE(cronFromAlarm(QTime(0, 5), {}), QStringLiteral("5 0 * * *"));
    QCOMPARE(cronFromAlarm(QTime(23, 59), { 7, 1, 2, 3, 4, 5, 6 }), QStringLiteral("59 23 * * *"));
    QCOMPARE(cronFromAlarm(QTime(9, 0), { 6, 7 }), QStringLiteral("0 9 * * 0,6"));
    QCOMPARE(cronFromAlarm(QTime(9, 0), { 7, 1, 2, 5, 5 }), QStringLiteral("0 9 * * 0-2,5"));
    QCOMPARE(cronFromAlarm(QTime(12, 0, 45), { 3 }), QStringLiteral("0 12 * * 3")); // seconds dropped
    // What the picker writes parses and fires on those days at that time.
    const auto weekdays = CronExpression::parse(cronFromAlarm(QTime(7, 30), { 1, 2, 3, 4, 5 }));
    QVERIFY(weekdays);
    QCOMPARE(weekdays->nextAfter(QDateTime(QDate(2026, 3, 6), QTime(12, 0), Qt::UTC), zone("Europe/Berlin")),
        QDateTime(QDate(2026, 3, 9), QTime(6, 30), Qt::UTC)); // Friday noon → Monday 07:30 CET

    // Compared as text: QList's operator== on two empty lists trips UBSan inside Qt 6.4's headers (memcmp(nullptr)).
    QCOMPARE(alarmText(QStringLiteral("30 7 * * 1-5")), QStringLiteral("07:30 1,2,3,4,5"));
    QCOMPARE(alarmText(QStringLiteral("0 9 * * SUN,sat")), QStringLiteral("09:00 6,7"));
    QCOMPARE(alarmText(QStringLiteral("0 9 * * 7")), QStringLiteral("09:00 7"));
    QCOMPARE(alarmText(QStringLiteral("@daily")), QStringLiteral("00:00 every day"));
    QCOMPARE(alarmText(QStringLiteral("15 4 * * 0-6")), QStringLiteral("04:15 every day"));
    for (const char* other : { "*/5 * * * *", "0 0 1 * *", "0 9,17 * * *", "0 9 * 1-6 *", "0 9 1 * 1", "@hourly",
             "not cron", "0 0 30 2 *" }) {
        QVERIFY2(!alarmFromCron(QLatin1String(other)), other);
    }
    // Round trip over every weekday set at a few times.
    for (int mask = 0; mask < 128; ++mask) {
        QList<int> days;
        for (int d = 1; d <= 7; ++d) {
            if (mask & (1 << (d - 1))) {
                days << d;
            }
        }
        const QTime t(mask % 24, (mask * 7) % 60);
        const auto back = alarmFromCron(cronFromAlarm(t, days));
        QVERIFY(back);
        QCOMPARE(back->first, t);
        QCOMPARE(back->second.size(), days.size() == 7 ? 0 : days.size());
        QVERIFY(std::equal(back->second.begin(), back->second.end(), days.begin()) || days.size() == 7);
    }
}

void TestCron::upcomingTimes()
{
    // "30 2 * * *" in New York from 2026-03-06, shown in New York and in Berlin (which changes three weeks later).
    const auto cron = CronExpression::parse(QStringLiteral("30 2 * * *"));
    const QTimeZone ny = zone("America/New_York");
    const QTimeZone berlin = zone("Europe/Berlin");
    const auto times
        = ScheduleTimes::upcoming(*cron, ny, QDateTime(QDate(2026, 3, 6), QTime(12, 0), Qt::UTC), 4, berlin);
    QCOMPARE(times.size(), 4);
    QStringList inZone;
    QStringList local;
    QList<bool> marked;
    QList<bool> localMarked;
    for (const auto& t : times) {
        localMarked << t.localDstChangeDay;
        QCOMPARE(t.utc.timeSpec(), Qt::UTC);
        QCOMPARE(t.utc, t.inZone);
        QCOMPARE(t.utc, t.local);
        inZone << t.inZone.toString(Qt::ISODate);
        local << t.local.toString(Qt::ISODate);
        marked << t.dstChangeDay;
    }
    QCOMPARE(inZone,
        (QStringList { QStringLiteral("2026-03-07T02:30:00-05:00"), QStringLiteral("2026-03-08T03:00:00-04:00"),
            QStringLiteral("2026-03-09T02:30:00-04:00"), QStringLiteral("2026-03-10T02:30:00-04:00") }));
    QCOMPARE(local,
        (QStringList { QStringLiteral("2026-03-07T08:30:00+01:00"), QStringLiteral("2026-03-08T08:00:00+01:00"),
            QStringLiteral("2026-03-09T07:30:00+01:00"), QStringLiteral("2026-03-10T07:30:00+01:00") }));
    QCOMPARE(marked, (QList<bool> { false, true, false, false }));
    QCOMPARE(localMarked, (QList<bool> { false, false, false, false })); // Berlin changes on 2026-03-29
    const auto late = ScheduleTimes::upcoming(
        *cron, ny, QDateTime(QDate(2026, 3, 27), QTime(12, 0), Qt::UTC), 3, berlin); // 28th, 29th, 30th
    QCOMPARE(late.at(1).local.toString(Qt::ISODate), QStringLiteral("2026-03-29T08:30:00+02:00"));
    QVERIFY(!late.at(0).localDstChangeDay && late.at(1).localDstChangeDay && !late.at(2).localDstChangeDay);
    QVERIFY(!late.at(1).dstChangeDay);
    // The local zone defaults to the system's; a schedule that never fires gives nothing.
    QCOMPARE(ScheduleTimes::upcoming(*cron, ny, QDateTime::currentDateTimeUtc(), 2).first().local.timeZone(),
        QTimeZone::systemTimeZone());
    const auto never = CronExpression::parse(QStringLiteral("0 0 31 4 *"));
    QVERIFY(ScheduleTimes::upcoming(*never, ny, QDateTime::currentDateTimeUtc(), 10).isEmpty());
    // next() gives strictly increasing times, as many as asked.
    const auto every = CronExpression::parse(QStringLiteral("*/7 * * * *"));
    const auto list = every->next(QDateTime(QDate(2026, 1, 1), QTime(0, 0, 30), Qt::UTC), zone("UTC"), 10);
    QCOMPARE(list.size(), 10);
    QCOMPARE(list.first(), QDateTime(QDate(2026, 1, 1), QTime(0, 7), Qt::UTC));
    QCOMPARE(list.at(7), QDateTime(QDate(2026, 1, 1), QTime(0, 56), Qt::UTC));
    QCOMPARE(list.at(8), QDateTime(QDate(2026, 1, 1), QTime(1, 0), Qt::UTC));
    QCOMPARE(list.at(9), QDateTime(QDate(2026, 1, 1), QTime(1, 7), Qt::UTC));
    // `after` in any time spec, strictly after: a fire time equal to it is not returned.
    const QDateTime eight(QDate(2026, 6, 1), QTime(8, 0), berlin);
    const auto daily = CronExpression::parse(QStringLiteral("0 8 * * *"));
    QCOMPARE(daily->nextAfter(eight, berlin), eight.addDays(1).toUTC());
    QCOMPARE(daily->nextAfter(eight.addSecs(-1).toOffsetFromUtc(3600 * 5), berlin), eight.toUTC());
    QVERIFY(!daily->nextAfter(QDateTime(), berlin).isValid());
    // between(): after < t <= until, at most `limit`.
    const auto missed = daily->between(eight, eight.addDays(3), berlin, 10);
    QCOMPARE(
        missed, (QList<QDateTime> { eight.addDays(1).toUTC(), eight.addDays(2).toUTC(), eight.addDays(3).toUTC() }));
    QCOMPARE(daily->between(eight, eight.addDays(3), berlin, 2).size(), 2);
    QCOMPARE(daily->between(eight, eight.addSecs(3600), berlin, 10).size(), 0);
}

void TestCron::zonesByName()
{
    const auto berlin = ScheduleTimes::zoneNamed(QStringLiteral("Europe/Berlin"));
    QVERIFY(berlin);
    QCOMPARE(berlin->id(), QByteArray("Europe/Berlin"));
    QVERIFY(ScheduleTimes::zoneNamed(QStringLiteral("UTC")));
    const auto bad = ScheduleTimes::zoneNamed(QStringLiteral("Mars/Olympus_Mons"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().message,
        QStringLiteral("unknown time zone 'Mars/Olympus_Mons' (an IANA name such as Europe/Berlin or "
                       "America/New_York)"));
    QVERIFY(!ScheduleTimes::zoneNamed(QString()));
}

void TestCron::wallTimes()
{
    const QTimeZone ny = zone("America/New_York");
    // An ordinary time; the first pass of a repeated one; none for a skipped one.
    QCOMPARE(ScheduleTimes::instantOfWallTime(QDate(2026, 6, 1), QTime(9, 0), ny),
        QDateTime(QDate(2026, 6, 1), QTime(13, 0), Qt::UTC));
    QCOMPARE(ScheduleTimes::instantOfWallTime(QDate(2026, 11, 1), QTime(1, 30), ny),
        QDateTime(QDate(2026, 11, 1), QTime(5, 30), Qt::UTC));
    QVERIFY(!ScheduleTimes::instantOfWallTime(QDate(2026, 3, 8), QTime(2, 30), ny).isValid());
    QCOMPARE(ScheduleTimes::instantOfWallTime(QDate(2026, 3, 8), QTime(3, 0), ny),
        QDateTime(QDate(2026, 3, 8), QTime(7, 0), Qt::UTC));
    // Lord Howe's half hour and Chatham's +13:45.
    QVERIFY(!ScheduleTimes::instantOfWallTime(QDate(2026, 10, 4), QTime(2, 15), zone("Australia/Lord_Howe")).isValid());
    QCOMPARE(ScheduleTimes::instantOfWallTime(QDate(2026, 4, 5), QTime(1, 45), zone("Australia/Lord_Howe")),
        QDateTime(QDate(2026, 4, 4), QTime(14, 45), Qt::UTC));
    QCOMPARE(ScheduleTimes::instantOfWallTime(QDate(2026, 1, 1), QTime(0, 0), zone("Pacific/Chatham")),
        QDateTime(QDate(2025, 12, 31), QTime(10, 15), Qt::UTC));
}

void TestCron::inputLimits()
{
    // Only ASCII digits are numbers; a long text is refused before it is read; whitespace of any kind separates.
    const auto arabic = CronExpression::parse(QString::fromUtf8("\u0663 * * * *"));
    QVERIFY(!arabic);
    QCOMPARE(arabic.error().where.column, 1);
    const auto tooLong = CronExpression::parse(QStringLiteral("0 0 * * ") + QString(1000, QLatin1Char('1')));
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error().message, QStringLiteral("column 1001: a cron expression has at most 1000 characters"));
    QVERIFY(CronExpression::parse(QStringLiteral("\t0\t0  *\t* *\n")));
    QVERIFY(!CronExpression::parse(QStringLiteral("   ")));
    QVERIFY(!CronExpression::parse(QStringLiteral("0 0 1-99999999999 * *")));
    QCOMPARE(CronExpression::parse(QStringLiteral("@daily 0")).error().where.column, 8);
}

void TestCron::qtTransitionQuirks()
{
    // Qt 6.4 reports a transition without an offset change at 2038-01-19T03:14:07Z in America/Nuuk (the end of its
    // tzfile's table) and then no next transition when asked at that instant; the spring change of 2038 (01:00 UTC
    // on 03-28, 23:00 → 00:00 wall time) must still be seen. Found by the differential run.
    const auto cron = CronExpression::parse(QStringLiteral("4 1,4 * 1-3 *"));
    const QTimeZone nuuk = zone("America/Nuuk");
    QStringList got;
    for (const QDateTime& t : cron->next(QDateTime(QDate(2038, 3, 26), QTime(15, 31, 35), Qt::UTC), nuuk, 3)) {
        got << t.toTimeZone(nuuk).toString(Qt::ISODate);
    }
    QCOMPARE(got,
        (QStringList { QStringLiteral("2038-03-27T01:04:00-02:00"), QStringLiteral("2038-03-27T04:04:00-02:00"),
            QStringLiteral("2038-03-28T01:04:00-01:00") }));
    // Saturday 23:00-23:59 is skipped: a fixed-time 23:30 runs at the change, 00:00 Sunday.
    const auto late = CronExpression::parse(QStringLiteral("30 23 * * *"));
    QCOMPARE(late->nextAfter(QDateTime(QDate(2038, 3, 27), QTime(12, 0), Qt::UTC), nuuk)
                 .toTimeZone(nuuk)
                 .toString(Qt::ISODate),
        QStringLiteral("2038-03-28T00:00:00-01:00"));
    QVERIFY(ScheduleTimes::isClockChangeDay(QDate(2038, 3, 27), nuuk));
}

void TestCron::differentialAgainstReference()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        QSKIP("python3 is not on PATH: the differential run against tests/schedules/cron_reference.py needs it");
    }
    // Zones with one-hour, half-hour (Lord Howe), two-hour (Troll) and midnight (Santiago, Havana) changes, odd
    // offsets (Chatham +12:45, St John's -3:30, Kolkata), a negative-DST zone in tzdata (Dublin), Ramadan changes
    // (Casablanca, Gaza) and zones without DST now (Tehran, Sao Paulo, UTC).
    const QList<QByteArray> zones { "America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe",
        "America/Santiago", "Asia/Tehran", "Pacific/Chatham", "Antarctica/Troll", "America/Havana", "America/St_Johns",
        "Europe/Dublin", "Africa/Casablanca", "Asia/Gaza", "Australia/Adelaide", "Pacific/Auckland",
        "America/Sao_Paulo", "Asia/Kolkata", "America/Nuuk", "UTC" };
    const QDateTime rangeStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime rangeEnd(QDate(2040, 1, 1), QTime(0, 0), Qt::UTC); // and the rules beyond the tables
    QHash<QByteArray, QList<qint64>> transitions;
    for (const QByteArray& id : zones) {
        const QTimeZone z(id);
        QVERIFY2(z.isValid(), id.constData());
        for (const auto& t : z.transitions(rangeStart, rangeEnd)) {
            transitions[id] << t.atUtc.toSecsSinceEpoch();
        }
    }
    // OPSDECK_CRON_CASES and OPSDECK_CRON_SEED run more or other cases (a longer hunt; CI runs the default).
    const int caseCount
        = qEnvironmentVariableIsSet("OPSDECK_CRON_CASES") ? qEnvironmentVariableIntValue("OPSDECK_CRON_CASES") : 3000;
    const quint32 seed = qEnvironmentVariableIsSet("OPSDECK_CRON_SEED")
        ? quint32(qEnvironmentVariableIntValue("OPSDECK_CRON_SEED"))
        : 20261207;
    constexpr qint64 kWindow = 36 * 3600;
    QRandomGenerator random(seed);
    ExpressionGenerator expressions(seed + 7);
    struct Case {
        QString expr;
        QByteArray zone;
        qint64 start;
    };
    QList<Case> cases;
    QJsonArray input;
    for (int i = 0; i < caseCount; ++i) {
        Case c;
        c.expr = expressions.next();
        c.zone = zones.at(int(random.bounded(qsizetype(zones.size()))));
        const QList<qint64>& near = transitions.value(c.zone);
        if (!near.isEmpty() && random.bounded(10) < 8) {
            // Around a change: from 30 hours before to 6 after, sometimes exactly on it or a minute before.
            const qint64 at = near.at(int(random.bounded(qsizetype(near.size()))));
            const int shape = int(random.bounded(6));
            c.start = shape == 0 ? at : shape == 1 ? at - 60 : at - qint64(random.bounded(30 * 3600)) + 6 * 3600;
        } else {
            c.start = rangeStart.toSecsSinceEpoch() + qint64(random.bounded(qint64(14) * 365 * 86400));
        }
        if (random.bounded(2)) {
            c.start += random.bounded(60); // not on a whole minute
        }
        cases << c;
        input.append(
            QJsonObject { { QStringLiteral("expr"), c.expr }, { QStringLiteral("zone"), QString::fromLatin1(c.zone) },
                { QStringLiteral("start"), c.start }, { QStringLiteral("end"), c.start + kWindow } });
    }
    QElapsedTimer timer;
    timer.start();
    QProcess reference;
    reference.start(python, { QStringLiteral(OPSDECK_CRON_REFERENCE) });
    QVERIFY2(reference.waitForStarted(10000), qPrintable(reference.errorString()));
    reference.write(QJsonDocument(QJsonObject { { QStringLiteral("cases"), input } }).toJson(QJsonDocument::Compact));
    reference.closeWriteChannel();
    QVERIFY2(reference.waitForFinished(240000), "the reference took longer than 4 minutes");
    QVERIFY2(reference.exitCode() == 0, reference.readAllStandardError().constData());
    const QJsonArray results = QJsonDocument::fromJson(reference.readAllStandardOutput())
                                   .object()
                                   .value(QStringLiteral("results"))
                                   .toArray();
    QCOMPARE(results.size(), caseCount);
    const qint64 referenceMs = timer.restart();

    int mismatches = 0;
    int fires = 0;
    int fixedAcrossChange = 0;
    int refused = 0;
    for (int i = 0; i < caseCount; ++i) {
        const Case& c = cases.at(i);
        const QTimeZone z(c.zone);
        const auto cron = CronExpression::parse(c.expr);
        if (!cron) { // the generator's steps may exceed a field: both sides must refuse the text
            QVERIFY2(results.at(i).isObject(), qPrintable(c.expr + QStringLiteral(": the reference accepted it")));
            ++refused;
            continue;
        }
        QVERIFY2(results.at(i).isArray(), qPrintable(c.expr + QStringLiteral(": the reference refused it")));
        QList<qint64> expected;
        for (const QJsonValue& v : results.at(i).toArray()) {
            expected << qint64(v.toDouble());
        }
        QList<qint64> actual;
        const qint64 end = c.start + kWindow;
        for (QDateTime t = cron->nextAfter(QDateTime::fromSecsSinceEpoch(c.start, Qt::UTC), z);
             t.isValid() && t.toSecsSinceEpoch() <= end; t = cron->nextAfter(t, z)) {
            actual << t.toSecsSinceEpoch();
        }
        fires += int(actual.size());
        const QList<qint64>& near = transitions.value(c.zone);
        if (!cron->followsWallClock() && !actual.isEmpty()
            && std::any_of(near.begin(), near.end(), [&](qint64 at) { return at > c.start && at <= end; })) {
            ++fixedAcrossChange;
        }
        if (actual != expected) {
            if (++mismatches <= 10) {
                qWarning().noquote()
                    << "mismatch:" << c.expr << "in" << c.zone << "after"
                    << QDateTime::fromSecsSinceEpoch(c.start, Qt::UTC).toTimeZone(z).toString(Qt::ISODate)
                    << "\n  ours:     " << isoList(actual, z) << "\n  reference:" << isoList(expected, z);
            }
        }
    }
    qInfo("%d cases (%d refused by both), %d fire times (%d fixed-time cases across a change); reference %lld ms, "
          "ours %lld ms",
        caseCount, refused, fires, fixedAcrossChange, referenceMs, timer.elapsed());
    QCOMPARE(mismatches, 0);
    QVERIFY(fires > caseCount); // the generator makes schedules that fire
    QVERIFY(refused > caseCount / 50 && refused < caseCount / 5);
    QVERIFY(fixedAcrossChange > caseCount / 30); // and exercises the DST rules
}

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
