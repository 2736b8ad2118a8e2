#include "WorkflowRun.h"

#include "jinja/Expression.h"
#include "workflows/WorkflowYaml.h"

#include <algorithm>

namespace {

using NS = WorkflowNodeRun::Status;
using T = JobEvent::Type;

const char* const kNodeStatusNames[]
    = { "pending", "running", "waiting-for-approval", "succeeded", "failed", "skipped", "cancelled", "interrupted" };
const char* const kRunStatusNames[]
    = { "created", "running", "paused", "cancelling", "succeeded", "failed", "cancelled", "interrupted" };

Error runError(qint64 seq, const QString& message)
{
    return Error(QStringLiteral("event %1: %2").arg(seq).arg(message), { QStringLiteral("events"), 0, 0 });
}

std::optional<NS> nodeOutcome(const QString& name)
{
    if (name == QLatin1String("succeeded")) {
        return NS::Succeeded;
    }
    if (name == QLatin1String("failed")) {
        return NS::Failed;
    }
    if (name == QLatin1String("skipped")) {
        return NS::Skipped;
    }
    if (name == QLatin1String("cancelled")) {
        return NS::Cancelled;
    }
    if (name == QLatin1String("interrupted")) {
        return NS::Interrupted;
    }
    return std::nullopt;
}

} // namespace

QString WorkflowNodeRun::statusName(Status status)
{
    return QLatin1String(kNodeStatusNames[int(status)]);
}

QString WorkflowRun::statusName(Status status)
{
    return QLatin1String(kRunStatusNames[int(status)]);
}

Result<WorkflowRun> WorkflowRun::replay(const QList<JobEvent>& events)
{
    WorkflowRun run;
    for (const JobEvent& e : events) {
        if (auto r = run.apply(e); !r) {
            return r.error();
        }
    }
    return run;
}

WorkflowRun::Status WorkflowRun::status() const
{
    if (m_finished) {
        if (m_outcome == QLatin1String("succeeded")) {
            return Status::Succeeded;
        }
        if (m_outcome == QLatin1String("cancelled")) {
            return Status::Cancelled;
        }
        if (m_outcome == QLatin1String("interrupted")) {
            return Status::Interrupted;
        }
        return Status::Failed;
    }
    if (!m_started) {
        return Status::Created;
    }
    if (m_cancelling) {
        return Status::Cancelling;
    }
    return m_paused ? Status::Paused : Status::Running;
}

const WorkflowNodeRun* WorkflowRun::node(const QString& id) const
{
    const auto it
        = std::find_if(m_nodes.cbegin(), m_nodes.cend(), [&](const WorkflowNodeRun& n) { return n.id == id; });
    return it == m_nodes.cend() ? nullptr : &*it;
}

WorkflowNodeRun* WorkflowRun::nodeAt(const QString& id)
{
    const auto it = std::find_if(m_nodes.begin(), m_nodes.end(), [&](const WorkflowNodeRun& n) { return n.id == id; });
    return it == m_nodes.end() ? nullptr : &*it;
}

