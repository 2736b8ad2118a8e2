#include "WorkflowEngine.h"

#include "facts/FactStore.h"
#include "jinja/Template.h"
#include "jobs/JobState.h"
#include "runner/FactsGathering.h"
#include "workflows/WorkflowYaml.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

namespace {

using Kind = WorkflowNode::Kind;
using NS = WorkflowNodeRun::Status;

Error engineError(const QString& message)
{
    return Error(message, { QStringLiteral("workflow"), 0, 0 });
}

QString outcomeOf(JobStatus status)
{
    switch (status) {
    case JobStatus::Succeeded:
        return QStringLiteral("succeeded");
    case JobStatus::Cancelled:
        return QStringLiteral("cancelled");
    case JobStatus::Interrupted:
        return QStringLiteral("interrupted");
    default:
        return QStringLiteral("failed");
    }
}

// Why a node's job would carry a secret parameter in its stored spec (args, params, destination); empty when not.
QString secretProblem(const Workflow& workflow, const WorkflowNode& node)
{
    QStringList texts = node.script.args + node.params.values();
    texts << node.push.dest << node.templ.dest << node.targets.query;
    for (const WorkflowParam& p : workflow.params) {
        if (p.type != WorkflowParam::Type::Secret) {
            continue;
        }
        const QRegularExpression use(
            QStringLiteral("params(\\.%1\\b|\\[\\s*['\"]%1['\"]\\s*\\])").arg(QRegularExpression::escape(p.name)));
        for (const QString& t : std::as_const(texts)) {
            if (use.match(t).hasMatch()) {
                return QStringLiteral("node '%1': the secret parameter '%2' cannot be passed to a job yet (a job's "
                                      "settings are stored in its history)")
                    .arg(node.id, p.name);
            }
        }
    }
    return {};
}

} // namespace

struct WorkflowEngine::Active {
    // job nodes
    JobSubscription* subscription = nullptr;
    JobState job;
    int retriesLeft = 0;
    bool retryPending = false;
    // waits, approval timeouts, retry delays, probe deadlines
    QTimer* timer = nullptr;
    // run-local
    QProcess* process = nullptr;
    QByteArray output;
    bool truncated = false;
    // probes
    QStringList hosts;
    QSet<QString> ok;
    QHash<QString, QTcpSocket*> sockets;
    QHash<QString, QPointer<QNetworkReply>> replies;
    QElapsedTimer since;
    bool cancelled = false;
    // sub-workflows: the child run (deleted later: it often ends the node from its own finished signal)
    QPointer<WorkflowEngine> child;
    // gather-facts: parses and stores each host's output as the job's events arrive
    std::unique_ptr<FactsGathering> gathering;

    // Often destroyed from one of its own objects' signals (a timer's timeout, the process's finished): those go
    // later.
    ~Active()
    {
        if (child) {
            child->disconnect();
            child->deleteLater();
        }
        if (subscription) {
            subscription->disconnect();
            subscription->deleteLater();
        }
        if (timer) {
            timer->stop();
            timer->disconnect();
            timer->deleteLater();
        }
        if (process) {
            process->disconnect();
            process->kill();
            process->deleteLater();
        }
        for (const QPointer<QNetworkReply>& r : std::as_const(replies)) {
            if (r) {
                r->disconnect();
                r->abort();
                r->deleteLater();
            }
        }
        for (QTcpSocket* s : std::as_const(sockets)) {
            s->disconnect();
            s->abort();
            s->deleteLater();
        }
    }
};

WorkflowEngine::WorkflowEngine(Workflow workflow, Backend* backend, Environment environment, QObject* parent)
    : QObject(parent)
    , m_workflow(std::move(workflow))
    , m_backend(backend)
    , m_env(std::move(environment))
{
}

WorkflowEngine::~WorkflowEngine()
{
    // A run given up while it runs (the console closes): its stream ends as the store would mark it after a crash.
    if (isRunning()) {
        m_active.clear();
        JobEvent e;
        e.type = JobEvent::Type::WorkflowFinished;
        e.outcome = QStringLiteral("interrupted");
        e.message = QStringLiteral("the workflow was interrupted: the program running it stopped");
        post(e);
        JobEvent f;
        f.type = JobEvent::Type::JobFinished;
        f.jobStatus = JobStatus::Interrupted;
        f.message = e.message;
        post(f);
    }
}

void WorkflowEngine::post(JobEvent& event)
{
    event.jobId = m_jobId;
    event.seq = ++m_seq;
    m_lastTime = std::max(m_lastTime, QDateTime::currentMSecsSinceEpoch());
    event.timeMs = m_lastTime;
    if (auto r = m_run.apply(event); !r) {
        qWarning("workflow engine: %s", qPrintable(r.error().message));
    }
    for (EventSink* sink : std::as_const(m_sinks)) {
        sink->append(event);
    }
    emit workflowEvent(event);
}

Result<QVariantMap> WorkflowEngine::typedParams(const Workflow& workflow, const QMap<QString, QString>& given)
{
    return typedWorkflowParams(workflow, given);
}

Result<QString> WorkflowEngine::renderText(const QString& text, const QVariantMap& params, const QString& host)
{
    return renderWorkflowText(text, params, host);
}

