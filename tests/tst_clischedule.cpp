// `opsdeck-cli schedule next` through the real binary: fire times in a zone and in UTC across daylight-saving
// days, --from/--count, and its errors (the bad column with a caret, the unknown zone, usage).
#include "CliRunner.h"

#include <QDateTime>
#include <QtTest>

class TestCliSchedule : public QObject {
    Q_OBJECT
private slots:
    void springForward();
    void fallBackAndUtc();
    void defaultsAndFrom();
    void errors();
    void help();
};

void TestCliSchedule::springForward()
{
    const CliRun r = runCli({ QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("30 2 * * *"),
        QStringLiteral("--tz"), QStringLiteral("America/New_York"), QStringLiteral("--from"),
        QStringLiteral("2026-03-06 12:00"), QStringLiteral("--count"), QStringLiteral("4") });
    QCOMPARE(r.err, QString());
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out,
        QStringLiteral("2026-03-07T02:30:00-05:00\n2026-03-08T03:00:00-04:00\n2026-03-09T02:30:00-04:00\n"
                       "2026-03-10T02:30:00-04:00\n"));
    // A wildcard hour keeps the wall clock's pace: no 02:xx on the change day.
    const CliRun hourly = runCli({ QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("15 */1 * * *"),
        QStringLiteral("--tz=Europe/Berlin"), QStringLiteral("--from=2026-03-29 00:30"), QStringLiteral("--count=3") });
    QCOMPARE(hourly.code, 0);
    QCOMPARE(hourly.out,
        QStringLiteral("2026-03-29T01:15:00+01:00\n2026-03-29T03:15:00+02:00\n2026-03-29T04:15:00+02:00\n"));
}

