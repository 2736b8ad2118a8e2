// The Jobs page over the real DirectBackend (workspace store, JobEngine) with the scripted FakeTransport: a
// submitted job appears in the history and its view follows it live; interventions reach the backend; the history
// searches by name, host, status, operator and time; a finished job is replayed from the store.
#include "DirectBackend.h"
#include "JobsPage.h"
#include "MessageBar.h"
#include "Theme.h"
#include "Workspace.h"
#include "jobs/FakeTransport.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

JobSpec makeSpec(const QString& name, int hosts)
{
    JobSpec spec;
    spec.name = name;
    for (int i = 0; i < hosts; ++i) {
        spec.targets << QStringLiteral("db-%1").arg(i);
    }
    JobStep step;
    step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("hostname"), {} };
    spec.steps << step;
    return spec;
}

} // namespace

class TestJobsPage : public QObject {
    Q_OBJECT
private slots:
    void liveHistoryAndInterventions();
};

void TestJobsPage::liveHistoryAndInterventions()
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    FakeTransport transport;
    transport.defaultBehaviour.stdoutLines = { "db ok\n" };
    FakeBehaviour hang;
    hang.never = true;
    transport.perHost.insert(QStringLiteral("db-2"), hang);
    auto backend = DirectBackend::open(**ws, &transport);
    QVERIFY2(backend.ok(), qPrintable(backend.errorString()));
    JobsPage page(backend->get());
    page.resize(1300, 700);
    page.show();
    // Before any job: nothing to act on, and the page says how to start one.
    QVERIFY(!page.view()->action(JobView::Intervention::Cancel)->isEnabled());
    QVERIFY(!page.view()->action(JobView::Intervention::Pause)->isEnabled());
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("jobsEmpty"))->text().startsWith(QLatin1String("No jobs yet")));

    auto first = (*backend)->submit(makeSpec(QStringLiteral("check hostnames"), 3));
    QVERIFY2(first.ok(), qPrintable(first.errorString()));
    QTRY_COMPARE(page.historyTable()->rowCount(), 1);
    page.showJob(*first);
    QTRY_COMPARE(page.view()->state().counts().of(HostStatus::Success), 2);
    page.view()->flush();
    QVERIFY(page.view()->action(JobView::Intervention::Cancel)->isEnabled());
    page.view()->action(JobView::Intervention::Cancel)->trigger();
    QTRY_VERIFY(page.view()->state().isFinished());
    QCOMPARE(page.view()->state().status(), JobStatus::Cancelled);

    auto second = (*backend)->submit(makeSpec(QStringLiteral("uptime"), 1));
    QVERIFY(second.ok());
    QTRY_COMPARE(page.historyTable()->rowCount(), 2);
    page.searchField()->setText(QStringLiteral("uptime"));
    QTRY_COMPARE(page.historyTable()->rowCount(), 1);
    page.searchField()->clear();
    page.hostField()->setText(QStringLiteral("db-2"));
    QTRY_COMPARE(page.historyTable()->rowCount(), 1);
    page.hostField()->clear();
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(int(JobStatus::Cancelled)));
    QTRY_COMPARE(page.historyTable()->rowCount(), 1);
    page.statusFilter()->setCurrentIndex(0);
    QTRY_COMPARE(page.historyTable()->rowCount(), 2);
    // By operator (the backend's, exact) and by time: the last hour has both, a range of past days none.
    const QString me = page.historyTable()->item(0, 4)->text();
    QVERIFY(!me.isEmpty());
    page.operatorField()->setText(me + QLatin1Char('x'));
    QTRY_COMPARE(page.historyTable()->rowCount(), 0);
    page.operatorField()->setText(me);
    QTRY_COMPARE(page.historyTable()->rowCount(), 2);
    page.periodFilter()->setCurrentIndex(page.periodFilter()->findData(1));
    QCOMPARE(page.historyTable()->rowCount(), 2);
    QVERIFY(page.fromDateField()->isHidden());
    page.periodFilter()->setCurrentIndex(page.periodFilter()->findData(-1));
    QVERIFY(!page.fromDateField()->isHidden());
    page.fromDateField()->setDate(QDate::currentDate().addDays(-10));
    page.toDateField()->setDate(QDate::currentDate().addDays(-2));
    QCOMPARE(page.historyTable()->rowCount(), 0);
    page.toDateField()->setDate(QDate::currentDate());
    QCOMPARE(page.historyTable()->rowCount(), 2);
    page.periodFilter()->setCurrentIndex(0);
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(int(JobStatus::Cancelled)));
    QCOMPARE(page.historyTable()->rowCount(), 1);

    // A finished job is shown again from the store, identical to what was watched.
    const JobState watched = page.view()->state();
    page.showJob(*second);
    page.showJob(*first);
    QTRY_COMPARE(page.view()->state().lastSeq(), watched.lastSeq());
    QVERIFY(page.view()->state() == watched);
    // An intervention that does not apply says why.
    page.view()->action(JobView::Intervention::Pause)->setEnabled(true);
    page.view()->action(JobView::Intervention::Pause)->trigger();
    QVERIFY(page.messageBar()->isVisible());
}

QTEST_MAIN(TestJobsPage)
#include "tst_jobspage.moc"