Result<JobStep> WorkflowEngine::stepFor(const WorkflowNode& node, const QVariantMap& params, const Environment& env)
{
    JobStep step;
    step.name = node.displayTitle();
    switch (node.kind) {
    case Kind::RunScript: {
        RunScript run;
        if (!node.script.script.isEmpty()) {
            if (!env.script) {
                return engineError(
                    QStringLiteral("node '%1': no script library to read '%2' from").arg(node.id, node.script.script));
            }
            auto s = env.script(node.script.script);
            if (!s) {
                return engineError(QStringLiteral("node '%1': %2").arg(node.id, s.error().message));
            }
            run = *s;
        } else {
            run.script = node.script.inlineText;
            run.interpreter = node.script.interpreter.isEmpty() ? QStringLiteral("bash") : node.script.interpreter;
        }
        for (const QString& a : node.script.args) {
            // Only params are known here; an argument that names anything else (a host's variable) stays as
            // written.
            auto r = renderText(a, params);
            run.args.append(r ? *r : a);
        }
        step.action = run;
        step.account = node.script.account;
        break;
    }
    case Kind::PushFile: {
        PushFile p;
        auto dest = renderText(node.push.dest, params);
        if (!dest) {
            return engineError(QStringLiteral("node '%1': dest: %2").arg(node.id, dest.error().message));
        }
        p.sourcePath = node.push.source;
        p.dest = *dest;
        p.mode = node.push.mode;
        p.owner = node.push.owner;
        step.action = p;
        break;
    }
    case Kind::PushTemplate: {
        PushTemplate p;
        if (!env.templateText) {
            return engineError(QStringLiteral("node '%1': no template library to read '%2' from")
                                   .arg(node.id, node.templ.templateName));
        }
        auto text = env.templateText(node.templ.templateName);
        if (!text) {
            return engineError(QStringLiteral("node '%1': %2").arg(node.id, text.error().message));
        }
        auto dest = renderText(node.templ.dest, params);
        if (!dest) {
            return engineError(QStringLiteral("node '%1': dest: %2").arg(node.id, dest.error().message));
        }
        p.templateName = node.templ.templateName;
        p.templateText = *text;
        p.dest = *dest;
        p.mode = node.templ.mode;
        p.owner = node.templ.owner;
        step.action = p;
        break;
    }
    case Kind::GatherFacts:
        step = FactsGathering::jobSpec({}, {}).steps.first();
        step.name = node.displayTitle();
        break;
    default:
        return engineError(
            QStringLiteral("node '%1': a %2 node is no job step").arg(node.id, WorkflowNode::kindName(node.kind)));
    }
    return step;
}

Result<QString> WorkflowEngine::start(
    const QMap<QString, QString>& params, const QString& hostsQuery, const QString& by, int version)
{
    if (m_started) {
        return engineError(QStringLiteral("the workflow already started"));
    }
    if (!m_backend) {
        return engineError(QStringLiteral("no backend to run jobs on"));
    }
    auto typed = typedParams(m_workflow, params);
    if (!typed) {
        return typed.error();
    }
    m_paramValues = *typed;
    WorkflowTargets targets = m_workflow.targets;
    if (!hostsQuery.isEmpty()) {
        targets = WorkflowTargets();
        targets.query = hostsQuery;
    }
    auto query = renderText(targets.query, m_paramValues);
    if (!query) {
        return engineError(QStringLiteral("targets: query: ") + query.error().message);
    }
    targets.query = *query;
    if (!targets.isEmpty()) {
        if (m_env.resolveTargets) {
            auto hosts = m_env.resolveTargets(targets);
            if (!hosts) {
                return engineError(QStringLiteral("targets: ") + hosts.error().message);
            }
            m_targets = *hosts;
        } else {
            m_targets = targets.hosts;
        }
    }
    m_by = by;
    m_jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_started = true;

    auto spec = std::make_shared<JobSpec>();
    spec->id = m_jobId;
    spec->name = m_workflow.name;
    spec->createdBy = by;
    spec->targetDescription = QStringLiteral("workflow '%1'").arg(m_workflow.name);
    spec->targets = m_targets;
    JobEvent created;
    created.type = JobEvent::Type::JobCreated;
    created.spec = spec;
    created.by = by;
    post(created);

    QJsonObject stored;
    for (const WorkflowParam& p : m_workflow.params) {
        if (p.type != WorkflowParam::Type::Secret) {
            stored.insert(p.name, QJsonValue::fromVariant(m_paramValues.value(p.name)));
        }
    }
    JobEvent started;
    started.type = JobEvent::Type::WorkflowStarted;
    started.workflowYaml = WorkflowYaml::save(m_workflow);
    started.version = version;
    started.params = stored;
    started.hosts = m_targets;
    started.by = by;
    post(started);

    m_approvalPoll = new QTimer(this);
    m_approvalPoll->setInterval(m_options.approvalPollMs);
    connect(m_approvalPoll, &QTimer::timeout, this, &WorkflowEngine::pollApprovals);

    QTimer::singleShot(0, this, &WorkflowEngine::schedule);
    return m_jobId;
}

