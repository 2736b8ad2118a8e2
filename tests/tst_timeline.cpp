// The job view's timeline, from recorded event streams (tests/jobs/SyntheticJob.h, the order the engine emits):
// rows and their order per sort, grouping by batch and folding, the filter, bars and their colours by outcome,
// the axis range and its ticks at every zoom, batch starts, waits and pauses, growing live, zoom and pan, the hover
// text, a click selecting the host's output, and replay (scrubbing and playing back shows only what had happened).
// With OPSDECK_SCREENSHOT_DIR set it writes screenshots in both themes and both languages.
#include "Startup.h"
#include "Theme.h"
#include "jobs/JobState.h"
#include "jobs/JobTimeline.h"
#include "jobs/JobView.h"
#include "jobs/SyntheticJob.h"
#include "jobs/TimelinePanel.h"
#include "jobs/TimelineView.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QHelpEvent>
#include <QLabel>
#include <QScrollBar>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextEdit>
#include <QToolTip>

namespace {

// 2026-03-02 09:00:00 UTC: a fixed start, so that the clock axis is the same on every run.
constexpr qint64 kStart = 1772442000000;

// 12 hosts in three batches of four; web-00004 and web-00009 fail (exit 3), web-00010 is unreachable; host n runs
// (1 + n % 7) s; a manual wait of 5 s before batches 2 and 3, a pause of 3 s in batch 1.
SyntheticJob twelveHosts()
{
    return SyntheticJob::rolling(12, 4, 5, 11, kStart);
}

QString host(int n)
{
    return QStringLiteral("web-%1").arg(n, 5, 10, QLatin1Char('0'));
}

struct Shown {
    JobView view;
    TimelineView* timeline = nullptr;
    TimelinePanel* panel = nullptr;
    explicit Shown(const QList<JobEvent>& events)
    {
        view.resize(1280, 900);
        view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(2);
        view.findChild<QSplitter*>(QStringLiteral("jobSplitter"))->setSizes({ 640, 260 });
        view.show();
        view.setEvents(events);
        view.flush();
        timeline = view.timeline();
        panel = view.timelinePanel();
        QApplication::processEvents();
    }
    QColor pixel(const QPoint& pos) const { return timeline->viewport()->grab().toImage().pixelColor(pos); }
    int lineOf(const QString& name) const
    {
        const QList<TimelineView::Line> lines = timeline->lines();
        const int row = timeline->timeline()->rowOf(name);
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).row == row) {
                return i;
            }
        }
        return -1;
    }
};

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void rowsGroupedByBatchWithBarsColouredByOutcome();
    void axisRangeAndNiceTicksAtEveryZoom();
    void batchStartsWaitsAndPauses();
    void sortAndFilterRows();
    void foldingABatch();
    void clickingABarSelectsTheHost();
    void hoverSaysHostStepStatusExitAndDuration();
    void zoomAndPan();
    void hiddenTimelineCatchesUpWhenShown();
    void growsLive();
    void replayShowsOnlyWhatHadHappened();
    void playbackRunsToTheEnd();
    void scrubbingBackAndForthMatchesTheFold();
    void screenshots();
};

void TestTimeline::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

