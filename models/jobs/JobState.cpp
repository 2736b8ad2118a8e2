#include "JobState.h"

namespace {

Error stateError(qint64 seq, const QString& message)
{
    return Error(QStringLiteral("event %1: %2").arg(seq).arg(message), { QStringLiteral("events"), 0, 0 });
}

void resetForRun(HostState& h, HostStatus status, qint64 seq)
{
    h.status = status;
    h.batch = -1;
    h.exitCode = -1;
    h.startedMs = 0;
    h.finishedMs = 0;
    h.durationMs = 0;
    h.stdoutBytes = 0;
    h.stderrBytes = 0;
    h.message.clear();
    h.phase.clear();
    h.retries = 0;
    h.lastSeq = seq;
}

} // namespace

int HostCounts::failures() const
{
    int n = 0;
    for (int i = 0; i < kHostStatusCount; ++i) {
        if (isFailure(HostStatus(i))) {
            n += byStatus[size_t(i)];
        }
    }
    return n;
}

int HostCounts::finished() const
{
    return total - of(HostStatus::Pending) - of(HostStatus::Running);
}

int HostCounts::done() const
{
    return finished() - of(HostStatus::NotStarted) - of(HostStatus::Skipped);
}

HostCounts StepState::counts() const
{
    HostCounts c;
    for (const HostState& h : hosts) {
        ++c.byStatus[size_t(h.status)];
        ++c.total;
    }
    return c;
}

Result<JobState> JobState::replay(const QList<JobEvent>& events)
{
    JobState state;
    for (const JobEvent& e : events) {
        if (auto r = state.apply(e); !r) {
            return r.error();
        }
    }
    return state;
}

Result<JobState> JobState::replayUntil(const QList<JobEvent>& events, qint64 timeMs)
{
    JobState state;
    for (const JobEvent& e : events) {
        if (e.timeMs > timeMs) {
            break; // a job's event times never run backwards (the engine's clock is monotonic)
        }
        if (auto r = state.apply(e); !r) {
            return r.error();
        }
    }
    return state;
}

StepState* JobState::stepAt(int index)
{
    return index >= 0 && index < m_steps.size() ? &m_steps[index] : nullptr;
}

const HostState* JobState::host(int step, const QString& name) const
{
    if (step < 0 || step >= m_steps.size()) {
        return nullptr;
    }
    const auto it = m_steps[step].hosts.constFind(name);
    return it == m_steps[step].hosts.cend() ? nullptr : &*it;
}

JobStatus JobState::status() const
{
    if (m_finished) {
        return m_finalStatus;
    }
    if (m_cancelling) {
        return JobStatus::Cancelling;
    }
    if (m_paused) {
        return JobStatus::Paused;
    }
    if (m_waiting && m_waitManual) {
        return JobStatus::WaitingForConfirmation;
    }
    return JobStatus::Running;
}