void WorkflowEngine::schedule()
{
    if (m_scheduling || !isRunning()) {
        return;
    }
    m_scheduling = true;
    for (;;) {
        if (m_run.status() == WorkflowRun::Status::Paused || m_run.status() == WorkflowRun::Status::Cancelling) {
            break;
        }
        const QList<WorkflowRun::Decision> next = m_run.decisions();
        if (next.isEmpty()) {
            break;
        }
        for (const WorkflowRun::Decision& d : next) {
            if (d.run) {
                startNode(d.node, false);
            } else {
                finishNode(d.node, QStringLiteral("skipped"), {}, {}, d.reason);
            }
        }
    }
    m_scheduling = false;
    maybeFinish();
}

void WorkflowEngine::maybeFinish()
{
    if (!isRunning() || m_run.hasActiveNodes() || !m_active.empty()) {
        return;
    }
    const bool cancelling = m_run.status() == WorkflowRun::Status::Cancelling;
    if (!cancelling && (m_run.status() == WorkflowRun::Status::Paused || !m_run.decisions().isEmpty())) {
        return;
    }
    JobEvent e;
    e.type = JobEvent::Type::WorkflowFinished;
    e.outcome = cancelling ? QStringLiteral("cancelled") : m_run.outcomeNow();
    if (e.outcome == QLatin1String("failed")) {
        QStringList failed;
        for (const WorkflowNodeRun& n : m_run.nodes()) {
            if (n.status == NS::Failed) {
                failed.append(n.id);
            }
        }
        e.message = QStringLiteral("failed nodes: %1").arg(failed.join(QStringLiteral(", ")));
    }
    post(e);
    JobEvent f;
    f.type = JobEvent::Type::JobFinished;
    f.jobStatus = e.outcome == QLatin1String("succeeded") ? JobStatus::Succeeded
        : cancelling                                      ? JobStatus::Cancelled
                                                          : JobStatus::Failed;
    f.message = e.message;
    post(f);
    m_approvalPoll->stop();
    emit finished(e.outcome);
}

Result<QStringList> WorkflowEngine::targetsOf(const WorkflowNode& node)
{
    if (node.targets.isEmpty()) {
        return m_targets;
    }
    if (node.targets.from != WorkflowTargets::From::None) {
        return m_run.flowHosts(node.targets);
    }
    WorkflowTargets t = node.targets;
    auto query = renderText(t.query, m_paramValues);
    if (!query) {
        return engineError(QStringLiteral("targets: query: ") + query.error().message);
    }
    t.query = *query;
    if (!m_env.resolveTargets) {
        return t.hosts;
    }
    return m_env.resolveTargets(t);
}

void WorkflowEngine::startNode(const QString& id, bool retry)
{
    const WorkflowNode* node = m_workflow.node(id);
    const WorkflowNodeRun* state = m_run.node(id);
    auto active = std::make_unique<Active>();
    Active& a = *active;
    m_active[id] = std::move(active);

    JobEvent e;
    e.type = JobEvent::Type::NodeStarted;
    e.node = id;
    e.attempt = state->attempt + 1;
    if (node->isHostTouching()) {
        auto hosts = retry ? Result<QStringList>(state->failedHosts) : targetsOf(*node);
        if (!hosts) {
            post(e);
            finishNode(id, QStringLiteral("failed"), {}, {}, hosts.error().message);
            return;
        }
        a.hosts = *hosts;
        e.hosts = a.hosts;
    }
    if (node->isHostTouching() && node->kind != Kind::Probe) {
        if (a.hosts.isEmpty()) {
            e.message = QStringLiteral("no target hosts");
            post(e);
            finishNode(id, QStringLiteral("succeeded"), {}, {}, e.message);
            return;
        }
        startJobNode(*node, a, retry);
        if (m_active.count(id) == 0) {
            return; // failed to submit: finished already
        }
        e.nodeJob = m_nodeJobs.value(id);
        post(e);
        return;
    }
    if (node->kind == Kind::SubWorkflow) {
        const QString child = startSubWorkflow(*node, a);
        e.nodeJob = child;
        post(e);
        if (child.isEmpty()) {
            finishNode(id, QStringLiteral("failed"), {}, {},
                a.output.isEmpty() ? QStringLiteral("the sub-workflow did not start") : QString::fromUtf8(a.output));
        }
        return;
    }
    post(e);
    switch (node->kind) {
    case Kind::Probe:
        startProbe(*node, a, a.hosts);
        break;
    case Kind::RunLocal:
        startLocal(*node, a);
        break;
    case Kind::Wait:
        a.timer = new QTimer;
        a.timer->setSingleShot(true);
        connect(
            a.timer, &QTimer::timeout, this, [this, id] { finishNode(id, QStringLiteral("succeeded"), {}, {}, {}); });
        a.timer->start(node->waitSeconds * m_options.secondMs);
        break;
    case Kind::Approval:
        startApproval(*node, a);
        break;
    case Kind::Join:
        finishNode(id, QStringLiteral("succeeded"), {}, {}, {});
        break;
    case Kind::SubWorkflow: // started above
        break;
    default:
        break;
    }
}

