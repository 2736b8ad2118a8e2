#include "CliWorkflow.h"

#include "CliArgs.h"
#include "CliWorkflowProgress.h"
#include "CliWorkflowRun.h"

#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowValidation.h"
#include "workflows/WorkflowYaml.h"

#include <QFileInfo>

namespace {

using CliArgs::Args;
using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

const char* const kUsageText = R"(Usage: opsdeck-cli [--workspace W] workflow COMMAND ...

The workflows of the workspace (docs/workflows.md).

Commands:
  workflow import FILE.yml [--message M]
                         store a workflow (a new version when one of its name exists); refused with its
                         problems listed when it does not validate
  workflow export NAME [--version V]
                         the YAML of a workflow (its current or an older version), exactly
  workflow list          one workflow a line: name, version, node count, description
  workflow show NAME     a summary: parameters, nodes (id, kind, title), edges
  workflow validate FILE.yml
                         every problem as FILE: node 'ID': field 'F': message (scripts and templates
                         checked against the workspace when it exists); exit 1 when there is one
  workflow versions NAME one version a line: number, time (UTC), author, message
  workflow diff NAME V1 V2
                         a unified diff between two versions' YAML
  workflow run NAME [--param K=V]... [--hosts QUERY] [--known-hosts F] [--ssh-config F]
                         [--accept-new-host-keys]
                         run the workflow here over SSH: a line per node started and finished, per host
                         of a node's job, per approval; exit 0 only when the workflow succeeded; Ctrl+C
                         cancels it
  workflow run NAME --what-if [--fail NODE] [--param K=V]... [--hosts QUERY]
                         nothing runs: WAVE, NODE, KIND, OUTCOME, hosts and batches of each node if every
                         node succeeds (or NODE fails), and the workflow's outcome
  workflow status JOB     a run's state from its stored events: status (running, paused, succeeded,
                         failed, cancelled, interrupted), then a line per node (status, attempt, hosts,
                         decision, job)
  workflow approve JOB NODE [--comment C] [--reject]
                         approve (or reject) a waiting approval of a workflow run by another process on
                         this workspace; waits until that process took it
  workflow retry JOB NODE (with --server) try a failed node of a run on the server again — its job's
                         failed hosts — and go on from there
  workflow rerun JOB NODE (with --server) run NODE of a run on the server again from scratch, and
                         everything after it

With --server URL --token-file F, list, show, import, export, versions, run (the run happens on the
server and is followed here; its SSH options are the server's), approve (as the token's name),
status, retry and rerun use the server's workflows (docs/workflows.md "On the control server").
)";

bool parse(const QStringList& in, const QStringList& valued, Args* out, QTextStream& err)
{
    return CliArgs::parse(in, valued, {}, QStringLiteral("workflow"), out, err);
}

using Library = CliArgs::Library<WorkflowStore>;

Result<Library> openLibrary(const QString& path, Workspace::OpenMode mode)
{
    return CliArgs::openLibrary<WorkflowStore>(path, mode);
}

// The library names a workflow may refer to, from the open workspace.
struct Names {
    QSet<QString> scripts;
    QSet<QString> templates;
    QSet<QString> workflows;
};

Result<Names> libraryNames(Workspace& workspace)
{
    Names names;
    auto scripts = ScriptStore(workspace).loadAll();
    if (!scripts) {
        return scripts.error();
    }
    for (const Script& s : *scripts) {
        names.scripts.insert(s.name);
    }
    auto templates = TemplateStore(workspace).loadAll();
    if (!templates) {
        return templates.error();
    }
    for (const auto& t : *templates) {
        names.templates.insert(t.name);
    }
    auto workflows = WorkflowStore(workspace).loadAll();
    if (!workflows) {
        return workflows.error();
    }
    for (const StoredWorkflow& w : *workflows) {
        names.workflows.insert(w.workflow.name);
    }
    return names;
}

WorkflowLookup lookupOf(const Names& names)
{
    WorkflowLookup lookup;
    lookup.scriptExists = [&names](const QString& n) { return names.scripts.contains(n); };
    lookup.templateExists = [&names](const QString& n) { return names.templates.contains(n); };
    lookup.workflowExists = [&names](const QString& n) { return names.workflows.contains(n); };
    return lookup;
}

// Prints every problem as FILE: …; returns how many.
int printProblems(const Workflow& w, const WorkflowLookup& lookup, const QString& file, QTextStream& err)
{
    const QList<WorkflowProblem> problems = validateWorkflow(w, lookup);
    for (const WorkflowProblem& p : problems) {
        err << file << ": " << p.toString(w) << "\n";
    }
    return int(problems.size());
}

Result<StoredWorkflow> named(WorkflowStore& store, const QString& name)
{
    auto found = store.findByName(name);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return Error(QStringLiteral("no workflow named '%1' (see `workflow list`)").arg(name));
    }
    return **found;
}

