#include "CliWorkflowRun.h"

#include "CliArgs.h"
#include "CliRun.h"
#include "CliWorkflowProgress.h"

#include "facts/FactLayer.h"
#include "jobs/JobStore.h"
#include "runner/DirectBackend.h"
#include "runner/JobLauncher.h"
#include "scripts/ScriptStore.h"
#include "ssh/SshTransport.h"
#include "store/Workspace.h"
#include "workflows/WorkflowApprovalInbox.h"
#include "workflows/WorkflowEngine.h"
#include "workflows/WorkflowEnvironment.h"
#include "workflows/WorkflowPreview.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowValidation.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>
#include <csignal>

namespace {

using CliArgs::Args;
using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;
using CliWorkflowProgress::printPreview;
using CliWorkflowProgress::Progress;

volatile std::sig_atomic_t g_interrupted = 0;

void onSigint(int)
{
    g_interrupted = 1;
}

int runWorkflow(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!CliArgs::parse(words,
            { QStringLiteral("param"), QStringLiteral("hosts"), QStringLiteral("known-hosts"),
                QStringLiteral("ssh-config"), QStringLiteral("fail") },
            { QStringLiteral("what-if"), QStringLiteral("accept-new-host-keys") }, QStringLiteral("workflow run"), &a,
            err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow run needs one NAME (see workflow --help)"), kUsage);
    }
    QString problem;
    const QMap<QString, QString> given = CliWorkflowProgress::paramsOf(a, &problem);
    if (!problem.isEmpty()) {
        return fail(err, problem, kUsage);
    }
    auto ws = Workspace::open(wsPath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return fail(err, ws.error().toString());
    }
    auto found = WorkflowStore(**ws).findByName(a.positional.first());
    if (!found) {
        return fail(err, found.error().toString());
    }
    if (!found->has_value()) {
        return fail(err, QStringLiteral("no workflow named '%1' (see `workflow list`)").arg(a.positional.first()));
    }
    const StoredWorkflow stored = **found;
    if (const QList<WorkflowProblem> problems = validateWorkflow(stored.workflow); !problems.isEmpty()) {
        for (const WorkflowProblem& p : problems) {
            err << stored.workflow.name << ": " << p.toString(stored.workflow) << "\n";
        }
        return fail(err, QStringLiteral("the workflow has %1 problem(s): nothing ran").arg(problems.size()));
    }
    auto inventory = (*ws)->loadInventory();
    if (!inventory) {
        return fail(err, inventory.error().toString());
    }
    if (auto facts = FactLayer::apply(**ws, *inventory); !facts) {
        return fail(err, facts.error().toString());
    }
    auto typed = typedWorkflowParams(stored.workflow, given);
    if (!typed) {
        return fail(err, typed.error().message, kUsage);
    }
    // Refreshed when a gather-facts node stores facts: later nodes' targets and the launcher's renders see them.
    const auto runInventory
        = std::make_shared<WorkflowEnvironment::RunInventory>(std::make_shared<const Inventory>(*inventory));
    WorkflowEngine::Environment env = WorkflowEnvironment::forWorkspace(**ws, runInventory);

    if (a.flag(QStringLiteral("what-if"))) {
        WorkflowTargets targets = stored.workflow.targets;
        if (a.has(QStringLiteral("hosts"))) {
            targets = WorkflowTargets();
            targets.query = a.value(QStringLiteral("hosts"));
        }
        auto query = renderWorkflowText(targets.query, *typed);
        if (!query) {
            return fail(err, QStringLiteral("targets: ") + query.error().message);
        }
        targets.query = *query;
        auto hosts = WorkflowEnvironment::resolve(*inventory, targets);
        if (!hosts) {
            return fail(err, QStringLiteral("targets: ") + hosts.error().message);
        }
        const QString failing = a.value(QStringLiteral("fail"));
        if (!failing.isEmpty() && !stored.workflow.node(failing)) {
            return fail(err, QStringLiteral("--fail: the workflow has no node '%1'").arg(failing), kUsage);
        }
        const WorkflowPreview preview = previewWorkflow(stored.workflow, *typed, *hosts, env.resolveTargets, failing);
        out << "what-if: " << stored.workflow.name << " on " << hosts->size() << " host(s)";
        if (!failing.isEmpty()) {
            out << ", node " << failing << " failing";
        }
        out << " (nothing runs)\n";
        printPreview(preview, stored.workflow, out);
        for (const QString& p : preview.problems) {
            err << "opsdeck-cli: " << p << "\n";
        }
        return kOk;
    }
    if (a.has(QStringLiteral("fail"))) {
        return fail(err, QStringLiteral("--fail NODE goes with --what-if"), kUsage);
    }

    SshTransport::Options options;
    options.knownHostsPath = a.value(QStringLiteral("known-hosts"));
    options.sshConfigPath = a.value(QStringLiteral("ssh-config"));
    options.hostKeyPolicy = a.flag(QStringLiteral("accept-new-host-keys")) ? SshTransport::HostKeyPolicy::AcceptNew
                                                                           : SshTransport::HostKeyPolicy::Reject;
    SshTransport transport(options);
    JobLauncher launcher(&transport, [runInventory] { return *runInventory->current(); });
    launcher.setVaultSecrets(CliJob::vaultSecrets());
    DirectBackend::Options backendOptions;
    backendOptions.operatorName = ScriptStore::currentAuthor();
    backendOptions.launcher = &launcher;
    auto backend = DirectBackend::open(**ws, &transport, backendOptions);
    if (!backend) {
        return fail(err, backend.error().toString());
    }
    WorkflowApprovalInbox inbox(**ws);
    env.takeApprovals = [&inbox](const QString& jobId) { return inbox.take(jobId); };

    QEventLoop loop;
    Progress progress(out, err);
    int status = kFailed;
    {
        WorkflowEngine engine(stored.workflow, backend->get(), env);
        engine.addSink(&(*backend)->writer());
        QObject::connect(
            &engine, &WorkflowEngine::workflowEvent, &loop, [&progress](const JobEvent& e) { progress.onWorkflow(e); });
        QObject::connect(&engine, &WorkflowEngine::nodeJobEvent, &loop,
            [&progress](const QString& node, const JobEvent& e) { progress.onNodeJob(node, e); });
        QObject::connect(&engine, &WorkflowEngine::finished, &loop, [&](const QString& outcome) {
            status = outcome == QLatin1String("succeeded") ? kOk : kFailed;
            loop.quit();
        });
        auto id = engine.start(given, a.value(QStringLiteral("hosts")), ScriptStore::currentAuthor(), stored.version);
        if (!id) {
            return fail(err, id.error().message);
        }
        // Ctrl+C cancels the workflow (its running jobs are cancelled), a second one ends the program.
        g_interrupted = 0;
        const auto previous = std::signal(SIGINT, onSigint);
        QTimer poll;
        poll.setInterval(100);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (g_interrupted) {
                g_interrupted = 0;
                std::signal(SIGINT, previous);
                err << "opsdeck-cli: interrupted: cancelling the workflow" << Qt::endl;
                (void)engine.cancel(ScriptStore::currentAuthor());
            }
        });
        poll.start();
        if (engine.isRunning()) {
            loop.exec();
        }
        poll.stop();
        std::signal(SIGINT, previous);
    }
    (void)(*backend)->writer().flush();
    return status;
}