void TestTimeline::rowsGroupedByBatchWithBarsColouredByOutcome()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    const JobTimeline& t = s.panel->liveTimeline();
    QVERIFY(t.isFinished());
    QCOMPARE(t.rows().size(), 12);
    // Three batch headers, each followed by its four hosts in target order.
    const QList<TimelineView::Line> lines = s.timeline->lines();
    QCOMPARE(lines.size(), 15);
    for (int b = 0; b < 3; ++b) {
        QCOMPARE(lines.at(b * 5), (TimelineView::Line { b, -1 }));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(lines.at(b * 5 + 1 + i), (TimelineView::Line { b, b * 4 + i }));
        }
    }
    QStringList expected;
    for (int n = 0; n < 12; ++n) {
        expected << host(n);
    }
    QCOMPARE(s.timeline->rowHosts(), expected);
    // One bar per host, where the events put it, with the host's outcome.
    for (int n = 0; n < 12; ++n) {
        const JobTimeline::Row& row = t.rows().at(n);
        QCOMPARE(row.bars.size(), 1);
        const JobTimeline::Bar& b = row.bars.first();
        QCOMPARE(b.endMs - b.startMs, 1000 * (1 + n % 7));
        const HostStatus want = n == 10 ? HostStatus::Unreachable
            : n % 5 == 4                ? HostStatus::Failed
                                        : HostStatus::Success;
        QCOMPARE(row.status, want);
        QCOMPARE(b.exitCode, n == 10 ? -1 : want == HostStatus::Failed ? 3 : 0);
    }
    // On screen: a bar's middle is the theme's colour of its outcome.
    const auto colourOf = [&](int n) { return s.pixel(s.timeline->barRect(n, 0).center()); };
    QCOMPARE(colourOf(0), Theme::color(QStringLiteral("job.success")));
    QCOMPARE(colourOf(4), Theme::color(QStringLiteral("job.failed")));
    QCOMPARE(colourOf(10), Theme::color(QStringLiteral("job.failed")));
    QCOMPARE(TimelineView::outcomeColor(JobTimeline::Outcome::Running), Theme::color(QStringLiteral("job.running")));
    // The legend counts every host by outcome.
    const auto counts = s.timeline->outcomeCounts();
    QCOMPARE(counts[size_t(JobTimeline::Outcome::Succeeded)], 9);
    QCOMPARE(counts[size_t(JobTimeline::Outcome::Failed)], 3);
    QCOMPARE(counts[size_t(JobTimeline::Outcome::Running)], 0);
    // In the dark theme the bars take the dark theme's colours.
    Theme::instance()->setMode(Theme::Mode::Dark);
    QApplication::processEvents();
    QCOMPARE(colourOf(4), Theme::color(QStringLiteral("job.failed")));
    QCOMPARE(colourOf(1), Theme::color(QStringLiteral("job.success")));
    Theme::instance()->setMode(Theme::Mode::Light);
}

void TestTimeline::axisRangeAndNiceTicksAtEveryZoom()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    const qint64 last = job.events.last().timeMs;
    // Fitted: the whole job from its creation to its last event is in view, with little to spare.
    QVERIFY(s.timeline->isFitted());
    QCOMPARE(s.timeline->visibleStartMs(), kStart);
    QVERIFY2(s.timeline->visibleEndMs() >= last - 50, qPrintable(QString::number(s.timeline->visibleEndMs() - last)));
    QVERIFY(s.timeline->xFor(last) <= s.timeline->plotRect().right());
    QVERIFY(s.timeline->xFor(kStart) > s.timeline->plotRect().left());
    // Ticks at round elapsed times from the start, a nice step apart.
    const QList<qint64> ticks = s.timeline->elapsedTicks();
    QVERIFY(ticks.size() >= 3);
    QCOMPARE(ticks.first(), kStart);
    const qint64 step = s.timeline->tickStepMs();
    QVERIFY2(step >= 1000 && step <= 5000, qPrintable(QString::number(step))); // ~28 s over ~1,000 px
    for (int i = 1; i < ticks.size(); ++i) {
        QCOMPARE(ticks.at(i) - ticks.at(i - 1), step);
    }
    QCOMPARE(TimelineView::elapsedText(4000, 2000), QStringLiteral("+4 s"));
    QCOMPARE(TimelineView::elapsedText(90000, 30000), QStringLiteral("+1:30"));
    QCOMPARE(TimelineView::elapsedText(3723000, 600000), QStringLiteral("+1:02:03"));
    QCOMPARE(TimelineView::elapsedText(250, 50), QStringLiteral("+0.25 s"));
    // At every zoom the step is one of the nice ones and keeps labels apart.
    const QList<qint64> nice { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000,
        300000, 600000, 900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000, 172800000, 604800000,
        2419200000 };
    for (double pps = 0.0001; pps <= 20000; pps *= 1.7) {
        const qint64 st = TimelineView::niceStepMs(pps, 90);
        QVERIFY2(nice.contains(st), qPrintable(QString::number(st)));
        QVERIFY(st / 1000.0 * pps >= 90 || st == nice.last());
        const auto index = nice.indexOf(st);
        QVERIFY(index == 0 || nice.at(index - 1) / 1000.0 * pps < 90); // the smallest that fits
    }
    // Zoomed in around a moment: that moment stays under the pointer, fewer seconds are in view.
    const int x = s.timeline->xFor(kStart + 10000);
    s.timeline->zoomBy(4, x);
    QVERIFY(!s.timeline->isFitted());
    QVERIFY(std::abs(s.timeline->xFor(kStart + 10000) - x) <= 1);
    QVERIFY(s.timeline->visibleEndMs() - s.timeline->visibleStartMs() < (last - kStart) / 3);
    QVERIFY(s.timeline->tickStepMs() < step);
}

