// The Jobs page over the real DirectBackend (workspace store, JobEngine) with the scripted FakeTransport: a
// submitted job appears in the history and its view follows it live; interventions reach the backend; the history
// searches by name, host, status, operator and time; a finished job is replayed from the store.
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobHostModel.h"
#include "jobs/JobsPage.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

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
    void outputPaneAcrossJobSwitches();
    void riskyInterventionsAskFirst();
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

// Two jobs on hosts of the same names with different output: the pane shows the selected host of the job shown,
// never the other job's, whichever way the jobs are switched; the details pane always shows the job highlighted in
// the filtered history, and nothing when the filters leave no job.
void TestJobsPage::outputPaneAcrossJobSwitches()
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    FakeTransport transport;
    transport.script = [](const HostTask& task) {
        FakeBehaviour b;
        b.stdoutLines = { "job " + task.jobId.toUtf8() + " on " + task.host.toUtf8() + "\n" };
        return b;
    };
    auto backend = DirectBackend::open(**ws, &transport);
    QVERIFY2(backend.ok(), qPrintable(backend.errorString()));
    JobsPage page(backend->get());
    page.resize(1300, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    JobSpec a = makeSpec(QStringLiteral("alpha"), 3);
    a.id = QStringLiteral("alpha");
    JobSpec b = makeSpec(QStringLiteral("beta"), 3);
    b.id = QStringLiteral("beta");
    QVERIFY((*backend)->submit(a).ok());
    QVERIFY((*backend)->submit(b).ok());
    QTRY_COMPARE(page.historyTable()->rowCount(), 2);
    page.showJob(QStringLiteral("alpha"));
    QTRY_VERIFY(page.view()->state().jobId() == QLatin1String("alpha") && page.view()->state().isFinished());
    page.view()->flush();
    QTableView* hosts = page.view()->hostTable();
    QTest::mouseClick(
        hosts->viewport(), Qt::LeftButton, {}, hosts->visualRect(page.view()->hostModel()->index(1, 0)).center());
    QTRY_COMPARE(page.view()->outputView()->toPlainText(), QStringLiteral("job alpha on db-1\n"));
    const auto rowOf = [&](const QString& name) {
        for (int r = 0; r < page.historyTable()->rowCount(); ++r) {
            if (page.historyTable()->item(r, 1)->text() == name) {
                return r;
            }
        }
        return -1;
    };
    // A click on the other job in the history: the same host, of that job.
    QTest::mouseClick(page.historyTable()->viewport(), Qt::LeftButton, {},
        page.historyTable()
            ->visualRect(page.historyTable()->model()->index(rowOf(QStringLiteral("beta")), 1))
            .center());
    QCOMPARE(page.shownJob(), QStringLiteral("beta"));
    QVERIFY(!page.view()->outputView()->toPlainText().contains(QLatin1String("alpha")));
    QTRY_VERIFY(page.view()->state().isFinished());
    page.view()->flush();
    QCOMPARE(page.view()->shownHost(), QStringLiteral("db-1"));
    QCOMPARE(page.view()->outputView()->toPlainText(), QStringLiteral("job beta on db-1\n"));
    QCOMPARE(hosts->currentIndex().row(), 1);
    QVERIFY2(page.view()->outputTitle()->text().startsWith(QStringLiteral("db-1 — Success")),
        qPrintable(page.view()->outputTitle()->text()));
    // Another host of beta, then back to alpha: alpha's output of that host.
    QTest::mouseClick(
        hosts->viewport(), Qt::LeftButton, {}, hosts->visualRect(page.view()->hostModel()->index(2, 0)).center());
    QCOMPARE(page.view()->outputView()->toPlainText(), QStringLiteral("job beta on db-2\n"));
    page.historyTable()->setCurrentCell(rowOf(QStringLiteral("alpha")), 1);
    QTRY_VERIFY(page.view()->state().jobId() == QLatin1String("alpha") && page.view()->state().isFinished());
    page.view()->flush();
    QCOMPARE(page.view()->outputView()->toPlainText(), QStringLiteral("job alpha on db-2\n"));

    // The filtered history: the job shown is always the highlighted one of the list.
    page.searchField()->setText(QStringLiteral("beta"));
    QTRY_COMPARE(page.historyTable()->rowCount(), 1);
    QCOMPARE(page.shownJob(), QStringLiteral("beta"));
    QCOMPARE(page.historyTable()->currentRow(), 0);
    QTRY_COMPARE(page.view()->state().jobId(), QStringLiteral("beta"));
    page.searchField()->setText(QStringLiteral("no such job"));
    QTRY_COMPARE(page.historyTable()->rowCount(), 0);
    QVERIFY(page.shownJob().isEmpty());
    QVERIFY(page.view()->state().isEmpty());
    QCOMPARE(page.view()->outputView()->toPlainText(), QString());
    // Shown from outside while the filters hide it (a job just submitted): the filters give way.
    page.showJob(QStringLiteral("alpha"));
    QCOMPARE(page.searchField()->text(), QString());
    QCOMPARE(page.historyTable()->rowCount(), 2);
    QCOMPARE(page.historyTable()->item(page.historyTable()->currentRow(), 1)->text(), QStringLiteral("alpha"));
}

