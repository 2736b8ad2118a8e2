#include "jobs/TimelinePanel.h"

#include "jobs/JobDisplay.h"
#include "jobs/TimelineView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr int kSliderSteps = 1000;
constexpr int kPlayTickMs = 40;
constexpr int kCheckpointEvents = 2000;

} // namespace

TimelinePanel::TimelinePanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timelinePanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* tools = new QHBoxLayout;
    tools->setContentsMargins(4, 0, 4, 0);
    m_sortLabel = new QLabel(this);
    tools->addWidget(m_sortLabel);
    m_sort = new QComboBox(this);
    m_sort->setObjectName(QStringLiteral("timelineSort"));
    m_sort->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tools->addWidget(m_sort);
    m_filterLabel = new QLabel(this);
    tools->addWidget(m_filterLabel);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("timelineFilter"));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tools->addWidget(m_filter);
    m_grouped = new QCheckBox(this);
    m_grouped->setObjectName(QStringLiteral("timelineGrouped"));
    m_grouped->setChecked(true);
    tools->addWidget(m_grouped);
    tools->addStretch();
    const auto button = [&](const QString& name) {
        auto* b = new QToolButton(this);
        b->setObjectName(name);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        tools->addWidget(b);
        return b;
    };
    m_zoomOut = button(QStringLiteral("timelineZoomOut"));
    m_zoomIn = button(QStringLiteral("timelineZoomIn"));
    m_fit = button(QStringLiteral("timelineFit"));
    layout->addLayout(tools);

    m_view = new TimelineView(this);
    m_view->setTimeline(&m_live);
    layout->addWidget(m_view, 1);

    auto* replay = new QHBoxLayout;
    replay->setContentsMargins(4, 0, 4, 4);
    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("timelinePlay"));
    m_play->setToolButtonStyle(Qt::ToolButtonTextOnly);
    replay->addWidget(m_play);
    m_speedBox = new QComboBox(this);
    m_speedBox->setObjectName(QStringLiteral("timelineSpeed"));
    for (const int speed : { 1, 10, 60 }) {
        m_speedBox->addItem(QStringLiteral("%1×").arg(speed), speed);
    }
    m_speedBox->setCurrentIndex(1);
    replay->addWidget(m_speedBox);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("timelineReplay"));
    m_slider->setRange(0, kSliderSteps);
    m_slider->setValue(kSliderSteps);
    replay->addWidget(m_slider, 1);
    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("timelineReplayTime"));
    m_time->setMinimumWidth(m_time->fontMetrics().horizontalAdvance(QStringLiteral("+00:00:00 / +00:00:00")) + 8);
    replay->addWidget(m_time);
    layout->addLayout(replay);

    m_playTimer = new QTimer(this);
    m_playTimer->setInterval(kPlayTickMs);
    connect(m_playTimer, &QTimer::timeout, this, &TimelinePanel::advancePlayback);
    connect(m_sort, &QComboBox::currentIndexChanged, this,
        [this](int i) { m_view->setSort(m_sort->itemData(i).value<TimelineView::Sort>()); });
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this](int i) {
        const int o = m_filter->itemData(i).toInt();
        m_view->setOutcomeFilter(o < 0 ? QList<JobTimeline::Outcome> {} : QList { JobTimeline::Outcome(o) });
    });
    connect(m_grouped, &QCheckBox::toggled, m_view, &TimelineView::setGrouped);
    connect(m_zoomIn, &QToolButton::clicked, m_view, [this] { m_view->zoomBy(1.5); });
    connect(m_zoomOut, &QToolButton::clicked, m_view, [this] { m_view->zoomBy(1 / 1.5); });
    connect(m_fit, &QToolButton::clicked, m_view, &TimelineView::fit);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        stop();
        const qint64 origin = m_live.originMs();
        setReplayTime(origin + (endMs() - origin) * v / kSliderSteps);
    });
    connect(m_play, &QToolButton::clicked, this, [this] {
        if (isPlaying()) {
            stop();
        } else {
            play(m_speedBox->currentData().toInt());
        }
    });
    connect(m_speedBox, &QComboBox::currentIndexChanged, this, [this] {
        if (isPlaying()) {
            play(m_speedBox->currentData().toInt());
        }
    });
    retranslateUi();
    updateReplayControls();
}

void TimelinePanel::retranslateUi()
{
    m_sortLabel->setText(tr("Sort:"));
    const int sort = std::max(0, m_sort->currentIndex());
    {
        const QSignalBlocker block(m_sort);
        m_sort->clear();
        m_sort->addItem(tr("Target order"), QVariant::fromValue(TimelineView::Sort::TargetOrder));
        m_sort->addItem(tr("Failed first"), QVariant::fromValue(TimelineView::Sort::FailedFirst));
        m_sort->addItem(tr("Slowest first"), QVariant::fromValue(TimelineView::Sort::SlowestFirst));
        m_sort->addItem(tr("Host name"), QVariant::fromValue(TimelineView::Sort::Name));
        m_sort->setCurrentIndex(sort);
    }
    m_filterLabel->setText(tr("Show:"));
    const int filter = std::max(0, m_filter->currentIndex());
    {
        const QSignalBlocker block(m_filter);
        m_filter->clear();
        m_filter->addItem(tr("All hosts"), -1);
        for (const auto o : { JobTimeline::Outcome::Failed, JobTimeline::Outcome::Succeeded,
                 JobTimeline::Outcome::Running, JobTimeline::Outcome::Pending, JobTimeline::Outcome::Skipped }) {
            m_filter->addItem(TimelineView::outcomeName(o), int(o));
        }
        m_filter->setCurrentIndex(filter);
    }
    m_grouped->setText(tr("Group by batch"));
    m_zoomOut->setText(QStringLiteral("−"));
    m_zoomOut->setToolTip(tr("Zoom out (-, Ctrl+wheel)"));
    m_zoomIn->setText(QStringLiteral("+"));
    m_zoomIn->setToolTip(tr("Zoom in (+, Ctrl+wheel)"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole job (F)"));
    m_speedBox->setToolTip(tr("Replay speed"));
    m_slider->setToolTip(tr("Drag to see the job as it was at that moment"));
    updateReplayControls();
}

void TimelinePanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_sort) {
        retranslateUi();
    }
}

void TimelinePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_dirty = false;
    m_view->timelineChanged();
    updateReplayControls();
}

void TimelinePanel::clear()
{
    stop();
    m_live.clear();
    m_replay.clear();
    m_events.clear();
    m_checkpoints.clear();
    m_replayNext = 0;
    m_replaying = false;
    m_dirty = false;
    m_view->setTimeline(&m_live);
    m_view->setNowMs(0);
    m_view->setAxisEndMs(0);
    m_view->fit();
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(kSliderSteps);
    }
    updateReplayControls();
}

void TimelinePanel::applyEvent(const JobEvent& event)
{
    if (!JobTimeline::isTimelineEvent(event.type)) {
        return;
    }
    m_live.apply(event);
    m_events.append(event);
    if (event.type == JobEvent::Type::JobRerun) {
        m_checkpoints.clear(); // a new run: the replay's end moved
    }
    m_dirty = true;
}

void TimelinePanel::refresh()
{
    if (!isVisible()) {
        return; // another tab is shown: the chart catches up when it is shown (showEvent)
    }
    if (m_dirty) {
        m_dirty = false;
        m_view->timelineChanged();
        updateReplayControls();
    } else if (!m_live.isFinished() && !m_live.isEmpty()) {
        m_view->timelineChanged(); // running bars grow with the clock
    }
}

qint64 TimelinePanel::endMs() const
{
    return std::max(m_live.originMs(), m_live.lastEventMs());
}

void TimelinePanel::setReplayTime(qint64 timeMs)
{
    if (!m_live.isFinished()) {
        return;
    }
    if (timeMs >= endMs()) {
        m_replaying = false;
        m_replayMs = endMs();
        m_view->setTimeline(&m_live);
        m_view->setNowMs(0);
        m_view->setAxisEndMs(0);
    } else {
        if (!m_replaying || timeMs < m_replayMs) {
            // Backwards: fold again from the last checkpoint before that moment (or the start).
            m_replay.clear();
            m_replayNext = 0;
            for (auto it = m_checkpoints.crbegin(); it != m_checkpoints.crend(); ++it) {
                if (m_events.at(it->first - 1).timeMs <= timeMs) {
                    m_replay = it->second;
                    m_replayNext = it->first;
                    break;
                }
            }
        }
        m_replaying = true;
        m_replayMs = std::max(timeMs, m_live.originMs());
        while (m_replayNext < m_events.size() && m_events.at(m_replayNext).timeMs <= m_replayMs) {
            m_replay.apply(m_events.at(m_replayNext++));
            if (m_replayNext % kCheckpointEvents == 0
                && (m_checkpoints.isEmpty() || m_checkpoints.last().first < m_replayNext)) {
                m_checkpoints.append({ m_replayNext, m_replay });
            }
        }
        m_view->setTimeline(&m_replay);
        m_view->setAxisEndMs(endMs());
        m_view->setNowMs(m_replayMs);
    }
    const qint64 origin = m_live.originMs();
    const qint64 span = std::max<qint64>(1, endMs() - origin);
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int((m_replayMs - origin) * kSliderSteps / span));
    }
    updateReplayControls();
}

void TimelinePanel::play(int speed)
{
    if (!m_live.isFinished()) {
        return;
    }
    m_speed = std::max(1, speed);
    if (!m_replaying) {
        setReplayTime(m_live.originMs()); // from the start
    }
    m_playFromMs = m_replayMs;
    m_playClock.start();
    m_playTimer->start();
    updateReplayControls();
}

void TimelinePanel::stop()
{
    m_playTimer->stop();
    updateReplayControls();
}

bool TimelinePanel::isPlaying() const
{
    return m_playTimer->isActive();
}

void TimelinePanel::advancePlayback()
{
    const qint64 t = m_playFromMs + m_playClock.elapsed() * m_speed;
    setReplayTime(t);
    if (!m_replaying) {
        stop(); // reached the end: the live chart again
    }
}

void TimelinePanel::updateReplayControls()
{
    const bool finished = m_live.isFinished();
    m_play->setEnabled(finished);
    m_slider->setEnabled(finished);
    m_speedBox->setEnabled(finished);
    m_play->setText(isPlaying() ? tr("Pause") : tr("Play"));
    m_play->setToolTip(finished ? tr("Play the job back from its events") : tr("Replay is for finished jobs"));
    if (m_live.isEmpty()) {
        m_time->clear();
        return;
    }
    const qint64 origin = m_live.originMs();
    const qint64 total = endMs() - origin;
    const qint64 at = (m_replaying ? m_replayMs : endMs()) - origin;
    const qint64 step = total >= 60000 ? 1000 : 100;
    m_time->setText(
        QStringLiteral("%1 / %2").arg(TimelineView::elapsedText(at, step), TimelineView::elapsedText(total, step)));
}
