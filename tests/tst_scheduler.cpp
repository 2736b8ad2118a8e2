// The server's Scheduler in-process with an injected clock, against a real workspace store and the real job path
// (JobSubmission → DirectBackend over the scripted FakeTransport): every fire of DST-change days in two zones, missed
// runs after a simulated downtime under both policies, the three overlap policies, exactly-once with two schedulers on
// one database file racing from two threads (two connections), pause and resume.
#include "ScheduleStore.h"
#include "ScheduleTiming.h"
#include "Scheduler.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobSpec.h"
#include "jobs/JobStatus.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QAtomicInt>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

namespace {

class TestClock : public SchedulerClock {
public:
    qint64 nowMs() const override { return now; }
    qint64 now = 0;
};

qint64 utc(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm"));
}

QJsonObject jobAction(const QString& script = QStringLiteral("true"))
{
    JobSpec spec;
    spec.name = QStringLiteral("scheduled");
    spec.targets = { QStringLiteral("h1") };
    JobStep step;
    step.action = RunScript { QStringLiteral("/bin/sh"), script, {} };
    spec.steps.append(step);
    return { { QStringLiteral("job"), spec.toJson() } };
}

// A schedule stored as the API stores one: due from `fromMs` on.
Schedule makeSchedule(Workspace& ws, const QString& name, const QString& cron, const QString& zone, qint64 fromMs,
    Schedule::Missed missed = Schedule::Missed::Skip, Schedule::Overlap overlap = Schedule::Overlap::Allow)
{
    Schedule s;
    s.name = name;
    s.cron = cron;
    s.zone = zone;
    s.action = jobAction();
    s.missed = missed;
    s.overlap = overlap;
    s.createdBy = s.updatedBy = QStringLiteral("test");
    s.createdAt = s.updatedAt = fromMs;
    s.nextFireAt = ScheduleTiming::nextAfter(s, fromMs);
    auto created = ScheduleStore(ws).create(s);
    return created ? *created : Schedule();
}

QList<ScheduleRun> runsOf(Workspace& ws, qint64 id, std::optional<ScheduleRun::Outcome> only = std::nullopt)
{
    QList<ScheduleRun> out;
    const auto all = ScheduleStore(ws).runs(id, 1000);
    for (auto it = all->crbegin(); it != all->crend(); ++it) { // oldest first
        if (!only || it->outcome == *only) {
            out.append(*it);
        }
    }
    return out;
}

} // namespace

class TestScheduler : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void dstDaysInTwoZones_data();
    void dstDaysInTwoZones();
    void missedRunsAfterDowntime_data();
    void missedRunsAfterDowntime();
    void oneShotMissedRunsOnce();
    void overlapSkip();
    void overlapQueueOne();
    void overlapAllow();
    void exactlyOnceWithTwoInstances();
    void claimLostToAnotherInstance();
    void pauseAndResume();
    void scheduleEventsAndCreator();
    void historyIsBoundedPerSchedule();

private:
    Schedule current(qint64 id) { return **ScheduleStore(*m_ws).get(id); }

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    FakeTransport m_transport;
    std::unique_ptr<DirectBackend> m_backend;
    TestClock m_clock;
    std::unique_ptr<Scheduler> m_scheduler;
};

