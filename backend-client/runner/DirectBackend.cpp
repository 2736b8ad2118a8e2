#include "DirectBackend.h"

#include "store/FileStore.h"

#include "runner/JobLauncher.h"

#include "jobs/Transport.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QUuid>

DirectBackend::DirectBackend(Workspace& workspace, Transport* transport, const Options& options)
    : m_workspace(workspace)
    , m_transport(transport)
    , m_options(options)
    , m_store(workspace)
    , m_writer(workspace)
{
    if (m_options.operatorName.isEmpty()) {
        m_options.operatorName = ScriptStore::currentAuthor();
    }
    m_fanOut.backend = this;
    if (m_options.launcher) {
        m_options.launcher->setFileSource(
            [ws = &workspace](const QString& sha256) { return FileStore(*ws).get(sha256); });
    }
    connect(&m_writer, &JobEventWriter::writeFailed, this, &Backend::problem);
    m_poll.setInterval(std::max(10, m_options.pollMs));
    connect(&m_poll, &QTimer::timeout, this, &DirectBackend::poll);
}

Result<std::unique_ptr<DirectBackend>> DirectBackend::open(
    Workspace& workspace, Transport* transport, const Options& options)
{
    std::unique_ptr<DirectBackend> backend(new DirectBackend(workspace, transport, options));
    auto marked = backend->m_store.markInterrupted();
    if (!marked) {
        return marked.error();
    }
    backend->m_interruptedOnOpen = *marked;
    return backend;
}

DirectBackend::~DirectBackend()
{
    // Jobs still running here end now: their engines stop reporting, and the store says so with a job.finished
    // (interrupted) after their last event, as it would after a crash.
    QStringList unfinished;
    for (auto& [id, engine] : m_engines) {
        engine->removeSink(&m_fanOut);
        engine->removeSink(&m_writer);
        if (engine->isRunning()) {
            unfinished.append(id);
        }
    }
    m_engines.clear();
    (void)m_writer.flush();
    for (const QString& id : std::as_const(unfinished)) {
        if (auto r = m_store.markInterrupted(id, m_options.closeReason); !r) {
            qWarning("DirectBackend: %s", qPrintable(r.errorString()));
        }
    }
}

QString DirectBackend::displayName() const
{
    // The status bar's words for this backend (BackendInfo), so that both say the same.
    return QCoreApplication::translate("BackendInfo", "Direct SSH");
}

std::unique_ptr<JobEngine> DirectBackend::makeEngine(const JobSpec& spec)
{
    auto engine = std::make_unique<JobEngine>(spec, m_transport.data());
    engine->setOptions(m_options.engine);
    // The store first: a live subscriber that finds a gap re-reads the store, which then has the event.
    engine->addSink(&m_writer);
    engine->addSink(&m_fanOut);
    return engine;
}

