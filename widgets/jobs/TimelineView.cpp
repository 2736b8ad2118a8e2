#include "jobs/TimelineView.h"

#include "Theme.h"
#include "jobs/JobDisplay.h"

#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

namespace {

constexpr double kMinPps = 0.0001; // a week across a wide screen
constexpr double kMaxPps = 20000.0; // 20 px per millisecond
constexpr int kPlotGap = 8; // between the labels and time zero
constexpr int kRightGap = 24;

int outcomeRank(JobTimeline::Outcome o)
{
    // "Failed first": then what is still going on, then what did not run, then the successes.
    switch (o) {
    case JobTimeline::Outcome::Failed:
        return 0;
    case JobTimeline::Outcome::Running:
        return 1;
    case JobTimeline::Outcome::Skipped:
        return 2;
    case JobTimeline::Outcome::Pending:
        return 3;
    case JobTimeline::Outcome::Succeeded:
        return 4;
    }
    return 5;
}

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

QString clockText(qint64 ms, qint64 stepMs, qint64 spanMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    QString format = stepMs < 1000 ? QStringLiteral("HH:mm:ss.zzz")
        : stepMs < 60000           ? QStringLiteral("HH:mm:ss")
                                   : QStringLiteral("HH:mm");
    if (spanMs >= 86400000) {
        format.prepend(QStringLiteral("MM-dd "));
    }
    return t.toString(format);
}

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("jobTimeline"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    updateMetrics();
    connect(Theme::instance(), &Theme::changed, this, [this] { viewport()->update(); });
}

void TimelineView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_rowHeight = fm.height() + 6;
    m_axisHeight = 3 * fm.height() + 12;
    m_legendHeight = fm.height() + 12;
    m_labelWidth = std::max(160, fm.horizontalAdvance(QStringLiteral("mongodb-shard-01.example")));
}

void TimelineView::setTimeline(const JobTimeline* timeline)
{
    m_timeline = timeline;
    m_orderDirty = true;
    timelineChanged();
}

void TimelineView::timelineChanged()
{
    if (!m_timeline || m_timeline->isEmpty()) {
        m_collapsed.clear();
    }
    if (m_fitted) {
        fit(); // stays fitted while the job grows
    } else {
        updateScrollBars();
        viewport()->update();
    }
}

void TimelineView::setNowMs(qint64 ms)
{
    m_nowMs = ms;
    m_orderDirty = m_orderDirty || m_sort == Sort::SlowestFirst;
    timelineChanged();
}

qint64 TimelineView::nowMs() const
{
    if (m_nowMs > 0) {
        return m_nowMs;
    }
    if (!m_timeline || m_timeline->isFinished()) {
        return m_timeline ? m_timeline->lastEventMs() : 0;
    }
    return std::max(m_timeline->lastEventMs(), QDateTime::currentMSecsSinceEpoch());
}