// Cancel, Retry and Re-run ask first when they touch more than one host (one host: no question); a script with
// blocking danger findings needs the acknowledgement again before it is retried or re-run.
void TestJobsPage::riskyInterventionsAskFirst()
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    FakeTransport transport;
    transport.defaultBehaviour.never = true;
    auto backend = DirectBackend::open(**ws, &transport);
    QVERIFY2(backend.ok(), qPrintable(backend.errorString()));
    JobsPage page(backend->get());
    page.show();
    auto id = (*backend)->submit(makeSpec(QStringLiteral("three"), 3));
    QVERIFY(id.ok());
    page.refresh();
    page.showJob(*id);
    QTRY_COMPARE(page.view()->state().counts().of(HostStatus::Running), 3);
    page.view()->flush();
    QAction* cancel = page.view()->action(JobView::Intervention::Cancel);
    int asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    cancel->trigger();
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QVERIFY2(Dialogs::lastText().contains(QLatin1String("3 host")), qPrintable(Dialogs::lastText()));
    QTest::qWait(100);
    QVERIFY(!page.view()->state().isFinished());
    QCOMPARE(transport.cancelled.size(), 0);
    Dialogs::setNextAnswer(QMessageBox::Ok);
    cancel->trigger();
    QTRY_VERIFY(page.view()->state().isFinished());
    QCOMPARE(page.view()->state().status(), JobStatus::Cancelled);
    page.view()->flush();

    // Retry of three cancelled hosts: asked; refused, nothing runs.
    transport.defaultBehaviour.never = false;
    transport.defaultBehaviour.exitCode = 1;
    asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    page.view()->action(JobView::Intervention::RetryFailedAndNotStarted)->trigger();
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QTest::qWait(100);
    QCOMPARE(page.view()->state().run(), 1);
    Dialogs::setNextAnswer(QMessageBox::Ok);
    page.view()->action(JobView::Intervention::RetryFailedAndNotStarted)->trigger();
    QTRY_VERIFY(page.view()->state().run() == 2 && page.view()->state().isFinished());
    page.view()->flush();
    // Re-run of the step on three hosts: asked too.
    asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::Ok);
    page.view()->action(JobView::Intervention::RerunStep)->trigger();
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QVERIFY2(Dialogs::lastText().contains(QLatin1String("step 1")), qPrintable(Dialogs::lastText()));
    QTRY_VERIFY(page.view()->state().run() == 3 && page.view()->state().isFinished());

    // One host: no question. A dangerous script: the acknowledgement again, even for one host.
    JobSpec one = makeSpec(QStringLiteral("one"), 1);
    auto single = (*backend)->submit(one);
    QVERIFY(single.ok());
    page.refresh();
    page.showJob(*single);
    QTRY_VERIFY(page.view()->state().jobId() == *single && page.view()->state().isFinished());
    page.view()->flush();
    asked = Dialogs::askedCount();
    page.view()->action(JobView::Intervention::RetryFailed)->trigger();
    QCOMPARE(Dialogs::askedCount(), asked);
    QTRY_VERIFY(page.view()->state().run() == 2 && page.view()->state().isFinished());

    JobSpec danger = makeSpec(QStringLiteral("wipe"), 1);
    std::get<RunScript>(danger.steps[0].action).script = QStringLiteral("echo cleaning\nrm -rf /\n");
    auto wipe = (*backend)->submit(danger);
    QVERIFY(wipe.ok());
    page.refresh();
    page.showJob(*wipe);
    QTRY_VERIFY(page.view()->state().jobId() == *wipe && page.view()->state().isFinished());
    page.view()->flush();
    asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    page.view()->action(JobView::Intervention::RerunStep)->trigger();
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QVERIFY2(Dialogs::lastText().contains(QLatin1String("can destroy a host")), qPrintable(Dialogs::lastText()));
    QVERIFY2(Dialogs::lastText().contains(QLatin1String("line 2")), qPrintable(Dialogs::lastText()));
    QTest::qWait(100);
    QCOMPARE(page.view()->state().run(), 1);
    Dialogs::setNextAnswer(QMessageBox::Ok);
    page.view()->action(JobView::Intervention::RetryFailed)->trigger();
    QCOMPARE(Dialogs::askedCount(), asked + 2);
    QTRY_VERIFY(page.view()->state().run() == 2 && page.view()->state().isFinished());
}

QTEST_MAIN(TestJobsPage)
#include "tst_jobspage.moc"
