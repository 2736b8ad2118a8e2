// HandoverBackend (backend-client/): new work on one backend while the jobs the other still runs stay listed,
// watched and controlled there until they end — over two real DirectBackends with the scripted FakeTransport.
#include "HandoverBackend.h"
#include "jobs/FakeTransport.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

JobSpec spec(const QString& name, const QStringList& hosts)
{
    JobSpec s;
    s.name = name;
    s.targets = hosts;
    JobStep step;
    step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("true"), {} };
    s.steps << step;
    return s;
}

QStringList names(const QList<JobSummary>& jobs)
{
    QStringList out;
    for (const JobSummary& j : jobs) {
        out << j.name;
    }
    return out;
}

} // namespace

class TestHandover : public QObject {
    Q_OBJECT
private slots:
    void runningJobsStayWhereTheyRun();
};

void TestHandover::runningJobsStayWhereTheyRun()
{
    QTemporaryDir dir;
    auto wsA = Workspace::open(dir.filePath(QStringLiteral("a.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    auto wsB = Workspace::open(dir.filePath(QStringLiteral("b.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY(wsA && wsB);
    FakeTransport transportA;
    FakeTransport transportB;
    FakeBehaviour hang;
    hang.never = true;
    transportA.perHost.insert(QStringLiteral("slow"), hang);
    auto previous = DirectBackend::open(**wsA, &transportA);
    auto current = DirectBackend::open(**wsB, &transportB);
    QVERIFY(previous && current);

    // On the previous backend: one job done, one still running.
    auto done = (*previous)->submit(spec(QStringLiteral("old done"), { QStringLiteral("fast") }));
    QVERIFY(done);
    QTRY_VERIFY(isFinal((*previous)->job(*done)->status));
    QTest::qWait(5); // a later creation time
    auto running = (*previous)->submit(spec(QStringLiteral("old running"), { QStringLiteral("slow") }));
    QVERIFY(running);

    HandoverBackend handover(current->get(), previous->get(), { *running });
    QSignalSpy finished(&handover, &HandoverBackend::handoverFinished);
    QSignalSpy changed(&handover, &Backend::jobChanged);

    // New work goes to the current backend.
    QTest::qWait(5);
    auto fresh = handover.submit(spec(QStringLiteral("new"), { QStringLiteral("h1") }));
    QVERIFY(fresh);
    QVERIFY((*current)->job(*fresh));
    QVERIFY(!(*previous)->job(*fresh));
    QTRY_VERIFY(isFinal((*current)->job(*fresh)->status));

    // Listed: the current's jobs and the handed-over running one, newest first; not the previous' finished one.
    auto listed = handover.jobs();
    QVERIFY(listed);
    QCOMPARE(names(*listed), QStringList({ QStringLiteral("new"), QStringLiteral("old running") }));
    // Filters apply to both; a status filter that excludes running jobs leaves it out.
    JobFilter succeeded;
    succeeded.statuses = { JobStatus::Succeeded };
    QCOMPARE(names(*handover.jobs(succeeded)), QStringList({ QStringLiteral("new") }));
    JobFilter byName;
    byName.script = QStringLiteral("old");
    QCOMPARE(names(*handover.jobs(byName)), QStringList({ QStringLiteral("old running") }));

    // Watched and controlled where it runs.
    auto sub = handover.subscribe(*running, 0, this);
    QVERIFY(sub);
    QTRY_VERIFY((*sub)->lastSeq() > 0);
    QVERIFY(handover.state(*running));
    QVERIFY((*previous)->isRunningHere(*running));
    QVERIFY(handover.cancel(*running));
    QTRY_VERIFY(isFinal((*previous)->job(*running)->status));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!changed.isEmpty());
    QVERIFY(handover.handedOver().isEmpty());
    // It has left the list; its history stays where it ran.
    QCOMPARE(names(*handover.jobs()), QStringList({ QStringLiteral("new") }));
    QVERIFY((*previous)->job(*running));
    delete *sub;
}

QTEST_GUILESS_MAIN(TestHandover)
#include "tst_handover.moc"
