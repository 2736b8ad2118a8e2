#include "jobs/JobTimeline.h"

namespace {

quint64 groupKey(int run, int step, int batch)
{
    return (quint64(quint32(run)) << 40) ^ (quint64(quint32(step)) << 20) ^ quint64(quint32(batch));
}

} // namespace

JobTimeline::Outcome JobTimeline::outcomeOf(HostStatus status)
{
    switch (status) {
    case HostStatus::Success:
        return Outcome::Succeeded;
    case HostStatus::Running:
        return Outcome::Running;
    case HostStatus::Pending:
    case HostStatus::NotStarted:
        return Outcome::Pending;
    case HostStatus::Skipped:
    case HostStatus::Cancelled:
        return Outcome::Skipped;
    default:
        return Outcome::Failed;
    }
}

bool JobTimeline::isTimelineEvent(JobEvent::Type type)
{
    return type != JobEvent::Type::HostOutput && type != JobEvent::Type::HostProgress;
}

void JobTimeline::clear()
{
    *this = JobTimeline();
}

JobTimeline JobTimeline::replayUntil(const QList<JobEvent>& events, qint64 timeMs)
{
    JobTimeline t;
    for (const JobEvent& e : events) {
        if (e.timeMs > timeMs) {
            break; // times never run backwards within a job (the engine's clock is monotonic)
        }
        t.apply(e);
    }
    return t;
}

qint64 JobTimeline::busyMs(int row, qint64 nowMs) const
{
    qint64 ms = 0;
    for (const Bar& b : m_rows.at(row).bars) {
        ms += (b.endMs < 0 ? std::max(nowMs, b.startMs) : b.endMs) - b.startMs;
    }
    return ms;
}

void JobTimeline::updateStatus(Row& row) const
{
    // Per step the latest run of the host; the outcome is the first step that did not succeed, else the last one.
    const Bar* chosen = nullptr;
    for (int step = 0; step < m_stepCount; ++step) {
        const auto latest
            = std::find_if(row.bars.crbegin(), row.bars.crend(), [step](const Bar& b) { return b.step == step; });
        if (latest != row.bars.crend()) {
            chosen = &*latest;
            if (chosen->status != HostStatus::Success) {
                break;
            }
        }
    }
    if (chosen) {
        row.status = chosen->status;
        row.exitCode = chosen->exitCode;
    }
}

void JobTimeline::closeIntervals(Interval::Kind kind, qint64 timeMs)
{
    for (Interval& i : m_intervals) {
        if (i.kind == kind && i.endMs < 0) {
            i.endMs = timeMs;
        }
    }
}