void TestTimeline::batchStartsWaitsAndPauses()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    const JobTimeline& t = s.panel->liveTimeline();
    QList<qint64> batchStarts;
    QList<qint64> waits;
    QList<qint64> confirms;
    for (const JobEvent& e : job.events) {
        if (e.type == JobEvent::Type::BatchStarted) {
            batchStarts << e.timeMs;
        } else if (e.type == JobEvent::Type::JobWaiting) {
            waits << e.timeMs;
        } else if (e.type == JobEvent::Type::JobConfirmed) {
            confirms << e.timeMs;
        }
    }
    QCOMPARE(t.groups().size(), 3);
    for (int b = 0; b < 3; ++b) {
        QCOMPARE(t.groups().at(b).startMs, batchStarts.at(b));
        QCOMPARE(t.groups().at(b).batch, b);
        QVERIFY(t.groups().at(b).endMs > t.groups().at(b).startMs);
        QCOMPARE(t.groups().at(b).rows.size(), 4);
    }
    // Two waits for confirmation before batches 2 and 3, and the pause in batch 1.
    QCOMPARE(t.intervals().size(), 3);
    QCOMPARE(t.intervals().at(0).kind, JobTimeline::Interval::Kind::Pause);
    QCOMPARE(t.intervals().at(0).endMs - t.intervals().at(0).startMs, 3000);
    for (int i = 0; i < 2; ++i) {
        const JobTimeline::Interval& w = t.intervals().at(i + 1);
        QCOMPARE(w.kind, JobTimeline::Interval::Kind::Wait);
        QVERIFY(w.manual);
        QCOMPARE(w.batch, i + 1);
        QCOMPARE(w.startMs, waits.at(i));
        QCOMPARE(w.endMs, confirms.at(i));
    }
    // On screen: the wait is a band in the warning colour (over an empty part of a row of the first batch).
    const JobTimeline::Interval& w = t.intervals().at(1);
    const int x = s.timeline->xFor((w.startMs + w.endMs) / 2);
    const QColor c = s.pixel(QPoint(x, s.timeline->lineRect(s.lineOf(host(0))).center().y()));
    const QColor band = Theme::color(QStringLiteral("message.warning.background"));
    QVERIFY2(
        std::abs(c.red() - band.red()) + std::abs(c.green() - band.green()) + std::abs(c.blue() - band.blue()) < 60,
        qPrintable(c.name()));
}

