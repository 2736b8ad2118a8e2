#pragma once

#include "core/Result.h"
#include "jobs/JobEvent.h"
#include "workflows/Workflow.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QVariantMap>

// The state of one workflow run as a pure fold of its event stream (docs/workflows.md "Events"): the engine keeps
// its own state this way and replaying the stored events gives the same WorkflowRun, so what the CLI, a view or
// a restarted console shows is what was seen live. It also holds the engine's scheduling rules (which node is
// decided next, which edges a finished node takes, the workflow's outcome) as pure functions of the state, so
// that the engine and the what-if preview (WorkflowPreview) cannot disagree.

struct WorkflowNodeRun {
    enum class Status { Pending, Running, WaitingForApproval, Succeeded, Failed, Skipped, Cancelled, Interrupted };

    QString id;
    Status status = Status::Pending;
    int attempt = 0; // node.started count (a retry of the node or a re-run from it adds one)
    QString nodeJob; // the job of a host-touching node
    QStringList targets; // the hosts it started on
    QStringList succeededHosts;
    QStringList failedHosts;
    int exitCode = -1; // run-local
    QByteArray output; // run-local, bounded
    QString message;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    // approval nodes
    QStringList approvers;
    int approvalTimeout = 0;
    bool commentRequired = false;
    QString approvalMessage;
    QString decision; // "approve" / "reject"; empty while waiting or after a timeout that failed it
    QString decidedBy;
    QString comment;

    static QString statusName(Status status); // "pending", "running", "waiting-for-approval", "succeeded", …
    bool isFinished() const
    {
        return status != Status::Pending && status != Status::Running && status != Status::WaitingForApproval;
    }
    bool operator==(const WorkflowNodeRun&) const = default;
};

class WorkflowRun {
public:
    enum class Status { Created, Running, Paused, Cancelling, Succeeded, Failed, Cancelled, Interrupted };
    enum class EdgeState { Undecided, Taken, NotTaken };
    // What the scheduler does next with a pending node whose incoming edges are decided enough.
    struct Decision {
        QString node;
        bool run = true; // false: skipped (no incoming edge was taken, or a join that can no longer fire)
        QString reason; // why it is skipped
    };

    static QString statusName(Status status); // "created", "running", "paused", … as jobs' names
    static Result<WorkflowRun> replay(const QList<JobEvent>& events);
    // Applies the next event of the workflow run's job: job.created as number 1, then workflow.started and the
    // workflow events; a job.finished before workflow.finished (the store marked the run interrupted after its
    // program died) ends it as interrupted. Sequence numbers follow on; otherwise nothing changes.
    Result<void> apply(const JobEvent& event);

    QString jobId() const { return m_jobId; }
    Status status() const;
    bool isFinished() const { return m_finished; }
    const Workflow& workflow() const { return m_workflow; }
    int version() const { return m_version; }
    QJsonObject params() const { return m_params; }
    QStringList targets() const { return m_targets; }
    QString startedBy() const { return m_by; }
    qint64 lastSeq() const { return m_lastSeq; }
    qint64 startedMs() const { return m_startedMs; }
    qint64 finishedMs() const { return m_finishedMs; }
    QString message() const { return m_message; } // of workflow.finished
    // In the workflow's node order.
    const QList<WorkflowNodeRun>& nodes() const { return m_nodes; }
    const WorkflowNodeRun* node(const QString& id) const;
    EdgeState edgeState(int edge) const { return m_edges.value(edge, EdgeState::Undecided); }

    // --- the scheduling rules (docs/workflows.md "Engine") ---
    // The pending nodes that can be decided now, in workflow order: start nodes once the run started; a node
    // whose incoming edges are all decided (run when one was taken, else skipped); a join by its mode and
    // requirement (skipped as soon as it can no longer fire); a node a re-run or retry restarts.
    QList<Decision> decisions() const;
    bool hasActiveNodes() const; // running or waiting for an approval
    // The condition context: params.NAME and nodes.ID.{succeeded, failed, succeeded_hosts, failed_hosts, outcome}
    // (outcome "pending" for a node that has not finished). `extraParams` (secrets, which the stream leaves out)
    // are added to params.
    QVariantMap conditionContext(const QVariantMap& extraParams = {}) const;
    // The outgoing edges (indices into workflow().edges) a node that finished with `outcome` takes: by kind
    // (success: succeeded; failure: failed; always: succeeded or failed) and condition, evaluated over `context`.
    // A condition that cannot be evaluated is not taken; `problems` receives why.
    QList<int> takenEdges(
        const QString& node, const QString& outcome, const QVariantMap& context, QStringList* problems = nullptr) const;
    // The edges the node.finished event `finished` takes (its edges not filled in yet): the conditions see the run
    // with that node's result folded in.
    QList<int> edgesTakenBy(
        const JobEvent& finished, const QVariantMap& extraParams = {}, QStringList* problems = nullptr) const;
    // The outcome the run has once nothing is left to do: "succeeded" when no node it reached failed (or was
    // cancelled) without one of its failure edges taken; else "failed".
    QString outcomeNow() const;
    // The node and every node reachable from it (edges of any kind), in workflow order.
    QStringList downstreamOf(const QString& node) const;
    // The hosts a node's targets name when they flow from an earlier node (succeeded_in / failed_in).
    QStringList flowHosts(const WorkflowTargets& targets) const;

    bool operator==(const WorkflowRun&) const = default;

private:
    WorkflowNodeRun* nodeAt(const QString& id);
    void resetFrom(const QString& node, bool keepJob);
    void finishRun(const QString& outcome, qint64 timeMs, const QString& message);

    QString m_jobId;
    Workflow m_workflow;
    int m_version = 0;
    QJsonObject m_params;
    QStringList m_targets;
    QString m_by;
    QList<WorkflowNodeRun> m_nodes;
    QHash<int, EdgeState> m_edges;
    QSet<QString> m_forced; // pending nodes a re-run or retry starts whatever their incoming edges say
    qint64 m_lastSeq = 0;
    qint64 m_startedMs = 0;
    qint64 m_finishedMs = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_paused = false;
    bool m_cancelling = false;
    QString m_outcome;
    QString m_message;
};
