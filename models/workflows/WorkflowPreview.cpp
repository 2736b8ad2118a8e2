#include "WorkflowPreview.h"

#include "jinja/Template.h"
#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowYaml.h"

#include <QJsonObject>

namespace {

Error inputError(const QString& message)
{
    return Error(message, { QStringLiteral("workflow"), 0, 0 });
}

} // namespace

Result<QVariantMap> typedWorkflowParams(const Workflow& workflow, const QMap<QString, QString>& given)
{
    QVariantMap out;
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        if (!workflow.param(it.key())) {
            return inputError(QStringLiteral("--param %1: the workflow has no parameter '%1'").arg(it.key()));
        }
    }
    for (const WorkflowParam& p : workflow.params) {
        const bool has = given.contains(p.name);
        const QString text = has ? given.value(p.name) : p.defaultValue;
        if (!has && p.defaultValue.isEmpty()) {
            if (p.required) {
                return inputError(QStringLiteral("parameter '%1' is required: give --param %1=VALUE").arg(p.name));
            }
            out.insert(p.name, p.type == WorkflowParam::Type::Boolean ? QVariant(false) : QVariant(QString()));
            continue;
        }
        switch (p.type) {
        case WorkflowParam::Type::Number: {
            bool ok = false;
            const double d = text.toDouble(&ok);
            if (!ok) {
                return inputError(QStringLiteral("parameter '%1': '%2' is not a number").arg(p.name, text));
            }
            out.insert(p.name, d == qint64(d) ? QVariant(qint64(d)) : QVariant(d));
            break;
        }
        case WorkflowParam::Type::Boolean:
            if (text != QLatin1String("true") && text != QLatin1String("false")) {
                return inputError(QStringLiteral("parameter '%1': '%2' is not true or false").arg(p.name, text));
            }
            out.insert(p.name, text == QLatin1String("true"));
            break;
        case WorkflowParam::Type::Choice:
            if (!p.choices.contains(text)) {
                return inputError(QStringLiteral("parameter '%1': '%2' is not one of %3")
                                      .arg(p.name, text, p.choices.join(QStringLiteral(", "))));
            }
            out.insert(p.name, text);
            break;
        default:
            out.insert(p.name, text);
        }
    }
    return out;
}

Result<QString> renderWorkflowText(const QString& text, const QVariantMap& params, const QString& host)
{
    if (!text.contains(QLatin1String("{{")) && !text.contains(QLatin1String("{%"))) {
        return text;
    }
    auto t = Jinja::Template::parse(text, QStringLiteral("text"));
    if (!t) {
        return t.error();
    }
    QVariantMap context { { QStringLiteral("params"), params } };
    if (!host.isEmpty()) {
        context.insert(QStringLiteral("host"), host);
    }
    return t->render(context);
}

WorkflowPreview previewWorkflow(const Workflow& workflow, const QVariantMap& params, const QStringList& targets,
    const WorkflowTargetResolver& resolve, const QString& failingNode)
{
    WorkflowPreview out;
    WorkflowRun run;
    qint64 seq = 0;
    auto apply = [&](JobEvent e) {
        e.jobId = QStringLiteral("what-if");
        e.seq = ++seq;
        e.timeMs = seq;
        if (auto r = run.apply(e); !r) {
            out.problems.append(r.error().message);
        }
    };
    JobEvent created;
    created.type = JobEvent::Type::JobCreated;
    created.spec = std::make_shared<JobSpec>();
    apply(created);
    JobEvent started;
    started.type = JobEvent::Type::WorkflowStarted;
    started.workflowYaml = WorkflowYaml::save(workflow);
    started.params = QJsonObject::fromVariantMap(params);
    started.hosts = targets;
    apply(started);
    if (!run.isFinished() && run.nodes().isEmpty() && !workflow.nodes.isEmpty()) {
        return out; // the workflow did not load: the problem is listed
    }
    for (int wave = 1; wave <= workflow.nodes.size() + 1; ++wave) {
        const QList<WorkflowRun::Decision> decisions = run.decisions();
        if (decisions.isEmpty()) {
            break;
        }
        for (const WorkflowRun::Decision& d : decisions) {
            const WorkflowNode* node = workflow.node(d.node);
            WorkflowPreviewNode p;
            p.node = d.node;
            p.wave = wave;
            p.hostTouching = node->isHostTouching();
            JobEvent finished;
            finished.type = JobEvent::Type::NodeFinished;
            finished.node = d.node;
            finished.attempt = 1;
            if (!d.run) {
                p.outcome = QStringLiteral("skipped");
                p.note = d.reason;
                finished.outcome = p.outcome;
                apply(finished);
                out.nodes.append(p);
                continue;
            }
            QStringList hosts;
            if (p.hostTouching) {
                if (node->targets.isEmpty()) {
                    hosts = targets;
                } else if (node->targets.from != WorkflowTargets::From::None) {
                    hosts = run.flowHosts(node->targets);
                } else {
                    WorkflowTargets t = node->targets;
                    auto query = renderWorkflowText(t.query, params);
                    Result<QStringList> resolved = !query ? Result<QStringList>(query.error())
                        : resolve                         ? (t.query = *query, resolve(t))
                                                          : Result<QStringList>(t.hosts);
                    if (resolved) {
                        hosts = *resolved;
                    } else {
                        p.note = resolved.error().message;
                        out.problems.append(QStringLiteral("node '%1': targets: %2").arg(d.node, p.note));
                    }
                }
                p.hosts = int(hosts.size());
                for (const QStringList& batch : node->plan.split(hosts)) {
                    p.batchSizes.append(int(batch.size()));
                }
            }
            JobEvent begin;
            begin.type = JobEvent::Type::NodeStarted;
            begin.node = d.node;
            begin.attempt = 1;
            begin.hosts = hosts;
            apply(begin);
            const bool fails = d.node == failingNode;
            p.outcome = fails ? QStringLiteral("failed") : QStringLiteral("succeeded");
            finished.outcome = p.outcome;
            (fails ? finished.failedHosts : finished.hosts) = hosts;
            QStringList problems;
            finished.edges = run.edgesTakenBy(finished, {}, &problems);
            out.problems += problems;
            apply(finished);
            out.nodes.append(p);
        }
    }
    out.outcome = run.outcomeNow();
    return out;
}
