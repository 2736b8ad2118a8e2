// The workflow routes of Api (docs/api/openapi.yaml, tag workflows; docs/workflows.md "On the control server"):
// list, read, create or update from YAML (refused with every validation problem, each naming node and field), delete,
// versions, the what-if preview, runs started on the server (WorkflowRuns), and approvals of a run's waiting node.
#include "Api.h"

#include "ApiJson.h"
#include "BodyFields.h"
#include "WorkflowRuns.h"
#include "core/VarCodec.h"
#include "jobs/JobStore.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowEngine.h"
#include "workflows/WorkflowEnvironment.h"
#include "workflows/WorkflowPreview.h"
#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowValidation.h"
#include "workflows/WorkflowYaml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

using namespace ApiJson;

namespace {

ApiResponse internal(const Error& e)
{
    return Api::error(500, QStringLiteral("internal"), e.toString());
}

ApiResponse noWorkflow(const QString& name)
{
    return Api::error(404, QStringLiteral("not_found"), QStringLiteral("no workflow named %1").arg(name));
}

// The stored workflow a path names: nullopt and *answer set (404, or 500) when there is none.
std::optional<StoredWorkflow> lookup(Workspace& ws, const QString& name, ApiResponse* answer)
{
    auto found = WorkflowStore(ws).findByName(name);
    if (!found) {
        *answer = internal(found.error());
        return std::nullopt;
    }
    if (!*found) {
        *answer = noWorkflow(name);
    }
    return *found;
}

QJsonObject paramJson(const WorkflowParam& p)
{
    QJsonObject o { { QStringLiteral("name"), p.name }, { QStringLiteral("type"), WorkflowParam::typeName(p.type) },
        { QStringLiteral("required"), p.required }, { QStringLiteral("description"), p.description } };
    // A secret's default is not told.
    o.insert(QStringLiteral("default"),
        p.defaultValue.isEmpty() || p.type == WorkflowParam::Type::Secret ? QJsonValue() : QJsonValue(p.defaultValue));
    if (p.type == WorkflowParam::Type::Choice) {
        o.insert(QStringLiteral("choices"), QJsonArray::fromStringList(p.choices));
    }
    return o;
}

QJsonObject summaryJson(const StoredWorkflow& s)
{
    QJsonArray params;
    for (const WorkflowParam& p : s.workflow.params) {
        params.append(paramJson(p));
    }
    return { { QStringLiteral("name"), s.workflow.name }, { QStringLiteral("description"), s.workflow.description },
        { QStringLiteral("version"), s.version }, { QStringLiteral("createdAt"), iso(s.createdAt) },
        { QStringLiteral("updatedAt"), iso(s.updatedAt) }, { QStringLiteral("author"), s.author },
        { QStringLiteral("nodeCount"), int(s.workflow.nodes.size()) }, { QStringLiteral("params"), params } };
}

QJsonObject workflowJson(const StoredWorkflow& s)
{
    QJsonObject o = summaryJson(s);
    o.insert(QStringLiteral("yaml"), s.yaml);
    return o;
}

// Where a problem is, as a field path: "nodes.push.template", "edges[3].when", "params" (the workflow's own).
QString problemField(const WorkflowProblem& p)
{
    QString where;
    if (p.edge >= 0) {
        where = QStringLiteral("edges[%1]").arg(p.edge);
    } else if (!p.node.isEmpty()) {
        where = QStringLiteral("nodes.") + p.node;
    }
    if (p.field.isEmpty()) {
        return where;
    }
    return where.isEmpty() ? p.field : where + u'.' + p.field;
}

// 400 invalid_workflow with every problem listed, each naming its node (or edge) and field.
ApiResponse invalidWorkflow(const Workflow& w, const QList<WorkflowProblem>& problems)
{
    QJsonArray list;
    for (const WorkflowProblem& p : problems) {
        QJsonObject o { { QStringLiteral("field"), p.field }, { QStringLiteral("message"), p.message },
            { QStringLiteral("text"), p.toString(w) } };
        o.insert(QStringLiteral("node"), p.node.isEmpty() ? QJsonValue() : QJsonValue(p.node));
        o.insert(QStringLiteral("edge"), p.edge >= 0 ? QJsonValue(p.edge) : QJsonValue());
        o.insert(QStringLiteral("column"), p.column > 0 ? QJsonValue(p.column) : QJsonValue());
        list.append(o);
    }
    ApiResponse r = Api::error(400, QStringLiteral("invalid_workflow"),
        QStringLiteral("workflow %1 has %2 problem(s); the first: %3")
            .arg(w.name)
            .arg(problems.size())
            .arg(problems.first().toString(w)),
        problemField(problems.first()));
    QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QJsonObject e = body.value(QStringLiteral("error")).toObject();
    e.insert(QStringLiteral("problems"), list);
    body.insert(QStringLiteral("error"), e);
    r.body = json(body);
    return r;
}

} // namespace