void TestScheduler::init()
{
    QVERIFY(m_dir.isValid());
    static int n = 0;
    auto ws
        = Workspace::open(m_dir.filePath(QStringLiteral("w%1.opsdeck").arg(++n)), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    m_ws = std::move(*ws);
    m_transport.defaultBehaviour = FakeBehaviour();
    auto backend = DirectBackend::open(*m_ws, &m_transport);
    QVERIFY2(backend, qPrintable(backend.errorString()));
    m_backend = std::move(*backend);
    m_scheduler = std::make_unique<Scheduler>(*m_ws, m_backend.get(), nullptr, &m_clock);
}

void TestScheduler::cleanup()
{
    m_scheduler.reset();
    m_backend.reset();
    m_ws.reset();
}

void TestScheduler::dstDaysInTwoZones_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("cron");
    QTest::addColumn<QString>("from"); // UTC: the day's local midnight
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("fires"); // UTC
    // New York springs forward on 2026-03-08 at 02:00 EST (07:00Z) to 03:00 EDT.
    const QString nyFrom = QStringLiteral("2026-03-08T05:00:00Z");
    const QString nyTo = QStringLiteral("2026-03-09T04:00:00Z");
    // A fixed time in the skipped hour runs right after the change, once.
    QTest::newRow("New York 30 2 (skipped hour)")
        << QStringLiteral("America/New_York") << QStringLiteral("30 2 * * *") << nyFrom << nyTo
        << QStringList { QStringLiteral("2026-03-08T07:00") };
    QStringList hourly;
    for (qint64 t = utc(nyFrom); t < utc(nyTo); t += 3600'000) {
        hourly << isoUtc(t); // 00:00, 01:00 EST, then 03:00 EDT …: 23 runs, no run in the missing hour
    }
    QTest::newRow("New York 0 * (wildcard hour)")
        << QStringLiteral("America/New_York") << QStringLiteral("0 * * * *") << nyFrom << nyTo << hourly;
    QTest::newRow("New York 0 3 (after the gap)")
        << QStringLiteral("America/New_York") << QStringLiteral("0 3 * * *") << nyFrom << nyTo
        << QStringList { QStringLiteral("2026-03-08T07:00") };
    // Berlin falls back on 2026-10-25 at 03:00 CEST (01:00Z) to 02:00 CET.
    const QString beFrom = QStringLiteral("2026-10-24T22:00:00Z");
    const QString beTo = QStringLiteral("2026-10-25T23:00:00Z");
    // A fixed time in the repeated hour runs in the first pass only.
    QTest::newRow("Berlin 30 2 (repeated hour)")
        << QStringLiteral("Europe/Berlin") << QStringLiteral("30 2 * * *") << beFrom << beTo
        << QStringList { QStringLiteral("2026-10-25T00:30") };
    QStringList berlinHourly;
    for (qint64 t = utc(beFrom); t < utc(beTo); t += 3600'000) {
        berlinHourly << isoUtc(t); // 25 runs: both passes of 02:00
    }
    QTest::newRow("Berlin 0 * (wildcard hour)")
        << QStringLiteral("Europe/Berlin") << QStringLiteral("0 * * * *") << beFrom << beTo << berlinHourly;
    QTest::newRow("Berlin */20 2 (wildcard minute, both passes)")
        << QStringLiteral("Europe/Berlin") << QStringLiteral("*/20 2 * * *") << beFrom << beTo
        << QStringList { QStringLiteral("2026-10-25T00:00"), QStringLiteral("2026-10-25T00:20"),
               QStringLiteral("2026-10-25T00:40"), QStringLiteral("2026-10-25T01:00"),
               QStringLiteral("2026-10-25T01:20"), QStringLiteral("2026-10-25T01:40") };
}

void TestScheduler::dstDaysInTwoZones()
{
    QFETCH(QString, zone);
    QFETCH(QString, cron);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, fires);
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("dst"), cron, zone, utc(from) - 1);
    QVERIFY(s.id > 0);
    // The clock goes from due time to due time as the timer would wake, a little late each time.
    for (int guard = 0; guard < 200; ++guard) {
        const Schedule now = current(s.id);
        if (!now.nextFireAt || *now.nextFireAt >= utc(to)) {
            break;
        }
        m_clock.now = *now.nextFireAt + 250;
        m_scheduler->tick();
        QCOMPARE(m_scheduler->tick(), 0); // the same instant again fires nothing
    }
    QStringList got;
    for (const ScheduleRun& r : runsOf(*m_ws, s.id)) {
        QCOMPARE(ScheduleRun::outcomeName(r.outcome), QStringLiteral("fired"));
        QVERIFY(!r.jobId.isEmpty());
        got << isoUtc(r.dueAt);
    }
    QCOMPARE(got, fires);
}

