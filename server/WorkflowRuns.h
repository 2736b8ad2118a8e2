#pragma once

#include "core/Result.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowValidation.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

class Backend;
class JobEventWriter;
class WorkflowEngine;
class Workspace;

// The workflow runs of the control server (docs/workflows.md "On the control server"): each a WorkflowEngine over
// the server's backend, on the workspace's environment (targets from the inventory as it is at launch, with the
// gathered facts; the libraries by name), writing its stream to the run's job through `writer` (the backend's event
// writer), so that the job routes and the WebSocket stream serve it as any job (a change of the run's status is told
// as Backend::jobChanged, which fleet subscriptions follow). Approvals come from the API and,
// for `opsdeck-cli workflow approve` on the data directory, from the workspace's inbox. The engines of the newest
// kKeptFinished finished runs are kept, so that a failed node can be retried (or a run re-run from a node, which
// reopens it); older ones are let go. Runs still going when this object is destroyed end as interrupted (the engine
// says so), and a server that died is seen at its next start, when the store marks its unfinished jobs interrupted.
class WorkflowRuns : public QObject {
    Q_OBJECT
public:
    WorkflowRuns(Workspace& workspace, Backend* backend, JobEventWriter* writer, QObject* parent = nullptr);
    ~WorkflowRuns() override;

    // Starts `stored` with the launch parameters (text, as `--param K=V` gives them) and the hosts query that
    // overrides the workflow's targets; `by` is the token's name. Returns the run's job id. An error with
    // *field set to "params" or "hosts" names the input that is wrong.
    Result<QString> start(const StoredWorkflow& stored, const QMap<QString, QString>& params, const QString& hosts,
        const QString& by, QString* field);
    static constexpr int kKeptFinished = 50;

    // The engine of a run that goes on here, or null.
    WorkflowEngine* running(const QString& jobId) const;
    // The engine of a run started by this server process, going on or finished and still kept, or null.
    WorkflowEngine* kept(const QString& jobId) const;
    // SIGTERM: every run going on is paused by `by`; returns their job ids.
    QStringList drain(const QString& by);
    int count() const { return int(m_runs.size()); }
    // run-local nodes run shell commands on the server's machine as the server's user: only with
    // `allow_run_local = true` in [server] (or --allow-run-local). Off, a run that has one is refused at start
    // (the node named) and one reached through a sub-workflow fails with the reason.
    void setAllowRunLocal(bool allow) { m_allowRunLocal = allow; }
    static QString runLocalRefusal();
    // The workflow's problems against the workspace's libraries (scripts, templates, workflows by name), as the
    // API's writes and runs and the Scheduler check them.
    static QList<WorkflowProblem> validate(Workspace& workspace, const Workflow& workflow);

private:
    Workspace& m_workspace;
    Backend* m_backend;
    JobEventWriter* m_writer;
    bool m_allowRunLocal = false;
    void finished(const QString& jobId);

    QHash<QString, QPointer<WorkflowEngine>> m_runs; // by the run's job id
    QStringList m_finished; // the kept finished runs, oldest first
};
