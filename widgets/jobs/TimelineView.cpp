#include "TimelineView.h"

#include "jobs/JobDisplay.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>

namespace {
constexpr int kTimelineRow = 16;
constexpr int kTimelineLabel = 180;
} // namespace

using JobDisplay::durationText;
using JobDisplay::statusColor;

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("jobTimeline"));
}

void TimelineView::setState(const JobState* state)
{
    m_state = state;
    updateGeometry();
    adjustSize();
    update();
}

void TimelineView::setPixelsPerSecond(double pps)
{
    m_pps = std::clamp(pps, 0.5, 2000.0);
    updateGeometry();
    adjustSize();
    update();
}

qint64 TimelineView::nowMs() const
{
    return m_state->isFinished() ? m_state->lastEventMs() : QDateTime::currentMSecsSinceEpoch();
}

void TimelineView::ensureCache() const
{
    if (m_cachedState == m_state && m_state && m_cachedJob == m_state->jobId() && m_cachedRun == m_state->run()
        && m_cachedSeq == m_state->lastSeq() && m_cachedFinished == m_state->isFinished()) {
        return;
    }
    m_cachedState = m_state;
    m_rowNames.clear();
    m_cachedBars.clear();
    if (!m_state) {
        return;
    }
    m_cachedJob = m_state->jobId();
    m_cachedRun = m_state->run();
    m_cachedSeq = m_state->lastSeq();
    m_cachedFinished = m_state->isFinished();
    const qint64 origin = m_state->createdMs();
    const QList<HostState> hosts = m_state->hostSummaries();
    QHash<QString, int> rowOf;
    rowOf.reserve(hosts.size());
    for (int i = 0; i < hosts.size(); ++i) {
        m_rowNames.append(hosts.at(i).name);
        rowOf.insert(hosts.at(i).name, i);
    }
    for (const StepState& step : m_state->steps()) {
        for (auto it = step.hosts.cbegin(); it != step.hosts.cend(); ++it) {
            const HostState& h = it.value();
            if (h.startedMs <= 0) {
                continue;
            }
            Bar b;
            b.row = rowOf.value(h.name, 0);
            b.step = step.index;
            b.startMs = h.startedMs - origin;
            b.endMs = h.finishedMs > 0 ? h.finishedMs - origin : -1;
            b.status = h.status;
            m_cachedBars.append(b);
        }
    }
}

QList<TimelineView::Bar> TimelineView::bars() const
{
    ensureCache();
    QList<Bar> out = m_cachedBars;
    if (m_state) {
        const qint64 running = nowMs() - m_state->createdMs();
        for (Bar& b : out) {
            if (b.endMs < 0) {
                b.endMs = running;
            }
        }
    }
    return out;
}

QSize TimelineView::sizeHint() const
{
    if (!m_state) {
        return { 400, 100 };
    }
    ensureCache();
    const qint64 span = std::max<qint64>(1000, nowMs() - m_state->createdMs());
    return { kTimelineLabel + int(span / 1000.0 * m_pps) + 40, int(m_rowNames.size()) * kTimelineRow + 24 };
}

void TimelineView::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().color(QPalette::Base));
    if (!m_state) {
        return;
    }
    ensureCache();
    const int firstRow = std::max(0, (event->rect().top() - 20) / kTimelineRow);
    const int lastRow = std::min(int(m_rowNames.size()) - 1, (event->rect().bottom() - 20) / kTimelineRow + 1);
    p.setPen(palette().color(QPalette::Text));
    const QFontMetrics fm(font());
    // Time axis: a tick every n seconds, n chosen so that ticks are at least 60 px apart.
    const double secondsPerTick = [&] {
        for (const double s : { 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 600.0, 1800.0, 3600.0 }) {
            if (s * m_pps >= 60) {
                return s;
            }
        }
        return 7200.0;
    }();
    p.setPen(palette().color(QPalette::PlaceholderText));
    for (double t = 0; kTimelineLabel + t * m_pps < width(); t += secondsPerTick) {
        const int x = kTimelineLabel + int(t * m_pps);
        p.drawLine(x, 16, x, height());
        p.drawText(x + 2, 12,
            secondsPerTick < 1 ? QStringLiteral("%1 s").arg(t, 0, 'f', 1) : QStringLiteral("%1 s").arg(qint64(t)));
    }
    for (int r = firstRow; r <= lastRow; ++r) {
        const int y = 20 + r * kTimelineRow;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(4, y, kTimelineLabel - 8, kTimelineRow), Qt::AlignVCenter | Qt::AlignLeft,
            fm.elidedText(m_rowNames.at(r), Qt::ElideMiddle, kTimelineLabel - 8));
    }
    const qint64 running = nowMs() - m_state->createdMs();
    for (const Bar& b : std::as_const(m_cachedBars)) {
        if (b.row < firstRow || b.row > lastRow) {
            continue;
        }
        const qint64 endMs = b.endMs < 0 ? running : b.endMs;
        const int x = kTimelineLabel + int(b.startMs / 1000.0 * m_pps);
        const int w = std::max(2, int((endMs - b.startMs) / 1000.0 * m_pps));
        const QRect bar(x, 20 + b.row * kTimelineRow + 3, w, kTimelineRow - 6);
        p.fillRect(bar, statusColor(b.status));
    }
}
