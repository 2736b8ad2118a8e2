#pragma once

#include "Backend.h"
#include "core/Result.h"
#include "jobs/EventSink.h"
#include "jobs/JobSpec.h"
#include "workflows/Workflow.h"
#include "workflows/WorkflowPreview.h"
#include "workflows/WorkflowRun.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QVariantMap>
#include <functional>
#include <memory>
#include <optional>

class FactStore;
class QNetworkAccessManager;
class QProcess;
class QTimer;

// An approval decided outside the engine (`opsdeck-cli workflow approve`, a console): see WorkflowApprovalInbox.
struct WorkflowApprovalAnswer {
    QString node;
    bool approve = true;
    QString by;
    QString comment;
};

// Runs one workflow (docs/workflows.md "Engine") over a Backend, in the owner's event loop: every host-touching
// node is submitted as a job of its own through Backend::submit — the one launch path, so each node has the
// job views of any job — and watched through Backend::subscribe; run-local, wait, approval, probe and join
// nodes run here. The run's own events (workflow.started, node.*, approval.*, workflow.finished) form the stream
// of a job of their own (job.created with a spec without steps is number 1), given to the sinks in order and
// folded into run(): a replay of the stored stream is the same WorkflowRun. Which node runs next and which edges
// a node takes are WorkflowRun's rules.
class WorkflowEngine : public QObject {
    Q_OBJECT
public:
    // What the engine asks the workspace (or the server) for.
    struct Environment {
        // The hosts of a query / groups / hosts selection (the query already rendered). Unset: `hosts` only.
        std::function<Result<QStringList>(const WorkflowTargets&)> resolveTargets;
        // A library script (interpreter and text) and a library template's text, by name.
        std::function<Result<RunScript>(const QString& name)> script;
        std::function<Result<QString>(const QString& name)> templateText;
        // Where a probe connects to for a host (unset: the host's name) and its SSH port (unset: 22).
        std::function<QString(const QString& host)> address;
        std::function<int(const QString& host)> sshPort;
        // A workflow of the workspace by name, for sub-workflow nodes (unset: they fail, saying so).
        std::function<Result<Workflow>(const QString& name)> workflow;
        // Approvals given by another process, polled while an approval waits (unset: only approve()).
        std::function<QList<WorkflowApprovalAnswer>(const QString& jobId)> takeApprovals;
        // Where gather-facts nodes store the facts (unset: such a node fails, saying so), and what is told once
        // a node stored some (the workspace's environment refreshes its inventory's facts, so that later nodes'
        // targets — `fact:` queries — and renders see them).
        std::shared_ptr<FactStore> facts;
        std::function<void()> factsChanged;
    };
    struct Options {
        int secondMs = 1000; // the length of a workflow second (tests make time run faster)
        int approvalPollMs = 300;
        qsizetype localOutputLimit = 64 * 1024; // bytes of a run-local command's output kept
        int depth = 0; // how deep this run is nested in sub-workflows (a run started by a sub-workflow node: +1)
        int maxDepth = 5; // deeper sub-workflows fail (a workflow that runs itself, directly or not)
        // run-local nodes run a shell command on the machine that runs the workflow; the control server allows
        // them only when its configuration says so (`allow_run_local`): else such a node fails, saying why.
        bool allowRunLocal = true;
        QString runLocalRefusal; // the message of that failure
    };

    WorkflowEngine(Workflow workflow, Backend* backend, Environment environment, QObject* parent = nullptr);
    ~WorkflowEngine() override;

    void setOptions(const Options& options) { m_options = options; }
    void addSink(EventSink* sink) { m_sinks.append(sink); }

    // Checks and types the parameters (`--param K=V`: unknown, missing required, not a number / boolean /
    // choice), resolves the targets (`hostsQuery` overrides the workflow's), emits job.created and
    // workflow.started and starts the start nodes. Returns the run's job id.
    Result<QString> start(
        const QMap<QString, QString>& params, const QString& hostsQuery = {}, const QString& by = {}, int version = 0);

