// Admission control for SSH handshakes (backend-client/ssh/HandshakeWindow, HandshakeAdmission): the AIMD window's
// growth and backoff, and the queue's order and per-jump-host limits. Pure logic, fed with made-up latencies: no
// clock, no network.
#include "ssh/HandshakeAdmission.h"
#include "ssh/HandshakeWindow.h"

#include <QTest>

class TestHandshakeWindow : public QObject {
    Q_OBJECT

private:
    // Runs `n` handshakes one after another (start, then succeed with `latencyMs`).
    static void succeed(HandshakeWindow& w, int n, qint64 latencyMs)
    {
        for (int i = 0; i < n; ++i) {
            w.started();
            w.succeeded(latencyMs);
        }
    }

private slots:
    void limitsAreClamped()
    {
        HandshakeWindow w({ 100, 0, 10 });
        QCOMPARE(w.limit(), 10); // initial within min..max, min at least 1
        HandshakeWindow tiny({ 0, 0, 0 });
        QCOMPARE(tiny.limit(), 1);
        tiny.started();
        QVERIFY(!tiny.canStart());
    }

    void growsWhileLatencyStaysLow()
    {
        HandshakeWindow w({ 4, 1, 64 });
        QCOMPARE(w.limit(), 4);
        succeed(w, 10, 40); // slow start: one more per fast success
        QCOMPARE(w.limit(), 14);
        QCOMPARE(w.baseLatencyMs(), 40);
        succeed(w, 100, 60); // still fast (below 3 x 40 and the 250 ms floor)
        QCOMPARE(w.limit(), 64); // capped
    }

    void latencyClimbingShrinksOncePerRound()
    {
        HandshakeWindow w({ 20, 1, 64 });
        succeed(w, 1, 50); // base 50 ms, window 21
        QCOMPARE(w.limit(), 21);
        // 10 in flight, then all of them come back slow (over 3 x base and 250 ms): one decrease only.
        for (int i = 0; i < 10; ++i) {
            w.started();
        }
        for (int i = 0; i < 10; ++i) {
            w.succeeded(900);
        }
        QCOMPARE(w.limit(), 15); // 21 x 0.75
        // The next round is slow too: another decrease, and from now on growth is additive (+1/window).
        succeed(w, 1, 900);
        QCOMPARE(w.limit(), 11);
        succeed(w, 11, 50);
        QCOMPARE(w.limit(), 12);
    }

    void resetsHalveTheWindow()
    {
        HandshakeWindow w({ 16, 2, 64 });
        w.started();
        w.reset();
        QCOMPARE(w.limit(), 8);
        QCOMPARE(w.inFlight(), 0);
        for (int i = 0; i < 3; ++i) {
            w.started();
            w.timedOut();
        }
        QCOMPARE(w.limit(), 2); // 8 -> 4 -> 2, never below min
    }

    void otherEndsChangeNothing()
    {
        HandshakeWindow w({ 8, 1, 64 });
        w.started();
        w.failed(); // refused, authentication: not a sign of load
        w.started();
        w.abandoned();
        QCOMPARE(w.limit(), 8);
        QCOMPARE(w.inFlight(), 0);
    }

    void queueAdmitsInOrderUpToTheWindow()
    {
        HandshakeAdmission a({ 2, 1, 2 }, { 1, 1, 1 });
        const quint64 t1 = a.request();
        const quint64 t2 = a.request();
        const quint64 t3 = a.request();
        QCOMPARE(a.admit(), (QList<quint64> { t1, t2 }));
        QVERIFY(a.isWaiting(t3));
        QCOMPARE(a.admit(), QList<quint64> {});
        a.finish(t1, HandshakeAdmission::Outcome::Succeeded, 10);
        QCOMPARE(a.admit(), QList<quint64> { t3 });
        QCOMPARE(a.inFlight(), 2);
        QCOMPARE(a.waiting(), 0);
    }

    void fullJumpHostDoesNotHoldUpOthers()
    {
        HandshakeAdmission a({ 8, 1, 8 }, { 1, 1, 1 });
        const quint64 b1 = a.request(QStringLiteral("bastion"));
        const quint64 b2 = a.request(QStringLiteral("bastion"));
        const quint64 direct = a.request();
        const quint64 other = a.request(QStringLiteral("gw"));
        QCOMPARE(a.admit(), (QList<quint64> { b1, direct, other }));
        QVERIFY(a.isWaiting(b2));
        a.finish(b1, HandshakeAdmission::Outcome::Failed);
        QCOMPARE(a.admit(), QList<quint64> { b2 });
        // A reset through the bastion shrinks its window and the shared one.
        a.finish(b2, HandshakeAdmission::Outcome::Reset);
        QCOMPARE(a.jump(QStringLiteral("bastion")).limit(), 1);
        QCOMPARE(a.shared().limit(), 4);
    }

    void leavingTheQueueAndUnknownTickets()
    {
        HandshakeAdmission a({ 1, 1, 1 }, {});
        const quint64 t1 = a.request();
        const quint64 t2 = a.request();
        QCOMPARE(a.admit(), QList<quint64> { t1 });
        a.finish(t2, HandshakeAdmission::Outcome::Abandoned); // cancelled while waiting
        QCOMPARE(a.waiting(), 0);
        a.finish(12345, HandshakeAdmission::Outcome::Reset); // ignored
        QCOMPARE(a.shared().limit(), 1);
        QCOMPARE(a.inFlight(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHandshakeWindow)
#include "tst_handshakewindow.moc"
