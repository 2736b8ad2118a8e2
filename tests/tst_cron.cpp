// Cron expressions (models/schedules): parsing with field and column, Vixie's day rule, fire times across the
// daylight-saving changes of several zones (cronie's rules, docs/schedules.md), the alarm-clock picker, the
// console's upcoming fire times, and a differential run against tests/schedules/cron_reference.py.
#include "schedules/AlarmClock.h"
#include "schedules/CronExpression.h"
#include "schedules/ScheduleTimes.h"

#include <QtTest>

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

} // namespace

class TestCron : public QObject {
    Q_OBJECT
private slots:
    void parseErrors_data();
    void parseErrors();
    void parsesFields();
    void vixieDayRule();
    void dstNewYork();
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

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