Result<QString> DirectBackend::submit(const JobSpec& in)
{
    if (!m_transport) {
        return Error(tr("this console has no SSH transport: it can show the job history but not run jobs"));
    }
    JobSpec spec = in;
    if (spec.id.isEmpty()) {
        spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    if (spec.createdBy.isEmpty()) {
        spec.createdBy = m_options.operatorName;
    }
    if (m_engines.count(spec.id) > 0 || m_store.job(spec.id).ok()) {
        return Error(tr("a job with the id %1 exists already").arg(spec.id));
    }
    // Files given as bytes are stored once by their hash; the job (and its job.created event) names the hash, and
    // the launcher gives the bytes to the transport. (Without a launcher the transport's owner feeds it; the bytes
    // stay in the spec.)
    for (JobStep& step : spec.steps) {
        if (!m_options.launcher) {
            break;
        }
        auto* push = std::get_if<PushFile>(&step.action);
        if (!push || !push->hasContent || !push->contentSha256.isEmpty()) {
            continue;
        }
        auto stored = FileStore(m_store.workspace()).put(push->content);
        if (!stored) {
            return stored.error();
        }
        push->contentSha256 = *stored;
        push->content.clear();
        push->hasContent = false;
    }
    if (auto prepared = prepare(spec); !prepared) {
        return prepared.error();
    }
    auto engine = makeEngine(spec);
    JobEngine* raw = engine.get();
    m_engines[spec.id] = std::move(engine);
    // The job is recorded as created by whoever submitted it (the spec says; the backend's operator otherwise).
    if (auto started = raw->start(spec.createdBy); !started) {
        m_engines.erase(spec.id);
        return started.error();
    }
    return spec.id;
}

JobEngine* DirectBackend::engineOf(const QString& jobId) const
{
    const auto it = m_engines.find(jobId);
    return it == m_engines.end() ? nullptr : it->second.get();
}

bool DirectBackend::isRunningHere(const QString& jobId) const
{
    const JobEngine* engine = engineOf(jobId);
    return engine && engine->isRunning();
}

QStringList DirectBackend::drain(const QString& by)
{
    QStringList ids;
    for (auto& [id, engine] : m_engines) {
        if (!engine->isRunning()) {
            continue;
        }
        ids.append(id);
        const JobStatus status = engine->state().status();
        if (status == JobStatus::Running || status == JobStatus::WaitingForConfirmation) {
            (void)engine->pause(by);
        }
    }
    return ids;
}

int DirectBackend::runningHostCount() const
{
    int running = 0;
    for (const auto& [id, engine] : m_engines) {
        if (engine->isRunning()) {
            running += engine->state().counts().of(HostStatus::Running);
        }
    }
    return running;
}

Result<JobEngine*> DirectBackend::runningEngine(const QString& jobId)
{
    if (JobEngine* engine = engineOf(jobId)) {
        return engine; // its own errors say when an intervention does not apply
    }
    auto summary = m_store.job(jobId);
    if (!summary) {
        return summary.error();
    }
    if (!isFinal(summary->status) && JobStore::runnerAlive(summary->runner)) {
        return Error(tr("job %1 is run by another program (%2): control it there")
                         .arg(jobId, JobStore::describeRunner(summary->runner)));
    }
    return Error(tr("job %1 is not running (it is %2)").arg(jobId, ::displayName(summary->status)));
}

Result<void> DirectBackend::prepare(const JobSpec& spec)
{
    return m_options.launcher ? m_options.launcher->prepare(spec) : Result<void>();
}

Result<JobEngine*> DirectBackend::engineForRerun(const QString& jobId)
{
    if (JobEngine* engine = engineOf(jobId)) {
        // Retried hosts start again: with the inventory as it is now (an address fixed since is used).
        if (auto prepared = prepare(engine->spec()); !prepared) {
            return prepared.error();
        }
        return engine;
    }
    auto summary = m_store.job(jobId);
    if (!summary) {
        return summary.error();
    }
    if (!isFinal(summary->status) && JobStore::runnerAlive(summary->runner)) {
        return Error(tr("job %1 is run by another program (%2): control it there")
                         .arg(jobId, JobStore::describeRunner(summary->runner)));
    }
    if (!m_transport) {
        return Error(tr("this console has no SSH transport: it can show the job history but not run jobs"));
    }
    auto history = m_store.events(jobId);
    if (!history) {
        return history.error();
    }
    // A workflow run's own job has no steps of its own to run again: its steps are retried on the workflow.
    for (const JobEvent& e : std::as_const(*history)) {
        if (e.type == JobEvent::Type::WorkflowStarted) {
            return Error(tr("job %1 is a workflow run: retry or re-run its steps from the Workflows page (or the "
                            "jobs of its steps)")
                             .arg(jobId));
        }
    }
    auto engine = makeEngine(JobSpec {});
    // restore() appends job.finished (interrupted) itself when the stored stream lacks one; the writer stores it.
    if (auto restored = engine->restore(*history); !restored) {
        return restored.error();
    }
    if (auto prepared = prepare(engine->spec()); !prepared) {
        return prepared.error();
    }
    JobEngine* raw = engine.get();
    m_engines[jobId] = std::move(engine);
    return raw;
}

Result<void> DirectBackend::pause(const QString& jobId)
{
    auto engine = runningEngine(jobId);
    return engine ? (*engine)->pause(actor()) : Result<void>(engine.error());
}

Result<void> DirectBackend::resume(const QString& jobId)
{
    auto engine = runningEngine(jobId);
    return engine ? (*engine)->resume(actor()) : Result<void>(engine.error());
}

Result<void> DirectBackend::cancel(const QString& jobId)
{
    auto engine = runningEngine(jobId);
    return engine ? (*engine)->cancel(actor()) : Result<void>(engine.error());
}

Result<void> DirectBackend::confirmNextBatch(const QString& jobId)
{
    auto engine = runningEngine(jobId);
    return engine ? (*engine)->confirmNextBatch(actor()) : Result<void>(engine.error());
}

Result<void> DirectBackend::retryFailed(const QString& jobId)
{
    auto engine = engineForRerun(jobId);
    return engine ? (*engine)->retryFailed(actor()) : Result<void>(engine.error());
}

Result<void> DirectBackend::retryFailedAndNotStarted(const QString& jobId)
{
    auto engine = engineForRerun(jobId);
    return engine ? (*engine)->retryFailedAndNotStarted(actor()) : Result<void>(engine.error());
}

Result<void> DirectBackend::rerunStep(const QString& jobId, int step)
{
    auto engine = engineForRerun(jobId);
    return engine ? (*engine)->rerunStep(step, actor()) : Result<void>(engine.error());
}

Result<JobSubscription*> DirectBackend::subscribe(const QString& jobId, qint64 afterSeq, QObject* parent)
{
    if (!engineOf(jobId)) {
        if (auto summary = m_store.job(jobId); !summary) {
            return summary.error();
        }
    }
    auto* subscription = new JobSubscription(jobId, std::max<qint64>(0, afterSeq), parent);
    m_subscriptions.append(subscription);
    // The stored events come from the event loop, so that the caller can connect first. Live events that arrive
    // before then are delivered in order anyway (a gap makes the subscription catch up from the store).
    QPointer<JobSubscription> guard(subscription);
    QMetaObject::invokeMethod(
        this,
        [this, guard] {
            if (guard) {
                catchUp(guard);
            }
        },
        Qt::QueuedConnection);
    updatePolling();
    return subscription;
}

Result<QList<JobEvent>> DirectBackend::readEvents(const QString& jobId, qint64 afterSeq, int limit)
{
    // Stored events, then the ones still in the writer's buffer (normally none after the flush; all of them while
    // the disk refuses writes).
    if (m_writer.pendingCount() > 0) {
        (void)m_writer.flush();
    }
    auto stored = m_store.events(jobId, afterSeq, limit);
    if (!stored) {
        return stored;
    }
    if (limit >= 0 && stored->size() >= limit) {
        return stored;
    }
    const qint64 last = stored->isEmpty() ? afterSeq : stored->last().seq;
    for (const JobEvent& e : m_writer.pending(jobId, last)) {
        if (limit >= 0 && stored->size() >= limit) {
            break;
        }
        stored->append(e);
    }
    return stored;
}

void DirectBackend::catchUp(JobSubscription* subscription)
{
    // A page of stored events at a time, the next one from the event loop: a job with a million output events
    // neither sits in memory at once nor freezes the window while a view catches up.
    constexpr int kPage = 2000;
    QPointer<JobSubscription> guard(subscription);
    const QString jobId = subscription->jobId();
    auto evs = readEvents(jobId, subscription->lastSeq(), kPage);
    if (!evs) {
        emit subscription->failed(evs.errorString());
        return;
    }
    for (const JobEvent& e : std::as_const(*evs)) {
        if (!guard) {
            return; // a receiver deleted it
        }
        if (!guard->deliver(e)) {
            emit guard->failed(tr("job %1: event #%2 is missing from the store").arg(jobId).arg(guard->lastSeq() + 1));
            return;
        }
    }
    if (guard && evs->size() >= kPage) {
        m_catchingUp.insert(subscription);
        QMetaObject::invokeMethod(
            this,
            [this, guard, subscription] {
                m_catchingUp.remove(subscription);
                if (guard) {
                    catchUp(guard);
                }
            },
            Qt::QueuedConnection);
    }
}

void DirectBackend::onLiveEvent(const JobEvent& event)
{
    const QList<QPointer<JobSubscription>> subscriptions = m_subscriptions;
    for (const QPointer<JobSubscription>& s : subscriptions) {
        // A subscription still catching up gets this event from the store with its next page.
        if (s && s->jobId() == event.jobId && !m_catchingUp.contains(s.data()) && !s->deliver(event) && s) {
            catchUp(s);
        }
    }
    if (event.type == JobEvent::Type::JobFinished && m_options.launcher) {
        m_options.launcher->release(event.jobId); // a retry prepares the job again
    }
    if (JobEvent::changesJobStatus(event.type)) {
        // History lists re-read the row: it must say what this event says.
        (void)m_writer.flush();
        emit jobChanged(event.jobId);
    }
}

void DirectBackend::updatePolling()
{
    m_subscriptions.removeAll(QPointer<JobSubscription>());
    bool needed = false;
    for (const QPointer<JobSubscription>& s : std::as_const(m_subscriptions)) {
        needed = needed || !engineOf(s->jobId());
    }
    if (needed && !m_poll.isActive()) {
        m_poll.start();
    } else if (!needed) {
        m_poll.stop();
    }
}

void DirectBackend::poll()
{
    // Subscriptions to jobs that another program runs: whatever it has stored since.
    const QList<QPointer<JobSubscription>> subscriptions = m_subscriptions;
    for (const QPointer<JobSubscription>& s : subscriptions) {
        if (!s || engineOf(s->jobId())) {
            continue;
        }
        auto last = m_store.lastSeq(s->jobId());
        if (last && *last > s->lastSeq()) {
            catchUp(s);
        }
    }
    updatePolling();
}

Result<QList<JobSummary>> DirectBackend::jobs(const JobFilter& filter)
{
    if (m_writer.pendingCount() > 0) {
        (void)m_writer.flush();
    }
    return m_store.jobs(filter);
}

Result<JobSummary> DirectBackend::job(const QString& jobId)
{
    if (m_writer.pendingCount() > 0) {
        (void)m_writer.flush();
    }
    return m_store.job(jobId);
}

Result<QList<JobEvent>> DirectBackend::events(const QString& jobId, qint64 afterSeq, int limit)
{
    return readEvents(jobId, afterSeq, limit);
}

Result<JobState> DirectBackend::state(const QString& jobId)
{
    if (const JobEngine* engine = engineOf(jobId)) {
        return engine->state();
    }
    return m_store.state(jobId);
}

Result<QList<JobEvent>> DirectBackend::hostOutput(
    const QString& jobId, int step, const QString& host, qint64 offsetEvents, int limit)
{
    if (m_writer.pendingCount() > 0) {
        (void)m_writer.flush();
    }
    return m_store.hostOutput(jobId, step, host, offsetEvents, limit);
}
