#include "JobProgressBar.h"

#include "Theme.h"

#include <QPainter>
#include <QPainterPath>

JobProgressBar::JobProgressBar(QWidget* parent)
    : QProgressBar(parent)
{
    setTextVisible(true);
}

void JobProgressBar::setCounts(const HostCounts& c)
{
    m_total = c.total;
    m_segments[size_t(Segment::Succeeded)] = c.of(HostStatus::Success);
    m_segments[size_t(Segment::Failed)] = c.failures();
    m_segments[size_t(Segment::Other)] = c.of(HostStatus::Cancelled);
    m_segments[size_t(Segment::NotStarted)] = c.of(HostStatus::NotStarted) + c.of(HostStatus::Skipped);
    m_segments[size_t(Segment::Running)] = c.of(HostStatus::Running);
    setRange(0, std::max(1, c.total));
    setValue(c.done());
    update();
}

void JobProgressBar::paintEvent(QPaintEvent* event)
{
    Q_UNUSED(event);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const QPalette& pal = palette();
    p.setPen(pal.color(QPalette::Mid));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(frame, 3, 3);
    if (m_total > 0) {
        static const char* const roles[] = { "job.success", "job.failed", "job.skipped", "job.pending", "job.running" };
        const QRectF inner = frame.adjusted(1, 1, -1, -1);
        double x = inner.left();
        p.save();
        QPainterPath clip;
        clip.addRoundedRect(inner, 2, 2);
        p.setClipPath(clip);
        p.setPen(Qt::NoPen);
        for (int i = 0; i < int(Segment::SegmentCount); ++i) {
            const double w = inner.width() * m_segments[size_t(i)] / m_total;
            if (w <= 0) {
                continue;
            }
            QColor colour = Theme::color(QString::fromLatin1(roles[i]));
            if (Segment(i) == Segment::Running) {
                colour.setAlphaF(0.45); // in flight: lighter than the outcomes
            }
            p.setBrush(colour);
            p.drawRect(QRectF(x, inner.top(), w, inner.height()));
            x += w;
        }
        p.restore();
    }
    // The text over the segments, readable on any of them.
    const QString label = text();
    if (!label.isEmpty()) {
        QFont f = font();
        p.setFont(f);
        const QRectF r = frame;
        p.setPen(pal.color(QPalette::Base));
        for (const QPointF d : { QPointF(-1, 0), QPointF(1, 0), QPointF(0, -1), QPointF(0, 1) }) {
            p.drawText(r.translated(d), Qt::AlignCenter, label);
        }
        p.setPen(pal.color(QPalette::Text));
        p.drawText(r, Qt::AlignCenter, label);
    }
}