QString WorkflowEngine::startSubWorkflow(const WorkflowNode& node, Active& a)
{
    // Why it did not start goes through a.output (startNode turns it into the node's message).
    const auto fail = [&a](const QString& why) {
        a.output = why.toUtf8();
        return QString();
    };
    if (!m_env.workflow) {
        return fail(QStringLiteral("sub-workflows need the workspace's workflows, which this run was not given"));
    }
    if (m_options.depth >= m_options.maxDepth) {
        return fail(QStringLiteral("sub-workflows nest more than %1 deep here (does '%2' run itself?)")
                        .arg(m_options.maxDepth)
                        .arg(node.sub.workflow));
    }
    auto workflow = m_env.workflow(node.sub.workflow);
    if (!workflow) {
        return fail(workflow.error().message);
    }
    QMap<QString, QString> params;
    for (auto it = node.sub.params.constBegin(); it != node.sub.params.constEnd(); ++it) {
        auto value = renderText(it.value(), m_paramValues);
        if (!value) {
            return fail(QStringLiteral("parameter %1: %2").arg(it.key(), value.error().message));
        }
        params.insert(it.key(), *value);
    }
    auto* child = new WorkflowEngine(*workflow, m_backend, m_env, nullptr);
    Options options = m_options;
    options.depth = m_options.depth + 1;
    child->setOptions(options);
    for (EventSink* sink : std::as_const(m_sinks)) {
        child->addSink(sink);
    }
    a.child = child;
    const QString id = node.id;
    connect(child, &WorkflowEngine::nodeJobEvent, this,
        [this, id](const QString&, const JobEvent& event) { emit nodeJobEvent(id, event); });
    connect(child, &WorkflowEngine::finished, this, [this, id, child](const QString& outcome) {
        // Why, from the child's first failed node when it has one (its own message only counts them).
        QString message = child->run().message();
        for (const WorkflowNodeRun& n : child->run().nodes()) {
            if (n.status == WorkflowNodeRun::Status::Failed && !n.message.isEmpty()) {
                message = QStringLiteral("node '%1': %2").arg(n.id, n.message);
                break;
            }
        }
        const QString mine = outcome == QLatin1String("succeeded") ? QStringLiteral("succeeded")
            : outcome == QLatin1String("cancelled")                ? QStringLiteral("cancelled")
                                                                   : QStringLiteral("failed");
        finishNode(id, mine, {}, {},
            message.isEmpty() ? QStringLiteral("sub-workflow %1").arg(outcome)
                              : QStringLiteral("sub-workflow %1: %2").arg(outcome, message));
    });
    auto started = child->start(params, {}, m_by, 0);
    if (!started) {
        a.child = nullptr;
        child->disconnect();
        child->deleteLater();
        return fail(started.error().message);
    }
    return *started;
}

void WorkflowEngine::startJobNode(const WorkflowNode& node, Active& a, bool retry)
{
    const QString id = node.id;
    a.retriesLeft = node.retries.count;
    if (retry && m_nodeJobs.contains(id)) {
        // The node's own job again, for the hosts that failed: the job engine's retry keeps one history per node.
        const QString jobId = m_nodeJobs.value(id);
        auto job = m_backend ? m_backend->state(jobId) : Result<JobState>(engineError(QStringLiteral("no backend")));
        if (job) {
            a.job = *job;
        }
        followGathering(node, a, jobId);
        watchJob(id, jobId);
        if (auto r = m_backend->retryFailed(jobId); !r) {
            const QString message = r.error().message;
            QTimer::singleShot(
                0, this, [this, id, message] { finishNode(id, QStringLiteral("failed"), {}, {}, message); });
        }
        return;
    }
    // A job's spec is stored with the job (job.created): a secret must not reach it through the node's texts.
    QString problem = secretProblem(m_workflow, node);
    if (problem.isEmpty() && node.kind == Kind::GatherFacts && !m_env.facts) {
        problem = QStringLiteral("gather-facts nodes need the workspace's fact store, which this run was not given");
    }
    auto step = problem.isEmpty() ? stepFor(node, m_paramValues, m_env) : Result<JobStep>(engineError(problem));
    if (step) {
        JobSpec spec;
        spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        spec.name = QStringLiteral("%1 / %2").arg(m_workflow.name, node.displayTitle());
        spec.createdBy = m_by;
        spec.targetDescription = QStringLiteral("workflow '%1', node '%2'").arg(m_workflow.name, id);
        spec.targets = a.hosts;
        spec.steps.append(*step);
        QJsonObject parameters;
        for (auto it = node.params.cbegin(); it != node.params.cend(); ++it) {
            auto v = renderText(it.value(), m_paramValues);
            if (!v) {
                problem = QStringLiteral("params: %1: %2").arg(it.key(), v.error().message);
                break;
            }
            parameters.insert(it.key(), *v);
        }
        spec.parameters = parameters;
        spec.plan = node.plan;
        spec.pause = node.pause;
        spec.failurePolicy = node.failurePolicy;
        spec.timeoutSeconds = node.timeoutSeconds;
        if (node.concurrency > 0) {
            spec.concurrency = node.concurrency;
        }
        if (node.kind == Kind::GatherFacts && spec.timeoutSeconds == 0) {
            spec.timeoutSeconds = FactsGathering::jobSpec({}, {}).timeoutSeconds;
        }
        if (problem.isEmpty()) {
            auto submitted = m_backend->submit(spec);
            if (submitted) {
                m_nodeJobs.insert(id, *submitted);
                followGathering(node, a, *submitted);
                watchJob(id, *submitted);
                return;
            }
            problem = submitted.error().message;
        }
    } else {
        problem = step.error().message;
    }
    JobEvent e;
    e.type = JobEvent::Type::NodeStarted;
    e.node = id;
    e.attempt = m_run.node(id)->attempt + 1;
    e.hosts = a.hosts;
    post(e);
    finishNode(id, QStringLiteral("failed"), {}, {}, problem);
}