void TestTimeline::sortAndFilterRows()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    s.timeline->setGrouped(false);
    // Failed first: the three failures (target order among them), then the successes in target order.
    s.panel->sortBox()->setCurrentIndex(1);
    QCOMPARE(s.timeline->sort(), TimelineView::Sort::FailedFirst);
    QStringList hosts = s.timeline->rowHosts();
    QCOMPARE(hosts.mid(0, 3), (QStringList { host(4), host(9), host(10) }));
    QCOMPARE(hosts.at(3), host(0));
    // Slowest first: by the time each host ran, longest first.
    s.panel->sortBox()->setCurrentIndex(2);
    hosts = s.timeline->rowHosts();
    QCOMPARE(hosts.first(), host(6)); // 7 s
    QCOMPARE(hosts.at(1), host(5)); // 6 s
    const JobTimeline& t = s.panel->liveTimeline();
    for (int i = 1; i < hosts.size(); ++i) {
        QVERIFY(t.busyMs(t.rowOf(hosts.at(i - 1)), 0) >= t.busyMs(t.rowOf(hosts.at(i)), 0));
    }
    // Grouped, failed first sorts within each batch.
    s.timeline->setGrouped(true);
    s.panel->sortBox()->setCurrentIndex(1);
    hosts = s.timeline->rowHosts();
    QCOMPARE(hosts.mid(4, 4), (QStringList { host(4), host(5), host(6), host(7) }));
    QCOMPARE(hosts.mid(8, 4), (QStringList { host(9), host(10), host(8), host(11) }));
    // The filter by status: only failed hosts, under the headers of their batches.
    s.panel->sortBox()->setCurrentIndex(0);
    s.panel->filterBox()->setCurrentIndex(s.panel->filterBox()->findData(int(JobTimeline::Outcome::Failed)));
    QCOMPARE(s.timeline->rowHosts(), (QStringList { host(4), host(9), host(10) }));
    const QList<TimelineView::Line> lines = s.timeline->lines();
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.at(0), (TimelineView::Line { 1, -1 }));
    QCOMPARE(lines.at(2), (TimelineView::Line { 2, -1 }));
    s.panel->filterBox()->setCurrentIndex(s.panel->filterBox()->findData(int(JobTimeline::Outcome::Succeeded)));
    QCOMPARE(s.timeline->rowHosts().size(), 9);
    QVERIFY(!s.timeline->rowHosts().contains(host(4)));
    s.panel->filterBox()->setCurrentIndex(0);
    QCOMPARE(s.timeline->rowHosts().size(), 12);
}

void TestTimeline::foldingABatch()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    // A click on the second batch's header folds it: its hosts leave the chart, the header stays.
    QTest::mouseClick(s.timeline->viewport(), Qt::LeftButton, {}, s.timeline->lineRect(5).center());
    QVERIFY(s.timeline->isGroupCollapsed(1));
    QCOMPARE(s.timeline->lines().size(), 11);
    QVERIFY(!s.timeline->rowHosts().contains(host(5)));
    QCOMPARE(s.timeline->lines().at(5), (TimelineView::Line { 1, -1 }));
    QTest::mouseClick(s.timeline->viewport(), Qt::LeftButton, {}, s.timeline->lineRect(5).center());
    QVERIFY(!s.timeline->isGroupCollapsed(1));
    QCOMPARE(s.timeline->rowHosts().size(), 12);
}

void TestTimeline::clickingABarSelectsTheHost()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    QVERIFY(s.view.shownHost().isEmpty());
    QTest::mouseClick(s.timeline->viewport(), Qt::LeftButton, {}, s.timeline->barRect(9, 0).center());
    QCOMPARE(s.view.shownHost(), host(9));
    QCOMPARE(s.timeline->selectedHost(), host(9));
    QCOMPARE(s.view.hostTable()->currentIndex().row(), 9);
    QVERIFY2(s.view.outputTitle()->text().startsWith(host(9)), qPrintable(s.view.outputTitle()->text()));
    // A click on the row beside the bar selects it too; the table's selection shows in the timeline.
    QTest::mouseClick(s.timeline->viewport(), Qt::LeftButton, {},
        QPoint(s.timeline->plotRect().right() - 4, s.timeline->lineRect(s.lineOf(host(2))).center().y()));
    QCOMPARE(s.view.shownHost(), host(2));
    s.view.hostTable()->selectRow(7);
    QCOMPARE(s.timeline->selectedHost(), host(7));
}

