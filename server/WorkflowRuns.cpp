#include "WorkflowRuns.h"

#include "Backend.h"
#include "facts/FactLayer.h"
#include "jobs/JobEventWriter.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowApprovalInbox.h"
#include "workflows/WorkflowEngine.h"
#include "workflows/WorkflowEnvironment.h"
#include "workflows/WorkflowPreview.h"

WorkflowRuns::WorkflowRuns(Workspace& workspace, Backend* backend, JobEventWriter* writer, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_backend(backend)
    , m_writer(writer)
{
}

WorkflowRuns::~WorkflowRuns()
{
    // Each engine still running writes workflow.finished (interrupted) and job.finished while the sink is there.
    const QList<QPointer<WorkflowEngine>> runs = m_runs.values();
    m_runs.clear();
    for (const QPointer<WorkflowEngine>& e : runs) {
        delete e.data();
    }
}

Result<QString> WorkflowRuns::start(const StoredWorkflow& stored, const QMap<QString, QString>& params,
    const QString& hosts, const QString& by, QString* field)
{
    *field = QStringLiteral("params");
    if (auto typed = typedWorkflowParams(stored.workflow, params); !typed) {
        return typed.error();
    }
    if (!m_allowRunLocal) {
        for (const WorkflowNode& node : stored.workflow.nodes) {
            if (node.kind == WorkflowNode::Kind::RunLocal) {
                *field = QStringLiteral("nodes.%1").arg(node.id);
                return Error(QStringLiteral("node '%1': %2").arg(node.id, runLocalRefusal()));
            }
        }
    }
    auto inventory = m_workspace.loadInventory();
    if (!inventory) {
        field->clear();
        return inventory.error();
    }
    (void)FactLayer::apply(m_workspace, *inventory); // conditions and templates see the facts, as jobs do
    WorkflowEngine::Environment env
        = WorkflowEnvironment::forWorkspace(m_workspace, std::make_shared<const Inventory>(*inventory));
    Workspace* ws = &m_workspace;
    env.takeApprovals = [ws](const QString& jobId) { return WorkflowApprovalInbox(*ws).take(jobId); };
    auto* engine = new WorkflowEngine(stored.workflow, m_backend, env, this);
    WorkflowEngine::Options options;
    options.allowRunLocal = m_allowRunLocal;
    options.runLocalRefusal = runLocalRefusal();
    engine->setOptions(options);
    engine->addSink(m_writer);
    connect(engine, &WorkflowEngine::workflowEvent, this, [this](const JobEvent& e) {
        if (JobEvent::changesJobStatus(e.type)) {
            // History lists and fleet subscriptions re-read the row: it must say what this event says.
            (void)m_writer->flush();
            emit m_backend->jobChanged(e.jobId);
        }
    });
    auto id = engine->start(params, hosts, by, stored.version);
    if (!id) {
        delete engine;
        *field = QStringLiteral("hosts");
        return id.error();
    }
    m_runs.insert(*id, engine);
    const QString jobId = *id;
    connect(engine, &WorkflowEngine::finished, this, [this, jobId] { finished(jobId); });
    field->clear();
    return jobId;
}

void WorkflowRuns::finished(const QString& jobId)
{
    // Kept for a retry or re-run (which may finish it again); the oldest beyond the bound let go.
    m_finished.removeAll(jobId);
    m_finished.append(jobId);
    while (m_finished.size() > kKeptFinished) {
        const QString oldest = m_finished.takeFirst();
        if (QPointer<WorkflowEngine> e = m_runs.value(oldest); e && e->isRunning()) {
            continue; // reopened meanwhile: kept until it finishes again
        }
        // Let go from the event loop: `finished` may come from inside a call on the engine.
        if (QPointer<WorkflowEngine> e = m_runs.take(oldest)) {
            e->deleteLater();
        }
    }
}

WorkflowEngine* WorkflowRuns::kept(const QString& jobId) const
{
    return m_runs.value(jobId);
}

QString WorkflowRuns::runLocalRefusal()
{
    return QStringLiteral("run-local steps run commands on the server's own machine and are off on this server; "
                          "an administrator turns them on with allow_run_local = true in [server] "
                          "(or --allow-run-local)");
}

QList<WorkflowProblem> WorkflowRuns::validate(Workspace& ws, const Workflow& w)
{
    WorkflowLookup lookup;
    lookup.scriptExists = [&ws](const QString& n) {
        auto f = ScriptStore(ws).findByName(n);
        return f && f->has_value();
    };
    lookup.templateExists = [&ws](const QString& n) {
        auto f = TemplateStore(ws).findByName(n);
        return f && f->has_value();
    };
    // The workflow may name itself only by mistake, which the engine's depth limit catches.
    lookup.workflowExists = [&ws, &w](const QString& n) {
        auto f = WorkflowStore(ws).findByName(n);
        return n == w.name || (f && f->has_value());
    };
    return validateWorkflow(w, lookup);
}

WorkflowEngine* WorkflowRuns::running(const QString& jobId) const
{
    WorkflowEngine* e = m_runs.value(jobId);
    return e && e->isRunning() ? e : nullptr;
}

QStringList WorkflowRuns::drain(const QString& by)
{
    QStringList out;
    for (auto it = m_runs.cbegin(); it != m_runs.cend(); ++it) {
        if (it.value() && it.value()->isRunning()) {
            (void)it.value()->pause(by);
            out.append(it.key());
        }
    }
    return out;
}
