#include "JobEngine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimerEvent>
#include <QUuid>
#include <limits>

namespace {

Error engineError(const QString& message)
{
    return Error(message);
}

int clampMs(qint64 ms)
{
    return int(std::clamp<qint64>(ms, 1, std::numeric_limits<int>::max()));
}

// Where a timed-out host was, for its message (empty when the transport did not say).
QString phaseText(TaskPhase phase)
{
    switch (phase) {
    case TaskPhase::Starting:
        return {};
    case TaskPhase::Connecting:
        return QStringLiteral("while connecting");
    case TaskPhase::LoggingIn:
        return QStringLiteral("while logging in");
    case TaskPhase::WaitingForOperator:
        return QStringLiteral("while waiting for the operator");
    case TaskPhase::Running:
        return QStringLiteral("while the command ran");
    case TaskPhase::Transferring:
        return QStringLiteral("while transferring the file");
    case TaskPhase::Queued:
        return QStringLiteral("while waiting for a handshake slot");
    }
    return {};
}

} // namespace

JobEngine::JobEngine(JobSpec spec, Transport* transport, QObject* parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_transport(transport)
{
    if (m_transport) {
        connect(m_transport, &Transport::output, this, &JobEngine::onOutput);
        connect(m_transport, &Transport::finished, this, &JobEngine::onFinished);
        connect(m_transport, &Transport::phaseChanged, this, &JobEngine::onPhaseChanged);
        connect(m_transport, &Transport::retrying, this, &JobEngine::onRetrying);
    }
}

// In-flight remote processes are left to the transport: closing the console must not kill a fleet-wide job
// silently; the store shows such a job as interrupted.
JobEngine::~JobEngine() = default;

void JobEngine::addSink(EventSink* sink)
{
    if (sink && !m_sinks.contains(sink)) {
        m_sinks.append(sink);
    }
}

void JobEngine::removeSink(EventSink* sink)
{
    m_sinks.removeAll(sink);
}

void JobEngine::post(JobEvent& e)
{
    e.jobId = m_spec.id;
    e.seq = m_state.lastSeq() + 1;
    // Non-decreasing even when the wall clock steps back, so that timelines never run backwards.
    e.timeMs = std::max(QDateTime::currentMSecsSinceEpoch(), m_state.lastEventMs());
    if (auto r = m_state.apply(e); !r) {
        qWarning("JobEngine: internal event rejected: %s", qPrintable(r.errorString()));
    }
    for (EventSink* sink : std::as_const(m_sinks)) {
        sink->append(e);
    }
}

Result<void> JobEngine::start(const QString& by)
{
    if (m_phase != Phase::Idle) {
        return engineError(tr("the job has already been started"));
    }
    if (!m_transport) {
        return engineError(tr("no backend to run the job on"));
    }
    if (auto valid = m_spec.validate(); !valid) {
        return valid.error();
    }
    if (m_spec.id.isEmpty()) {
        m_spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    m_run = 1;
    JobEvent e;
    e.type = JobEvent::Type::JobCreated;
    e.spec = std::make_shared<const JobSpec>(m_spec);
    e.by = by;
    post(e);
    startRun(allSteps(), std::nullopt, false);
    pump();
    return {};
}

Result<void> JobEngine::restore(const QList<JobEvent>& history)
{
    if (m_phase != Phase::Idle) {
        return engineError(tr("the job has already been started"));
    }
    auto replayed = JobState::replay(history);
    if (!replayed) {
        return replayed.error();
    }
    if (replayed->isEmpty()) {
        return engineError(tr("the job has no recorded events"));
    }
    m_state = std::move(*replayed);
    m_spec = m_state.spec();
    m_spec.id = m_state.jobId();
    m_run = m_state.run();
    m_phase = Phase::Finished;
    if (!m_state.isFinished()) {
        JobEvent e;
        e.type = JobEvent::Type::JobFinished;
        e.jobStatus = JobStatus::Interrupted;
        e.message = QStringLiteral("the job was interrupted: the program running it stopped before it finished");
        post(e);
    }
    return {};
}

void JobEngine::startRun(const QList<int>& steps, std::optional<QSet<QString>> hostFilter, bool skipSucceeded)
{
    m_runSteps = steps;
    m_runStepPos = -1;
    m_hostFilter = std::move(hostFilter);
    m_skipSucceeded = skipSucceeded;
    m_runFailed.clear();
    m_paused = m_cancelling = m_stopping = false;
    m_stopReason.clear();
    m_step = -1;
    // The "job" of a percentage failure policy: every host this run may start.
    QSet<QString> all;
    for (int s : steps) {
        for (const QString& h : candidatesFor(s)) {
            all.insert(h);
        }
    }
    m_runHostCount = int(all.size());
    m_phase = Phase::Running;
}

QStringList JobEngine::candidatesFor(int step) const
{
    QStringList out;
    for (const QString& h : m_spec.targetsOf(step)) {
        if (m_hostFilter && !m_hostFilter->contains(h)) {
            continue;
        }
        if (m_skipSucceeded) {
            const HostState* st = m_state.host(step, h);
            if (st && st->status == HostStatus::Success) {
                continue;
            }
        }
        out.append(h);
    }
    return out;
}

bool JobEngine::failedEarlierStep(int step, const QString& host) const
{
    for (int s = 0; s < step; ++s) {
        const HostState* st = m_state.host(s, host);
        if (st && st->status != HostStatus::Success) {
            return true;
        }
    }
    return false;
}

void JobEngine::pump()
{
    // Transports may report from inside start()/cancel(); such nested calls only ask the running loop for another
    // round instead of recursing.
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        advance();
    } while (m_pumpAgain);
    m_pumping = false;
}

void JobEngine::advance()
{
    while (m_phase == Phase::Running) {
        if (m_cancelling) {
            if (!m_inFlight.isEmpty()) {
                return;
            }
            if (m_step >= 0) {
                if (m_batchActive) {
                    finishBatch();
                }
                finishStep();
            }
            finishJob();
            return;
        }
        if (m_step < 0) {
            if (m_stopping) {
                finishJob();
                return;
            }
            if (m_paused) {
                return;
            }
            if (!beginNextStep()) {
                finishJob();
                return;
            }
            continue;
        }
        if (m_batchActive) {
            const QStringList& hosts = m_batches[m_batch];
            const bool canLaunch = !m_stopping && !m_paused;
            const int limit = m_spec.concurrency > 0 ? m_spec.concurrency : std::numeric_limits<int>::max();
            while (canLaunch && m_inFlight.size() < limit && m_nextInBatch < hosts.size()) {
                launch(hosts[m_nextInBatch++]);
                if (m_cancelling || m_stopping || m_paused) {
                    break;
                }
            }
            if (!m_inFlight.isEmpty()) {
                return;
            }
            if (m_nextInBatch < hosts.size() && !m_stopping && !m_cancelling) {
                if (m_paused) {
                    return;
                }
                continue; // every launched host finished at once
            }
            finishBatch();
            continue;
        }
        // between two batches of the step
        if (m_stopping || m_batch + 1 >= m_batches.size()) {
            finishStep();
            continue;
        }
        if (m_batch >= 0 && m_spec.pause.kind != BatchPause::Kind::None) {
            if (m_wait == Wait::None) {
                m_wait = Wait::Waiting;
                JobEvent e;
                e.type = JobEvent::Type::JobWaiting;
                e.step = m_step;
                e.batch = m_batch + 1;
                e.manual = m_spec.pause.kind == BatchPause::Kind::Manual;
                e.waitSeconds = e.manual ? 0 : m_spec.pause.seconds;
                post(e);
                if (!e.manual) {
                    m_waitTimer = startTimer(clampMs(qint64(m_spec.pause.seconds) * 1000));
                }
                return;
            }
            if (m_wait == Wait::Waiting) {
                return;
            }
        }
        if (m_paused) {
            return;
        }
        beginBatch(m_batch + 1);
    }
}

bool JobEngine::beginNextStep()
{
    while (++m_runStepPos < m_runSteps.size()) {
        const int s = m_runSteps[m_runStepPos];
        const QStringList candidates = candidatesFor(s);
        if (candidates.isEmpty()) {
            continue;
        }
        QStringList hosts;
        QStringList skipped;
        for (const QString& h : candidates) {
            (failedEarlierStep(s, h) ? skipped : hosts).append(h);
        }
        m_step = s;
        m_work = HostWork { m_spec.steps[s], m_spec.accountOf(s), m_spec.parameters, m_spec.timeoutSeconds,
            m_spec.bandwidthLimit };
        m_batches = m_spec.plan.split(hosts);
        m_batch = -1;
        m_batchActive = false;
        m_wait = Wait::None;
        JobEvent e;
        e.type = JobEvent::Type::StepStarted;
        e.step = s;
        e.run = m_run;
        e.hosts = hosts;
        e.skipped = skipped;
        e.batchCount = int(m_batches.size());
        post(e);
        return true;
    }
    return false;
}

void JobEngine::beginBatch(int index)
{
    m_batch = index;
    m_nextInBatch = 0;
    m_batchFailed = 0;
    m_batchActive = true;
    m_wait = Wait::None;
    JobEvent e;
    e.type = JobEvent::Type::BatchStarted;
    e.step = m_step;
    e.batch = index;
    e.hosts = m_batches[index];
    post(e);
}

void JobEngine::finishBatch()
{
    m_batchActive = false;
    JobEvent e;
    e.type = JobEvent::Type::BatchFinished;
    e.step = m_step;
    e.batch = m_batch;
    post(e);
}

void JobEngine::finishStep()
{
    StepStatus status = StepStatus::Succeeded;
    if (m_cancelling) {
        status = StepStatus::Cancelled;
    } else if (m_stopping) {
        status = StepStatus::Failed;
    } else {
        // Over every host of the step, not only this run's: a step succeeded when all its hosts did (skipped ones
        // and those a partial retry left alone included).
        for (const HostState& h : m_state.steps()[m_step].hosts) {
            if (h.status != HostStatus::Success) {
                status = StepStatus::Failed;
            }
        }
    }
    stopTimer(m_waitTimer);
    JobEvent e;
    e.type = JobEvent::Type::StepFinished;
    e.step = m_step;
    e.stepStatus = status;
    post(e);
    m_step = -1;
    m_batches.clear();
    m_batch = -1;
    m_batchActive = false;
    m_wait = Wait::None;
}

void JobEngine::finishJob()
{
    flushAllOutput();
    JobStatus status = JobStatus::Succeeded;
    if (m_cancelling) {
        status = JobStatus::Cancelled;
    } else {
        for (const StepState& step : m_state.steps()) {
            for (const HostState& h : step.hosts) {
                if (h.status != HostStatus::Success) {
                    status = JobStatus::Failed;
                }
            }
        }
    }
    stopTimer(m_waitTimer);
    stopTimer(m_flushTimer);
    m_phase = Phase::Finished;
    JobEvent e;
    e.type = JobEvent::Type::JobFinished;
    e.jobStatus = status;
    e.message = m_stopReason;
    post(e);
    m_paused = m_cancelling = m_stopping = false;
    m_wait = Wait::None;
    emit finished(status);
}

void JobEngine::launch(const QString& host)
{
    const HostState* st = m_state.host(m_step, host);
    const HostTask task { m_spec.id, m_step, host, (st ? st->attempt : 0) + 1 };
    JobEvent e;
    e.type = JobEvent::Type::HostStarted;
    e.step = m_step;
    e.batch = m_batch;
    e.host = host;
    e.attempt = task.attempt;
    post(e);
    InFlight& flight = m_inFlight[host];
    flight = InFlight();
    flight.task = task;
    flight.batch = m_batch;
    flight.clock.start();
    armTimeout(flight, host);
    m_transport->start(task, m_work); // may report (and so erase `flight`) before returning
}

qint64 JobEngine::activeMs(const InFlight& flight)
{
    return flight.heldMs + (flight.clock.isValid() ? flight.clock.elapsed() : 0);
}

void JobEngine::armTimeout(InFlight& flight, const QString& host)
{
    if (m_spec.timeoutSeconds <= 0 || flight.timedOut || !flight.clock.isValid()) {
        return;
    }
    m_timerHosts.remove(flight.timeoutTimer);
    stopTimer(flight.timeoutTimer);
    // A precise timer for the rest of the host's time: a coarse one may fire 5% early (5.7 s of a 6 s timeout).
    const qint64 left = qint64(m_spec.timeoutSeconds) * 1000 - activeMs(flight);
    flight.timeoutTimer = startTimer(clampMs(left), Qt::PreciseTimer);
    m_timerHosts.insert(flight.timeoutTimer, host);
}

void JobEngine::onPhaseChanged(const HostTask& task, TaskPhase phase)
{
    if (task.jobId != m_spec.id) {
        return;
    }
    auto it = m_inFlight.find(task.host);
    if (it == m_inFlight.end() || !(it->task == task) || it->phase == phase) {
        return;
    }
    const auto held = [](TaskPhase p) { return p == TaskPhase::WaitingForOperator || p == TaskPhase::Queued; };
    const bool wasHeld = held(it->phase);
    it->phase = phase;
    if (held(phase) && !wasHeld) {
        // The operator's thinking time, and the wait for a handshake slot, are not the host's: the clock and the
        // timeout stop until the answer (the slot).
        it->heldMs = activeMs(*it);
        it->clock.invalidate();
        m_timerHosts.remove(it->timeoutTimer);
        stopTimer(it->timeoutTimer);
    } else if (!held(phase) && wasHeld) {
        it->clock.start();
        armTimeout(*it, task.host);
    }
    // The job's events say when a host waits for a slot, when it got one and when its command started (the
    // views show "connecting (queued)"); hosts that never waited add no events (one per host and phase would be
    // thousands).
    QString progress;
    if (phase == TaskPhase::Queued) {
        progress = QStringLiteral("queued");
    } else if (it->progress.isEmpty()) {
        return;
    } else if (phase == TaskPhase::Running || phase == TaskPhase::Transferring) {
        progress = QStringLiteral("running");
    } else {
        progress = QStringLiteral("connecting");
    }
    if (progress != it->progress) {
        it->progress = progress;
        postProgress(*it, progress);
    }
}

void JobEngine::onRetrying(const HostTask& task, const QString& message)
{
    if (task.jobId != m_spec.id) {
        return;
    }
    const auto it = m_inFlight.constFind(task.host);
    if (it != m_inFlight.constEnd() && it->task == task) {
        postProgress(*it, QStringLiteral("retrying"), message);
    }
}

void JobEngine::postProgress(const InFlight& flight, const QString& phase, const QString& message)
{
    JobEvent e;
    e.type = JobEvent::Type::HostProgress;
    e.step = flight.task.step;
    e.batch = flight.batch;
    e.host = flight.task.host;
    e.attempt = flight.task.attempt;
    e.phase = phase;
    e.message = message;
    post(e);
}

void JobEngine::requestStop(const QString& host)
{
    auto it = m_inFlight.find(host);
    if (it == m_inFlight.end() || it->graceTimer) {
        return;
    }
    it->graceTimer = startTimer(clampMs(m_options.cancelGraceMs));
    m_timerHosts.insert(it->graceTimer, host);
    const HostTask task = it->task;
    if (m_transport) {
        m_transport->cancel(task);
    }
}

void JobEngine::stopTimer(int& id)
{
    if (id) {
        killTimer(id);
        id = 0;
    }
}

void JobEngine::killHostTimers(InFlight& flight)
{
    m_timerHosts.remove(flight.timeoutTimer);
    m_timerHosts.remove(flight.graceTimer);
    stopTimer(flight.timeoutTimer);
    stopTimer(flight.graceTimer);
}

void JobEngine::timerEvent(QTimerEvent* event)
{
    const int id = event->timerId();
    if (id == m_flushTimer) {
        flushAllOutput();
        return;
    }
    if (id == m_waitTimer) {
        stopTimer(m_waitTimer);
        if (m_wait == Wait::Waiting) {
            m_wait = Wait::Done;
            pump();
        }
        return;
    }
    const QString host = m_timerHosts.take(id);
    killTimer(id);
    auto it = m_inFlight.find(host);
    if (host.isEmpty() || it == m_inFlight.end()) {
        return;
    }
    if (id == it->timeoutTimer) {
        it->timeoutTimer = 0;
        if (activeMs(*it) < qint64(m_spec.timeoutSeconds) * 1000) {
            armTimeout(*it, host); // fired early after all: wait for the rest
            return;
        }
        it->timedOut = true;
        requestStop(host);
    } else if (id == it->graceTimer) {
        it->graceTimer = 0;
        const bool timedOut = it->timedOut;
        finalize(host,
            HostResult::error(timedOut ? HostStatus::TimedOut : HostStatus::Cancelled,
                QStringLiteral("the backend did not confirm that the remote process stopped")));
    }
}

void JobEngine::onOutput(const HostTask& task, OutputStream stream, const QByteArray& chunk)
{
    if (task.jobId != m_spec.id || chunk.isEmpty()) {
        return;
    }
    auto it = m_inFlight.find(task.host);
    if (it == m_inFlight.end() || !(it->task == task)) {
        return;
    }
    if (m_options.outputFlushMs <= 0) {
        JobEvent e;
        e.type = JobEvent::Type::HostOutput;
        e.step = task.step;
        e.host = task.host;
        e.stream = stream;
        e.chunk = chunk;
        post(e);
        return;
    }
    // Consecutive chunks of one stream are merged; a switch of stream flushes so the interleaving survives.
    if (!it->buffer.isEmpty() && it->bufferStream != stream) {
        flushOutput(*it);
    }
    it->bufferStream = stream;
    it->buffer.append(chunk);
    if (it->buffer.size() >= m_options.outputFlushBytes) {
        flushOutput(*it);
    } else if (!m_flushTimer) {
        m_flushTimer = startTimer(m_options.outputFlushMs);
    }
}

void JobEngine::flushOutput(InFlight& flight)
{
    if (flight.buffer.isEmpty()) {
        return;
    }
    JobEvent e;
    e.type = JobEvent::Type::HostOutput;
    e.step = flight.task.step;
    e.host = flight.task.host;
    e.stream = flight.bufferStream;
    e.chunk = std::exchange(flight.buffer, QByteArray());
    post(e); // `flight` is not used after this: a sink could call back into the engine
}

void JobEngine::flushAllOutput()
{
    QStringList hosts;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
        if (!it->buffer.isEmpty()) {
            hosts.append(it.key());
        }
    }
    for (const QString& h : std::as_const(hosts)) {
        auto it = m_inFlight.find(h);
        if (it != m_inFlight.end()) {
            flushOutput(*it);
        }
    }
    stopTimer(m_flushTimer);
}