void TestTimeline::hoverSaysHostStepStatusExitAndDuration()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    const QString text = s.timeline->toolTipAt(s.timeline->barRect(4, 0).center());
    QVERIFY2(text.startsWith(host(4) + QLatin1Char('\n')), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Step 1: restart")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Failed, exit 3")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("5.00 s")), qPrintable(text));
    const QString unreachable = s.timeline->toolTipAt(s.timeline->barRect(10, 0).center());
    QVERIFY2(unreachable.contains(displayName(HostStatus::Unreachable)), qPrintable(unreachable));
    QVERIFY2(!unreachable.contains(QLatin1String("exit")), qPrintable(unreachable));
    // The real hover: a tool tip event on the chart shows that text.
    const QPoint at = s.timeline->barRect(4, 0).center();
    QHelpEvent help(QEvent::ToolTip, at, s.timeline->viewport()->mapToGlobal(at));
    QApplication::sendEvent(s.timeline->viewport(), &help);
    QTRY_COMPARE(QToolTip::text(), text);
    QToolTip::hideText();
    const QString header = s.timeline->toolTipAt(s.timeline->lineRect(5).center());
    QVERIFY2(header.startsWith(QLatin1String("Batch 2: 4 host")), qPrintable(header));
    QVERIFY2(header.contains(QLatin1String("1 failed")), qPrintable(header));
}

void TestTimeline::zoomAndPan()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    QWidget* vp = s.timeline->viewport();
    const double fitted = s.timeline->pixelsPerSecond();
    // Ctrl+wheel zooms in around the pointer.
    const QPoint at = s.timeline->barRect(6, 0).center();
    QWheelEvent wheel(
        at, vp->mapToGlobal(at), {}, { 0, 240 }, Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(vp, &wheel);
    QVERIFY(s.timeline->pixelsPerSecond() > fitted * 1.5);
    QVERIFY(!s.timeline->isFitted());
    // + and - keys, then F fits again.
    const double zoomed = s.timeline->pixelsPerSecond();
    QTest::keyClick(s.timeline, Qt::Key_Plus);
    QVERIFY(s.timeline->pixelsPerSecond() > zoomed);
    QTest::keyClick(s.timeline, Qt::Key_Minus);
    QVERIFY(std::abs(s.timeline->pixelsPerSecond() - zoomed) < 1e-6);
    // A drag pans: the chart follows the pointer.
    QScrollBar* h = s.timeline->horizontalScrollBar();
    QVERIFY(h->maximum() > 200);
    h->setValue(100);
    const QPoint from = s.timeline->plotRect().center();
    QTest::mousePress(vp, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, from - QPoint(80, 0), vp->mapToGlobal(from - QPoint(80, 0)), Qt::NoButton,
        Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &move);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, from - QPoint(80, 0));
    QCOMPARE(h->value(), 180);
    QVERIFY(s.view.shownHost().isEmpty()); // a drag is no click
    QTest::keyClick(s.timeline, Qt::Key_F);
    QVERIFY(s.timeline->isFitted());
    QCOMPARE(s.timeline->pixelsPerSecond(), fitted);
    QCOMPARE(h->value(), 0);
}

void TestTimeline::hiddenTimelineCatchesUpWhenShown()
{
    // Events arrive while the Hosts tab is shown: the chart is not refreshed then, and is right once shown.
    JobView view;
    view.resize(1280, 900);
    view.show();
    const SyntheticJob job = twelveHosts();
    for (const JobEvent& e : job.events) {
        view.applyEvent(e);
    }
    view.flush();
    QVERIFY(!view.timelinePanel()->isVisible());
    view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(2);
    QApplication::processEvents();
    QVERIFY(view.timeline()->isFitted());
    QCOMPARE(view.timeline()->visibleStartMs(), kStart);
    QVERIFY(view.timeline()->visibleEndMs() >= job.events.last().timeMs - 50);
    QCOMPARE(view.timeline()->rowHosts().size(), 12);
    QVERIFY(view.timelinePanel()->replaySlider()->isEnabled());
}

