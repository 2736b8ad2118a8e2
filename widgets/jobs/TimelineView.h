#pragma once

#include "jobs/JobTimeline.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QSet>
#include <QStringList>
#include <array>

// A job's timeline as a Gantt chart: one row per host, grouped under collapsible batch headers, one bar per run of
// the host in a step coloured by outcome (the theme's job.* roles), a time axis in wall-clock and elapsed time with
// nice tick steps at every zoom, batch starts as lines, waits between batches and pauses as bands, and a legend.
// It paints only the rows in view from a JobTimeline (no item per bar), so 10,000 hosts cost what 30 do.
// Zoom: Ctrl+wheel (around the pointer), +/-, and fit (0 or F; the view stays fitted while a live job grows until
// it is zoomed). Pan: drag, the scroll bars, the wheel. Hover tells host, step, status, exit code and duration; a
// click on a row selects its host (hostClicked), a click on a batch header folds it.
class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    enum class Sort { TargetOrder, FailedFirst, SlowestFirst, Name };
    Q_ENUM(Sort)
    using Outcome = JobTimeline::Outcome;

    explicit TimelineView(QWidget* parent = nullptr);

    // What is shown (not owned; nullptr for nothing). Call timelineChanged() after it changed.
    void setTimeline(const JobTimeline* timeline);
    const JobTimeline* timeline() const { return m_timeline; }
    void timelineChanged();
    // Where running bars end: 0 = now (the clock; for a finished job its last event), else that moment (replay).
    void setNowMs(qint64 ms);
    qint64 nowMs() const;
    // The axis reaches at least this far (0: to now): a replay keeps the whole job's axis while it plays.
    void setAxisEndMs(qint64 ms);

    void setSort(Sort sort);
    Sort sort() const { return m_sort; }
    // Only rows whose outcome is one of these (empty: every row).
    void setOutcomeFilter(const QList<Outcome>& outcomes);
    void setGrouped(bool grouped);
    bool isGrouped() const { return m_grouped; }
    void setGroupCollapsed(int group, bool collapsed);
    bool isGroupCollapsed(int group) const { return m_collapsed.contains(group); }
    void setSelectedHost(const QString& host);
    QString selectedHost() const { return m_selected; }

    void setPixelsPerSecond(double pps);
    double pixelsPerSecond() const { return m_pps; }
    void zoomBy(double factor, int anchorX = -1);
    void fit();
    bool isFitted() const { return m_fitted; }

    // The lines shown from top to bottom: a batch header (row -1; group == groups().size() is "not started yet")
    // or a host's row.
    struct Line {
        int group = -1;
        int row = -1;
        bool operator==(const Line&) const = default;
    };
    QList<Line> lines() const;
    QStringList rowHosts() const; // the hosts of the rows shown, in order
    // Viewport geometry (for hit tests and tests): a line's rectangle, a bar's, the line under a point.
    QRect lineRect(int line) const;
    QRect barRect(int row, int bar) const;
    int lineAt(const QPoint& pos) const;
    QString toolTipAt(const QPoint& pos) const;
    // The time axis: the moments at the left and right edge of the plot, its tick step and ticks in view.
    qint64 visibleStartMs() const;
    qint64 visibleEndMs() const;
    qint64 tickStepMs() const;
    QList<qint64> elapsedTicks() const; // epoch ms
    QRect plotRect() const;
    int xFor(qint64 ms) const;
    // The colour of an outcome (the legend's and the bars').
    static QColor outcomeColor(Outcome outcome);
    static QString outcomeName(Outcome outcome);
    // A tick step (ms) of 1-2-5 and clock steps that puts ticks at least minPixels apart at pps.
    static qint64 niceStepMs(double pps, int minPixels);
    static QString elapsedText(qint64 ms, qint64 stepMs);
    // Host counts per outcome (all rows, not only the filtered ones): the legend's numbers.
    std::array<int, JobTimeline::kOutcomeCount> outcomeCounts() const;

signals:
    void hostClicked(const QString& host);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateMetrics();
    void ensureOrder() const;
    void updateScrollBars();
    qint64 spanEndMs() const;
    qint64 timeAt(int x) const;
    QString groupTitle(int group) const;
    void paintAxis(QPainter& p) const;
    void paintMarkers(QPainter& p) const;
    void paintLines(QPainter& p) const;
    void paintIntervalLabels(QPainter& p) const;
    void paintLegend(QPainter& p) const;

    const JobTimeline* m_timeline = nullptr;
    qint64 m_nowMs = 0;
    qint64 m_axisEndMs = 0;
    Sort m_sort = Sort::TargetOrder;
    int m_filterMask = 0; // bit per Outcome; 0 = all
    bool m_grouped = true;
    QSet<int> m_collapsed;
    QString m_selected;
    double m_pps = 40.0;
    bool m_fitted = true;
    int m_rowHeight = 18;
    int m_axisHeight = 40;
    int m_legendHeight = 24;
    int m_labelWidth = 200;
    QPoint m_pressPos;
    QPoint m_pressScroll;
    bool m_pressed = false;
    bool m_dragging = false;
    // The order of the lines, rebuilt only when the timeline or the sort, filter or folding changed.
    mutable QList<Line> m_lines;
    mutable quint64 m_orderRevision = ~0ull;
    mutable bool m_orderDirty = true;
    mutable std::array<int, JobTimeline::kOutcomeCount> m_counts {};
    mutable QList<int> m_groupSizes; // rows per group shown (after the filter)
    mutable QList<int> m_groupFailed;
};