void WorkflowEngine::followGathering(const WorkflowNode& node, Active& a, const QString& jobId)
{
    if (node.kind != Kind::GatherFacts || !m_env.facts) {
        return;
    }
    a.gathering = std::make_unique<FactsGathering>(*m_backend, *m_env.facts);
    a.gathering->follow(jobId, a.hosts);
}

void WorkflowEngine::watchJob(const QString& id, const QString& jobId)
{
    Active& a = *m_active[id];
    const qint64 after = a.job.lastSeq();
    auto sub = m_backend->subscribe(jobId, after);
    if (!sub) {
        const QString message = sub.error().message;
        QTimer::singleShot(0, this, [this, id, message] { finishNode(id, QStringLiteral("failed"), {}, {}, message); });
        return;
    }
    if (a.subscription) {
        a.subscription->disconnect();
        a.subscription->deleteLater();
    }
    a.subscription = *sub;
    connect(a.subscription, &JobSubscription::jobEvent, this, [this, id](const JobEvent& e) { onJobEvent(id, e); });
    connect(a.subscription, &JobSubscription::failed, this,
        [this, id](const QString& message) { finishNode(id, QStringLiteral("failed"), {}, {}, message); });
}

void WorkflowEngine::onJobEvent(const QString& id, const JobEvent& event)
{
    const auto it = m_active.find(id);
    if (it == m_active.end()) {
        return;
    }
    Active& a = *it->second;
    if (auto r = a.job.apply(event); !r) {
        qWarning("workflow engine: node %s: %s", qPrintable(id), qPrintable(r.error().message));
    }
    if (a.gathering) {
        a.gathering->handle(event);
    }
    emit nodeJobEvent(id, event);
    if (event.type != JobEvent::Type::JobFinished) {
        return;
    }
    QStringList succeeded;
    QStringList failed;
    for (const HostState& h : a.job.hostSummaries()) {
        if (h.status == HostStatus::Success) {
            succeeded.append(h.name);
        } else if (isFailure(h.status)) {
            failed.append(h.name);
        }
    }
    QString message = event.message;
    bool unstored = false;
    if (a.gathering) {
        // A host whose output could not be read or stored has no facts: it failed, with the parser's reason.
        QStringList why;
        bool stored = false;
        for (const FactsGathering::HostResult& r : a.gathering->results()) {
            stored = stored || r.ok;
            if (!r.ok && succeeded.removeAll(r.host) > 0) {
                failed.append(r.host);
                unstored = true;
                if (why.size() < 3) {
                    why.append(QStringLiteral("%1: %2").arg(r.host, r.message));
                }
            }
        }
        if (!why.isEmpty()) {
            message = (message.isEmpty() ? QString() : message + QStringLiteral("; "))
                + QStringLiteral("facts not stored: ") + why.join(QStringLiteral("; "));
        }
        if (stored && m_env.factsChanged) {
            m_env.factsChanged();
        }
    }
    const bool cancelled = event.jobStatus == JobStatus::Cancelled || a.cancelled;
    if (event.jobStatus == JobStatus::Failed && !failed.isEmpty() && a.retriesLeft > 0 && !cancelled
        && m_run.status() != WorkflowRun::Status::Cancelling) {
        --a.retriesLeft;
        const QString jobId = event.jobId;
        const int delay = m_workflow.node(id)->retries.delaySeconds * m_options.secondMs;
        a.timer = a.timer ? a.timer : new QTimer;
        a.timer->setSingleShot(true);
        a.timer->disconnect();
        connect(a.timer, &QTimer::timeout, this, [this, id, jobId] {
            if (m_active.count(id) == 0) {
                return;
            }
            if (auto r = m_backend->retryFailed(jobId); !r) {
                finishNode(id, QStringLiteral("failed"), {}, {}, r.error().message);
            }
        });
        a.timer->start(delay);
        return;
    }
    const QString outcome = cancelled ? QStringLiteral("cancelled")
        : unstored                    ? QStringLiteral("failed")
                                      : outcomeOf(event.jobStatus);
    finishNode(id, outcome, succeeded, failed, message);
}

void WorkflowEngine::finishNode(const QString& id, const QString& outcome, const QStringList& succeeded,
    const QStringList& failed, const QString& message, int exitCode, const QByteArray& output)
{
    const WorkflowNodeRun* state = m_run.node(id);
    if (!state || state->isFinished() || !isRunning()) {
        m_active.erase(id);
        return;
    }
    JobEvent e;
    e.type = JobEvent::Type::NodeFinished;
    e.node = id;
    e.attempt = std::max(1, state->attempt);
    e.outcome = outcome;
    e.hosts = succeeded;
    e.failedHosts = failed;
    e.exitCode = exitCode;
    e.chunk = output;
    QString why = message;
    if (outcome == QLatin1String("succeeded") || outcome == QLatin1String("failed")) {
        QVariantMap secrets;
        for (const WorkflowParam& p : m_workflow.params) {
            if (p.type == WorkflowParam::Type::Secret) {
                secrets.insert(p.name, m_paramValues.value(p.name));
            }
        }
        QStringList problems;
        e.edges = m_run.edgesTakenBy(e, secrets, &problems);
        if (!problems.isEmpty()) {
            why = (why.isEmpty() ? QString() : why + QStringLiteral("; ")) + problems.join(QStringLiteral("; "));
        }
    }
    e.message = why;
    m_active.erase(id);
    post(e);
    QTimer::singleShot(0, this, &WorkflowEngine::schedule);
}