Result<void> WorkflowRun::apply(const JobEvent& e)
{
    if (m_lastSeq == 0 && (e.type != T::JobCreated || e.seq != 1)) {
        return runError(e.seq, QStringLiteral("a workflow run's events must begin with job.created as number 1"));
    }
    if (e.seq != m_lastSeq + 1) {
        return runError(e.seq,
            QStringLiteral("expected event %1 next: sequence numbers follow on without gaps").arg(m_lastSeq + 1));
    }
    if (m_lastSeq > 0 && e.jobId != m_jobId) {
        return runError(e.seq, QStringLiteral("belongs to job '%1', not '%2'").arg(e.jobId, m_jobId));
    }
    if (JobEvent::isWorkflowEvent(e.type) && e.type != T::WorkflowStarted && !m_started) {
        return runError(e.seq, QStringLiteral("%1 before workflow.started").arg(JobEvent::typeName(e.type)));
    }
    WorkflowNodeRun* n = nullptr;
    if (e.type == T::NodeStarted || e.type == T::NodeFinished || e.type == T::ApprovalRequested
        || e.type == T::ApprovalGiven || e.type == T::WorkflowRerun) {
        n = nodeAt(e.node);
        if (!n) {
            return runError(e.seq, QStringLiteral("the workflow has no node '%1'").arg(e.node));
        }
    }
    switch (e.type) {
    case T::JobCreated:
        m_jobId = e.jobId;
        break;
    case T::WorkflowStarted: {
        if (m_started) {
            return runError(e.seq, QStringLiteral("a second workflow.started"));
        }
        auto workflow = WorkflowYaml::load(e.workflowYaml, QStringLiteral("workflow.started"));
        if (!workflow) {
            return runError(e.seq, QStringLiteral("the workflow does not load: ") + workflow.error().message);
        }
        m_workflow = std::move(*workflow);
        m_version = e.version;
        m_params = e.params;
        m_targets = e.hosts;
        m_by = e.by;
        m_startedMs = e.timeMs;
        m_started = true;
        m_nodes.clear();
        for (const WorkflowNode& wn : std::as_const(m_workflow.nodes)) {
            WorkflowNodeRun r;
            r.id = wn.id;
            m_nodes.append(r);
        }
        break;
    }
    case T::NodeStarted:
        n->status = NS::Running;
        n->attempt = e.attempt;
        if (!e.nodeJob.isEmpty()) {
            n->nodeJob = e.nodeJob;
        }
        n->targets = e.hosts;
        n->startedMs = e.timeMs;
        n->finishedMs = 0;
        n->message = e.message;
        m_forced.remove(n->id);
        break;
    case T::NodeFinished: {
        const auto outcome = nodeOutcome(e.outcome);
        if (!outcome) {
            return runError(e.seq, QStringLiteral("unknown outcome '%1'").arg(e.outcome));
        }
        const QList<int> out = m_workflow.outgoingIndices(n->id);
        for (int i : e.edges) {
            if (!out.contains(i)) {
                return runError(e.seq, QStringLiteral("edge %1 does not leave node '%2'").arg(i + 1).arg(n->id));
            }
        }
        n->status = *outcome;
        n->succeededHosts = e.hosts;
        n->failedHosts = e.failedHosts;
        n->exitCode = e.exitCode;
        n->output = e.chunk;
        n->message = e.message;
        n->finishedMs = e.timeMs;
        for (int i : out) {
            m_edges.insert(i, e.edges.contains(i) ? EdgeState::Taken : EdgeState::NotTaken);
        }
        m_forced.remove(n->id);
        break;
    }
    case T::ApprovalRequested:
        n->status = NS::WaitingForApproval;
        n->approvers = e.approvers;
        n->approvalTimeout = e.waitSeconds;
        n->commentRequired = e.commentRequired;
        n->approvalMessage = e.message;
        n->decision.clear();
        n->decidedBy.clear();
        n->comment.clear();
        break;
    case T::ApprovalGiven:
        n->status = NS::Running; // node.finished follows
        n->decision = e.decision;
        n->decidedBy = e.by;
        n->comment = e.comment;
        break;
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
        resetFrom(n->id, e.action == QLatin1String("retry-node"));
        m_forced.insert(n->id);
        m_finished = m_paused = m_cancelling = false;
        m_outcome.clear();
        m_message.clear();
        m_finishedMs = 0;
        break;
    case T::WorkflowFinished:
        finishRun(e.outcome, e.timeMs, e.message);
        break;
    case T::JobFinished:
        // The store ends a run whose program died with job.finished (interrupted); the engine itself writes
        // workflow.finished first.
        if (m_started && !m_finished) {
            finishRun(QStringLiteral("interrupted"), e.timeMs, e.message);
        }
        break;
    default:
        break; // job events of the run's own job (job.created's stepless spec has no steps to run)
    }
    m_lastSeq = e.seq;
    return {};
}