ApiResponse Api::workflowList(const ApiRequest&, const TokenStore::Token&, const QStringList&)
{
    auto all = WorkflowStore(m_workspace).loadAll();
    if (!all) {
        return internal(all.error());
    }
    QJsonArray out;
    for (const StoredWorkflow& s : *all) {
        out.append(summaryJson(s));
    }
    return ok({ { QStringLiteral("workflows"), out } });
}

ApiResponse Api::workflowGet(const ApiRequest&, const TokenStore::Token&, const QStringList& args)
{
    ApiResponse missing;
    const std::optional<StoredWorkflow> found = lookup(m_workspace, args.value(0), &missing);
    return found ? ok(workflowJson(*found)) : missing;
}

ApiResponse Api::workflowWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const QString name = args.value(0);
    bool isNew = false;
    const auto answer = [&]() -> ApiResponse {
        // JSON {yaml, message, base_version} when the body is a JSON object, else the body is the YAML itself.
        const bool jsonBody = r.body.trimmed().startsWith('{');
        BodyFields fields(jsonBody ? r.body : QByteArrayLiteral("{}"),
            { QStringLiteral("yaml"), QStringLiteral("message"), QStringLiteral("base_version") });
        const QString yaml = jsonBody ? fields.text(QStringLiteral("yaml"), true) : QString::fromUtf8(r.body);
        const QString message = fields.string(QStringLiteral("message"), false, 10'000);
        const std::optional<qint64> base = baseVersion(r, fields);
        if (fields.ok() && yaml.trimmed().isEmpty()) {
            fields.fail(QStringLiteral("yaml"), QStringLiteral("the workflow's YAML is empty"));
        }
        if (fields.problem()) {
            return *fields.problem();
        }
        auto loaded = WorkflowYaml::load(yaml, name + QStringLiteral(".yml"));
        if (!loaded) {
            return error(400, QStringLiteral("invalid_yaml"), loaded.error().toString(), QStringLiteral("yaml"));
        }
        Workflow w = *loaded;
        if (w.name.isEmpty()) {
            w.name = name;
        }
        if (w.name != name) {
            return badRequest(
                QStringLiteral("the YAML names the workflow '%1', the path '%2': they must agree").arg(w.name, name),
                QStringLiteral("name"));
        }
        if (const QString problem = Workflow::nameProblem(name); !problem.isEmpty()) {
            return badRequest(problem, QStringLiteral("name"));
        }
        if (const QList<WorkflowProblem> problems = WorkflowRuns::validate(m_workspace, w); !problems.isEmpty()) {
            return invalidWorkflow(w, problems);
        }
        WorkflowStore store(m_workspace);
        auto current = store.findByName(name);
        if (!current) {
            return internal(current.error());
        }
        isNew = !current->has_value();
        if (!isNew) {
            if (!base) {
                return badRequest(QStringLiteral("base_version (or an If-Match header) is required: the version this "
                                                 "change is based on (workflow %1 is at version %2)")
                                      .arg(name)
                                      .arg((*current)->version),
                    QStringLiteral("base_version"));
            }
            if (*base != (*current)->version) {
                return conflict(QStringLiteral("workflow %1 is at version %2, not %3: someone saved it since; read it "
                                               "again, merge, and send base_version %2")
                                    .arg(name)
                                    .arg((*current)->version)
                                    .arg(*base),
                    QStringLiteral("base_version"), (*current)->version);
            }
        }
        store.setAuthor(who.name);
        bool changed = false;
        auto saved = store.save(w, message, &changed);
        if (!saved) {
            return badRequest(saved.error().message, QStringLiteral("yaml"));
        }
        QJsonObject out = workflowJson(*saved);
        out.insert(QStringLiteral("changed"), changed);
        return ok(out, isNew ? 201 : 200);
    }();
    record(r, who.name, isNew ? QStringLiteral("workflow.create") : QStringLiteral("workflow.update"),
        QStringLiteral("workflow ") + name, answer);
    return answer;
}