void JobEngine::onFinished(const HostTask& task, const HostResult& result)
{
    if (task.jobId != m_spec.id) {
        return;
    }
    auto it = m_inFlight.find(task.host);
    if (it == m_inFlight.end() || !(it->task == task)) {
        return;
    }
    finalize(task.host, result);
}

void JobEngine::finalize(const QString& host, const HostResult& result)
{
    auto it = m_inFlight.find(host);
    if (it == m_inFlight.end()) {
        return;
    }
    InFlight flight = std::move(*it);
    m_inFlight.erase(it);
    killHostTimers(flight);
    flushOutput(flight);

    HostStatus status = result.status;
    int exitCode = result.exitCode;
    QString message = result.message;
    if (flight.timedOut) {
        status = HostStatus::TimedOut;
        exitCode = -1;
        // Stored in English (JobText translates it when shown), the phase as a message of its own.
        const QString what = phaseText(flight.phase).isEmpty()
            ? QStringLiteral("no result within %1 s: the remote process was stopped").arg(m_spec.timeoutSeconds)
            : QStringLiteral("no result within %1 s (%2): the remote process was stopped")
                  .arg(m_spec.timeoutSeconds)
                  .arg(phaseText(flight.phase));
        message = message.isEmpty() ? what : what + QStringLiteral(" (") + message + QLatin1Char(')');
    } else if (flight.cancelRequested && status != HostStatus::Success) {
        status = HostStatus::Cancelled;
        if (message.isEmpty()) {
            message = QStringLiteral("cancelled by the operator");
        }
    } else if (!isFinal(status)) {
        status = HostStatus::Failed;
        message = QStringLiteral("the backend reported no outcome");
    }
    JobEvent e;
    e.type = JobEvent::Type::HostFinished;
    e.step = flight.task.step;
    e.batch = flight.batch;
    e.host = host;
    e.attempt = flight.task.attempt;
    e.hostStatus = status;
    e.exitCode = exitCode;
    e.durationMs = activeMs(flight);
    e.message = message;
    post(e);

    if (isFailure(status)) {
        m_runFailed.insert(host);
        ++m_batchFailed;
        const int batchSize = m_batch >= 0 && m_batch < m_batches.size() ? int(m_batches[m_batch].size()) : 0;
        const FailurePolicy& policy = m_spec.failurePolicy;
        if (!m_stopping && !m_cancelling
            && policy.shouldStop(m_batchFailed, batchSize, int(m_runFailed.size()), m_runHostCount)) {
            m_stopping = true;
            m_stopReason = policy.stopReason(m_batchFailed, batchSize, int(m_runFailed.size()), m_runHostCount);
            JobEvent stop;
            stop.type = JobEvent::Type::JobStopping;
            stop.message = m_stopReason;
            post(stop);
        }
    }
    pump();
}