void TestScheduler::missedRunsAfterDowntime_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("backAt"); // when the server runs again
    QTest::addColumn<int>("missedCount");
    QTest::addColumn<QString>("firstMissed");
    QTest::addColumn<QString>("lastMissed");
    QTest::addColumn<QString>("firedFor"); // the due time of the one run started, or empty
    // Due every 10 minutes from 12:10; the server is down from 12:00:30 until backAt.
    QTest::newRow("skip, back between due times")
        << QStringLiteral("skip") << QStringLiteral("2026-06-01T15:05:00Z") << 18 << QStringLiteral("2026-06-01T12:10")
        << QStringLiteral("2026-06-01T15:00") << QString();
    QTest::newRow("run_once, back between due times")
        << QStringLiteral("run_once") << QStringLiteral("2026-06-01T15:05:00Z") << 17
        << QStringLiteral("2026-06-01T12:10") << QStringLiteral("2026-06-01T14:50")
        << QStringLiteral("2026-06-01T15:00");
    // Back just after a due time: that one is on time and runs; only the earlier ones were missed.
    QTest::newRow("skip, back on time") << QStringLiteral("skip") << QStringLiteral("2026-06-01T15:00:20Z") << 17
                                        << QStringLiteral("2026-06-01T12:10") << QStringLiteral("2026-06-01T14:50")
                                        << QStringLiteral("2026-06-01T15:00");
    QTest::newRow("run_once, back on time") << QStringLiteral("run_once") << QStringLiteral("2026-06-01T15:00:20Z")
                                            << 17 << QStringLiteral("2026-06-01T12:10")
                                            << QStringLiteral("2026-06-01T14:50") << QStringLiteral("2026-06-01T15:00");
}

void TestScheduler::missedRunsAfterDowntime()
{
    QFETCH(QString, policy);
    QFETCH(QString, backAt);
    QFETCH(int, missedCount);
    QFETCH(QString, firstMissed);
    QFETCH(QString, lastMissed);
    QFETCH(QString, firedFor);
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("every10"), QStringLiteral("*/10 * * * *"),
        QStringLiteral("UTC"), utc(QStringLiteral("2026-06-01T12:00:30Z")), *Schedule::missedFromName(policy));
    QCOMPARE(isoUtc(*s.nextFireAt), QStringLiteral("2026-06-01T12:10"));
    m_clock.now = utc(backAt);
    m_scheduler->tick();
    m_scheduler->tick(); // nothing twice
    const QList<ScheduleRun> missed = runsOf(*m_ws, s.id, ScheduleRun::Outcome::Missed);
    QCOMPARE(missed.size(), 1); // one row for the whole stretch, however long
    QCOMPARE(missed.first().missedCount, missedCount);
    QCOMPARE(isoUtc(missed.first().dueAt), firstMissed);
    QCOMPARE(isoUtc(missed.first().lastDueAt), lastMissed);
    const QList<ScheduleRun> fired = runsOf(*m_ws, s.id, ScheduleRun::Outcome::Fired);
    QCOMPARE(fired.size(), firedFor.isEmpty() ? 0 : 1);
    if (!firedFor.isEmpty()) {
        QCOMPARE(isoUtc(fired.first().dueAt), firedFor);
        QVERIFY(m_backend->job(fired.first().jobId));
    }
    QCOMPARE(runsOf(*m_ws, s.id).size(), missed.size() + fired.size());
    QCOMPARE(isoUtc(*current(s.id).nextFireAt), QStringLiteral("2026-06-01T15:10"));
}

void TestScheduler::oneShotMissedRunsOnce()
{
    for (const auto policy : { Schedule::Missed::Skip, Schedule::Missed::RunOnce }) {
        Schedule s;
        s.name = QStringLiteral("once-%1").arg(Schedule::missedName(policy));
        s.onceAt = QStringLiteral("2026-06-01T09:30");
        s.zone = QStringLiteral("Europe/Berlin");
        s.action = jobAction();
        s.missed = policy;
        s.nextFireAt = ScheduleTiming::nextAfter(s, utc(QStringLiteral("2026-06-01T00:00:00Z")));
        QCOMPARE(isoUtc(*s.nextFireAt), QStringLiteral("2026-06-01T07:30")); // 09:30 CEST
        auto created = ScheduleStore(*m_ws).create(s);
        QVERIFY(created);
        m_clock.now = utc(QStringLiteral("2026-06-01T10:00:00Z")); // the server was down at 07:30Z
        m_scheduler->tick();
        const QList<ScheduleRun> runs = runsOf(*m_ws, created->id);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().outcome,
            policy == Schedule::Missed::Skip ? ScheduleRun::Outcome::Missed : ScheduleRun::Outcome::Fired);
        QVERIFY(!current(created->id).nextFireAt); // nothing due any more
    }
}