ApiResponse Api::workflowDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const QString name = args.value(0);
    const auto answer = [&]() -> ApiResponse {
        ApiResponse missing;
        const std::optional<StoredWorkflow> found = lookup(m_workspace, name, &missing);
        if (!found) {
            return missing;
        }
        BodyFields none(QByteArrayLiteral("{}"), {});
        const std::optional<qint64> base = baseVersion(r, none);
        if (none.problem()) {
            return *none.problem();
        }
        if (base && *base != found->version) {
            return conflict(
                QStringLiteral("workflow %1 is at version %2, not %3").arg(name).arg(found->version).arg(*base),
                QStringLiteral("If-Match"), found->version);
        }
        if (auto removed = WorkflowStore(m_workspace).remove(name); !removed) {
            return internal(removed.error());
        }
        return ok({ { QStringLiteral("deleted"), name }, { QStringLiteral("version"), found->version } });
    }();
    record(r, who.name, QStringLiteral("workflow.delete"), QStringLiteral("workflow ") + name, answer);
    return answer;
}

ApiResponse Api::workflowVersions(const ApiRequest&, const TokenStore::Token&, const QStringList& args)
{
    ApiResponse missing;
    const std::optional<StoredWorkflow> found = lookup(m_workspace, args.value(0), &missing);
    if (!found) {
        return missing;
    }
    auto all = WorkflowStore(m_workspace).versions(found->workflow.name);
    if (!all) {
        return internal(all.error());
    }
    const bool one = args.size() > 1;
    const int wanted = args.value(1).toInt();
    QJsonArray out;
    for (const WorkflowVersion& v : *all) {
        QJsonObject o { { QStringLiteral("version"), v.version }, { QStringLiteral("createdAt"), iso(v.createdAt) },
            { QStringLiteral("author"), v.author }, { QStringLiteral("message"), v.message } };
        if (one && v.version == wanted) {
            o.insert(QStringLiteral("name"), found->workflow.name);
            o.insert(QStringLiteral("yaml"), v.yaml);
            return ok(o);
        }
        out.append(o);
    }
    if (one) {
        return error(404, QStringLiteral("not_found"),
            QStringLiteral("workflow %1 has versions 1 to %2, not %3")
                .arg(found->workflow.name)
                .arg(found->version)
                .arg(wanted));
    }
    return ok({ { QStringLiteral("name"), found->workflow.name }, { QStringLiteral("current"), found->version },
        { QStringLiteral("versions"), out } });
}

