#pragma once

#include "workflows/WorkflowRunner.h"

#include <QHash>
#include <QPointer>
#include <QSet>

class JobSubscription;
class RemoteBackend;

// A run on the control server: started by POST /api/v1/workflows/{name}/runs (or one going on already), followed
// from the server's event stream — the run's job (workflow.*, node.*, approval.*), folded into run(), and each
// node's job, from its node.started on — and steered through the job routes (pause, resume, cancel), the approval
// route and the node routes (…/nodes/{node}/retry and …/rerun). The server records its token's name as who did it.
class RemoteWorkflowRun : public WorkflowRunHandle {
    Q_OBJECT
public:
    RemoteWorkflowRun(RemoteBackend* server, QString workflow, QObject* parent = nullptr);
    ~RemoteWorkflowRun() override;

    Result<QString> start(const QMap<QString, QString>& params, const QString& hostsQuery, const QString& by) override;
    // Follows the run of job `jobId` from its first event.
    Result<void> follow(const QString& jobId);
    const WorkflowRun& run() const override { return m_run; }
    QString jobId() const override { return m_jobId; }
    Result<void> pause(const QString& by) override;
    Result<void> resume(const QString& by) override;
    Result<void> cancel(const QString& by) override;
    Result<void> decide(const QString& node, bool approve, const QString& by, const QString& comment) override;
    Result<void> retryNode(const QString& node, const QString& by) override;
    Result<void> rerunFrom(const QString& node, const QString& by) override;

private:
    void apply(const JobEvent& event);
    void followNodeJob(const QString& node, const QString& nodeJob);
    Result<void> postNode(const QString& action, const QString& node);

    QPointer<RemoteBackend> m_server;
    QString m_workflow;
    QString m_jobId;
    WorkflowRun m_run;
    QPointer<JobSubscription> m_subscription;
    QSet<QString> m_nodeJobs; // followed already
};

// Runs workflows on the control server `server` is connected to; `server` must outlive the runner and its runs.
class RemoteWorkflowRunner : public WorkflowRunner {
public:
    explicit RemoteWorkflowRunner(RemoteBackend* server)
        : m_server(server)
    {
    }
    Result<std::unique_ptr<WorkflowRunHandle>> create(const StoredWorkflow& stored) override;
    Result<std::unique_ptr<WorkflowRunHandle>> follow(const QString& jobId) override;
    Backend* history() const override;
    bool isRemote() const override { return true; }

private:
    RemoteBackend* m_server;
};