void TestTimeline::growsLive()
{
    // Two batches of a job that is still running: the second's hosts run, their bars end at the clock and grow.
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 20000;
    const SyntheticJob job = SyntheticJob::rolling(12, 4, 5, 0, start, 2, false);
    Shown s(job.events);
    const JobTimeline& t = s.panel->liveTimeline();
    QVERIFY(!t.isFinished());
    QCOMPARE(t.rows().at(5).status, HostStatus::Running);
    QCOMPARE(t.rows().at(5).bars.first().endMs, -1);
    QCOMPARE(t.rows().at(9).bars.size(), 0); // batch 3 has not started
    QCOMPARE(s.timeline->lines().at(10), (TimelineView::Line { 2, -1 })); // "not started yet"
    QCOMPARE(s.timeline->rowHosts().last(), host(11));
    QCOMPARE(s.timeline->outcomeCounts()[size_t(JobTimeline::Outcome::Running)], 4);
    const QRect before = s.timeline->barRect(5, 0);
    QVERIFY(std::abs(before.right() - s.timeline->xFor(QDateTime::currentMSecsSinceEpoch())) <= 3);
    QVERIFY(s.timeline->visibleEndMs() >= QDateTime::currentMSecsSinceEpoch() - 1000);
    // Zoomed so that the scale stays: the running bar grows with the clock.
    s.timeline->setPixelsPerSecond(20);
    const int width = s.timeline->barRect(5, 0).width();
    QTest::qWait(600);
    s.view.flush();
    QVERIFY(s.timeline->barRect(5, 0).width() >= width + 8);
    // On screen the running bar has the running colour; the replay controls wait for the end.
    QCOMPARE(s.pixel(s.timeline->barRect(5, 0).topLeft() + QPoint(2, 2)), Theme::color(QStringLiteral("job.running")));
    QVERIFY(!s.panel->replaySlider()->isEnabled());
}

void TestTimeline::replayShowsOnlyWhatHadHappened()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    QVERIFY(s.panel->replaySlider()->isEnabled());
    // 3.5 s in: batch 1's hosts started; web-00000 (1 s), web-00001 (2 s) and web-00002 (3 s, from 0.2 s in) are
    // done, web-00003 still runs; nothing of batches 2 and 3.
    const qint64 at = kStart + 3500;
    s.panel->setReplayTime(at);
    QVERIFY(s.panel->isReplaying());
    const JobTimeline* t = s.timeline->timeline();
    QVERIFY(t != &s.panel->liveTimeline());
    QCOMPARE(s.timeline->nowMs(), at);
    int bars = 0;
    for (const JobTimeline::Row& row : t->rows()) {
        for (const JobTimeline::Bar& b : row.bars) {
            ++bars;
            QVERIFY(b.startMs <= at);
            QVERIFY(b.endMs <= at);
        }
    }
    QCOMPARE(bars, 4);
    QCOMPARE(t->rows().at(2).status, HostStatus::Success);
    QCOMPARE(t->rows().at(3).status, HostStatus::Running);
    QCOMPARE(t->rows().at(4).bars.size(), 0);
    QCOMPARE(t->groups().size(), 1);
    QCOMPARE(t->intervals().size(), 1); // the pause, still going on
    QCOMPARE(t->intervals().first().endMs, -1);
    // The same as the fold of the events up to then, and the job's state agrees.
    QCOMPARE(*t, JobTimeline::replayUntil(job.events, at));
    const Result<JobState> state = JobState::replayUntil(job.events, at);
    QVERIFY(state.ok());
    QCOMPARE(state->counts().of(HostStatus::Success), 3);
    QCOMPARE(state->counts().of(HostStatus::Running), 1);
    QCOMPARE(state->status(), JobStatus::Paused);
    // On screen: the running bar ends at the replay moment; a later host's row is empty.
    QVERIFY(std::abs(s.timeline->barRect(3, 0).right() - s.timeline->xFor(at)) <= 2);
    QCOMPARE(s.timeline->barRect(4, 0), QRect());
    // The slider scrubs: backwards and forwards, and at its end the live chart again.
    s.panel->replaySlider()->setValue(0);
    QCOMPARE(s.timeline->timeline()->rows().at(0).bars.size(), 0);
    s.panel->replaySlider()->setValue(500);
    const qint64 middle = kStart + (job.events.last().timeMs - kStart) / 2;
    QVERIFY(std::abs(s.panel->replayTime() - middle) <= 100);
    QCOMPARE(*s.timeline->timeline(), JobTimeline::replayUntil(job.events, s.panel->replayTime()));
    s.panel->replaySlider()->setValue(s.panel->replaySlider()->maximum());
    QVERIFY(!s.panel->isReplaying());
    QCOMPARE(s.timeline->timeline(), &s.panel->liveTimeline());
    QCOMPARE(s.panel->liveTimeline(), JobTimeline::replayUntil(job.events, job.events.last().timeMs));
}