Result<void> JobEngine::pause(const QString& by)
{
    if (m_phase != Phase::Running) {
        return engineError(tr("the job is not running"));
    }
    if (m_paused) {
        return engineError(tr("the job is already paused"));
    }
    if (m_cancelling) {
        return engineError(tr("the job is being cancelled"));
    }
    m_paused = true;
    JobEvent e;
    e.type = JobEvent::Type::JobPaused;
    e.by = by;
    post(e);
    return {};
}

Result<void> JobEngine::resume(const QString& by)
{
    if (m_phase != Phase::Running || !m_paused) {
        return engineError(tr("the job is not paused"));
    }
    m_paused = false;
    JobEvent e;
    e.type = JobEvent::Type::JobResumed;
    e.by = by;
    post(e);
    pump();
    return {};
}

Result<void> JobEngine::cancel(const QString& by)
{
    if (m_phase != Phase::Running) {
        return engineError(tr("the job is not running"));
    }
    if (m_cancelling) {
        return engineError(tr("the job is already being cancelled"));
    }
    m_cancelling = true;
    stopTimer(m_waitTimer);
    JobEvent e;
    e.type = JobEvent::Type::JobCancelling;
    e.by = by;
    post(e);
    const QStringList hosts = m_inFlight.keys();
    for (const QString& h : hosts) {
        auto it = m_inFlight.find(h);
        if (it != m_inFlight.end()) {
            it->cancelRequested = true;
            requestStop(h);
        }
    }
    pump();
    return {};
}