void WorkflowRun::finishRun(const QString& outcome, qint64 timeMs, const QString& message)
{
    for (WorkflowNodeRun& n : m_nodes) {
        if (n.status == NS::Running || n.status == NS::WaitingForApproval) {
            n.status = outcome == QLatin1String("cancelled") ? NS::Cancelled : NS::Interrupted;
            n.finishedMs = timeMs;
        }
    }
    m_forced.clear();
    m_finished = true;
    m_paused = m_cancelling = false;
    m_outcome = outcome;
    m_message = message;
    m_finishedMs = timeMs;
}

QStringList WorkflowRun::downstreamOf(const QString& node) const
{
    QSet<QString> seen { node };
    QStringList queue { node };
    while (!queue.isEmpty()) {
        const QString id = queue.takeFirst();
        for (const WorkflowEdge& e : m_workflow.outgoing(id)) {
            if (!seen.contains(e.to)) {
                seen.insert(e.to);
                queue.append(e.to);
            }
        }
    }
    QStringList out;
    for (const WorkflowNode& n : m_workflow.nodes) {
        if (seen.contains(n.id)) {
            out.append(n.id);
        }
    }
    return out;
}

void WorkflowRun::resetFrom(const QString& node, bool keepJob)
{
    for (const QString& id : downstreamOf(node)) {
        WorkflowNodeRun* n = nodeAt(id);
        WorkflowNodeRun fresh;
        fresh.id = id;
        fresh.attempt = n->attempt;
        if (keepJob && id == node) {
            fresh.nodeJob = n->nodeJob;
            fresh.targets = n->targets;
            fresh.succeededHosts = n->succeededHosts;
            fresh.failedHosts = n->failedHosts;
        }
        *n = fresh;
        for (int i : m_workflow.outgoingIndices(id)) {
            m_edges.remove(i);
        }
    }
}

bool WorkflowRun::hasActiveNodes() const
{
    return std::any_of(m_nodes.cbegin(), m_nodes.cend(),
        [](const WorkflowNodeRun& n) { return n.status == NS::Running || n.status == NS::WaitingForApproval; });
}

QList<WorkflowRun::Decision> WorkflowRun::decisions() const
{
    QList<Decision> out;
    if (!m_started || m_finished) {
        return out;
    }
    for (const WorkflowNode& wn : m_workflow.nodes) {
        const WorkflowNodeRun* n = node(wn.id);
        if (!n || n->status != NS::Pending) {
            continue;
        }
        if (m_forced.contains(wn.id)) {
            out.append({ wn.id, true, {} });
            continue;
        }
        const QList<int> in = m_workflow.incomingIndices(wn.id);
        if (in.isEmpty()) {
            if (n->attempt == 0) {
                out.append({ wn.id, true, {} }); // a start node
            }
            continue;
        }
        int taken = 0;
        int undecided = 0;
        int satisfied = 0; // joins: taken, and the source succeeded when the join requires it
        int unsatisfiable = 0;
        const bool isJoin = wn.kind == WorkflowNode::Kind::Join;
        for (int i : in) {
            const EdgeState s = edgeState(i);
            if (s == EdgeState::Undecided) {
                ++undecided;
                continue;
            }
            if (s == EdgeState::Taken) {
                ++taken;
                const WorkflowNodeRun* from = node(m_workflow.edges[i].from);
                const bool ok = wn.join.require == WorkflowJoinSettings::Require::Completed
                    || (from && from->status == NS::Succeeded);
                ++(ok ? satisfied : unsatisfiable);
            } else {
                ++unsatisfiable;
            }
        }
        if (!isJoin) {
            if (undecided == 0) {
                out.append({ wn.id, taken > 0, taken > 0 ? QString() : QStringLiteral("no incoming edge was taken") });
            }
            continue;
        }
        if (wn.join.mode == WorkflowJoinSettings::Mode::All) {
            if (unsatisfiable > 0) {
                out.append({ wn.id, false, QStringLiteral("join (all): an incoming edge can no longer fire") });
            } else if (undecided == 0) {
                out.append({ wn.id, true, {} });
            }
        } else if (satisfied > 0) {
            out.append({ wn.id, true, {} });
        } else if (undecided == 0) {
            out.append({ wn.id, false, QStringLiteral("join (any): no incoming edge can fire") });
        }
    }
    return out;
}