    Result<void> pause(const QString& by = {}); // no node starts; running jobs are paused
    Result<void> resume(const QString& by = {});
    Result<void> cancel(const QString& by = {}); // running jobs are cancelled, waits and probes stop
    // Approves or rejects a waiting approval node; `by` must be one of its approvers (when it names any) and a
    // comment is needed when the node requires one.
    Result<void> decide(const QString& node, bool approve, const QString& by, const QString& comment);
    // After a node failed (the run may have finished): tries the node's failed hosts again (its job's
    // retryFailed; other nodes run their own kind again) and goes on from there.
    Result<void> retryNode(const QString& node, const QString& by = {});
    // Runs a node again from scratch (a new job) and everything after it; earlier results stay.
    Result<void> rerunFrom(const QString& node, const QString& by = {});

    const WorkflowRun& run() const { return m_run; }
    QString jobId() const { return m_jobId; }
    bool isRunning() const { return m_started && !m_run.isFinished(); }
    // The parameters as typed for conditions and texts (secrets included, which the stream leaves out).
    QVariantMap params() const { return m_paramValues; }

    // Checks and types parameters without starting (what start() and the preview use).
    static Result<QVariantMap> typedParams(const Workflow& workflow, const QMap<QString, QString>& given);
    // Renders `{{ … }}` in a node's text with params (and `host` when given).
    static Result<QString> renderText(const QString& text, const QVariantMap& params, const QString& host = {});
    // The job step of a host-touching node (run-script, push-file, push-template).
    static Result<JobStep> stepFor(const WorkflowNode& node, const QVariantMap& params, const Environment& env);

signals:
    // Every event of the run's stream (after the sinks).
    void workflowEvent(const JobEvent& event);
    // The events of a node's job, as they arrive (the CLI prints host progress from them).
    void nodeJobEvent(const QString& node, const JobEvent& event);
    void finished(const QString& outcome);

private:
    struct Active; // a node in flight
    void post(JobEvent& event);
    void schedule();
    void startNode(const QString& id, bool retry);
    void finishNode(const QString& id, const QString& outcome, const QStringList& succeeded, const QStringList& failed,
        const QString& message, int exitCode = -1, const QByteArray& output = {});
    Result<QStringList> targetsOf(const WorkflowNode& node);
    void startJobNode(const WorkflowNode& node, Active& active, bool retry);
    void watchJob(const QString& id, const QString& jobId);
    void followGathering(const WorkflowNode& node, Active& active, const QString& jobId);
    void onJobEvent(const QString& id, const JobEvent& event);
    void startLocal(const WorkflowNode& node, Active& active);
    void startProbe(const WorkflowNode& node, Active& active, const QStringList& hosts);
    void probeHost(const QString& id, const QString& host);
    void probeAnswered(const QString& id, const QString& host);
    void probeLater(const QString& id, const QString& host);
    void startApproval(const WorkflowNode& node, Active& active);
    // A sub-workflow node: the named workflow runs as a run of its own (its own job and events, the same
    // backend and sinks); the node ends as it ends. Returns the child run's job id (empty: the node failed).
    QString startSubWorkflow(const WorkflowNode& node, Active& active);
    void onApprovalTimeout(const QString& id);
    void pollApprovals();
    void maybeFinish();
    Result<void> reopen(const QString& node, const QString& action, const QString& by);

    Workflow m_workflow;
    QPointer<Backend> m_backend;
    Environment m_env;
    Options m_options;
    QList<EventSink*> m_sinks;
    WorkflowRun m_run;
    QString m_jobId;
    QString m_by;
    qint64 m_seq = 0;
    qint64 m_lastTime = 0;
    bool m_started = false;
    bool m_scheduling = false;
    QVariantMap m_paramValues;
    QStringList m_targets;
    std::map<QString, std::unique_ptr<Active>> m_active; // by node id
    QHash<QString, QString> m_nodeJobs; // node id -> its job (kept across retries)
    QTimer* m_approvalPoll = nullptr;
    QNetworkAccessManager* m_network = nullptr; // http probes
};
