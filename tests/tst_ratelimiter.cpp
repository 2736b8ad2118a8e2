// The job-wide bandwidth limit of pushes (backend-client/RateLimiter) and its spelling (JobSpec::parseByteRate):
// concurrent senders share the rate, a cancel ends the wait, and rates parse as operators write them.
#include "jobs/JobSpec.h"
#include "ssh/RateLimiter.h"

#include <QElapsedTimer>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

class TestRateLimiter : public QObject {
    Q_OBJECT
private slots:
    void parsesRates();
    void sharesTheRateBetweenThreads();
    void cancelEndsTheWait();
};

void TestRateLimiter::parsesRates()
{
    QCOMPARE(*JobSpec::parseByteRate(QStringLiteral("65536")), 65536);
    QCOMPARE(*JobSpec::parseByteRate(QStringLiteral("500K")), 500 * 1024);
    QCOMPARE(*JobSpec::parseByteRate(QStringLiteral("2M")), 2 * 1024 * 1024);
    QCOMPARE(*JobSpec::parseByteRate(QStringLiteral("1.5m/s")), 3 * 512 * 1024);
    QCOMPARE(*JobSpec::parseByteRate(QStringLiteral("1GiB")), qint64(1) << 30);
    QCOMPARE(*JobSpec::parseByteRate(QStringLiteral("")), 0);
    QCOMPARE(*JobSpec::parseByteRate(QStringLiteral("0")), 0);
    for (const char* bad : { "fast", "-1M", "2T", "1 0K", "99999999999G" }) {
        auto r = JobSpec::parseByteRate(QString::fromLatin1(bad));
        QVERIFY2(!r.ok(), bad);
        QVERIFY(!r.errorString().isEmpty());
    }
    // Round trip through the job's JSON.
    JobSpec spec;
    spec.name = QStringLiteral("push");
    spec.targets = { QStringLiteral("a") };
    JobStep step;
    step.action = PushFile { QStringLiteral("/etc/hosts"), {}, false, QStringLiteral("/tmp/hosts"), {}, {}, {} };
    spec.steps << step;
    spec.bandwidthLimit = 2 * 1024 * 1024;
    auto back = JobSpec::fromJson(spec.toJson());
    QVERIFY2(back.ok(), qPrintable(back.errorString()));
    QCOMPARE(back->bandwidthLimit, spec.bandwidthLimit);
}

void TestRateLimiter::sharesTheRateBetweenThreads()
{
    // 4 threads × 10 chunks of 16 KiB = 640 KiB at 1 MiB/s: at least about 0.5 s (the first 100 ms may burst).
    RateLimiter limiter(1024 * 1024);
    QElapsedTimer clock;
    clock.start();
    std::vector<std::thread> threads;
    std::atomic<int> sent { 0 };
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                sent += limiter.acquire(16 * 1024) ? 1 : 0;
            }
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    QCOMPARE(sent.load(), 40);
    QVERIFY2(clock.elapsed() >= 450, qPrintable(QString::number(clock.elapsed())));
}

void TestRateLimiter::cancelEndsTheWait()
{
    RateLimiter limiter(1024); // 1 KiB/s
    QVERIFY(limiter.acquire(10 * 1024)); // the next caller's turn is 10 s away
    QElapsedTimer clock;
    clock.start();
    std::atomic<bool> stop { false };
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        stop = true;
    });
    QVERIFY(!limiter.acquire(1024, [&] { return stop.load(); }));
    canceller.join();
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