void WorkflowEngine::startLocal(const WorkflowNode& node, Active& a)
{
    const QString id = node.id;
    if (!m_options.allowRunLocal) {
        QTimer::singleShot(0, this, [this, id, m = m_options.runLocalRefusal] {
            finishNode(id, QStringLiteral("failed"), {}, {},
                m.isEmpty() ? QStringLiteral("run-local steps are not allowed here") : m);
        });
        return;
    }
    auto command = renderText(node.local.command, m_paramValues);
    if (!command) {
        QTimer::singleShot(0, this, [this, id, m = command.error().message] {
            finishNode(id, QStringLiteral("failed"), {}, {}, QStringLiteral("command: ") + m);
        });
        return;
    }
    a.process = new QProcess;
    a.process->setProcessChannelMode(QProcess::MergedChannels);
    QProcess* p = a.process;
    connect(p, &QProcess::readyRead, this, [this, id, p] {
        const QByteArray chunk = p->readAll();
        const auto it = m_active.find(id);
        if (it == m_active.end()) {
            return;
        }
        Active& act = *it->second;
        const qsizetype room = m_options.localOutputLimit - act.output.size();
        act.output += chunk.left(std::max<qsizetype>(0, room));
        act.truncated = act.truncated || chunk.size() > room;
    });
    connect(p, &QProcess::finished, this, [this, id, p](int code, QProcess::ExitStatus status) {
        const auto it = m_active.find(id);
        if (it == m_active.end()) {
            return;
        }
        Active& act = *it->second;
        act.output += p->readAll().left(std::max<qsizetype>(0, m_options.localOutputLimit - act.output.size()));
        const bool ok = status == QProcess::NormalExit && code == 0;
        QString message = status == QProcess::NormalExit ? QStringLiteral("exit code %1").arg(code)
                                                         : QStringLiteral("the command crashed or was killed");
        if (act.truncated) {
            message += QStringLiteral(" (output cut at %1 bytes)").arg(m_options.localOutputLimit);
        }
        const QString outcome = act.cancelled ? QStringLiteral("cancelled")
            : ok                              ? QStringLiteral("succeeded")
                                              : QStringLiteral("failed");
        const QByteArray output = act.output;
        finishNode(id, outcome, {}, {}, message, status == QProcess::NormalExit ? code : -1, output);
    });
    connect(p, &QProcess::errorOccurred, this, [this, id, p](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            finishNode(
                id, QStringLiteral("failed"), {}, {}, QStringLiteral("cannot start /bin/sh: ") + p->errorString());
        }
    });
    p->start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), *command });
}

void WorkflowEngine::startProbe(const WorkflowNode& node, Active& a, const QStringList& hosts)
{
    const QString id = node.id;
    if (hosts.isEmpty()) {
        QTimer::singleShot(0, this,
            [this, id] { finishNode(id, QStringLiteral("succeeded"), {}, {}, QStringLiteral("no target hosts")); });
        return;
    }
    a.since.start();
    a.timer = new QTimer;
    a.timer->setSingleShot(true);
    connect(a.timer, &QTimer::timeout, this, [this, id] {
        // The deadline: hosts that never answered failed.
        const auto it = m_active.find(id);
        if (it == m_active.end()) {
            return;
        }
        Active& act = *it->second;
        QStringList ok;
        QStringList failed;
        for (const QString& h : std::as_const(act.hosts)) {
            (act.ok.contains(h) ? ok : failed).append(h);
        }
        finishNode(id, QStringLiteral("failed"), ok, failed,
            QStringLiteral("no answer within %1 s from %2")
                .arg(m_workflow.node(id)->probe.deadlineSeconds)
                .arg(failed.join(QStringLiteral(", "))));
    });
    a.timer->start(node.probe.deadlineSeconds * m_options.secondMs);
    for (const QString& h : hosts) {
        probeHost(id, h);
    }
}

void WorkflowEngine::probeAnswered(const QString& id, const QString& host)
{
    const auto it = m_active.find(id);
    if (it == m_active.end()) {
        return;
    }
    Active& act = *it->second;
    act.ok.insert(host);
    if (QTcpSocket* s = act.sockets.take(host)) {
        s->disconnect();
        s->abort();
        s->deleteLater();
    }
    act.replies.remove(host);
    if (act.ok.size() == act.hosts.size()) {
        finishNode(id, QStringLiteral("succeeded"), act.hosts, {}, {});
    }
}

void WorkflowEngine::probeLater(const QString& id, const QString& host)
{
    const int interval = m_workflow.node(id)->probe.intervalSeconds * m_options.secondMs;
    QTimer::singleShot(interval, this, [this, id, host] { probeHost(id, host); });
}