Result<void> JobEngine::confirmNextBatch(const QString& by)
{
    if (m_phase != Phase::Running || m_wait != Wait::Waiting) {
        return engineError(tr("the job is not waiting for the next batch"));
    }
    stopTimer(m_waitTimer);
    m_wait = Wait::Done;
    JobEvent e;
    e.type = JobEvent::Type::JobConfirmed;
    e.by = by;
    post(e);
    pump();
    return {};
}

Result<void> JobEngine::requireFinished() const
{
    if (m_phase == Phase::Finished) {
        return {};
    }
    return engineError(m_phase == Phase::Idle ? tr("the job has not been started")
                                              : tr("the job is still running: wait for it to finish or cancel it"));
}

QList<int> JobEngine::allSteps() const
{
    QList<int> steps;
    for (int s = 0; s < m_spec.steps.size(); ++s) {
        steps.append(s);
    }
    return steps;
}

Result<void> JobEngine::retryFailed(const QString& by)
{
    return retry(JobEvent::RerunMode::RetryFailed, by);
}

Result<void> JobEngine::retryFailedAndNotStarted(const QString& by)
{
    return retry(JobEvent::RerunMode::RetryFailedAndNotStarted, by);
}

Result<void> JobEngine::retry(JobEvent::RerunMode mode, const QString& by)
{
    if (auto finished = requireFinished(); !finished) {
        return finished;
    }
    const bool andNotStarted = mode == JobEvent::RerunMode::RetryFailedAndNotStarted;
    const QStringList ordered = m_state.retryHosts(andNotStarted);
    const QSet<QString> hosts(ordered.cbegin(), ordered.cend());
    if (hosts.isEmpty()) {
        return engineError(
            andNotStarted ? tr("no failed or not started hosts to retry") : tr("no failed hosts to retry"));
    }
    ++m_run;
    JobEvent e;
    e.type = JobEvent::Type::JobRerun;
    e.run = m_run;
    e.mode = mode;
    e.hosts = ordered;
    e.by = by;
    post(e);
    startRun(allSteps(), hosts, true);
    pump();
    return {};
}

Result<void> JobEngine::rerunStep(int step, const QString& by)
{
    if (auto finished = requireFinished(); !finished) {
        return finished;
    }
    if (step < 0 || step >= m_spec.steps.size()) {
        return engineError(tr("the job has no step %1").arg(step + 1));
    }
    ++m_run;
    JobEvent e;
    e.type = JobEvent::Type::JobRerun;
    e.run = m_run;
    e.mode = JobEvent::RerunMode::RerunStep;
    e.step = step;
    e.hosts = m_spec.targetsOf(step);
    e.by = by;
    post(e);
    startRun({ step }, std::nullopt, false);
    pump();
    return {};
}
