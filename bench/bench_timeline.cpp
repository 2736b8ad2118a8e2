// The job view's timeline at 10,000 hosts, as an operator watches it: a synthetic job's events (10 batches of
// 1,000 hosts, failures, waits and a pause; tests/jobs/SyntheticJob.h) stream into a shown JobView on its Timeline
// tab at RATE events per second, offscreen. A 5 ms heartbeat timer measures how long the GUI thread was away: the
// worst gap over its interval is the worst stall (the target: none over 50 ms), also without the job's
// start (job.created of 10,000 hosts and the first feed). Also the worst single
// timeline paint and job-view flush while streaming, and scrubbing the finished job (replay at a random moment).
// Prints BENCH lines (median over RUNS runs).
//   QT_QPA_PLATFORM=offscreen bench_timeline [RUNS] [HOSTS] [RATE]
// BENCH_TIMELINE_DEBUG=1 also prints what was slow (events over 5 ms, flushes over 15 ms, stalls over 40 ms).
#include "Theme.h"
#include "jobs/JobState.h"
#include "jobs/JobTimeline.h"
#include "jobs/JobView.h"
#include "jobs/SyntheticJob.h"
#include "jobs/TimelinePanel.h"
#include "jobs/TimelineView.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <algorithm>
#include <cstdio>

