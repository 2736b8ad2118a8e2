#pragma once

#include "jobs/JobState.h"

#include <QProgressBar>

// The progress of a job as one bar in outcome colours: succeeded, failed, cancelled/skipped and not started hosts
// as segments from the left in that order, running ones after them; what is still pending stays empty. value()
// counts the hosts that ran and are done (never the ones that did not start), so the bar and its text agree.
class JobProgressBar : public QProgressBar {
    Q_OBJECT
public:
    enum class Segment { Succeeded, Failed, Other, NotStarted, Running, SegmentCount };
    explicit JobProgressBar(QWidget* parent = nullptr);

    void setCounts(const HostCounts& counts);
    // Hosts in each segment (for tests and the tooltip).
    int segment(Segment segment) const { return m_segments[size_t(segment)]; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::array<int, size_t(Segment::SegmentCount)> m_segments {};
    int m_total = 0;
};