void TestScheduler::overlapSkip()
{
    m_transport.defaultBehaviour.never = true; // the job runs until cancelled
    const qint64 t0 = utc(QStringLiteral("2026-06-01T12:00:10Z"));
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("skip"), QStringLiteral("* * * * *"), QStringLiteral("UTC"),
        t0, Schedule::Missed::Skip, Schedule::Overlap::Skip);
    m_clock.now = t0 + 60'000;
    QCOMPARE(m_scheduler->tick(), 1);
    const QString first = current(s.id).lastJobId;
    QVERIFY(!first.isEmpty());
    m_clock.now += 60'000;
    QCOMPARE(m_scheduler->tick(), 0);
    const QList<ScheduleRun> runs = runsOf(*m_ws, s.id);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(1).outcome, ScheduleRun::Outcome::SkippedOverlap);
    QCOMPARE(runs.at(1).jobId, first); // the run that was in the way
    // Once it ended, the next due time fires again.
    QVERIFY(m_backend->cancel(first));
    QTRY_VERIFY(isFinal(m_backend->job(first)->status));
    m_clock.now += 60'000;
    QCOMPARE(m_scheduler->tick(), 1);
    QVERIFY(current(s.id).lastJobId != first);
}

void TestScheduler::overlapQueueOne()
{
    m_transport.defaultBehaviour.never = true;
    const qint64 t0 = utc(QStringLiteral("2026-06-01T12:00:10Z"));
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("queue"), QStringLiteral("* * * * *"), QStringLiteral("UTC"),
        t0, Schedule::Missed::Skip, Schedule::Overlap::QueueOne);
    m_clock.now = t0 + 60'000;
    QCOMPARE(m_scheduler->tick(), 1); // 12:01
    const QString first = current(s.id).lastJobId;
    m_clock.now += 60'000;
    QCOMPARE(m_scheduler->tick(), 0); // 12:02 queued
    m_clock.now += 60'000;
    QCOMPARE(m_scheduler->tick(), 0); // 12:03 skipped: one is queued already
    QCOMPARE(isoUtc(*current(s.id).queuedAt), QStringLiteral("2026-06-01T12:02"));
    m_clock.now += 20'000;
    QCOMPARE(m_scheduler->tick(), 0); // still running: the queued one waits
    QVERIFY(m_backend->cancel(first));
    QTRY_VERIFY(isFinal(m_backend->job(first)->status));
    QCOMPARE(m_scheduler->tick(), 1); // the queued run goes
    QVERIFY(!current(s.id).queuedAt);
    const QList<ScheduleRun> runs = runsOf(*m_ws, s.id);
    QStringList outcomes;
    for (const ScheduleRun& r : runs) {
        outcomes << ScheduleRun::outcomeName(r.outcome) + u'@' + isoUtc(r.dueAt).mid(11);
    }
    QCOMPARE(outcomes,
        QStringList({ QStringLiteral("fired@12:01"), QStringLiteral("queued@12:02"),
            QStringLiteral("skipped_overlap@12:03"), QStringLiteral("fired@12:02") }));
    QVERIFY(runs.last().jobId != first);
    QVERIFY(m_backend->cancel(runs.last().jobId));
}

void TestScheduler::overlapAllow()
{
    m_transport.defaultBehaviour.never = true;
    const qint64 t0 = utc(QStringLiteral("2026-06-01T12:00:10Z"));
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("allow"), QStringLiteral("* * * * *"), QStringLiteral("UTC"),
        t0, Schedule::Missed::Skip, Schedule::Overlap::Allow);
    m_clock.now = t0 + 60'000;
    QCOMPARE(m_scheduler->tick(), 1);
    const QString first = current(s.id).lastJobId;
    m_clock.now += 60'000;
    QCOMPARE(m_scheduler->tick(), 1); // a second job while the first runs
    const QString second = current(s.id).lastJobId;
    QVERIFY(second != first);
    QVERIFY(!isFinal(m_backend->job(first)->status));
    QVERIFY(!isFinal(m_backend->job(second)->status));
    QVERIFY(m_backend->cancel(first));
    QVERIFY(m_backend->cancel(second));
}

