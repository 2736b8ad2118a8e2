// The job view from the event stream: counters, buttons per state, per-host output with ANSI colours, hosts
// grouped by identical output (1,000 hosts with three answers are three rows), the timeline, replay equal to
// live, and 1,000 hosts × 1,000 lines staying responsive. Driven by the real JobEngine over the scripted
// FakeTransport. With OPSDECK_SCREENSHOT_DIR set it writes screenshots in both themes.
#include "Startup.h"
#include "Theme.h"
#include "common/MessageBar.h"
#include "jobs/AnsiText.h"
#include "jobs/EventSink.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobEngine.h"
#include "jobs/JobEventWriter.h"
#include "jobs/JobHostModel.h"
#include "jobs/JobProgressBar.h"
#include "jobs/JobStore.h"
#include "jobs/JobView.h"
#include "jobs/TimelinePanel.h"
#include "jobs/TimelineView.h"
#include "store/Workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextEdit>
#include <QToolBar>
#include <QTreeWidget>

namespace {

struct ViewSink : EventSink {
    JobView* view = nullptr;
    QList<JobEvent> events;
    EventSink* store = nullptr; // when set, events go to the store instead of being kept here
    void append(const JobEvent& event) override
    {
        if (store) {
            store->append(event);
        } else {
            events.append(event);
        }
        view->applyEvent(event);
    }
};

// The view reading output from a real job store in a temporary workspace, as the Jobs page does.
struct StoredOutput {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<JobEventWriter> writer;
    std::unique_ptr<JobStore> store;
    bool open(JobView& view, const QString& jobId)
    {
        auto ws = Workspace::open(dir.filePath(QStringLiteral("ws.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            qWarning("%s", qPrintable(ws.errorString()));
            return false;
        }
        workspace = std::move(*ws);
        writer = std::make_unique<JobEventWriter>(*workspace);
        store = std::make_unique<JobStore>(*workspace);
        view.setOutputSource([this, jobId](const QString& host, qint64 offset, int limit) {
            (void)writer->flush();
            return store->hostOutput(jobId, -1, host, offset, limit);
        });
        return true;
    }
};

JobSpec makeSpec(int hosts, const QString& name = QStringLiteral("uptime everywhere"))
{
    JobSpec spec;
    spec.name = name;
    spec.createdBy = QStringLiteral("alice");
    for (int i = 0; i < hosts; ++i) {
        spec.targets << QStringLiteral("web-%1").arg(i, 4, 10, QLatin1Char('0'));
    }
    JobStep step;
    step.name = QStringLiteral("uptime");
    step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("uptime"), {} };
    spec.steps << step;
    spec.concurrency = 0;
    return spec;
}

// A pattern where "host#" is "hosts" or, while no English plural forms are installed, "host(s)" (the %n source).
QRegularExpression plural(QString pattern, QRegularExpression::PatternOptions options = {})
{
    return QRegularExpression(pattern.replace(QLatin1String("host#"), QLatin1String("host(?:s|\\(s\\))")), options);
}

} // namespace

class TestJobView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void groupsThreeAnswersOfAThousandHosts();
    void ansiOutputAndButtons();
    void replayEqualsLive();
    void timelineFollowsTheEvents();
    void thousandHostsThousandLines();
    void longOutputInWindows();
    void outputPaneFollowsTheHostAndItsAttempts();
    void headerAndProgressAfterAPolicyStop();
    void waitBannerSaysWhichBatch();
    void actionsNeverHideInAnOverflowMenu();
    void queuedAndConnectingHosts();
    void screenshots();
};