int importFile(const QStringList& words, const QString& wsPath, QTextStream& err)
{
    Args a;
    if (!parse(words, { QStringLiteral("message") }, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow import needs one FILE.yml (see workflow --help)"), kUsage);
    }
    const QString file = a.positional.first();
    auto w = WorkflowYaml::loadFile(file);
    if (!w) {
        return fail(err, w.error().toString());
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::CreateIfMissing);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto names = libraryNames(*lib->workspace);
    if (!names) {
        return fail(err, names.error().toString());
    }
    if (const int n = printProblems(*w, lookupOf(*names), file, err); n > 0) {
        return fail(err, QStringLiteral("%1 not imported: %2 problem(s)").arg(file).arg(n));
    }
    bool created = false;
    auto saved = lib->store->save(*w, a.value(QStringLiteral("message")), &created);
    if (!saved) {
        return fail(err, saved.error().toString());
    }
    err << (created ? (saved->version == 1 ? "imported " : "updated ") : "unchanged ") << saved->workflow.name
        << " (version " << saved->version << ")\n";
    return kOk;
}

int exportOne(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, { QStringLiteral("version") }, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow export needs one NAME (see workflow --help)"), kUsage);
    }
    int version = 0;
    if (a.has(QStringLiteral("version"))) {
        QString problem;
        if (!CliArgs::versionNumber(a.value(QStringLiteral("version")), &version, &problem)) {
            return fail(err, problem, kUsage);
        }
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto w = named(*lib->store, a.positional.first());
    if (!w) {
        return fail(err, w.error().toString());
    }
    if (version == 0) {
        out << w->yaml;
        return kOk;
    }
    auto v = lib->store->version(w->workflow.name, version);
    if (!v) {
        return fail(err, v.error().message);
    }
    out << v->yaml;
    return kOk;
}

int list(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, &a, err)) {
        return kUsage;
    }
    if (!a.positional.isEmpty()) {
        return fail(err, QStringLiteral("workflow list takes no arguments"), kUsage);
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto all = lib->store->loadAll();
    if (!all) {
        return fail(err, all.error().toString());
    }
    for (const StoredWorkflow& w : std::as_const(*all)) {
        out << w.workflow.name << '\t' << 'v' << w.version << '\t' << w.workflow.nodes.size() << " nodes" << '\t'
            << w.workflow.description.section(QLatin1Char('\n'), 0, 0) << "\n";
    }
    return kOk;
}

int show(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow show needs one NAME (see workflow --help)"), kUsage);
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto stored = named(*lib->store, a.positional.first());
    if (!stored) {
        return fail(err, stored.error().toString());
    }
    CliWorkflowProgress::printShow(*stored, out);
    return kOk;
}

int validate(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow validate needs one FILE.yml (see workflow --help)"), kUsage);
    }
    const QString file = a.positional.first();
    auto w = WorkflowYaml::loadFile(file);
    if (!w) {
        return fail(err, w.error().toString());
    }
    // The workspace's library when it exists; validating creates nothing.
    Names names;
    WorkflowLookup lookup;
    if (QFileInfo::exists(wsPath)) {
        auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
        if (!lib) {
            return fail(err, lib.error().toString());
        }
        auto found = libraryNames(*lib->workspace);
        if (!found) {
            return fail(err, found.error().toString());
        }
        names = *found;
        lookup = lookupOf(names);
    }
    if (const int n = printProblems(*w, lookup, file, err); n > 0) {
        return fail(err, QStringLiteral("%1: %2 problem(s)").arg(file).arg(n));
    }
    out << file << ": ok (" << w->nodes.size() << " nodes, " << w->edges.size() << " edges)\n";
    return kOk;
}

int versions(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow versions needs one NAME (see workflow --help)"), kUsage);
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto all = lib->store->versions(a.positional.first());
    if (!all) {
        return fail(err, all.error().toString());
    }
    for (const WorkflowVersion& v : std::as_const(*all)) {
        CliArgs::printVersionLine(out, v.version, v.createdAt, v.author, v.message);
    }
    return kOk;
}

int diff(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    QString name;
    int v1 = 0;
    int v2 = 0;
    if (const int code = CliArgs::diffArgs(words, QStringLiteral("workflow"), &name, &v1, &v2, err); code != kOk) {
        return code;
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto old = lib->store->version(name, v1);
    auto now = lib->store->version(name, v2);
    if (!old || !now) {
        return fail(err, (!old ? old.error() : now.error()).message);
    }
    CliArgs::printDiff(out, name, v1, old->yaml, v2, now->yaml);
    return kOk;
}

// retry and rerun act on the engine that runs the workflow: a run of this workspace is steered in its console.
int serverOnly(const QString& sub, QTextStream& err)
{
    return fail(err,
        QStringLiteral("`workflow %1` works on a control server's runs (--server URL --token-file F); a run of this "
                       "workspace is retried or re-run in the console that runs it (Retry Step, Re-run From Step)")
            .arg(sub),
        kUsage);
}

} // namespace

int runWorkflowCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    const QString& ws = workspacePath;
    return CliArgs::dispatch(args, kUsageText, QStringLiteral("workflow"),
        {
            { QLatin1String("import"), [&](const QStringList& rest) { return importFile(rest, ws, err); } },
            { QLatin1String("export"), [&](const QStringList& rest) { return exportOne(rest, ws, out, err); } },
            { QLatin1String("list"), [&](const QStringList& rest) { return list(rest, ws, out, err); } },
            { QLatin1String("show"), [&](const QStringList& rest) { return show(rest, ws, out, err); } },
            { QLatin1String("validate"), [&](const QStringList& rest) { return validate(rest, ws, out, err); } },
            { QLatin1String("versions"), [&](const QStringList& rest) { return versions(rest, ws, out, err); } },
            { QLatin1String("diff"), [&](const QStringList& rest) { return diff(rest, ws, out, err); } },
            { QLatin1String("run"),
                [&](const QStringList& rest) { return runWorkflowRunCommand(rest, ws, out, err); } },
            { QLatin1String("status"),
                [&](const QStringList& rest) { return runWorkflowStatusCommand(rest, ws, out, err); } },
            { QLatin1String("approve"),
                [&](const QStringList& rest) { return runWorkflowApproveCommand(rest, ws, out, err); } },
            { QLatin1String("retry"), [&](const QStringList&) { return serverOnly(QStringLiteral("retry"), err); } },
            { QLatin1String("rerun"), [&](const QStringList&) { return serverOnly(QStringLiteral("rerun"), err); } },
        },
        out, err);
}
