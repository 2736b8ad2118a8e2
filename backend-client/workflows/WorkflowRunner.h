#pragma once

#include "core/Result.h"
#include "jobs/JobEvent.h"
#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowStore.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

class Backend;
class EventSink;
class WorkflowEngine;
class Workspace;

// One run of a workflow as the Workflows page follows and steers it: run here by a WorkflowEngine
// (LocalWorkflowRun) or on a control server (RemoteWorkflowRun: the run's job's events from the server's stream,
// the decisions through its routes). run() is the fold of the run's events so far.
class WorkflowRunHandle : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts the run (the signals are connected by then). Returns the run's job id.
    virtual Result<QString> start(const QMap<QString, QString>& params, const QString& hostsQuery, const QString& by)
        = 0;
    virtual const WorkflowRun& run() const = 0;
    virtual QString jobId() const = 0;
    bool isRunning() const { return !jobId().isEmpty() && !run().isFinished(); }

    // `by` is who does it here; a server records its token's name instead.
    virtual Result<void> pause(const QString& by) = 0;
    virtual Result<void> resume(const QString& by) = 0;
    virtual Result<void> cancel(const QString& by) = 0;
    virtual Result<void> decide(const QString& node, bool approve, const QString& by, const QString& comment) = 0;
    virtual Result<void> retryNode(const QString& node, const QString& by) = 0;
    virtual Result<void> rerunFrom(const QString& node, const QString& by) = 0;

signals:
    // Every event of the run's stream, once run() has it.
    void workflowEvent(const JobEvent& event);
    // The events of a node's job as they arrive.
    void nodeJobEvent(const QString& node, const JobEvent& event);
    void finished(const QString& outcome);
};

// Where the Workflows page runs workflows: in this process over the window's backend (LocalWorkflowRunner) or on
// the control server it is connected to (RemoteWorkflowRunner).
class WorkflowRunner {
public:
    virtual ~WorkflowRunner() = default;
    // A run of `stored` (its current version), not started yet.
    virtual Result<std::unique_ptr<WorkflowRunHandle>> create(const StoredWorkflow& stored) = 0;
    // Follows a run that is going on already (started elsewhere: the CLI, another console), or null when this
    // runner cannot (a local run is followed only by the process that runs it).
    virtual Result<std::unique_ptr<WorkflowRunHandle>> follow(const QString& jobId) = 0;
    // Where the runs' jobs are listed and their events read (the page's Runs list, a stored run replayed).
    virtual Backend* history() const = 0;
    virtual bool isRemote() const = 0;
};

// A run by a WorkflowEngine in this process.
class LocalWorkflowRun : public WorkflowRunHandle {
    Q_OBJECT
public:
    LocalWorkflowRun(std::unique_ptr<WorkflowEngine> engine, int version, QObject* parent = nullptr);
    ~LocalWorkflowRun() override;
    Result<QString> start(const QMap<QString, QString>& params, const QString& hostsQuery, const QString& by) override;
    const WorkflowRun& run() const override;
    QString jobId() const override;
    Result<void> pause(const QString& by) override;
    Result<void> resume(const QString& by) override;
    Result<void> cancel(const QString& by) override;
    Result<void> decide(const QString& node, bool approve, const QString& by, const QString& comment) override;
    Result<void> retryNode(const QString& node, const QString& by) override;
    Result<void> rerunFrom(const QString& node, const QString& by) override;
    WorkflowEngine* engine() const { return m_engine.get(); }

private:
    std::unique_ptr<WorkflowEngine> m_engine;
    int m_version = 0;
};

// Runs workflows here over `backend` (the window's direct backend), their own events stored through `sink`, on
// the workspace's environment (its inventory with facts at launch, its libraries). `factsChanged` is told when a
// run's gather-facts node stored facts. The workspace, backend and sink must outlive the runner and its runs.
class LocalWorkflowRunner : public WorkflowRunner {
public:
    LocalWorkflowRunner(Workspace& workspace, Backend* backend, EventSink* sink, std::function<void()> factsChanged);
    Result<std::unique_ptr<WorkflowRunHandle>> create(const StoredWorkflow& stored) override;
    Result<std::unique_ptr<WorkflowRunHandle>> follow(const QString& jobId) override;
    Backend* history() const override { return m_backend; }
    bool isRemote() const override { return false; }

private:
    Workspace& m_workspace;
    Backend* m_backend;
    EventSink* m_sink;
    std::function<void()> m_factsChanged;
};