void JobTimeline::apply(const JobEvent& e)
{
    using T = JobEvent::Type;
    if (!isTimelineEvent(e.type) || (m_originMs == 0 && e.type != T::JobCreated)) {
        return;
    }
    ++m_revision;
    m_lastEventMs = std::max(m_lastEventMs, e.timeMs);
    switch (e.type) {
    case T::JobCreated: {
        clear();
        ++m_revision;
        m_originMs = e.timeMs;
        m_lastEventMs = e.timeMs;
        if (!e.spec) {
            break;
        }
        m_stepCount = int(e.spec->steps.size());
        for (const JobStep& step : e.spec->steps) {
            m_stepNames.append(step.displayName());
        }
        const QStringList targets = e.spec->allTargets();
        m_rows.reserve(targets.size());
        m_rowOf.reserve(targets.size());
        for (const QString& host : targets) {
            m_rowOf.insert(host, int(m_rows.size()));
            Row r;
            r.host = host;
            m_rows.append(r);
        }
        break;
    }
    case T::JobRerun:
        m_run = e.run;
        m_finished = false;
        for (const QString& host : e.hosts) {
            if (const int r = rowOf(host); r >= 0) {
                m_rows[r].status = HostStatus::Pending;
            }
        }
        break;
    case T::StepStarted:
        for (const QString& host : e.skipped) {
            if (const int r = rowOf(host); r >= 0 && m_rows[r].bars.isEmpty()) {
                m_rows[r].status = HostStatus::Skipped;
            }
        }
        break;
    case T::BatchStarted: {
        closeIntervals(Interval::Kind::Wait, e.timeMs);
        const quint64 key = groupKey(m_run, e.step, e.batch);
        if (!m_groupOf.contains(key)) {
            m_groupOf.insert(key, int(m_groups.size()));
            Group g;
            g.run = m_run;
            g.step = e.step;
            g.batch = e.batch;
            g.startMs = e.timeMs;
            m_groups.append(g);
        }
        const int group = m_groupOf.value(key);
        for (const QString& host : e.hosts) {
            if (const int r = rowOf(host); r >= 0 && m_rows[r].group < 0) {
                m_rows[r].group = group;
                m_groups[group].rows.append(r);
            }
        }
        break;
    }
    case T::HostStarted:
        if (const int r = rowOf(e.host); r >= 0) {
            Bar b;
            b.step = e.step;
            b.batch = e.batch;
            b.run = m_run;
            b.attempt = e.attempt;
            b.startMs = e.timeMs;
            m_rows[r].bars.append(b);
            updateStatus(m_rows[r]);
        }
        break;
    case T::HostFinished:
        if (const int r = rowOf(e.host); r >= 0) {
            Row& row = m_rows[r];
            auto it = std::find_if(
                row.bars.rbegin(), row.bars.rend(), [&](const Bar& b) { return b.step == e.step && b.endMs < 0; });
            if (it == row.bars.rend()) {
                // Finished without starting (cancelled or refused before its turn): a point in time.
                Bar b;
                b.step = e.step;
                b.batch = e.batch;
                b.run = m_run;
                b.attempt = e.attempt;
                b.startMs = e.timeMs - std::max<qint64>(0, e.durationMs);
                row.bars.append(b);
                it = row.bars.rbegin();
            }
            it->endMs = std::max(it->startMs, e.timeMs);
            it->status = e.hostStatus;
            it->exitCode = e.exitCode;
            updateStatus(row);
        }
        break;
    case T::BatchFinished:
        if (const int g = m_groupOf.value(groupKey(m_run, e.step, e.batch), -1); g >= 0) {
            m_groups[g].endMs = e.timeMs;
        }
        break;
    case T::JobWaiting: {
        closeIntervals(Interval::Kind::Wait, e.timeMs);
        Interval i;
        i.kind = Interval::Kind::Wait;
        i.manual = e.manual;
        i.step = e.step;
        i.batch = e.batch;
        i.startMs = e.timeMs;
        m_intervals.append(i);
        break;
    }
    case T::JobConfirmed:
        closeIntervals(Interval::Kind::Wait, e.timeMs);
        break;
    case T::JobPaused: {
        closeIntervals(Interval::Kind::Pause, e.timeMs);
        Interval i;
        i.kind = Interval::Kind::Pause;
        i.startMs = e.timeMs;
        m_intervals.append(i);
        break;
    }
    case T::JobResumed:
        closeIntervals(Interval::Kind::Pause, e.timeMs);
        break;
    case T::JobFinished: {
        m_finished = true;
        closeIntervals(Interval::Kind::Wait, e.timeMs);
        closeIntervals(Interval::Kind::Pause, e.timeMs);
        for (Group& g : m_groups) {
            g.endMs = g.endMs < 0 ? e.timeMs : g.endMs;
        }
        for (Row& row : m_rows) {
            for (Bar& b : row.bars) {
                if (b.endMs < 0) {
                    b.endMs = e.timeMs;
                    b.status = HostStatus::Interrupted; // as JobState::finishAll: it never said how it ended
                }
            }
            if (row.bars.isEmpty() && row.status == HostStatus::Pending) {
                row.status = HostStatus::NotStarted;
            }
            updateStatus(row);
        }
        break;
    }
    default:
        break;
    }
}