namespace {

struct Figures {
    double worstStallMs = 0;
    double worstRunningStallMs = 0; // after the job's start (job.created and its first feed)
    double p99StallMs = 0;
    double worstPaintMs = 0;
    double worstFlushMs = 0;
    double scrubMs = 0;
};

double ms(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

Figures runOnce(int hosts, int rate)
{
    Figures f;
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    const SyntheticJob job = SyntheticJob::rolling(hosts, std::max(1, hosts / 10), 50, 333, start);
    if (qEnvironmentVariableIsSet("BENCH_TIMELINE_DEBUG")) {
        QElapsedTimer t;
        t.start();
        JobState state;
        (void)state.apply(job.events.first());
        std::fprintf(stderr, "JobState job.created: %.1f ms\n", ms(t));
        t.restart();
        JobTimeline timeline;
        timeline.apply(job.events.first());
        std::fprintf(stderr, "JobTimeline job.created: %.1f ms\n", ms(t));
        t.restart();
        (void)job.spec.allTargets();
        std::fprintf(stderr, "allTargets: %.1f ms\n", ms(t));
        t.restart();
        (void)state.hostSummaries();
        std::fprintf(stderr, "hostSummaries: %.1f ms\n", ms(t));
    }
    JobView view;
    view.resize(1600, 1000);
    view.findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(2);
    view.findChild<QSplitter*>(QStringLiteral("jobSplitter"))->setSizes({ 700, 300 });
    view.show();
    TimelineView* timeline = view.timeline();

    // Feeding: every 10 ms the events due by then (rate per second), as a backend delivers them.
    constexpr int kFeedMs = 10;
    constexpr int kBeatMs = 5;
    const int perFeed = std::max(1, rate * kFeedMs / 1000);
    qsizetype next = 0;
    QEventLoop loop;
    QTimer feed;
    feed.setInterval(kFeedMs);
    QObject::connect(&feed, &QTimer::timeout, &loop, [&] {
        for (int i = 0; i < perFeed && next < job.events.size(); ++i) {
            QElapsedTimer t;
            t.start();
            view.applyEvent(job.events.at(next++));
            if (qEnvironmentVariableIsSet("BENCH_TIMELINE_DEBUG") && ms(t) > 5) {
                std::fprintf(stderr, "event %lld (%s): %.1f ms\n", qint64(next - 1),
                    qPrintable(JobEvent::typeName(job.events.at(next - 1).type)), ms(t));
            }
        }
        if (next >= job.events.size()) {
            feed.stop();
            QTimer::singleShot(300, &loop, &QEventLoop::quit); // the last refresh ticks
        }
    });
    // The heartbeat: how long the event loop was away beyond its interval.
    std::vector<double> gaps;
    QElapsedTimer sinceBeat;
    QTimer beat;
    beat.setTimerType(Qt::PreciseTimer);
    beat.setInterval(kBeatMs);
    QObject::connect(&beat, &QTimer::timeout, &loop, [&] {
        gaps.push_back(std::max(0.0, ms(sinceBeat) - kBeatMs));
        if (next > perFeed) {
            f.worstRunningStallMs = std::max(f.worstRunningStallMs, gaps.back());
        }
        if (qEnvironmentVariableIsSet("BENCH_TIMELINE_DEBUG") && gaps.back() > 40) {
            std::fprintf(stderr, "stall %.1f ms after event %lld of %lld (%s)\n", gaps.back(), qint64(next),
                qint64(job.events.size()),
                qPrintable(JobEvent::typeName(job.events.at(std::max<qsizetype>(0, next - 1)).type)));
        }
        sinceBeat.restart();
    });
    // The paint of the timeline alone and the job view's flush, each time the view refreshes.
    QTimer probe;
    probe.setInterval(100);
    QObject::connect(&probe, &QTimer::timeout, &loop, [&] {
        QElapsedTimer t;
        t.start();
        view.flush();
        f.worstFlushMs = std::max(f.worstFlushMs, ms(t));
        if (qEnvironmentVariableIsSet("BENCH_TIMELINE_DEBUG") && ms(t) > 15) {
            std::fprintf(stderr, "flush after event %lld: %.1f ms\n", qint64(next), ms(t));
        }
        t.restart();
        timeline->viewport()->repaint();
        f.worstPaintMs = std::max(f.worstPaintMs, ms(t));
        sinceBeat.restart(); // what the probe itself took is not a stall of the view
    });
    sinceBeat.start();
    beat.start();
    feed.start();
    probe.start();
    loop.exec();
    beat.stop();
    probe.stop();
    if (!view.state().isFinished() || view.timeline()->rowHosts().size() != hosts) {
        std::fprintf(stderr, "the job did not finish in the view (%d rows)\n", int(view.timeline()->rowHosts().size()));
        std::exit(1);
    }
    std::sort(gaps.begin(), gaps.end());
    f.worstStallMs = gaps.empty() ? 0 : gaps.back();
    f.p99StallMs = gaps.empty() ? 0 : gaps[size_t(double(gaps.size() - 1) * 0.99)];
    // Scrubbing the finished job: the chart at a random moment (forwards and backwards), painted.
    std::vector<double> scrubs;
    const qint64 end = job.events.last().timeMs;
    for (int i = 0; i < 20; ++i) {
        const qint64 at = start + qint64(QRandomGenerator::global()->bounded(double(end - start)));
        QElapsedTimer t;
        t.start();
        view.timelinePanel()->setReplayTime(at);
        timeline->viewport()->repaint();
        scrubs.push_back(ms(t));
    }
    f.scrubMs = median(scrubs);
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    Theme::instance()->setMode(Theme::Mode::Dark);
    Theme::instance()->apply();
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const int hosts = argc > 2 ? std::max(10, std::atoi(argv[2])) : 10000;
    const int rate = argc > 3 ? std::max(100, std::atoi(argv[3])) : 20000;
    std::vector<double> stall;
    std::vector<double> running;
    std::vector<double> p99;
    std::vector<double> paint;
    std::vector<double> flush;
    std::vector<double> scrub;
    for (int r = 0; r < runs; ++r) {
        const Figures f = runOnce(hosts, rate);
        stall.push_back(f.worstStallMs);
        running.push_back(f.worstRunningStallMs);
        p99.push_back(f.p99StallMs);
        paint.push_back(f.worstPaintMs);
        flush.push_back(f.worstFlushMs);
        scrub.push_back(f.scrubMs);
    }
    std::printf(
        "# timeline: %d hosts in 10 batches, events streamed at %d/s into a shown job view; median of %d runs\n", hosts,
        rate, runs);
    std::printf("BENCH timeline.worst_stall %.1f ms\n", median(stall));
    std::printf("BENCH timeline.worst_stall_after_start %.1f ms\n", median(running));
    std::printf("BENCH timeline.p99_stall %.1f ms\n", median(p99));
    std::printf("BENCH timeline.worst_paint %.1f ms\n", median(paint));
    std::printf("BENCH timeline.worst_flush %.1f ms\n", median(flush));
    std::printf("BENCH timeline.replay_scrub %.1f ms\n", median(scrub));
    std::printf("# target: worst stall < 50 ms\n");
    return 0;
}