Result<void> JobState::apply(const JobEvent& e)
{
    using T = JobEvent::Type;
    if (m_lastSeq == 0 && (e.type != T::JobCreated || e.seq != 1)) {
        return stateError(e.seq, QStringLiteral("a job's events must begin with job.created as number 1"));
    }
    if (e.seq != m_lastSeq + 1) {
        return stateError(e.seq,
            QStringLiteral("expected event %1 next: sequence numbers follow on without gaps").arg(m_lastSeq + 1));
    }
    if (m_lastSeq > 0 && e.jobId != m_jobId) {
        return stateError(e.seq, QStringLiteral("belongs to job '%1', not '%2'").arg(e.jobId, m_jobId));
    }
    StepState* step = nullptr;
    switch (e.type) {
    case T::JobCreated:
    case T::JobRerun:
    case T::JobConfirmed:
    case T::JobPaused:
    case T::JobResumed:
    case T::JobStopping:
    case T::JobCancelling:
    case T::JobFinished:
        break;
    default:
        if (JobEvent::isWorkflowEvent(e.type)) {
            break;
        }
        step = stepAt(e.step);
        if (!step) {
            return stateError(e.seq, QStringLiteral("the job has no step %1").arg(e.step));
        }
    }
    HostState* host = nullptr;
    if (e.type == T::HostStarted || e.type == T::HostOutput || e.type == T::HostFinished || e.type == T::HostProgress) {
        auto it = step->hosts.find(e.host);
        if (it == step->hosts.end()) {
            return stateError(e.seq, QStringLiteral("'%1' is no host of step %2").arg(e.host).arg(e.step));
        }
        host = &*it;
    }
    if ((e.type == T::StepStarted || e.type == T::BatchStarted)) {
        for (const QStringList* list : { &e.hosts, &e.skipped }) {
            for (const QString& name : *list) {
                if (!step->hosts.contains(name)) {
                    return stateError(e.seq, QStringLiteral("'%1' is no host of step %2").arg(name).arg(e.step));
                }
            }
        }
    }

    switch (e.type) {
    case T::JobCreated: {
        if (!e.spec) {
            return stateError(e.seq, QStringLiteral("job.created without a job"));
        }
        m_jobId = e.jobId;
        m_spec = *e.spec;
        m_allTargets = m_spec.allTargets();
        m_createdMs = e.timeMs;
        m_run = 1;
        m_steps.clear();
        for (int s = 0; s < m_spec.steps.size(); ++s) {
            StepState st;
            st.index = s;
            st.targets = m_spec.targetsOf(s);
            st.hosts.reserve(st.targets.size());
            for (const QString& name : st.targets) {
                HostState h;
                h.name = name;
                h.step = s;
                h.lastSeq = e.seq;
                st.hosts.insert(name, h);
            }
            m_steps.append(st);
        }
        break;
    }
    case T::JobRerun:
        m_run = e.run;
        m_finished = false;
        m_finalStatus = JobStatus::Running;
        m_finishedMs = 0;
        m_paused = m_cancelling = m_stopping = m_waiting = false;
        m_stopReason.clear();
        m_message.clear();
        break;
    case T::StepStarted:
        step->status = StepStatus::Running;
        step->run = e.run;
        step->runHosts = e.hosts;
        step->batchCount = e.batchCount;
        step->startedMs = e.timeMs;
        step->finishedMs = 0;
        for (const QString& name : e.hosts) {
            resetForRun(step->hosts[name], HostStatus::Pending, e.seq);
        }
        for (const QString& name : e.skipped) {
            resetForRun(step->hosts[name], HostStatus::Skipped, e.seq);
        }
        m_currentStep = e.step;
        break;
    case T::BatchStarted: {
        BatchState b;
        b.run = m_run;
        b.index = e.batch;
        b.hosts = e.hosts;
        b.startedMs = e.timeMs;
        step->batches.append(b);
        for (const QString& name : e.hosts) {
            step->hosts[name].batch = e.batch;
        }
        m_waiting = false;
        break;
    }
    case T::HostStarted:
        resetForRun(*host, HostStatus::Running, e.seq);
        host->attempt = e.attempt;
        host->batch = e.batch;
        host->startedMs = e.timeMs;
        break;
    case T::HostOutput:
        (e.stream == OutputStream::Stdout ? host->stdoutBytes : host->stderrBytes) += e.chunk.size();
        break;
    case T::HostProgress:
        if (host->status == HostStatus::Running) {
            host->phase = e.phase == QLatin1String("retrying") ? QStringLiteral("queued") : e.phase;
            host->retries += e.phase == QLatin1String("retrying") ? 1 : 0;
        }
        break;
    case T::HostFinished:
        host->phase.clear();
        host->status = e.hostStatus;
        host->attempt = std::max(host->attempt, e.attempt);
        host->exitCode = e.exitCode;
        host->finishedMs = e.timeMs;
        host->durationMs = e.durationMs;
        host->message = e.message;
        host->lastSeq = e.seq;
        break;
    case T::BatchFinished:
        for (auto it = step->batches.rbegin(); it != step->batches.rend(); ++it) {
            if (it->run == m_run && it->index == e.batch) {
                it->finished = true;
                it->finishedMs = e.timeMs;
                it->succeeded = it->failed = 0;
                for (const QString& name : std::as_const(it->hosts)) {
                    const HostStatus s = step->hosts.value(name).status;
                    it->succeeded += s == HostStatus::Success ? 1 : 0;
                    it->failed += isFailure(s) ? 1 : 0;
                }
                break;
            }
        }
        break;
    case T::StepFinished:
        step->status = e.stepStatus;
        step->finishedMs = e.timeMs;
        for (const QString& name : std::as_const(step->runHosts)) {
            HostState& h = step->hosts[name];
            if (h.status == HostStatus::Pending) {
                h.status = HostStatus::NotStarted;
                h.lastSeq = e.seq;
            }
        }
        m_currentStep = -1;
        break;
    case T::JobWaiting:
        m_waiting = true;
        m_waitManual = e.manual;
        m_waitSeconds = e.waitSeconds;
        m_waitStartedMs = e.timeMs;
        m_waitStep = e.step;
        m_waitBatch = e.batch;
        m_waitBatchCount = step->batchCount;
        m_waitBatchHosts = int(m_spec.plan.split(step->runHosts).value(e.batch).size());
        break;
    case T::JobConfirmed:
        m_waiting = false;
        break;
    case T::JobPaused:
        m_paused = true;
        break;
    case T::JobResumed:
        m_paused = false;
        break;
    case T::JobStopping:
        m_stopping = true;
        m_stopReason = e.message;
        break;
    case T::JobCancelling:
        m_cancelling = true;
        break;
    case T::JobFinished:
        finishAll(e.jobStatus, e.timeMs, e.seq, e.message);
        break;
    // A workflow run's job: its status follows the workflow's (the fold of the workflow is WorkflowRun); the
    // engine ends the stream with workflow.finished and then job.finished.
    case T::WorkflowPaused:
        m_paused = true;
        break;
    case T::WorkflowResumed:
        m_paused = false;
        break;
    case T::WorkflowCancelling:
        m_cancelling = true;
        break;
    case T::WorkflowRerun:
        m_finished = false;
        m_finalStatus = JobStatus::Running;
        m_finishedMs = 0;
        m_paused = m_cancelling = m_stopping = m_waiting = false;
        m_message.clear();
        break;
    case T::WorkflowStarted:
    case T::NodeStarted:
    case T::NodeFinished:
    case T::ApprovalRequested:
    case T::ApprovalGiven:
    case T::WorkflowFinished:
        break;
    }
    m_lastSeq = e.seq;
    m_lastEventMs = e.timeMs;
    return {};
}