void WorkflowEngine::probeHost(const QString& id, const QString& host)
{
    const auto it = m_active.find(id);
    if (it == m_active.end()) {
        return;
    }
    Active& a = *it->second;
    const WorkflowProbeSettings& probe = m_workflow.node(id)->probe;
    if (probe.kind == WorkflowProbeSettings::Kind::Http) {
        // GET the URL (`{{ host }}` is the host's name, `{{ address }}` where the inventory says it is); the
        // expected status answers, anything else (or no answer within an interval) is tried again.
        const QString address = m_env.address ? m_env.address(host) : host;
        QVariantMap extra { { QStringLiteral("address"), address } };
        auto url = Jinja::Template::parse(probe.url, QStringLiteral("url"));
        Result<QString> text = url ? url->render(QVariantMap { { QStringLiteral("params"), m_paramValues },
                                   { QStringLiteral("host"), host }, { QStringLiteral("address"), address } })
                                   : Result<QString>(url.error());
        if (!text) {
            finishNode(id, QStringLiteral("failed"), {}, a.hosts, QStringLiteral("url: ") + text.error().message);
            return;
        }
        if (!m_network) {
            m_network = new QNetworkAccessManager(this);
        }
        QNetworkRequest request { QUrl(*text) };
        request.setTransferTimeout(std::max(1, probe.intervalSeconds) * m_options.secondMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_network->get(request);
        a.replies.insert(host, reply);
        const int expect = probe.expectStatus;
        connect(reply, &QNetworkReply::finished, this, [this, id, host, reply, expect] {
            reply->deleteLater();
            const auto it2 = m_active.find(id);
            if (it2 == m_active.end() || it2->second->replies.value(host) != reply) {
                return;
            }
            it2->second->replies.remove(host);
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == expect) {
                probeAnswered(id, host);
            } else {
                probeLater(id, host);
            }
        });
        return;
    }
    int port = probe.port;
    if (probe.kind == WorkflowProbeSettings::Kind::Ssh && port == 0) {
        port = m_env.sshPort ? m_env.sshPort(host) : 22;
    }
    const QString address = m_env.address ? m_env.address(host) : host;
    auto* socket = new QTcpSocket(this);
    if (QTcpSocket* old = a.sockets.take(host)) {
        old->disconnect();
        old->deleteLater();
    }
    a.sockets.insert(host, socket);
    connect(socket, &QTcpSocket::connected, this, [this, id, host] { probeAnswered(id, host); });
    connect(socket, &QTcpSocket::errorOccurred, this,
        [this, id, host](QAbstractSocket::SocketError) { probeLater(id, host); });
    socket->connectToHost(address, quint16(port));
}

void WorkflowEngine::startApproval(const WorkflowNode& node, Active& a)
{
    const QString id = node.id;
    JobEvent e;
    e.type = JobEvent::Type::ApprovalRequested;
    e.node = id;
    e.approvers = node.approval.approvers;
    e.waitSeconds = node.approval.timeoutSeconds;
    e.commentRequired = node.approval.commentRequired;
    auto message = renderText(node.approval.message, m_paramValues);
    e.message = message ? *message : node.approval.message;
    post(e);
    if (node.approval.timeoutSeconds > 0) {
        a.timer = new QTimer;
        a.timer->setSingleShot(true);
        connect(a.timer, &QTimer::timeout, this, [this, id] { onApprovalTimeout(id); });
        a.timer->start(node.approval.timeoutSeconds * m_options.secondMs);
    }
    if (m_env.takeApprovals) {
        m_approvalPoll->start();
    }
}

void WorkflowEngine::onApprovalTimeout(const QString& id)
{
    const WorkflowNode* node = m_workflow.node(id);
    const QString why = QStringLiteral("no decision within %1 s").arg(node->approval.timeoutSeconds);
    if (node->approval.onTimeout == WorkflowApprovalSettings::OnTimeout::Fail) {
        finishNode(id, QStringLiteral("failed"), {}, {}, why);
        return;
    }
    const bool approve = node->approval.onTimeout == WorkflowApprovalSettings::OnTimeout::Approve;
    JobEvent e;
    e.type = JobEvent::Type::ApprovalGiven;
    e.node = id;
    e.decision = approve ? QStringLiteral("approve") : QStringLiteral("reject");
    e.message = why
        + (approve ? QStringLiteral(": approved as on_timeout says") : QStringLiteral(": rejected as on_timeout says"));
    post(e);
    finishNode(id, approve ? QStringLiteral("succeeded") : QStringLiteral("failed"), {}, {}, e.message);
}

Result<void> WorkflowEngine::decide(const QString& id, bool approve, const QString& by, const QString& comment)
{
    const WorkflowNodeRun* state = m_run.node(id);
    if (!state) {
        return engineError(QStringLiteral("the workflow has no node '%1'").arg(id));
    }
    if (state->status != NS::WaitingForApproval) {
        return engineError(QStringLiteral("node '%1' is not waiting for an approval").arg(id));
    }
    if (!state->approvers.isEmpty() && !state->approvers.contains(by)) {
        return engineError(QStringLiteral("'%1' may not decide node '%2' (approvers: %3)")
                               .arg(by, id, state->approvers.join(QStringLiteral(", "))));
    }
    if (state->commentRequired && comment.trimmed().isEmpty()) {
        return engineError(QStringLiteral("node '%1' needs a comment with the decision").arg(id));
    }
    JobEvent e;
    e.type = JobEvent::Type::ApprovalGiven;
    e.node = id;
    e.decision = approve ? QStringLiteral("approve") : QStringLiteral("reject");
    e.by = by;
    e.comment = comment;
    post(e);
    finishNode(id, approve ? QStringLiteral("succeeded") : QStringLiteral("failed"), {}, {},
        approve ? QStringLiteral("approved by %1").arg(by) : QStringLiteral("rejected by %1").arg(by));
    return {};
}