ApiResponse Api::workflowPreview(const ApiRequest& r, const TokenStore::Token&, const QStringList& args)
{
    BodyFields fields(r.body.trimmed().isEmpty() ? QByteArrayLiteral("{}") : r.body,
        { QStringLiteral("params"), QStringLiteral("hosts"), QStringLiteral("fail") });
    const QMap<QString, QString> given = launchParams(fields);
    const QString hostsQuery = fields.string(QStringLiteral("hosts"), false, 10'000);
    const QString failing = fields.string(QStringLiteral("fail"));
    if (fields.problem()) {
        return *fields.problem();
    }
    ApiResponse missing;
    const std::optional<StoredWorkflow> found = lookup(m_workspace, args.value(0), &missing);
    if (!found) {
        return missing;
    }
    const Workflow& w = found->workflow;
    if (!failing.isEmpty() && !w.node(failing)) {
        return badRequest(QStringLiteral("the workflow has no node '%1'").arg(failing), QStringLiteral("fail"));
    }
    auto typed = typedWorkflowParams(w, given);
    if (!typed) {
        return badRequest(typed.error().message, QStringLiteral("params"));
    }
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    WorkflowTargets targets = w.targets;
    if (!hostsQuery.isEmpty()) {
        targets = WorkflowTargets();
        targets.query = hostsQuery;
    }
    auto query = renderWorkflowText(targets.query, *typed);
    if (!query) {
        return badRequest(QStringLiteral("targets: ") + query.error().message, QStringLiteral("hosts"));
    }
    targets.query = *query;
    auto hosts = WorkflowEnvironment::resolve(state->inventory, targets);
    if (!hosts) {
        return badRequest(QStringLiteral("targets: ") + hosts.error().message, QStringLiteral("hosts"));
    }
    const Inventory& inventory = state->inventory;
    const WorkflowPreview preview = previewWorkflow(
        w, *typed, *hosts,
        [&inventory](const WorkflowTargets& t) { return WorkflowEnvironment::resolve(inventory, t); }, failing);
    QJsonArray nodes;
    for (const WorkflowPreviewNode& n : preview.nodes) {
        QJsonArray batches;
        for (int b : n.batchSizes) {
            batches.append(b);
        }
        const WorkflowNode* node = w.node(n.node);
        nodes.append(QJsonObject { { QStringLiteral("node"), n.node },
            { QStringLiteral("kind"), node ? WorkflowNode::kindName(node->kind) : QString() },
            { QStringLiteral("wave"), n.wave }, { QStringLiteral("outcome"), n.outcome },
            { QStringLiteral("hostTouching"), n.hostTouching }, { QStringLiteral("hosts"), n.hosts },
            { QStringLiteral("batches"), batches }, { QStringLiteral("note"), n.note } });
    }
    QJsonObject out { { QStringLiteral("workflow"), w.name }, { QStringLiteral("version"), found->version },
        { QStringLiteral("hosts"), QJsonArray::fromStringList(*hosts) }, { QStringLiteral("nodes"), nodes },
        { QStringLiteral("outcome"), preview.outcome },
        { QStringLiteral("problems"), QJsonArray::fromStringList(preview.problems) } };
    out.insert(QStringLiteral("fail"), failing.isEmpty() ? QJsonValue() : QJsonValue(failing));
    return ok(out);
}

ApiResponse Api::workflowRun(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const QString name = args.value(0);
    QString target = QStringLiteral("workflow ") + name;
    const auto answer = [&]() -> ApiResponse {
        if (!m_workflowRuns) {
            return error(503, QStringLiteral("unavailable"), QStringLiteral("this server does not run workflows"));
        }
        if (m_draining) {
            return drainingError();
        }
        BodyFields fields(r.body.trimmed().isEmpty() ? QByteArrayLiteral("{}") : r.body,
            { QStringLiteral("params"), QStringLiteral("hosts") });
        const QMap<QString, QString> given = launchParams(fields);
        const QString hostsQuery = fields.string(QStringLiteral("hosts"), false, 10'000);
        if (fields.problem()) {
            return *fields.problem();
        }
        ApiResponse missing;
        const std::optional<StoredWorkflow> found = lookup(m_workspace, name, &missing);
        if (!found) {
            return missing;
        }
        if (const QList<WorkflowProblem> problems = WorkflowRuns::validate(m_workspace, found->workflow);
            !problems.isEmpty()) {
            return invalidWorkflow(found->workflow, problems);
        }
        QString field;
        auto id = m_workflowRuns->start(*found, given, hostsQuery, who.name, &field);
        if (!id) {
            return field.isEmpty() ? internal(id.error()) : badRequest(id.error().message, field);
        }
        target = QStringLiteral("workflow %1 (job %2)").arg(name, *id);
        return ok({ { QStringLiteral("id"), *id }, { QStringLiteral("workflow"), name },
                      { QStringLiteral("version"), found->version } },
            201);
    }();
    record(r, who.name, QStringLiteral("workflow.run"), target, answer);
    return answer;
}

ApiResponse Api::workflowApproval(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const QString jobId = args.value(0);
    const QString node = args.value(1);
    QString action = QStringLiteral("workflow.approval");
    const auto answer = [&]() -> ApiResponse {
        BodyFields fields(r.body, { QStringLiteral("decision"), QStringLiteral("comment") });
        const QString decision = fields.string(QStringLiteral("decision"), true);
        const QString comment = fields.string(QStringLiteral("comment"), false, 10'000);
        if (fields.ok() && decision != QLatin1String("approve") && decision != QLatin1String("reject")) {
            fields.fail(QStringLiteral("decision"), QStringLiteral("decision must be approve or reject"));
        }
        if (fields.problem()) {
            return *fields.problem();
        }
        action = QStringLiteral("workflow.") + decision;
        WorkflowEngine* engine = m_workflowRuns ? m_workflowRuns->running(jobId) : nullptr;
        if (!engine) {
            if (!JobStore(m_workspace).job(jobId)) {
                return error(404, QStringLiteral("not_found"), QStringLiteral("no job with the id %1").arg(jobId));
            }
            return error(409, QStringLiteral("conflict"),
                QStringLiteral("job %1 is no workflow run going on on this server (finished, interrupted, or run by "
                               "another program)")
                    .arg(jobId));
        }
        const WorkflowNodeRun* n = engine->run().node(node);
        if (!n) {
            return error(404, QStringLiteral("not_found"), QStringLiteral("the workflow has no node '%1'").arg(node));
        }
        if (n->status != WorkflowNodeRun::Status::WaitingForApproval) {
            return error(409, QStringLiteral("conflict"),
                QStringLiteral("node '%1' of job %2 is not waiting for an approval (it is %3)")
                    .arg(node, jobId, WorkflowNodeRun::statusName(n->status)));
        }
        if (!n->approvers.isEmpty() && !n->approvers.contains(who.name)) {
            return error(403, QStringLiteral("not_an_approver"),
                QStringLiteral("'%1' may not decide node '%2' (approvers: %3)")
                    .arg(who.name, node, n->approvers.join(QStringLiteral(", "))));
        }
        if (n->commentRequired && comment.trimmed().isEmpty()) {
            return badRequest(
                QStringLiteral("node '%1' needs a comment with the decision").arg(node), QStringLiteral("comment"));
        }
        // Approving starts nodes again: not while the server stops (a rejection only ends branches).
        if (m_draining && decision == QLatin1String("approve")) {
            return drainingError();
        }
        if (auto done = engine->decide(node, decision == QLatin1String("approve"), who.name, comment); !done) {
            return error(409, QStringLiteral("conflict"), done.error().message);
        }
        return ok({ { QStringLiteral("id"), jobId }, { QStringLiteral("node"), node },
            { QStringLiteral("decision"), decision }, { QStringLiteral("by"), who.name } });
    }();
    record(r, who.name, action, QStringLiteral("job %1 node %2").arg(jobId, node), answer);
    return answer;
}

ApiResponse Api::workflowNode(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const QString jobId = args.value(0);
    const QString node = args.value(1);
    const bool retry = args.value(2) == QLatin1String("retry");
    const QString action = retry ? QStringLiteral("retry-node") : QStringLiteral("rerun-from");
    const auto answer = [&]() -> ApiResponse {
        if (!r.body.trimmed().isEmpty()) {
            BodyFields fields(r.body, {}); // no fields: an empty body or {}
            if (fields.problem()) {
                return *fields.problem();
            }
        }
        WorkflowEngine* engine = m_workflowRuns ? m_workflowRuns->kept(jobId) : nullptr;
        if (!engine) {
            if (!JobStore(m_workspace).job(jobId)) {
                return error(404, QStringLiteral("not_found"), QStringLiteral("no job with the id %1").arg(jobId));
            }
            return error(409, QStringLiteral("conflict"),
                QStringLiteral("job %1 is no workflow run this server keeps (a run of an earlier start of the server, "
                               "one of the %2 newest finished runs, or a run by another program): start it again")
                    .arg(jobId)
                    .arg(WorkflowRuns::kKeptFinished));
        }
        if (!engine->run().node(node)) {
            return error(404, QStringLiteral("not_found"), QStringLiteral("the workflow has no node '%1'").arg(node));
        }
        // Both start nodes again: not while the server stops.
        if (m_draining) {
            return drainingError();
        }
        const auto done = retry ? engine->retryNode(node, who.name) : engine->rerunFrom(node, who.name);
        if (!done) {
            return error(409, QStringLiteral("conflict"), done.error().message);
        }
        return ok({ { QStringLiteral("id"), jobId }, { QStringLiteral("node"), node },
            { QStringLiteral("action"), action }, { QStringLiteral("by"), who.name } });
    }();
    record(
        r, who.name, QStringLiteral("workflow.") + action, QStringLiteral("job %1 node %2").arg(jobId, node), answer);
    return answer;
}

std::optional<ApiResponse> Api::interveneWorkflow(const QString& jobId, const QString& what, const QString& by)
{
    WorkflowEngine* engine = m_workflowRuns ? m_workflowRuns->running(jobId) : nullptr;
    if (!engine) {
        return std::nullopt;
    }
    Result<void> done;
    if (what == QLatin1String("pause")) {
        done = engine->pause(by);
    } else if (what == QLatin1String("resume")) {
        done = engine->resume(by);
    } else if (what == QLatin1String("cancel")) {
        done = engine->cancel(by);
    } else {
        return error(409, QStringLiteral("conflict"),
            QStringLiteral("job %1 is a workflow run: it can be paused, resumed and cancelled; its nodes' own jobs "
                           "take the other interventions")
                .arg(jobId));
    }
    if (!done) {
        return error(409, QStringLiteral("conflict"), done.error().message);
    }
    return ok({ { QStringLiteral("id"), jobId }, { QStringLiteral("done"), what } });
}