void TestScheduler::exactlyOnceWithTwoInstances()
{
    const qint64 t0 = utc(QStringLiteral("2026-06-01T12:00:10Z"));
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("race"), QStringLiteral("* * * * *"), QStringLiteral("UTC"),
        t0, Schedule::Missed::Skip, Schedule::Overlap::Allow);
    constexpr int kMinutes = 40;
    QAtomicInt fired[2];
    QString errors[2];
    const QString path = m_ws->path();
    QSemaphore arrived[2];
    // Each instance: its own connection to the file, its own backend and clock, ticking through the same minutes as
    // fast as it can, both at once.
    const auto instance = [&](int which) {
        return QThread::create([&, which] {
            auto ws = Workspace::open(path);
            if (!ws) {
                errors[which] = ws.errorString();
                return;
            }
            FakeTransport transport;
            auto backend = DirectBackend::open(**ws, &transport);
            if (!backend) {
                errors[which] = backend.errorString();
                return;
            }
            TestClock clock;
            Scheduler scheduler(**ws, backend->get(), nullptr, &clock);
            for (int m = 1; m <= kMinutes; ++m) {
                clock.now = t0 + m * 60'000;
                // Both reach the minute, then both tick at once.
                arrived[which].release();
                arrived[1 - which].acquire();
                for (int again = 0; again < 3; ++again) {
                    fired[which] += scheduler.tick();
                }
            }
        });
    };
    m_scheduler.reset(); // not this one
    std::unique_ptr<QThread> a(instance(0));
    std::unique_ptr<QThread> b(instance(1));
    a->start();
    b->start();
    QVERIFY(a->wait(60'000));
    QVERIFY(b->wait(60'000));
    QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
    QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
    QCOMPARE(fired[0].loadRelaxed() + fired[1].loadRelaxed(), kMinutes);
    QList<ScheduleRun> runs = runsOf(*m_ws, s.id);
    // Rows are written after each launch, so the two instances' rows may interleave: in due order.
    std::sort(runs.begin(), runs.end(), [](const ScheduleRun& x, const ScheduleRun& y) { return x.dueAt < y.dueAt; });
    QCOMPARE(runs.size(), kMinutes); // one row per due time: no fire twice, none lost, nothing missed
    for (int m = 0; m < kMinutes; ++m) {
        QCOMPARE(runs.at(m).outcome, ScheduleRun::Outcome::Fired);
        QCOMPARE(runs.at(m).dueAt, t0 - 10'000 + (m + 1) * 60'000);
    }
    qInfo() << "fires by instance:" << fired[0].loadRelaxed() << fired[1].loadRelaxed();
}

void TestScheduler::claimLostToAnotherInstance()
{
    // Deterministic interleaving: instance A has read the due schedule when instance B (another connection to the
    // same file) fires it; A's compare-and-set then changes no row and A fires nothing.
    const qint64 t0 = utc(QStringLiteral("2026-06-01T12:00:10Z"));
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("interleaved"), QStringLiteral("* * * * *"),
        QStringLiteral("UTC"), t0, Schedule::Missed::Skip, Schedule::Overlap::Allow);
    auto otherWs = Workspace::open(m_ws->path());
    QVERIFY(otherWs);
    FakeTransport otherTransport;
    auto otherBackend = DirectBackend::open(**otherWs, &otherTransport);
    QVERIFY(otherBackend);
    TestClock otherClock;
    Scheduler other(**otherWs, otherBackend->get(), nullptr, &otherClock);
    int otherFired = 0;
    Scheduler::Options options;
    options.beforeClaim = [&](qint64 id) {
        QCOMPARE(id, s.id);
        otherClock.now = m_clock.now;
        otherFired += other.tick();
    };
    m_scheduler->setOptions(options);
    m_clock.now = t0 + 60'000;
    QCOMPARE(m_scheduler->tick(), 0);
    QCOMPARE(otherFired, 1);
    QCOMPARE(runsOf(*m_ws, s.id).size(), 1);
}

void TestScheduler::pauseAndResume()
{
    const qint64 t0 = utc(QStringLiteral("2026-06-01T12:00:10Z"));
    Schedule s = makeSchedule(*m_ws, QStringLiteral("pause"), QStringLiteral("*/5 * * * *"), QStringLiteral("UTC"), t0,
        Schedule::Missed::RunOnce);
    // Paused as the API pauses: enabled off, the due time kept.
    s.enabled = false;
    QVERIFY(ScheduleStore(*m_ws).update(s));
    m_clock.now = t0 + 3600'000;
    QCOMPARE(m_scheduler->tick(), 0);
    QVERIFY(runsOf(*m_ws, s.id).isEmpty()); // nothing fired, nothing "missed": it was paused
    // Resumed: due from now on (what fell due while paused is not run even with run_once).
    s.enabled = true;
    s.nextFireAt = ScheduleTiming::nextAfter(s, m_clock.now);
    QVERIFY(ScheduleStore(*m_ws).update(s));
    QCOMPARE(isoUtc(*s.nextFireAt), QStringLiteral("2026-06-01T13:05"));
    QCOMPARE(m_scheduler->tick(), 0);
    m_clock.now = *s.nextFireAt + 100;
    QCOMPARE(m_scheduler->tick(), 1);
    const QList<ScheduleRun> runs = runsOf(*m_ws, s.id);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(isoUtc(runs.first().dueAt), QStringLiteral("2026-06-01T13:05"));
}

void TestScheduler::scheduleEventsAndCreator()
{
    const qint64 t0 = utc(QStringLiteral("2026-06-01T12:00:10Z"));
    const Schedule s = makeSchedule(*m_ws, QStringLiteral("nightly-backup"), QStringLiteral("*/10 * * * *"),
        QStringLiteral("UTC"), t0, Schedule::Missed::Skip);
    QSignalSpy events(m_scheduler.get(), &Scheduler::scheduleEvent);
    m_clock.now = utc(QStringLiteral("2026-06-01T13:00:05Z"));
    QCOMPARE(m_scheduler->tick(), 1);
    QCOMPARE(events.size(), 2);
    const QJsonObject missed = events.at(0).at(0).toJsonObject();
    QCOMPARE(missed.value(QStringLiteral("type")).toString(), QStringLiteral("schedule.missed"));
    QCOMPARE(missed.value(QStringLiteral("missedCount")).toInt(), 5);
    const QJsonObject fired = events.at(1).at(0).toJsonObject();
    QCOMPARE(fired.value(QStringLiteral("type")).toString(), QStringLiteral("schedule.fired"));
    QCOMPARE(fired.value(QStringLiteral("name")).toString(), QStringLiteral("nightly-backup"));
    const QString job = fired.value(QStringLiteral("job")).toString();
    QCOMPARE(m_backend->job(job)->createdBy, QStringLiteral("schedule:nightly-backup"));
    // A job the danger gate refuses is an error in the history, not a run.
    Schedule bad = makeSchedule(
        *m_ws, QStringLiteral("dangerous"), QStringLiteral("*/10 * * * *"), QStringLiteral("UTC"), m_clock.now);
    bad.action = jobAction(QStringLiteral("rm -rf /"));
    QVERIFY(ScheduleStore(*m_ws).update(bad));
    m_clock.now = *bad.nextFireAt + 1000;
    m_scheduler->tick();
    const QList<ScheduleRun> runs = runsOf(*m_ws, bad.id);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().outcome, ScheduleRun::Outcome::Error);
    QVERIFY2(runs.first().message.contains(QStringLiteral("danger")), qPrintable(runs.first().message));
}

void TestScheduler::historyIsBoundedPerSchedule()
{
    const Schedule busy = makeSchedule(*m_ws, QStringLiteral("busy"), QStringLiteral("* * * * *"),
        QStringLiteral("UTC"), utc(QStringLiteral("2026-06-01T12:00:00Z")));
    const Schedule quiet = makeSchedule(*m_ws, QStringLiteral("quiet"), QStringLiteral("@daily"), QStringLiteral("UTC"),
        utc(QStringLiteral("2026-06-01T12:00:00Z")));
    ScheduleStore store(*m_ws);
    ScheduleRun run;
    run.scheduleId = quiet.id;
    run.outcome = ScheduleRun::Outcome::Missed;
    QVERIFY(store.addRun(run));
    QVERIFY(m_ws->inTransaction([&]() -> Result<void> {
        ScheduleRun r;
        r.scheduleId = busy.id;
        for (int i = 0; i < ScheduleStore::kMaxRunsKept + 25; ++i) {
            r.dueAt = i;
            if (auto added = store.addRun(r); !added) {
                return added.error();
            }
        }
        return {};
    }));
    const auto kept = store.runs(busy.id, 5000);
    QCOMPARE(kept->size(), ScheduleStore::kMaxRunsKept);
    QCOMPARE(kept->first().dueAt, ScheduleStore::kMaxRunsKept + 24); // the newest kept
    QCOMPARE(kept->last().dueAt, 25); // the oldest 25 went
    QCOMPARE(store.runs(quiet.id, 10)->size(), 1); // another schedule's history is its own
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