void TimelineView::setSort(Sort sort)
{
    m_sort = sort;
    m_orderDirty = true;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::setOutcomeFilter(const QList<Outcome>& outcomes)
{
    m_filterMask = 0;
    for (const Outcome o : outcomes) {
        m_filterMask |= 1 << int(o);
    }
    m_orderDirty = true;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::setGrouped(bool grouped)
{
    m_grouped = grouped;
    m_orderDirty = true;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::setGroupCollapsed(int group, bool collapsed)
{
    if (collapsed) {
        m_collapsed.insert(group);
    } else {
        m_collapsed.remove(group);
    }
    m_orderDirty = true;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::setSelectedHost(const QString& host)
{
    m_selected = host;
    viewport()->update();
}

void TimelineView::ensureOrder() const
{
    const quint64 revision = m_timeline ? m_timeline->revision() : 0;
    if (!m_orderDirty && revision == m_orderRevision) {
        return;
    }
    m_orderDirty = false;
    m_orderRevision = revision;
    m_lines.clear();
    m_counts = {};
    m_groupSizes.clear();
    m_groupFailed.clear();
    if (!m_timeline) {
        return;
    }
    const QList<JobTimeline::Row>& rows = m_timeline->rows();
    QList<int> shown;
    shown.reserve(rows.size());
    for (int r = 0; r < rows.size(); ++r) {
        const Outcome o = JobTimeline::outcomeOf(rows.at(r).status);
        ++m_counts[size_t(o)];
        if (m_filterMask == 0 || (m_filterMask & (1 << int(o)))) {
            shown.append(r);
        }
    }
    switch (m_sort) {
    case Sort::TargetOrder:
        break;
    case Sort::FailedFirst:
        std::stable_sort(shown.begin(), shown.end(), [&](int a, int b) {
            return outcomeRank(JobTimeline::outcomeOf(rows.at(a).status))
                < outcomeRank(JobTimeline::outcomeOf(rows.at(b).status));
        });
        break;
    case Sort::SlowestFirst: {
        const qint64 now = nowMs();
        QList<qint64> busy(rows.size());
        for (const int r : std::as_const(shown)) {
            busy[r] = m_timeline->busyMs(r, now);
        }
        std::stable_sort(shown.begin(), shown.end(), [&](int a, int b) { return busy.at(a) > busy.at(b); });
        break;
    }
    case Sort::Name:
        std::stable_sort(shown.begin(), shown.end(),
            [&](int a, int b) { return QString::compare(rows.at(a).host, rows.at(b).host, Qt::CaseInsensitive) < 0; });
        break;
    }
    if (!m_grouped) {
        m_lines.reserve(shown.size());
        for (const int r : std::as_const(shown)) {
            m_lines.append({ rows.at(r).group, r });
        }
        return;
    }
    // Under their batch, in the batches' order; hosts that did not start yet last, under a header of their own.
    const int groups = int(m_timeline->groups().size());
    QList<QList<int>> byGroup(groups + 1);
    m_groupSizes.fill(0, groups + 1);
    m_groupFailed.fill(0, groups + 1);
    for (const int r : std::as_const(shown)) {
        const int g = rows.at(r).group < 0 ? groups : rows.at(r).group;
        byGroup[g].append(r);
        ++m_groupSizes[g];
        m_groupFailed[g] += JobTimeline::outcomeOf(rows.at(r).status) == Outcome::Failed ? 1 : 0;
    }
    m_lines.reserve(shown.size() + groups + 1);
    for (int g = 0; g <= groups; ++g) {
        if (byGroup.at(g).isEmpty()) {
            continue;
        }
        m_lines.append({ g, -1 });
        if (!m_collapsed.contains(g)) {
            for (const int r : std::as_const(byGroup.at(g))) {
                m_lines.append({ g, r });
            }
        }
    }
}

QList<TimelineView::Line> TimelineView::lines() const
{
    ensureOrder();
    return m_lines;
}

QStringList TimelineView::rowHosts() const
{
    ensureOrder();
    QStringList hosts;
    for (const Line& l : std::as_const(m_lines)) {
        if (l.row >= 0) {
            hosts.append(m_timeline->rows().at(l.row).host);
        }
    }
    return hosts;
}

qint64 TimelineView::spanEndMs() const
{
    if (!m_timeline || m_timeline->isEmpty()) {
        return 1000;
    }
    return std::max({ m_timeline->originMs() + 1000, nowMs(), m_axisEndMs });
}

void TimelineView::setAxisEndMs(qint64 ms)
{
    m_axisEndMs = ms;
    timelineChanged();
}

QRect TimelineView::plotRect() const
{
    const QRect v = viewport()->rect();
    return QRect(QPoint(m_labelWidth + 1, m_axisHeight), QPoint(v.right(), v.bottom() - m_legendHeight));
}

int TimelineView::xFor(qint64 ms) const
{
    const qint64 origin = m_timeline ? m_timeline->originMs() : 0;
    return m_labelWidth + kPlotGap + int(std::llround((ms - origin) / 1000.0 * m_pps)) - horizontalScrollBar()->value();
}

qint64 TimelineView::timeAt(int x) const
{
    const qint64 origin = m_timeline ? m_timeline->originMs() : 0;
    return origin
        + qint64(std::llround((x - m_labelWidth - kPlotGap + horizontalScrollBar()->value()) / m_pps * 1000.0));
}

qint64 TimelineView::visibleStartMs() const
{
    return std::max(m_timeline ? m_timeline->originMs() : 0, timeAt(m_labelWidth + 1));
}

qint64 TimelineView::visibleEndMs() const
{
    return std::min(spanEndMs(), timeAt(viewport()->width()));
}

void TimelineView::updateScrollBars()
{
    ensureOrder();
    const QRect plot = plotRect();
    const qint64 origin = m_timeline ? m_timeline->originMs() : 0;
    const int contentWidth = int(std::min<double>(1e9, (spanEndMs() - origin) / 1000.0 * m_pps)) + kPlotGap + kRightGap;
    const int plotWidth = std::max(1, plot.width());
    horizontalScrollBar()->setRange(0, std::max(0, contentWidth - plotWidth));
    horizontalScrollBar()->setPageStep(plotWidth);
    horizontalScrollBar()->setSingleStep(std::max(1, plotWidth / 20));
    const int contentHeight = int(m_lines.size()) * m_rowHeight;
    verticalScrollBar()->setRange(0, std::max(0, contentHeight - std::max(1, plot.height())));
    verticalScrollBar()->setPageStep(std::max(1, plot.height()));
    verticalScrollBar()->setSingleStep(m_rowHeight);
}

void TimelineView::setPixelsPerSecond(double pps)
{
    m_pps = std::clamp(pps, kMinPps, kMaxPps);
    m_fitted = false;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::zoomBy(double factor, int anchorX)
{
    const QRect plot = plotRect();
    const int x = anchorX < plot.left() ? plot.left() + plot.width() / 2 : anchorX;
    const qint64 anchor = timeAt(x);
    setPixelsPerSecond(m_pps * factor);
    // The moment under the pointer stays where it is.
    const qint64 origin = m_timeline ? m_timeline->originMs() : 0;
    const int offset = int(std::llround((anchor - origin) / 1000.0 * m_pps)) + m_labelWidth + kPlotGap - x;
    horizontalScrollBar()->setValue(offset);
}

void TimelineView::fit()
{
    const qint64 origin = m_timeline ? m_timeline->originMs() : 0;
    const double seconds = std::max<qint64>(1000, spanEndMs() - origin) / 1000.0;
    const int width = std::max(40, plotRect().width() - kPlotGap - kRightGap);
    m_pps = std::clamp(width / seconds, kMinPps, kMaxPps);
    m_fitted = true;
    updateScrollBars();
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

qint64 TimelineView::niceStepMs(double pps, int minPixels)
{
    static constexpr qint64 steps[]
        = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000,
              900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000, 172800000, 604800000 };
    for (const qint64 s : steps) {
        if (s / 1000.0 * pps >= minPixels) {
            return s;
        }
    }
    return 2419200000; // four weeks
}

QString TimelineView::elapsedText(qint64 ms, qint64 stepMs)
{
    if (stepMs < 1000) {
        const int decimals = stepMs < 10 ? 3 : stepMs < 100 ? 2 : 1;
        return QStringLiteral("+%1 s").arg(ms / 1000.0, 0, 'f', decimals);
    }
    const qint64 s = ms / 1000;
    if (s < 60 && stepMs < 60000) {
        return QStringLiteral("+%1 s").arg(s);
    }
    const QChar zero(u'0');
    if (s < 3600) {
        return QStringLiteral("+%1:%2").arg(s / 60).arg(s % 60, 2, 10, zero);
    }
    return QStringLiteral("+%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, zero).arg(s % 60, 2, 10, zero);
}

qint64 TimelineView::tickStepMs() const
{
    const QFontMetrics fm(font());
    return niceStepMs(m_pps, fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
}

QList<qint64> TimelineView::elapsedTicks() const
{
    QList<qint64> ticks;
    if (!m_timeline || m_timeline->isEmpty()) {
        return ticks;
    }
    const qint64 origin = m_timeline->originMs();
    const qint64 step = tickStepMs();
    const qint64 from = std::max<qint64>(0, (visibleStartMs() - origin) / step * step);
    for (qint64 t = from; origin + t <= visibleEndMs() && ticks.size() < 1000; t += step) {
        if (origin + t >= visibleStartMs()) {
            ticks.append(origin + t);
        }
    }
    return ticks;
}

QColor TimelineView::outcomeColor(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Succeeded:
        return JobDisplay::statusColor(HostStatus::Success);
    case Outcome::Failed:
        return JobDisplay::statusColor(HostStatus::Failed);
    case Outcome::Running:
        return JobDisplay::statusColor(HostStatus::Running);
    case Outcome::Pending:
        return JobDisplay::statusColor(HostStatus::Pending);
    case Outcome::Skipped:
        return JobDisplay::statusColor(HostStatus::Skipped);
    }
    return {};
}

QString TimelineView::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Succeeded:
        return tr("Succeeded");
    case Outcome::Failed:
        return tr("Failed");
    case Outcome::Running:
        return tr("Running");
    case Outcome::Pending:
        return tr("Pending or not started");
    case Outcome::Skipped:
        return tr("Skipped or cancelled");
    }
    return {};
}

std::array<int, JobTimeline::kOutcomeCount> TimelineView::outcomeCounts() const
{
    ensureOrder();
    return m_counts;
}

QRect TimelineView::lineRect(int line) const
{
    const QRect plot = plotRect();
    return QRect(0, plot.top() + line * m_rowHeight - verticalScrollBar()->value(), viewport()->width(), m_rowHeight);
}

QRect TimelineView::barRect(int row, int bar) const
{
    ensureOrder();
    const auto it = std::find_if(m_lines.cbegin(), m_lines.cend(), [&](const Line& l) { return l.row == row; });
    if (it == m_lines.cend() || !m_timeline || bar < 0 || bar >= m_timeline->rows().at(row).bars.size()) {
        return {};
    }
    const JobTimeline::Bar& b = m_timeline->rows().at(row).bars.at(bar);
    const QRect line = lineRect(int(it - m_lines.cbegin()));
    const int x = xFor(b.startMs);
    const int w = std::max(2, xFor(b.endMs < 0 ? nowMs() : b.endMs) - x);
    return QRect(x, line.top() + 3, w, line.height() - 6);
}

int TimelineView::lineAt(const QPoint& pos) const
{
    ensureOrder();
    const QRect plot = plotRect();
    if (pos.y() < plot.top() || pos.y() > plot.bottom()) {
        return -1;
    }
    const int line = (pos.y() - plot.top() + verticalScrollBar()->value()) / m_rowHeight;
    return line < m_lines.size() ? line : -1;
}

QString TimelineView::groupTitle(int group) const
{
    const QList<JobTimeline::Group>& groups = m_timeline->groups();
    if (group >= groups.size()) {
        return tr("Not started yet");
    }
    const JobTimeline::Group& g = groups.at(group);
    QString title = m_timeline->stepCount() > 1 ? tr("Step %1 · batch %2").arg(g.step + 1).arg(g.batch + 1)
                                                : tr("Batch %1").arg(g.batch + 1);
    if (g.run > 1) {
        title += QStringLiteral(" · ") + tr("run %1").arg(g.run);
    }
    return title;
}

QString TimelineView::toolTipAt(const QPoint& pos) const
{
    const int line = lineAt(pos);
    if (line < 0 || !m_timeline) {
        return {};
    }
    const Line l = m_lines.at(line);
    const QLocale locale;
    if (l.row < 0) {
        const int failed = m_groupFailed.value(l.group);
        QString text = tr("%1: %n host(s)", "", m_groupSizes.value(l.group)).arg(groupTitle(l.group));
        if (failed > 0) {
            text += QStringLiteral(", ") + tr("%n failed", "", failed);
        }
        if (l.group < m_timeline->groups().size()) {
            text += QLatin1Char('\n')
                + tr("started %1")
                      .arg(locale.toString(
                          QDateTime::fromMSecsSinceEpoch(m_timeline->groups().at(l.group).startMs).time(),
                          QLocale::LongFormat));
        }
        return text;
    }
    const JobTimeline::Row& row = m_timeline->rows().at(l.row);
    QStringList lines { row.host };
    const JobTimeline::Bar* hit = nullptr;
    for (int b = 0; b < row.bars.size(); ++b) {
        if (barRect(l.row, b).adjusted(-2, -3, 2, 3).contains(pos)) {
            hit = &row.bars.at(b);
        }
    }
    if (!hit) {
        lines << (row.exitCode >= 0 ? tr("%1, exit %2").arg(displayName(row.status)).arg(row.exitCode)
                                    : displayName(row.status));
        return lines.join(QLatin1Char('\n'));
    }
    QString step = tr("Step %1").arg(hit->step + 1);
    if (hit->step < m_timeline->stepNames().size()) {
        step = tr("Step %1: %2").arg(hit->step + 1).arg(m_timeline->stepNames().at(hit->step));
    }
    if (hit->attempt > 1) {
        step += QStringLiteral(" · ") + tr("attempt %1").arg(hit->attempt);
    }
    lines << step;
    lines << (hit->exitCode >= 0 ? tr("%1, exit %2").arg(displayName(hit->status)).arg(hit->exitCode)
                                 : displayName(hit->status));
    const qint64 end = hit->endMs < 0 ? nowMs() : hit->endMs;
    const QString duration = JobDisplay::durationText(std::max<qint64>(1, end - hit->startMs));
    lines << tr("%1 (%2 – %3)")
                 .arg(duration,
                     locale.toString(QDateTime::fromMSecsSinceEpoch(hit->startMs).time(), QLocale::LongFormat),
                     hit->endMs < 0 ? tr("running")
                                    : locale.toString(QDateTime::fromMSecsSinceEpoch(end).time(), QLocale::LongFormat));
    return lines.join(QLatin1Char('\n'));
}

void TimelineView::paintEvent(QPaintEvent*)
{
    ensureOrder();
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    if (!m_timeline || m_timeline->isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter, tr("No job"));
        return;
    }
    paintMarkers(p);
    paintLines(p);
    paintIntervalLabels(p);
    paintAxis(p);
    paintLegend(p);
}

void TimelineView::paintMarkers(QPainter& p) const
{
    const QRect plot = plotRect();
    p.save();
    p.setClipRect(plot);
    // Waits between batches and pauses: bands over every row (named by paintIntervalLabels()).
    for (const JobTimeline::Interval& i : m_timeline->intervals()) {
        const int x0 = std::max(plot.left(), xFor(i.startMs));
        const int x1 = std::min(plot.right(), xFor(i.endMs < 0 ? nowMs() : i.endMs));
        if (x1 < plot.left() || x0 > plot.right()) {
            continue;
        }
        const bool wait = i.kind == JobTimeline::Interval::Kind::Wait;
        const QColor fill = Theme::color(
            wait ? QStringLiteral("message.warning.background") : QStringLiteral("message.info.background"));
        const QColor ink
            = Theme::color(wait ? QStringLiteral("message.warning.text") : QStringLiteral("message.info.text"));
        const QRect band(x0, plot.top(), std::max(2, x1 - x0), plot.height());
        p.fillRect(band, withAlpha(fill, 200));
        p.fillRect(band, QBrush(withAlpha(ink, 40), Qt::BDiagPattern));
    }
    // Grid lines at the elapsed ticks.
    p.setPen(withAlpha(palette().color(QPalette::Mid), 110));
    for (const qint64 t : elapsedTicks()) {
        const int x = xFor(t);
        p.drawLine(x, plot.top(), x, plot.bottom());
    }
    // Batch starts: a dashed line across the rows.
    QPen batchPen(Theme::color(QStringLiteral("accent")));
    batchPen.setStyle(Qt::DashLine);
    p.setPen(batchPen);
    for (const JobTimeline::Group& g : m_timeline->groups()) {
        const int x = xFor(g.startMs);
        if (x >= plot.left() && x <= plot.right()) {
            p.drawLine(x, plot.top(), x, plot.bottom());
        }
    }
    // Now, while the job runs.
    if (!m_timeline->isFinished() || m_nowMs > 0) {
        const int x = xFor(nowMs());
        p.setPen(QPen(outcomeColor(Outcome::Running), 1));
        p.drawLine(x, plot.top(), x, plot.bottom());
    }
    p.restore();
}

void TimelineView::paintIntervalLabels(QPainter& p) const
{
    // Over the rows, at the bottom of the plot: what a band is (the rows would hide a label at the top).
    const QRect plot = plotRect();
    const QFontMetrics fm(font());
    p.save();
    p.setClipRect(plot);
    for (const JobTimeline::Interval& i : m_timeline->intervals()) {
        const int x0 = std::max(plot.left(), xFor(i.startMs));
        const int x1 = std::min(plot.right(), xFor(i.endMs < 0 ? nowMs() : i.endMs));
        const bool wait = i.kind == JobTimeline::Interval::Kind::Wait;
        const QString label = !wait ? tr("paused") : i.manual ? tr("waiting for confirmation") : tr("waiting");
        const int width = fm.horizontalAdvance(label) + 8;
        if (x1 - x0 < width) {
            continue;
        }
        const QRect box(x0 + (x1 - x0 - width) / 2, plot.bottom() - fm.height() - 3, width, fm.height() + 2);
        p.fillRect(box,
            Theme::color(
                wait ? QStringLiteral("message.warning.background") : QStringLiteral("message.info.background")));
        p.setPen(Theme::color(wait ? QStringLiteral("message.warning.text") : QStringLiteral("message.info.text")));
        p.drawText(box, Qt::AlignCenter, label);
    }
    p.restore();
}

void TimelineView::paintLines(QPainter& p) const
{
    const QRect plot = plotRect();
    const QFontMetrics fm(font());
    const int first = std::max(0, verticalScrollBar()->value() / m_rowHeight);
    const int last = std::min(int(m_lines.size()) - 1, (verticalScrollBar()->value() + plot.height()) / m_rowHeight);
    const QList<JobTimeline::Row>& rows = m_timeline->rows();
    const qint64 now = nowMs();
    p.save();
    p.setClipRect(QRect(0, plot.top(), viewport()->width(), plot.height()));
    const QColor headerBg = palette().color(QPalette::AlternateBase);
    const QColor selected = withAlpha(palette().color(QPalette::Highlight), 60);
    const QColor label = palette().color(QPalette::Window);
    for (int i = first; i <= last; ++i) {
        const Line& l = m_lines.at(i);
        const QRect r = lineRect(i);
        if (l.row < 0) {
            p.fillRect(r, headerBg);
            p.setPen(withAlpha(palette().color(QPalette::Mid), 160));
            p.drawLine(r.left(), r.top(), r.right(), r.top());
            QFont bold = font();
            bold.setWeight(QFont::DemiBold);
            p.setFont(bold);
            p.setPen(palette().color(QPalette::Text));
            QString text = QStringLiteral("%1 %2 — %3")
                               .arg(m_collapsed.contains(l.group) ? QStringLiteral("▸") : QStringLiteral("▾"),
                                   groupTitle(l.group), tr("%n host(s)", "", m_groupSizes.value(l.group)));
            if (const int failed = m_groupFailed.value(l.group); failed > 0) {
                text += QStringLiteral(", ") + tr("%n failed", "", failed);
            }
            p.drawText(r.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
            p.setFont(font());
            continue;
        }
        const JobTimeline::Row& row = rows.at(l.row);
        const bool isSelected = row.host == m_selected;
        p.fillRect(
            QRect(0, r.top(), m_labelWidth, r.height()), isSelected ? palette().color(QPalette::Highlight) : label);
        p.setPen(palette().color(QPalette::Mid)); // the label column's edge
        p.drawLine(m_labelWidth, r.top(), m_labelWidth, r.bottom());
        if (isSelected) {
            p.fillRect(QRect(m_labelWidth, r.top(), r.width() - m_labelWidth, r.height()), selected);
        }
        // The host's outcome as a dot, then its name.
        const int dot = std::max(6, r.height() / 3);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
        p.setBrush(outcomeColor(JobTimeline::outcomeOf(row.status)));
        p.drawEllipse(QRect(8, r.center().y() - dot / 2, dot, dot));
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(palette().color(isSelected ? QPalette::HighlightedText : QPalette::Text));
        const int textLeft = 14 + dot;
        p.drawText(QRect(textLeft, r.top(), m_labelWidth - textLeft - 4, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
            fm.elidedText(row.host, Qt::ElideMiddle, m_labelWidth - textLeft - 4));
        p.save();
        p.setClipRect(QRect(plot.left(), r.top(), plot.width(), r.height()));
        for (const JobTimeline::Bar& b : row.bars) {
            const int x0 = xFor(b.startMs);
            const int x1 = xFor(b.endMs < 0 ? now : b.endMs);
            if (x1 < plot.left() || x0 > plot.right()) {
                continue;
            }
            const QRect bar(x0, r.top() + 3, std::max(2, x1 - x0), r.height() - 6);
            const QColor c = outcomeColor(JobTimeline::outcomeOf(b.status));
            p.fillRect(bar, c);
            if (b.endMs < 0) { // running: a lighter end shows it is still growing
                p.fillRect(QRect(bar.right() - std::min(bar.width(), 6) + 1, bar.top(), std::min(bar.width(), 6),
                               bar.height()),
                    c.lighter(140));
            }
        }
        p.restore();
    }
    p.restore();
}

void TimelineView::paintAxis(QPainter& p) const
{
    const QRect plot = plotRect();
    const QRect axis(0, 0, viewport()->width(), m_axisHeight);
    p.fillRect(axis, palette().color(QPalette::Window));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(axis.left(), axis.bottom(), axis.right(), axis.bottom());
    const QFontMetrics fm(font());
    const int row1 = 4; // wall clock
    const int row2 = 4 + fm.height() + 2; // elapsed
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(8, row1, m_labelWidth - 12, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, tr("Clock"));
    p.drawText(QRect(8, row2, m_labelWidth - 12, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, tr("Elapsed"));
    const int row3 = row2 + fm.height() + 2; // batch starts
    p.drawText(QRect(8, row3, m_labelWidth - 12, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, tr("Batches"));
    p.save();
    p.setClipRect(QRect(plot.left(), 0, plot.width(), m_axisHeight));
    const qint64 step = tickStepMs();
    const qint64 origin = m_timeline->originMs();
    const qint64 span = spanEndMs() - origin;
    p.setPen(palette().color(QPalette::Text));
    for (const qint64 t : elapsedTicks()) {
        const int x = xFor(t);
        p.drawLine(x, axis.bottom() - 4, x, axis.bottom());
        p.drawText(x + 3, row2 + fm.ascent(), elapsedText(t - origin, step));
    }
    // The clock's ticks fall on round local times (14:05:00, not 14:04:37 + 30 s).
    const qint64 start = visibleStartMs();
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(start).offsetFromUtc()) * 1000;
    qint64 t = ((start + offset + step - 1) / step) * step - offset;
    for (int n = 0; t <= visibleEndMs() && n < 1000; t += step, ++n) {
        const int x = xFor(t);
        p.drawLine(x, row1, x, row1 + 4);
        p.drawText(x + 3, row1 + fm.ascent(), clockText(t, step, span));
    }
    p.restore();
    // Batch tags in the axis' third row where their line starts, skipped where they would overlap the previous one.
    p.save();
    p.setClipRect(QRect(plot.left(), 0, plot.width(), viewport()->height()));
    int lastRight = -1;
    const QColor accent = Theme::color(QStringLiteral("accent"));
    for (int g = 0; g < m_timeline->groups().size(); ++g) {
        const int x = xFor(m_timeline->groups().at(g).startMs);
        const QString tag = m_timeline->stepCount() > 1
            ? QStringLiteral("S%1·B%2")
                  .arg(m_timeline->groups().at(g).step + 1)
                  .arg(m_timeline->groups().at(g).batch + 1)
            : QStringLiteral("B%1").arg(m_timeline->groups().at(g).batch + 1);
        const QRect box(x, row3, fm.horizontalAdvance(tag) + 6, fm.height());
        if (x < plot.left() || box.left() <= lastRight) {
            continue;
        }
        p.fillRect(box, accent);
        p.setPen(palette().color(QPalette::HighlightedText));
        p.drawText(box, Qt::AlignCenter, tag);
        lastRight = box.right() + 2;
    }
    p.restore();
}

void TimelineView::paintLegend(QPainter& p) const
{
    const QRect v = viewport()->rect();
    const QRect legend(0, v.bottom() - m_legendHeight + 1, v.width(), m_legendHeight);
    p.fillRect(legend, palette().color(QPalette::Window));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(legend.left(), legend.top(), legend.right(), legend.top());
    const QFontMetrics fm(font());
    const int box = fm.height() - 4;
    int x = 8;
    const int y = legend.top() + (legend.height() - box) / 2;
    const auto item = [&](const QBrush& brush, const QString& text) {
        p.fillRect(QRect(x, y, box, box), brush);
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(QRect(x, y, box - 1, box - 1));
        x += box + 4;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(x, legend.top(), fm.horizontalAdvance(text) + 2, legend.height()), Qt::AlignVCenter, text);
        x += fm.horizontalAdvance(text) + 14;
    };
    // Outcomes no host has are left out when the legend would not fit the width.
    const QLocale locale;
    QStringList texts;
    int width = 0;
    for (int o = 0; o < JobTimeline::kOutcomeCount; ++o) {
        texts << QStringLiteral("%1 %2").arg(outcomeName(Outcome(o)), locale.toString(m_counts[size_t(o)]));
        width += box + 18 + fm.horizontalAdvance(texts.last());
    }
    for (const QString& t : { tr("waiting between batches"), tr("paused"), tr("batch start") }) {
        width += box + 18 + fm.horizontalAdvance(t);
    }
    const bool compact = width > v.width();
    for (int o = 0; o < JobTimeline::kOutcomeCount; ++o) {
        if (!compact || m_counts[size_t(o)] > 0) {
            item(outcomeColor(Outcome(o)), texts.at(o));
        }
    }
    item(Theme::color(QStringLiteral("message.warning.background")), tr("waiting between batches"));
    item(Theme::color(QStringLiteral("message.info.background")), tr("paused"));
    // The batch line's sample.
    QPen batchPen(Theme::color(QStringLiteral("accent")));
    batchPen.setStyle(Qt::DashLine);
    p.setPen(batchPen);
    p.drawLine(x + box / 2, y, x + box / 2, y + box);
    x += box + 4;
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(x, legend.top(), v.width() - x, legend.height()), Qt::AlignVCenter, tr("batch start"));
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_fitted) {
        fit();
    } else {
        updateScrollBars();
    }
}

void TimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressed = true;
        m_dragging = false;
        m_pressPos = event->position().toPoint();
        m_pressScroll = { horizontalScrollBar()->value(), verticalScrollBar()->value() };
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_pressed && (event->buttons() & Qt::LeftButton)) {
        const QPoint delta = event->position().toPoint() - m_pressPos;
        if (!m_dragging && delta.manhattanLength() >= QApplication::startDragDistance()) {
            m_dragging = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            horizontalScrollBar()->setValue(m_pressScroll.x() - delta.x());
            verticalScrollBar()->setValue(m_pressScroll.y() - delta.y());
        }
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_pressed) {
        m_pressed = false;
        if (m_dragging) {
            m_dragging = false;
            viewport()->unsetCursor();
        } else if (const int line = lineAt(event->position().toPoint()); line >= 0) {
            const Line l = m_lines.at(line);
            if (l.row < 0) {
                setGroupCollapsed(l.group, !m_collapsed.contains(l.group));
            } else {
                setSelectedHost(m_timeline->rows().at(l.row).host);
                emit hostClicked(m_selected);
            }
        }
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int steps = event->angleDelta().y() / 120;
        if (steps != 0) {
            zoomBy(std::pow(1.25, steps), event->position().toPoint().x());
        }
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / 1.5);
        return;
    case Qt::Key_0:
    case Qt::Key_F:
        fit();
        return;
    case Qt::Key_Left:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Right:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

bool TimelineView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
        updateScrollBars();
    }
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange) {
        viewport()->update();
    }
}
