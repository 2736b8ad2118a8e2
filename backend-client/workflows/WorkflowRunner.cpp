#include "workflows/WorkflowRunner.h"

#include "facts/FactLayer.h"
#include "inventory/Inventory.h"
#include "workflows/WorkflowEngine.h"
#include "workflows/WorkflowEnvironment.h"

#include <QCoreApplication>

LocalWorkflowRun::LocalWorkflowRun(std::unique_ptr<WorkflowEngine> engine, int version, QObject* parent)
    : WorkflowRunHandle(parent)
    , m_engine(std::move(engine))
    , m_version(version)
{
    connect(m_engine.get(), &WorkflowEngine::workflowEvent, this, &WorkflowRunHandle::workflowEvent);
    connect(m_engine.get(), &WorkflowEngine::nodeJobEvent, this, &WorkflowRunHandle::nodeJobEvent);
    connect(m_engine.get(), &WorkflowEngine::finished, this, &WorkflowRunHandle::finished);
}

LocalWorkflowRun::~LocalWorkflowRun() = default;

Result<QString> LocalWorkflowRun::start(
    const QMap<QString, QString>& params, const QString& hostsQuery, const QString& by)
{
    return m_engine->start(params, hostsQuery, by, m_version);
}

const WorkflowRun& LocalWorkflowRun::run() const
{
    return m_engine->run();
}

QString LocalWorkflowRun::jobId() const
{
    return m_engine->jobId();
}

Result<void> LocalWorkflowRun::pause(const QString& by)
{
    return m_engine->pause(by);
}

Result<void> LocalWorkflowRun::resume(const QString& by)
{
    return m_engine->resume(by);
}

Result<void> LocalWorkflowRun::cancel(const QString& by)
{
    return m_engine->cancel(by);
}

Result<void> LocalWorkflowRun::decide(const QString& node, bool approve, const QString& by, const QString& comment)
{
    return m_engine->decide(node, approve, by, comment);
}

Result<void> LocalWorkflowRun::retryNode(const QString& node, const QString& by)
{
    return m_engine->retryNode(node, by);
}

Result<void> LocalWorkflowRun::rerunFrom(const QString& node, const QString& by)
{
    return m_engine->rerunFrom(node, by);
}

LocalWorkflowRunner::LocalWorkflowRunner(
    Workspace& workspace, Backend* backend, EventSink* sink, std::function<void()> factsChanged)
    : m_workspace(workspace)
    , m_backend(backend)
    , m_sink(sink)
    , m_factsChanged(std::move(factsChanged))
{
}

Result<std::unique_ptr<WorkflowRunHandle>> LocalWorkflowRunner::create(const StoredWorkflow& stored)
{
    auto loaded = FactLayer::loadWithFacts(m_workspace);
    if (!loaded) {
        return loaded.error();
    }
    auto inventory = std::make_shared<const Inventory>(*loaded);
    WorkflowEngine::Environment env = WorkflowEnvironment::forWorkspace(m_workspace, inventory);
    env.factsChanged = [told = m_factsChanged, refresh = env.factsChanged] {
        if (refresh) {
            refresh();
        }
        if (told) {
            told();
        }
    };
    auto engine = std::make_unique<WorkflowEngine>(stored.workflow, m_backend, env);
    if (m_sink) {
        engine->addSink(m_sink);
    }
    return std::unique_ptr<WorkflowRunHandle>(std::make_unique<LocalWorkflowRun>(std::move(engine), stored.version));
}

Result<std::unique_ptr<WorkflowRunHandle>> LocalWorkflowRunner::follow(const QString&)
{
    return Error(QCoreApplication::translate(
        "WorkflowRunner", "a workflow run is followed live only by the program that runs it"));
}