void JobState::finishAll(JobStatus status, qint64 timeMs, qint64 seq, const QString& message)
{
    const bool interrupted = status == JobStatus::Interrupted;
    for (StepState& step : m_steps) {
        for (HostState& h : step.hosts) {
            if (h.status == HostStatus::Pending) {
                h.status = HostStatus::NotStarted;
                h.lastSeq = seq;
            } else if (h.status == HostStatus::Running) {
                // Only an interruption leaves hosts running; their outcome is unknown.
                h.status = HostStatus::Interrupted;
                h.finishedMs = timeMs;
                h.lastSeq = seq;
            }
        }
        if (step.status == StepStatus::Running) {
            step.status = interrupted ? StepStatus::Interrupted : StepStatus::Failed;
            step.finishedMs = timeMs;
        } else if (step.status == StepStatus::Pending) {
            step.status = StepStatus::NotStarted;
        }
    }
    m_finished = true;
    m_finalStatus = status;
    m_finishedMs = timeMs;
    m_message = message;
    m_currentStep = -1;
    // A stop (policy) or a cancel is over once the job is: nothing is "stopping" any more.
    m_paused = m_cancelling = m_waiting = m_stopping = false;
}

bool JobState::markInterruptedIfUnfinished()
{
    if (m_lastSeq == 0 || m_finished) {
        return false;
    }
    finishAll(JobStatus::Interrupted, m_lastEventMs, m_lastSeq, QString());
    return true;
}

HostState JobState::hostSummary(const QString& name) const
{
    HostState summary;
    summary.name = name;
    qint64 out = 0;
    qint64 err = 0;
    bool chosen = false;
    for (const StepState& step : m_steps) {
        const auto it = step.hosts.constFind(name);
        if (it == step.hosts.cend()) {
            continue;
        }
        out += it->stdoutBytes;
        err += it->stderrBytes;
        if (!chosen) {
            summary = *it;
            chosen = it->status != HostStatus::Success;
        }
    }
    summary.stdoutBytes = out;
    summary.stderrBytes = err;
    return summary;
}

QList<HostState> JobState::hostSummaries() const
{
    QList<HostState> out;
    out.reserve(m_allTargets.size());
    if (m_steps.size() == 1) { // the summary of a host is its state in the one step: a copy, no search
        for (const QString& name : m_allTargets) {
            out.append(m_steps.first().hosts.value(name));
        }
        return out;
    }
    for (const QString& name : m_allTargets) {
        out.append(hostSummary(name));
    }
    return out;
}

QStringList JobState::retryHosts(bool andNotStarted) const
{
    QStringList out;
    for (const QString& name : m_allTargets) {
        for (const StepState& step : m_steps) {
            const auto it = step.hosts.constFind(name);
            if (it == step.hosts.cend()) {
                continue;
            }
            const bool notStarted = it->status == HostStatus::NotStarted || it->status == HostStatus::Cancelled
                || it->status == HostStatus::Pending;
            if (isFailure(it->status) || (andNotStarted && notStarted)) {
                out.append(name);
                break;
            }
        }
    }
    return out;
}

QStringList JobState::rerunHosts(int step) const
{
    QStringList out;
    for (const QString& name : m_spec.targetsOf(step)) {
        bool passed = true;
        for (int s = 0; s < step && passed; ++s) {
            const HostState* st = host(s, name);
            passed = !st || st->status == HostStatus::Success;
        }
        if (passed) {
            out.append(name);
        }
    }
    return out;
}

HostCounts JobState::counts() const
{
    // Called on every refresh of a job view: no summary copies (a job of 10,000 hosts refreshes ten times a
    // second). One step: its hosts are all the targets.
    if (m_steps.size() == 1) {
        return m_steps.first().counts();
    }
    HostCounts c;
    for (const QString& name : m_allTargets) {
        HostStatus status = HostStatus::Pending;
        for (const StepState& step : m_steps) {
            const auto it = step.hosts.constFind(name);
            if (it != step.hosts.cend()) {
                status = it->status;
                if (status != HostStatus::Success) {
                    break; // as hostSummary(): the first step that did not succeed
                }
            }
        }
        ++c.byStatus[size_t(status)];
        ++c.total;
    }
    return c;
}