int approve(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!CliArgs::parse(words, { QStringLiteral("comment") }, { QStringLiteral("reject") },
            QStringLiteral("workflow approve"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 2) {
        return fail(err, QStringLiteral("workflow approve needs JOB NODE (see workflow --help)"), kUsage);
    }
    auto ws = Workspace::open(wsPath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return fail(err, ws.error().toString());
    }
    JobStore store(**ws);
    auto id = store.resolveId(a.positional[0]);
    if (!id) {
        return fail(err, id.error().message);
    }
    const QString node = a.positional[1];
    auto events = store.events(*id);
    if (!events) {
        return fail(err, events.error().message);
    }
    auto run = WorkflowRun::replay(*events);
    if (!run || run->workflow().nodes.isEmpty()) {
        return fail(err, QStringLiteral("job %1 is no workflow run").arg(*id));
    }
    const WorkflowNodeRun* n = run->node(node);
    if (!n) {
        return fail(err, QStringLiteral("the workflow has no node '%1'").arg(node));
    }
    if (run->isFinished() || n->status != WorkflowNodeRun::Status::WaitingForApproval) {
        return fail(err, QStringLiteral("node '%1' of %2 is not waiting for an approval").arg(node, *id));
    }
    const QString by = ScriptStore::currentAuthor();
    if (!n->approvers.isEmpty() && !n->approvers.contains(by)) {
        return fail(err,
            QStringLiteral("'%1' may not decide node '%2' (approvers: %3)")
                .arg(by, node, n->approvers.join(QStringLiteral(", "))));
    }
    const QString comment = a.value(QStringLiteral("comment"));
    if (n->commentRequired && comment.trimmed().isEmpty()) {
        return fail(err, QStringLiteral("node '%1' needs a comment: give --comment TEXT").arg(node), kUsage);
    }
    WorkflowApprovalAnswer answer { node, !a.flag(QStringLiteral("reject")), by, comment };
    if (auto r = WorkflowApprovalInbox(**ws).post(*id, answer); !r) {
        return fail(err, r.error().message);
    }
    // The engine of the running workflow takes it within a moment; wait until its approval.given is stored.
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 15'000) {
        auto after = store.events(*id, run->lastSeq());
        if (after) {
            for (const JobEvent& e : *after) {
                if (e.type == JobEvent::Type::ApprovalGiven && e.node == node) {
                    out << node << ": " << (e.decision == QLatin1String("approve") ? "approved" : "rejected") << " by "
                        << e.by << "\n";
                    return kOk;
                }
                if (e.type == JobEvent::Type::NodeFinished && e.node == node) {
                    return fail(
                        err, QStringLiteral("node '%1' ended before the decision arrived: %2").arg(node, e.message));
                }
            }
        }
        QThread::msleep(100);
    }
    (void)(*ws)->removeSetting(WorkflowApprovalInbox::prefix(*id) + node);
    return fail(err,
        QStringLiteral("the program running %1 did not take the decision within 15 s (is it still running?)").arg(*id));
}