QVariantMap WorkflowRun::conditionContext(const QVariantMap& extraParams) const
{
    QVariantMap params = m_params.toVariantMap();
    for (auto it = extraParams.cbegin(); it != extraParams.cend(); ++it) {
        params.insert(it.key(), it.value());
    }
    QVariantMap nodes;
    for (const WorkflowNodeRun& n : m_nodes) {
        QVariantMap m;
        m.insert(QStringLiteral("succeeded"), n.status == NS::Succeeded);
        m.insert(QStringLiteral("failed"), n.status == NS::Failed);
        m.insert(QStringLiteral("succeeded_hosts"), n.succeededHosts);
        m.insert(QStringLiteral("failed_hosts"), n.failedHosts);
        m.insert(QStringLiteral("outcome"),
            n.isFinished() ? WorkflowNodeRun::statusName(n.status) : QStringLiteral("pending"));
        nodes.insert(n.id, m);
    }
    return { { QStringLiteral("params"), params }, { QStringLiteral("nodes"), nodes } };
}

QList<int> WorkflowRun::takenEdges(
    const QString& node, const QString& outcome, const QVariantMap& context, QStringList* problems) const
{
    QList<int> out;
    const bool succeeded = outcome == QLatin1String("succeeded");
    const bool failed = outcome == QLatin1String("failed");
    for (int i : m_workflow.outgoingIndices(node)) {
        const WorkflowEdge& e = m_workflow.edges[i];
        const bool byKind = (e.kind == WorkflowEdge::Kind::OnSuccess && succeeded)
            || (e.kind == WorkflowEdge::Kind::OnFailure && failed)
            || (e.kind == WorkflowEdge::Kind::Always && (succeeded || failed));
        if (!byKind) {
            continue;
        }
        if (!e.condition.trimmed().isEmpty()) {
            auto expr = Jinja::Expression::parse(e.condition, QStringLiteral("edge %1").arg(i + 1));
            Result<bool> value = expr ? expr->isTrue(context) : Result<bool>(expr.error());
            if (!value) {
                if (problems) {
                    problems->append(QStringLiteral("edge %1 (%2 -> %3): condition: %4")
                                         .arg(i + 1)
                                         .arg(e.from, e.to, value.error().message));
                }
                continue;
            }
            if (!*value) {
                continue;
            }
        }
        out.append(i);
    }
    return out;
}

QList<int> WorkflowRun::edgesTakenBy(
    const JobEvent& finished, const QVariantMap& extraParams, QStringList* problems) const
{
    WorkflowRun after = *this;
    JobEvent e = finished;
    e.jobId = m_jobId;
    e.seq = m_lastSeq + 1;
    e.edges.clear();
    (void)after.apply(e);
    return takenEdges(finished.node, finished.outcome, after.conditionContext(extraParams), problems);
}

QString WorkflowRun::outcomeNow() const
{
    for (const WorkflowNodeRun& n : m_nodes) {
        if (n.status != NS::Failed && n.status != NS::Cancelled && n.status != NS::Interrupted) {
            continue;
        }
        bool handled = false;
        for (int i : m_workflow.outgoingIndices(n.id)) {
            handled = handled
                || (m_workflow.edges[i].kind == WorkflowEdge::Kind::OnFailure && edgeState(i) == EdgeState::Taken);
        }
        if (!handled) {
            return QStringLiteral("failed");
        }
    }
    return QStringLiteral("succeeded");
}

QStringList WorkflowRun::flowHosts(const WorkflowTargets& targets) const
{
    const WorkflowNodeRun* from = node(targets.fromNode);
    if (!from) {
        return {};
    }
    return targets.from == WorkflowTargets::From::Failed ? from->failedHosts : from->succeededHosts;
}
