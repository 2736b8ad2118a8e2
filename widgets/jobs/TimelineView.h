#pragma once

#include "jobs/JobState.h"

#include <QList>
#include <QStringList>
#include <QWidget>

// The timeline of a job: one row per host, one bar per run of the host in a step, from start to finish (or to now
// while running), coloured by outcome. Zoom changes the pixels per second.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    void setState(const JobState* state);
    void setPixelsPerSecond(double pps);
    double pixelsPerSecond() const { return m_pps; }
    // The bars drawn: host row, step, start and end (ms since the job began), status.
    struct Bar {
        int row = 0;
        int step = 0;
        qint64 startMs = 0;
        qint64 endMs = 0;
        HostStatus status = HostStatus::Pending;
    };
    QList<Bar> bars() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    // Rows and bars are rebuilt only when the state has moved on (another job, run or event, or its end), not on
    // every paint and size query: a running job repaints ten times a second, with thousands of hosts.
    void ensureCache() const;
    qint64 nowMs() const;

    const JobState* m_state = nullptr;
    double m_pps = 40.0;
    mutable const JobState* m_cachedState = nullptr;
    mutable QString m_cachedJob;
    mutable int m_cachedRun = -1;
    mutable qint64 m_cachedSeq = -1;
    mutable bool m_cachedFinished = false;
    mutable QStringList m_rowNames;
    mutable QList<Bar> m_cachedBars; // endMs < 0: still running, it ends at the clock
};