void WorkflowEngine::pollApprovals()
{
    if (!m_env.takeApprovals || !isRunning()) {
        return;
    }
    bool waiting = false;
    for (const WorkflowNodeRun& n : m_run.nodes()) {
        waiting = waiting || n.status == NS::WaitingForApproval;
    }
    if (!waiting) {
        m_approvalPoll->stop();
        return;
    }
    for (const WorkflowApprovalAnswer& a : m_env.takeApprovals(m_jobId)) {
        if (auto r = decide(a.node, a.approve, a.by, a.comment); !r) {
            qWarning(
                "workflow engine: an approval from another program was refused: %s", qPrintable(r.error().message));
        }
    }
}

Result<void> WorkflowEngine::pause(const QString& by)
{
    if (!isRunning() || m_run.status() != WorkflowRun::Status::Running) {
        return engineError(QStringLiteral("the workflow is not running"));
    }
    JobEvent e;
    e.type = JobEvent::Type::WorkflowPaused;
    e.by = by;
    post(e);
    for (const auto& [id, a] : m_active) {
        if (a->subscription) {
            (void)m_backend->pause(a->subscription->jobId());
        }
        if (a->child) {
            (void)a->child->pause(by);
        }
    }
    return {};
}

Result<void> WorkflowEngine::resume(const QString& by)
{
    if (m_run.status() != WorkflowRun::Status::Paused) {
        return engineError(QStringLiteral("the workflow is not paused"));
    }
    JobEvent e;
    e.type = JobEvent::Type::WorkflowResumed;
    e.by = by;
    post(e);
    for (const auto& [id, a] : m_active) {
        if (a->subscription) {
            (void)m_backend->resume(a->subscription->jobId());
        }
        if (a->child) {
            (void)a->child->resume(by);
        }
    }
    QTimer::singleShot(0, this, &WorkflowEngine::schedule);
    return {};
}

Result<void> WorkflowEngine::cancel(const QString& by)
{
    if (!isRunning() || m_run.status() == WorkflowRun::Status::Cancelling) {
        return engineError(QStringLiteral("the workflow is not running"));
    }
    JobEvent e;
    e.type = JobEvent::Type::WorkflowCancelling;
    e.by = by;
    post(e);
    QStringList local;
    for (const auto& [id, a] : m_active) {
        a->cancelled = true;
        if (a->child) {
            if (!a->child->cancel(by)) {
                local.append(id);
            }
        } else if (a->subscription) {
            if (!m_backend->cancel(a->subscription->jobId())) {
                local.append(id); // between retries: nothing runs
            }
        } else {
            local.append(id);
        }
    }
    for (const QString& id : local) {
        finishNode(id, QStringLiteral("cancelled"), {}, {}, QStringLiteral("cancelled by %1").arg(by));
    }
    QTimer::singleShot(0, this, &WorkflowEngine::maybeFinish);
    return {};
}

Result<void> WorkflowEngine::reopen(const QString& id, const QString& action, const QString& by)
{
    const WorkflowNodeRun* state = m_run.node(id);
    if (!m_started || !state) {
        return engineError(QStringLiteral("the workflow has no node '%1'").arg(id));
    }
    if (isRunning() && (m_run.hasActiveNodes() || !m_active.empty())) {
        return engineError(QStringLiteral("nodes are still running: wait for them, or pause first"));
    }
    if (!state->isFinished() && action == QLatin1String("retry-node")) {
        return engineError(QStringLiteral("node '%1' has not run").arg(id));
    }
    JobEvent e;
    e.type = JobEvent::Type::WorkflowRerun;
    e.node = id;
    e.action = action;
    e.by = by;
    post(e);
    if (m_approvalPoll && m_env.takeApprovals) {
        m_approvalPoll->start();
    }
    return {};
}

Result<void> WorkflowEngine::retryNode(const QString& id, const QString& by)
{
    const WorkflowNodeRun* state = m_run.node(id);
    if (!state || state->status != NS::Failed) {
        return engineError(QStringLiteral("node '%1' did not fail").arg(id));
    }
    const bool jobRetry = m_workflow.node(id)->isHostTouching() && m_workflow.node(id)->kind != Kind::Probe
        && m_nodeJobs.contains(id) && !state->failedHosts.isEmpty();
    if (auto r = reopen(id, QStringLiteral("retry-node"), by); !r) {
        return r;
    }
    startNode(id, jobRetry);
    QTimer::singleShot(0, this, &WorkflowEngine::schedule);
    return {};
}

Result<void> WorkflowEngine::rerunFrom(const QString& id, const QString& by)
{
    if (auto r = reopen(id, QStringLiteral("rerun-from"), by); !r) {
        return r;
    }
    m_nodeJobs.remove(id);
    QTimer::singleShot(0, this, &WorkflowEngine::schedule);
    return {};
}
