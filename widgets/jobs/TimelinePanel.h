#pragma once

#include "jobs/JobTimeline.h"

#include <QElapsedTimer>
#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;
class TimelineView;

// The job view's Timeline tab: the Gantt chart (TimelineView) with its controls (sort, filter by outcome, group by
// batch, zoom and fit) and, for a finished job, replay: a slider scrubs through the job and Play runs it again at
// 1×, 10× or 60× from its events. It keeps the job's events without output (a few per host) for that.
class TimelinePanel : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(QWidget* parent = nullptr);

    void clear();
    // The next event of the job (one JobState accepted). Cheap: the chart catches up at refresh().
    void applyEvent(const JobEvent& event);
    // Shows what changed since the last call (the job view calls it on its refresh tick).
    void refresh();

    TimelineView* view() const { return m_view; }
    const JobTimeline& liveTimeline() const { return m_live; }
    const QList<JobEvent>& events() const { return m_events; }

    // Replay (a finished job only): the chart as it was at `timeMs` (epoch ms); at the end it is the live chart.
    void setReplayTime(qint64 timeMs);
    bool isReplaying() const { return m_replaying; }
    qint64 replayTime() const { return m_replayMs; }
    void play(int speed); // 1, 10 or 60
    void stop();
    bool isPlaying() const;
    QSlider* replaySlider() const { return m_slider; }
    QComboBox* sortBox() const { return m_sort; }
    QComboBox* filterBox() const { return m_filter; }

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslateUi();
    void updateReplayControls();
    void advancePlayback();
    qint64 endMs() const;

    JobTimeline m_live;
    JobTimeline m_replay;
    QList<JobEvent> m_events;
    int m_replayNext = 0; // the next event m_replay has not seen
    // The replay fold every kCheckpointEvents events (index of the next event, the fold before it): scrubbing
    // backwards starts from the nearest one instead of the job's beginning.
    QList<std::pair<int, JobTimeline>> m_checkpoints;
    qint64 m_replayMs = 0;
    bool m_replaying = false;
    bool m_dirty = false;
    int m_speed = 10;
    QElapsedTimer m_playClock;
    qint64 m_playFromMs = 0;

    TimelineView* m_view = nullptr;
    QLabel* m_sortLabel = nullptr;
    QComboBox* m_sort = nullptr;
    QLabel* m_filterLabel = nullptr;
    QComboBox* m_filter = nullptr;
    QCheckBox* m_grouped = nullptr;
    QToolButton* m_zoomOut = nullptr;
    QToolButton* m_zoomIn = nullptr;
    QToolButton* m_fit = nullptr;
    QToolButton* m_play = nullptr;
    QComboBox* m_speedBox = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_time = nullptr;
    QTimer* m_playTimer = nullptr;
};