void TestTimeline::playbackRunsToTheEnd()
{
    const SyntheticJob job = twelveHosts();
    Shown s(job.events);
    // ~28 s of job at 60×: about half a second. It starts from the beginning and ends on the live chart.
    s.panel->play(60);
    QVERIFY(s.panel->isPlaying());
    QVERIFY(s.panel->isReplaying());
    QVERIFY(s.panel->replayTime() < kStart + 2000);
    QTRY_VERIFY(s.panel->replayTime() > kStart + 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!s.panel->isPlaying(), 5000);
    QVERIFY(!s.panel->isReplaying());
    QCOMPARE(s.timeline->timeline(), &s.panel->liveTimeline());
    QCOMPARE(s.panel->replaySlider()->value(), s.panel->replaySlider()->maximum());
}

void TestTimeline::scrubbingBackAndForthMatchesTheFold()
{
    // 3,000 hosts (over 6,000 events: the replay keeps checkpoints) scrubbed to moments in a shuffled order:
    // each time the chart is the fold of the events up to that moment, whichever checkpoint it started from.
    const SyntheticJob job = SyntheticJob::rolling(3000, 600, 7, 0, kStart);
    QVERIFY(job.events.size() > 6000);
    Shown s(job.events);
    const qint64 end = job.events.last().timeMs;
    for (const int permille : { 900, 100, 950, 500, 20, 700, 300, 999 }) {
        const qint64 at = kStart + (end - kStart) * permille / 1000;
        s.panel->setReplayTime(at);
        QVERIFY(s.panel->isReplaying());
        QVERIFY2(
            *s.timeline->timeline() == JobTimeline::replayUntil(job.events, at), qPrintable(QString::number(permille)));
    }
    QCOMPARE(s.timeline->rowHosts().size(), 3000);
}

void TestTimeline::screenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the timeline");
    }
    // 60 hosts in batches of 20 with failures, a wait before each batch and a pause; one host selected.
    const SyntheticJob job = SyntheticJob::rolling(60, 20, 9, 23, kStart);
    for (const bool zh : { false, true }) {
        Startup::installTranslators(zh ? QStringLiteral("zh_CN") : QStringLiteral("en"));
        for (const bool dark : { false, true }) {
            Theme::instance()->setMode(dark ? Theme::Mode::Dark : Theme::Mode::Light);
            Shown s(job.events);
            s.view.showHost(host(8));
            s.view.flush();
            QApplication::processEvents();
            const QString name = QStringLiteral("timeline-%1-%2.png")
                                     .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"),
                                         zh ? QStringLiteral("zh") : QStringLiteral("en"));
            QVERIFY(s.view.grab().save(dir + QLatin1Char('/') + name));
            if (!zh && !dark) {
                s.panel->setReplayTime(kStart + 9000);
                s.panel->sortBox()->setCurrentIndex(1);
                QApplication::processEvents();
                QVERIFY(s.view.grab().save(dir + QStringLiteral("/timeline-replay-light-en.png")));
            }
        }
    }
    Theme::instance()->setMode(Theme::Mode::Light);
    Startup::installTranslators(QStringLiteral("en"));
}

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