void TestJobView::initTestCase()
{
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

void TestJobView::groupsThreeAnswersOfAThousandHosts()
{
    JobView view;
    ViewSink sink;
    sink.view = &view;
    FakeTransport transport;
    transport.script = [](const HostTask& task) {
        FakeBehaviour b;
        const int n = task.host.mid(4).toInt();
        if (n % 10 == 0) {
            b.exitCode = 2;
            b.stderrLines = { "disk full\n" };
        } else if (n % 3 == 0) {
            b.stdoutLines = { "load high\n" };
        } else {
            b.stdoutLines = { "ok\n" };
        }
        return b;
    };
    JobEngine engine(makeSpec(1000), &transport);
    engine.addSink(&sink);
    QVERIFY(engine.start(QStringLiteral("alice")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(view.state().isFinished(), 30000);
    view.flush();
    const auto groups = view.outputGroups();
    QCOMPARE(groups.size(), 3);
    QCOMPARE(groups.at(0).hosts.size() + groups.at(1).hosts.size() + groups.at(2).hosts.size(), 1000);
    view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(1);
    view.flush();
    QCOMPARE(view.groupTree()->topLevelItemCount(), 3);
    QCOMPARE(view.hostModel()->rowCount(), 1000);
    QCOMPARE(view.progressBar()->value(), 1000);
    QVERIFY2(view.countersLabel()->text().contains(QLatin1String("100")), qPrintable(view.countersLabel()->text()));
    QCOMPARE(view.timeline()->rowHosts().size(), 1000);
    QVERIFY(view.action(JobView::Intervention::RetryFailed)->isEnabled());
    QVERIFY(!view.action(JobView::Intervention::Pause)->isEnabled());
}

void TestJobView::ansiOutputAndButtons()
{
    JobView view;
    ViewSink sink;
    sink.view = &view;
    FakeTransport transport;
    transport.defaultBehaviour.stdoutLines = { "\x1b[1;31mERR", "OR\x1b[0m plain \xe4\xb8", "\xad\xe6\x96\x87\n" };
    FakeBehaviour hang;
    hang.never = true;
    transport.perHost.insert(QStringLiteral("web-0001"), hang);
    JobEngine engine(makeSpec(2), &transport);
    engine.addSink(&sink);
    QSignalSpy requests(&view, &JobView::interventionRequested);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(view.state().counts().of(HostStatus::Success) == 1);
    view.flush();
    QVERIFY(view.action(JobView::Intervention::Pause)->isEnabled());
    QVERIFY(view.action(JobView::Intervention::Cancel)->isEnabled());
    QVERIFY(!view.action(JobView::Intervention::Resume)->isEnabled());
    view.action(JobView::Intervention::Cancel)->trigger();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().first().value<JobView::Intervention>(), JobView::Intervention::Cancel);
    view.showHost(QStringLiteral("web-0000"));
    const QString text = view.outputView()->toPlainText();
    QCOMPARE(text, QStringLiteral("ERROR plain 中文\n"));
    // "ERROR" is bold and red; " plain" is not.
    const QTextBlock block = view.outputView()->document()->firstBlock();
    bool redBold = false;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (f.text().startsWith(QLatin1String("ERR"))) {
            redBold = f.charFormat().fontWeight() == QFont::Bold
                && f.charFormat().foreground().color() == AnsiText::standardColor(1, false);
        }
    }
    QVERIFY(redBold);
    QVERIFY(engine.cancel().ok());
    QTRY_VERIFY(view.state().isFinished());
    view.flush();
    QVERIFY(view.action(JobView::Intervention::RetryFailedAndNotStarted)->isEnabled());
}

void TestJobView::timelineFollowsTheEvents()
{
    // A finished job's events, fed to a second view one at a time: its timeline (rows and bars, kept between
    // paints) follows each event, running bars end at the clock, finished ones where their host finished.
    FakeTransport transport;
    transport.defaultBehaviour.stdoutLines = { "ok\n" };
    const auto finishedJob = [&](JobView& view, const JobSpec& spec) -> QList<JobEvent> {
        ViewSink sink;
        sink.view = &view;
        JobEngine engine(spec, &transport);
        engine.addSink(&sink);
        if (!engine.start(QStringLiteral("alice")).ok()
            || !QTest::qWaitFor([&] { return view.state().isFinished(); }, 30000)) {
            return {}; // the caller fails on an empty list
        }
        return sink.events;
    };
    JobView live;
    const QList<JobEvent> events = finishedJob(live, makeSpec(3));
    QVERIFY(!events.isEmpty());
    JobView replay;
    replay.resize(900, 600);
    int started = 0;
    int finished = 0;
    const auto bars = [](const JobView& view) {
        QList<JobTimeline::Bar> all;
        for (const JobTimeline::Row& row : view.timelinePanel()->liveTimeline().rows()) {
            all += row.bars;
        }
        return all;
    };
    for (const JobEvent& e : events) {
        replay.applyEvent(e);
        replay.flush();
        (void)replay.timeline()->grab(); // paints
        started += e.type == JobEvent::Type::HostStarted ? 1 : 0;
        finished += e.type == JobEvent::Type::HostFinished ? 1 : 0;
        const QList<JobTimeline::Bar> now = bars(replay);
        QCOMPARE(int(now.size()), started);
        for (const JobTimeline::Bar& b : now) {
            QVERIFY(b.endMs < 0 || b.endMs >= b.startMs);
        }
        const auto done
            = std::count_if(now.cbegin(), now.cend(), [](const JobTimeline::Bar& b) { return b.endMs >= 0; });
        QCOMPARE(int(done), finished);
    }
    QCOMPARE(bars(replay).size(), 3);
    QCOMPARE(replay.timeline()->lines(), live.timeline()->lines());
    // Another job in the same view: rows and bars are rebuilt, not reused.
    JobView other;
    const QList<JobEvent> five = finishedJob(other, makeSpec(5, QStringLiteral("five")));
    QVERIFY(!five.isEmpty());
    replay.setEvents(five);
    replay.flush();
    QCOMPARE(bars(replay).size(), 5);
    QCOMPARE(replay.timeline()->rowHosts().size(), 5);
}

void TestJobView::replayEqualsLive()
{
    JobView live;
    QAbstractItemModelTester liveTester(live.hostModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ViewSink sink;
    sink.view = &live;
    FakeTransport transport;
    transport.defaultBehaviour.stdoutLines = { "hello\n" };
    FakeBehaviour fails;
    fails.exitCode = 1;
    transport.perHost.insert(QStringLiteral("web-0003"), fails);
    JobEngine engine(makeSpec(10), &transport);
    engine.addSink(&sink);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(live.state().isFinished());
    JobView replay;
    QAbstractItemModelTester replayTester(replay.hostModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    replay.setEvents(sink.events);
    QVERIFY(replay.state() == live.state());
    QCOMPARE(replay.outputGroups().size(), 2);
    QCOMPARE(replay.hostModel()->rowCount(), 10);
}

void TestJobView::thousandHostsThousandLines()
{
    JobView view;
    view.resize(1200, 800);
    view.show();
    JobSpec spec = makeSpec(1000);
    spec.id = QStringLiteral("thousand");
    StoredOutput stored;
    QVERIFY(stored.open(view, spec.id));
    ViewSink sink;
    sink.view = &view;
    sink.store = stored.writer.get();
    FakeTransport transport;
    transport.defaultBehaviour.repeatLine = 1000;
    transport.defaultBehaviour.line = "\x1b[32mcompiling module 123 of 1000\x1b[0m\n";
    JobEngine engine(spec, &transport);
    engine.addSink(&sink);
    QElapsedTimer t;
    t.start();
    QVERIFY(engine.start().ok());
    view.showHost(QStringLiteral("web-0000")); // follows its output live
    // The event loop keeps turning while the output streams in: measure the longest stall.
    qint64 worst = 0;
    QElapsedTimer tick;
    tick.start();
    while (!view.state().isFinished() && t.elapsed() < 120000) {
        QTest::qWait(20);
        worst = std::max(worst, tick.restart() - 20);
    }
    QVERIFY(view.state().isFinished());
    QCOMPARE(view.outputView()->document()->blockCount(), 1001);
    view.showHost(QStringLiteral("web-0500"));
    view.flush();
    qInfo() << "1,000 hosts x 1,000 lines:" << t.elapsed() << "ms, longest stall" << worst
            << "ms, output held by the view" << view.heldOutputBytes() << "bytes";
    QCOMPARE(view.state().counts().of(HostStatus::Success), 1000);
    QCOMPARE(view.outputView()->document()->blockCount(), 1001);
    QVERIFY(view.outputView()->toPlainText().startsWith(QLatin1String("compiling module 123 of 1000\n")));
    // 38 MB of output went by; the view holds the one host it shows (38 KB), the rest is in the store.
    QVERIFY2(view.heldOutputBytes() < 100'000, qPrintable(QString::number(view.heldOutputBytes())));
    QCOMPARE(view.outputGroups().size(), 1);
    QCOMPARE(view.outputGroups().first().bytes, 38'000);
}

void TestJobView::longOutputInWindows()
{
    JobView view;
    JobSpec spec = makeSpec(2);
    spec.id = QStringLiteral("long");
    StoredOutput stored;
    QVERIFY(stored.open(view, spec.id));
    ViewSink sink;
    sink.view = &view;
    sink.store = stored.writer.get();
    FakeTransport transport;
    transport.defaultBehaviour.repeatLine = 30'000; // 30,000 lines of 100 bytes: 3 MB, three windows
    transport.defaultBehaviour.line = QByteArray(99, 'x') + '\n';
    FakeBehaviour other = transport.defaultBehaviour;
    other.line = QByteArray(99, 'y') + '\n';
    transport.perHost.insert(QStringLiteral("web-0001"), other);
    JobEngine engine(spec, &transport);
    engine.addSink(&sink);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY_WITH_TIMEOUT(view.state().isFinished(), 60000);
    view.flush();
    QCOMPARE(view.outputGroups().size(), 2); // same length, different bytes: two groups
    view.showHost(QStringLiteral("web-0001"));
    view.flush();
    auto* more = view.findChild<QPushButton*>(QStringLiteral("jobOutputMore"));
    QVERIFY(more);
    QVERIFY2(!more->isHidden(),
        qPrintable(QStringLiteral("%1 blocks, %2 held, groups %3")
                       .arg(view.outputView()->document()->blockCount())
                       .arg(view.heldOutputBytes())
                       .arg(view.outputGroups().first().bytes)));
    const int firstWindow = view.outputView()->document()->blockCount();
    QVERIFY2(firstWindow > 9000 && firstWindow < 12'000, qPrintable(QString::number(firstWindow)));
    QVERIFY(view.heldOutputBytes() < 1'200'000);
    QVERIFY(view.outputView()->toPlainText().startsWith(QLatin1String("yyyy")));
    if (const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR"); !dir.isEmpty()) {
        view.resize(1300, 700);
        view.show();
        for (const bool zh : { false, true }) {
            Startup::installTranslators(zh ? QStringLiteral("zh_CN") : QStringLiteral("en"));
            Theme::instance()->setMode(zh ? Theme::Mode::Dark : Theme::Mode::Light);
            view.flush();
            QApplication::processEvents();
            QVERIFY(view.grab().save(
                dir + (zh ? QStringLiteral("/job-output-more-dark-zh.png") : QStringLiteral("/job-output-more.png"))));
        }
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
    }
    more->click();
    QVERIFY(view.outputView()->document()->blockCount() > 2 * firstWindow - 100);
    more->click();
    more->click();
    view.flush();
    QCOMPARE(view.outputView()->document()->blockCount(), 30'001);
    QVERIFY(more->isHidden());
    QCOMPARE(view.heldOutputBytes(), 3'000'000);
}

// The pane belongs to the selected host with its live status: "Running" while it runs, "Failed, exit 3" with the
// reason once it failed; a retry adds a second attempt, separated by headers that name attempt, step and outcome;
// clicking the selected row again reloads it; the table's Attempt and Reason columns say the same.
void TestJobView::outputPaneFollowsTheHostAndItsAttempts()
{
    JobView view;
    // The host table's model stays consistent through a live job, a retry and its new attempt rows.
    QAbstractItemModelTester tester(view.hostModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ViewSink sink;
    sink.view = &view;
    FakeTransport transport;
    transport.script = [](const HostTask& task) {
        FakeBehaviour b;
        b.stdoutLines = { "attempt " + QByteArray::number(task.attempt) + " of " + task.host.toUtf8() + "\n" };
        if (task.host == QLatin1String("web-0001") && task.attempt == 1) {
            b.delayMs = 400;
            b.exitCode = 3;
            b.stderrLines = { "no such service\n" };
        }
        return b;
    };
    JobEngine engine(makeSpec(3), &transport);
    engine.addSink(&sink);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(view.state().hostSummary(QStringLiteral("web-0001")).status == HostStatus::Running);
    view.flush();
    const QRect row1 = view.hostTable()->visualRect(view.hostModel()->index(1, JobHostModel::Host));
    QTest::mouseClick(view.hostTable()->viewport(), Qt::LeftButton, {}, row1.center());
    QCOMPARE(view.shownHost(), QStringLiteral("web-0001"));
    QVERIFY2(view.outputTitle()->text().contains(QLatin1String("Running")), qPrintable(view.outputTitle()->text()));
    QTRY_VERIFY(view.state().isFinished());
    view.flush();
    // Not "Running" any more: the title, the reason above the output and the table agree.
    QVERIFY2(
        view.outputTitle()->text().contains(QLatin1String("Failed, exit 3")), qPrintable(view.outputTitle()->text()));
    QVERIFY(!view.outputReason()->isHidden());
    QCOMPARE(view.outputReason()->text(), QStringLiteral("Exited with code 3"));
    QCOMPARE(view.hostModel()->index(1, JobHostModel::Reason).data().toString(), QStringLiteral("Exited with code 3"));
    QCOMPARE(view.hostModel()->index(0, JobHostModel::Attempt).data().toInt(), 1); // the first attempt shows too
    QCOMPARE(view.outputView()->toPlainText(), QStringLiteral("attempt 1 of web-0001\nno such service\n"));

    QVERIFY(engine.retryFailed().ok());
    QTRY_VERIFY(view.state().isFinished());
    view.flush();
    const QString text = view.outputView()->toPlainText();
    QVERIFY2(text.contains(QRegularExpression(
                 QStringLiteral("^── Attempt 1 · Step 1: uptime · [^·]+ · Failed, exit 3 ──\nattempt 1 of web-0001\nno "
                                "such service\n── Attempt 2 · Step 1: uptime · [^·]+ · Success, exit 0 ──\nattempt 2 "
                                "of web-0001\n$"))),
        qPrintable(text));
    QVERIFY2(view.outputTitle()->text().contains(QLatin1String("Success")), qPrintable(view.outputTitle()->text()));
    QVERIFY(view.outputTitle()->text().contains(QLatin1String("attempt 2")));
    QVERIFY(view.outputReason()->isHidden());
    QCOMPARE(view.hostModel()->index(1, JobHostModel::Attempt).data().toInt(), 2);
    // A click on the row already selected reloads the pane.
    view.outputView()->clear();
    QTest::mouseClick(view.hostTable()->viewport(), Qt::LeftButton, {}, row1.center());
    QCOMPARE(view.outputView()->toPlainText(), text);
}

// A policy stop: the header says "stopping" only while the job stops; afterwards the outcome and why. Hosts that
// never started are not counted as done, and the bar shows them apart from the failed one.
void TestJobView::headerAndProgressAfterAPolicyStop()
{
    JobView view;
    ViewSink sink;
    sink.view = &view;
    FakeTransport transport;
    transport.defaultBehaviour.delayMs = 20;
    transport.defaultBehaviour.exitCode = 1;
    JobSpec spec = makeSpec(3);
    spec.concurrency = 1;
    auto policy = FailurePolicy::parse(QStringLiteral("first"));
    QVERIFY(policy.ok());
    spec.failurePolicy = *policy;
    JobEngine engine(spec, &transport);
    engine.addSink(&sink);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(view.state().isFinished());
    view.flush();
    QVERIFY(std::any_of(sink.events.cbegin(), sink.events.cend(),
        [](const JobEvent& e) { return e.type == JobEvent::Type::JobStopping; }));
    QVERIFY2(!view.statusLabel()->text().contains(QLatin1String("stopping")), qPrintable(view.statusLabel()->text()));
    QVERIFY2(view.statusLabel()->text().contains(QLatin1String("Failed")), qPrintable(view.statusLabel()->text()));
    QVERIFY(!view.state().isStopping());
    QCOMPARE(view.progressBar()->value(), 1);
    QCOMPARE(view.progressBar()->maximum(), 3);
    QVERIFY2(
        plural(QStringLiteral("^1 of 3 host# done, 2 not started$")).match(view.progressBar()->format()).hasMatch(),
        qPrintable(view.progressBar()->format()));
    QCOMPARE(view.progressBar()->segment(JobProgressBar::Segment::Failed), 1);
    QCOMPARE(view.progressBar()->segment(JobProgressBar::Segment::NotStarted), 2);
    QCOMPARE(view.progressBar()->segment(JobProgressBar::Segment::Succeeded), 0);
    // A retry: no stale "stopping" either, and the bar counts again from what is done.
    transport.defaultBehaviour.exitCode = 0;
    QVERIFY(engine.retryFailedAndNotStarted().ok());
    QTRY_VERIFY(view.state().isFinished());
    view.flush();
    QCOMPARE(view.state().status(), JobStatus::Succeeded);
    QVERIFY(!view.statusLabel()->text().contains(QLatin1String("stopping")));
    QVERIFY2(plural(QStringLiteral("^3 of 3 host# done$")).match(view.progressBar()->format()).hasMatch(),
        qPrintable(view.progressBar()->format()));
    QCOMPARE(view.progressBar()->segment(JobProgressBar::Segment::Succeeded), 3);
}

// Between batches a banner says which batch waits, of how many, with how many hosts, and its button goes on.
void TestJobView::actionsNeverHideInAnOverflowMenu()
{
    JobView live;
    ViewSink sink;
    sink.view = &live;
    FakeTransport transport;
    JobSpec spec = makeSpec(2);
    JobStep second = spec.steps.first();
    second.name = QStringLiteral("restart the application server and wait for its health check");
    spec.steps << second;
    JobEngine engine(spec, &transport);
    engine.addSink(&sink);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(live.state().isFinished());
    const auto overflowing = [](const JobView& view) {
        QStringList hidden;
        for (const QToolBar* bar : view.findChildren<QToolBar*>()) {
            for (QAction* a : bar->actions()) {
                if (!a->isSeparator() && bar->widgetForAction(a) && !bar->widgetForAction(a)->isVisible()) {
                    hidden << a->text();
                }
            }
        }
        return hidden;
    };
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
        Startup::installTranslators(language);
        for (const Theme::Mode theme : { Theme::Mode::Light, Theme::Mode::Dark }) {
            Theme::instance()->setMode(theme);
            for (const int width : { 560, 760, 1000, 1400 }) {
                JobView view;
                view.setEvents(sink.events);
                view.resize(width, 600);
                view.show();
                QVERIFY(QTest::qWaitForWindowExposed(&view));
                QTest::qWait(20);
                const QStringList hidden = overflowing(view);
                QVERIFY2(hidden.isEmpty(),
                    qPrintable(QStringLiteral("%1 px, %2: hidden %3").arg(width).arg(language, hidden.join(u','))));
            }
        }
    }
    Theme::instance()->setMode(Theme::Mode::Light);
    Startup::installTranslators(QStringLiteral("en"));
}

void TestJobView::waitBannerSaysWhichBatch()
{
    for (const bool manual : { true, false }) {
        JobView view;
        view.resize(1000, 600);
        view.show();
        ViewSink sink;
        sink.view = &view;
        FakeTransport transport;
        JobSpec spec = makeSpec(6);
        auto plan = RollingPlan::parse(QStringLiteral("2"));
        QVERIFY(plan.ok());
        spec.plan = *plan;
        spec.pause = manual ? BatchPause::manual() : BatchPause::after(30);
        JobEngine engine(spec, &transport);
        engine.addSink(&sink);
        connect(&view, &JobView::interventionRequested, &engine, [&engine](JobView::Intervention i) {
            if (i == JobView::Intervention::ConfirmNextBatch) {
                QVERIFY(engine.confirmNextBatch().ok());
            }
        });
        QVERIFY(engine.start().ok());
        QTRY_VERIFY(view.state().isWaiting());
        view.flush();
        MessageBar* banner = view.waitBanner();
        QVERIFY(!banner->isHidden());
        QVERIFY2(plural(manual ? QStringLiteral("^Batch 2 of 3 \\(2 host#\\) is waiting for confirmation\\.$")
                               : QStringLiteral("^Waiting (30|29) s before batch 2 of 3 \\(2 host#\\)\\.$"))
                     .match(banner->text())
                     .hasMatch(),
            qPrintable(banner->text()));
        QCOMPARE(
            banner->actionButton()->text(), manual ? QStringLiteral("Start Batch 2") : QStringLiteral("Start Now"));
        QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
        QTRY_COMPARE(view.state().counts().of(HostStatus::Success), 4);
        QTRY_VERIFY(view.state().isWaiting());
        view.flush();
        QVERIFY2(plural(QStringLiteral("batch 3 of 3 \\(2 host#\\)"), QRegularExpression::CaseInsensitiveOption)
                     .match(banner->text())
                     .hasMatch(),
            qPrintable(banner->text()));
        QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
        QTRY_VERIFY(view.state().isFinished());
        view.flush();
        QVERIFY(banner->isHidden());
    }
}

// Hosts waiting for a handshake slot (the transport's admission control) show as "Connecting (queued)" in the
// host table, and the counters say how many of the running hosts are queued and connecting.
void TestJobView::queuedAndConnectingHosts()
{
    Startup::installTranslators(QStringLiteral("en")); // English plural forms
    JobView view;
    ViewSink sink;
    sink.view = &view;
    FakeTransport transport;
    transport.defaultBehaviour.never = true;
    JobEngine engine(makeSpec(4), &transport);
    engine.addSink(&sink);
    QVERIFY(engine.start(QStringLiteral("alice")).ok());
    QTRY_COMPARE(transport.started.size(), 4);
    emit transport.phaseChanged(transport.started.at(0), TaskPhase::Queued);
    emit transport.phaseChanged(transport.started.at(1), TaskPhase::Queued);
    emit transport.retrying(transport.started.at(1), QStringLiteral("retrying the connection (1 of 4) in 0.3 s: x"));
    emit transport.phaseChanged(transport.started.at(2), TaskPhase::Queued);
    emit transport.phaseChanged(transport.started.at(2), TaskPhase::Connecting);
    emit transport.phaseChanged(transport.started.at(3), TaskPhase::Running);
    QTRY_COMPARE_WITH_TIMEOUT(
        view.state().hostSummary(QStringLiteral("web-0002")).phase, QStringLiteral("connecting"), 2000);
    view.flush();
    QVERIFY2(view.countersLabel()->text().contains(QLatin1String("4 (queued 2, connecting 1)")),
        qPrintable(view.countersLabel()->text()));
    view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(1);
    view.flush();
    QStringList reasons;
    for (int row = 0; row < view.hostModel()->rowCount(); ++row) {
        reasons << view.hostModel()->index(row, JobHostModel::Reason).data().toString();
    }
    QCOMPARE(reasons,
        (QStringList { QStringLiteral("Connecting (queued)"), QStringLiteral("Connecting (queued; retried 1 time)"),
            QStringLiteral("Connecting"), QString() }));
    if (const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR"); !dir.isEmpty()) {
        view.resize(1100, 420);
        view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(0); // the host table
        view.show();
        QApplication::processEvents();
        QVERIFY(view.grab().save(dir + QStringLiteral("/job-queued.png")));
        Theme::instance()->setMode(Theme::Mode::Dark);
        view.flush();
        QApplication::processEvents();
        QVERIFY(view.grab().save(dir + QStringLiteral("/job-queued-dark.png")));
        Theme::instance()->setMode(Theme::Mode::Light);
        Startup::installTranslators(QStringLiteral("zh_CN"));
        view.flush();
        QApplication::processEvents();
        QVERIFY(view.grab().save(dir + QStringLiteral("/job-queued-zh.png")));
        Startup::installTranslators(QStringLiteral("en"));
    }
    QVERIFY(engine.cancel(QStringLiteral("alice")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(view.state().isFinished(), 15000);
}

void TestJobView::screenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the job view");
    }
    JobView view;
    view.resize(1300, 760);
    ViewSink sink;
    sink.view = &view;
    FakeTransport transport;
    transport.script = [](const HostTask& task) {
        FakeBehaviour b;
        const int n = task.host.mid(4).toInt();
        b.delayMs = 30 + (n * 37) % 400;
        if (n % 9 == 0) {
            b.exitCode = 1;
            b.stderrLines = { "\x1b[31mE: Unable to locate package nginx-extras\x1b[0m\n" };
        } else {
            b.stdoutLines = { "Reading package lists...\n", "\x1b[32mnginx is already the newest version.\x1b[0m\n" };
        }
        if (n == 13) {
            b.error = HostStatus::Unreachable;
        }
        return b;
    };
    JobSpec spec = makeSpec(40, QStringLiteral("upgrade nginx"));
    spec.concurrency = 8;
    auto plan = RollingPlan::parse(QStringLiteral("4 50% 100%"));
    QVERIFY(plan.ok());
    spec.plan = *plan;
    JobEngine engine(spec, &transport);
    engine.addSink(&sink);
    view.show();
    QVERIFY(engine.start(QStringLiteral("alice")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(view.state().isFinished(), 20000);
    view.showHost(QStringLiteral("web-0009"));
    view.hostTable()->selectRow(9);
    view.flush();
    QApplication::processEvents();
    QVERIFY(view.grab().save(dir + QStringLiteral("/job-view.png")));
    view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(2);
    Theme::instance()->setMode(Theme::Mode::Dark);
    view.flush();
    QApplication::processEvents();
    QVERIFY(view.grab().save(dir + QStringLiteral("/job-timeline-dark.png")));
    view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(1);
    view.flush();
    QApplication::processEvents();
    QVERIFY(view.grab().save(dir + QStringLiteral("/job-groups-dark.png")));
    Theme::instance()->setMode(Theme::Mode::Light);
}

QTEST_MAIN(TestJobView)
#include "tst_jobview.moc"