// `workflow status JOB`: the fold of a run's stored events — live, finished or interrupted.
int status(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!CliArgs::parse(words, {}, {}, QStringLiteral("workflow status"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow status needs one JOB (see workflow --help)"), kUsage);
    }
    auto ws = Workspace::open(wsPath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return fail(err, ws.error().toString());
    }
    // Runs whose program died are marked interrupted first, as the console does when it opens the workspace.
    JobStore store(**ws);
    (void)store.markInterrupted();
    auto id = store.resolveId(a.positional.first());
    if (!id) {
        return fail(err, id.error().message);
    }
    auto events = store.events(*id);
    if (!events) {
        return fail(err, events.error().message);
    }
    auto run = WorkflowRun::replay(*events);
    if (!run) {
        return fail(err, QStringLiteral("job %1: %2").arg(*id, run.error().message));
    }
    if (run->workflow().nodes.isEmpty()) {
        return fail(err, QStringLiteral("job %1 is no workflow run").arg(*id));
    }
    CliWorkflowProgress::printStatus(*run, *id, out);
    return kOk;
}

} // namespace

int runWorkflowStatusCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    return status(args, workspacePath, out, err);
}

int runWorkflowRunCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    return runWorkflow(args, workspacePath, out, err);
}

int runWorkflowApproveCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    return approve(args, workspacePath, out, err);
}