void TestCliSchedule::fallBackAndUtc()
{
    // The repeated hour: a fixed time once (the first pass), a wildcard in both passes; --utc prints …Z.
    const CliRun fixed = runCli({ QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("30 1 * * *"),
        QStringLiteral("--tz"), QStringLiteral("America/New_York"), QStringLiteral("--from"),
        QStringLiteral("2026-10-31 12:00"), QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--utc") });
    QCOMPARE(fixed.code, 0);
    QCOMPARE(fixed.out, QStringLiteral("2026-11-01T05:30:00Z\n2026-11-02T06:30:00Z\n"));
    const CliRun wild = runCli({ QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("30 * * * *"),
        QStringLiteral("--tz"), QStringLiteral("America/New_York"), QStringLiteral("--from"),
        QStringLiteral("2026-11-01T01:00"), QStringLiteral("--count"), QStringLiteral("2") });
    QCOMPARE(wild.code, 0);
    QCOMPARE(wild.out, QStringLiteral("2026-11-01T01:30:00-04:00\n2026-11-01T01:30:00-05:00\n"));
}

void TestCliSchedule::defaultsAndFrom()
{
    // Default: 10 times after now.
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const CliRun r = runCli({ QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("*/5 * * * *"),
        QStringLiteral("--tz"), QStringLiteral("UTC"), QStringLiteral("--utc") });
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 10);
    const QDateTime first = QDateTime::fromString(lines.first(), Qt::ISODate);
    QVERIFY(first > before);
    QVERIFY(first <= before.addSecs(5 * 60));
    QCOMPARE(first.time().minute() % 5, 0);
    // Strictly after --from; seconds and a T accepted; with --server given it still computes here.
    const CliRun strict = runCli({ QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
        QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("0 9 * * MON-FRI"), QStringLiteral("--tz"),
        QStringLiteral("Asia/Kolkata"), QStringLiteral("--from"), QStringLiteral("2026-12-04T09:00:00"),
        QStringLiteral("--count"), QStringLiteral("2") });
    QCOMPARE(strict.err, QString());
    QCOMPARE(strict.out, QStringLiteral("2026-12-07T09:00:00+05:30\n2026-12-08T09:00:00+05:30\n"));
}

void TestCliSchedule::errors()
{
    auto next = [](const QStringList& more) {
        return runCli(QStringList { QStringLiteral("schedule"), QStringLiteral("next") } + more);
    };
    const CliRun column = next({ QStringLiteral("0 0 * * 8"), QStringLiteral("--tz"), QStringLiteral("UTC") });
    QCOMPARE(column.code, 1);
    QCOMPARE(column.out, QString());
    QCOMPARE(column.err,
        QStringLiteral("opsdeck-cli: bad cron expression: day-of-week (column 9): 8 is out of range 0-7\n"
                       "  0 0 * * 8\n          ^\n"));
    const CliRun fields = next({ QStringLiteral("0 0 * *"), QStringLiteral("--tz"), QStringLiteral("UTC") });
    QCOMPARE(fields.code, 1);
    QVERIFY2(fields.err.contains(QStringLiteral("column 8: expected 5 fields")), qPrintable(fields.err));
    const CliRun zone = next({ QStringLiteral("@daily"), QStringLiteral("--tz"), QStringLiteral("Mars/Olympus") });
    QCOMPARE(zone.code, 1);
    QCOMPARE(zone.err,
        QStringLiteral("opsdeck-cli: --tz: unknown time zone 'Mars/Olympus' (an IANA name such as Europe/Berlin or "
                       "America/New_York)\n"));
    const CliRun gap = next({ QStringLiteral("@daily"), QStringLiteral("--tz"), QStringLiteral("America/New_York"),
        QStringLiteral("--from"), QStringLiteral("2026-03-08 02:30") });
    QCOMPARE(gap.code, 1);
    QVERIFY2(gap.err.contains(QStringLiteral("America/New_York skips that time")), qPrintable(gap.err));
    const CliRun never = next({ QStringLiteral("0 0 30 2 *"), QStringLiteral("--tz"), QStringLiteral("UTC") });
    QCOMPARE(never.code, 1);
    QCOMPARE(never.err, QStringLiteral("opsdeck-cli: '0 0 30 2 *' never fires within 5 years\n"));
    // Usage errors exit 2.
    QCOMPARE(next({ QStringLiteral("@daily") }).code, 2); // no --tz
    QVERIFY(next({ QStringLiteral("@daily") }).err.contains(QStringLiteral("needs --tz ZONE")));
    QCOMPARE(next({ QStringLiteral("--tz"), QStringLiteral("UTC") }).code, 2); // no expression
    QCOMPARE(next({ QStringLiteral("@daily"), QStringLiteral("--tz"), QStringLiteral("UTC"), QStringLiteral("--count"),
                      QStringLiteral("0") })
                 .code,
        2);
    QCOMPARE(next({ QStringLiteral("@daily"), QStringLiteral("--tz"), QStringLiteral("UTC"), QStringLiteral("--from"),
                      QStringLiteral("tomorrow") })
                 .code,
        2);
    QCOMPARE(
        next({ QStringLiteral("@daily"), QStringLiteral("--tz"), QStringLiteral("UTC"), QStringLiteral("--bogus") })
            .code,
        2);
    QCOMPARE(runCli({ QStringLiteral("schedule"), QStringLiteral("frobnicate") }).code, 2);
}

void TestCliSchedule::help()
{
    const CliRun r = runCli({ QStringLiteral("schedule"), QStringLiteral("--help") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("next 'EXPR' --tz ZONE [--from 'YYYY-MM-DD HH:MM'] [--count N] [--utc]")));
    const CliRun sub = runCli({ QStringLiteral("schedule"), QStringLiteral("next"), QStringLiteral("--help") });
    QCOMPARE(sub.code, 0);
    QCOMPARE(sub.out, r.out);
    const CliRun main = runCli({ QStringLiteral("--help") });
    QVERIFY(main.out.contains(QStringLiteral("schedule next 'EXPR' --tz ZONE")));
}

QTEST_GUILESS_MAIN(TestCliSchedule)
#include "tst_clischedule.moc"
